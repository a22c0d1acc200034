/** Parses the repeated `K:V` and `k=v` options of `render` and `serve` into records. */

/** Thrown for a malformed pair; the CLI prints it as a usage error. */
export class OptionPairError extends Error {}

/** Splits `name<sep>value` at the first separator; the name must not be empty. */
export function splitPair(text: string, separator: ':' | '=', option: string): [string, string] {
  const at = text.indexOf(separator);
  if (at <= 0) throw new OptionPairError(`${option} expects name${separator}value; received '${text}'.`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trimStart()];
}

/** `--header K:V`... into a record; a repeated header is joined with `,` as HTTP does. */
export function headerPairs(values: readonly string[] | undefined, option = '--header'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const [name, text] = splitPair(value, ':', option);
    out[name] = out[name] === undefined ? text : `${out[name]},${text}`;
  }
  return out;
}

/** `--query k=v`... into name → values (a repeated name keeps every value, in order). */
export function multiPairs(values: readonly string[] | undefined, option: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const value of values ?? []) {
    const [name, text] = splitPair(value, '=', option);
    (out[name] ??= []).push(text);
  }
  return out;
}

/** `--stage-variable k=v`... into a record (the last value wins). */
export function pairs(values: readonly string[] | undefined, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const [name, text] = splitPair(value, '=', option);
    out[name] = text;
  }
  return out;
}

/** `--context identity.sourceIp=1.2.3.4` into a nested object; all-digit values become numbers (`requestTimeEpoch`). */
export function nestedPairs(values: readonly string[] | undefined, option: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const value of values ?? []) {
    const [name, text] = splitPair(value, '=', option);
    const keys = name.split('.');
    let node = out;
    for (const key of keys.slice(0, -1)) {
      const child = node[key];
      node = (node[key] = typeof child === 'object' && child !== null ? child : {}) as Record<string, unknown>;
    }
    node[keys.at(-1) as string] = /^\d+$/.test(text) ? Number(text) : text;
  }
  return out;
}
