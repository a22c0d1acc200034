/** `serve samples/openapi3-body-api.yaml`: an OpenAPI 3.0 Body keeps its own routes beside the merged integration. */
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, QueueReader, serveSample } from './serve-helpers';

describe.each(BACKENDS)('%s backend: serve openapi3-body-api', (backend) => {
  let gateway: LocalGateway;
  let queues: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('openapi3-body-api', {}, backend);
    queues = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queues?.client.destroy();
    await gateway?.stop();
  });

  it("keeps the document's own route", async () => {
    const ping = await call(gateway, 'GET', '/ping');
    expect([ping.status, ping.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('serves the merged integration, with its OpenAPI 3 requestBody model and header parameter validated', async () => {
    const sent = await call(gateway, 'POST', '/items/i-1', { body: '{"name":"lamp"}', headers: { 'X-Tenant': 'acme' } });
    expect([sent.status, sent.headers.get('cache-control')]).toEqual([200, 'no-store']);
    const [message] = await queues.drain('Items');
    expect(message?.Body).toBe('{"name":"lamp"}');
    expect(message?.MessageAttributes?.itemId?.StringValue).toBe('i-1');
    expect((await call(gateway, 'POST', '/items/i-2', { body: '{}', headers: { 'X-Tenant': 'acme' } })).status).toBe(400);
    expect((await call(gateway, 'POST', '/items/i-3', { body: '{"name":"x"}' })).status).toBe(400);
  });
});
