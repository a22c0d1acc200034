import { type Diagnostic, DiagnosticCode, describeValue } from '../diagnostics';
import { gatewayResponseId } from '../logical-ids';
import type { PathCors } from '../plan/cors';
import type { IntegrationPlan } from '../plan/plan';
import { jsonLiteral } from '../schema/api-surface';
import type { Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';

/**
 * API Gateway has one BAD_REQUEST_BODY response per API: integrations of one API that set different
 * `RequestSchemaErrorMessage`s cannot all be honoured, so the second one is an error naming the first.
 */
export function badRequestBodyConflict(plans: readonly IntegrationPlan[]): Diagnostic | undefined {
  const first = plans.find((p) => p.surface.requestSchemaErrorMessage !== undefined);
  const other = plans.find(
    (p) =>
      p.surface.requestSchemaErrorMessage !== undefined && p.surface.requestSchemaErrorMessage !== first?.surface.requestSchemaErrorMessage,
  );
  if (first === undefined || other === undefined) return undefined;
  return {
    code: DiagnosticCode.invalidApiSurface,
    logicalId: other.logicalId,
    path: 'Properties.RequestSchemaErrorMessage',
    message:
      `${describeValue(other.surface.requestSchemaErrorMessage)} differs from the message ${first.logicalId} sets on the same API ` +
      `(${describeValue(first.surface.requestSchemaErrorMessage)}); API Gateway answers every invalid body of an API with one ` +
      'BAD_REQUEST_BODY response: give the same message, or set it on one integration only.',
  };
}

/**
 * Gateway responses (API Gateway's own errors: 403 missing route, 401, throttling, validation
 * failures...) carry the CORS headers too, or browsers hide the error from the page. A failed
 * body validation answers with the validator's message, or the API's RequestSchemaErrorMessage.
 */
export function emitGatewayResponses(api: ApiHandle, plans: readonly IntegrationPlan[], cors: readonly PathCors[]): JsonObject {
  const resources: JsonObject = {};
  const validatesBody = plans.some((p) => p.surface.requestSchema !== undefined);
  if (cors.length === 0 && !validatesBody) return resources;
  const headers: Record<string, string> = {};
  if (cors.length > 0) {
    const origins = new Set(cors.flatMap((c) => c.config.allowOrigins));
    const [only] = [...origins];
    // One origin everywhere: say it. Several: echo the caller's Origin (these are error responses,
    // sent without credentials unless every path allows them).
    headers['gatewayresponse.header.Access-Control-Allow-Origin'] =
      origins.size === 1 && only !== undefined ? `'${only}'` : 'method.request.header.Origin';
    if (cors.every((c) => c.config.allowCredentials)) headers['gatewayresponse.header.Access-Control-Allow-Credentials'] = "'true'";
    if (!(origins.size === 1 && only === '*')) headers['gatewayresponse.header.Vary'] = "'Origin'";
  }
  const emit = (responseType: string, template?: string) => {
    const properties: JsonObject = { RestApiId: api.restApiId as Json, ResponseType: responseType };
    if (Object.keys(headers).length > 0) properties.ResponseParameters = headers;
    if (template !== undefined) properties.ResponseTemplates = { 'application/json': template };
    resources[gatewayResponseId(api.prefix, responseType)] = { Type: 'AWS::ApiGateway::GatewayResponse', Properties: properties };
  };
  if (cors.length > 0) {
    emit('DEFAULT_4XX');
    emit('DEFAULT_5XX');
  }
  if (validatesBody) {
    // Checked by badRequestBodyConflict: at most one message per API. As a JSON literal with `$` and `#`
    // escaped, the text stays text: no `$context.error.*` in it is substituted.
    const custom = plans.find((p) => p.surface.requestSchemaErrorMessage !== undefined)?.surface.requestSchemaErrorMessage;
    const message = custom === undefined ? '$context.error.messageString' : jsonLiteral(custom);
    emit('BAD_REQUEST_BODY', `{"message":${message},"validation":"$context.error.validationErrorString"}`);
  }
  return resources;
}
