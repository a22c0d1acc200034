/** Reads an expanded template into the {@link LocalApiModel}: APIs, resource trees, methods and integrations. */
import { isJsonObject, type JsonObject } from '../macro/types';
import type {
  ApiModel,
  GatewayResponseModel,
  IntegrationModel,
  IntegrationResponseModel,
  LocalApiModel,
  MethodModel,
  PathSegment,
  RequestValidatorModel,
  RouteModel,
} from './api-model';
import { evaluateConditions } from './conditions';
import {
  type IntrinsicEnvironment,
  type LocalResourceValues,
  pseudoParameters,
  resolveConditionals,
  resolveIntrinsics,
} from './intrinsics';
import { type OpenApiDocument, readOpenApiDocument } from './openapi-methods';
import { localId, localResourceValues } from './resource-values';

/** Options for {@link buildApiModel}. */
export interface BuildApiModelOptions {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
  /** Template parameter values overriding the Defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** `Ref`/`GetAtt` values of emulated resources (queue URLs, topic ARNs, ...), by logical ID. */
  readonly emulated?: Readonly<Record<string, LocalResourceValues>>;
}

const PASSTHROUGH = new Set(['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']);

/** Parses one `PathPart` into a route segment. */
export function parsePathPart(part: string): PathSegment {
  const greedy = /^\{(.+)\+\}$/.exec(part);
  if (greedy) return { kind: 'greedy', name: greedy[1] as string };
  const param = /^\{(.+)\}$/.exec(part);
  if (param) return { kind: 'param', name: param[1] as string };
  return { kind: 'literal', value: part };
}

function record(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(record(value))) if (typeof item === 'string') out[key] = item;
  return out;
}

/** Identifies the API a `RestApiId` names: a logical ID for `!Ref Api`, else a readable key for an external id. */
function apiKeyOf(restApiId: unknown): string {
  if (isJsonObject(restApiId) && typeof restApiId.Ref === 'string') return restApiId.Ref;
  return `external:${typeof restApiId === 'string' ? restApiId : JSON.stringify(restApiId)}`;
}

/** The logical ID a `{Ref: X}` names, if any. */
function refOf(value: unknown): string | undefined {
  return isJsonObject(value) && typeof value.Ref === 'string' ? value.Ref : undefined;
}

/** Builds the model; never throws on template content: what cannot be modelled becomes a warning or an unresolved integration. */
export function buildApiModel(template: unknown, options: BuildApiModelOptions = {}): LocalApiModel {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const root = record(template);
  const resources = record(root.Resources);
  const warnings: string[] = [];

  const values: Record<string, string> = { ...pseudoParameters(region, accountId) };
  for (const [name, declaration] of Object.entries(record(root.Parameters))) {
    const fallback = record(declaration).Default;
    if (fallback !== undefined) values[name] = Array.isArray(fallback) ? fallback.join(',') : String(fallback);
  }
  Object.assign(values, options.parameters);
  const resourceValues = localResourceValues(template, options.emulated ?? {}, region, accountId);
  const baseEnv: IntrinsicEnvironment = { values, resources: resourceValues, mappings: record(root.Mappings) };
  const conditions = evaluateConditions(root.Conditions, baseEnv);
  warnings.push(...conditions.warnings);
  const env: IntrinsicEnvironment = { ...baseEnv, conditions: conditions.values };

  const enabled = Object.entries(resources).filter(([, resource]) => {
    const condition = record(resource).Condition;
    return typeof condition !== 'string' || conditions.values[condition] !== false;
  });
  const ofType = (type: string) => enabled.filter(([, resource]) => record(resource).Type === type) as [string, JsonObject][];

  // Stages and their variables, per API.
  const stages: Record<string, { name: string; variables: Record<string, string> }> = {};
  for (const [logicalId, stage] of ofType('AWS::ApiGateway::Stage')) {
    const properties = record(stage.Properties);
    const name = resolveOr(properties.StageName, logicalId, env);
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(record(properties.Variables))) variables[key] = resolveOr(value, '', env);
    stages[apiKeyOf(properties.RestApiId)] ??= { name, variables };
  }
  // A SAM API names its stage itself (SAM makes the Stage resource later).
  for (const [logicalId, samApi] of ofType('AWS::Serverless::Api')) {
    const properties = record(samApi.Properties);
    const variables: Record<string, string> = {};
    for (const [key, value] of Object.entries(record(properties.Variables))) variables[key] = resolveOr(value, '', env);
    stages[logicalId] ??= { name: resolveOr(properties.StageName, logicalId, env), variables };
  }
  for (const [, deployment] of ofType('AWS::ApiGateway::Deployment')) {
    const properties = record(deployment.Properties);
    if (properties.StageName !== undefined)
      stages[apiKeyOf(properties.RestApiId)] ??= { name: resolveOr(properties.StageName, 'local', env), variables: {} };
  }

  const gatewayResponses: Record<string, Record<string, GatewayResponseModel>> = {};
  for (const [, response] of ofType('AWS::ApiGateway::GatewayResponse')) {
    const properties = record(resolveOr(response.Properties, {}, env));
    const type = String(properties.ResponseType ?? '');
    (gatewayResponses[apiKeyOf(record(response.Properties).RestApiId)] ??= {})[type] = {
      ...(properties.StatusCode !== undefined ? { statusCode: String(properties.StatusCode) } : {}),
      responseParameters: stringRecord(properties.ResponseParameters),
      responseTemplates: stringRecord(properties.ResponseTemplates),
    };
  }

  // APIs defined by an OpenAPI document: a RestApi's Body, a SAM API's DefinitionBody.
  const documents = new Map<string, OpenApiDocument>();
  for (const [type, bodyKey] of [
    ['AWS::ApiGateway::RestApi', 'Body'],
    ['AWS::Serverless::Api', 'DefinitionBody'],
  ] as const) {
    for (const [logicalId, apiResource] of ofType(type)) {
      // Operations that exist only under a condition (Fn::If) are read as the condition decides.
      const body = resolveConditionals(record(apiResource.Properties)[bodyKey], conditions.values);
      if (isJsonObject(body)) documents.set(logicalId, readOpenApiDocument(logicalId, body));
    }
  }

  const apis: Record<string, ApiModel> = {};
  function api(key: string): ApiModel {
    const existing = apis[key];
    if (existing !== undefined) return existing;
    const properties = record(record(resources[key]).Properties);
    const document = documents.get(key);
    const binary = [
      ...(Array.isArray(properties.BinaryMediaTypes) ? properties.BinaryMediaTypes : []),
      ...(document?.binaryMediaTypes ?? []),
    ];
    const documentResponses: Record<string, GatewayResponseModel> = {};
    for (const [type, response] of Object.entries(document?.gatewayResponses ?? {})) {
      const resolved = record(resolveOr(response, {}, env));
      documentResponses[type] = {
        ...(resolved.StatusCode !== undefined ? { statusCode: String(resolved.StatusCode) } : {}),
        responseParameters: stringRecord(resolved.ResponseParameters),
        responseTemplates: stringRecord(resolved.ResponseTemplates),
      };
    }
    const model: ApiModel = {
      apiId: key,
      restApiId: resourceValues[key]?.ref ?? localId(key, 10),
      stageName: stages[key]?.name ?? 'local',
      stageVariables: stages[key]?.variables ?? {},
      binaryMediaTypes: [...new Set(binary.map((type) => resolveOr(type, '', env).replace(/~1/g, '/')).filter((type) => type !== ''))],
      gatewayResponses: { ...documentResponses, ...(gatewayResponses[key] ?? {}) },
    };
    apis[key] = model;
    return model;
  }
  for (const [logicalId] of ofType('AWS::ApiGateway::RestApi')) api(logicalId);
  for (const [logicalId] of ofType('AWS::Serverless::Api')) api(logicalId);

  // Resource tree: every resource's full path, walking ParentId up to the API root.
  const resourceDefs = new Map(ofType('AWS::ApiGateway::Resource').map(([id, resource]) => [id, record(resource.Properties)]));
  const paths = new Map<string, { apiKey: string; segments: PathSegment[]; resourceId: string }>();
  function resourcePath(logicalId: string, seen: Set<string>): { apiKey: string; segments: PathSegment[]; resourceId: string } | undefined {
    const cached = paths.get(logicalId);
    if (cached !== undefined) return cached;
    const properties = resourceDefs.get(logicalId);
    if (properties === undefined || seen.has(logicalId)) return undefined;
    seen.add(logicalId);
    const apiKey = apiKeyOf(properties.RestApiId);
    const parentRef = refOf(properties.ParentId);
    const parent =
      parentRef !== undefined && resourceDefs.has(parentRef) ? resourcePath(parentRef, seen) : { apiKey, segments: [], resourceId: '' };
    if (parent === undefined) return undefined;
    const part = resolveOr(properties.PathPart, '', env);
    const result = {
      apiKey,
      segments: [...parent.segments, parsePathPart(part)],
      resourceId: resourceValues[logicalId]?.ref ?? localId(logicalId, 6),
    };
    paths.set(logicalId, result);
    return result;
  }

  const validators = new Map(
    ofType('AWS::ApiGateway::RequestValidator').map(([id, resource]) => {
      const properties = record(resource.Properties);
      const validator: RequestValidatorModel = {
        validateRequestBody: properties.ValidateRequestBody === true || properties.ValidateRequestBody === 'true',
        validateRequestParameters: properties.ValidateRequestParameters === true || properties.ValidateRequestParameters === 'true',
      };
      return [id, validator];
    }),
  );
  const models = new Map(
    ofType('AWS::ApiGateway::Model').map(([id, resource]) => {
      const properties = record(resource.Properties);
      let schema: unknown = properties.Schema;
      if (typeof schema === 'string') {
        try {
          schema = JSON.parse(schema);
        } catch {
          warnings.push(`${id}: Schema is not JSON; the model is not enforced`);
          schema = undefined;
        }
      }
      const name = typeof properties.Name === 'string' ? properties.Name : id;
      return [id, { name, schema }];
    }),
  );
  const modelsByName = new Map([...models.values()].map((m) => [m.name, m.schema]));

  const routes = new Map<string, { apiId: string; resourceId: string; segments: PathSegment[]; methods: Record<string, MethodModel> }>();
  /** Adds one method, declared as a resource or read from an OpenAPI document, at its place in the resource tree. */
  function addMethod(
    logicalId: string,
    properties: JsonObject,
    location: { apiKey: string; segments: PathSegment[]; resourceId: string },
    request: { validator: RequestValidatorModel | undefined; models: Record<string, unknown> },
  ): void {
    const model = api(location.apiKey);
    const resourceId =
      location.resourceId || record(resourceValues[location.apiKey]?.attributes).RootResourceId || localId(`${location.apiKey}/`, 6);
    const key = `${location.apiKey} ${pathOf(location.segments)}`;
    const route = routes.get(key) ?? { apiId: model.apiId, resourceId: String(resourceId), segments: location.segments, methods: {} };
    routes.set(key, route);
    const httpMethod = String(properties.HttpMethod ?? '').toUpperCase();
    const methodResponses: Record<string, string[]> = {};
    for (const response of Array.isArray(properties.MethodResponses) ? properties.MethodResponses : []) {
      const r = record(response);
      methodResponses[String(r.StatusCode)] = Object.keys(record(r.ResponseParameters));
    }
    const requestParameters: Record<string, boolean> = {};
    for (const [name, required] of Object.entries(record(properties.RequestParameters)))
      requestParameters[name] = required === true || required === 'true';
    route.methods[httpMethod] = {
      logicalId,
      httpMethod,
      authorizationType: String(properties.AuthorizationType ?? 'NONE').toUpperCase(),
      apiKeyRequired: properties.ApiKeyRequired === true || properties.ApiKeyRequired === 'true',
      requestParameters,
      ...(request.validator !== undefined ? { requestValidator: request.validator } : {}),
      requestModels: request.models,
      methodResponses,
      integration: integrationModel(logicalId, properties.Integration, env),
    };
  }

  for (const [logicalId, method] of ofType('AWS::ApiGateway::Method')) {
    const properties = record(method.Properties);
    const resourceRef = refOf(properties.ResourceId);
    let location: { apiKey: string; segments: PathSegment[]; resourceId: string } | undefined;
    if (resourceRef !== undefined && resourceDefs.has(resourceRef)) location = resourcePath(resourceRef, new Set());
    else location = { apiKey: apiKeyOf(properties.RestApiId), segments: [], resourceId: '' };
    if (location === undefined) {
      warnings.push(
        `${logicalId}: its resource path cannot be resolved (ResourceId ${JSON.stringify(properties.ResourceId)}); method skipped`,
      );
      continue;
    }
    const validatorRef = refOf(properties.RequestValidatorId);
    const requestModels: Record<string, unknown> = {};
    for (const [contentType, modelRef] of Object.entries(record(properties.RequestModels))) {
      const schema = refOf(modelRef) !== undefined ? models.get(refOf(modelRef) as string)?.schema : modelsByName.get(String(modelRef));
      if (schema !== undefined) requestModels[contentType] = schema;
    }
    addMethod(logicalId, properties, location, {
      validator: validatorRef !== undefined ? validators.get(validatorRef) : undefined,
      models: requestModels,
    });
  }
  for (const [apiKey, document] of documents) {
    for (const method of document.methods) {
      const segments = method.path
        .split('/')
        .filter((part) => part !== '')
        .map(parsePathPart);
      const location = { apiKey, segments, resourceId: segments.length === 0 ? '' : localId(`${apiKey}${method.path}`, 6) };
      addMethod(method.id, method.properties, location, { validator: method.validator, models: { ...method.requestModels } });
    }
  }

  const apiKeys: string[] = [];
  for (const [logicalId, key] of ofType('AWS::ApiGateway::ApiKey')) {
    const value = record(key.Properties).Value;
    if (typeof value === 'string') apiKeys.push(value);
    else warnings.push(`${logicalId}: the API key has no literal Value; pass keys with --api-key or --api-keys-file`);
  }

  const routeList: RouteModel[] = [...routes.values()].map((route) => ({
    apiId: route.apiId,
    resourceId: route.resourceId,
    resourcePath: pathOf(route.segments),
    segments: route.segments,
    methods: route.methods,
  }));
  return { region, accountId, apis, routes: routeList, apiKeys, warnings };
}

/** `/orders/{id}` from segments; `/` for the root. */
export function pathOf(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '/';
  return segments.map((s) => (s.kind === 'literal' ? `/${s.value}` : s.kind === 'param' ? `/{${s.name}}` : `/{${s.name}+}`)).join('');
}

function resolveOr<T>(value: unknown, fallback: T, env: IntrinsicEnvironment): string | T {
  try {
    const resolved = resolveIntrinsics(value, env);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    return (resolved as T) ?? fallback;
  } catch {
    return fallback;
  }
}

/** Resolves an `Integration` property; `Credentials` is ignored locally (the emulators do not enforce IAM). */
function integrationModel(logicalId: string, integration: unknown, env: IntrinsicEnvironment): IntegrationModel | { unresolved: string } {
  const { Credentials: _ignored, ...rest } = record(integration);
  let resolved: JsonObject;
  try {
    resolved = record(resolveIntrinsics(rest, env));
  } catch (error) {
    return { unresolved: `${logicalId}.Integration: cannot resolve ${(error as Error).message} locally` };
  }
  const passthrough = String(resolved.PassthroughBehavior ?? 'WHEN_NO_MATCH').toUpperCase();
  const responses: IntegrationResponseModel[] = (Array.isArray(resolved.IntegrationResponses) ? resolved.IntegrationResponses : []).map(
    (r) => {
      const response = record(r);
      return {
        statusCode: String(response.StatusCode ?? '200'),
        ...(typeof response.SelectionPattern === 'string' ? { selectionPattern: response.SelectionPattern } : {}),
        responseParameters: stringRecord(response.ResponseParameters),
        responseTemplates: stringRecord(response.ResponseTemplates),
        ...(typeof response.ContentHandling === 'string' ? { contentHandling: response.ContentHandling } : {}),
      };
    },
  );
  return {
    type: String(resolved.Type ?? 'AWS').toUpperCase(),
    ...(typeof resolved.Uri === 'string' ? { uri: resolved.Uri } : {}),
    ...(typeof resolved.IntegrationHttpMethod === 'string' ? { integrationHttpMethod: resolved.IntegrationHttpMethod.toUpperCase() } : {}),
    passthroughBehavior: (PASSTHROUGH.has(passthrough) ? passthrough : 'WHEN_NO_MATCH') as IntegrationModel['passthroughBehavior'],
    requestParameters: stringRecord(resolved.RequestParameters),
    requestTemplates: stringRecord(resolved.RequestTemplates),
    ...(typeof resolved.ContentHandling === 'string' ? { contentHandling: resolved.ContentHandling } : {}),
    integrationResponses: responses,
    timeoutInMillis: typeof resolved.TimeoutInMillis === 'number' ? resolved.TimeoutInMillis : 29_000,
  };
}
