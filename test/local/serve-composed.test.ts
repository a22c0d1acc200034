/** `serve` end to end for composed request fields (samples/composed-fields.yaml): what each service received. */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { LocalGateway } from '../../gateway/gateway';
import { call, credentials, HOSTILE, QueueReader, serveSample } from './serve-helpers';

describe('serve composed-fields', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('composed-fields');
  });
  afterAll(() => gateway?.stop());

  it('puts an event whose Detail is the map of literals, selectors and a joined text, and whose DetailType is joined', async () => {
    const items = JSON.parse(HOSTILE[0] as string) as unknown;
    const reply = await call(gateway, 'POST', '/orders/o%201?kind=Placed', {
      body: JSON.stringify({ items: [items] }),
      headers: { 'X-Customer': `c "7" $ # ' \\` },
    });
    expect(reply.status).toBe(200);
    const state = (await gateway.state()) as { events: Record<string, { detail: Record<string, unknown>; 'detail-type': string }[]> };
    const [event] = state.events.orders ?? [];
    expect(event?.['detail-type']).toBe('OrderPlaced');
    expect(event?.detail).toMatchObject({
      orderId: 'o 1',
      customer: { id: `c "7" $ # ' \\` },
      items: [items],
      tags: ['api', 'Placed', 42, true, null],
      note: 'it\'s $ 100 # "quoted"',
    });
    expect(event?.detail.reference).toMatch(/^order-o 1\/[0-9a-f-]{36}$/);
  });

  it('leaves an absent value out of the map and out of the joined text', async () => {
    const reply = await call(gateway, 'POST', '/orders/o2', { body: '{}' });
    expect(reply.status).toBe(200);
    const state = (await gateway.state()) as { events: Record<string, { detail: Record<string, unknown>; 'detail-type': string }[]> };
    const event = state.events.orders?.at(-1);
    expect(event?.['detail-type']).toBe('Order');
    expect(event?.detail).not.toHaveProperty('items');
    expect(event?.detail.customer).toEqual({ sourceIp: expect.any(String) });
    expect(event?.detail.tags).toEqual(['api', 42, true, null]);
  });

  it('starts the workflow with the map as its input (the express workflow echoes it)', async () => {
    const name = HOSTILE[2] as string;
    const reply = await call(gateway, 'POST', '/quotes/q1', { body: JSON.stringify({ customer: { name }, lines: [{ n: 1 }] }) });
    expect([reply.status, reply.json()]).toEqual([
      200,
      { quoteId: 'q1', label: `quote q1 for ${name}`, lines: [{ n: 1 }], currency: 'EUR' },
    ]);
  });

  it('sends the SQS message body as the JSON text of the map', async () => {
    const subject = HOSTILE[1] as string;
    const reply = await call(gateway, 'POST', '/tickets/t1', { body: JSON.stringify({ subject }), headers: { 'X-User': 'bob & "al"' } });
    expect(reply.status).toBe(200);
    const reader = new QueueReader(gateway.endpoints.sqs as string);
    const [message] = await reader.drain('Tickets');
    reader.client.destroy();
    expect(JSON.parse(message?.Body ?? '')).toEqual({ ticket: 't1', subject, requestedBy: 'bob & "al"' });
  });

  it('stores the joined key and a string attribute holding JSON', async () => {
    const text = HOSTILE[3] as string;
    const reply = await call(gateway, 'PUT', '/notes/n%231', {
      body: JSON.stringify({ text, tags: ['a', `"b"`] }),
      headers: { 'X-User': 'bob' },
    });
    expect(reply.status).toBe(200);
    const dynamo = new DynamoDBClient({ endpoint: gateway.endpoints.dynamodb, region: 'us-east-1', credentials });
    const stored = await dynamo.send(new GetItemCommand({ TableName: 'Notes', Key: { pk: { S: 'note#n#1' } } }));
    dynamo.destroy();
    expect(stored.Item?.text).toEqual({ S: text });
    expect(JSON.parse(stored.Item?.meta?.S ?? '')).toEqual({ author: 'bob', tags: ['a', `"b"`] });
  });
});
