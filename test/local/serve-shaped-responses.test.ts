/** `serve` end to end for shaped responses (samples/shaped-responses.yaml), against the embedded DynamoDB. */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalGateway } from '../../gateway/gateway';
import { call, credentials, HOSTILE, serveSample } from './serve-helpers';

describe('serve shaped-responses', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('shaped-responses');
  });
  afterAll(() => gateway?.stop());

  const put = (customer: string, order: string, body: unknown) =>
    call(gateway, 'PUT', `/customers/${encodeURIComponent(customer)}/orders/${order}`, { body: JSON.stringify(body) });

  it('answers a PUT with its own status and a body of request and context values', async () => {
    const reply = await put('c 1', 'o1', { status: 'open', lines: [{ sku: HOSTILE[0], quantity: 2 }] });
    expect(reply.status).toBe(201);
    expect(reply.json()).toEqual({ order: '/customers/c 1/orders/o1', requestId: expect.any(String) });
  });

  it('projects the answer item by item (lines inside orders), with request values beside them', async () => {
    await put('c 1', 'o2', { status: 'closed', lines: [] });
    const reply = await call(gateway, 'GET', '/customers/c%201/orders', { headers: { 'X-Tenant': `t "1" $ #` } });
    expect(reply.status).toBe(200);
    expect(reply.json()).toEqual({
      customer: 'c 1',
      request: { id: expect.any(String), tenant: `t "1" $ #` },
      count: 2,
      orders: [
        { id: 'o1', status: 'open', lines: [{ sku: HOSTILE[0], quantity: '2' }] },
        { id: 'o2', status: 'closed', lines: [] },
      ],
      links: ['/customers/c 1', '/customers/c 1/orders'],
    });
  });

  it('chooses the status by the answer: 404 for no orders, 404 for a missing order, 410 for an archived one', async () => {
    const none = await call(gateway, 'GET', '/customers/nobody/orders');
    expect([none.status, none.json()]).toEqual([404, { message: 'This customer has no orders.', customer: 'nobody' }]);
    const missing = await call(gateway, 'GET', '/customers/c%201/orders/o9');
    expect([missing.status, missing.json()]).toEqual([404, { message: 'No such order.', order: 'o9' }]);
    await put('c 1', 'o3', { status: 'ARCHIVED' });
    const archived = await call(gateway, 'GET', '/customers/c%201/orders/o3');
    expect([archived.status, archived.json()]).toEqual([410, { message: 'This order is archived.', order: 'o3' }]);
    const found = await call(gateway, 'GET', '/customers/c%201/orders/o1');
    expect([found.status, found.json()]).toEqual([200, { id: 'o1', status: 'open', lines: [HOSTILE[0]] }]);
  });

  it('refuses (502) an answer whose list is longer than a template can loop over, never cutting it', async () => {
    // Stored with the SDK: the request side refuses a list this long before DynamoDB sees it.
    const dynamo = new DynamoDBClient({ endpoint: gateway.endpoints.dynamodb, region: 'us-east-1', credentials });
    const store = (customer: string, count: number) =>
      dynamo.send(
        new PutItemCommand({
          TableName: 'Orders',
          Item: {
            customerId: { S: customer },
            orderId: { S: 'o1' },
            lines: { L: Array.from({ length: count }, (_, i) => ({ M: { sku: { S: `s${i}` } } })) },
          },
        }),
      );
    await store('big', 1001);
    await store('cap', 1000);
    dynamo.destroy();
    const reply = await call(gateway, 'GET', '/customers/big/orders/o1');
    expect(reply.status).toBe(502);
    expect(reply.json()).toMatchObject({ code: 'ResponseTooLarge' });
    const whole = await call(gateway, 'GET', '/customers/cap/orders/o1');
    expect(whole.status).toBe(200);
    expect((whole.json() as { lines: string[] }).lines).toHaveLength(1000);
  });
});
