import { parse as velocityParse } from 'velocityjs';
import type { BlockHeader, ReferenceNode, TemplateNode } from './ast';
import { VtlParseError } from './errors';

/** API Gateway's limit on a mapping template's size (300 KB, "API Gateway quotas"). */
export const MAX_TEMPLATE_BYTES = 300 * 1024;

/** A macro definition collected at parse time, so a macro can be called above its definition as in Velocity. */
export interface MacroDefinition {
  readonly params: string[];
  readonly body: TemplateNode[];
}

/** A parsed template, ready to render any number of times. */
export interface CompiledTemplate {
  readonly source: string;
  readonly nodes: TemplateNode[];
  readonly macros: ReadonlyMap<string, MacroDefinition>;
}

const cache = new Map<string, CompiledTemplate>();
const CACHE_LIMIT = 500;

/**
 * Parses a template once and caches it by its text; later calls with the same text return the cached result.
 *
 * @throws VtlParseError naming the line and column of the first syntax error.
 */
export function parseTemplate(source: string): CompiledTemplate {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  const compiled = compile(source);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(source, compiled);
  return compiled;
}

function compile(source: string): CompiledTemplate {
  if (Buffer.byteLength(source, 'utf8') > MAX_TEMPLATE_BYTES) {
    throw new VtlParseError(
      'TEMPLATE_TOO_LARGE',
      `Mapping template is ${Buffer.byteLength(source, 'utf8')} bytes; API Gateway allows at most ${MAX_TEMPLATE_BYTES}`,
    );
  }
  let nodes: TemplateNode[];
  try {
    nodes = velocityParse(source, undefined, false) as unknown as TemplateNode[];
  } catch (e) {
    throw toParseError(source, e);
  }
  checkBlockBalance(source, nodes);
  gobbleWhitespace(nodes, { afterDirective: false });
  const macros = new Map<string, MacroDefinition>();
  collectMacros(nodes, macros);
  return { source, nodes, macros };
}

interface JisonHash {
  loc?: { first_line: number; first_column: number };
  line?: number;
  expected?: string[];
  token?: string | null;
}

function toParseError(source: string, e: unknown): VtlParseError {
  const error = e as Error & { hash?: JisonHash };
  const hash = error.hash ?? {};
  const lastLine = error.message.split('\n').pop() ?? error.message;
  if (hash.loc !== undefined) {
    return new VtlParseError('PARSE_ERROR', `Invalid VTL: ${lastLine}`, hash.loc.first_line, hash.loc.first_column + 1);
  }
  const line = (hash.line ?? 0) + 1;
  return new VtlParseError('PARSE_ERROR', 'Invalid VTL: unrecognized text', line, lexicalColumn(source, line, error.message));
}

// jison reports only the line of a lexical error, plus up to 20 characters before the failure with newlines
// removed; find where that snippet ends on the reported line to recover the column.
function lexicalColumn(source: string, line: number, message: string): number {
  const lines = message.split('\n');
  const snippetLine = lines[1] ?? '';
  const caret = (lines[2] ?? '').indexOf('^');
  let before = snippetLine.slice(0, Math.max(caret, 0));
  if (before.startsWith('...')) before = before.slice(3);
  const text = source.split('\n')[line - 1] ?? '';
  for (let n = before.length; n > 0; n--) {
    const index = text.indexOf(before.slice(-n));
    if (index >= 0) return index + n + 1;
  }
  return 1;
}

// velocityjs silently closes unterminated blocks at end of input and drops everything after a stray #end;
// Velocity (and so API Gateway) rejects both, so they are checked here against a scan of the #end tokens.
function checkBlockBalance(source: string, nodes: TemplateNode[]): void {
  const events: { offset: number; opener?: BlockHeader }[] = [];
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const offsetOf = (line: number, column: number) => (lineStarts[line - 1] ?? 0) + column;
  const seen = new Set<number>();
  const visit = (list: TemplateNode[]) => {
    for (const node of list) {
      if (!Array.isArray(node)) continue;
      const header = node[0] as BlockHeader;
      const offset = offsetOf(header.pos.first_line, header.pos.first_column);
      // velocityjs repeats an unclosed nested block at its parent's level; count each opener once.
      if (!seen.has(offset)) events.push({ offset, opener: header });
      seen.add(offset);
      visit(node.slice(1));
    }
  };
  visit(nodes);
  const token = /\\#|##[^\n]*|#\*[\s\S]*?\*#|#\[\[[\s\S]*?\]\]#|#(?:end\b|\{end\})/g;
  for (let m = token.exec(source); m !== null; m = token.exec(source)) {
    if (m[0] === '#end' || m[0] === '#{end}') events.push({ offset: m.index });
  }
  events.sort((a, b) => a.offset - b.offset);
  const open: BlockHeader[] = [];
  for (const event of events) {
    if (event.opener !== undefined) {
      open.push(event.opener);
    } else if (open.pop() === undefined) {
      const line = lineStarts.filter((s) => s <= event.offset).length;
      throw new VtlParseError(
        'PARSE_ERROR',
        'Invalid VTL: #end without a matching #if, #foreach, #macro or #define',
        line,
        event.offset - (lineStarts[line - 1] ?? 0) + 1,
      );
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) {
    throw new VtlParseError(
      'PARSE_ERROR',
      `Invalid VTL: #${unclosed.type} is never closed with #end`,
      unclosed.pos.first_line,
      unclosed.pos.first_column + 1,
    );
  }
}

const DIRECTIVE_NEWLINE = /^[ \t]*\r?\n/;

// Velocity 1.x swallows the line break after a directive (`#set(...)`, `#if(...)`, `#end`, a `##` comment), and
// the indentation before a `#set` that starts a line, so directive-only lines leave no blank lines behind.
function gobbleWhitespace(list: TemplateNode[], state: { afterDirective: boolean }): void {
  for (let i = 0; i < list.length; i++) {
    const node = list[i] as TemplateNode;
    if (typeof node === 'string') {
      let text = state.afterDirective ? node.replace(DIRECTIVE_NEWLINE, '') : node;
      const next = list[i + 1];
      if (next !== undefined && typeof next === 'object' && !Array.isArray(next) && next.type === 'set') {
        text = text.replace(/(^|\n)[ \t]+$/, '$1');
      }
      list[i] = text;
      state.afterDirective = false;
    } else if (Array.isArray(node)) {
      const children = node.slice(1) as TemplateNode[];
      gobbleWhitespace(children, { afterDirective: true });
      node.splice(1, children.length, ...children);
      // The block's implicit #end is a directive too.
      state.afterDirective = true;
    } else {
      const type = (node as { type: string }).type;
      state.afterDirective =
        type !== 'references' && type !== 'raw' && !(type === 'comment' && (node as { value: string }).value.startsWith('#*'));
    }
  }
}

function collectMacros(list: TemplateNode[], into: Map<string, MacroDefinition>): void {
  for (const node of list) {
    if (!Array.isArray(node)) continue;
    const header = node[0] as BlockHeader;
    if (header.type === 'macro') {
      into.set(header.id, { params: (header.args ?? []).map((a: ReferenceNode) => a.id), body: node.slice(1) });
    }
    collectMacros(node.slice(1), into);
  }
}
