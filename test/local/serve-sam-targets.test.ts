/** `serve` end to end on SAM resources as Targets (samples/sam-targets.yaml): a SAM simple table and a SAM state machine, as SAM would make them. */
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, serveSample } from './serve-helpers';

describe.each(BACKENDS)('serve sam-targets (%s backend)', (backend) => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('sam-targets', {}, backend);
  });
  afterAll(() => gateway?.stop());

  it('puts an item into the AWS::Serverless::SimpleTable (keyed by id, as SAM makes it) and reads it back', async () => {
    const put = await call(gateway, 'PUT', '/sessions/s-1', { body: '{"user":"ana"}' });
    expect(put.status).toBe(200);
    const got = await call(gateway, 'GET', '/sessions/s-1');
    expect(got.status).toBe(200);
    expect(got.json()).toEqual({ id: 's-1', user: 'ana' });
  });
});

// Synchronous express executions run on the embedded Step Functions interpreter only (as in serve-services.test.ts).
describe('serve sam-targets: the SAM state machine', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('sam-targets');
  });
  afterAll(() => gateway?.stop());

  it('runs the AWS::Serverless::StateMachine (express, !Ref gives its ARN) and answers with its output', async () => {
    const reply = await call(gateway, 'POST', '/orders', { body: '{"item":"book"}' });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({ accepted: true });
  });
});
