import { pathResourceId } from '../../macro/logical-ids';
import { type PathSegment, parseApiPath } from '../../macro/schema/api-path';

function idOf(path: string): string {
  return pathResourceId('ServiceProxyApi', (parseApiPath(path) as { value: PathSegment[] }).value);
}

describe('logical IDs of path resources', () => {
  it.each([
    { path: '/orders', id: 'ServiceProxyApiOrdersResource' },
    { path: '/orders/{id}', id: 'ServiceProxyApiOrdersIdVarResource' },
    { path: '/orders/{orderId}', id: 'ServiceProxyApiOrdersOrderIdVarResource' },
    { path: '/files/{key+}', id: 'ServiceProxyApiFilesKeyProxyVarResource' },
    { path: '/v1/orders', id: 'ServiceProxyApiV1OrdersResource' },
  ])('$path → $id', ({ path, id }) => {
    expect(idOf(path)).toBe(id);
  });

  it('never gives two different paths the same ID, even when they look alike', () => {
    const paths = [
      '/my-orders',
      '/my_orders',
      '/myOrders',
      '/MyOrders',
      '/myorders',
      '/my.orders',
      '/{myorders}',
      '/{myOrders}',
      '/{my_orders}',
      '/my/orders',
    ];
    const ids = paths.map(idOf);
    expect(new Set(ids).size).toBe(paths.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });

  it("keeps very deep paths within CloudFormation's 255-character limit, still unique", () => {
    const deep = `/${Array.from({ length: 60 }, (_, i) => `segment${i}`).join('/')}`;
    const deeper = `${deep}/x`;
    expect(idOf(deep).length).toBeLessThanOrEqual(255);
    expect(idOf(deep)).not.toBe(idOf(deeper));
  });
});
