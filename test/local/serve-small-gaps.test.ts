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
});
