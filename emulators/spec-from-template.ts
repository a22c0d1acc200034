/**
 * Derives an {@link EmulatorResourceSpec} from a CloudFormation template's Resources, and the names,
 * ARNs and URLs the emulated resources get, so `serve` can resolve `Ref`/`Fn::GetAtt`.
 */
import { isJsonObject } from './input-validation';
import type {
  EmulatorResourceSpec,
  QueueSpec,
  SecondaryIndexSpec,
  StateMachineResourceSpec,
  TableSpec,
  TopicSpec,
  TopicSubscriptionSpec,
} from './resource-spec';

/** How an emulated resource answers `Ref` and `Fn::GetAtt`. */
interface EmulatedResource {
  readonly type: string;
  readonly name: string;
  readonly arn: string;
  /** Queue URL (SQS only). */
  readonly url?: string;
  /** What `Ref` returns for this type (URL for queues, ARN for topics and state machines, else the name). */
  readonly ref: string;
  /** `Fn::GetAtt` attributes (`Arn`, `QueueName`, `TopicName`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** The result of {@link deriveEmulatorSpec}. */
interface DerivedEmulatorSpec {
  readonly spec: EmulatorResourceSpec;
  /** Emulated resources by logical ID. */
  readonly resources: Readonly<Record<string, EmulatedResource>>;
  /** Things that could not be derived exactly (unresolvable intrinsics, unsupported properties). */
  readonly warnings: readonly string[];
}

/** Options for {@link deriveEmulatorSpec}. */
interface DeriveEmulatorSpecOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** `AWS::StackName`. @default 'service-proxy-local' */
  readonly stackName?: string;
  /** Base URL of the SQS emulator, for queue URLs. @default 'https://sqs.{region}.amazonaws.com' */
  readonly sqsEndpoint?: string;
  /** Template parameter values (otherwise each parameter's Default is used). */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** The CloudFormation resource types this module understands. */
const SUPPORTED_TYPES = new Set([
  'AWS::SQS::Queue',
  'AWS::DynamoDB::Table',
  'AWS::Kinesis::Stream',
  'AWS::S3::Bucket',
  'AWS::SNS::Topic',
  'AWS::SNS::Subscription',
  'AWS::Events::EventBus',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::StepFunctions::StateMachine',
  // SAM's state machine, before SAM has run (Transform [ServiceProxy, SAM]): the same state machine.
  'AWS::Serverless::StateMachine',
  // SAM's simple table, before SAM has run: a table keyed by its PrimaryKey.
  'AWS::Serverless::SimpleTable',
  'AWS::SSM::Parameter',
  'AWS::SES::EmailIdentity',
]);

/** The property holding each type's explicit physical name. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Events::EventBus': 'Name',
  'AWS::KinesisFirehose::DeliveryStream': 'DeliveryStreamName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Serverless::StateMachine': 'Name',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::SES::EmailIdentity': 'EmailIdentity',
};

/** Thrown inside resolution when an intrinsic cannot be evaluated locally. */
class Unresolvable extends Error {}

/** Derives the emulator spec and the logical-ID → resource map from `template.Resources`. */
function deriveEmulatorSpec(template: unknown, options: DeriveEmulatorSpecOptions = {}): DerivedEmulatorSpec {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const sqsEndpoint = options.sqsEndpoint ?? `https://sqs.${region}.amazonaws.com`;
  const warnings: string[] = [];
  const root = isJsonObject(template) ? template : {};
  const resourcesIn = isJsonObject(root.Resources) ? root.Resources : {};
  const parameters: Record<string, string> = {};
  if (isJsonObject(root.Parameters)) {
    for (const [name, parameter] of Object.entries(root.Parameters)) {
      if (isJsonObject(parameter) && parameter.Default !== undefined) parameters[name] = String(parameter.Default);
    }
  }
  Object.assign(parameters, options.parameters);
  const pseudo: Record<string, string> = {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::StackName': options.stackName ?? 'service-proxy-local',
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': '',
  };
  const emulated: Record<string, EmulatedResource> = {};

  /** Resolves a value to a string; resources must already be in `emulated` to be referenced. */
  function resolve(value: unknown): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (!isJsonObject(value)) throw new Unresolvable('not a string');
    const keys = Object.keys(value);
    if (keys.length !== 1) throw new Unresolvable('not an intrinsic function');
    const [fn] = keys as [string];
    const arg = value[fn];
    switch (fn) {
      case 'Ref': {
        const name = String(arg);
        if (pseudo[name] !== undefined) return pseudo[name];
        if (parameters[name] !== undefined) return parameters[name];
        const resource = emulated[name];
        if (resource !== undefined) return resource.ref;
        throw new Unresolvable(`Ref ${name}`);
      }
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
        const found = id === undefined ? undefined : emulated[id]?.attributes[attribute ?? ''];
        if (found === undefined) throw new Unresolvable(`Fn::GetAtt ${id}.${attribute}`);
        return found;
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
        if (typeof text !== 'string') throw new Unresolvable('Fn::Sub without a string');
        const local = isJsonObject(variables) ? variables : {};
        return text
          .replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
            if (Object.hasOwn(local, name)) return resolve(local[name]);
            if (name.includes('.')) return resolve({ 'Fn::GetAtt': name.split(/\.(.*)/s).slice(0, 2) });
            return resolve({ Ref: name });
          })
          .replace(/\$\{!/g, '${');
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2 || !Array.isArray(arg[1])) throw new Unresolvable('malformed Fn::Join');
        return arg[1].map(resolve).join(String(arg[0]));
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || !Array.isArray(arg[1])) throw new Unresolvable('Fn::Select over a non-literal list');
        return resolve(arg[1][Number(resolve(arg[0]))]);
      }
      default:
        throw new Unresolvable(fn);
    }
  }

  /** Resolves intrinsics anywhere inside a value (for inline state machine definitions). */
  function resolveDeep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(resolveDeep);
    if (!isJsonObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]?.startsWith('Fn::'))) return resolve(value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v)]));
  }

  /** Resolves, or warns and returns the fallback. */
  function resolveOr(value: unknown, fallback: string, where: string): string {
    try {
      return resolve(value);
    } catch (error) {
      warnings.push(`${where}: cannot resolve ${(error as Error).message} locally; using '${fallback}'`);
      return fallback;
    }
  }

  const entries = Object.entries(resourcesIn).filter(
    (entry): entry is [string, Record<string, unknown>] => isJsonObject(entry[1]) && SUPPORTED_TYPES.has(String(entry[1].Type)),
  );
  const propertiesOf = (resource: Record<string, unknown>) => (isJsonObject(resource.Properties) ? resource.Properties : {});

  // Pass 1: physical names, ARNs and URLs (names may only use parameters and pseudo parameters).
  for (const [logicalId, resource] of entries) {
    const type = String(resource.Type);
    if (type === 'AWS::SNS::Subscription') continue;
    const properties = propertiesOf(resource);
    const fifo = type === 'AWS::SQS::Queue' ? isTrue(properties.FifoQueue) : type === 'AWS::SNS::Topic' && isTrue(properties.FifoTopic);
    // CloudFormation generates names when none is given; the logical ID is a readable local stand-in.
    let fallback = fifo ? `${logicalId}.fifo` : logicalId;
    if (type === 'AWS::S3::Bucket') fallback = logicalId.toLowerCase();
    const nameProperty = NAME_PROPERTY[type] ?? '';
    const name =
      properties[nameProperty] === undefined ? fallback : resolveOr(properties[nameProperty], fallback, `${logicalId}.${nameProperty}`);
    emulated[logicalId] = describeResource(type, name, region, accountId, sqsEndpoint);
  }

  const queues: QueueSpec[] = [];
  const tables: TableSpec[] = [];
  const topics = new Map<string, TopicSpec & { subscriptions: TopicSubscriptionSpec[] }>();
  const spec = {
    queues,
    tables,
    streams: [] as { name: string; shardCount?: number }[],
    buckets: [] as { name: string }[],
    eventBuses: [] as { name: string }[],
    deliveryStreams: [] as { name: string }[],
    stateMachines: [] as StateMachineResourceSpec[],
    parameters: [] as { name: string; type: string; value: string }[],
    emailIdentities: [] as { name: string }[],
  };

  // Pass 2: the specs, now that every Ref/GetAtt between resources resolves.
  for (const [logicalId, resource] of entries) {
    const type = String(resource.Type);
    const properties = propertiesOf(resource);
    const name = emulated[logicalId]?.name ?? logicalId;
    switch (type) {
      case 'AWS::SQS::Queue':
        queues.push({
          name,
          ...(isTrue(properties.FifoQueue) ? { fifo: true } : {}),
          ...(isTrue(properties.ContentBasedDeduplication) ? { contentBasedDeduplication: true } : {}),
          ...(typeof properties.VisibilityTimeout === 'number' ? { visibilityTimeout: properties.VisibilityTimeout } : {}),
          ...(typeof properties.DelaySeconds === 'number' ? { delaySeconds: properties.DelaySeconds } : {}),
        });
        break;
      case 'AWS::DynamoDB::Table':
        tables.push({
          name,
          keySchema: keySchema(properties.KeySchema),
          attributeDefinitions: asArray(properties.AttributeDefinitions).map((a) => ({
            attributeName: String(a.AttributeName),
            attributeType: String(a.AttributeType) as 'S' | 'N' | 'B',
          })),
          ...(properties.GlobalSecondaryIndexes !== undefined
            ? { globalSecondaryIndexes: indexes(properties.GlobalSecondaryIndexes) }
            : {}),
          ...(properties.LocalSecondaryIndexes !== undefined ? { localSecondaryIndexes: indexes(properties.LocalSecondaryIndexes) } : {}),
        });
        break;
      case 'AWS::Serverless::SimpleTable':
        tables.push(simpleTable(name, properties.PrimaryKey));
        break;
      case 'AWS::Kinesis::Stream':
        spec.streams.push({ name, ...(typeof properties.ShardCount === 'number' ? { shardCount: properties.ShardCount } : {}) });
        break;
      case 'AWS::S3::Bucket':
        spec.buckets.push({ name });
        break;
      case 'AWS::SNS::Topic': {
        const subscriptions: TopicSubscriptionSpec[] = asArray(properties.Subscription).map((s) => ({
          protocol: String(s.Protocol),
          endpoint: resolveOr(s.Endpoint, '', `${logicalId}.Subscription.Endpoint`),
        }));
        topics.set(emulated[logicalId]?.arn ?? name, {
          name,
          ...(isTrue(properties.FifoTopic) ? { fifo: true } : {}),
          ...(isTrue(properties.ContentBasedDeduplication) ? { contentBasedDeduplication: true } : {}),
          subscriptions,
        });
        break;
      }
      case 'AWS::Events::EventBus':
        spec.eventBuses.push({ name });
        break;
      case 'AWS::KinesisFirehose::DeliveryStream':
        spec.deliveryStreams.push({ name });
        break;
      case 'AWS::SSM::Parameter':
        spec.parameters.push({
          name,
          type: typeof properties.Type === 'string' ? properties.Type : 'String',
          value: resolveOr(properties.Value, '', `${logicalId}.Value`),
        });
        break;
      case 'AWS::SES::EmailIdentity':
        spec.emailIdentities.push({ name });
        break;
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine': {
        const definition = stateMachineDefinition(logicalId, properties);
        // SAM calls the workflow type `Type`; CloudFormation `StateMachineType`.
        const workflowType = type === 'AWS::Serverless::StateMachine' ? properties.Type : properties.StateMachineType;
        if (definition !== undefined) {
          spec.stateMachines.push({
            name,
            definition,
            ...(workflowType === 'EXPRESS' ? { type: 'EXPRESS' as const } : {}),
          });
        }
        break;
      }
    }
  }

  // Subscriptions last: they attach to topics collected above.
  for (const [logicalId, resource] of entries) {
    if (resource.Type !== 'AWS::SNS::Subscription') continue;
    const properties = propertiesOf(resource);
    const topicArn = resolveOr(properties.TopicArn, '', `${logicalId}.TopicArn`);
    const topic = topics.get(topicArn);
    if (topic === undefined) {
      warnings.push(`${logicalId}: TopicArn '${topicArn}' is not a topic in this template; subscription skipped`);
      continue;
    }
    topic.subscriptions.push({
      protocol: String(properties.Protocol),
      endpoint: resolveOr(properties.Endpoint, '', `${logicalId}.Endpoint`),
      ...(isTrue(properties.RawMessageDelivery) ? { rawMessageDelivery: true } : {}),
    });
  }

  function stateMachineDefinition(logicalId: string, properties: Record<string, unknown>): string | Record<string, unknown> | undefined {
    // DefinitionSubstitutions replace ${Key} in the definition before it is used, as CloudFormation does.
    const substitutions: Record<string, string> = {};
    if (isJsonObject(properties.DefinitionSubstitutions)) {
      for (const [key, value] of Object.entries(properties.DefinitionSubstitutions)) {
        substitutions[key] = resolveOr(value, `\${${key}}`, `${logicalId}.DefinitionSubstitutions.${key}`);
      }
    }
    const substitute = (text: string) =>
      text.replace(/\$\{([^}]+)\}/g, (match, key: string) => (Object.hasOwn(substitutions, key) ? (substitutions[key] as string) : match));
    try {
      if (properties.Definition !== undefined) {
        return JSON.parse(substitute(JSON.stringify(resolveDeep(properties.Definition)))) as Record<string, unknown>;
      }
      if (properties.DefinitionString !== undefined) return substitute(resolve(properties.DefinitionString));
    } catch (error) {
      warnings.push(`${logicalId}: cannot resolve the definition locally (${(error as Error).message}); state machine skipped`);
      return undefined;
    }
    warnings.push(`${logicalId}: only Definition and DefinitionString are supported (not DefinitionS3Location); state machine skipped`);
    return undefined;
  }

  const result: EmulatorResourceSpec = {
    ...(queues.length ? { queues } : {}),
    ...(tables.length ? { tables } : {}),
    ...(spec.streams.length ? { streams: spec.streams } : {}),
    ...(spec.buckets.length ? { buckets: spec.buckets } : {}),
    ...(topics.size ? { topics: [...topics.values()] } : {}),
    ...(spec.eventBuses.length ? { eventBuses: spec.eventBuses } : {}),
    ...(spec.deliveryStreams.length ? { deliveryStreams: spec.deliveryStreams } : {}),
    ...(spec.stateMachines.length ? { stateMachines: spec.stateMachines } : {}),
    ...(spec.parameters.length ? { parameters: spec.parameters } : {}),
    ...(spec.emailIdentities.length ? { emailIdentities: spec.emailIdentities } : {}),
  };
  return { spec: result, resources: emulated, warnings };
}

/** Name, ARN, URL, Ref and GetAtt values of one resource, per CloudFormation's documented return values. */
function describeResource(type: string, name: string, region: string, accountId: string, sqsEndpoint: string): EmulatedResource {
  const arnPrefix = (service: string) => `arn:aws:${service}:${region}:${accountId}`;
  switch (type) {
    case 'AWS::SQS::Queue': {
      const url = `${sqsEndpoint}/${accountId}/${name}`;
      const arn = `${arnPrefix('sqs')}:${name}`;
      return { type, name, arn, url, ref: url, attributes: { Arn: arn, QueueName: name, QueueUrl: url } };
    }
    case 'AWS::DynamoDB::Table':
    case 'AWS::Serverless::SimpleTable': {
      const arn = `${arnPrefix('dynamodb')}:table/${name}`;
      return { type, name, arn, ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::Kinesis::Stream': {
      const arn = `${arnPrefix('kinesis')}:stream/${name}`;
      return { type, name, arn, ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::S3::Bucket': {
      const arn = `arn:aws:s3:::${name}`;
      return {
        type,
        name,
        arn,
        ref: name,
        attributes: { Arn: arn, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${region}.amazonaws.com` },
      };
    }
    case 'AWS::SNS::Topic': {
      const arn = `${arnPrefix('sns')}:${name}`;
      return { type, name, arn, ref: arn, attributes: { TopicArn: arn, TopicName: name } };
    }
    case 'AWS::Events::EventBus': {
      const arn = `${arnPrefix('events')}:event-bus/${name}`;
      return { type, name, arn, ref: name, attributes: { Arn: arn, Name: name } };
    }
    case 'AWS::KinesisFirehose::DeliveryStream': {
      const arn = `${arnPrefix('firehose')}:deliverystream/${name}`;
      return { type, name, arn, ref: name, attributes: { Arn: arn } };
    }
    case 'AWS::SSM::Parameter': {
      const arn = `${arnPrefix('ssm')}:parameter/${name.replace(/^\//, '')}`;
      return { type, name, arn, ref: name, attributes: { Type: 'String' } };
    }
    case 'AWS::SES::EmailIdentity': {
      const arn = `${arnPrefix('ses')}:identity/${name}`;
      return { type, name, arn, ref: name, attributes: {} };
    }
    default: {
      const arn = `${arnPrefix('states')}:stateMachine:${name}`;
      return { type, name, arn, ref: arn, attributes: { Arn: arn, Name: name } };
    }
  }
}

/** SAM's attribute types for a simple table's key, as DynamoDB's. */
const SIMPLE_TABLE_KEY_TYPES: Readonly<Record<string, 'S' | 'N' | 'B'>> = { String: 'S', Number: 'N', Binary: 'B' };

/** The table SAM makes of an AWS::Serverless::SimpleTable: one hash key, `id` (String) unless PrimaryKey says otherwise. */
function simpleTable(name: string, primaryKey: unknown): TableSpec {
  const key = isJsonObject(primaryKey) ? primaryKey : {};
  const attributeName = typeof key.Name === 'string' ? key.Name : 'id';
  const attributeType = (typeof key.Type === 'string' && SIMPLE_TABLE_KEY_TYPES[key.Type]) || 'S';
  return { name, keySchema: [{ attributeName, keyType: 'HASH' }], attributeDefinitions: [{ attributeName, attributeType }] };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

function asArray(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

function keySchema(value: unknown): { attributeName: string; keyType: 'HASH' | 'RANGE' }[] {
  return asArray(value).map((k) => ({ attributeName: String(k.AttributeName), keyType: k.KeyType === 'RANGE' ? 'RANGE' : 'HASH' }));
}

function indexes(value: unknown): SecondaryIndexSpec[] {
  return asArray(value).map((index) => {
    const projection = isJsonObject(index.Projection) ? index.Projection : {};
    const projectionType = (typeof projection.ProjectionType === 'string' ? projection.ProjectionType : 'ALL') as
      | 'ALL'
      | 'KEYS_ONLY'
      | 'INCLUDE';
    return {
      indexName: String(index.IndexName),
      keySchema: keySchema(index.KeySchema),
      projection: {
        projectionType,
        ...(Array.isArray(projection.NonKeyAttributes) ? { nonKeyAttributes: projection.NonKeyAttributes.map(String) } : {}),
      },
    };
  });
}

export { type DerivedEmulatorSpec, type DeriveEmulatorSpecOptions, deriveEmulatorSpec, type EmulatedResource };
