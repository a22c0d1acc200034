/** Test helpers: serve a sample in-process on a free port and read side effects back with the AWS SDK v3. */
import { DeleteMessageCommand, GetQueueUrlCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { expandFile } from '../../macro/cli/expand-file';
import { startLocalGateway, type LocalGateway, type LocalGatewayOptions } from '../../macro/local/local-gateway';
import { samplePath } from '../helpers/samples';

/** Local test credentials the emulators accept. */
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
/** The placeholder account serve uses by default. */
export const ACCOUNT = '123456789012';

/** Expands a sample and serves it on 127.0.0.1 with a free port. */
export async function serveSample(name: string, options: Partial<LocalGatewayOptions> = {}): Promise<LocalGateway> {
  const expanded = expandFile(samplePath(name));
  if (!expanded.ok) throw new Error(`${name} does not expand: ${JSON.stringify(expanded.diagnostics)}`);
  return startLocalGateway({ template: expanded.template, region: 'us-east-1', accountId: ACCOUNT, host: '127.0.0.1', port: 0, ...options });
}

/** A response read completely. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: () => unknown;
}

/** Sends a request with fetch and reads the whole response. */
export async function call(gateway: LocalGateway, method: string, path: string, init: { body?: string | Buffer; headers?: Record<string, string> } = {}): Promise<Reply> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Bodies and header values that break naive mapping templates. */
export const HOSTILE = [
  `{"q":"\\"quoted\\" and \\\\ backslash","n":"line1\\nline2","u":"ünïcödé 🎉","chars":"& = + % $ # ' ; ?"}`,
  `plain text & a=b+c %20 %zz $ # ' "`,
  'line one\nline two\r\n\ttab "quotes" \\ back',
  '日本語 ✓ emoji 👍 & more',
];

/** SQS through the SDK against the embedded emulator. */
export class QueueReader {
  readonly client: SQSClient;
  constructor(endpoint: string) {
    this.client = new SQSClient({ endpoint, region: 'us-east-1', credentials });
  }

  /** Receives (and deletes) every message currently in the queue, with all attributes. */
  async drain(queueName: string): Promise<Message[]> {
    const { QueueUrl } = await this.client.send(new GetQueueUrlCommand({ QueueName: queueName }));
    const messages: Message[] = [];
    for (;;) {
      const { Messages = [] } = await this.client.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], AttributeNames: ['All'], WaitTimeSeconds: 0 }),
      );
      if (Messages.length === 0) return messages;
      for (const message of Messages) {
        messages.push(message);
        await this.client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
      }
    }
  }

  /** Drains until `count` messages arrived (delayed messages appear late) or the time is up. */
  async drainUntil(queueName: string, count: number, timeoutMillis: number): Promise<Message[]> {
    const deadline = Date.now() + timeoutMillis;
    const messages: Message[] = [];
    while (messages.length < count && Date.now() < deadline) {
      messages.push(...(await this.drain(queueName)));
      if (messages.length < count) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return messages;
  }

  destroy(): void {
    this.client.destroy();
  }
}
