import { JavaException } from './java-methods';
import { HostObject, javaString, NO_SUCH_METHOD } from './java-values';
import { JsonSyntaxError, parseJsonValue } from './json';

/**
 * commons-lang 2.x `StringEscapeUtils.escapeJavaScript`: `'` `"` `\` `/` get a backslash, control characters
 * become `\b \t \n \f \r` or `\u00XX`, anything above U+007F becomes `\uXXXX` (uppercase hex).
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */
export function escapeJavaScript(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c > 0x7f) rep = `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
    else if (c < 0x20) {
      switch (c) {
        case 0x08:
          rep = '\\b';
          break;
        case 0x0a:
          rep = '\\n';
          break;
        case 0x09:
          rep = '\\t';
          break;
        case 0x0c:
          rep = '\\f';
          break;
        case 0x0d:
          rep = '\\r';
          break;
        default:
          rep = `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
      }
    } else if (c === 0x27) rep = "\\'";
    else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x2f) rep = '\\/';
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

/** Java `URLEncoder.encode(s, "UTF-8")`: form encoding, space as `+`, only `A-Za-z0-9.-*_` left as is. */
export function urlEncode(s: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(s);
  } catch {
    return urlEncodeLoneSurrogates(s);
  }
  // encodeURIComponent also leaves !~'() alone; Java's encoder does not.
  return /[!~'()]|%20/.test(encoded) ? encoded.replace(/[!~'()]|%20/g, (c) => FORM_FIXUPS[c] as string) : encoded;
}

const FORM_FIXUPS: Record<string, string> = { '!': '%21', '~': '%7E', "'": '%27', '(': '%28', ')': '%29', '%20': '+' };

// A lone surrogate cannot be encoded as UTF-8; Java's encoder substitutes '?' for it.
function urlEncodeLoneSurrogates(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) as number;
    if (code >= 0xd800 && code <= 0xdfff) {
      out += '%3F';
      continue;
    }
    const ch = String.fromCodePoint(code);
    out += urlEncode(ch);
    i += ch.length - 1;
  }
  return out;
}

const DECODER = new TextDecoder('utf-8');

/** Java `URLDecoder.decode(s, "UTF-8")`: `+` is a space, `%XX` runs are UTF-8; a malformed escape throws. */
export function urlDecode(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const ch = s[i] as string;
    if (ch === '+') {
      out += ' ';
      i++;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (i < s.length && s[i] === '%') {
        const hex = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
          throw new JavaException(
            'java.lang.IllegalArgumentException',
            `URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`,
          );
        }
        bytes.push(Number.parseInt(hex, 16));
        i += 3;
      }
      out += DECODER.decode(Uint8Array.from(bytes));
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Base64 of the UTF-8 bytes of `s` (standard alphabet, padded). */
export function base64Encode(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** Decodes standard Base64 to bytes and reads them as UTF-8; input outside the Base64 alphabet throws. */
export function base64Decode(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || (s.includes('=') && s.length % 4 !== 0)) {
    throw new JavaException('java.lang.IllegalArgumentException', 'Illegal base64 character or padding');
  }
  return Buffer.from(s, 'base64').toString('utf8');
}

/** `$util`: the helper functions API Gateway documents for mapping templates. */
export class UtilObject extends HostObject {
  readonly javaClassName = 'com.amazonaws.apigateway.Util';

  override invoke(name: string, args: unknown[]): unknown {
    if (args.length !== 1) return NO_SUCH_METHOD;
    const arg = args[0];
    // Velocity passes Java objects; the String-typed helpers see their toString(). A null argument yields null.
    if (arg === null || arg === undefined) return null;
    const text = javaString(arg);
    switch (name) {
      case 'escapeJavaScript':
        return escapeJavaScript(text);
      case 'urlEncode':
        return urlEncode(text);
      case 'urlDecode':
        return urlDecode(text);
      case 'base64Encode':
        return base64Encode(text);
      case 'base64Decode':
        return base64Decode(text);
      case 'parseJson':
        try {
          return parseJsonValue(text);
        } catch (e) {
          if (e instanceof JsonSyntaxError) throw new JavaException('net.minidev.json.parser.ParseException', e.message);
          throw e;
        }
      default:
        return NO_SUCH_METHOD;
    }
  }
}
