/** The request and response shapes the local runtime passes between its pure steps and the HTTP edges. */

/** A client request as the method sees it. */
export interface LocalRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The raw path, without the query string (still percent-encoded). */
  readonly path: string;
  /** Query string values by name, in order (API Gateway's single-value view keeps the last). */
  readonly query: Readonly<Record<string, readonly string[]>>;
  /** Headers by name as the client cased them; repeated headers joined with `,`. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Each header's values, one per time the client sent it (a comma inside one value stays in it:
   * `X-Source: Smith, John` is one value). Absent: every header was sent once, as in `headers`.
   */
  readonly multiValueHeaders?: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
  readonly sourceIp?: string;
}

/** A response to the client. */
export interface ClientResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  /** Gateway response headers read from the request (`method.request.header.Origin`); the pipeline fills them in. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
}

/** What the service answered. */
export interface BackendResponse {
  readonly status: number;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Finds a header case-insensitively (HTTP header names are case-insensitive; API Gateway keeps the client's casing). */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * A request header's values, one per time it was sent, found case-insensitively: API Gateway's
 * `method.request.header.X` is the last, `multivalueheader.X` all of them. Commas inside a value
 * are part of it, never separators.
 */
export function headerValues(request: Pick<LocalRequest, 'headers' | 'multiValueHeaders'>, name: string): readonly string[] {
  const lower = name.toLowerCase();
  for (const [key, values] of Object.entries(request.multiValueHeaders ?? {})) if (key.toLowerCase() === lower) return values;
  const value = headerValue(request.headers, name);
  return value === undefined ? [] : [value];
}

/** Sets a header, replacing any differently-cased copy. */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === lower) delete headers[key];
  headers[name] = value;
}
