/** `serve` with the API-surface samples: CORS preflight (MOCK), API keys, authorizer policy, validation, custom responses. */
import type { LocalGateway } from '../../gateway/gateway';
import { call, QueueReader, serveSample } from './serve-helpers';

describe('serve cors', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('cors');
  });
  afterAll(() => gateway.stop());

  it('answers preflight from the template OPTIONS method (MOCK integration)', async () => {
    const reply = await call(gateway, 'OPTIONS', '/orders', {
      headers: { Origin: 'http://localhost:8080', 'Access-Control-Request-Method': 'POST' },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-methods')).toBe('POST,OPTIONS');
    const cart = await call(gateway, 'OPTIONS', '/carts/c-1', { headers: { Origin: 'https://shop.example.com' } });
    expect(cart.status).toBe(204);
    expect(cart.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(cart.headers.get('access-control-max-age')).toBe('600');
    const stranger = await call(gateway, 'OPTIONS', '/carts/c-1', { headers: { Origin: 'https://evil.example.com' } });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS headers to integration responses and to gateway errors', async () => {
    const posted = await call(gateway, 'POST', '/carts/c-1', { body: '{}', headers: { Origin: 'https://admin.example.com' } });
    expect(posted.status).toBe(200);
    expect(posted.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    expect(posted.headers.get('access-control-allow-credentials')).toBe('true');
    const missing = await call(gateway, 'GET', '/nope', { headers: { Origin: 'https://shop.example.com' } });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect(missing.headers.get('vary')).toBe('Origin');
  });
});

describe('serve api-keys', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('api-keys', { apiKeys: ['k-1'] });
  });
  afterAll(() => gateway.stop());

  it('requires a known x-api-key on ApiKeyRequired methods', async () => {
    const none = await call(gateway, 'POST', '/orders', { body: '{}' });
    expect([none.status, none.text]).toEqual([403, '{"message":"Forbidden"}']);
    expect((await call(gateway, 'POST', '/orders', { body: '{}', headers: { 'x-api-key': 'wrong' } })).status).toBe(403);
    expect((await call(gateway, 'POST', '/orders', { body: '{}', headers: { 'x-api-key': 'k-1' } })).status).toBe(200);
  });
});

describe('serve auth-lambda-and-iam', () => {
  it('accepts by default and, with denyUnauthenticated, requires an Authorization header (never verified)', async () => {
    const open = await serveSample('auth-lambda-and-iam');
    const accepting = await call(open, 'POST', '/orders', { body: '{}' });
    await open.stop();
    expect(accepting.status).toBe(200);

    const strict = await serveSample('auth-lambda-and-iam', { denyUnauthenticated: true });
    const denied = await call(strict, 'POST', '/orders', { body: '{}' });
    const allowed = await call(strict, 'POST', '/orders', { body: '{}', headers: { Authorization: 'anything' } });
    await strict.stop();
    expect([denied.status, denied.text]).toEqual([401, '{"message":"Unauthorized"}']);
    expect(allowed.status).toBe(200);
  });
});

describe('serve request-validation', () => {
  let gateway: LocalGateway;
  let queue: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('request-validation');
    queue = new QueueReader(gateway.endpoints.sqs!);
  });
  afterAll(async () => {
    queue.destroy();
    await gateway.stop();
  });

  it('rejects missing required parameters and bodies that do not match the model, before calling SQS', async () => {
    const noHeader = await call(gateway, 'POST', '/orders', { body: '{"sku":"a","quantity":1}' });
    expect([noHeader.status, noHeader.text]).toEqual([400, '{"message":"Missing required request parameters: [Idempotency-Key]"}']);
    const badBody = await call(gateway, 'POST', '/orders', {
      body: '{"sku":"","quantity":0,"x":1}',
      headers: { 'Idempotency-Key': 'i-1' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.json()).toEqual({ message: 'Invalid request body', validation: expect.stringContaining('must') });
    expect(await queue.drain('Orders')).toEqual([]);
  });

  it('sends a valid request', async () => {
    const body = '{"sku":"A & B \\"1\\"","quantity":2}';
    const reply = await call(gateway, 'POST', '/orders', { body, headers: { 'Idempotency-Key': 'i-2' } });
    expect(reply.status).toBe(200);
    const [message] = await queue.drain('Orders');
    expect(message?.Body).toBe(body);
    expect(message?.MessageAttributes?.idempotencyKey?.StringValue).toBe('i-2');
  });
});

describe('serve responses', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('responses');
  });
  afterAll(() => gateway.stop());

  it('maps the success response: status, headers from literals and $context, body from the service response', async () => {
    const reply = await call(gateway, 'POST', '/jobs', { body: '{"job":1}' });
    expect(reply.status).toBe(202);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('x-request-id')).toBe(reply.headers.get('x-amzn-requestid'));
    expect(reply.json()).toMatchObject({
      jobId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestId: reply.headers.get('x-amzn-requestid'),
      status: 'queued',
    });
  });
});

describe('serve integration-settings', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await serveSample('integration-settings');
  });
  afterAll(() => gateway.stop());

  it('maps JSON and answers 415 for a binary type without a template (WHEN_NO_TEMPLATES)', async () => {
    expect((await call(gateway, 'POST', '/uploads', { body: '{"a":1}' })).status).toBe(200);
    const binary = await call(gateway, 'POST', '/uploads', {
      body: Buffer.from([0, 1, 2, 255]),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(binary.status).toBe(415);
  });
});
