/** An in-process SNS emulator speaking the Query protocol, with fan-out of the SNS JSON envelope to SQS. */

import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsServiceError } from './aws-service-error';
import { acceptsJson, closeServer, listenOnLoopback, readBody } from './http-util';
import { indexedMembers, parseQueryParams, type QueryParams, type QueryValue, sendQueryError, sendQueryResult } from './query-protocol';

/** SNS's Query-protocol XML namespace. */
const SNS_SERVICE = { xmlns: 'http://sns.amazonaws.com/doc/2010-03-31/' } as const;
/** SNS's maximum message size (256 KiB). */
const MAX_MESSAGE_BYTES = 262_144;
/** FIFO deduplication window: five minutes, as on AWS. */
const DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;

/** A topic to create: `name` ends with `.fifo` exactly when `fifo` is true. */
interface SnsTopicSpec {
  readonly name: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
}

/** A subscription to create; only `sqs` endpoints receive deliveries (others are recorded as skipped). */
interface SnsSubscriptionSpec {
  readonly topicArn: string;
  readonly protocol: string;
  /** For `sqs`, the queue ARN. */
  readonly endpoint: string;
  /** Deliver the bare message instead of the JSON envelope (`RawMessageDelivery`). */
  readonly rawMessageDelivery?: boolean;
}

/** An SQS message attribute as SQS's JSON protocol spells it. */
interface SqsMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** One message SNS hands to SQS; the manager turns it into an SQS SendMessage. */
interface SqsDelivery {
  readonly queueArn: string;
  readonly body: string;
  readonly messageAttributes?: Record<string, SqsMessageAttribute>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
}

/** What happened to one published message at one subscription. */
interface SnsDeliveryRecord {
  readonly subscriptionArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  readonly status: 'delivered' | 'failed' | 'skipped';
  readonly error?: string;
}

/** A published message as recorded for inspection (`state()`, tests). */
interface PublishedSnsMessage {
  /** Empty for an SMS (a publish to a PhoneNumber). */
  readonly topicArn: string;
  /** The E.164 number an SMS went to. */
  readonly phoneNumber?: string;
  readonly messageId: string;
  readonly message: string;
  readonly subject?: string;
  readonly messageStructure?: string;
  /** Attributes in the envelope's shape: `{name: {Type, Value}}`. */
  readonly messageAttributes: Record<string, { Type: string; Value: string }>;
  readonly messageGroupId?: string;
  readonly messageDeduplicationId?: string;
  readonly sequenceNumber?: string;
  readonly timestamp: string;
  readonly deliveries: SnsDeliveryRecord[];
}

/** Options for {@link startSnsEmulator}. */
interface SnsEmulatorOptions {
  readonly region: string;
  readonly accountId: string;
  /** Delivers to an SQS queue; without it `sqs` subscriptions are recorded as skipped. */
  readonly deliverToSqs?: (delivery: SqsDelivery) => Promise<void>;
}

/** A running SNS emulator. */
interface SnsEmulator {
  /** Base URL (`http://127.0.0.1:port`); API Gateway posts to `/`. */
  readonly url: string;
  /** Creates a topic (idempotent, like CreateTopic) and returns its ARN. */
  createTopic(spec: SnsTopicSpec): string;
  /** Subscribes an endpoint and returns the subscription ARN. */
  subscribe(spec: SnsSubscriptionSpec): string;
  /** Every message published so far, oldest first. */
  published(): PublishedSnsMessage[];
  /** Topic ARNs, in creation order. */
  topicArns(): string[];
  /** Stops the server. */
  close(): Promise<void>;
}

interface Topic {
  readonly arn: string;
  readonly name: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  readonly subscriptions: Subscription[];
  readonly dedup: Map<string, { messageId: string; sequenceNumber: string; at: number }>;
  sequence: bigint;
}

interface Subscription {
  readonly arn: string;
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  rawMessageDelivery: boolean;
}

/** SNS topic names: 1–256 of `[A-Za-z0-9_-]`, plus `.fifo` for FIFO topics. */
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const FIFO_TOPIC_NAME = /^[A-Za-z0-9_-]{1,251}\.fifo$/;

function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameter', `Invalid parameter: ${message}`);
}

function topicNotFound(): AwsServiceError {
  return new AwsServiceError('NotFound', 'Topic does not exist', 404);
}

/** Reads `Attributes.entry.N.key/value` (CreateTopic, Subscribe) into a plain map. */
function entryAttributes(params: QueryParams, prefix: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const entry of indexedMembers(params, `${prefix}.entry`)) {
    if (entry.key !== undefined) attributes[entry.key] = entry.value ?? '';
  }
  return attributes;
}

/** Reads and validates `MessageAttributes.entry.N.{Name,Value.DataType,Value.StringValue,Value.BinaryValue}`. */
function messageAttributes(params: QueryParams): Record<string, { Type: string; Value: string }> {
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const entry of indexedMembers(params, 'MessageAttributes.entry')) {
    const name = entry.Name;
    if (name === undefined || name === '') throw invalidParameter('MessageAttributes: attribute name must not be empty');
    const type = entry['Value.DataType'];
    if (type === undefined || type === '') {
      throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
    }
    const baseType = type.split('.')[0];
    const value = baseType === 'Binary' ? entry['Value.BinaryValue'] : entry['Value.StringValue'];
    if (baseType !== 'String' && baseType !== 'Number' && baseType !== 'Binary') {
      throw invalidParameter(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (value === undefined || value === '') {
      throw invalidParameter(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`,
      );
    }
    if (baseType === 'Number' && !Number.isFinite(Number(value))) {
      throw invalidParameter(`Value ${value} for parameter MessageAttributes is invalid. Reason: '${name}' must be a number.`);
    }
    attributes[name] = { Type: type, Value: value };
  }
  return attributes;
}

/** The JSON envelope SNS delivers to SQS subscribers (not raw). The signature is a placeholder, not verifiable. */
function envelope(topic: Topic, published: PublishedSnsMessage, subscription: Subscription, url: string, region: string): string {
  const unsubscribeUrl = `${url}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscription.arn)}`;
  const attributes = Object.keys(published.messageAttributes).length > 0 ? published.messageAttributes : undefined;
  if (topic.fifo) {
    return JSON.stringify({
      Type: 'Notification',
      MessageId: published.messageId,
      SequenceNumber: published.sequenceNumber,
      TopicArn: topic.arn,
      Subject: published.subject,
      Message: published.message,
      Timestamp: published.timestamp,
      UnsubscribeURL: unsubscribeUrl,
      MessageAttributes: attributes,
    });
  }
  return JSON.stringify({
    Type: 'Notification',
    MessageId: published.messageId,
    TopicArn: topic.arn,
    Subject: published.subject,
    Message: published.message,
    Timestamp: published.timestamp,
    SignatureVersion: '1',
    Signature: Buffer.from(`service-proxy-local-emulator:${published.messageId}`).toString('base64'),
    SigningCertURL: `https://sns.${region}.amazonaws.com/SimpleNotificationService-local-emulator.pem`,
    UnsubscribeURL: unsubscribeUrl,
    MessageAttributes: attributes,
  });
}

/** For MessageStructure=json: the protocol-specific message for SQS, else `default`. */
function structuredMessage(message: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  const record = parsed as Record<string, unknown>;
  if (typeof record.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  return typeof record.sqs === 'string' ? record.sqs : record.default;
}

/** Starts the SNS emulator on a free loopback port. */
async function startSnsEmulator(options: SnsEmulatorOptions): Promise<SnsEmulator> {
  const topics = new Map<string, Topic>();
  const published: PublishedSnsMessage[] = [];
  let url = '';

  const arnFor = (name: string) => `arn:aws:sns:${options.region}:${options.accountId}:${name}`;

  function createTopic(spec: SnsTopicSpec): string {
    const fifo = spec.fifo ?? spec.name.endsWith('.fifo');
    if (fifo ? !FIFO_TOPIC_NAME.test(spec.name) : !TOPIC_NAME.test(spec.name)) {
      throw invalidParameter(
        fifo
          ? 'Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, ' +
              'numbers, underscores, and hyphens, and must be between 1 and 256 characters long.'
          : 'Topic Name',
      );
    }
    const arn = arnFor(spec.name);
    if (!topics.has(arn)) {
      topics.set(arn, {
        arn,
        name: spec.name,
        fifo,
        contentBasedDeduplication: spec.contentBasedDeduplication ?? false,
        subscriptions: [],
        dedup: new Map(),
        sequence: 10_000_000_000_000_000_000n,
      });
    }
    return arn;
  }

  function topicByArn(arn: string | undefined): Topic {
    if (arn === undefined || arn === '') throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
    if (!/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w.-]+$/.test(arn)) throw invalidParameter('TopicArn');
    const topic = topics.get(arn);
    if (topic === undefined) throw topicNotFound();
    return topic;
  }

  function subscribe(spec: SnsSubscriptionSpec): string {
    const topic = topicByArn(spec.topicArn);
    if (spec.protocol === 'sqs') {
      if (!/^arn:aws[\w-]*:sqs:[\w-]+:\d{12}:[\w.-]+$/.test(spec.endpoint)) throw invalidParameter('SQS endpoint ARN');
      if (!topic.fifo && spec.endpoint.endsWith('.fifo')) {
        throw invalidParameter('Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics');
      }
    }
    const existing = topic.subscriptions.find((s) => s.protocol === spec.protocol && s.endpoint === spec.endpoint);
    if (existing !== undefined) return existing.arn;
    const subscription: Subscription = {
      arn: `${topic.arn}:${randomUUID()}`,
      topicArn: topic.arn,
      protocol: spec.protocol,
      endpoint: spec.endpoint,
      rawMessageDelivery: spec.rawMessageDelivery ?? false,
    };
    topic.subscriptions.push(subscription);
    return subscription.arn;
  }

  async function deliver(topic: Topic, message: PublishedSnsMessage, deliveredMessage: string): Promise<void> {
    for (const subscription of topic.subscriptions) {
      const base = { subscriptionArn: subscription.arn, protocol: subscription.protocol, endpoint: subscription.endpoint };
      if (subscription.protocol !== 'sqs' || options.deliverToSqs === undefined) {
        message.deliveries.push({ ...base, status: 'skipped', error: `protocol ${subscription.protocol} is not delivered locally` });
        continue;
      }
      const fifoQueue = subscription.endpoint.endsWith('.fifo');
      const forSqs = { ...message, message: deliveredMessage };
      const delivery: SqsDelivery = {
        queueArn: subscription.endpoint,
        body: subscription.rawMessageDelivery ? deliveredMessage : envelope(topic, forSqs, subscription, url, options.region),
        ...(subscription.rawMessageDelivery ? { messageAttributes: toSqsAttributes(message.messageAttributes) } : {}),
        ...(fifoQueue && message.messageGroupId !== undefined ? { messageGroupId: message.messageGroupId } : {}),
        ...(fifoQueue && message.messageDeduplicationId !== undefined ? { messageDeduplicationId: message.messageDeduplicationId } : {}),
      };
      try {
        await options.deliverToSqs(delivery);
        message.deliveries.push({ ...base, status: 'delivered' });
      } catch (error) {
        // Real SNS retries and then drops silently; recording the failure is more useful locally.
        message.deliveries.push({ ...base, status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  /** A publish to a PhoneNumber: no topic, nothing delivered, recorded for inspection (AWS sends an SMS). */
  function publishSms(params: QueryParams, phoneNumber: string): { [key: string]: QueryValue } {
    if (params.get('TopicArn') !== undefined || params.get('TargetArn') !== undefined)
      throw invalidParameter('Only one of TopicArn, TargetArn or PhoneNumber may be given');
    if (!/^\+[1-9][0-9]{1,14}$/.test(phoneNumber)) throw invalidParameter('PhoneNumber Reason: not an E.164 phone number');
    const message = params.get('Message');
    if (message === undefined || message === '') throw invalidParameter('Empty message');
    const messageId = randomUUID();
    published.push({
      topicArn: '',
      phoneNumber,
      messageId,
      message,
      messageAttributes: messageAttributes(params),
      timestamp: new Date().toISOString(),
      deliveries: [],
    });
    return { MessageId: messageId };
  }

  async function publish(params: QueryParams): Promise<{ [key: string]: QueryValue }> {
    const phoneNumber = params.get('PhoneNumber');
    if (phoneNumber !== undefined) return publishSms(params, phoneNumber);
    const topic = topicByArn(params.get('TopicArn') ?? params.get('TargetArn'));
    const message = params.get('Message');
    if (message === undefined || message === '') throw invalidParameter('Empty message');
    if (Buffer.byteLength(message) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
    const subject = params.get('Subject');
    if (subject !== undefined && (subject === '' || subject.length > 100 || !/^[\x20-\x7e]*$/.test(subject))) {
      throw invalidParameter('Subject');
    }
    const messageStructure = params.get('MessageStructure');
    if (messageStructure !== undefined && messageStructure !== 'json') throw invalidParameter('MessageStructure');
    const deliveredMessage = messageStructure === 'json' ? structuredMessage(message) : message;
    const attributes = messageAttributes(params);
    const groupId = params.get('MessageGroupId');
    let dedupId = params.get('MessageDeduplicationId');
    if (topic.fifo) {
      if (groupId === undefined || groupId === '') {
        throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
      }
      if (dedupId === undefined) {
        if (!topic.contentBasedDeduplication) {
          throw invalidParameter(
            'The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
          );
        }
        dedupId = createHash('sha256').update(message).digest('hex');
      }
      const now = Date.now();
      const seen = topic.dedup.get(dedupId);
      if (seen !== undefined && now - seen.at < DEDUPLICATION_WINDOW_MS) {
        // A duplicate inside the window succeeds with the original ids and is not delivered again.
        return { MessageId: seen.messageId, SequenceNumber: seen.sequenceNumber };
      }
    } else if (dedupId !== undefined) {
      throw invalidParameter(
        'MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type',
      );
    }
    const messageId = randomUUID();
    let sequenceNumber: string | undefined;
    if (topic.fifo) {
      topic.sequence += 1n;
      sequenceNumber = topic.sequence.toString();
      topic.dedup.set(dedupId as string, { messageId, sequenceNumber, at: Date.now() });
    }
    const record: PublishedSnsMessage = {
      topicArn: topic.arn,
      messageId,
      message,
      ...(subject !== undefined ? { subject } : {}),
      ...(messageStructure !== undefined ? { messageStructure } : {}),
      messageAttributes: attributes,
      ...(groupId !== undefined ? { messageGroupId: groupId } : {}),
      ...(dedupId !== undefined ? { messageDeduplicationId: dedupId } : {}),
      ...(sequenceNumber !== undefined ? { sequenceNumber } : {}),
      timestamp: new Date().toISOString(),
      deliveries: [],
    };
    published.push(record);
    // Delivery finishes before Publish answers (AWS delivers asynchronously) so local state is deterministic.
    await deliver(topic, record, deliveredMessage);
    return { MessageId: messageId, SequenceNumber: sequenceNumber ?? null };
  }

  async function dispatch(params: QueryParams): Promise<{ [key: string]: QueryValue } | null> {
    const action = params.get('Action');
    switch (action) {
      case 'CreateTopic': {
        const name = params.get('Name');
        if (name === undefined || name === '') throw invalidParameter('Topic Name');
        const attributes = entryAttributes(params, 'Attributes');
        const fifo = attributes.FifoTopic === 'true';
        if (fifo !== name.endsWith('.fifo')) {
          throw invalidParameter(
            fifo ? 'Fifo Topic names must end with .fifo' : 'Topic Name: a name ending with .fifo requires the FifoTopic attribute',
          );
        }
        return { TopicArn: createTopic({ name, fifo, contentBasedDeduplication: attributes.ContentBasedDeduplication === 'true' }) };
      }
      case 'DeleteTopic': {
        const topic = topicByArn(params.get('TopicArn'));
        topics.delete(topic.arn);
        return null;
      }
      case 'Publish':
        return publish(params);
      case 'Subscribe': {
        const protocol = params.get('Protocol');
        const endpoint = params.get('Endpoint');
        if (protocol === undefined || protocol === '') throw invalidParameter('Protocol');
        if (endpoint === undefined || endpoint === '') throw invalidParameter('Endpoint');
        const attributes = entryAttributes(params, 'Attributes');
        const arn = subscribe({
          topicArn: params.get('TopicArn') ?? '',
          protocol,
          endpoint,
          rawMessageDelivery: attributes.RawMessageDelivery === 'true',
        });
        return { SubscriptionArn: arn };
      }
      case 'SetSubscriptionAttributes': {
        const arn = params.get('SubscriptionArn');
        const subscription = [...topics.values()].flatMap((t) => t.subscriptions).find((s) => s.arn === arn);
        if (subscription === undefined) throw new AwsServiceError('NotFound', 'Subscription does not exist', 404);
        if (params.get('AttributeName') === 'RawMessageDelivery') {
          subscription.rawMessageDelivery = params.get('AttributeValue') === 'true';
        }
        return null;
      }
      case 'ListTopics':
        // One page holds everything: local topic counts are far below SNS's page size of 100.
        return { Topics: [...topics.keys()].map((arn) => ({ TopicArn: arn })), NextToken: null };
      case 'ListSubscriptionsByTopic': {
        const topic = topicByArn(params.get('TopicArn'));
        return { Subscriptions: topic.subscriptions.map(subscriptionView), NextToken: null };
      }
      case 'ListSubscriptions':
        return { Subscriptions: [...topics.values()].flatMap((t) => t.subscriptions.map(subscriptionView)), NextToken: null };
      case undefined:
      case '':
        throw new AwsServiceError('MissingAction', 'Missing Action');
      default:
        throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version 2010-03-31`);
    }
  }

  function subscriptionView(s: Subscription): { [key: string]: QueryValue } {
    return { SubscriptionArn: s.arn, Owner: options.accountId, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const json = acceptsJson(req);
    try {
      const search = new URL(req.url ?? '/', 'http://localhost').search;
      const params = parseQueryParams((await readBody(req)).toString('utf8'), search);
      const result = await dispatch(params);
      sendQueryResult(res, SNS_SERVICE, params.get('Action') ?? '', result, json, requestId);
    } catch (error) {
      const serviceError =
        error instanceof AwsServiceError
          ? error
          : new AwsServiceError('InternalError', error instanceof Error ? error.message : String(error), 500, 'Receiver');
      if (!res.headersSent) sendQueryError(res, SNS_SERVICE, serviceError, json, requestId);
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  const port = await listenOnLoopback(server);
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    createTopic,
    subscribe,
    published: () => published.map((m) => ({ ...m, deliveries: [...m.deliveries] })),
    topicArns: () => [...topics.keys()],
    close: () => closeServer(server),
  };
}

/** Raw delivery turns SNS attributes into SQS message attributes. */
function toSqsAttributes(attributes: Record<string, { Type: string; Value: string }>): Record<string, SqsMessageAttribute> {
  const result: Record<string, SqsMessageAttribute> = {};
  for (const [name, { Type, Value }] of Object.entries(attributes)) {
    if (Type.startsWith('Binary')) result[name] = { DataType: Type, BinaryValue: Value };
    else if (Type === 'String.Array') result[name] = { DataType: 'String', StringValue: Value };
    else result[name] = { DataType: Type, StringValue: Value };
  }
  return result;
}

export {
  type PublishedSnsMessage,
  type SnsDeliveryRecord,
  type SnsEmulator,
  type SnsEmulatorOptions,
  type SnsSubscriptionSpec,
  type SnsTopicSpec,
  type SqsDelivery,
  type SqsMessageAttribute,
  startSnsEmulator,
};
