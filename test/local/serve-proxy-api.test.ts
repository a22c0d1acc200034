/**
 * `serve` on the Proxy::Api samples, in both Definitions and on both backends, with real HTTP:
 * samples/proxy-api-settings.yaml (Definition: Resources: stage variables, a template's own MOCK
 * method on the API) and samples/openapi-mode.yaml (Definition: OpenApi: every route, preflight,
 * validator and API key read from the RestApi Body, a Condition as Fn::If inside it).
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, credentials, QueueReader, serveSample } from './serve-helpers';

describe.each(BACKENDS)('%s backend: samples/proxy-api-settings.yaml (Proxy::Api, Definition: Resources)', (backend) => {
  let gateway: LocalGateway;
  let queues: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('proxy-api-settings', {}, backend);
    queues = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queues?.destroy();
    await gateway?.stop();
  });

  it('POST /orders enqueues the body with the stage variable the API sets as a message attribute', async () => {
    const reply = await call(gateway, 'POST', '/orders', { body: '{"item":"lamp"}' });
    expect(reply.status).toBe(200);
    const { messageId } = reply.json() as { messageId: string };
    const messages = await queues.drainUntil('Orders', 1, 5_000);
    expect(messages.map((m) => [m.MessageId, m.Body, m.MessageAttributes?.environment?.StringValue])).toEqual([
      [messageId, '{"item":"lamp"}', 'production'],
    ]);
  });

  it('GET /orders/{id} answers 404 for an absent order, then the stored item as plain JSON', async () => {
    expect((await call(gateway, 'GET', '/orders/o-1')).status).toBe(404);
    const dynamo = new DynamoDBClient({ endpoint: gateway.endpoints.dynamodb, region: 'us-east-1', credentials });
    try {
      await dynamo.send(new PutItemCommand({ TableName: 'OrderTable', Item: { id: { S: 'o-1' }, status: { S: 'paid' } } }));
    } finally {
      dynamo.destroy();
    }
    const reply = await call(gateway, 'GET', '/orders/o-1');
    expect([reply.status, reply.json()]).toEqual([200, { id: 'o-1', status: 'paid' }]);
  });

  it("serves the template's own MOCK method on the Proxy::Api (GET /health)", async () => {
    const reply = await call(gateway, 'GET', '/health');
    expect([reply.status, reply.text]).toEqual([200, '{"status":"ok"}']);
  });
});

describe.each(BACKENDS)('%s backend: samples/openapi-mode.yaml (Proxy::Api, Definition: OpenApi)', (backend) => {
  const app = 'https://app.example.com';
  let gateway: LocalGateway;
  let queues: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('openapi-mode', { apiKeys: ['k-1'] }, backend);
    queues = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queues?.destroy();
    await gateway?.stop();
  });

  it('answers the CORS preflight from the Body: the allowed origin echoed, the path’s methods listed; a stranger gets no grant', async () => {
    const preflight = await call(gateway, 'OPTIONS', '/items', {
      headers: { Origin: app, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(app);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST,OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Content-Type');
    const admin = await call(gateway, 'OPTIONS', '/items/i-1', {
      headers: { Origin: 'https://admin.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(admin.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    const stranger = await call(gateway, 'OPTIONS', '/items/i-1', {
      headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('POST /items stores a valid body (201 with its id, CORS on the answer) and GET /items/{id} reads it back', async () => {
    const created = await call(gateway, 'POST', '/items', { body: '{"name":"lamp"}', headers: { Origin: app } });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(app);
    const { id } = created.json() as { id: string };
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await call(gateway, 'GET', `/items/${id}`);
    expect([read.status, read.json()]).toEqual([200, { id, name: 'lamp' }]);
  });

  it('refuses a body that does not match the request model, before calling DynamoDB', async () => {
    const reply = await call(gateway, 'POST', '/items', { body: '{"nam":"lamp"}' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ message: 'Invalid request body' });
  });

  it('requires the API key on POST /items/{id}/audit, then enqueues the audit record', async () => {
    expect((await call(gateway, 'POST', '/items/i-1/audit', { body: '{}' })).status).toBe(403);
    const reply = await call(gateway, 'POST', '/items/i-1/audit', { body: '{"by":"ops"}', headers: { 'x-api-key': 'k-1' } });
    expect(reply.status).toBe(200);
    const messages = await queues.drainUntil('Audit', 1, 5_000);
    expect(messages.map((m) => [m.Body, m.MessageAttributes?.itemId?.StringValue])).toEqual([['{"by":"ops"}', 'i-1']]);
  });

  it('DELETE /items/{id} exists where its Condition holds (Environment dev, the default)', async () => {
    const { id } = (await call(gateway, 'POST', '/items', { body: '{"name":"old"}' })).json() as { id: string };
    expect((await call(gateway, 'DELETE', `/items/${id}`)).status).toBe(200);
    expect((await call(gateway, 'GET', `/items/${id}`)).status).toBe(404);
  });
});

describe('samples/openapi-mode.yaml with Environment prod: the Condition removes DELETE from the Body', () => {
  it('answers DELETE /items/{id} as API Gateway does for a method the API lacks, while GET still works', async () => {
    const gateway = await serveSample('openapi-mode', { parameters: { Environment: 'prod' } });
    try {
      const deleted = await call(gateway, 'DELETE', '/items/i-1');
      expect(deleted.status).toBe(403);
      expect(deleted.json()).toEqual({ message: 'Missing Authentication Token' });
      expect((await call(gateway, 'GET', '/items/i-1')).status).toBe(404);
    } finally {
      await gateway.stop();
    }
  });
});
