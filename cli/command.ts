/** What the CLI entry hands every command. */
import type { Terminal } from './colour';

/** The context of one command run. */
export interface CommandContext {
  /** Colour palettes of stdout and stderr (identity when colour is off). */
  terminal: Terminal;
}

/** A command: arguments after its name in, exit code out. Failures may be thrown as CliErrors. */
export type Command = (args: string[], context: CommandContext) => number | Promise<number>;
