/**
 * local-aws-sqs behind a small front that accepts what API Gateway sends: Query-protocol bodies posted to
 * `/{accountId}/{queueName}` without `QueueUrl`, answered as JSON when `Accept: application/json`.
 */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequestHandler } from 'local-aws-sqs';
import { AwsServiceError } from './aws-service-error';
import { acceptsJson, closeServer, listenOnLoopback, readBody, sendResponse } from './http-util';
import { type CapturedResponse, invokeInProcess, syntheticRequest } from './in-process-request';
import { indexedMembers, parseQueryParams, type QueryParams, type QueryValue, sendQueryError, sendQueryResult } from './query-protocol';
import { amzTarget, wireOf } from './service-wire';
import type { SqsDelivery, SqsMessageAttribute } from './sns-emulator';

/** SQS's Query-protocol XML namespace. */
const SQS_SERVICE = { xmlns: 'http://queue.amazonaws.com/doc/2012-11-05/' } as const;
/** The JSON protocol's content type; local-aws-sqs picks the protocol from it. */
const SQS_JSON = wireOf('sqs').contentType;

/** A queue to create. `name` must end with `.fifo` exactly when `fifo` is true. */
interface SqsQueueSpec {
  readonly name: string;
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly visibilityTimeout?: number;
  readonly delaySeconds?: number;
}

/** A message seen by {@link SqsEmulator.peek}; peeking leaves it in the queue, visible again. */
interface PeekedSqsMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Record<string, string>;
  readonly messageAttributes: Record<string, SqsMessageAttribute>;
}

/** Options for {@link startSqsEmulator}. */
interface SqsEmulatorOptions {
  readonly region: string;
  readonly accountId: string;
}

/** A running SQS emulator. */
interface SqsEmulator {
  /** Base URL; queue URLs are `${url}/${accountId}/${name}`. */
  readonly url: string;
  createQueue(spec: SqsQueueSpec): Promise<{ url: string; arn: string }>;
  /** Sends one message (the SNS fan-out path); rejects with the SQS error message on failure. */
  sendMessage(delivery: SqsDelivery): Promise<string>;
  /** Lists a queue's visible messages without consuming them (receive, then reset visibility to 0). */
  peek(queueName: string): Promise<PeekedSqsMessage[]>;
  queueNames(): string[];
  close(): Promise<void>;
}

/** Converts numeric form values to numbers, leaving anything else for local-aws-sqs to reject. */
function numeric(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** Reads `{Prefix}.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue` into the JSON map shape. */
function formAttributes(members: Record<string, string>[]): Record<string, Record<string, string>> | undefined {
  if (members.length === 0) return undefined;
  const attributes: Record<string, Record<string, string>> = {};
  for (const member of members) {
    const value: Record<string, string> = {};
    if (member['Value.DataType'] !== undefined) value.DataType = member['Value.DataType'];
    if (member['Value.StringValue'] !== undefined) value.StringValue = member['Value.StringValue'];
    if (member['Value.BinaryValue'] !== undefined) value.BinaryValue = member['Value.BinaryValue'];
    attributes[member.Name ?? ''] = value;
  }
  return attributes;
}

/** Treats the flat keys of one indexed member (`MessageAttribute.1.Name`) as params of their own. */
function subParams(member: Record<string, string>): QueryParams {
  return new Map(Object.entries(member));
}

/** Message attributes: AWS accepted both the `MessageAttribute.N` and the `MessageAttributes.N` prefixes. */
function messageAttributesFrom(params: QueryParams): Record<string, Record<string, string>> | undefined {
  return formAttributes([...indexedMembers(params, 'MessageAttribute'), ...indexedMembers(params, 'MessageAttributes')]);
}

/** The fields SendMessage and each SendMessageBatch entry share. */
function sendFields(params: QueryParams): Record<string, unknown> {
  return {
    MessageBody: params.get('MessageBody'),
    DelaySeconds: numeric(params.get('DelaySeconds')),
    MessageGroupId: params.get('MessageGroupId'),
    MessageDeduplicationId: params.get('MessageDeduplicationId'),
    MessageAttributes: messageAttributesFrom(params),
    MessageSystemAttributes: formAttributes(indexedMembers(params, 'MessageSystemAttribute')),
  };
}

/** `Name.1=a&Name.2=b` → `['a','b']`. */
function stringList(params: QueryParams, prefix: string): string[] | undefined {
  const values = indexedMembers(params, prefix).map((member) => member[''] ?? '');
  return values.length === 0 ? undefined : values;
}

/**
 * Query actions translated to the JSON protocol so the front can render AWS's JSON shape
 * (local-aws-sqs itself answers Query requests only in XML). Others fall back to XML.
 */
const JSON_TRANSLATIONS: Readonly<Record<string, (params: QueryParams) => Record<string, unknown>>> = {
  SendMessage: sendFields,
  SendMessageBatch: (params) => ({
    Entries: indexedMembers(params, 'SendMessageBatchRequestEntry').map((entry) => ({ Id: entry.Id, ...sendFields(subParams(entry)) })),
  }),
  ReceiveMessage: (params) => ({
    MaxNumberOfMessages: numeric(params.get('MaxNumberOfMessages')),
    VisibilityTimeout: numeric(params.get('VisibilityTimeout')),
    WaitTimeSeconds: numeric(params.get('WaitTimeSeconds')),
    AttributeNames: stringList(params, 'AttributeName'),
    MessageAttributeNames: stringList(params, 'MessageAttributeName'),
    MessageSystemAttributeNames: stringList(params, 'MessageSystemAttributeName'),
    ReceiveRequestAttemptId: params.get('ReceiveRequestAttemptId'),
  }),
  DeleteMessage: (params) => ({ ReceiptHandle: params.get('ReceiptHandle') }),
  ChangeMessageVisibility: (params) => ({
    ReceiptHandle: params.get('ReceiptHandle'),
    VisibilityTimeout: numeric(params.get('VisibilityTimeout')),
  }),
  PurgeQueue: () => ({}),
  GetQueueUrl: (params) => ({ QueueName: params.get('QueueName'), QueueOwnerAWSAccountId: params.get('QueueOwnerAWSAccountId') }),
  GetQueueAttributes: (params) => ({ AttributeNames: stringList(params, 'AttributeName') }),
};

/** Null-filled result members, as API Gateway receives them from SQS (observed on AWS for SendMessage). */
function queryJsonResult(action: string, output: Record<string, unknown>): { [key: string]: QueryValue } | null {
  const value = (key: string) => (output[key] ?? null) as QueryValue;
  switch (action) {
    case 'SendMessage':
      return {
        MD5OfMessageAttributes: value('MD5OfMessageAttributes'),
        MD5OfMessageBody: value('MD5OfMessageBody'),
        MD5OfMessageSystemAttributes: value('MD5OfMessageSystemAttributes'),
        MessageId: value('MessageId'),
        SequenceNumber: value('SequenceNumber'),
      };
    case 'SendMessageBatch': {
      const successful = Array.isArray(output.Successful) ? (output.Successful as Record<string, unknown>[]) : [];
      const failed = Array.isArray(output.Failed) ? (output.Failed as Record<string, unknown>[]) : [];
      return {
        // Lower-case list names follow the observed `messages` of ReceiveMessage; not verified on AWS for batches.
        failed: failed.map((f) => ({
          Code: (f.Code ?? null) as QueryValue,
          Id: (f.Id ?? null) as QueryValue,
          Message: (f.Message ?? null) as QueryValue,
          SenderFault: (f.SenderFault ?? null) as QueryValue,
        })),
        successful: successful.map((s) => ({
          Id: (s.Id ?? null) as QueryValue,
          MD5OfMessageAttributes: (s.MD5OfMessageAttributes ?? null) as QueryValue,
          MD5OfMessageBody: (s.MD5OfMessageBody ?? null) as QueryValue,
          MD5OfMessageSystemAttributes: (s.MD5OfMessageSystemAttributes ?? null) as QueryValue,
          MessageId: (s.MessageId ?? null) as QueryValue,
          SequenceNumber: (s.SequenceNumber ?? null) as QueryValue,
        })),
      };
    }
    case 'ReceiveMessage': {
      const messages = Array.isArray(output.Messages) ? (output.Messages as Record<string, unknown>[]) : [];
      return {
        messages:
          messages.length === 0
            ? null
            : messages.map((m) => ({
                Attributes: (m.Attributes ?? null) as QueryValue,
                Body: (m.Body ?? null) as QueryValue,
                MD5OfBody: (m.MD5OfBody ?? null) as QueryValue,
                MD5OfMessageAttributes: (m.MD5OfMessageAttributes ?? null) as QueryValue,
                MessageAttributes: (m.MessageAttributes ?? null) as QueryValue,
                MessageId: (m.MessageId ?? null) as QueryValue,
                ReceiptHandle: (m.ReceiptHandle ?? null) as QueryValue,
              })),
      };
    }
    case 'GetQueueUrl':
      return { QueueUrl: value('QueueUrl') };
    case 'GetQueueAttributes':
      return { Attributes: value('Attributes') };
    default:
      return null;
  }
}

/** Turns a JSON-protocol error from local-aws-sqs into the Query error it stands for (`x-amzn-query-error`). */
function queryErrorFrom(response: CapturedResponse): AwsServiceError {
  const [code, fault] = (response.headers['x-amzn-query-error'] ?? 'InternalError;Receiver').split(';');
  let message = 'Unknown error';
  try {
    const parsed = JSON.parse(response.body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // keep the generic message: the body was not JSON
  }
  return new AwsServiceError(code ?? 'InternalError', message, response.status, fault === 'Sender' ? 'Sender' : 'Receiver');
}

/** Starts local-aws-sqs in-process behind the Query-protocol front, on one free loopback port. */
async function startSqsEmulator(options: SqsEmulatorOptions): Promise<SqsEmulator> {
  const { service, requestHandler } = createRequestHandler({
    port: 0,
    hostname: '127.0.0.1',
    region: options.region,
    accountId: options.accountId,
    // Tests and `serve` restarts recreate queues immediately; AWS's 60-second rule would only get in the way.
    emulateQueueCreationLifecycle: false,
  });
  let url = '';
  const queueUrl = (name: string) => `${url}/${options.accountId}/${name}`;

  /** Calls local-aws-sqs's JSON protocol in-process. */
  function invokeJson(action: string, input: Record<string, unknown>): Promise<CapturedResponse> {
    const body = Buffer.from(JSON.stringify(input));
    return invokeInProcess(
      requestHandler,
      syntheticRequest(body, { 'content-type': SQS_JSON, 'x-amz-target': amzTarget('sqs', action), 'content-length': String(body.length) }),
    );
  }

  async function callJson(action: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const response = await invokeJson(action, input);
    if (response.status >= 300) throw queryErrorFrom(response);
    return response.body === '' ? {} : (JSON.parse(response.body) as Record<string, unknown>);
  }

  async function handleQuery(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const requestId = randomUUID();
    const json = acceptsJson(req);
    const requestUrl = new URL(req.url ?? '/', 'http://localhost');
    const params = new Map(parseQueryParams(raw.toString('utf8'), requestUrl.search));
    // API Gateway posts to the queue's path (`sqs:path/{account}/{queue}`); SQS takes the queue from the path.
    const pathMatch = /^\/(\d{12})\/([^/]+)\/?$/.exec(requestUrl.pathname);
    if (!params.has('QueueUrl') && pathMatch !== null) params.set('QueueUrl', queueUrl(decodeURIComponent(pathMatch[2] ?? '')));
    const action = params.get('Action') ?? '';
    const translate = JSON_TRANSLATIONS[action];
    if (json && translate !== undefined && Object.hasOwn(JSON_TRANSLATIONS, action)) {
      const input = { QueueUrl: params.get('QueueUrl'), ...translate(params) };
      try {
        const output = await callJson(action, JSON.parse(JSON.stringify(input)) as Record<string, unknown>);
        sendQueryResult(res, SQS_SERVICE, action, queryJsonResult(action, output), true, requestId);
      } catch (error) {
        const serviceError =
          error instanceof AwsServiceError ? error : new AwsServiceError('InternalError', String(error), 500, 'Receiver');
        sendQueryError(res, SQS_SERVICE, serviceError, true, requestId);
      }
      return;
    }
    if (json && action === '') {
      sendQueryError(
        res,
        SQS_SERVICE,
        new AwsServiceError('MissingAction', 'The request must contain the parameter Action.'),
        true,
        requestId,
      );
      return;
    }
    // Everything else goes to local-aws-sqs as a Query request (XML answer), with QueueUrl filled in.
    const form = Buffer.from(new URLSearchParams([...params]).toString());
    await requestHandler(
      syntheticRequest(form, {
        ...req.headers,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(form.length),
      }),
      res,
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const raw = await readBody(req);
      if ((req.headers['content-type'] ?? '').startsWith(SQS_JSON)) {
        await requestHandler(syntheticRequest(raw, req.headers, req.method, req.url), res);
        return;
      }
      await handleQuery(req, res, raw);
    } catch (error) {
      if (!res.headersSent) {
        sendResponse(res, 500, 'text/plain', `SQS emulator error: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  const port = await listenOnLoopback(server);
  // Queue URLs that local-aws-sqs returns must point at this front, not at a port nobody listens on.
  service.PORT = port;
  url = `http://127.0.0.1:${port}`;

  async function peek(queueName: string): Promise<PeekedSqsMessage[]> {
    const seen = new Map<string, { message: PeekedSqsMessage; receiptHandle: string }>();
    // Receive in pages of 10 with a visibility timeout so a message is not returned twice, then make all visible again.
    for (let page = 0; page < 100; page += 1) {
      const output = await callJson('ReceiveMessage', {
        QueueUrl: queueUrl(queueName),
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 30,
        AttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      });
      const messages = Array.isArray(output.Messages) ? (output.Messages as Record<string, unknown>[]) : [];
      for (const m of messages) {
        const messageId = String(m.MessageId);
        seen.set(messageId, {
          receiptHandle: String(m.ReceiptHandle),
          message: {
            messageId,
            body: String(m.Body ?? ''),
            attributes: (m.Attributes ?? {}) as Record<string, string>,
            messageAttributes: (m.MessageAttributes ?? {}) as Record<string, SqsMessageAttribute>,
          },
        });
      }
      if (messages.length < 10) break;
    }
    for (const { receiptHandle } of seen.values()) {
      await callJson('ChangeMessageVisibility', { QueueUrl: queueUrl(queueName), ReceiptHandle: receiptHandle, VisibilityTimeout: 0 });
    }
    return [...seen.values()].map((entry) => entry.message);
  }

  return {
    url,
    async createQueue(spec) {
      const attributes: Record<string, string> = {};
      if (spec.fifo ?? spec.name.endsWith('.fifo')) attributes.FifoQueue = 'true';
      if (spec.contentBasedDeduplication) attributes.ContentBasedDeduplication = 'true';
      if (spec.visibilityTimeout !== undefined) attributes.VisibilityTimeout = String(spec.visibilityTimeout);
      if (spec.delaySeconds !== undefined) attributes.DelaySeconds = String(spec.delaySeconds);
      await callJson('CreateQueue', { QueueName: spec.name, Attributes: attributes });
      return { url: queueUrl(spec.name), arn: `arn:aws:sqs:${options.region}:${options.accountId}:${spec.name}` };
    },
    async sendMessage(delivery) {
      const name = delivery.queueArn.split(':').pop() ?? '';
      const output = await callJson('SendMessage', {
        QueueUrl: queueUrl(name),
        MessageBody: delivery.body,
        ...(delivery.messageAttributes !== undefined && Object.keys(delivery.messageAttributes).length > 0
          ? { MessageAttributes: delivery.messageAttributes }
          : {}),
        ...(delivery.messageGroupId !== undefined ? { MessageGroupId: delivery.messageGroupId } : {}),
        ...(delivery.messageDeduplicationId !== undefined ? { MessageDeduplicationId: delivery.messageDeduplicationId } : {}),
      });
      return String(output.MessageId);
    },
    peek,
    queueNames: () => service.Queues.map((queue) => queue.QueueName),
    close: () => closeServer(server),
  };
}

export { type PeekedSqsMessage, type SqsEmulator, type SqsEmulatorOptions, type SqsQueueSpec, startSqsEmulator };
