import { formatApiPath, parseApiPath } from '../../macro/schema/api-path';

describe('API paths', () => {
  it.each([
    '/',
    '/orders',
    '/orders/{id}',
    '/files/{key+}',
    '/v1.2/my-orders/{tenant_id}/items',
    '/{proxy+}',
    '/streams/{stream-name}/records',
    '/files/{object-key+}',
  ])('accepts %s and formats it back unchanged', (path) => {
    const parsed = parseApiPath(path);
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    expect(formatApiPath(parsed.value)).toBe(path);
  });

  it.each([
    { path: 'orders', error: /must start with '\/'/ },
    { path: '/orders/', error: /must not end with '\/'/ },
    { path: '/a//b', error: /empty segment/ },
    { path: '/files/{key+}/meta', error: /greedy segment '\{key\+\}' must be the last/ },
    { path: '/a/{id}/b/{id}', error: /uses the parameter \{id\} twice/ },
    { path: '/a b', error: /invalid segment 'a b'/ },
    { path: '/{a.b}', error: /invalid segment '\{a\.b\}'/ },
    { path: '/{-a}', error: /invalid segment '\{-a\}'/ },
  ])('rejects $path', ({ path, error }) => {
    const parsed = parseApiPath(path);
    expect(!parsed.ok && parsed.problems).toEqual([{ path: [], message: expect.stringMatching(error) }]);
  });
});
