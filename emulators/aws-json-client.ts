/** A minimal signed AWS JSON-protocol client (aws4 + fetch), so the emulator layer needs no AWS SDK at runtime. */
import aws4 from 'aws4';

/** Credentials the local emulators accept; dynalite only checks that a signature is present. */
const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** One JSON-protocol call. */
interface AwsJsonCall {
  readonly endpoint: string;
  /** SigV4 service name, e.g. `dynamodb`, `kinesis`. */
  readonly service: string;
  readonly region: string;
  /** Full `X-Amz-Target`, e.g. `DynamoDB_20120810.Scan`. */
  readonly target: string;
  readonly contentType: string;
  readonly body: unknown;
}

/** Thrown when the service answers with an error; carries the wire error code. */
class AwsJsonCallError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(code: string, message: string, status: number) {
    super(`${code}: ${message}`);
    this.name = 'AwsJsonCallError';
    this.code = code;
    this.status = status;
  }
}

/** Sends a signed JSON-protocol request and returns the parsed response body. */
async function callAwsJson<T = Record<string, unknown>>(call: AwsJsonCall): Promise<T> {
  const url = new URL(call.endpoint);
  const body = JSON.stringify(call.body);
  const request = {
    host: url.host,
    path: '/',
    method: 'POST',
    service: call.service,
    region: call.region,
    body,
    headers: { 'content-type': call.contentType, 'x-amz-target': call.target } as Record<string, string>,
  };
  aws4.sign(request, LOCAL_CREDENTIALS);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
  );
  const response = await fetch(new URL('/', url), { method: 'POST', headers, body });
  const text = await response.text();
  const parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
  if (!response.ok) {
    const type = String(parsed.__type ?? 'UnknownError');
    throw new AwsJsonCallError(type.slice(type.indexOf('#') + 1), String(parsed.message ?? parsed.Message ?? text), response.status);
  }
  return parsed as T;
}

export { type AwsJsonCall, AwsJsonCallError, callAwsJson, LOCAL_CREDENTIALS };
