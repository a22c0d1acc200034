/** Signed calls to moto: moto picks the service from the SigV4 credential scope, so every call names its service. */
import aws4 from 'aws4';
import { callAwsJson, LOCAL_CREDENTIALS } from '../aws-json-client';
import { wireOf } from '../service-wire';

/** Where moto runs and which region the resources live in. */
export interface MotoTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
}

/** Thrown when moto answers a call with an error status. */
export class MotoCallError extends Error {
  readonly status: number;
  constructor(what: string, status: number, body: string) {
    super(`${what} failed (HTTP ${status}): ${body.slice(0, 300)}`);
    this.name = 'MotoCallError';
    this.status = status;
  }
}

/** Sends one signed HTTP request to moto and returns the status and body text. */
export async function signedRequest(
  target: MotoTarget,
  service: string,
  request: { method: string; path: string; body?: string; headers?: Record<string, string> },
): Promise<{ status: number; text: string }> {
  const url = new URL(request.path, target.endpoint);
  const signed = {
    host: url.host,
    path: `${url.pathname}${url.search}`,
    method: request.method,
    service,
    region: target.region,
    ...(request.body !== undefined ? { body: request.body } : {}),
    headers: { ...request.headers } as Record<string, string>,
  };
  aws4.sign(signed, LOCAL_CREDENTIALS);
  const headers = Object.fromEntries(
    Object.entries(signed.headers).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
  );
  const response = await fetch(url, { method: request.method, headers, ...(request.body !== undefined ? { body: request.body } : {}) });
  return { status: response.status, text: await response.text() };
}

/** A Query-protocol call (SNS); returns the XML response text. */
export async function motoQuery(target: MotoTarget, service: string, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams(params).toString();
  const { status, text } = await signedRequest(target, service, {
    method: 'POST',
    path: '/',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  });
  if (status >= 300) throw new MotoCallError(`${service} ${params.Action ?? ''}`, status, text);
  return text;
}

/** An AWS JSON-protocol call of `service`'s `operation` (target prefix and content type from the service facts); returns the parsed body. */
export async function motoJson<T = Record<string, unknown>>(
  target: MotoTarget,
  service: string,
  operation: string,
  body: unknown,
): Promise<T> {
  const wire = wireOf(service);
  return callAwsJson<T>({
    endpoint: target.endpoint,
    service,
    region: target.region,
    target: `${wire.targetPrefix}.${operation}`,
    contentType: wire.contentType,
    body,
  });
}

/** The text of the first `<name>` element of an XML document (entities decoded), or undefined. */
export function xmlElementText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : decodeXmlEntities(match[1]);
}

/** Decodes the five XML entities and numeric character references. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity.toLowerCase()] ?? '';
  });
}
