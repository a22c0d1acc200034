/** `serve` end to end for the JSON-protocol service samples, side effects read back with the SDK v3 clients. */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { LocalGateway } from '../../gateway/gateway';
import { ACCOUNT, BACKENDS, call, credentials, HOSTILE, serveSample } from './serve-helpers';

const region = 'us-east-1';

describe.each(BACKENDS)('%s backend', (backend) => {
  describe('serve dynamodb-crud', () => {
    let gateway: LocalGateway;
    let dynamo: DynamoDBClient;
    beforeAll(async () => {
      gateway = await serveSample('dynamodb-crud', {}, backend);
      dynamo = new DynamoDBClient({ endpoint: gateway.endpoints.dynamodb, region, credentials });
    });
    afterAll(async () => {
      dynamo?.destroy();
      await gateway?.stop();
    });

    it('puts, reads, updates and deletes an item with hostile values', async () => {
      const name = `it's "quoted" \\ & = + % $ # ünï 🎉`;
      expect((await call(gateway, 'PUT', '/items/a%201', { body: JSON.stringify({ name }) })).status).toBe(200);
      const stored = await dynamo.send(new GetItemCommand({ TableName: 'Items', Key: { id: { S: 'a 1' } } }));
      expect(stored.Item?.name).toEqual({ S: name });
      const read = await call(gateway, 'GET', '/items/a%201');
      expect([read.status, read.json()]).toEqual([200, { id: 'a 1', name }]);
      expect((await call(gateway, 'PATCH', '/items/a%201', { body: '{"name":"renamed"}' })).status).toBe(200);
      expect((await dynamo.send(new GetItemCommand({ TableName: 'Items', Key: { id: { S: 'a 1' } } }))).Item?.name).toEqual({
        S: 'renamed',
      });
      expect((await call(gateway, 'DELETE', '/items/a%201')).status).toBe(200);
      const gone = await call(gateway, 'GET', '/items/a%201');
      expect(gone.status).toBe(404);
    });

    it('maps a failed condition (update of a missing item) to a 4xx, not a 200', async () => {
      const reply = await call(gateway, 'PATCH', '/items/missing', { body: '{"name":"x"}' });
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
    });
  });

  describe('serve eventbridge-put-events', () => {
    let gateway: LocalGateway;
    beforeAll(async () => {
      gateway = await serveSample('eventbridge-put-events', {}, backend);
    });
    afterAll(() => gateway?.stop());

    it('puts the body as the event detail, byte-for-byte equivalent JSON', async () => {
      const detail = JSON.parse(HOSTILE[0] as string) as unknown;
      const reply = await call(gateway, 'POST', '/orders', { body: HOSTILE[0] });
      expect(reply.status).toBe(200);
      const state = (await gateway.state()) as { events: Record<string, { detail: unknown; 'detail-type': string; source: string }[]> };
      expect(state.events.orders?.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
        ['com.example.orders', 'OrderPlaced', detail],
      ]);
    });
  });

  describe('serve kinesis-put-records', () => {
    let gateway: LocalGateway;
    let kinesis: KinesisClient;
    beforeAll(async () => {
      gateway = await serveSample('kinesis-put-records', {}, backend);
      kinesis = new KinesisClient({ endpoint: gateway.endpoints.kinesis, region, credentials, requestHandler: new NodeHttpHandler() });
    });
    afterAll(async () => {
      kinesis?.destroy();
      await gateway?.stop();
    });

    it('writes the body as the record data with the partition key from a header', async () => {
      const body = HOSTILE[1] as string;
      const reply = await call(gateway, 'POST', '/clicks', { body, headers: { 'X-User-Id': 'user "1"' } });
      expect(reply.status).toBe(200);
      const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: 'Clicks' }));
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({ StreamName: 'Clicks', ShardId: Shards[0]?.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      expect(Records.map((r) => [Buffer.from(r.Data ?? []).toString('utf8'), r.PartitionKey])).toEqual([[body, 'user "1"']]);
    });
  });
});

describe('serve stepfunctions-executions', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('stepfunctions-executions');
  });
  afterAll(() => gateway?.stop());

  it('starts an execution with the body as input, and runs an EXPRESS machine synchronously', async () => {
    const started = await call(gateway, 'POST', '/orders', { body: '{"id":"o-1","note":"it\'s & fine"}' });
    expect(started.status).toBe(200);
    expect(started.json()).toMatchObject({
      executionArn: expect.stringContaining(`arn:aws:states:us-east-1:${ACCOUNT}:execution:OrderWorkflow:`),
    });
    const sfn = new SFNClient({ endpoint: gateway.endpoints.states, region, credentials });
    const { executions = [] } = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:OrderWorkflow` }),
    );
    sfn.destroy();
    expect(executions).toHaveLength(1);
    const quote = await call(gateway, 'POST', '/quotes', { body: '{"request":{"sku":"a"}}' });
    expect([quote.status, quote.json()]).toEqual([200, { price: 42 }]);
  });
});

describe('serve firehose-put-record', () => {
  it('answers the service error for a delivery stream that is not in the template', async () => {
    const gateway = await serveSample('firehose-put-record');
    const reply = await call(gateway, 'POST', '/logs', { body: '{"level":"info"}' });
    await gateway?.stop();
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ code: 'ResourceNotFoundException' });
  });
});
