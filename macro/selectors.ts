import { quoted } from './diagnostics';
/**
 * Request selectors: the `$request.*` / `$context.*` / `$stageVariables.*` syntax of API Gateway
 * HTTP API parameter mapping, compiled into VTL expressions for REST API mapping templates.
 */

import { type Checked, invalid, valid } from './problem';

/** Where a selector reads from. */
export type Selector =
  | { source: 'body'; jsonPath: readonly (string | number)[] }
  | { source: 'header'; name: string }
  | { source: 'querystring'; name: string }
  | { source: 'path'; name: string }
  | { source: 'context'; name: string }
  | { source: 'stageVariables'; name: string }
  /** Relative to the current element of a list parameter (`$item`, `$item.data`). */
  | { source: 'item'; jsonPath: readonly (string | number)[] };

const SELECTOR_PREFIXES = ['$request.', '$context.', '$stageVariables.', '$item.'] as const;

// Names end up inside single-quoted VTL string literals: a conservative alphabet keeps every
// selector name from breaking out of its quotes, whatever the template author writes.
const NAME = /^[A-Za-z0-9_.-]+$/;
const PATH_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
const BODY_KEY = /^[A-Za-z0-9_-]+$/;
const CONTEXT_NAME = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)*$/;

/** Tells whether a string is meant as a selector (starts with a selector prefix). */
export function looksLikeSelector(value: string): boolean {
  return SELECTOR_PREFIXES.some((p) => value.startsWith(p)) || value === '$request.body' || value === '$item' || value.startsWith('$item[');
}

const EXAMPLES = [
  '"$request.body"',
  '"$request.body.order.id"',
  '"$request.header.X-Tenant"',
  '"$request.querystring.page"',
  '"$request.path.id"',
  '"$context.requestId"',
  '"$stageVariables.queue"',
].join(', ');

/** Parses a selector string; the problem describes the accepted forms when it is malformed. */
export function parseSelector(value: string): Checked<Selector> {
  if (value === '$request.body') return valid({ source: 'body', jsonPath: [] });
  if (value === '$item') return valid({ source: 'item', jsonPath: [] });
  if (value.startsWith('$item.') || value.startsWith('$item[')) {
    const jsonPath = parseBodyPath(value.slice('$item'.length));
    return jsonPath !== undefined
      ? valid({ source: 'item', jsonPath })
      : invalid(
          `${quoted(value)} is not a valid item selector: use dot-separated keys of letters, digits, '_' or '-', ` +
            'and [N] indexes, e.g. "$item.data".',
        );
  }
  if (value.startsWith('$request.body.') || value.startsWith('$request.body[')) {
    const jsonPath = parseBodyPath(value.slice('$request.body'.length));
    return jsonPath !== undefined
      ? valid({ source: 'body', jsonPath })
      : invalid(
          `${quoted(value)} is not a valid body selector: use dot-separated keys of letters, digits, '_' or '-', ` +
            'and [N] indexes, e.g. "$request.body.items[0].id".',
        );
  }
  const simple: [string, 'header' | 'querystring' | 'path', RegExp][] = [
    ['$request.header.', 'header', NAME],
    ['$request.querystring.', 'querystring', NAME],
    ['$request.path.', 'path', PATH_NAME],
  ];
  for (const [prefix, source, pattern] of simple) {
    if (value.startsWith(prefix)) {
      const name = value.slice(prefix.length);
      const allowed = source === 'path' ? "letters, digits, '_' and '-'" : "letters, digits, '_', '.' and '-'";
      if (!pattern.test(name)) return invalid(`${quoted(value)} has an invalid ${source} name ${quoted(name)}: use ${allowed}.`);
      return valid({ source, name });
    }
  }
  if (value.startsWith('$context.')) {
    const name = value.slice('$context.'.length);
    if (!CONTEXT_NAME.test(name))
      return invalid(`${quoted(value)} is not a valid context selector; e.g. "$context.requestId", "$context.identity.sourceIp".`);
    return valid({ source: 'context', name });
  }
  if (value.startsWith('$stageVariables.')) {
    const name = value.slice('$stageVariables.'.length);
    if (!/^[A-Za-z0-9_]+$/.test(name)) return invalid(`${quoted(value)} has an invalid stage variable name: use letters, digits and '_'.`);
    return valid({ source: 'stageVariables', name });
  }
  return invalid(`${quoted(value)} is not a request selector; valid forms are ${EXAMPLES}.`);
}

function parseBodyPath(rest: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  const token = /\.([^.[\]]+)|\[(\d+)\]/y;
  let index = 0;
  while (index < rest.length) {
    token.lastIndex = index;
    const m = token.exec(rest);
    if (m === null) return undefined;
    if (m[1] !== undefined) {
      if (!BODY_KEY.test(m[1])) return undefined;
      out.push(m[1]);
    } else out.push(Number(m[2]));
    index = token.lastIndex;
  }
  return out;
}

/** The JSONPath API Gateway's `$input.path` / `$input.json` take for a body path. */
export function toJsonPath(jsonPath: readonly (string | number)[]): string {
  return `$${jsonPath.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `['${s}']`)).join('')}`;
}

/** The JSONPath of a list element's field, inside a VTL double-quoted string: the loop index is `$spIndex`. */
export function itemJsonPath(listPath: string, jsonPath: readonly (string | number)[]): string {
  return `${listPath}[\${spIndex}]${toJsonPath(jsonPath).slice(1)}`;
}

/**
 * The VTL expression that yields a selector's value as text.
 *
 * `$request.body` is the raw body; a body path yields the value at that path (strings unquoted).
 * Header, query string and path lookups name their map explicitly, so a query string parameter
 * can never shadow a header of the same name.
 */
export function selectorToVtl(selector: Selector): string {
  switch (selector.source) {
    case 'body':
      return selector.jsonPath.length === 0 ? '$input.body' : `$input.path('${toJsonPath(selector.jsonPath)}')`;
    case 'header':
    case 'querystring':
    case 'path':
      return `$input.params().${selector.source}.get('${selector.name}')`;
    case 'context':
      return `$context.${selector.name}`;
    case 'stageVariables':
      return `$stageVariables.${selector.name}`;
    case 'item':
      // Items are read through the list's path and the loop index; request-templates/json.ts compiles them.
      return `$input.path("${itemJsonPath('$', selector.jsonPath)}")`;
  }
}

/** A text joined from literal runs and selectors, e.g. `order-$request.path.id`. */
export type JoinedText = readonly (string | Selector)[];

// Where a selector starts inside a text, and the characters its name may take (the longest run is taken).
const EMBEDDED_SELECTOR = /\$(request\.body|request\.header\.|request\.querystring\.|request\.path\.|context\.|stageVariables\.|item\b)/g;
const NAME_RUNS: Readonly<Record<string, RegExp>> = {
  'request.body': /^(?:\.[A-Za-z0-9_-]+|\[\d+\])*/,
  'request.header.': /^[A-Za-z0-9_.-]*/,
  'request.querystring.': /^[A-Za-z0-9_.-]*/,
  'request.path.': /^[A-Za-z0-9_]*/,
  'context.': /^[A-Za-z0-9_.-]*/,
  'stageVariables.': /^[A-Za-z0-9_]*/,
  item: /^(?:\.[A-Za-z0-9_-]+|\[\d+\])*/,
};

/**
 * Splits a text into literal runs and the selectors written in it, as HTTP API parameter mapping
 * does (`/$request.path.proxy`): a selector runs as far as its name's characters go, minus a final
 * `.`, so `Order $request.path.id.` ends the sentence. Undefined when the text holds no selector.
 */
export function parseJoinedText(value: string): Checked<JoinedText> | undefined {
  const parts: (string | Selector)[] = [];
  let index = 0;
  for (const match of value.matchAll(EMBEDDED_SELECTOR)) {
    if (match.index < index) continue;
    const start = match.index;
    const prefix = match[1] as string;
    const rest = value.slice(start + 1 + prefix.length);
    let name = (NAME_RUNS[prefix] as RegExp).exec(rest)?.[0] ?? '';
    // A JSON path that goes on past the run is a malformed selector, not text: say what is wrong with it.
    const after = rest.slice(name.length);
    if ((prefix === 'request.body' || prefix === 'item') && /^(\[|\.\S)/.test(after)) {
      const whole = parseSelector(`$${prefix}${rest.split(/\s/)[0]}`);
      if (!whole.ok) return whole;
    }
    if (name.endsWith('.')) name = name.slice(0, -1);
    const text = `$${prefix}${name}`;
    const parsed = parseSelector(text);
    if (!parsed.ok) return parsed;
    if (parsed.value.source === 'item')
      return invalid(
        `${quoted(text)} reads an element of a list, which a joined text cannot; give the element's value alone, e.g. "$item.type".`,
      );
    if (start > index) parts.push(value.slice(index, start));
    parts.push(parsed.value);
    index = start + text.length;
  }
  // `$request.` with a source it does not have (`$request.heder.X`) is a typo, not text.
  const unknown = /\$request\.(?!body|header\.|querystring\.|path\.)[^\s]*/.exec(value);
  if (unknown !== null) return parseSelector(unknown[0]) as Checked<never>;
  if (parts.length === 0) return undefined;
  if (index < value.length) parts.push(value.slice(index));
  return valid(parts);
}

// Literal text written as it is inside a double-quoted VTL string: nothing here is VTL syntax.
const PLAIN_VTL_TEXT = /^[A-Za-z0-9 _.,:;/@+=%&*()|~^?!<>'[\]{}-]*$/;

/**
 * The VTL expression of a joined text: one double-quoted string whose literal runs are plain text
 * (or decoded from base64 when they hold VTL or JSON syntax) and whose selectors are quiet
 * references, so a value the request lacks adds nothing. Values are interpolated once and never
 * read as VTL.
 */
export function joinedTextVtl(parts: JoinedText): string {
  const pieces = parts.map((part) => {
    if (typeof part !== 'string') return `$!{${selectorToVtl(part).slice(1)}}`;
    if (PLAIN_VTL_TEXT.test(part)) return part;
    return `$!{util.base64Decode('${Buffer.from(part, 'utf8').toString('base64')}')}`;
  });
  return `"${pieces.join('')}"`;
}
