import { compileJavaRegex, groupCount, javaReplacer, javaSplit } from './java-regex';
import {
  HostObject,
  isIntegral,
  isNumeric,
  JavaClass,
  JavaDouble,
  javaArrayElementClass,
  javaClassName,
  javaEquals,
  javaString,
  MapEntry,
  markJavaArray,
  NO_SUCH_METHOD,
  toDouble,
} from './java-values';

/** A Java exception raised by a method; Velocity wraps it in MethodInvocationException and the request fails. */
export class JavaException extends Error {
  constructor(
    readonly javaClass: string,
    message: string,
  ) {
    super(`${javaClass}: ${message}`);
    this.name = 'JavaException';
  }
}

type Method = (self: never, args: unknown[]) => unknown;

// Velocity resolves overloads by argument types; a call with the wrong types finds no method and yields null,
// so each implementation checks its arguments and returns NO_SUCH_METHOD instead of coercing.
const str = (v: unknown): v is string => typeof v === 'string';
const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function checkIndex(i: number, size: number, what: string): void {
  if (i < 0 || i > size) throw new JavaException('java.lang.StringIndexOutOfBoundsException', `${what}: ${i}, length ${size}`);
}

// java.lang.String.trim(): strips every char <= U+0020, not JS's Unicode whitespace set.
function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

const replacers = new Map<string, ReturnType<typeof javaReplacer>>();

function replaceRegex(s: string, pattern: string, replacement: string, all: boolean): string {
  const regex = compileJavaRegex(pattern);
  const cacheKey = `${pattern}\u0000${replacement}`;
  let replacer = replacers.get(cacheKey);
  if (replacer === undefined) {
    replacer = javaReplacer(pattern, replacement, groupCount(regex));
    if (replacers.size > 1000) replacers.clear();
    replacers.set(cacheKey, replacer);
  }
  if (all) return s.replace(regex, replacer);
  return s.replace(new RegExp(regex.source, regex.flags.replace('g', '')), replacer);
}

const STRING_METHODS: Record<string, (s: string, args: unknown[]) => unknown> = {
  length: (s, a) => (a.length === 0 ? s.length : NO_SUCH_METHOD),
  isEmpty: (s, a) => (a.length === 0 ? s.length === 0 : NO_SUCH_METHOD),
  isBlank: (s, a) => (a.length === 0 ? javaTrim(s).length === 0 : NO_SUCH_METHOD),
  trim: (s, a) => (a.length === 0 ? javaTrim(s) : NO_SUCH_METHOD),
  strip: (s, a) => (a.length === 0 ? s.trim() : NO_SUCH_METHOD),
  toLowerCase: (s, a) => (a.length === 0 ? s.toLowerCase() : NO_SUCH_METHOD),
  toUpperCase: (s, a) => (a.length === 0 ? s.toUpperCase() : NO_SUCH_METHOD),
  toString: (s: string, a: unknown[]) => (a.length === 0 ? s : NO_SUCH_METHOD),
  hashCode: (s, a) => {
    if (a.length !== 0) return NO_SUCH_METHOD;
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return h;
  },
  contains: (s, [x, ...rest]) => (str(x) && rest.length === 0 ? s.includes(x) : NO_SUCH_METHOD),
  startsWith: (s, [x, offset, ...rest]) => {
    if (!str(x) || rest.length > 0) return NO_SUCH_METHOD;
    if (offset === undefined) return s.startsWith(x);
    return int(offset) ? offset >= 0 && s.startsWith(x, offset) : NO_SUCH_METHOD;
  },
  endsWith: (s, [x, ...rest]) => (str(x) && rest.length === 0 ? s.endsWith(x) : NO_SUCH_METHOD),
  equals: (s, [x, ...rest]) => (rest.length === 0 ? s === x : NO_SUCH_METHOD),
  equalsIgnoreCase: (s, [x, ...rest]) =>
    rest.length === 0 ? str(x) && s.toUpperCase().toLowerCase() === x.toUpperCase().toLowerCase() : NO_SUCH_METHOD,
  compareTo: (s, [x, ...rest]) => (str(x) && rest.length === 0 ? compareStrings(s, x) : NO_SUCH_METHOD),
  compareToIgnoreCase: (s, [x, ...rest]) =>
    str(x) && rest.length === 0 ? compareStrings(s.toLowerCase(), x.toLowerCase()) : NO_SUCH_METHOD,
  concat: (s, [x, ...rest]) => (str(x) && rest.length === 0 ? s + x : NO_SUCH_METHOD),
  indexOf: (s, [x, from, ...rest]) => {
    if (rest.length > 0 || !str(x) || (from !== undefined && !int(from))) return NO_SUCH_METHOD;
    return s.indexOf(x, from === undefined ? 0 : Math.max(0, from));
  },
  lastIndexOf: (s, [x, from, ...rest]) => {
    if (rest.length > 0 || !str(x) || (from !== undefined && !int(from))) return NO_SUCH_METHOD;
    if (from !== undefined && from < 0) return -1;
    return s.lastIndexOf(x, from === undefined ? Number.POSITIVE_INFINITY : from);
  },
  charAt: (s, [i, ...rest]) => {
    if (!int(i) || rest.length > 0) return NO_SUCH_METHOD;
    if (i < 0 || i >= s.length) throw new JavaException('java.lang.StringIndexOutOfBoundsException', `index ${i}, length ${s.length}`);
    return s[i];
  },
  substring: (s, [begin, end, ...rest]) => {
    if (!int(begin) || (end !== undefined && !int(end)) || rest.length > 0) return NO_SUCH_METHOD;
    const e = end === undefined ? s.length : end;
    checkIndex(begin, s.length, 'begin');
    checkIndex(e, s.length, 'end');
    if (begin > e) throw new JavaException('java.lang.StringIndexOutOfBoundsException', `begin ${begin}, end ${e}, length ${s.length}`);
    return s.slice(begin, e);
  },
  replace: (s, [target, replacement, ...rest]) => {
    if (rest.length > 0) return NO_SUCH_METHOD;
    if (str(target) && str(replacement)) return s.split(target).join(replacement);
    return NO_SUCH_METHOD;
  },
  replaceAll: (s, [pattern, replacement, ...rest]) =>
    str(pattern) && str(replacement) && rest.length === 0 ? replaceRegex(s, pattern, replacement, true) : NO_SUCH_METHOD,
  replaceFirst: (s, [pattern, replacement, ...rest]) =>
    str(pattern) && str(replacement) && rest.length === 0 ? replaceRegex(s, pattern, replacement, false) : NO_SUCH_METHOD,
  matches: (s, [pattern, ...rest]) => {
    if (!str(pattern) || rest.length > 0) return NO_SUCH_METHOD;
    const regex = compileJavaRegex(pattern);
    // String.matches is a whole-input match, so anchor the translated pattern at both ends.
    return new RegExp(`^(?:${regex.source})$`, regex.flags.replace('g', '').replace('m', '')).test(s);
  },
  split: (s, [pattern, limit, ...rest]) => {
    if (!str(pattern) || (limit !== undefined && !int(limit)) || rest.length > 0) return NO_SUCH_METHOD;
    return markJavaArray(javaSplit(s, pattern, limit ?? 0), 'java.lang.String');
  },
  toCharArray: (s, a) =>
    a.length === 0
      ? markJavaArray(
          [...s].flatMap((c) => c.split('')),
          'C',
        )
      : NO_SUCH_METHOD,
  getBytes: (s, a) =>
    a.length === 0
      ? markJavaArray(
          [...new TextEncoder().encode(s)].map((b) => (b << 24) >> 24),
          'B',
        )
      : NO_SUCH_METHOD,
};

function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const MAP_METHODS: Record<string, (m: Map<unknown, unknown>, args: unknown[]) => unknown> = {
  get: (m, [k, ...rest]) => (rest.length === 0 ? (m.get(k) ?? null) : NO_SUCH_METHOD),
  getOrDefault: (m, [k, d, ...rest]) => (rest.length === 0 ? (m.has(k) ? m.get(k) : d) : NO_SUCH_METHOD),
  put: (m, [k, v, ...rest]) => {
    if (rest.length > 0 || v === undefined) return NO_SUCH_METHOD;
    const previous = m.get(k) ?? null;
    m.set(k, v);
    return previous;
  },
  putAll: (m, [other, ...rest]) => {
    if (!(other instanceof Map) || rest.length > 0) return NO_SUCH_METHOD;
    for (const [k, v] of other) m.set(k, v);
    return null;
  },
  remove: (m, [k, ...rest]) => {
    if (rest.length > 0) return NO_SUCH_METHOD;
    const previous = m.get(k) ?? null;
    m.delete(k);
    return previous;
  },
  containsKey: (m, [k, ...rest]) => (rest.length === 0 ? m.has(k) : NO_SUCH_METHOD),
  containsValue: (m, [v, ...rest]) => (rest.length === 0 ? [...m.values()].some((x) => javaEquals(x, v)) : NO_SUCH_METHOD),
  keySet: (m, a) => (a.length === 0 ? [...m.keys()] : NO_SUCH_METHOD),
  values: (m, a) => (a.length === 0 ? [...m.values()] : NO_SUCH_METHOD),
  entrySet: (m, a) => (a.length === 0 ? [...m].map(([k, v]) => new MapEntry(k, v)) : NO_SUCH_METHOD),
  size: (m, a) => (a.length === 0 ? m.size : NO_SUCH_METHOD),
  isEmpty: (m, a) => (a.length === 0 ? m.size === 0 : NO_SUCH_METHOD),
  clear: (m, a) => {
    if (a.length !== 0) return NO_SUCH_METHOD;
    m.clear();
    return null;
  },
};

function listIndex(list: unknown[], i: number, inclusiveEnd = false): void {
  if (i < 0 || i > list.length || (!inclusiveEnd && i === list.length)) {
    throw new JavaException('java.lang.IndexOutOfBoundsException', `Index: ${i}, Size: ${list.length}`);
  }
}

function guardFixedSize(list: unknown[]): void {
  if (javaArrayElementClass(list) !== undefined)
    throw new JavaException('java.lang.UnsupportedOperationException', 'arrays have a fixed size');
}

const LIST_METHODS: Record<string, (l: unknown[], args: unknown[]) => unknown> = {
  size: (l, a) => (a.length === 0 ? l.length : NO_SUCH_METHOD),
  isEmpty: (l, a) => (a.length === 0 ? l.length === 0 : NO_SUCH_METHOD),
  get: (l, [i, ...rest]) => {
    if (!int(i) || rest.length > 0) return NO_SUCH_METHOD;
    listIndex(l, i);
    return l[i] ?? null;
  },
  set: (l, [i, v, ...rest]) => {
    if (!int(i) || v === undefined || rest.length > 0) return NO_SUCH_METHOD;
    listIndex(l, i);
    const previous = l[i] ?? null;
    l[i] = v;
    return previous;
  },
  contains: (l, [v, ...rest]) => (rest.length === 0 ? l.some((x) => javaEquals(x, v)) : NO_SUCH_METHOD),
  indexOf: (l, [v, ...rest]) => (rest.length === 0 ? l.findIndex((x) => javaEquals(x, v)) : NO_SUCH_METHOD),
  lastIndexOf: (l, [v, ...rest]) => {
    if (rest.length > 0) return NO_SUCH_METHOD;
    for (let i = l.length - 1; i >= 0; i--) if (javaEquals(l[i], v)) return i;
    return -1;
  },
  add: (l, args) => {
    guardFixedSize(l);
    if (args.length === 1) {
      l.push(args[0] ?? null);
      return true;
    }
    const [i, v] = args;
    if (args.length !== 2 || !int(i)) return NO_SUCH_METHOD;
    listIndex(l, i, true);
    l.splice(i, 0, v ?? null);
    return null;
  },
  addAll: (l, [other, ...rest]) => {
    guardFixedSize(l);
    if (!Array.isArray(other) || rest.length > 0) return NO_SUCH_METHOD;
    l.push(...other);
    return other.length > 0;
  },
  remove: (l, [x, ...rest]) => {
    guardFixedSize(l);
    if (rest.length > 0) return NO_SUCH_METHOD;
    if (int(x)) {
      listIndex(l, x);
      return l.splice(x, 1)[0] ?? null;
    }
    const i = l.findIndex((v) => javaEquals(v, x));
    if (i >= 0) l.splice(i, 1);
    return i >= 0;
  },
  subList: (l, [from, to, ...rest]) => {
    if (!int(from) || !int(to) || rest.length > 0) return NO_SUCH_METHOD;
    if (from < 0 || to > l.length || from > to)
      throw new JavaException('java.lang.IndexOutOfBoundsException', `fromIndex: ${from}, toIndex: ${to}, size: ${l.length}`);
    return l.slice(from, to);
  },
  clear: (l, a) => {
    guardFixedSize(l);
    if (a.length !== 0) return NO_SUCH_METHOD;
    l.length = 0;
    return null;
  },
};

const NUMBER_METHODS: Record<string, (n: number | bigint | JavaDouble, args: unknown[]) => unknown> = {
  intValue: (n, a) => (a.length === 0 ? Number(BigInt.asIntN(32, BigInt(Math.trunc(toDouble(n))))) : NO_SUCH_METHOD),
  longValue: (n, a) => (a.length === 0 ? (typeof n === 'bigint' ? n : Math.trunc(toDouble(n))) : NO_SUCH_METHOD),
  doubleValue: (n, a) => (a.length === 0 ? new JavaDouble(toDouble(n)) : NO_SUCH_METHOD),
  floatValue: (n, a) => (a.length === 0 ? new JavaDouble(Math.fround(toDouble(n))) : NO_SUCH_METHOD),
  compareTo: (n, [x, ...rest]) => (isNumeric(x) && rest.length === 0 ? Math.sign(toDouble(n) - toDouble(x)) : NO_SUCH_METHOD),
};

/**
 * Invokes a Java method on a template value: String, Map, List/array, Number and Boolean methods, plus
 * `toString`, `equals`, `hashCode` and `getClass` on everything.
 *
 * Returns NO_SUCH_METHOD when Java would find no method (Velocity then yields null); throws JavaException where
 * the Java method throws.
 */
export function invokeJavaMethod(target: unknown, name: string, args: unknown[]): unknown {
  let table: Record<string, Method> | undefined;
  if (typeof target === 'string') table = STRING_METHODS as Record<string, Method>;
  else if (target instanceof HostObject) {
    const result = target.invoke(name, args);
    if (result !== NO_SUCH_METHOD) return result;
  } else if (target instanceof Map) table = MAP_METHODS as Record<string, Method>;
  else if (Array.isArray(target)) table = LIST_METHODS as Record<string, Method>;
  else if (isNumeric(target)) table = NUMBER_METHODS as Record<string, Method>;
  const method = table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
  if (method !== undefined) return method(target as never, args);
  return invokeObjectMethod(target, name, args);
}

function invokeObjectMethod(target: unknown, name: string, args: unknown[]): unknown {
  switch (name) {
    case 'toString':
      return args.length === 0 ? javaString(target) : NO_SUCH_METHOD;
    case 'equals':
      return args.length === 1 ? javaEquals(target, args[0]) : NO_SUCH_METHOD;
    case 'getClass':
      return args.length === 0 ? new JavaClass(javaClassName(target)) : NO_SUCH_METHOD;
    case 'booleanValue':
      return typeof target === 'boolean' && args.length === 0 ? target : NO_SUCH_METHOD;
    case 'hashCode':
      return args.length === 0 && isIntegral(target) ? Number(BigInt.asIntN(32, BigInt(target))) : NO_SUCH_METHOD;
    default:
      return NO_SUCH_METHOD;
  }
}

/**
 * Reads `$x.name` the way Velocity's uberspector does: `getName()`/`isName()` getters first for the few
 * properties Java classes have (`class`, `empty`, `bytes`), then `Map.get(name)` for maps.
 */
export function readJavaProperty(target: unknown, name: string): unknown {
  if (target instanceof HostObject) return target.getProperty(name) ?? null;
  if (name === 'class') return new JavaClass(javaClassName(target));
  if (target instanceof Map) return target.get(name) ?? null;
  if (name === 'empty') {
    if (typeof target === 'string') return target.length === 0;
    if (Array.isArray(target)) return target.length === 0;
  }
  if (name === 'bytes' && typeof target === 'string') return STRING_METHODS.getBytes?.(target, []);
  if (name === 'blank' && typeof target === 'string') return STRING_METHODS.isBlank?.(target, []);
  return null;
}
