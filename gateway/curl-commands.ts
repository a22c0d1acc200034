/** Ready-to-paste curl commands for every route, printed by `serve` at start-up. */
import type { MethodModel, RouteModel } from './api-model';

/** What a command needs beyond the route. */
export interface CurlOptions {
  /** A key to send when the method requires one. */
  readonly apiKey?: string;
  /** Send an `Authorization` header on authorized methods (when the policy requires one). */
  readonly authorization?: boolean;
  /** Example values for path parameters by name; `example` otherwise. */
  readonly pathValues?: Readonly<Record<string, string>>;
  /** Example JSON body for methods that take one. */
  readonly body?: string;
}

/** Quotes for POSIX shells: single quotes, with `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The example request path for a route (`/orders/{id}` → `/orders/example`). */
export function examplePath(route: RouteModel, pathValues: Readonly<Record<string, string>> = {}): string {
  if (route.segments.length === 0) return '/';
  return route.segments.map((s) => `/${s.kind === 'literal' ? s.value : encodeURIComponent(pathValues[s.name] ?? 'example')}`).join('');
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** One curl command calling `method` on `route`. */
export function curlCommand(baseUrl: string, route: RouteModel, method: MethodModel, options: CurlOptions = {}): string {
  const httpMethod = method.httpMethod === 'ANY' ? 'POST' : method.httpMethod;
  const parts = ['curl', '-i'];
  if (httpMethod !== 'GET') parts.push('-X', httpMethod);
  const query: string[] = [];
  const headers: string[] = [];
  for (const [name, required] of Object.entries(method.requestParameters)) {
    if (!required) continue;
    const q = /^method\.request\.(?:multivalue)?querystring\.(.+)$/.exec(name);
    if (q) query.push(`${encodeURIComponent(q[1] as string)}=example`);
    const h = /^method\.request\.(?:multivalue)?header\.(.+)$/.exec(name);
    if (h) headers.push(`${h[1]}: example`);
  }
  parts.push(shellQuote(`${baseUrl}${examplePath(route, options.pathValues)}${query.length > 0 ? `?${query.join('&')}` : ''}`));
  if (httpMethod === 'OPTIONS') headers.push('Origin: http://localhost:8080', 'Access-Control-Request-Method: POST');
  if (method.apiKeyRequired && options.apiKey !== undefined) headers.push(`x-api-key: ${options.apiKey}`);
  if (method.authorizationType !== 'NONE' && options.authorization) headers.push('Authorization: local-test-token');
  const integration = method.integration;
  const templates = 'unresolved' in integration ? {} : integration.requestTemplates;
  const contentType =
    Object.keys(templates).find((t) => t.toLowerCase() === 'application/json') ?? Object.keys(templates)[0] ?? 'application/json';
  if (WITH_BODY.has(httpMethod)) {
    headers.push(`Content-Type: ${contentType}`);
    for (const header of headers) parts.push('-H', shellQuote(header));
    parts.push('-d', shellQuote(contentType === 'application/json' ? (options.body ?? '{"hello":"world"}') : 'hello=world'));
  } else {
    for (const header of headers) parts.push('-H', shellQuote(header));
  }
  return parts.join(' ');
}
