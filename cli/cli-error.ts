/** How a CLI run ends when it cannot do its work: a one-line reason and a documented exit code. */

/** The CLI's exit codes, as `service-proxy --help` documents them. */
export const ExitCode = {
  ok: 0,
  /** Invalid template, findings, or the command could not do its work (a file, a port, a host). */
  failed: 1,
  /** A command line that cannot be understood. */
  usage: 2,
  /** A bug in service-proxy: the message says how to report it. */
  internal: 3,
} as const;

/**
 * A failure the user can act on. Recognised by its `exitCode` (not by class), because the lazily
 * loaded command bundles each carry their own copy of this class.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failed,
    /** False for messages that begin with their own location (`template.yaml:5:3: ...`). */
    readonly prefixed = true,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A command line that cannot be understood; exit code 2, followed by the command's usage. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

/** Tells whether an error is a usage error, whichever bundle threw it (or `node:util` parseArgs). */
export function isUsageError(error: unknown): boolean {
  const { name, code } = error as { name?: string; code?: string };
  return name === 'UsageError' || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
}

/** The fields Node puts on a failed system call (fs, net, dns). */
interface SystemError extends Error {
  code?: string;
  syscall?: string;
  path?: string;
  dest?: string;
  address?: string;
  port?: number;
  hostname?: string;
}

/** What a system error code means, in words a user acts on. */
const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder; give a file name',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the file name is too long',
  EEXIST: 'it already exists',
  EADDRINUSE: 'the address is already in use; choose another --port',
  EADDRNOTAVAIL: 'the address is not available on this machine; choose another --host',
  ENOTFOUND: 'the host name does not resolve; check --host',
  EAI_AGAIN: 'the host name could not be resolved (DNS failed); check --host or the network',
  ECONNREFUSED: 'the connection was refused',
};

/**
 * One line for an error Node raised for a system call, or undefined for any other error. Says what
 * was attempted, on what, and why it failed: `cannot open /missing/dir/x.json: no such file or folder (ENOENT)`.
 */
export function describeSystemError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, syscall, path, address, port, hostname } = error as SystemError;
  if (typeof code !== 'string' || !/^E[A-Z_]+$/.test(code)) return undefined;
  const reason = SYSTEM_REASONS[code] ?? (error.message.replace(/^[A-Z_]+: /, '').split(',')[0] as string);
  let subject: string;
  if (path !== undefined) subject = `${syscall === 'mkdir' ? 'create' : syscall === 'scandir' ? 'list' : 'open'} ${path}`;
  else if (hostname !== undefined) subject = `resolve ${hostname}`;
  else if (syscall === 'listen' || syscall === 'bind') subject = `listen on ${address ?? ''}${port !== undefined ? `:${port}` : ''}`;
  else if (syscall === 'connect') subject = `connect to ${address ?? ''}${port !== undefined ? `:${port}` : ''}`;
  else subject = syscall ?? 'continue';
  return `cannot ${subject}: ${reason} (${code})`;
}

/** The message for a bug: what happened, and how to report it. */
export function describeInternalError(error: unknown, command: readonly string[], version: string, bugsUrl: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    `internal error: ${detail.split('\n')[0]}\n` +
    `This is a bug in service-proxy ${version}. Please report it at ${bugsUrl} with the command you ran ` +
    `(service-proxy ${command.join(' ')}), the template if you can share it, and the output of service-proxy --version. ` +
    'Set SERVICE_PROXY_DEBUG=1 to print the stack trace.'
  );
}
