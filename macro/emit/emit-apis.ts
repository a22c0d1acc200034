import { shortHash } from '../cloudformation/hash';
import { concat, ref } from '../cloudformation/intrinsics';
import { type Diagnostic, DiagnosticCode } from '../diagnostics';
import { apiPrefix, GENERATED_API_ID } from '../logical-ids';
import type { PathCors } from '../plan/cors';
import type { IntegrationPlan } from '../plan/plan';
import { formatApiPath } from '../schema/api-path';
import { type ApiRef, apiKey } from '../schema/rest-api';
import type { ApiSpec } from '../schema/validate-api';
import { isJsonObject, type Json, type JsonObject } from '../types';
import { commonCondition, emitMethod, emitPathResources, type MethodExtras } from './api-gateway';
import { type ApiHandle, apiHandle } from './api-handle';
import { emitAuthorizers } from './authorizers';
import { corsHeaders, emitPreflight } from './cors';
import { type DeclaredPaths, declaredPaths } from './declared-path-resources';
import { type DeployedMethod, emitDeployment, type StageOptions } from './deployment';
import { badRequestBodyConflict, emitGatewayResponses } from './gateway-responses';
import { emitRoles } from './iam';
import { toOpenApi } from './openapi';
import { mergeIntoOpenApi } from './openapi-merge';
import { conditionalOperations, proxyRestApi, withCondition } from './proxy-api';
import { emitRequestValidation } from './request-validation';
import { mergesFunctionEvents, samApiEventsOn } from './sam-function-events';

/** Everything the transform adds to a template, plus edits to the user's own resources. */
export interface EmittedResources {
  resources: JsonObject;
  outputs: JsonObject;
  /** User resources replaced by an edited copy (an API whose OpenAPI definition gained integrations). */
  replace: JsonObject;
  /** User resources that take a new logical ID (their deployments, so that they redeploy). */
  renames: Record<string, string>;
  /** Mappings the template gains (shared mapping-template text). */
  mappings: JsonObject;
  diagnostics: Diagnostic[];
}

/** API-wide settings: from the macro's Transform parameters, and the template's Proxy::Api resources. */
export interface ApiSettings {
  stageName: string;
  /** Every valid Proxy::Api of the template, integrations or not. */
  proxyApis?: readonly ApiSpec[];
}

/** The user's own Deployment resources of an API declared in the template. */
function userDeploymentsOf(apiLogicalId: string, templateResources: JsonObject): [string, JsonObject][] {
  return Object.entries(templateResources).filter(
    (entry): entry is [string, JsonObject] =>
      isJsonObject(entry[1]) &&
      entry[1].Type === 'AWS::ApiGateway::Deployment' &&
      isJsonObject(entry[1].Properties) &&
      JSON.stringify(entry[1].Properties.RestApiId) === JSON.stringify(ref(apiLogicalId)),
  );
}

/**
 * A deployment's logical ID must change for CloudFormation to deploy again; the user's (or SAM's)
 * deployment gets an ID ending in a hash of the API content, replacing any hash it already had.
 */
function redeployedId(deploymentId: string, contentHash: string): string {
  return `${deploymentId.replace(/[0-9a-f]{10}$/, '')}${contentHash}`;
}

/**
 * Emits, per API, its path resources, methods (with CORS preflights), authorizers, validators,
 * gateway responses, roles, deployment and stage (and the API itself when generated). For an API
 * defined by an OpenAPI document the same pieces go into the document instead.
 */
export function emitApis(
  plans: readonly IntegrationPlan[],
  templateResources: JsonObject,
  settings: ApiSettings,
  cors: readonly PathCors[],
): EmittedResources {
  // replace and renames are looked up by the template's logical IDs: without a prototype, an ID such
  // as 'hasOwnProperty' or 'constructor' finds nothing instead of an Object.prototype function.
  const out: EmittedResources = {
    resources: {},
    outputs: {},
    replace: Object.create(null) as JsonObject,
    renames: Object.create(null) as Record<string, string>,
    mappings: {},
    diagnostics: [],
  };
  const byApi = new Map<string, { api: ApiRef; plans: IntegrationPlan[] }>();
  const proxyApis = new Map((settings.proxyApis ?? []).map((spec) => [spec.logicalId, spec]));
  for (const spec of proxyApis.values()) {
    const api: ApiRef = { kind: 'proxy-api', logicalId: spec.logicalId, definition: spec.definition };
    byApi.set(apiKey(api), { api, plans: [] });
  }
  for (const plan of plans) {
    const key = apiKey(plan.api);
    const group = byApi.get(key);
    if (group === undefined) byApi.set(key, { api: plan.api, plans: [plan] });
    else group.plans.push(plan);
  }
  for (const [key, { api, plans: apiPlans }] of byApi) {
    const prefix = apiPrefix(api);
    const handle = apiHandle(prefix, api);
    const apiCors = cors.filter((c) => apiKey(c.api) === key);
    const proxyApi = api.kind === 'proxy-api' ? proxyApis.get(api.logicalId) : undefined;
    const binaryMediaTypes = [
      ...new Set([...(proxyApi?.binaryMediaTypes ?? []), ...apiPlans.flatMap((p) => p.surface.binaryMediaTypes)]),
    ].sort();
    const apiResources: JsonObject = {};
    const declared = declaredPaths(handle.restApiId as Json, templateResources);
    if (proxyApi !== undefined) {
      const problem = proxyApiProblem(proxyApi, apiPlans, declared, templateResources);
      if (problem !== undefined) {
        out.diagnostics.push(problem);
        continue;
      }
    }
    const validationConflict = badRequestBodyConflict(apiPlans);
    if (validationConflict !== undefined) {
      out.diagnostics.push(validationConflict);
      continue;
    }
    const resourcesBefore = new Set(Object.keys(out.resources));
    if (api.kind === 'generated') {
      const properties: JsonObject = {
        Name: concat([ref('AWS::StackName'), '-service-proxy']) as Json,
        Description: 'Service integrations generated by the ServiceProxy macro',
        EndpointConfiguration: { Types: ['REGIONAL'] },
      };
      if (binaryMediaTypes.length > 0) properties.BinaryMediaTypes = binaryMediaTypes;
      apiResources[GENERATED_API_ID] = { Type: 'AWS::ApiGateway::RestApi', Properties: properties };
    }
    const paths = emitPathResources(handle, apiPlans, declared);
    out.diagnostics.push(...paths.diagnostics);
    Object.assign(apiResources, paths.resources);
    const authorizers = emitAuthorizers(handle, apiPlans);
    const validation = emitRequestValidation(handle, apiPlans);
    Object.assign(apiResources, authorizers.resources, validation.resources, emitGatewayResponses(handle, apiPlans, apiCors));
    const roles = emitRoles(prefix, apiPlans);
    const deployed: DeployedMethod[] = [];
    const pathTextOf = new Map<string, string>();
    const corsOfPath = new Map(apiCors.map((c) => [formatApiPath(c.path), c]));
    const corsPlansOfPath = new Map<string, IntegrationPlan[]>();
    for (const plan of apiPlans) {
      if (plan.surface.cors === undefined) continue;
      const path = formatApiPath(plan.path);
      corsPlansOfPath.set(path, [...(corsPlansOfPath.get(path) ?? []), plan]);
    }
    for (const plan of apiPlans) {
      const pathCors = corsOfPath.get(formatApiPath(plan.path));
      const extras: MethodExtras = { authorization: authorizers.authorizationOf(plan), validation: validation.validationOf(plan) };
      if (plan.surface.cors !== undefined && pathCors !== undefined) extras.cors = corsHeaders(pathCors.config);
      const resourceId = paths.resourceIdOf(plan.path);
      const declaredMethod = declared.method(resourceId as Json, plan.httpMethod);
      if (declaredMethod !== undefined)
        out.diagnostics.push(declaredMethodClash(plan.logicalId, declaredMethod, plan.httpMethod, plan.path));
      pathTextOf.set(JSON.stringify(resourceId), formatApiPath(plan.path));
      const [id, method] = emitMethod(handle, plan, resourceId, roles.credentialsOf(plan), extras);
      apiResources[id] = method;
      deployed.push(plan.condition === undefined ? { logicalId: id } : { logicalId: id, condition: plan.condition });
    }
    for (const pathCors of apiCors) {
      const declaredPreflight = declared.method(paths.resourceIdOf(pathCors.path) as Json, 'OPTIONS');
      const corsOwner = corsPlansOfPath.get(formatApiPath(pathCors.path))?.[0]?.logicalId;
      if (declaredPreflight !== undefined && corsOwner !== undefined)
        out.diagnostics.push(declaredMethodClash(corsOwner, declaredPreflight, 'OPTIONS', pathCors.path, 'Properties.Cors'));
      const [id, preflight] = emitPreflight(handle, pathCors, paths.resourceIdOf(pathCors.path), pathCors.path);
      const condition = commonCondition(corsPlansOfPath.get(formatApiPath(pathCors.path)) ?? []);
      apiResources[id] =
        condition === undefined
          ? preflight
          : { Type: preflight.Type as Json, Condition: condition, Properties: preflight.Properties as Json };
      deployed.push(condition === undefined ? { logicalId: id } : { logicalId: id, condition });
    }
    Object.assign(out.resources, roles.resources);

    if (proxyApi !== undefined) {
      emitProxyApi(
        out,
        proxyApi,
        handle,
        apiPlans,
        apiResources,
        binaryMediaTypes,
        pathTextOf,
        [...declared.methods, ...deployed],
        settings,
      );
      // The whole API exists under the Proxy::Api's Condition: everything emitted for it carries it.
      for (const [id, resource] of Object.entries(out.resources))
        if (!resourcesBefore.has(id)) out.resources[id] = withCondition(resource as JsonObject, proxyApi.condition);
      continue;
    }
    if (api.kind === 'template' && api.definition !== 'resources') {
      emitIntoOpenApi(
        out,
        api.logicalId,
        api.definition,
        apiPlans,
        apiResources,
        binaryMediaTypes,
        pathTextOf,
        templateResources,
        settings,
      );
      continue;
    }
    Object.assign(out.resources, apiResources);
    const userDeployments = api.kind === 'template' ? userDeploymentsOf(api.logicalId, templateResources) : [];
    if (userDeployments.length > 0) {
      // The user deploys this API: their deployment waits for our methods and changes ID with them.
      const contentHash = shortHash(JSON.stringify(apiResources));
      for (const [id, deployment] of userDeployments) {
        const existing = deployment.DependsOn;
        const dependsOn = [
          ...(typeof existing === 'string' ? [existing] : Array.isArray(existing) ? (existing as string[]) : []),
          ...deployed.map((m) => m.logicalId),
        ];
        out.replace[id] = { ...deployment, DependsOn: dependsOn };
        out.renames[id] = redeployedId(id, contentHash);
      }
      continue;
    }
    // The template's own methods on this API are part of what the deployment publishes: it waits
    // for them too, and changes ID when they change.
    const ownMethods = declared.methods.map(({ resource: _resource, ...method }) => method);
    const content =
      ownMethods.length === 0
        ? apiResources
        : { ...apiResources, ...Object.fromEntries(declared.methods.map((m) => [m.logicalId, m.resource])) };
    const deployment = emitDeployment(handle, [...ownMethods, ...deployed], content, settings.stageName);
    Object.assign(out.resources, deployment.resources);
    Object.assign(out.outputs, deployment.outputs);
  }
  return out;
}

/** An integration (or its CORS preflight) on a resource where the template already declares that method. */
function declaredMethodClash(
  logicalId: string,
  declaredMethod: string,
  httpMethod: string,
  path: IntegrationPlan['path'],
  property = 'Properties.Method',
): Diagnostic {
  const what = property === 'Properties.Cors' ? 'its CORS preflight needs' : 'it would add';
  const orElse = property === 'Properties.Cors' ? `, or remove Cors and answer the preflight in ${declaredMethod}` : '';
  return {
    code: DiagnosticCode.duplicateRoute,
    logicalId,
    path: property,
    message:
      `${httpMethod} ${formatApiPath(path)} is already the template's method ${declaredMethod}, ` +
      `and ${what} a second one there, which API Gateway refuses. Remove one of them${orElse}.`,
  };
}

/**
 * A Proxy::Api: the RestApi with the user's settings, then either its methods as resources and a
 * deployment that waits for them (Resources), or the whole API as the RestApi's OpenAPI Body and a
 * deployment whose ID hashes it (OpenApi). Either way the stage carries the user's stage settings.
 */
function emitProxyApi(
  out: EmittedResources,
  spec: ApiSpec,
  handle: ApiHandle,
  plans: readonly IntegrationPlan[],
  apiResources: JsonObject,
  binaryMediaTypes: string[],
  pathTextOf: ReadonlyMap<string, string>,
  deployed: readonly (DeployedMethod & { resource?: JsonObject })[],
  settings: ApiSettings,
): void {
  const stageName = spec.stageName ?? settings.stageName;
  const stageOptions: StageOptions = { stage: spec.stage };
  if (spec.condition !== undefined) stageOptions.condition = spec.condition;
  if (spec.definition === 'resources') {
    const restApi = proxyRestApi(spec, binaryMediaTypes);
    const content: JsonObject = { [spec.logicalId]: restApi, ...apiResources };
    // The template's own methods on this API are deployed with it, and change its deployment's ID.
    for (const method of deployed) if (method.resource !== undefined) content[method.logicalId] = method.resource;
    out.resources[spec.logicalId] = restApi;
    Object.assign(out.resources, apiResources);
    const methods = deployed.map(({ resource: _resource, ...method }) => method);
    const deployment = emitDeployment(handle, methods, content, stageName, stageOptions);
    Object.assign(out.resources, deployment.resources);
    Object.assign(out.outputs, deployment.outputs);
    return;
  }
  out.diagnostics.push(...documentAuthorizerProblems(spec.logicalId, plans));
  const pathOf = (resourceId: Json) => pathTextOf.get(JSON.stringify(resourceId)) ?? '/';
  const { additions, remaining } = toOpenApi(apiResources, pathOf);
  conditionalOperations(additions, apiResources, pathOf);
  additions.binaryMediaTypes = binaryMediaTypes;
  const { document } = mergeIntoOpenApi({ swagger: '2.0', info: { title: spec.logicalId, version: '1.0' }, paths: {} }, additions);
  const restApi = proxyRestApi(spec, binaryMediaTypes, document);
  out.resources[spec.logicalId] = restApi;
  for (const [id, resource] of Object.entries(remaining))
    out.resources[id] =
      isJsonObject(resource) && resource.Type === 'AWS::Lambda::Permission' ? withAnyAuthorizer(resource, spec.logicalId) : resource;
  const deployment = emitDeployment(handle, [], { [spec.logicalId]: restApi }, stageName, stageOptions);
  Object.assign(out.resources, deployment.resources);
  Object.assign(out.outputs, deployment.outputs);
}

/** Why a Proxy::Api cannot be emitted as declared: nothing to deploy, or methods its OpenAPI Body would delete. */
function proxyApiProblem(
  spec: ApiSpec,
  plans: readonly IntegrationPlan[],
  declared: DeclaredPaths,
  templateResources: JsonObject,
): Diagnostic | undefined {
  const where = { code: DiagnosticCode.invalidRestApi, logicalId: spec.logicalId, path: '' } as const;
  if (spec.definition === 'openapi') {
    const own = Object.entries(templateResources)
      .filter(
        ([, r]) =>
          isJsonObject(r) &&
          (r.Type === 'AWS::ApiGateway::Method' || r.Type === 'AWS::ApiGateway::Resource') &&
          isJsonObject(r.Properties) &&
          JSON.stringify(r.Properties.RestApiId) === JSON.stringify(ref(spec.logicalId)),
      )
      .map(([id]) => id);
    if (own.length > 0)
      return {
        ...where,
        path: 'Properties.Definition',
        message: `is OpenApi: the whole API is the RestApi's Body, and API Gateway replaces the API's methods and paths with the Body's on every update, so the template's own ${own.join(', ')} on ${spec.logicalId} would be deleted. Make them Proxy::ServiceIntegration resources, or use Definition: Resources.`,
      };
  }
  if (plans.length === 0 && declared.methods.length === 0)
    return {
      ...where,
      message: `no integration attaches to this Proxy::Api, and API Gateway cannot deploy an API without methods. Attach integrations with RestApiId: !Ref ${spec.logicalId}, or remove it.`,
    };
  return undefined;
}

/** In an OpenAPI document authorizers are named security definitions: an AuthorizerId cannot be used there. */
function documentAuthorizerProblems(apiLogicalId: string, plans: readonly IntegrationPlan[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const plan of plans) {
    const auth = plan.surface.auth;
    if ((auth.type === 'COGNITO_USER_POOLS' || auth.type === 'TOKEN' || auth.type === 'REQUEST') && auth.authorizerId !== undefined) {
      diagnostics.push({
        code: DiagnosticCode.invalidApiSurface,
        logicalId: plan.logicalId,
        path: 'Properties.Auth.AuthorizerId',
        message:
          `${apiLogicalId} is defined by an OpenAPI document, where authorizers are named security definitions, not ids; ` +
          `give ${auth.type === 'COGNITO_USER_POOLS' ? 'UserPoolArn' : 'FunctionArn'} instead and the macro defines the authorizer in the document.`,
      });
    }
  }
  return diagnostics;
}

/** Puts an API's integrations into its OpenAPI document, and makes its deployments follow the document. */
function emitIntoOpenApi(
  out: EmittedResources,
  apiLogicalId: string,
  definition: 'body' | 'sam-api',
  plans: readonly IntegrationPlan[],
  apiResources: JsonObject,
  binaryMediaTypes: string[],
  pathTextOf: ReadonlyMap<string, string>,
  templateResources: JsonObject,
  settings: ApiSettings,
): void {
  out.diagnostics.push(...documentAuthorizerProblems(apiLogicalId, plans));
  const { additions, remaining } = toOpenApi(apiResources, (resourceId) => pathTextOf.get(JSON.stringify(resourceId)) ?? '/');
  additions.binaryMediaTypes = binaryMediaTypes;
  const apiResource = templateResources[apiLogicalId] as JsonObject;
  const properties = (apiResource.Properties ?? {}) as JsonObject;
  if (definition === 'sam-api' && mergesFunctionEvents(properties)) {
    const events = samApiEventsOn(apiLogicalId, templateResources);
    for (const plan of plans) {
      const route = `${plan.httpMethod} ${formatApiPath(plan.path)}`;
      const event = events.get(route);
      if (event === undefined) continue;
      out.diagnostics.push({
        code: DiagnosticCode.duplicateRoute,
        logicalId: plan.logicalId,
        path: 'Properties.Method',
        message:
          `${route} of ${apiLogicalId} is also the Api event ${event.eventName} of the function ${event.functionId} ` +
          `(${event.functionId}.Properties.Events.${event.eventName}). ` +
          `SAM merges function events into ${apiLogicalId}'s definition after this macro, ` +
          'and its Lambda proxy integration would silently replace this one. Change the Path or Method of the integration or of the event.',
      });
    }
  }
  const bodyKey = definition === 'body' ? 'Body' : 'DefinitionBody';
  const existing = isJsonObject(properties[bodyKey])
    ? (properties[bodyKey] as JsonObject)
    : { swagger: '2.0', info: { title: apiLogicalId, version: '1.0' }, paths: {} };
  const merged = mergeIntoOpenApi(existing, additions);
  for (const conflict of merged.conflicts) {
    // An operation conflict belongs to the integration on that route; a document-level one to the first.
    const owner = plans.find((p) => `${p.httpMethod} ${formatApiPath(p.path)}` === conflict.route) ?? (plans[0] as IntegrationPlan);
    out.diagnostics.push({
      code: DiagnosticCode.duplicateRoute,
      logicalId: owner.logicalId,
      path: conflict.route === undefined ? 'Properties.RestApiId' : 'Properties.Method',
      message:
        `cannot add the integrations to ${apiLogicalId}: ${conflict.message}. ` +
        'Remove the duplicate from the API definition, or change the Path or Method of the integration.',
    });
  }
  const newProperties: JsonObject = { ...properties, [bodyKey]: merged.document };
  // SAM builds the definition from function events unless told to merge them into a given one.
  if (definition === 'sam-api' && !isJsonObject(properties.DefinitionBody)) newProperties.MergeDefinitions = true;
  out.replace[apiLogicalId] = { ...apiResource, Properties: newProperties };
  for (const [id, resource] of Object.entries(remaining)) {
    // Authorizers defined in the document have no logical ID: the invoke permission covers the API's authorizers.
    out.resources[id] =
      isJsonObject(resource) && resource.Type === 'AWS::Lambda::Permission' ? withAnyAuthorizer(resource, apiLogicalId) : resource;
  }
  if (definition === 'sam-api') return; // SAM's deployment ID is a hash of DefinitionBody: it redeploys by itself.
  const contentHash = shortHash(JSON.stringify(merged.document));
  const userDeployments = userDeploymentsOf(apiLogicalId, templateResources);
  for (const [id] of userDeployments) out.renames[id] = redeployedId(id, contentHash);
  if (userDeployments.length === 0) {
    const handle = apiHandle(apiLogicalId, { kind: 'template', logicalId: apiLogicalId, definition });
    const deployment = emitDeployment(handle, [], { body: merged.document }, settings.stageName);
    Object.assign(out.resources, deployment.resources);
    Object.assign(out.outputs, deployment.outputs);
  }
}

function withAnyAuthorizer(permission: JsonObject, apiLogicalId: string): JsonObject {
  const properties = permission.Properties as JsonObject;
  return {
    ...permission,
    Properties: {
      ...properties,
      SourceArn: concat([
        'arn:',
        ref('AWS::Partition'),
        ':execute-api:',
        ref('AWS::Region'),
        ':',
        ref('AWS::AccountId'),
        ':',
        ref(apiLogicalId),
        '/authorizers/*',
      ]) as Json,
    },
  };
}
