/**
 * `service-proxy serve samples/quickstart.yaml` as `npm start` runs it: a child process, the curl commands it
 * prints pasted into a shell, SIGINT ends it with exit code 0 and nothing left listening.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { samplePath } from '../helpers/samples';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

interface Served {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly banner: string;
}

/** Starts serve and resolves with its banner once it prints "Press Ctrl+C". */
function startServe(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in time:\n${stdout}\n${stderr}`)), 30_000);
    child.stdout?.on('data', () => {
      if (stdout.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ child, output: () => stdout + stderr, banner: stdout });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('serve samples/quickstart.yaml (npm start)', () => {
  let served: Served;
  let baseUrl: string;
  beforeAll(async () => {
    served = await startServe([samplePath('quickstart'), '--port', '0']);
    baseUrl = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(served.banner)?.[1] ?? '';
  });
  afterAll(() => {
    if (served.child.exitCode === null) served.child.kill('SIGKILL');
  });

  it('prints the base URL, the local access policy and a curl command per route', () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.banner).toContain('tokens are NOT verified');
    expect(served.banner).toContain(`POST /orders\n    curl -i -X POST '${baseUrl}/orders'`);
    expect(served.banner).toContain(`POST /orders/{id}/events\n    curl -i -X POST '${baseUrl}/orders/example/events'`);
    expect(served.banner).toContain(`PUT /orders/{id}\n    curl -i -X PUT '${baseUrl}/orders/example'`);
    expect(served.banner).toContain(`GET /orders/{id}\n    curl -i '${baseUrl}/orders/example'`);
    // Pasted in order, the write route runs before the read route.
    expect(served.banner.indexOf('PUT /orders/{id}')).toBeLessThan(served.banner.indexOf('GET /orders/{id}'));
    expect(served.banner).toContain(`POST /events\n    curl -i -X POST '${baseUrl}/events'`);
  });

  it('GET /orders/{id} answers 404 until an order with that id is stored', async () => {
    const response = await fetch(`${baseUrl}/orders/not-stored-yet`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/^\{"message":"[^"]+","code":"NotFound"\}$/);
  });

  it('the printed curl commands work when pasted into a shell, the write route feeding the read route', async () => {
    const commands = served.banner.split('\n').filter((line) => line.trimStart().startsWith('curl -i'));
    expect(commands.length).toBe(5);
    for (const command of commands) {
      const result = spawnSync('sh', ['-c', `${command.trim()} -s`], { encoding: 'utf8' });
      if (command.includes('-X PUT')) {
        // PUT /orders/{id}: DynamoDB PutItem stores the body as the item; its answer is an empty object.
        expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\n\{\}$/);
      } else if (command.includes("curl -i 'http")) {
        // GET /orders/{id}: the order the PUT above stored, as plain JSON.
        expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
        expect(result.stdout).toMatch(/\r\n\r\n\{"id":"example","hello":"world"\}$/);
      } else {
        expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK/);
        expect(result.stdout).toMatch(/\{"(messageId|entries)":/);
      }
    }
    const state = (await (await fetch(`${baseUrl}/_proxy/state`)).json()) as { queues: Record<string, { body: string }[]> };
    expect(state.queues.Orders?.map((m) => m.body)).toContain('{"hello":"world"}');
    // The topic fans out to the audit queue with raw delivery.
    expect(state.queues.OrderAudit?.map((m) => m.body)).toContain('{"hello":"world"}');
    const events = (state as unknown as { events: Record<string, { detail: unknown; 'detail-type': string }[]> }).events.orders ?? [];
    expect(events.map((e) => [e['detail-type'], e.detail])).toEqual([['OrderUpdated', { hello: 'world' }]]);
    expect(served.output()).toMatch(/POST \/orders 200 [\d.]+ms sqs:SendMessage/);
  });

  it('stops cleanly on SIGINT: exit code 0, port closed', async () => {
    const exit = exited(served.child);
    served.child.kill('SIGINT');
    expect(await exit).toBe(0);
    await expect(fetch(`${baseUrl}/_proxy/state`)).rejects.toThrow();
  });
});

describe('serve failures', () => {
  it('exits 1 with a clear message when the port is taken', async () => {
    const first = await startServe([samplePath('quickstart'), '--port', '0']);
    const port = /127\.0\.0\.1:(\d+)/.exec(first.banner)?.[1] ?? '';
    const second = spawnSync(process.execPath, [CLI, 'serve', samplePath('quickstart'), '--port', port], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    const exit = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
