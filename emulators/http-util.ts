/** HTTP plumbing shared by the in-repo emulators: loopback listening, body reading, clean shutdown. */

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Largest request body an emulator accepts; bigger than any AWS payload limit we emulate (Kinesis 10 MiB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Thrown by {@link readBody} when a request body exceeds {@link MAX_BODY_BYTES}. */
class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Reads a whole request body; rejects on oversize so a runaway client cannot exhaust memory. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Starts listening on 127.0.0.1 with an OS-assigned port (never on all interfaces) and returns the port. */
function listenOnLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('server did not report a TCP address'));
        return;
      }
      resolve(address.port);
    });
  });
}

/** Closes a server and drops its keep-alive sockets so stop() never waits on idle clients. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** Writes a complete response with a request id header, as every AWS endpoint does. */
function sendResponse(res: ServerResponse, status: number, contentType: string, body: string, requestId: string = randomUUID()): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
  });
  res.end(body);
}

/** True when the client asked for JSON (API Gateway sends `Accept: application/json` to Query-protocol services). */
function acceptsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('json');
}

export { acceptsJson, BodyTooLargeError, closeServer, listenOnLoopback, MAX_BODY_BYTES, readBody, sendResponse };
