/** Runs `moto_server` as a child process on a free loopback port, and stops it with every process it started. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { findMotoServer, MotoNotFoundError } from './moto-executable';

/** Options for {@link startMotoServer}. */
export interface MotoServerOptions {
  /** The account moto creates resources in (`MOTO_ACCOUNT_ID`); moto's default is 123456789012. */
  readonly accountId?: string;
  /** @default 20000 */
  readonly startTimeoutMillis?: number;
}

/** A running `moto_server`. */
export interface MotoServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`: one endpoint for every service. */
  readonly url: string;
  readonly pid: number;
  /** Kills the process group (the pyenv shim and the Python process); safe to call twice. */
  stop(): Promise<void>;
  /** Calls `listener` once if moto_server exits other than through stop(), with why (code or signal, last output). */
  onUnexpectedExit(listener: (reason: string) => void): void;
}

/** A free TCP port on 127.0.0.1 (closed again before moto binds it). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls until moto answers HTTP, the child exits, or the time is up. */
async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMillis: number): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`moto_server exited (${child.exitCode ?? child.signalCode}) before answering: ${output().trim().slice(-500)}`);
    }
    try {
      const response = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`moto_server did not answer on ${url} within ${timeoutMillis} ms: ${output().trim().slice(-500)}`);
}

/** Sends a signal to the child's whole process group, ignoring a group that is already gone. */
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and resolves once it answers.
 *
 * @throws MotoNotFoundError when `moto_server` is not on the PATH
 */
export async function startMotoServer(options: MotoServerOptions = {}): Promise<MotoServer> {
  const executable = findMotoServer();
  if (executable === undefined) throw new MotoNotFoundError();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(executable, ['-H', '127.0.0.1', '-p', String(port)], {
    // Its own process group, so stop() reaches the Python process behind a shim too.
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(options.accountId !== undefined ? { MOTO_ACCOUNT_ID: options.accountId } : {}) },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  await spawned;
  const pid = child.pid as number;
  // If the Node process exits without stop() (a crash, process.exit), take moto down with it.
  const onExit = () => killGroup(pid, 'SIGKILL');
  process.once('exit', onExit);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  const listeners: ((reason: string) => void)[] = [];
  let unexpected: string | undefined;
  void exited.then(() => {
    if (stopping !== undefined) return;
    const how = child.signalCode !== null ? `signal ${child.signalCode}` : `code ${child.exitCode}`;
    const last = output.trim().split('\n').slice(-3).join(' | ').slice(-300);
    unexpected = `moto_server (pid ${pid}) exited with ${how}${last === '' ? '' : `: ${last}`}`;
    for (const listener of listeners) listener(unexpected);
  });
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', onExit);
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), 2_000);
      await exited;
      clearTimeout(timer);
      killGroup(pid, 'SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
    })();
    return stopping;
  };
  try {
    await waitUntilReady(url, child, () => output, options.startTimeoutMillis ?? 20_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const onUnexpectedExit = (listener: (reason: string) => void) => {
    if (unexpected !== undefined) listener(unexpected);
    else listeners.push(listener);
  };
  return { url, pid, stop, onUnexpectedExit };
}

/** Empties every moto backend (`POST /moto-api/reset`), so a shared server starts clean. */
export async function resetMotoServer(url: string): Promise<void> {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
}
