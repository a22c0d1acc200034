/** The HTTP edge of `serve`: node:http in, {@link handleRequest} through, one log line per request out. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, isIP } from 'node:net';
import type { LocalApiModel } from './api-model';
import { gatewayResponse } from './gateway-responses';
import { handleRequest, type RequestHandlerDeps, type RequestTrace } from './handle-request';
import type { ClientResponse, LocalRequest } from './http-types';

/** API Gateway's payload limit (10 MB); larger bodies get 413. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** How long a client may take to send its headers; a slow client cannot hold a socket for Node's default minute. */
export const HEADERS_TIMEOUT_MILLIS = 10_000;

/** How long a client may take to send a whole request (Node's default is 300 s); API Gateway's own integration limit is 29 s. */
export const REQUEST_TIMEOUT_MILLIS = 30_000;

/** How long stopping waits for requests in flight to be answered before it closes their connections. */
export const DRAIN_MILLIS = 5_000;

/** The status logged for a request whose client went away before its answer (no response is sent). */
export const CLIENT_CLOSED_STATUS = 499;

/** One finished request, for the log. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly millis: number;
  readonly trace: RequestTrace;
  readonly response: ClientResponse;
}

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  readonly model: LocalApiModel;
  readonly deps: RequestHandlerDeps;
  readonly host: string;
  readonly port: number;
  /** `GET /_proxy/state`: what the embedded emulators hold. */
  readonly state?: () => Promise<unknown>;
  readonly onRequest?: (entry: RequestLogEntry) => void;
  /**
   * Host names accepted besides the loopback ones (localhost, *.localhost, 127.x.x.x, ::1): `--host`
   * and `--allow-host`. A request whose Host or Origin names anything else gets 403 — a web page
   * cannot drive serve through a DNS name rebound to 127.0.0.1.
   */
  readonly allowedHosts?: readonly string[];
  /** Origins accepted besides pages of allowed hosts: those the template's CORS names (`https://shop.example.com`). */
  readonly allowedOrigins?: readonly string[];
  /** Overrides of HEADERS_TIMEOUT_MILLIS, REQUEST_TIMEOUT_MILLIS and DRAIN_MILLIS (tests). */
  readonly headersTimeoutMillis?: number;
  readonly requestTimeoutMillis?: number;
  readonly drainMillis?: number;
}

/** A running server. */
export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Whether a host name is this machine's loopback: localhost and its subdomains, 127.0.0.0/8, ::1. */
function isLoopbackName(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The host name of a Host header value (`name:port`, `[v6]:port`), lower-cased. */
function hostName(value: string): string {
  const host = value.trim().toLowerCase();
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']') === -1 ? undefined : host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return colon === -1 || host.indexOf(':') !== colon ? host : host.slice(0, colon);
}

/**
 * Why a request is refused for where it says it is going or coming from, or undefined: its Host
 * must name this machine (a loopback name, or one allowed), and so must its Origin when it has one.
 */
export function foreignHostReason(
  headers: IncomingMessage['headers'],
  allowed: ReadonlySet<string>,
  allowedOrigins: ReadonlySet<string> = new Set(),
): string | undefined {
  const ok = (name: string) => isLoopbackName(name) || allowed.has(name);
  const host = headers.host;
  if (host !== undefined && !ok(hostName(host)))
    return `Host '${hostName(host).slice(0, 100)}' is not this machine's (localhost, 127.0.0.1, [::1] or --host); a web page could be using a DNS name rebound to 127.0.0.1. Pass --allow-host ${hostName(host).slice(0, 100)} to accept it.`;
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins.has(origin)) {
    let name: string | undefined;
    try {
      name = new URL(origin).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    } catch {
      name = undefined;
    }
    if (name === undefined || name === '' || !ok(name))
      return `Origin '${origin.slice(0, 100)}' is neither a page of this machine nor an origin the template's Cors allows; another site's page may not call serve. Pass --allow-host <name> to accept pages of that host.`;
  }
  return undefined;
}

/** Whether an error means the client went away (reset, aborted upload), not that serve failed. */
function isClientGone(error: unknown, req: IncomingMessage): boolean {
  const code = (error as { code?: string }).code;
  return req.destroyed || code === 'ECONNRESET' || code === 'ECONNABORTED' || (error as Error).message === 'aborted';
}

/** Reads the body up to the limit; undefined when it is larger. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
    else chunks.push(chunk as Buffer);
  }
  return tooLarge ? undefined : Buffer.concat(chunks);
}

/** Builds the request with headers cased as the client sent them (API Gateway's header map keeps the casing). */
function toLocalRequest(req: IncomingMessage, body: Buffer): LocalRequest {
  const url = new URL(req.url ?? '/', 'http://local');
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const lowerToName = new Map<string, string>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    const existing = lowerToName.get(name.toLowerCase());
    if (existing === undefined) {
      lowerToName.set(name.toLowerCase(), name);
      headers[name] = value;
      multiValueHeaders[name] = [value];
    } else {
      headers[existing] = `${headers[existing]},${value}`;
      multiValueHeaders[existing]?.push(value);
    }
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    query,
    headers,
    multiValueHeaders,
    body,
    ...(req.socket.remoteAddress ? { sourceIp: req.socket.remoteAddress } : {}),
  };
}

function send(res: ServerResponse, response: ClientResponse, head: boolean): void {
  res.writeHead(response.statusCode, { ...response.headers, 'Content-Length': String(response.body.length) });
  res.end(head ? undefined : response.body);
}

/** Starts the server; `port` 0 picks a free port. Requests never crash it: unexpected errors answer 500. */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const allowed = new Set((options.allowedHosts ?? []).map((h) => hostName(h)));
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const millis = () => Number(process.hrtime.bigint() - started) / 1e6;
    const refusal = foreignHostReason(req.headers, allowed, allowedOrigins);
    if (refusal !== undefined) {
      // The body is not read: the connection closes after the answer, so no client reuses it.
      const response: ClientResponse = {
        statusCode: 403,
        headers: { 'Content-Type': 'application/json', Connection: 'close' },
        body: Buffer.from(JSON.stringify({ message: `Forbidden: ${refusal}` })),
      };
      send(res, response, method === 'HEAD');
      options.onRequest?.({
        method,
        path,
        status: 403,
        millis: millis(),
        response,
        trace: { requestId: '-', reason: `refused: ${refusal}`, warnings: [] },
      });
      return;
    }
    inFlight++;
    try {
      if (method === 'GET' && path.split('?')[0] === '/_proxy/state' && options.state !== undefined) {
        const body = Buffer.from(`${JSON.stringify(await options.state(), null, 2)}\n`, 'utf8');
        send(res, { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body }, false);
        return;
      }
      const body = await readBody(req);
      let entry: Omit<RequestLogEntry, 'millis'>;
      if (body === undefined) {
        const response = gatewayResponse(undefined, 'REQUEST_TOO_LARGE');
        entry = {
          method,
          path,
          status: response.statusCode,
          response,
          trace: { requestId: '-', reason: `payload over ${MAX_PAYLOAD_BYTES} bytes`, warnings: [] },
        };
      } else {
        const { response, trace } = await handleRequest(options.model, toLocalRequest(req, body), options.deps);
        entry = { method, path, status: response.statusCode, response, trace };
      }
      send(res, entry.response, method === 'HEAD');
      options.onRequest?.({ ...entry, millis: Number(process.hrtime.bigint() - started) / 1e6 });
    } catch (error) {
      if (isClientGone(error, req)) {
        // Not serve's failure: nothing to answer, nothing to trace.
        const response: ClientResponse = { statusCode: CLIENT_CLOSED_STATUS, headers: {}, body: Buffer.alloc(0) };
        res.destroy();
        options.onRequest?.({
          method,
          path,
          status: CLIENT_CLOSED_STATUS,
          millis: millis(),
          response,
          trace: { requestId: '-', reason: 'the client closed the connection before the request was answered', warnings: [] },
        });
        return;
      }
      const response = gatewayResponse(undefined, 'INTEGRATION_FAILURE');
      if (!res.headersSent) send(res, response, false);
      else res.destroy();
      options.onRequest?.({
        method,
        path,
        status: 500,
        millis: millis(),
        response,
        trace: { requestId: '-', reason: `unexpected error: ${(error as Error).stack ?? String(error)}`, warnings: [] },
      });
    } finally {
      inFlight--;
      if (inFlight === 0) drained?.();
    }
  };
  // Connections are checked for the timeouts every second, not Node's default 30 s.
  const server: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => void handler(req, res));
  server.headersTimeout = options.headersTimeoutMillis ?? HEADERS_TIMEOUT_MILLIS;
  server.requestTimeout = options.requestTimeoutMillis ?? REQUEST_TIMEOUT_MILLIS;
  // Keep-alive sockets would otherwise hold close() open until clients go away.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    // Stops accepting, lets the requests in flight finish (up to the drain deadline), then closes
    // every connection: a client whose request was accepted gets its answer, not a reset.
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        const idle = new Promise<void>((resolve) => {
          drained = resolve;
        });
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, options.drainMillis ?? DRAIN_MILLIS);
        });
        await Promise.race([idle, deadline]);
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
