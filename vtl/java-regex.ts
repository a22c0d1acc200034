// Templates call Java's regex APIs (`replaceAll`, `matches`, `split`); JS RegExp differs in escapes (`\'` is an
// error in unicode mode), `$` (Java's also matches before a final line terminator), `\s` (Java: ASCII only),
// POSIX classes, `\Q...\E` and inline flags, so patterns are translated rather than passed through.

/** Thrown for a pattern Java's `Pattern.compile` rejects or this translator cannot express. */
export class JavaRegexError extends Error {
  constructor(pattern: string, reason: string) {
    super(`Invalid Java regex '${pattern}': ${reason}`);
    this.name = 'JavaRegexError';
  }
}

const LINE_END = '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))';
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: JAVA_SPACE,
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: JAVA_SPACE,
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
};
const SYNTAX = new Set('^$\\.*+?()[]{}|/');

const cache = new Map<string, RegExp>();

/** Compiles a Java regex into an equivalent JS RegExp (global, unicode); results are cached by pattern. */
export function compileJavaRegex(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    const { source, flags } = translate(pattern);
    try {
      regex = new RegExp(source, `gu${flags}`);
    } catch (e) {
      throw new JavaRegexError(pattern, (e as Error).message);
    }
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

function translate(pattern: string): { source: string; flags: string } {
  let i = 0;
  let flags = '';
  let multiline = false;
  const lead = /^\(\?([imsuxdU]+)\)/.exec(pattern);
  if (lead !== null) {
    const f = lead[1] as string;
    if (f.includes('x')) throw new JavaRegexError(pattern, 'the COMMENTS flag (?x) is not supported');
    if (f.includes('i')) flags += 'i';
    if (f.includes('s')) flags += 's';
    if (f.includes('m')) {
      flags += 'm';
      multiline = true;
    }
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  let classStart = false;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) throw new JavaRegexError(pattern, `unexpected internal error near index ${i}`);
      if (e === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end === -1 ? undefined : end);
        for (const ch of literal) out += escapeLiteral(ch, inClass);
        i = end === -1 ? pattern.length : end + 2;
        classStart = false;
        continue;
      }
      out += translateEscape(pattern, i, inClass);
      i += escapeLength(pattern, i);
      classStart = false;
      continue;
    }
    if (inClass) {
      if (c === '[') throw new JavaRegexError(pattern, 'nested character classes are not supported');
      if (c === '&' && pattern[i + 1] === '&') throw new JavaRegexError(pattern, 'class intersection (&&) is not supported');
      if (c === ']' && !classStart) inClass = false;
      out += c === ']' && classStart ? '\\]' : c;
      classStart = false;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = true;
      out += c;
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      i++;
      continue;
    }
    if (c === '$' && !multiline) {
      out += LINE_END;
      i++;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('>')) {
        // Atomic groups have no JS equivalent; a plain group matches the same strings except in backtracking corner cases.
        out += '(?:';
        i += 3;
        continue;
      }
      if (/^[imsuxdU-]+[:)]/.test(rest)) throw new JavaRegexError(pattern, 'inline flags are supported only at the start of the pattern');
    }
    if (c === '+' && /[*+?}]/.test(pattern[i - 1] ?? '') && pattern[i - 2] !== '\\') {
      // Possessive quantifier: approximated by the greedy one.
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw new JavaRegexError(pattern, 'unclosed character class');
  return { source: out, flags };
}

function escapeLength(pattern: string, i: number): number {
  const e = pattern[i + 1] as string;
  if (e === 'p' || e === 'P') return pattern[i + 2] === '{' ? pattern.indexOf('}', i) - i + 1 : 3;
  if (e === 'x' && pattern[i + 2] === '{') return pattern.indexOf('}', i) - i + 1;
  if (e === 'x') return 4;
  if (e === 'u') return 6;
  if (e === 'c') return 3;
  if (e === 'k') return pattern.indexOf('>', i) - i + 1;
  if (e === '0') return 2 + (/^[0-7]{1,3}/.exec(pattern.slice(i + 2))?.[0].length ?? 0);
  return 2;
}

function translateEscape(pattern: string, i: number, inClass: boolean): string {
  const e = pattern[i + 1] as string;
  switch (e) {
    case 's':
      return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
    case 'S':
      return inClass ? '\\S' : `[^${JAVA_SPACE}]`;
    case 'h':
      return inClass
        ? ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000'
        : '[ \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]';
    case 'v':
      return inClass ? '\\n\\x0B\\f\\r\\x85\\u2028\\u2029' : '[\\n\\x0B\\f\\r\\x85\\u2028\\u2029]';
    case 'R':
      return '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])';
    case 'a':
      return '\\x07';
    case 'e':
      return '\\x1B';
    case 'A':
      return '(?<![\\s\\S])';
    case 'z':
      return '(?![\\s\\S])';
    case 'Z':
      return LINE_END;
    case 'G':
      throw new JavaRegexError(pattern, '\\G is not supported');
    case '0': {
      const digits = /^[0-7]{1,3}/.exec(pattern.slice(i + 2))?.[0];
      if (digits === undefined) throw new JavaRegexError(pattern, 'illegal octal escape sequence');
      return `\\u{${Number.parseInt(digits, 8).toString(16)}}`;
    }
    case 'p':
    case 'P': {
      const name = pattern[i + 2] === '{' ? pattern.slice(i + 3, pattern.indexOf('}', i)) : (pattern[i + 2] as string);
      const posix = POSIX[name.replace(/^Is(?=Lower$|Upper$|Alpha$|Digit$|Alnum$|Punct$)/, '')];
      if (posix !== undefined) {
        if (inClass) {
          if (e === 'P') throw new JavaRegexError(pattern, 'negated POSIX class inside a class is not supported');
          return posix;
        }
        return `[${e === 'P' ? '^' : ''}${posix}]`;
      }
      if (name.startsWith('In')) throw new JavaRegexError(pattern, `unicode block ${name} is not supported`);
      return `\\${e}{${name.replace(/^Is/, '')}}`;
    }
    default:
      if (/[0-9dDwWbBtnrfxuck]/.test(e)) return pattern.slice(i, i + escapeLength(pattern, i));
      if (/[a-zA-Z]/.test(e)) throw new JavaRegexError(pattern, `illegal/unsupported escape sequence \\${e}`);
      return escapeLiteral(e, inClass);
  }
}

function escapeLiteral(ch: string, inClass: boolean): string {
  if (inClass) return '\\]^-['.includes(ch) ? `\\${ch}` : ch;
  return SYNTAX.has(ch) ? `\\${ch}` : ch;
}

type ReplacementPart = string | number | { name: string };

/**
 * Expands a Java `Matcher.appendReplacement` string: `$n` and `${name}` insert groups, `\x` inserts x literally.
 *
 * Java rejects a bare `$` or a trailing `\`; so does this.
 */
export function javaReplacer(pattern: string, replacement: string, groupCount: number): (match: string, ...rest: unknown[]) => string {
  const parts: ReplacementPart[] = [];
  let literal = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i] as string;
    if (c === '\\') {
      i++;
      if (i >= replacement.length) throw new JavaRegexError(pattern, 'character to be escaped is missing in the replacement');
      literal += replacement[i];
    } else if (c === '$') {
      i++;
      if (i >= replacement.length) throw new JavaRegexError(pattern, 'illegal group reference: group index is missing in the replacement');
      if (replacement[i] === '{') {
        const end = replacement.indexOf('}', i);
        if (end === -1) throw new JavaRegexError(pattern, "named capturing group is missing trailing '}'");
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push({ name: replacement.slice(i + 1, end) });
        i = end;
        continue;
      }
      const first = replacement.charCodeAt(i) - 48;
      if (first < 0 || first > 9) throw new JavaRegexError(pattern, 'illegal group reference in the replacement');
      let group = first;
      while (i + 1 < replacement.length) {
        const d = replacement.charCodeAt(i + 1) - 48;
        if (d < 0 || d > 9 || group * 10 + d > groupCount) break;
        group = group * 10 + d;
        i++;
      }
      if (group > groupCount) throw new JavaRegexError(pattern, `no group ${group}`);
      if (literal !== '') parts.push(literal);
      literal = '';
      parts.push(group);
    } else {
      literal += c;
    }
  }
  if (literal !== '') parts.push(literal);
  return (match: string, ...rest: unknown[]) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else if (typeof part === 'number') out += part === 0 ? match : ((rest[part - 1] as string | undefined) ?? '');
      else {
        const groups = rest[rest.length - 1];
        if (typeof groups !== 'object' || groups === null || !(part.name in groups)) {
          throw new JavaRegexError(pattern, `no group with name {${part.name}}`);
        }
        out += (groups as Record<string, string | undefined>)[part.name] ?? '';
      }
    }
    return out;
  };
}

/** Number of capturing groups in a compiled pattern (what Java's `Matcher.groupCount()` reports). */
export function groupCount(regex: RegExp): number {
  let count = GROUP_COUNTS.get(regex);
  if (count === undefined) {
    count = countGroups(regex);
    GROUP_COUNTS.set(regex, count);
  }
  return count;
}

const GROUP_COUNTS = new WeakMap<RegExp, number>();

function countGroups(regex: RegExp): number {
  return (new RegExp(`${regex.source}|`, regex.flags.replace('g', '')).exec('')?.length ?? 1) - 1;
}

/** Java `String.split(regex, limit)`: trailing empty strings dropped when limit is 0, no leading empty string for a zero-width match at 0. */
export function javaSplit(input: string, pattern: string, limit: number): string[] {
  const regex = compileJavaRegex(pattern);
  const out: string[] = [];
  let index = 0;
  for (let match = regex.exec(input); match !== null; match = regex.exec(input)) {
    const start = match.index;
    const end = start + match[0].length;
    if (end === start) regex.lastIndex = start + 1;
    if (limit <= 0 || out.length < limit - 1) {
      if (index === 0 && start === 0 && end === 0) continue;
      out.push(input.slice(index, start));
      index = end;
    } else {
      break;
    }
    if (regex.lastIndex > input.length) break;
  }
  if (index === 0) return [input];
  out.push(input.slice(index));
  if (limit === 0) while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}
