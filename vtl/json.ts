import { JavaDouble, markJsonArray, narrowInteger } from './java-values';

/** Thrown by parseJsonValue; the offset lets callers say where the JSON broke. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at position ${offset}`);
    this.name = 'JsonSyntaxError';
  }
}

// JSON.parse cannot be used: it loses key order for integer-like keys, 1.0 vs 1, and integers beyond 2^53,
// all of which json-smart (API Gateway's parser) keeps.

/**
 * Parses strict JSON (RFC 8259) into the engine's Java value model.
 *
 * Objects become insertion-ordered `Map`s (json-smart `LinkedHashMap`), arrays become JSONArray-branded lists,
 * numbers with a fraction or exponent become JavaDouble, larger integers become bigint.
 */
export function parseJsonValue(text: string): unknown {
  const parser = new Parser(text);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (parser.pos < text.length) throw new JsonSyntaxError(`Unexpected character '${text[parser.pos]}'`, parser.pos);
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  skipWhitespace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
    }
  }

  value(): unknown {
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return this.string();
      case 't':
        return this.literal('true', true);
      case 'f':
        return this.literal('false', false);
      case 'n':
        return this.literal('null', null);
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
        throw new JsonSyntaxError(c === undefined ? 'Unexpected end of input' : `Unexpected character '${c}'`, this.pos);
    }
  }

  private literal(word: string, value: unknown): unknown {
    if (!this.text.startsWith(word, this.pos)) throw new JsonSyntaxError(`Unexpected character '${this.text[this.pos]}'`, this.pos);
    this.pos += word.length;
    return value;
  }

  private object(): Map<string, unknown> {
    const map = new Map<string, unknown>();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return map;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError('Expected a string key', this.pos);
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError("Expected ':'", this.pos);
      this.pos++;
      this.skipWhitespace();
      map.set(key, this.value());
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === '}') return map;
      if (c !== ',') throw new JsonSyntaxError("Expected ',' or '}'", this.pos - 1);
    }
  }

  private array(): unknown[] {
    const list: unknown[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return markJsonArray(list);
    }
    for (;;) {
      this.skipWhitespace();
      list.push(this.value());
      this.skipWhitespace();
      const c = this.text[this.pos++];
      if (c === ']') return markJsonArray(list);
      if (c !== ',') throw new JsonSyntaxError("Expected ',' or ']'", this.pos - 1);
    }
  }

  private string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    for (;;) {
      if (this.pos >= t.length) throw new JsonSyntaxError('Unterminated string', this.pos);
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) throw new JsonSyntaxError('Control character in string', this.pos);
      if (c === 0x5c) {
        out += t.slice(start, this.pos);
        const e = t[this.pos + 1];
        switch (e) {
          case '"':
          case '\\':
          case '/':
            out += e;
            break;
          case 'b':
            out += '\b';
            break;
          case 'f':
            out += '\f';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          case 't':
            out += '\t';
            break;
          case 'u': {
            const hex = t.slice(this.pos + 2, this.pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Invalid unicode escape', this.pos);
            out += String.fromCharCode(Number.parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            throw new JsonSyntaxError('Invalid escape', this.pos);
        }
        this.pos += 2;
        start = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  private number(): unknown {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match === null) throw new JsonSyntaxError('Invalid number', this.pos);
    const lexeme = match[0];
    this.pos += lexeme.length;
    if (match[1] !== undefined || match[2] !== undefined) return new JavaDouble(Number(lexeme));
    const n = Number(lexeme);
    return Number.isSafeInteger(n) ? n : narrowInteger(BigInt(lexeme));
  }
}
