/** The plain-data description of what the emulators must hold; `serve` derives it from the expanded template. */

/** API Gateway's names for the AWS services an integration URI can target (`arn:aws:apigateway:{region}:{service}:...`). */
type EmulatedService = 'sqs' | 'sns' | 'dynamodb' | 'kinesis' | 'firehose' | 'events' | 's3' | 'states';

/** Every service the manager can start, in start-up order (SQS first: SNS delivers into it). */
const EMULATED_SERVICES: readonly EmulatedService[] = ['sqs', 'sns', 'dynamodb', 'kinesis', 'firehose', 'events', 's3', 'states'];

/** An SQS queue; `fifo` queues must be named `*.fifo`. */
interface QueueSpec {
  readonly name: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly visibilityTimeout?: number;
  readonly delaySeconds?: number;
}

/** A DynamoDB key element (`HASH` partition key, `RANGE` sort key). */
interface KeySchemaElement {
  readonly attributeName: string;
  readonly keyType: 'HASH' | 'RANGE';
}

/** A key attribute's scalar type. */
interface AttributeDefinition {
  readonly attributeName: string;
  readonly attributeType: 'S' | 'N' | 'B';
}

/** A secondary index; `projection` defaults to ALL. */
interface SecondaryIndexSpec {
  readonly indexName: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly projection?: { readonly projectionType: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; readonly nonKeyAttributes?: readonly string[] };
}

/** A DynamoDB table. */
interface TableSpec {
  readonly name: string;
  readonly keySchema: readonly KeySchemaElement[];
  readonly attributeDefinitions: readonly AttributeDefinition[];
  readonly globalSecondaryIndexes?: readonly SecondaryIndexSpec[];
  readonly localSecondaryIndexes?: readonly SecondaryIndexSpec[];
}

/** A Kinesis data stream. */
interface StreamSpec {
  readonly name: string;
  /** @default 1 */
  readonly shardCount?: number;
}

/** An S3 bucket (lower-case DNS-style name). */
interface BucketSpec {
  readonly name: string;
}

/** An SNS subscription: SQS endpoints are delivered to; give the queue's ARN or just its name. */
interface TopicSubscriptionSpec {
  readonly protocol: string;
  /** Endpoint as SNS takes it (a queue ARN for `sqs`). */
  readonly endpoint?: string;
  /** Shorthand for an `sqs` endpoint in the same emulated account. */
  readonly queueName?: string;
  readonly rawMessageDelivery?: boolean;
}

/** An SNS topic; `fifo` topics must be named `*.fifo`. */
interface TopicSpec {
  readonly name: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly subscriptions?: readonly TopicSubscriptionSpec[];
}

/** A custom EventBridge bus (`default` always exists). */
interface EventBusSpec {
  readonly name: string;
}

/** A Firehose delivery stream (records are kept, not delivered anywhere). */
interface DeliveryStreamSpec {
  readonly name: string;
}

/** An SSM parameter (moto backend only: no embedded emulator serves SSM). */
interface ParameterSpec {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/** A verified SES identity, an email address or a domain (moto backend only). */
interface EmailIdentitySpec {
  readonly name: string;
}

/** A Step Functions state machine with its ASL definition (JSON text or object). */
interface StateMachineResourceSpec {
  readonly name: string;
  readonly definition: string | Record<string, unknown>;
  /** @default 'STANDARD' */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

/** Everything the emulators should contain at start-up. Absent lists mean "none". */
interface EmulatorResourceSpec {
  readonly queues?: readonly QueueSpec[];
  readonly tables?: readonly TableSpec[];
  readonly streams?: readonly StreamSpec[];
  readonly buckets?: readonly BucketSpec[];
  readonly topics?: readonly TopicSpec[];
  readonly eventBuses?: readonly EventBusSpec[];
  readonly deliveryStreams?: readonly DeliveryStreamSpec[];
  readonly stateMachines?: readonly StateMachineResourceSpec[];
  readonly parameters?: readonly ParameterSpec[];
  readonly emailIdentities?: readonly EmailIdentitySpec[];
}

/** The services a spec needs running (SNS subscriptions to queues also need SQS). */
function servicesFor(spec: EmulatorResourceSpec): Set<EmulatedService> {
  const needed = new Set<EmulatedService>();
  if ((spec.queues?.length ?? 0) > 0) needed.add('sqs');
  if ((spec.topics?.length ?? 0) > 0) needed.add('sns');
  if (spec.topics?.some((t) => t.subscriptions?.some((s) => s.protocol === 'sqs'))) needed.add('sqs');
  if ((spec.tables?.length ?? 0) > 0) needed.add('dynamodb');
  if ((spec.streams?.length ?? 0) > 0) needed.add('kinesis');
  if ((spec.deliveryStreams?.length ?? 0) > 0) needed.add('firehose');
  if ((spec.eventBuses?.length ?? 0) > 0) needed.add('events');
  if ((spec.buckets?.length ?? 0) > 0) needed.add('s3');
  if ((spec.stateMachines?.length ?? 0) > 0) needed.add('states');
  return needed;
}

export {
  type AttributeDefinition,
  type BucketSpec,
  type DeliveryStreamSpec,
  EMULATED_SERVICES,
  type EmailIdentitySpec,
  type EmulatedService,
  type EmulatorResourceSpec,
  type EventBusSpec,
  type KeySchemaElement,
  type ParameterSpec,
  type QueueSpec,
  type SecondaryIndexSpec,
  type StateMachineResourceSpec,
  type StreamSpec,
  servicesFor,
  type TableSpec,
  type TopicSpec,
  type TopicSubscriptionSpec,
};
