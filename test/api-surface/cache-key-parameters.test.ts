/** `CacheKeyParameters` (issue 18): request selectors become the integration's cache keys, declared on the method request. */
import { integrationExtension } from '../../macro/emit/openapi';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

function expand(cacheKeyParameters: Json, path = '/items/{item-id}') {
  const template = {
    Resources: {
      Items: { Type: 'AWS::DynamoDB::Table' },
      GetItem: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: path,
          Method: 'GET',
          Service: 'dynamodb',
          Action: 'GetItem',
          Target: { Ref: 'Items' },
          Parameters: { Key: { id: path.includes('{item-id}') ? '$request.path.item-id' : 'fixed' } },
          RequestParameters: { 'header.X-Tenant': true },
          CacheKeyParameters: cacheKeyParameters,
        },
      },
    },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: {} });
}

describe('CacheKeyParameters', () => {
  it('keys the cache by path, query string and header values, each declared as a method request parameter', () => {
    const result = expand(['$request.path.item-id', '$request.querystring.view', '$request.header.X-Tenant']);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const method = (result.template.Resources as JsonObject).GetItemMethod as JsonObject;
    const properties = method.Properties as JsonObject;
    expect((properties.Integration as JsonObject).CacheKeyParameters).toEqual([
      'method.request.path.item-id',
      'method.request.querystring.view',
      'method.request.header.X-Tenant',
    ]);
    // A key the method did not declare yet is declared optional; a declared one keeps whether it is required.
    expect(properties.RequestParameters).toEqual({
      'method.request.path.item-id': true,
      'method.request.header.X-Tenant': true,
      'method.request.querystring.view': false,
    });
  });

  it('carries the keys into an OpenAPI definition as cacheKeyParameters', () => {
    expect(integrationExtension({ Type: 'AWS', CacheKeyParameters: ['method.request.path.id'] })).toMatchObject({
      cacheKeyParameters: ['method.request.path.id'],
    });
  });

  it.each([
    { keys: ['$request.body.id'], message: /cannot key a cache: .*"\$request\.path\.name"/, path: 'Properties.CacheKeyParameters[0]' },
    { keys: ['$context.requestId'], message: /cannot key a cache/, path: 'Properties.CacheKeyParameters[0]' },
    {
      keys: ['$request.path.id'],
      message: /path parameter the Path does not have; the Path has \{item-id\}/,
      path: 'Properties.CacheKeyParameters[0]',
    },
    { keys: ['$request.querystring.a', '$request.querystring.a'], message: /duplicate|identical/, path: 'Properties.CacheKeyParameters' },
    { keys: [], message: /fewer than 1|at least 1|must NOT have fewer/, path: 'Properties.CacheKeyParameters' },
  ])('refuses $keys', ({ keys, message, path }) => {
    const result = expand(keys);
    expect(!result.ok && result.diagnostics).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });
});
