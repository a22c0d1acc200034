/** `serve` end to end on samples/target-choice.yaml: the caller picks the target among those declared; any other key is a 400. */
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, credentials, HOSTILE, serveSample } from './serve-helpers';

describe.each(BACKENDS)('serve target-choice (%s backend)', (backend) => {
  let gateway: LocalGateway;
  let kinesis: KinesisClient;
  beforeAll(async () => {
    gateway = await serveSample('target-choice', {}, backend);
    kinesis = new KinesisClient({
      endpoint: gateway.endpoints.kinesis,
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
    });
  });
  afterAll(async () => {
    kinesis?.destroy();
    await gateway?.stop();
  });

  async function recordsOf(stream: string): Promise<string[]> {
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: stream }));
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: Shards[0]?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
    return Records.map((r) => Buffer.from(r.Data ?? []).toString('utf8'));
  }

  it('writes to the stream whose key the path names, and only to it', async () => {
    const body = HOSTILE[0] as string;
    expect((await call(gateway, 'POST', '/streams/audit/records', { body })).status).toBe(200);
    expect(await recordsOf('AuditStream')).toEqual([body]);
    expect(await recordsOf('OrdersStream')).toEqual([]);
    expect((await call(gateway, 'POST', '/streams/orders/records', { body: '{"n":1}' })).status).toBe(200);
    expect(await recordsOf('OrdersStream')).toEqual(['{"n":1}']);
  });

  it.each([
    ['an undeclared key', '/streams/payments/records'],
    ['a stream name rather than a key', '/streams/OrdersStream/records'],
    ['a key in another case', '/streams/Orders/records'],
    ['a key with VTL in it', "/streams/orders'%20||%20'1/records"],
  ])('answers 400 to %s, saying which keys there are, and writes nothing', async (_, path) => {
    const reply = await call(gateway, 'POST', path, { body: '{"n":2}' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({
      message: 'request.path.stream names no target of this API; expected one of orders, audit.',
      code: 'RequestRefused',
    });
    expect((await recordsOf('OrdersStream')).filter((r) => r === '{"n":2}')).toEqual([]);
  });

  it('publishes to the topic the header names (Query protocol), and refuses a missing or unknown one', async () => {
    expect((await call(gateway, 'POST', '/alerts', { body: 'disk full', headers: { 'X-Alert-Level': 'page' } })).status).toBe(200);
    expect((await call(gateway, 'POST', '/alerts', { body: 'disk 80%', headers: { 'X-Alert-Level': 'ticket' } })).status).toBe(200);
    const missing = await call(gateway, 'POST', '/alerts', { body: 'x' });
    expect(missing.status).toBe(400);
    expect((missing.json() as { code: string }).code).toBe('RequestRefused');
    expect((await call(gateway, 'POST', '/alerts', { body: 'x', headers: { 'X-Alert-Level': 'panic' } })).status).toBe(400);
  });
});
