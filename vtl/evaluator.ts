import type { BlockHeader, DirectiveNode, ExprNode, MathNode, Pos, ReferenceNode, TemplateNode } from './ast';
import { VtlError, type VtlErrorCode, VtlEvaluationError, VtlPayloadError } from './errors';
import { invokeJavaMethod, JavaException, readJavaProperty } from './java-methods';
import { JavaRegexError } from './java-regex';
import {
  HostObject,
  isIntegral,
  isNumeric,
  isTruthy,
  JavaDouble,
  javaClassName,
  javaEquals,
  NO_SUCH_METHOD,
  narrowInteger,
  renderValue,
  toDouble,
} from './java-values';
import { JsonPathSyntaxError } from './json-path';
import { type CompiledTemplate, parseTemplate } from './parse';

/** API Gateway's cap on `#foreach` iterations per loop ("API Gateway quotas": 1,000, not adjustable). */
export const MAX_FOREACH_ITERATIONS = 1000;

/** A non-fatal finding while rendering: something AWS also tolerates silently but that is probably a mistake. */
export interface VtlWarning {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

const BREAK = Symbol('#break');
const STOP = Symbol('#stop');
const MAX_MACRO_DEPTH = 100;

/** `$foreach`: Velocity 1.7's ForeachScope (index, count, hasNext, first, last, parent). */
class ForeachScope extends HostObject {
  readonly javaClassName = 'org.apache.velocity.runtime.directive.ForeachScope';
  index = 0;
  hasNext = false;

  constructor(readonly parent: unknown) {
    super();
  }

  override getProperty(name: string): unknown {
    switch (name) {
      case 'index':
        return this.index;
      case 'count':
        return this.index + 1;
      case 'hasNext':
        return this.hasNext;
      case 'first':
        return this.index === 0;
      case 'last':
        return !this.hasNext;
      case 'parent':
        return this.parent;
      default:
        return undefined;
    }
  }

  override invoke(name: string, args: unknown[]): unknown {
    if (args.length !== 0) return NO_SUCH_METHOD;
    if (name === 'stop') throw BREAK;
    const property = /^(?:get|is)([A-Z]\w*)$/.exec(name)?.[1] ?? (name === 'hasNext' ? 'hasNext' : undefined);
    if (property === undefined) return NO_SUCH_METHOD;
    const value = this.getProperty(property.charAt(0).toLowerCase() + property.slice(1));
    return value === undefined ? NO_SUCH_METHOD : value;
  }
}

/** `#define($name)...#end`: renders its block each time the reference is rendered. */
class DefineBlock extends HostObject {
  readonly javaClassName = 'org.apache.velocity.runtime.directive.Block$Reference';

  constructor(private readonly render: () => string) {
    super();
  }

  override toJavaString(): string {
    return this.render();
  }
}

/** A global built on first use, so templates that never touch `$context` do not pay for building it. */
export class LazyGlobal {
  constructor(readonly create: () => unknown) {}
}

/** Renders one compiled template against a set of global variables; one instance per render. */
export class Evaluator {
  private out = '';
  private readonly frames: Map<string, unknown>[] = [];
  private pos: Pos | undefined;
  private readonly stringTemplates = new WeakMap<object, CompiledTemplate>();
  readonly warnings: VtlWarning[] = [];

  constructor(
    private readonly template: CompiledTemplate,
    private readonly globals: Map<string, unknown>,
  ) {}

  /** Renders the whole template; `#stop` and a top-level `#break` end output early, as in Velocity. */
  render(): string {
    try {
      this.renderNodes(this.template.nodes);
    } catch (e) {
      if (e !== STOP && e !== BREAK) throw e;
    }
    return this.out;
  }

  private renderNodes(nodes: TemplateNode[]): void {
    for (const node of nodes) {
      if (typeof node === 'string') {
        this.out += node;
      } else if (Array.isArray(node)) {
        this.renderBlock(node);
      } else {
        switch (node.type) {
          case 'references':
            this.out += renderValue(this.evalReference(node));
            break;
          case 'set':
            this.set(node);
            break;
          case 'break':
            throw BREAK;
          case 'macro_call':
            this.callMacro(node, undefined);
            break;
          case 'raw':
            this.out += node.value;
            break;
          default:
            // comments; else/elseif markers are consumed by renderIf
            break;
        }
      }
    }
  }

  private renderToString(nodes: TemplateNode[]): string {
    const saved = this.out;
    this.out = '';
    try {
      this.renderNodes(nodes);
      return this.out;
    } finally {
      this.out = saved;
    }
  }

  private renderBlock(block: TemplateNode[]): void {
    const header = block[0] as BlockHeader;
    const children = block.slice(1) as TemplateNode[];
    this.pos = header.pos;
    switch (header.type) {
      case 'if':
        this.renderIf(header.condition, children);
        break;
      case 'foreach':
        this.renderForeach(header.to, header.from, children, header.pos);
        break;
      case 'define':
        this.assign(header.id, new DefineBlock(() => this.renderToString(children)));
        break;
      case 'noescape':
        this.renderNodes(children);
        break;
      case 'macro_body':
        this.callMacro(header, this.renderToString(children));
        break;
      default:
        // #macro bodies were collected at parse time; defining one renders nothing.
        break;
    }
  }

  private renderIf(condition: ExprNode, children: TemplateNode[]): void {
    let taken = isTruthy(this.evalExpr(condition));
    let start = 0;
    for (let i = 0; i <= children.length; i++) {
      const node = children[i];
      const marker =
        node !== undefined && typeof node === 'object' && !Array.isArray(node) && (node.type === 'else' || node.type === 'elseif')
          ? node
          : undefined;
      if (i < children.length && marker === undefined) continue;
      if (taken) {
        this.renderNodes(children.slice(start, i));
        return;
      }
      if (marker === undefined) return;
      this.pos = marker.pos;
      taken = marker.type === 'else' ? true : isTruthy(this.evalExpr((marker as { condition: ExprNode }).condition));
      start = i + 1;
    }
  }

  private renderForeach(name: string, from: ExprNode, children: TemplateNode[], pos: Pos): void {
    const source = this.evalExpr(from);
    let items: unknown[];
    if (Array.isArray(source)) items = source.slice();
    else if (source instanceof Map) items = [...source.values()];
    else items = [];
    const saved = ['foreach', 'velocityCount', 'velocityHasNext', name].map((k) => [k, this.globals.has(k), this.globals.get(k)] as const);
    const scope = new ForeachScope(this.globals.get('foreach') ?? null);
    try {
      const limit = Math.min(items.length, MAX_FOREACH_ITERATIONS);
      for (let i = 0; i < limit; i++) {
        scope.index = i;
        // hasNext looks at the real list, as Velocity's iterator does, even when the cap ends the loop.
        scope.hasNext = i + 1 < items.length;
        this.globals.set(name, items[i] ?? null);
        this.globals.set('foreach', scope);
        this.globals.set('velocityCount', i + 1);
        this.globals.set('velocityHasNext', scope.hasNext);
        try {
          this.renderNodes(children);
        } catch (e) {
          if (e === BREAK) break;
          throw e;
        }
      }
      if (items.length > MAX_FOREACH_ITERATIONS) {
        this.warn(pos, `#foreach stopped after ${MAX_FOREACH_ITERATIONS} of ${items.length} items (API Gateway's iteration limit)`);
      }
    } finally {
      for (const [key, had, value] of saved) {
        if (had) this.globals.set(key, value);
        else this.globals.delete(key);
      }
    }
  }

  private callMacro(node: { id: string; args?: ExprNode[]; pos: Pos }, bodyContent: string | undefined): void {
    this.pos = node.pos;
    const macro = this.template.macros.get(node.id);
    if (macro === undefined) {
      if (node.id === 'stop') throw STOP;
      if (node.id === 'break') throw BREAK;
      if (node.id === 'include' || node.id === 'parse' || node.id === 'evaluate') {
        throw this.error('UNSUPPORTED_DIRECTIVE', `#${node.id} is not supported in API Gateway mapping templates`);
      }
      // Velocity prints an unknown #name(...) as literal text.
      this.out += this.sourceText(node.pos);
      return;
    }
    if (this.frames.length >= MAX_MACRO_DEPTH) throw this.error('METHOD_THREW', `#${node.id} recursed more than ${MAX_MACRO_DEPTH} levels`);
    const frame = new Map<string, unknown>();
    macro.params.forEach((param, i) => {
      const arg = node.args?.[i];
      frame.set(param, arg === undefined ? null : this.evalExpr(arg));
    });
    if (bodyContent !== undefined) frame.set('bodyContent', bodyContent);
    this.frames.push(frame);
    try {
      this.renderNodes(macro.body);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.frames.pop();
    }
  }

  private sourceText(pos: Pos): string {
    const lines = this.template.source.split('\n');
    if (pos.last_line === undefined || pos.last_column === undefined) return '';
    if (pos.first_line === pos.last_line) return (lines[pos.first_line - 1] ?? '').slice(pos.first_column, pos.last_column);
    const parts = [(lines[pos.first_line - 1] ?? '').slice(pos.first_column)];
    for (let l = pos.first_line + 1; l < pos.last_line; l++) parts.push(lines[l - 1] ?? '');
    parts.push((lines[pos.last_line - 1] ?? '').slice(0, pos.last_column));
    return parts.join('\n');
  }

  private lookup(id: string): unknown {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(id)) return frame.get(id);
    let value = this.globals.get(id);
    if (value instanceof LazyGlobal) {
      value = value.create();
      this.globals.set(id, value);
    }
    return value ?? null;
  }

  private assign(id: string, value: unknown): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.has(id)) frame.set(id, value);
    else this.globals.set(id, value);
  }

  private set(node: Extract<DirectiveNode, { type: 'set' }>): void {
    this.pos = node.pos;
    const [target, valueNode] = node.equal;
    const value = this.evalExpr(valueNode);
    // Velocity 1.7 default (directive.set.null.allowed=false): assigning null leaves the target unchanged.
    if (value === null || value === undefined) return;
    const path = target.path ?? [];
    if (path.length === 0) {
      this.assign(target.id, value);
      return;
    }
    let base = this.lookup(target.id);
    for (let i = 0; i < path.length - 1 && base !== null; i++)
      base = this.step(base, path[i] as NonNullable<ReferenceNode['path']>[number], target);
    const last = path[path.length - 1] as NonNullable<ReferenceNode['path']>[number];
    if (base === null || base === undefined) {
      this.warn(node.pos, `#set target ${refText(target)} has a null base; nothing was set`);
      return;
    }
    const key = last.type === 'property' ? last.id : last.type === 'index' ? this.evalExpr(last.id) : undefined;
    if (base instanceof Map && key !== undefined && key !== null) {
      this.guard(() => base.set(typeof key === 'string' ? key : renderValue(key), value));
    } else if (Array.isArray(base) && isIntegral(key)) {
      this.guard(() => invokeJavaMethod(base, 'set', [Number(key) < 0 ? base.length + Number(key) : Number(key), value]));
    } else {
      this.warn(node.pos, `#set cannot assign ${refText(target)} on a ${javaClassName(base)}`);
    }
  }

  private evalReference(node: ReferenceNode): unknown {
    const previous = this.pos;
    if (node.pos !== undefined) this.pos = node.pos;
    let value = this.lookup(node.id);
    const path = node.path;
    if (path !== undefined) {
      for (const step of path) {
        if (value === null || value === undefined) return null;
        value = this.step(value, step, node);
      }
    }
    this.pos = previous ?? this.pos;
    return value === undefined ? null : value;
  }

  private step(value: unknown, step: NonNullable<ReferenceNode['path']>[number], node: ReferenceNode): unknown {
    if (step.type === 'property') return this.guard(() => readJavaProperty(value, step.id));
    if (step.type === 'index') {
      let key = this.evalExpr(step.id);
      if (Array.isArray(value) && isIntegral(key) && Number(key) < 0) key = value.length + Number(key);
      const result = this.guard(() => invokeJavaMethod(value, 'get', [key]));
      return result === NO_SUCH_METHOD ? null : result;
    }
    const args = step.args === false ? [] : step.args.map((a) => this.evalExpr(a));
    const result = this.guard(() => invokeJavaMethod(value, step.id, args));
    if (result === NO_SUCH_METHOD) {
      this.warn(
        this.pos,
        `${refText(node)}: ${javaClassName(value)} has no method ${step.id} taking ${args.length} argument(s) of these types; rendered as empty`,
      );
      return null;
    }
    return result === undefined ? null : result;
  }

  private evalExpr(node: ExprNode): unknown {
    switch (node.type) {
      case 'references':
        return this.evalReference(node);
      case 'math':
        return this.evalMath(node);
      case 'string':
        return node.isEval === true && (node.value.includes('$') || node.value.includes('#')) ? this.interpolate(node) : node.value;
      case 'integer': {
        const n = Number(node.value);
        return Number.isSafeInteger(n) ? n : narrowInteger(BigInt(node.value));
      }
      case 'decimal':
        return new JavaDouble(Number(node.value));
      case 'bool':
        return node.value === 'true' ? true : node.value === 'false' ? false : null;
      case 'array':
        if (node.isRange === true) return this.range(node.value);
        return node.value.map((v) => (typeof v === 'string' ? v : this.evalExpr(v)));
      case 'map': {
        const map = new Map<string, unknown>();
        for (const [k, v] of Object.entries(node.value ?? {})) map.set(k, this.evalExpr(v));
        return map;
      }
      default:
        return null;
    }
  }

  private interpolate(node: { value: string }): string {
    let compiled = this.stringTemplates.get(node);
    if (compiled === undefined) {
      compiled = parseTemplate(node.value);
      this.stringTemplates.set(node, compiled);
    }
    const nested = new Evaluator(compiled, this.globals);
    (nested as unknown as { frames: Map<string, unknown>[] }).frames.push(...this.frames);
    const text = nested.render();
    this.warnings.push(...nested.warnings);
    return text;
  }

  private range(bounds: (ExprNode | string)[]): unknown[] {
    const [from, to] = bounds.map((b) => (typeof b === 'string' ? Number(b) : this.evalExpr(b)));
    if (!isIntegral(from) || !isIntegral(to)) return [];
    const a = Number(from);
    const b = Number(to);
    const out: number[] = [];
    if (a <= b) for (let i = a; i <= b; i++) out.push(i);
    else for (let i = a; i >= b; i--) out.push(i);
    return out;
  }

  private evalMath(node: MathNode): unknown {
    const [l, r] = node.expression as [ExprNode, ExprNode | undefined];
    switch (node.operator) {
      case '||':
        return isTruthy(this.evalExpr(l)) || isTruthy(this.evalExpr(r as ExprNode));
      case '&&':
        return isTruthy(this.evalExpr(l)) && isTruthy(this.evalExpr(r as ExprNode));
      case 'not':
        return !isTruthy(this.evalExpr(l));
      case 'parenthesis':
        return this.evalExpr(l);
      case 'minus': {
        const v = this.evalExpr(l);
        return isNumeric(v) ? arithmetic('-', 0, v) : null;
      }
      case '==':
        return vtlEquals(this.evalExpr(l), this.evalExpr(r as ExprNode));
      case '!=':
        return !vtlEquals(this.evalExpr(l), this.evalExpr(r as ExprNode));
      case '<':
      case '<=':
      case '>':
      case '>=':
        return compare(node.operator, this.evalExpr(l), this.evalExpr(r as ExprNode));
      default:
        return arithmetic(node.operator, this.evalExpr(l), this.evalExpr(r as ExprNode));
    }
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      // Errors raised below the evaluator (override maps, payload parsing) learn their template position here.
      if (e instanceof VtlEvaluationError && e.line === 0) throw this.error(e.code, e.message);
      if (e instanceof VtlPayloadError && e.line === 0) throw e.at(this.pos?.first_line ?? 0, (this.pos?.first_column ?? -1) + 1);
      if (e === BREAK || e === STOP || e instanceof VtlError) throw e;
      if (e instanceof JavaException) throw this.error('METHOD_THREW', `a method threw ${e.message}`);
      if (e instanceof JavaRegexError) throw this.error('INVALID_REGEX', e.message);
      if (e instanceof JsonPathSyntaxError) throw this.error('INVALID_JSONPATH', e.message);
      throw e;
    }
  }

  private error(code: VtlErrorCode, message: string): VtlEvaluationError {
    return new VtlEvaluationError(code, message, this.pos?.first_line ?? 0, (this.pos?.first_column ?? -1) + 1);
  }

  private warn(pos: Pos | undefined, message: string): void {
    this.warnings.push({ line: pos?.first_line ?? 0, column: (pos?.first_column ?? -1) + 1, message });
  }
}

function refText(node: ReferenceNode): string {
  let text = `$${node.id}`;
  for (const step of node.path ?? []) {
    if (step.type === 'property') text += `.${step.id}`;
    else if (step.type === 'method') text += `.${step.id}(...)`;
    else text += '[...]';
  }
  return text;
}

/**
 * VTL `==` as API Gateway evaluates it: numbers compare by value, same-kind objects with `equals`, mixed kinds by
 * their `toString()` (Velocity 1.7 `ASTEQNode`), and null compares equal to `""` (AWS-observed, research §1.10).
 */
export function vtlEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return renderValue(a) === renderValue(b);
  if (isNumeric(a) && isNumeric(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint')
      return isIntegral(a) && isIntegral(b) ? BigInt(a) === BigInt(b) : toDouble(a) === toDouble(b);
    return toDouble(a) === toDouble(b);
  }
  if ((a instanceof Map && b instanceof Map) || (Array.isArray(a) && Array.isArray(b))) return javaEquals(a, b);
  return renderValue(a) === renderValue(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  // Velocity 1.7 logs an error and yields false when either side is not a number.
  if (!isNumeric(a) || !isNumeric(b)) return false;
  const x = toDouble(a);
  const y = toDouble(b);
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/**
 * Velocity 1.7 arithmetic: `+` with a String operand concatenates; integer operands give integer results
 * (`7 / 2` is 3) widened instead of overflowing; a Double operand gives a Double; division by zero and
 * non-numeric operands give null.
 */
export function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) return renderValue(a) + renderValue(b);
  if (!isNumeric(a) || !isNumeric(b)) return null;
  if (!isIntegral(a) || !isIntegral(b)) {
    const x = toDouble(a);
    const y = toDouble(b);
    if ((op === '/' || op === '%') && y === 0) return null;
    switch (op) {
      case '+':
        return new JavaDouble(x + y);
      case '-':
        return new JavaDouble(x - y);
      case '*':
        return new JavaDouble(x * y);
      case '/':
        return new JavaDouble(x / y);
      case '%':
        return new JavaDouble(x % y);
      default:
        return null;
    }
  }
  if ((op === '/' || op === '%') && Number(b) === 0) return null;
  if (typeof a === 'number' && typeof b === 'number') {
    let result: number | undefined;
    switch (op) {
      case '+':
        result = a + b;
        break;
      case '-':
        result = a - b;
        break;
      case '*':
        result = a * b;
        break;
      case '/':
        result = Math.trunc(a / b);
        break;
      case '%':
        result = a % b;
        break;
    }
    if (result === undefined) return null;
    if (Number.isSafeInteger(result)) return Object.is(result, -0) ? 0 : result;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  switch (op) {
    case '+':
      return narrowInteger(x + y);
    case '-':
      return narrowInteger(x - y);
    case '*':
      return narrowInteger(x * y);
    case '/':
      return narrowInteger(x / y);
    case '%':
      return narrowInteger(x % y);
    default:
      return null;
  }
}
