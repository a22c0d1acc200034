import { gatewayResponseId } from '../logical-ids';
import type { PathCors } from '../plan/cors';
import type { IntegrationPlan } from '../plan/plan';
import type { Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';

/**
 * Gateway responses (API Gateway's own errors: 403 missing route, 401, throttling, validation
 * failures...) carry the CORS headers too, or browsers hide the error from the page. A failed
 * body validation answers with the validator's message.
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
  if (validatesBody)
    emit('BAD_REQUEST_BODY', '{"message":$context.error.messageString,"validation":"$context.error.validationErrorString"}');
  return resources;
}
