import { ref } from '../cloudformation/intrinsics';
import { requestModelId, requestValidatorId } from '../logical-ids';
import type { IntegrationPlan } from '../plan/plan';
import type { Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';

/** The request-validation properties of one method. */
export interface MethodValidation {
  RequestValidatorId?: Json;
  RequestModels?: JsonObject;
}

/**
 * A Model per integration with a RequestSchema, and the request validators an API needs (one per
 * kind, shared): invalid requests get a 400 from API Gateway before the service is called.
 */
export function emitRequestValidation(
  api: ApiHandle,
  plans: readonly IntegrationPlan[],
): { resources: JsonObject; validationOf: (plan: IntegrationPlan) => MethodValidation } {
  const resources: JsonObject = {};
  const kindOf = (plan: IntegrationPlan): 'Body' | 'Parameters' | 'BodyAndParameters' | undefined => {
    const body = plan.surface.requestSchema !== undefined;
    const parameters = Object.values(plan.surface.requestParameters).some((required) => required);
    return body && parameters ? 'BodyAndParameters' : body ? 'Body' : parameters ? 'Parameters' : undefined;
  };
  for (const plan of plans) {
    const kind = kindOf(plan);
    if (kind === undefined) continue;
    const validator = requestValidatorId(api.prefix, kind);
    resources[validator] ??= {
      Type: 'AWS::ApiGateway::RequestValidator',
      Properties: {
        RestApiId: api.restApiId as Json,
        ValidateRequestBody: kind !== 'Parameters',
        ValidateRequestParameters: kind !== 'Body',
      },
    };
    if (plan.surface.requestSchema !== undefined) {
      const model: JsonObject = {
        Type: 'AWS::ApiGateway::Model',
        Properties: { RestApiId: api.restApiId as Json, ContentType: 'application/json', Schema: plan.surface.requestSchema },
      };
      if (plan.condition !== undefined) model.Condition = plan.condition;
      resources[requestModelId(plan.logicalId)] = model;
    }
  }
  return {
    resources,
    validationOf: (plan) => {
      const kind = kindOf(plan);
      if (kind === undefined) return {};
      const out: MethodValidation = { RequestValidatorId: ref(requestValidatorId(api.prefix, kind)) };
      if (plan.surface.requestSchema !== undefined) out.RequestModels = { 'application/json': ref(requestModelId(plan.logicalId)) };
      return out;
    },
  };
}
