/** The network edge: sends a mapped service request, SigV4-signed with aws4, to an emulator or any other endpoint. */
import aws4 from 'aws4';
import type { ServiceSender } from './handle-request';
import { ServiceTimeoutError } from './handle-request';
import type { BackendResponse } from './http-types';
import type { ServiceRequest } from './integration-request';
import { signingName } from './service-protocols';

/** SigV4 credentials. */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where each service is reached, and with which credentials. */
export interface SenderOptions {
  /** Base URL per API Gateway service name (`sqs` → `http://127.0.0.1:40123`). */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly credentialsFor: (service: string) => SigningCredentials;
}

/** Thrown for a service with no endpoint: the message says how to provide one. */
export class NoEndpointError extends Error {}

/**
 * Rewrites the public AWS URL onto the configured endpoint. A virtual-hosted S3 URI (`bucket.s3`) becomes
 * path style (`/bucket/key`), which every local S3 understands.
 */
export function endpointUrl(request: ServiceRequest, endpoint: string): URL {
  const aws = new URL(request.url);
  const base = new URL(endpoint);
  const hostPrefix = aws.hostname.split(`.${request.service}.`)[0];
  const bucketPrefix = request.service === 's3' && hostPrefix !== undefined && hostPrefix !== aws.hostname ? `/${hostPrefix}` : '';
  const basePath = base.pathname.replace(/\/$/, '');
  return new URL(`${base.origin}${basePath}${bucketPrefix}${aws.pathname}${aws.search}`);
}

/** Builds a sender; bodies of GET and HEAD requests are dropped (fetch forbids them, services ignore them). */
export function createServiceSender(options: SenderOptions): ServiceSender {
  return async (request, timeoutMillis) => {
    const endpoint = options.endpoints[request.service];
    if (endpoint === undefined) {
      throw new NoEndpointError(`no endpoint for service '${request.service}' (not emulated); pass --endpoint ${request.service}=URL`);
    }
    const url = endpointUrl(request, endpoint);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const signed = {
      host: url.host,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      service: signingName(request.service),
      region: request.region,
      body: hasBody ? request.body : undefined,
      headers: { ...request.headers } as Record<string, string>,
    };
    aws4.sign(signed, options.credentialsFor(request.service));
    const headers = Object.fromEntries(
      Object.entries(signed.headers).filter(([name]) => !['host', 'content-length'].includes(name.toLowerCase())),
    );
    let response: Response;
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        ...(hasBody ? { body: request.body } : {}),
        signal: AbortSignal.timeout(timeoutMillis),
        redirect: 'manual',
      });
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') throw new ServiceTimeoutError(`no answer within ${timeoutMillis} ms`);
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new Error(cause ?? (error as Error).message);
    }
    const body = Buffer.from(await response.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    const backend: BackendResponse = { status: response.status, headers: responseHeaders, body };
    return backend;
  };
}
