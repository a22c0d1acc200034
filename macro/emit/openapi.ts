import { isJsonObject, type Json, type JsonObject } from '../types';

/**
 * Converts the API Gateway resources the macro emits (methods, authorizers, validators, models,
 * gateway responses) into the OpenAPI 2.0 extensions API Gateway imports, for APIs whose
 * definition is an OpenAPI document (a RestApi `Body`, a SAM `DefinitionBody`). Putting the
 * integrations into the document is what makes them part of that API's deployments: methods
 * added beside such an API are overwritten or never redeployed.
 */

/** What an OpenAPI-defined API receives: operations by path and method, plus document-level sections. */
export interface OpenApiAdditions {
  /** path → lower-case method (or x-amazon-apigateway-any-method) → operation. */
  paths: Record<string, Record<string, JsonObject>>;
  securityDefinitions: JsonObject;
  definitions: JsonObject;
  requestValidators: JsonObject;
  gatewayResponses: JsonObject;
  binaryMediaTypes: string[];
}

const PASSTHROUGH: Record<string, string> = { NEVER: 'never', WHEN_NO_MATCH: 'when_no_match', WHEN_NO_TEMPLATES: 'when_no_templates' };

/** The logical ID inside a `{Ref: X}`, if that is what a value is. */
function refName(value: Json | undefined): string | undefined {
  return isJsonObject(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
}

/** `x-amazon-apigateway-integration` from a Method's Integration property. */
export function integrationExtension(integration: JsonObject): JsonObject {
  const out: JsonObject = { type: String(integration.Type).toLowerCase() };
  if (integration.IntegrationHttpMethod !== undefined) out.httpMethod = integration.IntegrationHttpMethod;
  if (integration.Uri !== undefined) out.uri = integration.Uri;
  if (integration.Credentials !== undefined) out.credentials = integration.Credentials;
  if (typeof integration.PassthroughBehavior === 'string')
    out.passthroughBehavior = PASSTHROUGH[integration.PassthroughBehavior] ?? integration.PassthroughBehavior;
  if (integration.ContentHandling !== undefined) out.contentHandling = integration.ContentHandling;
  if (integration.TimeoutInMillis !== undefined) out.timeoutInMillis = integration.TimeoutInMillis;
  if (integration.RequestParameters !== undefined) out.requestParameters = integration.RequestParameters;
  if (integration.CacheKeyParameters !== undefined) out.cacheKeyParameters = integration.CacheKeyParameters;
  if (integration.RequestTemplates !== undefined) out.requestTemplates = integration.RequestTemplates;
  const responses: JsonObject = {};
  for (const response of (integration.IntegrationResponses as JsonObject[] | undefined) ?? []) {
    const entry: JsonObject = { statusCode: response.StatusCode as Json };
    if (response.ResponseParameters !== undefined) entry.responseParameters = response.ResponseParameters;
    if (response.ResponseTemplates !== undefined) entry.responseTemplates = response.ResponseTemplates;
    responses[typeof response.SelectionPattern === 'string' ? response.SelectionPattern : 'default'] = entry;
  }
  out.responses = responses;
  return out;
}

/** One OpenAPI operation from a Method's properties; `names` maps authorizer/validator/model logical IDs to document names. */
export function methodToOperation(method: JsonObject, names: { validatorNames: Record<string, string> }): JsonObject {
  const operation: JsonObject = {};
  const parameters: JsonObject[] = [];
  for (const [key, required] of Object.entries((method.RequestParameters as Record<string, boolean> | undefined) ?? {})) {
    const [, , location, ...rest] = key.split('.');
    const name = rest.join('.');
    const where = location === 'querystring' ? 'query' : (location as string);
    parameters.push({ name, in: where, required: where === 'path' ? true : required, type: 'string' });
  }
  const models = method.RequestModels as Record<string, Json> | undefined;
  const model = refName(models?.['application/json']);
  if (model !== undefined) parameters.push({ in: 'body', name: model, required: true, schema: { $ref: `#/definitions/${model}` } });
  if (parameters.length > 0) operation.parameters = parameters;
  const responses: JsonObject = {};
  for (const response of (method.MethodResponses as JsonObject[] | undefined) ?? []) {
    // OpenAPI 2 requires a description; API Gateway keeps none of it, so the status says enough.
    const entry: JsonObject = { description: String(response.StatusCode) };
    const headers = Object.keys((response.ResponseParameters as JsonObject | undefined) ?? {}).map((k) =>
      k.replace('method.response.header.', ''),
    );
    if (headers.length > 0) entry.headers = Object.fromEntries(headers.map((h) => [h, { type: 'string' }]));
    responses[String(response.StatusCode)] = entry;
  }
  operation.responses = responses;
  const security: JsonObject[] = [];
  const authorizer = refName(method.AuthorizerId);
  if (method.AuthorizationType === 'AWS_IAM') security.push({ sigv4: [] });
  if (authorizer !== undefined) security.push({ [authorizer]: (method.AuthorizationScopes as Json[] | undefined) ?? [] });
  if (method.ApiKeyRequired === true) security.push({ api_key: [] });
  if (security.length > 0) operation.security = security;
  const validator = refName(method.RequestValidatorId);
  if (validator !== undefined) operation['x-amazon-apigateway-request-validator'] = names.validatorNames[validator] ?? validator;
  operation['x-amazon-apigateway-integration'] = integrationExtension(method.Integration as JsonObject);
  return operation;
}

/** A security definition for an `AWS::ApiGateway::Authorizer` the macro would create. */
function securityDefinition(authorizer: JsonObject): JsonObject {
  const type = String(authorizer.Type);
  const identity = String(authorizer.IdentitySource ?? 'method.request.header.Authorization');
  const header =
    identity.startsWith('method.request.header.') && !identity.includes(',') ? identity.slice('method.request.header.'.length) : 'Unused';
  const extension: JsonObject = { type: type.toLowerCase() };
  if (type === 'COGNITO_USER_POOLS') extension.providerARNs = authorizer.ProviderARNs as Json;
  else {
    extension.authorizerUri = authorizer.AuthorizerUri as Json;
    extension.identitySource = identity;
    extension.authorizerResultTtlInSeconds = authorizer.AuthorizerResultTtlInSeconds as Json;
  }
  return {
    type: 'apiKey',
    name: header,
    in: 'header',
    'x-amazon-apigateway-authtype': type === 'COGNITO_USER_POOLS' ? 'cognito_user_pools' : 'custom',
    'x-amazon-apigateway-authorizer': extension,
  };
}

/** Converts emitted API resources into OpenAPI additions; returns the resources that stay resources. */
export function toOpenApi(
  resources: JsonObject,
  pathOfResource: (resourceId: Json) => string,
): { additions: OpenApiAdditions; remaining: JsonObject } {
  const additions: OpenApiAdditions = {
    paths: {},
    securityDefinitions: {},
    definitions: {},
    requestValidators: {},
    gatewayResponses: {},
    binaryMediaTypes: [],
  };
  const remaining: JsonObject = {};
  const validatorNames: Record<string, string> = {};
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || !isJsonObject(resource.Properties)) {
      remaining[id] = resource;
      continue;
    }
    const p = resource.Properties;
    switch (resource.Type) {
      case 'AWS::ApiGateway::RequestValidator':
        validatorNames[id] = id;
        additions.requestValidators[id] = {
          validateRequestBody: p.ValidateRequestBody as Json,
          validateRequestParameters: p.ValidateRequestParameters as Json,
        };
        break;
      case 'AWS::ApiGateway::Model':
        additions.definitions[id] = p.Schema as Json;
        break;
      case 'AWS::ApiGateway::Authorizer':
        additions.securityDefinitions[id] = securityDefinition(p);
        break;
      case 'AWS::ApiGateway::GatewayResponse': {
        const entry: JsonObject = {};
        if (p.ResponseParameters !== undefined) entry.responseParameters = p.ResponseParameters;
        if (p.ResponseTemplates !== undefined) entry.responseTemplates = p.ResponseTemplates;
        additions.gatewayResponses[String(p.ResponseType)] = entry;
        break;
      }
      case 'AWS::ApiGateway::Resource':
        break;
      case 'AWS::ApiGateway::Method':
        break;
      default:
        remaining[id] = resource;
    }
  }
  for (const resource of Object.values(resources)) {
    if (!isJsonObject(resource) || resource.Type !== 'AWS::ApiGateway::Method' || !isJsonObject(resource.Properties)) continue;
    const p = resource.Properties;
    const path = pathOfResource(p.ResourceId as Json);
    const method = p.HttpMethod === 'ANY' ? 'x-amazon-apigateway-any-method' : String(p.HttpMethod).toLowerCase();
    additions.paths[path] ??= {};
    (additions.paths[path] as Record<string, JsonObject>)[method] = methodToOperation(p, { validatorNames });
  }
  if (Object.values(resources).some((r) => isJsonObject(r) && isJsonObject(r.Properties) && r.Properties.AuthorizationType === 'AWS_IAM')) {
    additions.securityDefinitions.sigv4 = {
      type: 'apiKey',
      name: 'Authorization',
      in: 'header',
      'x-amazon-apigateway-authtype': 'awsSigv4',
    };
  }
  if (Object.values(resources).some((r) => isJsonObject(r) && isJsonObject(r.Properties) && r.Properties.ApiKeyRequired === true)) {
    additions.securityDefinitions.api_key = { type: 'apiKey', name: 'x-api-key', in: 'header' };
  }
  return { additions, remaining };
}
