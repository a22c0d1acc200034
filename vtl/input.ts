import { VtlPayloadError } from './errors';
import { HostObject, NO_SUCH_METHOD, toJsonSmartString } from './java-values';
import { JsonSyntaxError, parseJsonValue } from './json';
import { evaluateJsonPath } from './json-path';

/** Request (or integration response) parameters as API Gateway exposes them to `$input.params()`. */
export interface MappingParams {
  /** Path parameters by name. */
  readonly path?: Readonly<Record<string, string>>;
  /** Query string parameters by name (single-valued: API Gateway keeps the last value of a repeated key). */
  readonly querystring?: Readonly<Record<string, string>>;
  /** Headers by name, as the client sent them. */
  readonly header?: Readonly<Record<string, string>>;
}

/**
 * Parses the payload the way API Gateway does for `$input.path`/`$input.json`.
 *
 * An empty body is `{}`; valid JSON is parsed; text that is not JSON and does not start like JSON (`a=b`) is read
 * as a bare string by json-smart's permissive mode; text starting with `{`, `[` or `"` that fails to parse is a 400
 * (ToQoz/api-gateway-mapping-template test/_.md examples 12f77fd5, 122ff6ce, d4719b3d, 2b1f2df4).
 */
export function parsePayload(body: string): unknown {
  const trimmed = body.trim();
  if (trimmed === '') return new Map();
  try {
    return parseJsonValue(trimmed);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    if ('{["'.includes(trimmed[0] as string)) throw new VtlPayloadError(`net.minidev.json.parser.ParseException: ${e.message}`);
    return trimmed;
  }
}

/** `$input`: the payload and the request parameters. */
export class InputObject extends HostObject {
  readonly javaClassName = 'com.amazonaws.apigateway.Input';
  private document: unknown;
  private parsed = false;
  private paramsMap: Map<string, Map<string, string>> | undefined;

  constructor(
    private readonly rawBody: string,
    private readonly params: MappingParams,
  ) {
    super();
  }

  // The parsed document is shared by every $input.path/$input.json call in one render, so mutations made through
  // a $input.path('$') reference show up in a later $input.json('$'), as observed on AWS (research §1.1).
  private root(): unknown {
    if (!this.parsed) {
      this.document = parsePayload(this.rawBody);
      this.parsed = true;
    }
    return this.document;
  }

  /** `$input.body`: the raw payload; an empty payload reads as `{}` (AWS-observed, research §1.1). */
  get body(): string {
    return this.rawBody === '' ? '{}' : this.rawBody;
  }

  override getProperty(name: string): unknown {
    return name === 'body' ? this.body : undefined;
  }

  override invoke(name: string, args: unknown[]): unknown {
    const [arg] = args;
    switch (name) {
      case 'getBody':
        return args.length === 0 ? this.body : NO_SUCH_METHOD;
      case 'path':
        return args.length === 1 && typeof arg === 'string' ? evaluateJsonPath(this.root(), arg) : NO_SUCH_METHOD;
      case 'json':
        return args.length === 1 && typeof arg === 'string' ? toJsonSmartString(evaluateJsonPath(this.root(), arg), false) : NO_SUCH_METHOD;
      case 'params':
        if (args.length === 0) return this.allParams();
        return args.length === 1 && typeof arg === 'string' ? this.param(arg) : NO_SUCH_METHOD;
      default:
        return NO_SUCH_METHOD;
    }
  }

  private allParams(): Map<string, Map<string, string>> {
    this.paramsMap ??= new Map([
      ['path', toMap(this.params.path)],
      ['querystring', toMap(this.params.querystring)],
      ['header', toMap(this.params.header)],
    ]);
    return this.paramsMap;
  }

  // Lookup order path, query string, header is documented; a missing parameter is the empty string.
  private param(name: string): string {
    const { path = {}, querystring = {}, header = {} } = this.params;
    if (Object.hasOwn(path, name)) return path[name] as string;
    if (Object.hasOwn(querystring, name)) return querystring[name] as string;
    if (Object.hasOwn(header, name)) return header[name] as string;
    const lower = name.toLowerCase();
    for (const key of Object.keys(header)) if (key.toLowerCase() === lower) return header[key] as string;
    return '';
  }
}

function toMap(record: Readonly<Record<string, string>> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (record !== undefined) for (const key of Object.keys(record)) map.set(key, record[key] as string);
  return map;
}
