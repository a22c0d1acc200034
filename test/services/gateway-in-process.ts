/** The local gateway in process, without a network: expand a template, send one request, see what the service got and what the client gets. */
import { type ClientResponse, handleRequest, localApiFromTemplate, type ServiceRequest } from '../../gateway';
import type { BackendResponse } from '../../gateway/http-types';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

/** What a request produced: the service request (if one was sent) and the client response. */
export interface Exchange {
  readonly sent?: ServiceRequest;
  readonly response: ClientResponse;
  readonly json: () => unknown;
}

/** A service double that answers like every AWS JSON service: 400 SerializationException for a body that is not JSON. */
export function jsonService(answer: (body: unknown) => BackendResponse): (request: ServiceRequest) => BackendResponse {
  return (request) => {
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      const error = {
        __type: 'com.amazon.coral.service#SerializationException',
        message: 'Start of structure or map found where not expected.',
      };
      return { status: 400, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: Buffer.from(JSON.stringify(error)) };
    }
    return answer(body);
  };
}

/** Expands `template` (with these parameter values) and sends one request through the local gateway. */
export async function exchange(
  template: JsonObject,
  request: { method: string; path: string; body?: string; headers?: Record<string, string> },
  service: (request: ServiceRequest) => BackendResponse = () => ({ status: 200, headers: {}, body: Buffer.from('{}') }),
  parameterValues: Record<string, string> = {},
): Promise<Exchange> {
  const expanded = transformTemplate(template, { params: {}, templateParameterValues: parameterValues as Record<string, Json> });
  if (!expanded.ok) throw new Error(JSON.stringify(expanded.diagnostics));
  const { model } = localApiFromTemplate(expanded.template, {
    region: 'us-east-1',
    accountId: '123456789012',
    parameters: parameterValues,
  });
  let sent: ServiceRequest | undefined;
  const { response } = await handleRequest(
    model,
    {
      method: request.method,
      path: request.path,
      query: {},
      headers: { 'Content-Type': 'application/json', ...request.headers },
      body: Buffer.from(request.body ?? ''),
    },
    {
      send: async (serviceRequest) => {
        sent = serviceRequest;
        return service(serviceRequest);
      },
      policy: { apiKeys: new Set(), denyUnauthenticated: false },
      newRequestId: () => 'req-1',
      now: () => new Date(0),
    },
  );
  return { ...(sent !== undefined ? { sent } : {}), response, json: () => JSON.parse(response.body.toString('utf8')) };
}
