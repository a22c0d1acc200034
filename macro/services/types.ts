/**
 * How the request reaches the service: a form-encoded body (Query protocol), a JSON body (AWS JSON
 * protocol, Lambda payloads), or the method request passed through with request parameters only (S3 REST).
 */
export type WireProtocol = 'form' | 'json' | 'rest';

/** The kinds of values an action parameter accepts, and so how each is validated and encoded. */
export type ParameterKind =
  /** Text: a JSON string, a form field or a request parameter. */
  | 'string'
  /** A whole number; selector values are checked at call time against `pattern`. */
  | 'integer'
  /** A JSON number (a model's float, double or timestamp); selector values are checked at call time. */
  | 'number'
  /** true or false. */
  | 'boolean'
  /** SQS/SNS message attributes: name → value or {DataType, Value}. */
  | 'messageAttributes'
  /** Text sent base64-encoded (Kinesis and Firehose `Data`). */
  | 'base64'
  /** A JSON document sent as a JSON string (Step Functions `input`, EventBridge `Detail`). */
  | 'document'
  /** A JSON array in the request body whose elements feed the `$item` selectors of per-item parameters. */
  | 'list'
  /** DynamoDB: a map attribute name → plain value, sent as typed attribute values (Key, ExpressionAttributeValues). */
  | 'attributeValues'
  /** DynamoDB: a whole item, from a JSON object in the request or a map of attribute name → value. */
  | 'item'
  /** DynamoDB: a map of literal `#name` → attribute name (ExpressionAttributeNames). */
  | 'attributeNames'
  /** DynamoDB: the `nextToken` a Query/Scan response gave, turned back into ExclusiveStartKey. */
  | 'pageToken'
  /** Any JSON value: literals, selectors and nested objects/arrays of them (generic mode, Lambda payloads). */
  | 'json'
  /** A structure, list or map of a Query-protocol action, flattened into form fields as the service's model says. */
  | 'form';

/** One API parameter of a service action, as users write it under `Parameters`. */
export interface ParameterDefinition {
  /** What it does, for documentation and error messages. */
  description: string;
  kind: ParameterKind;
  /**
   * The parameter's name on the wire: a form or JSON field name; for message attributes a prefix
   * with `{n}` for the entry number; for `in: 'requestParameter'` the integration request
   * parameter, e.g. `integration.request.header.Range`.
   */
  wireName: string;
  /** Where the value goes; the body unless it is an integration request parameter. */
  in?: 'body' | 'requestParameter';
  /** A selector or literal used when the user gives none. */
  default?: string;
  /** Whether the service rejects requests without it (and no default supplies it). */
  required?: boolean;
  /** Inclusive bounds for integer literals. */
  minimum?: number;
  maximum?: number;
  /** A Java regex a selector's value must match at call time (the field is left out otherwise). */
  pattern?: string;
  /** Literal values allowed. */
  allowed?: readonly string[];
  /** The value must be known at transform time (a literal), e.g. because the IAM policy depends on it. */
  literalOnly?: boolean;
  /** Names the `list` parameter whose elements `$item` selectors of this parameter read. */
  perItemOf?: string;
  /** Message attributes: the names reserved by AWS (`AWS.…`) this action still takes, e.g. SNS's `AWS.SNS.SMS.SMSType`. */
  reservedAttributeNames?: readonly string[];
}

/** How the resource named by `Target` is recognised and taken apart. */
export interface TargetDefinition {
  /** What users should pass, for error messages and docs. */
  description: string;
  /** The CloudFormation type of a same-template resource that can be the target. */
  resourceType: string;
  /** GetAtt attribute giving the ARN of a same-template resource; undefined when `Ref` gives the ARN. */
  arnAttribute?: string;
  /** GetAtt attribute giving the resource name; undefined when `Ref` gives the name. */
  nameAttribute?: string;
  /** The ARN's service field, e.g. `sqs` in `arn:aws:sqs:us-east-1:123456789012:orders`. */
  arnService: string;
  /**
   * The resource type the Service Authorization Reference gives this target (`queue`), so that actions
   * derived from AWS's models that act on it resolve Target as the service's own actions do.
   */
  iamResourceType?: string;
  /** The ARN's resource field before the name, e.g. `table/` or `stateMachine:`; empty when the name is the whole field. */
  resourcePrefix?: string;
  /**
   * The resource names AWS allows (a regex source, anchored when used), e.g. `[A-Za-z0-9_-]{1,80}(\.fifo)?`
   * for queues. A Target or parameter value whose name does not match is refused: names land in
   * URIs, policies and mapping templates, where a `$`, quote or `*` would be code or a wildcard.
   */
  namePattern: string;
  /** The name may hold '/' or ':' (SSM parameter paths; resource types derived from IAM's ARN patterns). */
  hierarchicalName?: boolean;
  /** Also accepted: an `https://` URL whose last two path segments are account and name (SQS queue URLs). */
  acceptsQueueUrl?: boolean;
  /**
   * ARN fields the service leaves empty, e.g. an S3 bucket's Region and account (`arn:aws:s3:::name`):
   * the stack's own values stand in for them wherever the URI needs them.
   */
  emptyArnFields?: readonly ('region' | 'account')[];
  /** The resource used when `Target` is left out (EventBridge's `default` bus); absent → Target is required. */
  defaultName?: string;
  /**
   * Other resource types a `Ref`/`GetAtt` may name as the target: SAM's, which become `resourceType`
   * under the same logical ID once SAM runs (so what the macro writes holds in either transform order),
   * and Lambda aliases and versions, whose `Ref` is a qualified function ARN.
   */
  otherResourceTypes?: readonly TargetResourceType[];
  /**
   * The text a qualifier after the name may have (a regex source, anchored when used), e.g. a Lambda
   * alias or version in `function:name:live`; absent → an ARN names its resource with no qualifier.
   */
  qualifierPattern?: string;
}

/** A resource type a Target may refer to besides the service's own, and how it yields the ARN and name. */
export interface TargetResourceType {
  /** The CloudFormation or SAM resource type. */
  type: string;
  /** GetAtt attribute giving the ARN; undefined when `Ref` gives the ARN. */
  arnAttribute?: string;
  /** GetAtt attribute giving the name; undefined when `Ref` gives it. */
  nameAttribute?: string;
  /** The name is cut out of the ARN (a Lambda alias's `Ref` is an ARN, and it has no name attribute). */
  nameFromArn?: boolean;
  /**
   * SAM's references to a resource it makes from this one (`!Ref Fn.Alias`), by the name after the dot:
   * the property whose literal value names the made resource, what SAM calls the property's value,
   * the pattern SAM allows for it, the made resource's type, and its logical ID as SAM derives it.
   */
  samReferences?: Readonly<Record<string, SamDerivedReference>>;
}

/** A resource SAM derives from another and lets templates refer to as `<LogicalId>.<Name>`. */
export interface SamDerivedReference {
  /** The property of the SAM resource that makes SAM create it, e.g. `AutoPublishAlias`. */
  property: string;
  /** The values SAM allows for that property (a regex source, anchored when used). */
  valuePattern: string;
  /** The type SAM creates, one of the target's resource types. */
  type: string;
  /** The suffix SAM appends to the logical ID, before the property's value. */
  logicalIdSuffix: string;
  /** Characters SAM replaces in the value to make it part of a logical ID. */
  logicalIdReplacements: Readonly<Record<string, string>>;
}

/** A response mapping from the service's answer to the client's. */
export interface ResponseDefinition {
  /** Regex on the service's HTTP status (Lambda: on the function's errorMessage); undefined for the default response. */
  selectionPattern?: string;
  statusCode: string;
  /** VTL rendering the client body (application/json); undefined passes the service's body through (S3 objects). */
  responseTemplate?: string;
  /** Method response headers filled from the service's answer: `method.response.header.X` → `integration.response.header.X`. */
  responseParameters?: Readonly<Record<string, string>>;
  /** Other statuses the template may set through `$context.responseOverride.status`, declared as method responses. */
  overrideStatusCodes?: readonly string[];
  /**
   * A 200 that can still report failed entries (PutEvents, PutRecords, PutRecordBatch): the JSON path of
   * the failure count and the 502 body to render when it is above 0. The check runs before any success
   * body, the action's or the user's `Response`.
   */
  partialFailure?: { failedCountPath: string; errorTemplate: string };
}

/** One IAM statement the generated role needs for an action. */
export interface IamGrant {
  actions: readonly string[];
  /**
   * The resource, with `{TargetArn}` and `{Parameter}` placeholders, e.g. `{TargetArn}/*` or
   * `{TargetArn}/index/{IndexName}`; the literal `*` only for actions without resource-level permissions.
   */
  resource: string;
  /** Only when this (literal-only) parameter is given / not given. */
  when?: { parameter: string; present: boolean };
  /** Why the grant is as wide as it is (an action without resource types → `*`), said in the role's Metadata. */
  note?: string;
}

/** Where a value goes in a JSON request body. */
export type BodyNode =
  /** A parameter's value, encoded by its kind; `mergeKeyFrom` adds an `attributeValues` parameter to an item. */
  | { parameter: string; mergeKeyFrom?: string }
  /** The target's ARN or name. */
  | { target: 'arn' | 'name' }
  /** A fixed string. */
  | { literal: string }
  /** A JSON object; fields whose value is absent at call time are left out. */
  | { object: Readonly<Record<string, BodyNode>> }
  /** A JSON array: one element per element of the `list` parameter, or a single element when it is not given. */
  | { each: string; element: Readonly<Record<string, BodyNode>> };

/** Responses that replace the action's own when a literal parameter has a given value (Lambda `InvocationType: Event`). */
export interface ResponseVariant {
  parameter: string;
  equals: string;
  responses: readonly ResponseDefinition[];
}

/** Everything the macro needs to integrate one service action; adding an action means adding one of these. */
export interface ActionDefinition {
  /**
   * The service part of the integration URI after `arn:{partition}:apigateway:{region}:`, with
   * placeholders `{TargetAccount}`, `{TargetName}`, `{TargetRegion}`, `{TargetArn}`.
   */
  uri: string;
  integrationHttpMethod: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
  protocol: WireProtocol;
  /** Static integration request parameters, e.g. a Content-Type header (values are quoted literals). */
  requestParameters: Record<string, string>;
  /** Form protocol: fixed leading fields of the body, e.g. `Action=SendMessage` and the API version. */
  fixedFields: readonly [string, string][];
  /** Form protocol: body fields filled from the target: field name → which part of the target. */
  targetFields: readonly [string, 'arn' | 'name'][];
  /** JSON protocol: the shape of the body. */
  body?: BodyNode;
  parameters: Record<string, ParameterDefinition>;
  /** Least-privilege IAM statements: exactly the actions on exactly the resources the call needs. */
  iam: readonly IamGrant[];
  responses: readonly ResponseDefinition[];
  responseVariants?: readonly ResponseVariant[];
  /**
   * A parameter that makes the call act on no resource (SNS Publish's `PhoneNumber`): with it, `Target`
   * must be left out, the target fields are not sent, and only the grants `when` it is present apply.
   */
  noTargetWith?: string;
  /**
   * REST actions that address an object by a caller's value (S3 keys): the request template refuses a
   * value with a `.` or `..` segment (URL normalisation would resolve it into another bucket, or the
   * bucket's listing) with 400, and steers the refused call to path parameter values that name nothing.
   */
  pathGuard?: {
    /** The parameter holding the value (`Key`). */
    parameter: string;
    /** Integration path parameter → value for a refused request, e.g. a bucket name no one can have. */
    refusedPath: Readonly<Record<string, string>>;
  };
  /**
   * REST actions whose body is the payload (S3 PutObject): the media types the request template
   * carries byte for byte — binary ones as API Gateway hands them to templates (base64), text ones
   * base64-encoded by the template — with CONVERT_TO_BINARY turning the template's base64 back into
   * the bytes. Other media types are refused (415).
   */
  bodyMediaTypes?: { binary: readonly string[]; text: readonly string[] };
  /** Whether the action serves an object (S3 GetObject/HeadObject), so ObjectResponse applies to its success responses. */
  servesObject?: boolean;
  /** Media types API Gateway must treat as binary for this action (added to a generated API's BinaryMediaTypes). */
  binaryMediaTypes?: readonly string[];
  /** Request content handling; unset passes the payload through as it came. */
  contentHandling?: 'CONVERT_TO_BINARY' | 'CONVERT_TO_TEXT';
}

/** One AWS service: its target resource and its actions. */
export interface ServiceDefinition {
  /** The service name as API Gateway's integration URIs spell it (`sqs`, `sns`, `dynamodb`, ...). */
  service: string;
  target: TargetDefinition;
  actions: Record<string, ActionDefinition>;
}
