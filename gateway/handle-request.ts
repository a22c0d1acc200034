/**
 * One request through the local API Gateway: route, access, validation, integration request, the service call
 * (injected, so this stays testable without a network), integration response. Never throws for a request.
 */

import { type AccessPolicy, checkAccess } from './access-policy';
import type { ApiModel, LocalApiModel } from './api-model';
import { gatewayResponse } from './gateway-responses';
import { type BackendResponse, type ClientResponse, headerValue, type LocalRequest } from './http-types';
import { mapIntegrationRequest, type ServiceRequest } from './integration-request';
import { mapIntegrationResponse } from './integration-response';
import { requestParameterValue } from './parameter-mapping';
import { requestContext } from './request-context';
import { validateRequest } from './request-validation';
import { matchRoute } from './route-matching';

/** Sends a service request; rejects with {@link ServiceTimeoutError} on timeout, any other error for a failed call. */
export type ServiceSender = (request: ServiceRequest, timeoutMillis: number) => Promise<BackendResponse>;

/** Thrown by a sender whose call exceeded the integration timeout (API Gateway: 504). */
export class ServiceTimeoutError extends Error {}

/** Thrown by a sender whose backend is gone (moto_server exited): 502 with the reason, no call attempted. */
export class BackendUnavailableError extends Error {}

/** The outside world a request needs. */
export interface RequestHandlerDeps {
  readonly send: ServiceSender;
  readonly policy: AccessPolicy;
  readonly newRequestId: () => string;
  readonly now: () => Date;
}

/** What happened, for the request log. */
export interface RequestTrace {
  readonly requestId: string;
  /** `POST /orders/{id}` when a route matched. */
  readonly route?: string;
  readonly action?: string;
  /** Why API Gateway answered an error (execution-log wording where AWS has one). */
  readonly reason?: string;
  readonly serviceRequest?: ServiceRequest;
  readonly backend?: BackendResponse;
  readonly warnings: readonly string[];
}

/** The response and its trace. */
export interface HandledRequest {
  readonly response: ClientResponse;
  readonly trace: RequestTrace;
}

/**
 * Handles one request.
 *
 * @example
 * const { response } = await handleRequest(model, { method: 'POST', path: '/orders', query: {}, headers: {}, body }, deps);
 */
export async function handleRequest(model: LocalApiModel, request: LocalRequest, deps: RequestHandlerDeps): Promise<HandledRequest> {
  const requestId = deps.newRequestId();
  const finish = (
    response: ClientResponse,
    trace: Omit<RequestTrace, 'requestId' | 'warnings'> & { warnings?: readonly string[] },
  ): HandledRequest => {
    response.headers['x-amzn-RequestId'] = requestId;
    // Customised gateway responses may echo request values, e.g. CORS's `method.request.header.Origin`.
    for (const [name, expression] of Object.entries(response.requestHeaders ?? {})) {
      const source = {
        pathParams: {},
        query: request.query,
        headers: request.headers,
        ...(request.multiValueHeaders !== undefined ? { multiValueHeaders: request.multiValueHeaders } : {}),
        body: '',
        stageVariables: {},
        context: { requestId },
      };
      const value = requestParameterValue(expression, source);
      if (typeof value === 'string') response.headers[name] = value;
    }
    const { requestHeaders: _resolved, ...plain } = response;
    return { response: plain, trace: { requestId, warnings: [], ...trace } };
  };
  const soleApi: ApiModel | undefined = Object.keys(model.apis).length === 1 ? Object.values(model.apis)[0] : undefined;

  const match = matchRoute(model.routes, request.method, request.path);
  if (match.kind === 'no-route') {
    return finish(gatewayResponse(soleApi, 'MISSING_AUTHENTICATION_TOKEN'), { reason: `no resource matches ${request.path}` });
  }
  const api = model.apis[match.route.apiId] ?? soleApi;
  if (api === undefined) return finish(gatewayResponse(undefined, 'API_CONFIGURATION_ERROR'), { reason: 'the route has no API' });
  if (match.kind === 'method-not-defined') {
    return finish(gatewayResponse(api, 'MISSING_AUTHENTICATION_TOKEN'), {
      route: `${request.method} ${match.route.resourcePath}`,
      reason: `no ${request.method} method on ${match.route.resourcePath} (defined: ${match.allowed.join(', ')})`,
    });
  }
  const { route, method, pathParams } = match;
  const routeLabel = `${method.httpMethod} ${route.resourcePath}`;

  const access = checkAccess(deps.policy, method, request);
  if (!access.allowed) return finish(gatewayResponse(api, access.type), { route: routeLabel, reason: access.reason });
  const invalid = validateRequest(method, request, pathParams);
  if (invalid !== undefined) {
    const details = { message: invalid.message, ...(invalid.type === 'BAD_REQUEST_BODY' ? { validationError: invalid.details } : {}) };
    return finish(gatewayResponse(api, invalid.type, details), {
      route: routeLabel,
      reason: invalid.type === 'BAD_REQUEST_BODY' ? `Request body does not match model schema: ${invalid.details}` : invalid.message,
    });
  }
  const integration = method.integration;
  if ('unresolved' in integration) {
    return finish(gatewayResponse(api, 'API_CONFIGURATION_ERROR'), { route: routeLabel, reason: integration.unresolved });
  }

  const context = requestContext(api, model.accountId, route, method, request, {
    requestId,
    now: deps.now(),
    ...(access.apiKey !== undefined ? { apiKey: access.apiKey } : {}),
  });
  const mapped = mapIntegrationRequest({ api, integration, request, pathParams, context });
  if (mapped.kind === 'error') return finish(mapped.response, { route: routeLabel, reason: mapped.reason });
  const warnings = mapped.state.warnings.map((w) => `request template: ${w.message}`);

  let backend: BackendResponse;
  let serviceRequest: ServiceRequest | undefined;
  if (mapped.kind === 'mock') {
    backend = { status: mapped.statusCode, headers: {}, body: Buffer.alloc(0) };
  } else {
    serviceRequest = mapped.request;
    try {
      backend = await deps.send(mapped.request, integration.timeoutInMillis);
    } catch (error) {
      if (error instanceof BackendUnavailableError) {
        const body = Buffer.from(JSON.stringify({ message: `The local backend is not running: ${error.message}. Restart serve.` }));
        return finish(
          { statusCode: 502, headers: { 'Content-Type': 'application/json' }, body },
          { route: routeLabel, action: mapped.request.action, serviceRequest, reason: `backend unavailable: ${error.message}`, warnings },
        );
      }
      const timeout = error instanceof ServiceTimeoutError;
      return finish(gatewayResponse(api, timeout ? 'INTEGRATION_TIMEOUT' : 'INTEGRATION_FAILURE'), {
        route: routeLabel,
        action: mapped.request.action,
        serviceRequest,
        reason: `Execution failed: ${mapped.request.service} ${mapped.request.url}: ${(error as Error).message}`,
        warnings,
      });
    }
  }
  const action = serviceRequest?.action ?? 'MOCK';
  const result = mapIntegrationResponse({
    api,
    integration,
    methodResponses: method.methodResponses,
    backend,
    state: mapped.state,
    accept: headerValue(request.headers, 'accept'),
  });
  if (result.kind === 'error')
    return finish(result.response, {
      route: routeLabel,
      action,
      reason: result.reason,
      backend,
      ...(serviceRequest ? { serviceRequest } : {}),
      warnings,
    });
  return finish(result.response, {
    route: routeLabel,
    action,
    backend,
    ...(serviceRequest ? { serviceRequest } : {}),
    warnings: [...warnings, ...result.warnings.map((w) => `response template: ${w.message}`)],
  });
}
