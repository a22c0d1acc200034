/** Test helpers: serve a sample in-process on a free port and read side effects back with the AWS SDK v3. */
import { DeleteMessageCommand, GetQueueUrlCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { expandFile } from '../../cli/expand-file';
import { findMotoServer } from '../../emulators/moto/moto-executable';
import { type MotoServer, resetMotoServer, startMotoServer } from '../../emulators/moto/moto-server';
import { type LocalBackend, type LocalGateway, type LocalGatewayOptions, startLocalGateway } from '../../gateway/gateway';
import { samplePath } from '../helpers/samples';
import { REFEREE_INSTALL_HINT } from '../referees/tools';

/** Local test credentials the emulators accept. */
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
/** The placeholder account serve uses by default. */
export const ACCOUNT = '123456789012';

/** Every backend the serve e2e cases run against (`describe.each(BACKENDS)`). */
export const BACKENDS: readonly LocalBackend[] = ['embedded', 'moto'];

/** Fails (never skips) when moto_server is missing, naming the tool and the install line. */
export function requireMotoServer(): void {
  if (findMotoServer() === undefined) {
    throw new Error(`The moto backend tests need moto_server, which is not on the PATH. Install it with: ${REFEREE_INSTALL_HINT}`);
  }
}

let sharedMoto: Promise<MotoServer> | undefined;

/** One moto_server per test file, started on first use and stopped after the file's last test. */
async function motoServer(): Promise<MotoServer> {
  requireMotoServer();
  sharedMoto ??= startMotoServer();
  return sharedMoto;
}

afterAll(async () => {
  if (sharedMoto !== undefined) await (await sharedMoto).stop();
  sharedMoto = undefined;
});

/**
 * Expands a sample and serves it on 127.0.0.1 with a free port, on the given backend. With moto, the file's
 * shared moto_server is emptied first, so each served sample starts from its own resources only.
 */
export async function serveSample(
  name: string,
  options: Partial<LocalGatewayOptions> = {},
  backend: LocalBackend = 'embedded',
): Promise<LocalGateway> {
  return serveFile(samplePath(name), options, backend);
}

/** {@link serveSample} for any template file. */
export async function serveFile(
  file: string,
  options: Partial<LocalGatewayOptions> = {},
  backend: LocalBackend = 'embedded',
): Promise<LocalGateway> {
  const expanded = expandFile(file);
  if (!expanded.ok) throw new Error(`${file} does not expand: ${JSON.stringify(expanded.diagnostics)}`);
  let moto: Partial<LocalGatewayOptions> = {};
  if (backend === 'moto') {
    const server = await motoServer();
    await resetMotoServer(server.url);
    moto = { backend: 'moto', motoEndpoint: server.url };
  }
  return startLocalGateway({
    template: expanded.template,
    region: 'us-east-1',
    accountId: ACCOUNT,
    host: '127.0.0.1',
    port: 0,
    ...moto,
    ...options,
  });
}

/** A response read completely. */
export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: () => unknown;
}

/** Sends a request with fetch and reads the whole response. */
export async function call(
  gateway: LocalGateway,
  method: string,
  path: string,
  init: { body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Reply> {
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
        new ReceiveMessageCommand({
          QueueUrl,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
          AttributeNames: ['All'],
          WaitTimeSeconds: 0,
        }),
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
