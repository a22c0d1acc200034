/** Colour in terminal output: only on a terminal, never with NO_COLOR or --no-color. */

/** Paints text for one output stream; the identity when colour is off. */
export interface Palette {
  enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

/**
 * Whether to colour a stream: never with `--no-color` or a non-empty NO_COLOR (no-color.org);
 * else always with a FORCE_COLOR other than `0` (as Node and most tools read it); else only on a terminal.
 */
export function colourEnabled(isTerminal: boolean, env: Readonly<Record<string, string | undefined>>, noColorFlag: boolean): boolean {
  if (noColorFlag || (env.NO_COLOR !== undefined && env.NO_COLOR !== '')) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTerminal && env.TERM !== 'dumb';
}

function sgr(enabled: boolean, open: number, close: number): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** A palette that paints, or not. */
export function palette(enabled: boolean): Palette {
  return {
    enabled,
    red: sgr(enabled, 31, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
    dim: sgr(enabled, 2, 22),
    bold: sgr(enabled, 1, 22),
  };
}

/** The palettes of standard output and standard error, each decided by its own stream. */
export interface Terminal {
  stdout: Palette;
  stderr: Palette;
}

/** Decides colour for this process's streams. */
export function terminalPalettes(noColorFlag: boolean, env: NodeJS.ProcessEnv = process.env): Terminal {
  return {
    stdout: palette(colourEnabled(process.stdout.isTTY === true, env, noColorFlag)),
    stderr: palette(colourEnabled(process.stderr.isTTY === true, env, noColorFlag)),
  };
}
