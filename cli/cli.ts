/**
 * The `service-proxy` command line: parses the command, loads only that command's code (serve,
 * render and validate bring emulators, the VTL engine and validators; expand needs none of them),
 * and ends every run with one line and a documented exit code, whatever fails.
 */
import { describeInternalError, describeSystemError, ExitCode, isUsageError } from './cli-error';
import { terminalPalettes } from './colour';
import type { Command, CommandContext } from './command';
import { COMMANDS, type CommandName, commandUsage, isCommandName, topLevelUsage } from './usage';
import { BUGS_URL, VERSION } from './version';

/**
 * Each command's code, loaded on demand: start-up pays only for the command that runs. The build
 * turns the requires of validate, render and serve into their own bundles (dist/cli/*.js), loaded
 * synchronously with CommonJS's require (Node's ESM loader would cost more than it loads); expand
 * and schema stay in this bundle, evaluated only when they run.
 */
const LOADERS: Readonly<Record<CommandName, () => Command>> = {
  expand: () => (require('./expand-command') as typeof import('./expand-command')).expandCommand,
  schema: () => (require('./schema-command') as typeof import('./schema-command')).schemaCommand,
  validate: () => (require('./validate-command') as typeof import('./validate-command')).validateCommand,
  render: () => (require('./render-command') as typeof import('./render-command')).renderCommand,
  serve: () => (require('./serve-command') as typeof import('./serve-command')).serveCommand,
};

/** The arguments before a `--` terminator (after it, `--help` is an argument like any other). */
function options(args: readonly string[]): readonly string[] {
  const end = args.indexOf('--');
  return end < 0 ? args : args.slice(0, end);
}

/** Runs the CLI with the given arguments and resolves to the exit code; never rejects. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const noColor = options(argv).includes('--no-color');
  const end = argv.indexOf('--');
  const args = argv.filter((arg, index) => arg !== '--no-color' || (end >= 0 && index > end));
  const context: CommandContext = { terminal: terminalPalettes(noColor) };
  const [command, ...rest] = args;
  const { stderr } = context.terminal;
  const fail = (message: string, code: number, usage?: string, prefixed = true): number => {
    const prefix = prefixed ? `service-proxy${command !== undefined && isCommandName(command) ? ` ${command}` : ''}: ` : '';
    process.stderr.write(`${stderr.red(`${prefix}${message}`)}\n`);
    if (usage !== undefined) process.stderr.write(`\n${usage}\n`);
    return code;
  };
  try {
    if (command === '--version' || command === '-V' || command === 'version') {
      process.stdout.write(`${VERSION}\n`);
      return ExitCode.ok;
    }
    if (command === undefined) {
      process.stderr.write(`${topLevelUsage()}\n`);
      return ExitCode.usage;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = rest[0];
      if (topic !== undefined && !isCommandName(topic)) return fail(`unknown command '${topic}'.`, ExitCode.usage, topLevelUsage());
      process.stdout.write(`${topic === undefined ? topLevelUsage() : commandUsage(topic)}\n`);
      return ExitCode.ok;
    }
    if (!isCommandName(command)) {
      const hint = command.startsWith('-') ? '' : ` Commands: ${Object.keys(COMMANDS).join(', ')}.`;
      return fail(`unknown command '${command}'.${hint}`, ExitCode.usage, topLevelUsage());
    }
    if (options(rest).some((arg) => arg === '--help' || arg === '-h')) {
      process.stdout.write(`${commandUsage(command)}\n`);
      return ExitCode.ok;
    }
    return await LOADERS[command]()(rest, context);
  } catch (error) {
    if (isUsageError(error)) return fail((error as Error).message, ExitCode.usage, commandUsage(command ?? ''));
    const { exitCode, prefixed } = error as { exitCode?: unknown; prefixed?: unknown };
    if (typeof exitCode === 'number') return fail((error as Error).message, exitCode, undefined, prefixed !== false);
    const system = describeSystemError(error);
    if (system !== undefined) return fail(`${system}.`, ExitCode.failed);
    if (process.env.SERVICE_PROXY_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    return fail(describeInternalError(error, argv, VERSION, BUGS_URL), ExitCode.internal);
  }
}

/**
 * The process edge: exit codes, a reader that goes away (`service-proxy expand t.yaml | head`), and
 * errors that escape every command (an emulator failing later in `serve`): one line, never a stack.
 * The bin, dist/cli.js (written by build.mjs), calls it.
 */
export function main(): void {
  const argv = process.argv.slice(2);
  const lastWords = (error: unknown) => {
    const system = describeSystemError(error);
    process.stderr.write(`service-proxy: ${system !== undefined ? `${system}.` : describeInternalError(error, argv, VERSION, BUGS_URL)}\n`);
    if (process.env.SERVICE_PROXY_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(system !== undefined ? ExitCode.failed : ExitCode.internal);
  };
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    lastWords(error);
  });
  process.on('uncaughtException', lastWords);
  process.on('unhandledRejection', lastWords);
  runCli(argv).then((code) => {
    process.exitCode = code;
  });
}
