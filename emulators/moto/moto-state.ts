/**
 * `/_proxy/state` for the moto backend, in the embedded emulators' shape: queue messages (peeked), table items,
 * published SNS messages (moto's own record), stream records, bucket objects (no bodies), events (through a
 * capture rule) and executions. Delivery streams are listed empty: moto writes their records to S3.
 */

import type { EmulatorResourceSpec } from '../resource-spec';
import type { PeekedSqsMessage } from '../sqs-emulator';
import type { EmulatorState } from '../start-emulators';
import { decodeXmlEntities, type MotoTarget, motoJson, signedRequest } from './moto-client';
import { eventCaptureQueueName } from './moto-provisioner';

type SqsMessage = {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: PeekedSqsMessage['messageAttributes'];
};

const sqs = <T>(target: MotoTarget, action: string, body: unknown) => motoJson<T>(target, 'sqs', action, body);

/** Every message in a queue without consuming it: received with a visibility timeout, then made visible again. */
export async function peekMotoQueue(target: MotoTarget, name: string): Promise<PeekedSqsMessage[]> {
  const { QueueUrl } = await sqs<{ QueueUrl: string }>(target, 'GetQueueUrl', { QueueName: name });
  const seen: SqsMessage[] = [];
  for (;;) {
    const { Messages = [] } = await sqs<{ Messages?: SqsMessage[] }>(target, 'ReceiveMessage', {
      QueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 30,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['All'],
    });
    if (Messages.length === 0) break;
    seen.push(...Messages);
  }
  for (let i = 0; i < seen.length; i += 10) {
    const entries = seen.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs(target, 'ChangeMessageVisibilityBatch', { QueueUrl, Entries: entries });
  }
  return seen.map((m) => ({
    messageId: m.MessageId,
    body: m.Body,
    attributes: m.Attributes ?? {},
    messageAttributes: m.MessageAttributes ?? {},
  }));
}

async function scanTable(target: MotoTarget, name: string): Promise<Record<string, Record<string, unknown>>[]> {
  const items: Record<string, Record<string, unknown>>[] = [];
  let start: unknown;
  do {
    const page = await motoJson<{ Items?: typeof items; LastEvaluatedKey?: unknown }>(target, 'dynamodb', 'Scan', {
      TableName: name,
      ...(start !== undefined ? { ExclusiveStartKey: start } : {}),
    });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

async function streamRecords(target: MotoTarget, name: string): Promise<EmulatorState['streams'][string]> {
  const kinesis = <T>(action: string, body: unknown) => motoJson<T>(target, 'kinesis', action, body);
  const { Shards = [] } = await kinesis<{ Shards?: { ShardId: string }[] }>('ListShards', { StreamName: name });
  const records: EmulatorState['streams'][string] = [];
  for (const shard of Shards) {
    const { ShardIterator } = await kinesis<{ ShardIterator: string }>('GetShardIterator', {
      StreamName: name,
      ShardId: shard.ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const { Records = [] } = await kinesis<{ Records?: { SequenceNumber: string; PartitionKey: string; Data: string }[] }>('GetRecords', {
      ShardIterator,
    });
    for (const r of Records) {
      records.push({
        shardId: shard.ShardId,
        sequenceNumber: r.SequenceNumber,
        partitionKey: r.PartitionKey,
        data: Buffer.from(r.Data, 'base64').toString('utf8'),
      });
    }
  }
  return records;
}

async function bucketObjects(target: MotoTarget, name: string): Promise<EmulatorState['buckets'][string]> {
  const { text } = await signedRequest(target, 's3', { method: 'GET', path: `/${encodeURIComponent(name)}?list-type=2` });
  return [...text.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].map(([, contents = '']) => {
    const field = (tag: string) => decodeXmlEntities(new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(contents)?.[1] ?? '');
    return { key: field('Key'), size: Number(field('Size')), contentType: '', etag: field('ETag') };
  });
}

/** moto's record of published messages, from its model dump (`/moto-api/data.json`). */
async function publishedMessages(target: MotoTarget, names: readonly string[]): Promise<EmulatorState['topics']> {
  const response = await fetch(`${target.endpoint}/moto-api/data.json`);
  const data = (await response.json()) as { sns?: { Topic?: { arn: string; name: string; sent_notifications: unknown[][] }[] } };
  const topics: EmulatorState['topics'] = Object.fromEntries(names.map((name) => [name, []]));
  for (const topic of data.sns?.Topic ?? []) {
    if (!(topic.name in topics) || !topic.arn.includes(`:${target.region}:`)) continue;
    topics[topic.name] = topic.sent_notifications.map(([messageId, message, subject, attributes, groupId]) => ({
      topicArn: topic.arn,
      messageId: String(messageId),
      message: String(message),
      ...(typeof subject === 'string' ? { subject } : {}),
      messageAttributes: (attributes ?? {}) as Record<string, { Type: string; Value: string }>,
      ...(typeof groupId === 'string' ? { messageGroupId: groupId } : {}),
      timestamp: '',
      deliveries: [],
    }));
  }
  return topics;
}

async function capturedEvents(target: MotoTarget, bus: string): Promise<EmulatorState['events'][string]> {
  const messages = await peekMotoQueue(target, eventCaptureQueueName(bus));
  return messages.map((m) => ({ ...(JSON.parse(m.body) as object), eventBusName: bus }) as EmulatorState['events'][string][number]);
}

async function executions(target: MotoTarget, name: string): Promise<EmulatorState['executions'][string]> {
  const stateMachineArn = `arn:aws:states:${target.region}:${target.accountId}:stateMachine:${name}`;
  const { executions: list = [] } = await motoJson<{
    executions?: { executionArn: string; name: string; status: string; startDate: number }[];
  }>(target, 'states', 'ListExecutions', { stateMachineArn });
  return list.map(
    (e) =>
      ({
        executionArn: e.executionArn,
        stateMachineArn,
        name: e.name,
        status: e.status,
        startDate: new Date(e.startDate * 1000),
      }) as unknown as EmulatorState['executions'][string][number],
  );
}

/** Reads what moto holds for the resources of `spec`, keyed by resource name as the embedded state is. */
export async function readMotoState(spec: EmulatorResourceSpec, target: MotoTarget): Promise<EmulatorState> {
  const entries = async <T>(names: readonly string[], read: (name: string) => Promise<T>): Promise<Record<string, T>> =>
    Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)] as const)));
  const names = <T extends { name: string }>(list: readonly T[] | undefined) => (list ?? []).map((item) => item.name);
  return {
    queues: await entries(names(spec.queues), (name) => peekMotoQueue(target, name)),
    tables: await entries(names(spec.tables), (name) => scanTable(target, name)),
    streams: await entries(names(spec.streams), (name) => streamRecords(target, name)),
    buckets: await entries(names(spec.buckets), (name) => bucketObjects(target, name)),
    topics: await publishedMessages(target, names(spec.topics)),
    events: await entries(names(spec.eventBuses), (name) => capturedEvents(target, name)),
    deliveryStreams: Object.fromEntries(names(spec.deliveryStreams).map((name) => [name, []])),
    executions: await entries(names(spec.stateMachines), (name) => executions(target, name)),
  };
}
