// The value model the evaluator works on. VTL on API Gateway runs on the JVM, so values must keep Java
// distinctions JS loses: Integer vs Double, LinkedHashMap key order (JS objects reorder integer-like keys),
// json-smart JSONArray (prints as JSON) vs ArrayList (prints `[a, b]`), and String[] (prints an identity hash).

/** A Java `Double`; kept apart from integers because `10.0` renders `10.0` and `7.0 / 2` is `3.5` in Java. */
export class JavaDouble {
  constructor(readonly value: number) {}
}

/** Host objects ($input, $util, $foreach, ...) expose Java-like properties and methods to templates. */
export abstract class HostObject {
  /** The Java class name reported by `$x.class.name`. */
  abstract readonly javaClassName: string;

  /** Property read `$x.name`; `undefined` means "no such property" (renders empty). */
  getProperty(_name: string): unknown {
    return undefined;
  }

  /** Method call `$x.name(args)`; returns NO_SUCH_METHOD when the object has no matching method. */
  invoke(_name: string, _args: unknown[]): unknown {
    return NO_SUCH_METHOD;
  }

  /** What `$x` renders as; AWS renders `$input` and `$util` as empty (ToQoz example-cd963d7c, example-a35f2355). */
  toJavaString(): string {
    return '';
  }
}

/** Returned by method tables when no method matches the name and argument types (Velocity then yields null). */
export const NO_SUCH_METHOD: unique symbol = Symbol('NO_SUCH_METHOD');

const JSON_ARRAY = Symbol('net.minidev.json.JSONArray');
const JAVA_ARRAY = Symbol('java array');

/** Brands a list as a json-smart `JSONArray`, whose `toString()` is compact JSON rather than `[a, b]`. */
export function markJsonArray<T extends unknown[]>(list: T): T {
  (list as unknown as Record<symbol, boolean>)[JSON_ARRAY] = true;
  return list;
}

/** True for lists that came from JSON (payload, `$util.parseJson`). */
export function isJsonArray(value: unknown): boolean {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[JSON_ARRAY] === true;
}

/** Brands a list as a Java array (`String[]` from `split`), which renders as an identity string, not its items. */
export function markJavaArray<T extends unknown[]>(list: T, elementClass: string): T {
  (list as unknown as Record<symbol, string>)[JAVA_ARRAY] = elementClass;
  return list;
}

/** The element class of a Java array, or undefined for lists. */
export function javaArrayElementClass(value: unknown): string | undefined {
  return Array.isArray(value) ? (value as unknown as Record<symbol, string | undefined>)[JAVA_ARRAY] : undefined;
}

/**
 * A `$context` map (subclasses may police writes once sealed). AWS renders nested context maps
 * (e.g. `$context.identity`) as empty strings (research §1.3).
 */
export class ContextMap extends Map<string, unknown> {
  /** Adds an entry without going through `set`, so subclasses that police writes do not count seeding. */
  seed(key: string, value: unknown): this {
    return this.set(key, value);
  }
}

/** `$x.class`: enough of java.lang.Class for the `$x.class.name` idiom used to branch on types. */
export class JavaClass extends HostObject {
  readonly javaClassName = 'java.lang.Class';

  constructor(readonly name: string) {
    super();
  }

  override getProperty(name: string): unknown {
    if (name === 'name') return this.name;
    if (name === 'simpleName') return this.name.slice(this.name.lastIndexOf('.') + 1);
    return undefined;
  }

  override invoke(name: string, args: unknown[]): unknown {
    if (args.length !== 0) return NO_SUCH_METHOD;
    if (name === 'getName') return this.name;
    if (name === 'getSimpleName') return this.getProperty('simpleName');
    return NO_SUCH_METHOD;
  }

  override toJavaString(): string {
    return `class ${this.name}`;
  }
}

/** A `Map.Entry` from `entrySet()`; renders `key=value` like Java. */
export class MapEntry extends HostObject {
  readonly javaClassName = 'java.util.LinkedHashMap$Entry';

  constructor(
    readonly key: unknown,
    readonly value: unknown,
  ) {
    super();
  }

  override getProperty(name: string): unknown {
    if (name === 'key') return this.key;
    if (name === 'value') return this.value;
    return undefined;
  }

  override invoke(name: string, args: unknown[]): unknown {
    if (args.length !== 0) return NO_SUCH_METHOD;
    if (name === 'getKey') return this.key;
    if (name === 'getValue') return this.value;
    return NO_SUCH_METHOD;
  }

  override toJavaString(): string {
    return `${javaString(this.key)}=${javaString(this.value)}`;
  }
}

/** True for values Java would treat as a `Number`. */
export function isNumeric(value: unknown): value is number | bigint | JavaDouble {
  return typeof value === 'number' || typeof value === 'bigint' || value instanceof JavaDouble;
}

/** The numeric value as a JS double (for comparisons and floating-point maths). */
export function toDouble(value: number | bigint | JavaDouble): number {
  if (value instanceof JavaDouble) return value.value;
  return Number(value);
}

/** True for integral numbers (Java Integer/Long/BigInteger). */
export function isIntegral(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value));
}

/** Normalises a bigint result to a JS number when it is exactly representable, as Velocity narrows results. */
export function narrowInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Java's `Double.toString`: plain notation in [1e-3, 1e7), otherwise `d.dddE±n`; always a fraction digit. */
export function formatJavaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Number.POSITIVE_INFINITY) return 'Infinity';
  if (d === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(d);
  if (abs >= 1e-3 && abs < 1e7) {
    const plain = String(d);
    return plain.includes('.') ? plain : `${plain}.0`;
  }
  const [mantissa = '', exponent = '0'] = d.toExponential().split('e');
  const fraction = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${fraction}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** Java `toString()` of a number value. */
export function formatJavaNumber(value: number | bigint | JavaDouble): string {
  if (value instanceof JavaDouble) return formatJavaDouble(value.value);
  if (typeof value === 'bigint') return value.toString();
  if (Number.isInteger(value)) return Object.is(value, -0) ? '0' : String(value);
  return formatJavaDouble(value);
}

/** The Java class name of a value, as `$x.class.name` reports it. */
export function javaClassName(value: unknown): string {
  if (typeof value === 'string') return 'java.lang.String';
  if (typeof value === 'boolean') return 'java.lang.Boolean';
  if (typeof value === 'bigint') return 'java.math.BigInteger';
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'java.lang.Double';
    return value >= -2147483648 && value <= 2147483647 ? 'java.lang.Integer' : 'java.lang.Long';
  }
  if (value instanceof JavaDouble) return 'java.lang.Double';
  if (value instanceof HostObject) return value.javaClassName;
  if (value instanceof Map) return 'java.util.LinkedHashMap';
  if (Array.isArray(value)) {
    const element = javaArrayElementClass(value);
    if (element !== undefined) return `[L${element};`;
    return isJsonArray(value) ? 'net.minidev.json.JSONArray' : 'java.util.ArrayList';
  }
  return 'java.lang.Object';
}

/** What a reference renders as in template output: AWS renders null as the empty string (research §1.10). */
export function renderValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return javaString(value);
}

/** Java `String.valueOf(x)`: nested nulls print `null`, maps print `{k=v, ...}`, JSON arrays print JSON. */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isNumeric(value)) return formatJavaNumber(value);
  if (value instanceof HostObject) return value.toJavaString();
  if (value instanceof ContextMap) return '';
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`${javaString(k)}=${v === value ? '(this Map)' : javaString(v)}`);
    return `{${parts.join(', ')}}`;
  }
  if (Array.isArray(value)) {
    const element = javaArrayElementClass(value);
    if (element !== undefined) return `[L${element};@${identityHash(value)}`;
    if (isJsonArray(value)) return toJsonSmartString(value, true);
    return `[${value.map((v) => (v === value ? '(this Collection)' : javaString(v))).join(', ')}]`;
  }
  return String(value);
}

// A deterministic stand-in for Object.hashCode(): the engine is pure, so no randomness or addresses.
function identityHash(list: unknown[]): string {
  let h = 0x811c9dc5;
  for (const item of list) {
    const s = javaString(item);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0).toString(16);
}

/** json-smart string escaping: `"` `\` and control characters, plus `/` when protecting for the web. */
export function escapeJsonSmart(s: string, escapeSlash: boolean): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    switch (c) {
      case 0x22:
        rep = '\\"';
        break;
      case 0x5c:
        rep = '\\\\';
        break;
      case 0x08:
        rep = '\\b';
        break;
      case 0x0c:
        rep = '\\f';
        break;
      case 0x0a:
        rep = '\\n';
        break;
      case 0x0d:
        rep = '\\r';
        break;
      case 0x09:
        rep = '\\t';
        break;
      case 0x2f:
        if (escapeSlash) rep = '\\/';
        break;
      default:
        if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) {
          rep = `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
        }
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/**
 * Serialises a value the way json-smart does: compact, keys in insertion order.
 *
 * `escapeSlash` selects json-smart's default web-safe style (`JSONArray.toString()`) versus the style Jayway's
 * `toJson` uses (no `/` escaping).
 */
export function toJsonSmartString(value: unknown, escapeSlash: boolean): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `"${escapeJsonSmart(value, escapeSlash)}"`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isNumeric(value)) {
    const d = toDouble(value);
    return Number.isFinite(d) || typeof value === 'bigint' ? formatJavaNumber(value) : 'null';
  }
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value) parts.push(`"${escapeJsonSmart(javaString(k), escapeSlash)}":${toJsonSmartString(v, escapeSlash)}`);
    return `{${parts.join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => toJsonSmartString(v, escapeSlash)).join(',')}]`;
  return `"${escapeJsonSmart(javaString(value), escapeSlash)}"`;
}

/** Java `a.equals(b)`: same type and same content; Integer 1 does not equal Double 1.0. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeof a === 'string' || typeof a === 'boolean') return a === b;
  if (isNumeric(a)) {
    if (!isNumeric(b)) return false;
    if (a instanceof JavaDouble !== b instanceof JavaDouble) return false;
    return toDouble(a) === toDouble(b) && (typeof a !== 'bigint' || typeof b !== 'bigint' || a === b);
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !javaEquals(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (javaArrayElementClass(a) !== undefined || javaArrayElementClass(b) !== undefined) return a === b;
    return a.every((v, i) => javaEquals(v, b[i]));
  }
  return a === b;
}

/** Velocity truthiness for `#if`: only null and Boolean false are false (Velocity 1.7 `ASTReference.evaluate`). */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  return true;
}
