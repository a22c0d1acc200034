import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The built CLI (`npm test` builds it first). */
export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

/** What one CLI run printed, and how it ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with extra environment variables and node options. */
export function runCli(args: readonly string[], options: { env?: Record<string, string | undefined>; nodeArgs?: string[] } = {}): CliRun {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI until it exits or `timeoutMillis` pass (then SIGTERM); for `serve`. */
export function runCliUntilExit(args: readonly string[], timeoutMillis = 30_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMillis);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A Node stack frame, as an uncaught error would print it. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$/m;
