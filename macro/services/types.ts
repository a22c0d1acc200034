/** How the request body sent to the service is encoded. */
export type WireProtocol = 'form' | 'json';

/** The kinds of values an action parameter accepts. */
export type ParameterKind = 'string' | 'integer' | 'messageAttributes';

/** One API parameter of a service action, as users write it under `Parameters`. */
export interface ParameterDefinition {
  /** What it does, for documentation and error messages. */
  description: string;
  kind: ParameterKind;
  /** The parameter's name on the wire; for message attributes a prefix with `{n}` for the entry number. */
  wireName: string;
  /** A selector or literal used when the user gives none. */
  default?: string;
  /** Whether the service rejects requests without it (and no default supplies it). */
  required?: boolean;
  /** Inclusive bounds for integer literals. */
  minimum?: number;
  maximum?: number;
}

/** How the resource named by `Target` is recognised and taken apart. */
export interface TargetDefinition {
  /** What users should pass, for error messages and docs. */
  description: string;
  /** The CloudFormation type of a same-template resource that can be the target. */
  resourceType: string;
  /** GetAtt attribute giving the ARN of a same-template resource; undefined when `Ref` gives the ARN. */
  arnAttribute?: string;
  /** GetAtt attribute giving the resource name (last ARN field) of a same-template resource. */
  nameAttribute: string;
  /** The ARN's service field, e.g. `sqs` in `arn:aws:sqs:us-east-1:123456789012:orders`. */
  arnService: string;
  /** Also accepted: an `https://` URL whose last two path segments are account and name (SQS queue URLs). */
  acceptsQueueUrl?: boolean;
}

/** A response mapping from the service's answer to the client's. */
export interface ResponseDefinition {
  /** Regex on the service's HTTP status; undefined for the default (success) response. */
  selectionPattern?: string;
  statusCode: string;
  /** VTL rendering the client body (application/json). */
  responseTemplate: string;
}

/** Everything the macro needs to integrate one service action; adding an action means adding one of these. */
export interface ActionDefinition {
  /**
   * The service part of the integration URI after `arn:{partition}:apigateway:{region}:`, with
   * placeholders `{TargetAccount}`, `{TargetName}`, `{TargetRegion}`.
   */
  uri: string;
  integrationHttpMethod: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  protocol: WireProtocol;
  /** Static integration request parameters, e.g. a Content-Type header (values are quoted literals). */
  requestParameters: Record<string, string>;
  /** Fixed leading fields of the body, e.g. `Action=SendMessage` and the API version. */
  fixedFields: readonly [string, string][];
  /** Body fields filled from the target: field name → which part of the target. */
  targetFields: readonly [string, 'arn' | 'name'][];
  parameters: Record<string, ParameterDefinition>;
  /** Least-privilege IAM actions on the target's ARN. */
  iamActions: readonly string[];
  responses: readonly ResponseDefinition[];
}

/** One AWS service: its target resource and its actions. */
export interface ServiceDefinition {
  /** The service name as API Gateway's integration URIs spell it (`sqs`, `sns`, `dynamodb`, ...). */
  service: string;
  target: TargetDefinition;
  actions: Record<string, ActionDefinition>;
}
