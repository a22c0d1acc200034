import { isNumeric, markJsonArray, toDouble } from './java-values';

/** Thrown for a path Jayway JsonPath would reject (API Gateway then fails the request). */
export class JsonPathSyntaxError extends Error {
  constructor(path: string, reason: string) {
    super(`Invalid JSONPath '${path}': ${reason}`);
    this.name = 'JsonPathSyntaxError';
  }
}

type Segment =
  | { kind: 'property'; names: string[]; deep: boolean }
  | { kind: 'wildcard'; deep: boolean }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number }
  | { kind: 'filter'; predicate: FilterExpr };

type FilterExpr =
  | { kind: 'or' | 'and'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; operand: FilterExpr }
  | { kind: 'compare'; op: string; left: Operand; right: Operand }
  | { kind: 'exists'; operand: Operand };

type Operand = { kind: 'path'; segments: Segment[] } | { kind: 'literal'; value: unknown } | { kind: 'regex'; regex: RegExp };

interface CompiledPath {
  segments: Segment[];
  definite: boolean;
}

const compiled = new Map<string, CompiledPath>();

/**
 * Evaluates a JSONPath against a parsed document the way Jayway JsonPath (API Gateway's implementation) does.
 *
 * Definite paths (`$.a.b`, `$.a[0]`, `$['a-b']`) return the value or null when missing; indefinite paths (`[*]`,
 * `..`, slices, unions, filters) return a JSONArray of the matches, skipping missing leaves. A path without a
 * leading `$` gets `$.` prepended, as Jayway does.
 */
export function evaluateJsonPath(document: unknown, path: string): unknown {
  let program = compiled.get(path);
  if (program === undefined) {
    program = compilePath(path);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(path, program);
  }
  let current: unknown[] = [document];
  for (const segment of program.segments) {
    const next: unknown[] = [];
    for (const node of current) applySegment(segment, node, next);
    current = next;
    if (current.length === 0) break;
  }
  if (program.definite) return current.length === 0 ? null : (current[0] ?? null);
  return markJsonArray(current);
}

function applySegment(segment: Segment, node: unknown, out: unknown[]): void {
  switch (segment.kind) {
    case 'property':
      if (segment.deep) {
        deepScan(node, (n) => {
          if (n instanceof Map) for (const name of segment.names) if (n.has(name)) out.push(n.get(name));
        });
        return;
      }
      if (!(node instanceof Map)) return;
      if (segment.names.length > 1) {
        // A union of names selects a map of those properties (Jayway multi-property read).
        const picked = new Map<string, unknown>();
        for (const name of segment.names) if (node.has(name)) picked.set(name, node.get(name));
        out.push(picked);
        return;
      }
      if (node.has(segment.names[0] as string)) out.push(node.get(segment.names[0] as string));
      return;
    case 'wildcard':
      if (segment.deep) {
        deepScan(node, (n) => {
          if (n !== node) out.push(n);
        });
        return;
      }
      if (node instanceof Map) out.push(...node.values());
      else if (Array.isArray(node)) out.push(...node);
      return;
    case 'index':
      if (!Array.isArray(node)) return;
      for (const raw of segment.indexes) {
        const i = raw < 0 ? node.length + raw : raw;
        if (i >= 0 && i < node.length) out.push(node[i]);
      }
      return;
    case 'slice': {
      if (!Array.isArray(node)) return;
      const len = node.length;
      const norm = (v: number | undefined, dflt: number) => (v === undefined ? dflt : v < 0 ? Math.max(0, len + v) : Math.min(v, len));
      const start = norm(segment.start, 0);
      const end = norm(segment.end, len);
      for (let i = start; i < end; i += segment.step) out.push(node[i]);
      return;
    }
    case 'filter': {
      const items = Array.isArray(node) ? node : node instanceof Map ? [...node.values()] : [];
      for (const item of items) if (testFilter(segment.predicate, item)) out.push(item);
    }
  }
}

function deepScan(node: unknown, visit: (n: unknown) => void): void {
  visit(node);
  if (node instanceof Map) for (const v of node.values()) deepScan(v, visit);
  else if (Array.isArray(node)) for (const v of node) deepScan(v, visit);
}

function testFilter(expr: FilterExpr, item: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return testFilter(expr.left, item) || testFilter(expr.right, item);
    case 'and':
      return testFilter(expr.left, item) && testFilter(expr.right, item);
    case 'not':
      return !testFilter(expr.operand, item);
    case 'exists':
      return resolveOperand(expr.operand, item).found;
    case 'compare': {
      const left = resolveOperand(expr.left, item);
      if (expr.right.kind === 'regex') return typeof left.value === 'string' && expr.right.regex.test(left.value);
      const right = resolveOperand(expr.right, item);
      if (!left.found || !right.found) return expr.op === '!=' ? left.found !== right.found : false;
      return compareValues(expr.op, left.value, right.value);
    }
  }
}

function resolveOperand(operand: Operand, item: unknown): { found: boolean; value: unknown } {
  if (operand.kind === 'literal') return { found: true, value: operand.value };
  if (operand.kind === 'regex') return { found: true, value: operand.regex };
  let current: unknown[] = [item];
  for (const segment of operand.segments) {
    const next: unknown[] = [];
    for (const node of current) applySegment(segment, node, next);
    current = next;
  }
  return current.length === 0 ? { found: false, value: null } : { found: true, value: current[0] ?? null };
}

function compareValues(op: string, a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    const x = toDouble(a);
    const y = toDouble(b);
    switch (op) {
      case '==':
        return x === y;
      case '!=':
        return x !== y;
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    switch (op) {
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
    }
  }
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  return false;
}

/** Compiles a JSONPath into segments; exported for tests of the path grammar. */
export function compilePath(path: string): CompiledPath {
  let text = path.trim();
  if (text === '') throw new JsonPathSyntaxError(path, 'path is empty');
  if (!text.startsWith('$')) text = `$.${text}`;
  const reader = new PathReader(path, text, 1);
  const segments = reader.segments(false);
  if (reader.pos < text.length) reader.fail(`unexpected '${text[reader.pos]}'`);
  const definite = segments.every(
    (s) => (s.kind === 'property' && !s.deep && s.names.length === 1) || (s.kind === 'index' && s.indexes.length === 1),
  );
  return { segments, definite };
}

class PathReader {
  constructor(
    private readonly original: string,
    private readonly text: string,
    public pos: number,
  ) {}

  fail(reason: string): never {
    throw new JsonPathSyntaxError(this.original, `${reason} at position ${this.pos}`);
  }

  segments(inFilter: boolean): Segment[] {
    const out: Segment[] = [];
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === '.') {
        const deep = t[this.pos + 1] === '.';
        this.pos += deep ? 2 : 1;
        if (t[this.pos] === '*') {
          this.pos++;
          out.push({ kind: 'wildcard', deep });
        } else if (t[this.pos] === '[') {
          if (!deep) this.fail("'.' followed by '['");
          const bracket = this.bracket();
          if (bracket.kind === 'property') out.push({ ...bracket, deep: true });
          else if (bracket.kind === 'wildcard') out.push({ kind: 'wildcard', deep: true });
          else this.fail('deep scan supports only names and wildcards');
        } else {
          const name = this.name(inFilter);
          if (name === '') this.fail('empty property name');
          if (t[this.pos] === '(') this.fail(`functions such as ${name}() are not supported`);
          out.push({ kind: 'property', names: [name], deep });
        }
      } else if (c === '[') {
        out.push(this.bracket());
      } else {
        break;
      }
    }
    return out;
  }

  private name(inFilter: boolean): string {
    const t = this.text;
    const start = this.pos;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (c === '.' || c === '[' || c === '(' || (inFilter && /[\s)=!<>&|]/.test(c))) break;
      this.pos++;
    }
    return t.slice(start, this.pos);
  }

  private bracket(): Segment {
    const t = this.text;
    this.pos++;
    this.skipSpaces();
    let segment: Segment;
    if (t[this.pos] === '*') {
      this.pos++;
      segment = { kind: 'wildcard', deep: false };
    } else if (t[this.pos] === '?') {
      this.pos++;
      this.skipSpaces();
      if (t[this.pos] !== '(') this.fail("expected '(' after '?'");
      this.pos++;
      const predicate = this.orExpr();
      this.skipSpaces();
      if (t[this.pos] !== ')') this.fail("expected ')' closing the filter");
      this.pos++;
      segment = { kind: 'filter', predicate };
    } else if (t[this.pos] === "'" || t[this.pos] === '"') {
      const names: string[] = [];
      for (;;) {
        names.push(this.quoted());
        this.skipSpaces();
        if (t[this.pos] !== ',') break;
        this.pos++;
        this.skipSpaces();
      }
      segment = { kind: 'property', names, deep: false };
    } else {
      const body = /^[^\]]*/.exec(t.slice(this.pos))?.[0] ?? '';
      this.pos += body.length;
      const trimmed = body.trim();
      const sliceMatch = /^(-?\d+)?\s*:\s*(-?\d+)?(?:\s*:\s*(\d+))?$/.exec(trimmed);
      if (sliceMatch !== null) {
        const step = sliceMatch[3] === undefined ? 1 : Number(sliceMatch[3]);
        if (step < 1) this.fail('slice step must be positive');
        segment = {
          kind: 'slice',
          start: sliceMatch[1] === undefined ? undefined : Number(sliceMatch[1]),
          end: sliceMatch[2] === undefined ? undefined : Number(sliceMatch[2]),
          step,
        };
      } else if (/^-?\d+(\s*,\s*-?\d+)*$/.test(trimmed)) {
        segment = { kind: 'index', indexes: trimmed.split(',').map((s) => Number(s.trim())) };
      } else {
        this.fail(`unsupported bracket expression '[${body}]'`);
      }
    }
    this.skipSpaces();
    if (t[this.pos] !== ']') this.fail("expected ']'");
    this.pos++;
    return segment;
  }

  private quoted(): string {
    const t = this.text;
    const quote = t[this.pos];
    let out = '';
    this.pos++;
    while (this.pos < t.length && t[this.pos] !== quote) {
      if (t[this.pos] === '\\' && this.pos + 1 < t.length) this.pos++;
      out += t[this.pos];
      this.pos++;
    }
    if (this.pos >= t.length) this.fail('unterminated quoted name');
    this.pos++;
    return out;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  private orExpr(): FilterExpr {
    let left = this.andExpr();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('||', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'or', left, right: this.andExpr() };
    }
  }

  private andExpr(): FilterExpr {
    let left = this.unaryExpr();
    for (;;) {
      this.skipSpaces();
      if (!this.text.startsWith('&&', this.pos)) return left;
      this.pos += 2;
      left = { kind: 'and', left, right: this.unaryExpr() };
    }
  }

  private unaryExpr(): FilterExpr {
    this.skipSpaces();
    const t = this.text;
    if (t[this.pos] === '!' && t[this.pos + 1] !== '=') {
      this.pos++;
      return { kind: 'not', operand: this.unaryExpr() };
    }
    if (t[this.pos] === '(') {
      this.pos++;
      const inner = this.orExpr();
      this.skipSpaces();
      if (t[this.pos] !== ')') this.fail("expected ')'");
      this.pos++;
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const op = /^(==|!=|<=|>=|=~|<|>)/.exec(t.slice(this.pos))?.[0];
    if (op === undefined) {
      if (left.kind !== 'path') this.fail('a literal is not a condition');
      return { kind: 'exists', operand: left };
    }
    this.pos += op.length;
    this.skipSpaces();
    const right = this.operand();
    if (op === '=~' && right.kind !== 'regex') this.fail("'=~' needs a /regex/");
    return { kind: 'compare', op, left, right };
  }

  private operand(): Operand {
    const t = this.text;
    const c = t[this.pos];
    if (c === '@') {
      this.pos++;
      return { kind: 'path', segments: this.segments(true) };
    }
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    if (c === '/') {
      const m = /^\/((?:[^/\\]|\\.)*)\/([a-z]*)/.exec(t.slice(this.pos));
      if (m === null) this.fail('unterminated regex');
      this.pos += m[0].length;
      return { kind: 'regex', regex: new RegExp(m[1] as string, (m[2] as string).replace(/[^ims]/g, '')) };
    }
    const m = /^(-?\d+(?:\.\d+)?|true|false|null)/.exec(t.slice(this.pos));
    if (m === null) this.fail('expected @, a literal or a regex');
    this.pos += m[0].length;
    const word = m[0];
    const value = word === 'true' ? true : word === 'false' ? false : word === 'null' ? null : Number(word);
    return { kind: 'literal', value };
  }
}
