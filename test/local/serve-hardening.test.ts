/**
 * `serve` on a developer's machine (issue 15, items 11–13): only requests addressed to this machine,
 * graceful stops and slow or vanishing clients, a backend process that dies, header values with commas.
 */

import { request } from 'node:http';
import { connect } from 'node:net';
import { expandFile } from '../../cli/expand-file';
import { CLIENT_CLOSED_STATUS, type LocalApiModel, type RequestLogEntry, type ServiceRequest, startHttpServer } from '../../gateway';
import { type LocalGateway, startLocalGateway } from '../../gateway/gateway';
import { samplePath } from '../helpers/samples';
import { ACCOUNT, QueueReader, requireMotoServer, serveSample } from './serve-helpers';

/** One request with exactly these headers (Host included), the path as written; resolves with status, headers and body. */
function send(
  url: string,
  options: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: string },
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

describe('only requests addressed to this machine (item 11)', () => {
  let gateway: LocalGateway;
  const log: RequestLogEntry[] = [];
  beforeAll(async () => {
    gateway = await serveSample('quickstart', { onRequest: (entry) => log.push(entry), allowedHosts: ['dev.example.test'] });
  });
  afterAll(() => gateway?.stop());

  it.each([
    ['a rebound DNS name as Host', { Host: 'attacker.example:3000' }],
    ['a foreign Origin', { Origin: 'https://attacker.example' }],
    ['a null Origin (a sandboxed or file page)', { Origin: 'null' }],
  ])('%s gets 403, on routes and on /_proxy/state, and the log says why', async (_what, headers) => {
    for (const path of ['/_proxy/state', '/orders']) {
      log.splice(0);
      const reply = await send(gateway.url, {
        method: path === '/orders' ? 'POST' : 'GET',
        path,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{}',
      });
      expect(reply.status).toBe(403);
      expect(reply.body).toContain('Forbidden');
      expect(log.map((e) => e.trace.reason)).toEqual([expect.stringMatching(/^refused: (Host|Origin) '/)]);
    }
  });

  it.each([
    ['localhost', { Host: 'localhost:3000' }],
    ['127.0.0.1', {}],
    ['[::1]', { Host: '[::1]:3000' }],
    ['a localhost subdomain', { Host: 'app.localhost' }],
    ['a page of this machine', { Origin: 'http://localhost:5173' }],
    ['a name allowed with --allow-host', { Host: 'dev.example.test:8080', Origin: 'https://dev.example.test' }],
  ])('%s is served', async (_what, headers) => {
    const reply = await send(gateway.url, { path: '/_proxy/state', headers });
    expect(reply.status).toBe(200);
  });
});

/** A one-route API whose service answers after `delayMillis`. */
async function slowServer(delayMillis: number, extra: Partial<Parameters<typeof startHttpServer>[0]> = {}) {
  const expanded = expandFile(samplePath('quickstart'));
  if (!expanded.ok) throw new Error('quickstart does not expand');
  const { localApiFromTemplate } = await import('../../gateway');
  const { model } = localApiFromTemplate(expanded.template, { region: 'us-east-1', accountId: ACCOUNT });
  const log: RequestLogEntry[] = [];
  const server = await startHttpServer({
    model: model as LocalApiModel,
    host: '127.0.0.1',
    port: 0,
    onRequest: (entry) => log.push(entry),
    deps: {
      send: async (_request: ServiceRequest) => {
        await new Promise((resolve) => setTimeout(resolve, delayMillis));
        return { status: 200, headers: {}, body: Buffer.from('{"SendMessageResponse":{"SendMessageResult":{"MessageId":"m-1"}}}') };
      },
      policy: { apiKeys: new Set(), denyUnauthenticated: false },
      newRequestId: () => 'req',
      now: () => new Date(0),
    },
    ...extra,
  });
  return { server, log };
}

describe('stopping and slow or vanishing clients (item 12)', () => {
  it('stopping lets a request in flight finish (it was reset), then closes', async () => {
    const { server } = await slowServer(400);
    const pending = send(server.url, { method: 'POST', path: '/orders', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await expect(pending).resolves.toMatchObject({ status: 200 });
    await expect(send(server.url, { path: '/orders' })).rejects.toThrow();
  });

  it('stopping waits no longer than the drain deadline for a request that does not finish', async () => {
    const { server } = await slowServer(10_000, { drainMillis: 300 });
    const pending = send(server.url, {
      method: 'POST',
      path: '/orders',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    // The connection was closed under it (an Error from another realm: compare by shape).
    expect(await pending).toHaveProperty('message');
  });

  it('a client that disconnects mid-body is logged as such (499), not as a 500 with a stack trace', async () => {
    const { server, log } = await slowServer(0);
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('POST /orders HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"half":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    const deadline = Date.now() + 3_000;
    while (log.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    await server.close();
    expect(log.map((e) => [e.status, e.trace.reason])).toEqual([
      [CLIENT_CLOSED_STATUS, 'the client closed the connection before the request was answered'],
    ]);
  });

  it('a slow client (slowloris) cannot hold a socket past the request timeout', async () => {
    const { server } = await slowServer(0, { headersTimeoutMillis: 400, requestTimeoutMillis: 600 });
    const { port } = new URL(server.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const started = Date.now();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('POST /orders HTTP/1.1\r\nHost: localhost\r\n');
    const drip = setInterval(() => socket.write('X-Slow: 1\r\n'), 100);
    await closed;
    clearInterval(drip);
    expect(Date.now() - started).toBeLessThan(4_000);
    await server.close();
  });

  it('the default timeouts are short: 10 s for headers, 30 s for a whole request (Node allowed 300 s)', async () => {
    const { HEADERS_TIMEOUT_MILLIS, REQUEST_TIMEOUT_MILLIS } = await import('../../gateway');
    expect([HEADERS_TIMEOUT_MILLIS, REQUEST_TIMEOUT_MILLIS]).toEqual([10_000, 30_000]);
  });
});

describe('a backend process that dies (item 12)', () => {
  it('moto_server exiting is told once, and every call to it answers 502 with the reason', async () => {
    requireMotoServer();
    const expanded = expandFile(samplePath('quickstart'));
    if (!expanded.ok) throw new Error('quickstart does not expand');
    const failures: string[] = [];
    const gateway = await startLocalGateway({
      template: expanded.template,
      region: 'us-east-1',
      accountId: ACCOUNT,
      host: '127.0.0.1',
      port: 0,
      backend: 'moto',
      onBackendFailure: (reason) => failures.push(reason),
    });
    try {
      const pid = gateway.moto?.pid as number;
      expect(pid).toBeGreaterThan(0);
      process.kill(-pid, 'SIGKILL');
      const deadline = Date.now() + 5_000;
      while (failures.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (let i = 0; i < 2; i++) {
        const reply = await send(gateway.url, {
          method: 'POST',
          path: '/orders',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        });
        expect(reply.status).toBe(502);
        expect(JSON.parse(reply.body).message).toMatch(
          /^The local backend is not running: moto_server \(pid \d+\) exited with signal SIGKILL/,
        );
      }
      expect(failures).toHaveLength(1);
    } finally {
      await gateway.stop();
    }
  });
});

describe('header values with commas (item 13)', () => {
  let gateway: LocalGateway;
  let queues: QueueReader;
  beforeAll(async () => {
    gateway = await serveSample('quickstart');
    queues = new QueueReader(gateway.endpoints.sqs as string);
  });
  afterAll(async () => {
    queues?.destroy();
    await gateway?.stop();
  });

  it('reach the template whole, as on AWS; a header sent twice gives its last value', async () => {
    await queues.drain('Orders');
    const once = await send(gateway.url, {
      method: 'POST',
      path: '/orders',
      headers: { 'Content-Type': 'application/json', 'X-Channel': 'Smith, John' },
      body: '{}',
    });
    const twice = await send(gateway.url, {
      method: 'POST',
      path: '/orders',
      headers: { 'Content-Type': 'application/json', 'X-Channel': ['web, mobile', 'kiosk'] },
      body: '{}',
    });
    expect([once.status, twice.status]).toEqual([200, 200]);
    const channels = (await queues.drainUntil('Orders', 2, 5_000)).map((m) => m.MessageAttributes?.channel?.StringValue).sort();
    expect(channels).toEqual(['Smith, John', 'kiosk']);
  });
});
