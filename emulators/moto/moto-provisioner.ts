/** Creates an emulator resource spec's queues, topics, tables, streams, buckets, buses, delivery streams and state machines in moto. */
import type { EmulatedService, EmulatorResourceSpec, SecondaryIndexSpec, TableSpec } from '../resource-spec';
import { MotoCallError, type MotoTarget, motoJson, motoQuery, signedRequest, xmlElementText } from './moto-client';
import { MotoStartError } from './moto-start-error';

/** The hidden queue that records a bus's events for `/_proxy/state` (moto keeps no record of put events). */
export function eventCaptureQueueName(busName: string): string {
  return `service-proxy-events-${busName.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 80);
}

/** The hidden bucket a delivery stream writes to (moto's Firehose needs a destination). */
export function deliveryBucketName(streamName: string): string {
  return `service-proxy-firehose-${streamName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 63);
}

async function creating<T>(service: EmulatedService | 'ssm' | 'ses', what: string, create: () => Promise<T>): Promise<T> {
  try {
    return await create();
  } catch (error) {
    throw new MotoStartError(service, `failed to create ${what} in moto_server`, error);
  }
}

async function createQueue(target: MotoTarget, name: string, attributes: Record<string, string>): Promise<void> {
  await motoJson(target, 'sqs', 'CreateQueue', { QueueName: name, Attributes: attributes });
}

function index(spec: SecondaryIndexSpec): Record<string, unknown> {
  const projection = spec.projection ?? { projectionType: 'ALL' };
  return {
    IndexName: spec.indexName,
    KeySchema: spec.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
    Projection: {
      ProjectionType: projection.projectionType,
      ...(projection.nonKeyAttributes !== undefined ? { NonKeyAttributes: projection.nonKeyAttributes } : {}),
    },
  };
}

function createTableRequest(table: TableSpec): Record<string, unknown> {
  return {
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: table.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
    AttributeDefinitions: table.attributeDefinitions.map((a) => ({ AttributeName: a.attributeName, AttributeType: a.attributeType })),
    ...(table.globalSecondaryIndexes?.length ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes.map(index) } : {}),
    ...(table.localSecondaryIndexes?.length ? { LocalSecondaryIndexes: table.localSecondaryIndexes.map(index) } : {}),
  };
}

async function createBucket(target: MotoTarget, name: string): Promise<void> {
  const { status, text } = await signedRequest(target, 's3', { method: 'PUT', path: `/${encodeURIComponent(name)}` });
  if (status >= 300) throw new MotoCallError(`s3 CreateBucket ${name}`, status, text);
}

/** Creates every resource of `spec` in moto by signed API calls; queues first, so subscriptions and rules can point at them. */
export async function provisionMoto(spec: EmulatorResourceSpec, target: MotoTarget): Promise<void> {
  const { region, accountId } = target;
  for (const queue of spec.queues ?? []) {
    const attributes: Record<string, string> = {};
    if (queue.fifo === true || queue.name.endsWith('.fifo')) attributes.FifoQueue = 'true';
    if (queue.contentBasedDeduplication === true) attributes.ContentBasedDeduplication = 'true';
    if (queue.visibilityTimeout !== undefined) attributes.VisibilityTimeout = String(queue.visibilityTimeout);
    if (queue.delaySeconds !== undefined) attributes.DelaySeconds = String(queue.delaySeconds);
    await creating('sqs', `queue '${queue.name}'`, () => createQueue(target, queue.name, attributes));
  }
  await Promise.all([
    ...(spec.tables ?? []).map((table) =>
      creating('dynamodb', `table '${table.name}'`, () => motoJson(target, 'dynamodb', 'CreateTable', createTableRequest(table))),
    ),
    ...(spec.streams ?? []).map((stream) =>
      creating('kinesis', `stream '${stream.name}'`, () =>
        motoJson(target, 'kinesis', 'CreateStream', {
          StreamName: stream.name,
          ShardCount: stream.shardCount ?? 1,
        }),
      ),
    ),
    ...(spec.buckets ?? []).map((bucket) => creating('s3', `bucket '${bucket.name}'`, () => createBucket(target, bucket.name))),
  ]);
  for (const topic of spec.topics ?? []) {
    const params: Record<string, string> = { Action: 'CreateTopic', Version: '2010-03-31', Name: topic.name };
    const attributes: [string, string][] = [];
    if (topic.fifo === true || topic.name.endsWith('.fifo')) attributes.push(['FifoTopic', 'true']);
    if (topic.contentBasedDeduplication === true) attributes.push(['ContentBasedDeduplication', 'true']);
    attributes.forEach(([key, value], i) => {
      params[`Attributes.entry.${i + 1}.key`] = key;
      params[`Attributes.entry.${i + 1}.value`] = value;
    });
    const xml = await creating('sns', `topic '${topic.name}'`, () => motoQuery(target, 'sns', params));
    const topicArn = xmlElementText(xml, 'TopicArn') ?? `arn:aws:sns:${region}:${accountId}:${topic.name}`;
    for (const subscription of topic.subscriptions ?? []) {
      const endpoint =
        subscription.endpoint ??
        (subscription.queueName !== undefined ? `arn:aws:sqs:${region}:${accountId}:${subscription.queueName}` : '');
      const subscribe: Record<string, string> = {
        Action: 'Subscribe',
        Version: '2010-03-31',
        TopicArn: topicArn,
        Protocol: subscription.protocol,
        Endpoint: endpoint,
      };
      if (subscription.rawMessageDelivery !== undefined) {
        subscribe['Attributes.entry.1.key'] = 'RawMessageDelivery';
        subscribe['Attributes.entry.1.value'] = String(subscription.rawMessageDelivery);
      }
      await creating('sns', `subscription of '${topic.name}' to '${endpoint}'`, () => motoQuery(target, 'sns', subscribe));
    }
  }
  for (const bus of spec.eventBuses ?? []) {
    await creating('events', `event bus '${bus.name}'`, async () => {
      if (bus.name !== 'default') await motoJson(target, 'events', 'CreateEventBus', { Name: bus.name });
      // A catch-all rule into a hidden queue: the only way to see put events in moto (read by /_proxy/state).
      const queue = eventCaptureQueueName(bus.name);
      await createQueue(target, queue, {});
      await motoJson(target, 'events', 'PutRule', {
        Name: 'service-proxy-capture',
        EventBusName: bus.name,
        EventPattern: JSON.stringify({ account: [accountId] }),
        State: 'ENABLED',
      });
      await motoJson(target, 'events', 'PutTargets', {
        Rule: 'service-proxy-capture',
        EventBusName: bus.name,
        Targets: [{ Id: 'capture', Arn: `arn:aws:sqs:${region}:${accountId}:${queue}` }],
      });
    });
  }
  for (const stream of spec.deliveryStreams ?? []) {
    await creating('firehose', `delivery stream '${stream.name}'`, async () => {
      const bucket = deliveryBucketName(stream.name);
      await createBucket(target, bucket);
      await motoJson(target, 'firehose', 'CreateDeliveryStream', {
        DeliveryStreamName: stream.name,
        DeliveryStreamType: 'DirectPut',
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${accountId}:role/service-proxy-local`,
          BucketARN: `arn:aws:s3:::${bucket}`,
          BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 },
        },
      });
    });
  }
  for (const parameter of spec.parameters ?? []) {
    await creating('ssm', `parameter '${parameter.name}'`, () =>
      motoJson(target, 'ssm', 'PutParameter', { Name: parameter.name, Type: parameter.type, Value: parameter.value, Overwrite: true }),
    );
  }
  for (const identity of spec.emailIdentities ?? []) {
    // An address is verified as an email identity, anything else as a domain (moto verifies both at once).
    const [action, field] = identity.name.includes('@') ? ['VerifyEmailIdentity', 'EmailAddress'] : ['VerifyDomainIdentity', 'Domain'];
    await creating('ses', `identity '${identity.name}'`, () =>
      motoQuery(target, 'ses', { Action: action, Version: '2010-12-01', [field]: identity.name }),
    );
  }
  for (const machine of spec.stateMachines ?? []) {
    await creating('states', `state machine '${machine.name}'`, () =>
      motoJson(target, 'states', 'CreateStateMachine', {
        name: machine.name,
        definition: typeof machine.definition === 'string' ? machine.definition : JSON.stringify(machine.definition),
        roleArn: `arn:aws:iam::${accountId}:role/service-proxy-local`,
        type: machine.type ?? 'STANDARD',
      }),
    );
  }
}
