/** `serve` end to end on real-world template shapes: a SAM API's DefinitionBody, a SAM state machine, raw bodies of any content type. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { LocalGateway } from '../../gateway/gateway';
import type { RequestLogEntry } from '../../gateway/http-server';
import { ACCOUNT, call, credentials, QueueReader, serveFile, serveSample } from './serve-helpers';

describe('serve raw-body-content-types', () => {
  let gateway: LocalGateway;
  let queue: QueueReader;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    gateway = await serveSample('raw-body-content-types', { onRequest: (entry) => log.push(entry) });
    queue = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queue.destroy();
    await gateway.stop();
  });

  it('queues a text/plain body as sent, since RequestContentTypes lists text/plain', async () => {
    const reply = await call(gateway, 'POST', '/logs', { body: 'level=info & ok', headers: { 'Content-Type': 'text/plain' } });
    expect(reply.status).toBe(200);
    const [message] = await queue.drain('LogLines');
    expect(message?.Body).toBe('level=info & ok');
  });

  it('answers 415 to an unlisted content type, and its log line names the content types the method accepts', async () => {
    const reply = await call(gateway, 'POST', '/logs', { body: 'x', headers: { 'Content-Type': 'image/png' } });
    expect(reply.status).toBe(415);
    expect(log.at(-1)?.trace.reason).toContain('the method accepts application/json, text/plain');
  });
});

describe('serve sam-explicit-api (the integration lives in the DefinitionBody of an AWS::Serverless::Api)', () => {
  let gateway: LocalGateway;
  let queue: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('sam-explicit-api');
    queue = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queue.destroy();
    await gateway.stop();
  });

  it('serves the integration and sends the message', async () => {
    const reply = await call(gateway, 'POST', '/orders/acme', { body: '{"item":"book"}' });
    expect(reply.status).toBe(200);
    const [message] = await queue.drain('Orders');
    expect(message?.Body).toBe('{"item":"book"}');
    expect(message?.MessageAttributes?.tenant?.StringValue).toBe('acme');
  });
});

describe('serve a Target written !Sub "${SamStateMachine}"', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'service-proxy-serve-real-')), 'sam-state-machine.yaml');
    writeFileSync(
      file,
      [
        'Transform: [ServiceProxy, AWS::Serverless-2016-10-31]',
        'Resources:',
        '  SamStateMachine:',
        '    Type: AWS::Serverless::StateMachine',
        '    Properties:',
        '      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }',
        '  Start:',
        '    Type: Proxy::ServiceIntegration',
        '    Properties: { Path: /runs, Method: POST, Service: states, Action: StartExecution, Target: !Sub "${SamStateMachine}" }',
        '',
      ].join('\n'),
    );
    gateway = await serveFile(file);
  });
  afterAll(() => gateway.stop());

  it('starts an execution of the SAM state machine', async () => {
    const reply = await call(gateway, 'POST', '/runs', { body: '{"a":1}' });
    expect(reply.status).toBe(200);
    const sfn = new SFNClient({ endpoint: gateway.endpoints.states, region: 'us-east-1', credentials });
    const stateMachineArn = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:SamStateMachine`;
    const { executions = [] } = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    sfn.destroy();
    expect(executions).toHaveLength(1);
  });
});
