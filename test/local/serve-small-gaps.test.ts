/** `serve samples/small-gaps.yaml` end to end: the small gaps of issue 18 against the embedded emulators and moto. */
import type { LocalGateway } from '../../gateway/gateway';
import { BACKENDS, call, serveSample } from './serve-helpers';

describe.each(BACKENDS)('%s backend: serve small-gaps', (backend) => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('small-gaps', {}, backend);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('routes a path parameter with a dash ({item-id}) and reads it with $request.path.item-id', async () => {
    expect((await call(gateway, 'PUT', '/items/a-1%20b', { body: '{"name":"first"}' })).status).toBe(200);
    const read = await call(gateway, 'GET', '/items/a-1%20b');
    expect([read.status, read.json()]).toEqual([200, { id: 'a-1 b', name: 'first' }]);
  });

  it('answers the replaced name on PATCH (UPDATED_OLD) and the deleted item on DELETE (ALL_OLD)', async () => {
    expect((await call(gateway, 'PUT', '/items/r-1', { body: '{"name":"before"}' })).status).toBe(200);
    const renamed = await call(gateway, 'PATCH', '/items/r-1', { body: '{"name":"after"}' });
    expect([renamed.status, renamed.json()]).toEqual([200, { name: 'before' }]);
    const deleted = await call(gateway, 'DELETE', '/items/r-1');
    expect([deleted.status, deleted.json()]).toEqual([200, { id: 'r-1', name: 'after' }]);
    const again = await call(gateway, 'DELETE', '/items/r-1');
    expect([again.status, again.json()]).toEqual([200, {}]);
  });

  it('answers a body that fails RequestSchema with the RequestSchemaErrorMessage, before DynamoDB is called', async () => {
    const reply = await call(gateway, 'PUT', '/items/bad', { body: '{"name":""}' });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ message: 'An item needs a name (a non-empty string); see https://example.com/docs/items.' });
    expect((await call(gateway, 'GET', '/items/bad')).status).toBe(404);
  });

  it('sends what a !Sub RequestTemplate names: the bus and the template parameter, filled in at deploy time', async () => {
    const reply = await call(gateway, 'POST', '/orders', { body: '{"id":"o-1","note":"it\'s \\"fine\\""}' });
    expect(reply.status).toBe(200);
    const state = (await gateway.state()) as { events: Record<string, { detail: unknown; 'detail-type': string; source: string }[]> };
    expect(state.events.orders?.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
      ['com.example.orders', 'OrderPlaced', { id: 'o-1', note: 'it\'s "fine"' }],
    ]);
  });
});
