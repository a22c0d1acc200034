/** The HTTP edge of `serve`: node:http in, {@link handleRequest} through, one log line per request out. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalApiModel } from './api-model';
import { gatewayResponse } from './gateway-responses';
import { handleRequest, type RequestHandlerDeps, type RequestTrace } from './handle-request';
import type { ClientResponse, LocalRequest } from './http-types';

/** API Gateway's payload limit (10 MB); larger bodies get 413. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

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
}

/** A running server. */
export interface RunningHttpServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
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
  const lowerToName = new Map<string, string>();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    const value = req.rawHeaders[i + 1] as string;
    const existing = lowerToName.get(name.toLowerCase());
    if (existing === undefined) {
      lowerToName.set(name.toLowerCase(), name);
      headers[name] = value;
    } else headers[existing] = `${headers[existing]},${value}`;
  }
  const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    path: rawPath,
    query,
    headers,
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
  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
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
      const response = gatewayResponse(undefined, 'INTEGRATION_FAILURE');
      if (!res.headersSent) send(res, response, false);
      else res.destroy();
      options.onRequest?.({
        method,
        path,
        status: 500,
        millis: Number(process.hrtime.bigint() - started) / 1e6,
        response,
        trace: { requestId: '-', reason: `unexpected error: ${(error as Error).stack ?? String(error)}`, warnings: [] },
      });
    }
  };
  const server: Server = createServer((req, res) => void handler(req, res));
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
