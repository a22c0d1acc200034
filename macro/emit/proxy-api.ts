import type { ApiSpec } from '../schema/validate-api';
import { isJsonObject, type Json, type JsonObject } from '../types';
import type { OpenApiAdditions } from './openapi';

/**
 * A `Proxy::Api` becomes an `AWS::ApiGateway::RestApi` under the same logical ID, so `!Ref Api`
 * (the API id), `!GetAtt Api.RootResourceId` and `DependsOn: Api` in the user's template mean
 * what they say without any rewriting; the macro adds its deployment and stage (`<Api>Stage`) and
 * an Output with the invoke URL (`<Api>Url`).
 */

/** A resource with a Condition, placed after its Type as templates write it (an existing one is kept). */
export function withCondition(resource: JsonObject, condition: string | undefined): JsonObject {
  if (condition === undefined || resource.Condition !== undefined) return resource;
  const { Type, ...rest } = resource;
  return { Type: Type as Json, Condition: condition, ...rest };
}

/** The RestApi of a Proxy::Api: its settings, the binary media types, the OpenAPI Body in OpenApi mode. */
export function proxyRestApi(spec: ApiSpec, binaryMediaTypes: readonly string[], body?: JsonObject): JsonObject {
  const properties: JsonObject = {};
  if (body !== undefined) properties.Body = body;
  Object.assign(properties, spec.restApi);
  // In OpenApi mode the document carries them (x-amazon-apigateway-binary-media-types).
  if (body === undefined && binaryMediaTypes.length > 0) properties.BinaryMediaTypes = [...binaryMediaTypes];
  const resource: JsonObject = { Type: 'AWS::ApiGateway::RestApi' };
  if (spec.condition !== undefined) resource.Condition = spec.condition;
  if (spec.dependsOn.length > 0) resource.DependsOn = spec.dependsOn;
  if (spec.metadata !== undefined) resource.Metadata = spec.metadata;
  resource.Properties = properties;
  return resource;
}

/**
 * Operations of conditional methods exist only under their condition: `Fn::If` with
 * `AWS::NoValue`, which CloudFormation resolves inside the Body before API Gateway imports it.
 * `pathOf` gives the document path of a method's ResourceId.
 */
export function conditionalOperations(additions: OpenApiAdditions, apiResources: JsonObject, pathOf: (resourceId: Json) => string): void {
  for (const resource of Object.values(apiResources)) {
    if (!isJsonObject(resource) || resource.Type !== 'AWS::ApiGateway::Method' || typeof resource.Condition !== 'string') continue;
    const properties = resource.Properties as JsonObject;
    const path = pathOf(properties.ResourceId as Json);
    const method = properties.HttpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : String(properties.HttpMethod).toLowerCase();
    const operations = additions.paths[path];
    const operation = operations?.[method];
    if (operations === undefined || operation === undefined) continue;
    operations[method] = { 'Fn::If': [resource.Condition, operation, { Ref: 'AWS::NoValue' }] };
  }
}
