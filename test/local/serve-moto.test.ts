/**
 * `serve --backend moto` specifics: SNS → SQS fan-out with the SNS envelope (against both backends), secondary
 * indexes created in moto, and the CLI edge (start-up banner, state, SIGINT leaves no moto process, missing tool).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LocalGateway } from '../../gateway/gateway';
import { samplePath } from '../helpers/samples';
import { ACCOUNT, BACKENDS, call, credentials, QueueReader, requireMotoServer, serveFile, serveSample } from './serve-helpers';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

const FAN_OUT = [
  'Transform: ServiceProxy',
  'Resources:',
  '  Events:',
  '    Type: AWS::SNS::Topic',
  '  Audit:',
  '    Type: AWS::SQS::Queue',
  '  Raw:',
  '    Type: AWS::SQS::Queue',
  '  AuditSubscription:',
  '    Type: AWS::SNS::Subscription',
  '    Properties: { TopicArn: !Ref Events, Protocol: sqs, Endpoint: !GetAtt Audit.Arn }',
  '  RawSubscription:',
  '    Type: AWS::SNS::Subscription',
  '    Properties: { TopicArn: !Ref Events, Protocol: sqs, Endpoint: !GetAtt Raw.Arn, RawMessageDelivery: true }',
  '  Publish:',
  '    Type: Proxy::ServiceIntegration',
  '    Properties:',
  '      Path: /orders/{id}/events',
  '      Method: POST',
  '      Service: sns',
  '      Action: Publish',
  '      Target: !Ref Events',
  '      Parameters:',
  '        Message: $request.body',
  '        Subject: Order event',
  '        MessageAttributes: { orderId: $request.path.id }',
].join('\n');

describe.each(BACKENDS)('%s backend: SNS → SQS fan-out', (backend) => {
  let gateway: LocalGateway;
  let queues: QueueReader;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'service-proxy-fan-out-')), 'fan-out.yaml');
    writeFileSync(file, FAN_OUT);
    gateway = await serveFile(file, {}, backend);
    queues = new QueueReader(gateway.endpoints.sqs!);
  });
  afterAll(async () => {
    queues?.destroy();
    await gateway?.stop();
  });

  it('delivers a message published through the API to the subscribed queues, enveloped unless raw', async () => {
    const body = '{"status":"shipped","note":"it\'s \\"quoted\\" & = + %"}';
    const reply = await call(gateway, 'POST', '/orders/o%201/events', { body });
    expect(reply.status).toBe(200);
    const { messageId } = reply.json() as { messageId: string };
    const [audit] = await queues.drainUntil('Audit', 1, 5_000);
    expect(JSON.parse(audit?.Body ?? '{}')).toMatchObject({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:Events`,
      Subject: 'Order event',
      Message: body,
      Timestamp: expect.any(String),
      SignatureVersion: expect.any(String),
      MessageAttributes: { orderId: { Type: 'String', Value: 'o 1' } },
    });
    const raw = await queues.drainUntil('Raw', 1, 5_000);
    expect(raw.map((m) => m.Body)).toEqual([body]);
    const state = (await call(gateway, 'GET', '/_proxy/state')).json() as {
      topics: Record<string, { messageId: string; message: string }[]>;
    };
    expect(state.topics.Events?.map((m) => [m.messageId, m.message])).toEqual([[messageId, body]]);
  });
});

describe('moto backend: tables', () => {
  it('creates the key schema and secondary indexes of the template', async () => {
    const gateway = await serveSample('dynamodb-query', {}, 'moto');
    const dynamo = new DynamoDBClient({ endpoint: gateway.endpoints.dynamodb, region: 'us-east-1', credentials });
    try {
      const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: 'Orders' }));
      expect(Table?.KeySchema).toEqual([{ AttributeName: 'orderId', KeyType: 'HASH' }]);
      expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.KeySchema])).toEqual([
        [
          'byCustomer',
          [
            { AttributeName: 'customerId', KeyType: 'HASH' },
            { AttributeName: 'createdAt', KeyType: 'RANGE' },
          ],
        ],
      ]);
    } finally {
      dynamo.destroy();
      await gateway.stop();
    }
  });
});

describe('service-proxy serve --backend moto (CLI)', () => {
  it('starts moto_server, serves the quickstart, and leaves no moto process after SIGINT', async () => {
    requireMotoServer();
    const child = spawn(process.execPath, [CLI, 'serve', samplePath('quickstart'), '--port', '0', '--backend', 'moto'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (!output.includes('Press Ctrl+C') && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const baseUrl = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? '';
    const motoUrl = /Backend: moto_server (http:\/\/127\.0\.0\.1:(\d+))/.exec(output);
    expect(motoUrl).not.toBeNull();
    const reply = await fetch(`${baseUrl}/orders/o-1/events`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"hello":"moto"}',
    });
    expect(reply.status).toBe(200);
    const state = (await (await fetch(`${baseUrl}/_proxy/state`)).json()) as { queues: Record<string, { body: string }[]> };
    expect(state.queues.OrderAudit?.map((m) => m.body)).toEqual(['{"hello":"moto"}']);
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    await expect(fetch(`${motoUrl?.[1]}/moto-api/data.json`)).rejects.toThrow();
    const processes = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(processes).not.toContain(`-p ${motoUrl?.[2]}`);
  });

  it('exits 1 naming moto_server and how to install it when it is not on the PATH', () => {
    const result = spawnSync(process.execPath, [CLI, 'serve', samplePath('quickstart'), '--port', '0', '--backend', 'moto'], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, PATH: '/nonexistent' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('moto_server');
    expect(result.stderr).toContain('pip install "moto[server]"');
  });
});
