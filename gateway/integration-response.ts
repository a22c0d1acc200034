/**
 * The integration response: select by the backend status (Lambda: its `errorMessage`), render the response
 * template, apply `$context.responseOverride`, map method response headers. Pure.
 */
import { renderTemplate, selectIntegrationResponse, selectResponseTemplate, VtlError, type VtlWarning } from '../vtl';
import type { ApiModel, IntegrationModel } from './api-model';
import { gatewayResponse } from './gateway-responses';
import { type BackendResponse, type ClientResponse, headerValue, setHeader } from './http-types';
import type { RequestMappingState } from './integration-request';
import { isBinaryMediaType } from './media-types';
import { responseParameterValue } from './parameter-mapping';

/** The mapped response, or an error response with the reason for the log. */
export type IntegrationResponseResult =
  | { readonly kind: 'response'; readonly response: ClientResponse; readonly warnings: readonly VtlWarning[] }
  | { readonly kind: 'error'; readonly response: ClientResponse; readonly reason: string };

/** Everything {@link mapIntegrationResponse} reads. */
export interface IntegrationResponseInput {
  readonly api: ApiModel;
  readonly integration: IntegrationModel;
  /** Declared method responses: status → declared header parameters. */
  readonly methodResponses: Readonly<Record<string, readonly string[]>>;
  readonly backend: BackendResponse;
  readonly state: RequestMappingState;
  /** The client's `Accept` header (selects the response template). */
  readonly accept: string | undefined;
}

/** Lambda (non-proxy) function errors are selected by `errorMessage`, everything else by the status code. */
function selectionSubject(backend: BackendResponse): string {
  if (headerValue(backend.headers, 'x-amz-function-error') === undefined) return String(backend.status);
  try {
    const parsed = JSON.parse(backend.body.toString('utf8')) as { errorMessage?: unknown };
    return typeof parsed.errorMessage === 'string' ? parsed.errorMessage : '';
  } catch {
    return '';
  }
}

function failure(api: ApiModel, reason: string): IntegrationResponseResult {
  return {
    kind: 'error',
    response: gatewayResponse(api, 'API_CONFIGURATION_ERROR'),
    reason: `Execution failed due to configuration error: ${reason}`,
  };
}

/**
 * Maps a backend response to the client response.
 *
 * @example
 * mapIntegrationResponse({ api, integration, methodResponses, backend: { status: 200, headers: {}, body }, state, accept: undefined })
 * // { kind: 'response', response: { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: '{"messageId":"..."}' } }
 */
export function mapIntegrationResponse(input: IntegrationResponseInput): IntegrationResponseResult {
  const { api, integration, backend, state, accept } = input;
  const subject = selectionSubject(backend);
  const selected = selectIntegrationResponse(
    integration.integrationResponses.map((r) => ({ ...r, selectionPattern: r.selectionPattern ?? '' })),
    subject,
  );
  if (selected === undefined) {
    return failure(
      api,
      `No match for output mapping and no default output mapping configured. Endpoint Response Status Code: ${backend.status}`,
    );
  }
  const declared = input.methodResponses[selected.statusCode];
  if (declared === undefined) return failure(api, `Output mapping refers to an invalid method response: ${selected.statusCode}`);

  const backendText = backend.body.toString('utf8');
  const template = selectResponseTemplate(selected.responseTemplates, accept);
  let body: Buffer;
  let contentType: string | undefined;
  let responseOverride = state.responseOverride;
  let warnings: readonly VtlWarning[] = [];
  if (template.kind === 'template') {
    try {
      const rendered = renderTemplate(template.template, {
        body: backendText,
        params: state.params,
        context: { ...state.context, responseOverride: state.responseOverride },
        stageVariables: api.stageVariables,
      });
      body = Buffer.from(rendered.output, 'utf8');
      responseOverride = rendered.overrides.responseOverride;
      warnings = rendered.warnings;
    } catch (error) {
      if (!(error instanceof VtlError)) throw error;
      return failure(api, `response template for '${template.contentType}' (status ${selected.statusCode}) failed: ${error.message}`);
    }
    contentType = template.contentType;
    if (selected.contentHandling === 'CONVERT_TO_BINARY') body = Buffer.from(body.toString('utf8'), 'base64');
  } else {
    body = backend.body;
    const binaryOut =
      isBinaryMediaType(api.binaryMediaTypes, accept) ||
      isBinaryMediaType(api.binaryMediaTypes, headerValue(backend.headers, 'content-type'));
    if (binaryOut && selected.contentHandling === 'CONVERT_TO_TEXT') body = Buffer.from(body.toString('base64'), 'utf8');
    if (!binaryOut && selected.contentHandling === 'CONVERT_TO_BINARY') body = Buffer.from(body.toString('utf8'), 'base64');
  }

  // API Gateway answers application/json unless a template or a header mapping says otherwise.
  const headers: Record<string, string> = { 'Content-Type': contentType ?? 'application/json' };
  const source = {
    headers: backend.headers,
    body: backendText,
    stageVariables: api.stageVariables,
    context: state.context as Record<string, unknown>,
  };
  for (const [target, expression] of Object.entries(selected.responseParameters)) {
    const name = /^method\.response\.header\.(.+)$/.exec(target)?.[1];
    const value = responseParameterValue(expression, source);
    if (name === undefined || value === null) return failure(api, `unsupported response parameter mapping ${target} = ${expression}`);
    if (value === undefined) continue;
    setHeader(headers, name, typeof value === 'string' ? value : value.join(','));
  }
  for (const [name, value] of Object.entries(responseOverride.header)) setHeader(headers, name, value);
  const statusCode = responseOverride.status ?? Number(selected.statusCode);
  return { kind: 'response', response: { statusCode, headers, body }, warnings };
}
