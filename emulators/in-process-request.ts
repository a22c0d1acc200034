/** Calls a Node request listener in-process with a synthetic request, capturing the response. */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A response captured from an in-process call. */
interface CapturedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A request listener such as local-aws-sqs's `requestHandler`. */
type RequestListener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Builds a readable request carrying `body`; libraries that only read headers and stream the body
 * (local-aws-sqs) accept it as an IncomingMessage. Used to re-feed a body we had to read or rewrite.
 */
function syntheticRequest(body: Buffer, headers: IncomingHttpHeaders, method = 'POST', url = '/'): IncomingMessage {
  const request = Readable.from([body]) as unknown as IncomingMessage;
  Object.assign(request, { headers, method, url });
  return request;
}

/** Invokes `listener` without a socket and resolves with what it wrote (status, headers, body). */
function invokeInProcess(listener: RequestListener, request: IncomingMessage): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    const response = {
      statusCode: 200,
      headersSent: false,
      setHeader(name: string, value: string | number | readonly string[]) {
        headers[name.toLowerCase()] = String(value);
        return response;
      },
      getHeader(name: string) {
        return headers[name.toLowerCase()];
      },
      writeHead(status: number, extra?: Record<string, string>) {
        response.statusCode = status;
        for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = String(value);
        return response;
      },
      end(chunk?: string | Buffer) {
        response.headersSent = true;
        resolve({ status: response.statusCode, headers, body: chunk === undefined ? '' : chunk.toString() });
        return response;
      },
    };
    Promise.resolve(listener(request, response as unknown as ServerResponse)).catch(reject);
  });
}

export { type CapturedResponse, invokeInProcess, type RequestListener, syntheticRequest };
