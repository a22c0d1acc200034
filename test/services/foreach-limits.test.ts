/**
 * VTL stops every #foreach after 1,000 iterations, silently. Every loop the macro generates refuses
 * what it cannot carry whole — a request with 400 and a message, a service answer with 502 — instead
 * of storing 1,000 of 1,005 attributes and answering 200 (issue 15, item 5).
 */
import type { JsonObject } from '../../macro/types';
import { exchange, jsonService } from './gateway-in-process';

const table = { Table: { Type: 'AWS::DynamoDB::Table' } };
const integration = (properties: JsonObject): JsonObject => ({
  Resources: {
    ...table,
    Call: {
      Type: 'Proxy::ServiceIntegration',
      Properties: { Path: '/items/{id}', Method: 'POST', Target: { Ref: 'Table' }, Service: 'dynamodb', ...properties },
    },
  },
});
const attributes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, i]));
const stored: unknown[] = [];
const dynamodb = jsonService((body) => {
  stored.push(body);
  return { status: 200, headers: {}, body: Buffer.from('{}') };
});

describe('request templates refuse what they cannot carry whole', () => {
  beforeEach(() => stored.splice(0));

  it('PutItem with 1,005 attributes: 400 with the reason, nothing stored (it stored 1,000 and answered 200)', async () => {
    const put = integration({ Action: 'PutItem', Parameters: { Key: { id: '$request.path.id' } } });
    const refused = await exchange(put, { method: 'POST', path: '/items/x', body: JSON.stringify(attributes(1_005)) }, dynamodb);
    expect(refused.response.statusCode).toBe(400);
    expect(refused.json()).toEqual({
      message: 'the item has more than 1,000 attributes, more than a mapping template can carry (its loops stop at 1,000); send fewer.',
      code: 'RequestRefused',
    });
    expect(stored).toEqual([]);
    const fine = await exchange(put, { method: 'POST', path: '/items/x', body: JSON.stringify(attributes(1_000)) }, dynamodb);
    expect(fine.response.statusCode).toBe(200);
    expect(Object.keys((stored[0] as { Item: JsonObject }).Item)).toHaveLength(1_001);
  });

  it('a list or map of 1,001 entries inside an item: 400', async () => {
    const put = integration({ Action: 'PutItem', Parameters: { Key: { id: '$request.path.id' } } });
    for (const value of [Array.from({ length: 1_001 }, (_, i) => i), attributes(1_001), { deep: [attributes(1_001)] }]) {
      const refused = await exchange(put, { method: 'POST', path: '/items/x', body: JSON.stringify({ value }) }, dynamodb);
      expect(refused.response.statusCode).toBe(400);
      expect((refused.json() as JsonObject).message).toContain('a map or list in the item has more than 1,000 entries');
    }
    expect(stored).toEqual([]);
  });

  it('a batch list longer than 1,000 elements: 400 (it became invalid JSON: a trailing comma)', async () => {
    const template: JsonObject = {
      Resources: {
        Stream: { Type: 'AWS::Kinesis::Stream' },
        Call: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            Path: '/records',
            Method: 'POST',
            Service: 'kinesis',
            Action: 'PutRecords',
            Target: { 'Fn::GetAtt': ['Stream', 'Arn'] },
          },
        },
      },
    };
    const records = (n: number) => JSON.stringify({ records: Array.from({ length: n }, (_, i) => ({ data: `d${i}`, partitionKey: 'k' })) });
    const refused = await exchange(template, { method: 'POST', path: '/records', body: records(1_001) }, dynamodb);
    expect(refused.response.statusCode).toBe(400);
    expect((refused.json() as JsonObject).message).toContain('the list records in the request body has more than 1,000 elements');
    const fine = await exchange(template, { method: 'POST', path: '/records', body: records(1_000) }, dynamodb);
    expect(fine.response.statusCode).toBe(200);
  });
});

describe('response templates refuse answers they cannot carry whole', () => {
  const answer = (item: JsonObject) => jsonService(() => ({ status: 200, headers: {}, body: Buffer.from(JSON.stringify({ Item: item })) }));

  it('GetItem of an item with 1,005 attributes: 502 with a message, not 1,000 of them', async () => {
    const get = integration({ Action: 'GetItem', Method: 'GET', Parameters: { Key: { id: '$request.path.id' } } });
    const item = Object.fromEntries(Array.from({ length: 1_005 }, (_, i) => [`a${i}`, { N: String(i) }]));
    const reply = await exchange(get, { method: 'GET', path: '/items/x' }, answer(item));
    expect(reply.response.statusCode).toBe(502);
    expect(reply.json()).toEqual({
      message: 'The service answered with an item larger than a mapping template can carry (more than 1,000 entries in one list or map).',
      code: 'ResponseTooLarge',
    });
    const small = await exchange(get, { method: 'GET', path: '/items/x' }, answer({ id: { S: 'x' }, tags: { SS: ['a', 'b'] } }));
    expect([small.response.statusCode, small.json()]).toEqual([200, { id: 'x', tags: ['a', 'b'] }]);
  });

  it.each([
    ['a string set', { SS: Array.from({ length: 1_001 }, (_, i) => `s${i}`) }],
    ['a list', { L: Array.from({ length: 1_001 }, () => ({ N: '1' })) }],
    ['a nested map', { M: { inner: { M: Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`k${i}`, { BOOL: true }])) } } }],
  ])('GetItem of an item holding %s of 1,001 entries: 502', async (_what, value) => {
    const get = integration({ Action: 'GetItem', Method: 'GET', Parameters: { Key: { id: '$request.path.id' } } });
    const reply = await exchange(get, { method: 'GET', path: '/items/x' }, answer({ id: { S: 'x' }, value }));
    expect(reply.response.statusCode).toBe(502);
    expect((reply.json() as JsonObject).code).toBe('ResponseTooLarge');
  });
});

it("a key attribute named with a quote (it's) leaves the item template valid VTL", async () => {
  const put = integration({ Action: 'PutItem', Parameters: { Key: { "it's": '$request.path.id' } } });
  stored.splice(0);
  const reply = await exchange(
    put,
    { method: 'POST', path: '/items/x', body: JSON.stringify({ "it's": 'body value', other: 1 }) },
    dynamodb,
  );
  expect(reply.response.statusCode).toBe(200);
  expect(stored).toEqual([{ TableName: 'Table', Item: { "it's": { S: 'x' }, other: { N: '1' } } }]);
});
