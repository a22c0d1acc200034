/** A tiny AWS JSON-protocol (1.0/1.1) server: dispatch on `X-Amz-Target`, answer `{__type, message}` errors. */

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsServiceError } from './aws-service-error';
import { readBody, sendResponse } from './http-util';

/** A JSON object as received on the wire (already parsed, not yet validated). */
type JsonInput = Record<string, unknown>;

/** One operation: gets the parsed request body, returns the response body (or throws {@link AwsServiceError}). */
type JsonOperation = (input: JsonInput) => unknown;

/** Describes one JSON-protocol service for {@link createAwsJsonServer}. */
interface AwsJsonServiceDefinition {
  /** Target prefix before the dot in `X-Amz-Target`, e.g. `AWSEvents` or `Firehose_20150804`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.0` or `-1.1`; echoed on every response as the real services do. */
  readonly contentType: string;
  /** Operations by name (`PutEvents`). */
  readonly operations: Readonly<Record<string, JsonOperation>>;
}

/**
 * Picks the operation name from `X-Amz-Target`, falling back to `?Action=` because API Gateway's
 * `action/Name` URIs may reach a JSON service without a target header mapping.
 */
function operationName(req: IncomingMessage, targetPrefix: string): string | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.length > 0) {
    const dot = target.lastIndexOf('.');
    const prefix = dot === -1 ? '' : target.slice(0, dot);
    // A wrong prefix is what a real endpoint rejects too: it means the client addressed another service.
    if (prefix !== targetPrefix) return `!${target}`;
    return target.slice(dot + 1);
  }
  const action = new URL(req.url ?? '/', 'http://localhost').searchParams.get('Action');
  return action ?? undefined;
}

/** Parses a JSON body; an empty body counts as `{}` (the SDK sends `{}`, curl may send nothing). */
function parseJsonBody(raw: Buffer): JsonInput {
  const text = raw.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
  return parsed as JsonInput;
}

/** Builds the request listener for a JSON-protocol service; never throws, never crashes on bad input. */
function createAwsJsonHandler(definition: AwsJsonServiceDefinition) {
  return async function handleAwsJsonRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      if (req.method !== 'POST') {
        throw new AwsServiceError('UnknownOperationException', `${req.method ?? ''} is not supported; use POST`);
      }
      const name = operationName(req, definition.targetPrefix);
      const operation = name === undefined ? undefined : definition.operations[name];
      if (name === undefined || operation === undefined || !Object.hasOwn(definition.operations, name)) {
        throw new AwsServiceError('UnknownOperationException', `Unknown operation ${name ?? '(no X-Amz-Target)'}`);
      }
      const input = parseJsonBody(await readBody(req));
      const output = await operation(input);
      sendResponse(res, 200, definition.contentType, JSON.stringify(output ?? {}), requestId);
    } catch (error) {
      const serviceError =
        error instanceof AwsServiceError
          ? error
          : new AwsServiceError('InternalFailure', error instanceof Error ? error.message : String(error), 500, 'Receiver');
      if (res.headersSent) return;
      res.setHeader('x-amzn-errortype', serviceError.code);
      sendResponse(
        res,
        serviceError.status,
        definition.contentType,
        JSON.stringify({ __type: serviceError.code, message: serviceError.message }),
        requestId,
      );
    }
  };
}

/** Creates (does not start) an HTTP server for a JSON-protocol service. */
function createAwsJsonServer(definition: AwsJsonServiceDefinition): Server {
  const handler = createAwsJsonHandler(definition);
  return createServer((req, res) => void handler(req, res));
}

export { type AwsJsonServiceDefinition, createAwsJsonHandler, createAwsJsonServer, type JsonInput, type JsonOperation };
