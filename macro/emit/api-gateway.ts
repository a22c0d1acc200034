import { ref, referencedNames } from '../cloudformation/intrinsics';
import { compareText } from '../compare-text';
import { type Diagnostic, DiagnosticCode } from '../diagnostics';
import { methodId, pathResourceId } from '../logical-ids';
import type { IntegrationPlan } from '../plan/plan';
import { mappingTemplate, sharedText } from '../request-templates/template-parts';
import { formatApiPath, type PathSegment, segmentText } from '../schema/api-path';
import type { Expr, Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';
import type { MethodAuthorization } from './authorizers';
import { type CorsHeaders, declaredHeaders } from './cors';
import type { DeclaredPaths } from './declared-path-resources';
import type { MethodValidation } from './request-validation';

/** A condition shared by every user of a resource, or undefined when they differ. */
export function commonCondition(plans: readonly IntegrationPlan[]): string | undefined {
  const first = plans[0]?.condition;
  return plans.every((p) => p.condition === first) ? first : undefined;
}

/**
 * One `AWS::ApiGateway::Resource` per distinct path prefix, shared by every integration below it,
 * so `/orders` and `/orders/{id}` integrations share the `/orders` resource. A prefix the template
 * already declares (same parent, same PathPart) is that resource, never a sibling of the same name.
 */
export function emitPathResources(
  api: ApiHandle,
  plans: readonly IntegrationPlan[],
  declared: DeclaredPaths,
): { resources: JsonObject; resourceIdOf: (path: readonly PathSegment[]) => Expr; diagnostics: Diagnostic[] } {
  const users = new Map<string, { path: PathSegment[]; plans: IntegrationPlan[] }>();
  for (const plan of plans) {
    for (let depth = 1; depth <= plan.path.length; depth++) {
      const prefix = plan.path.slice(0, depth);
      const key = prefix.map(segmentText).join('/');
      const entry = users.get(key) ?? { path: prefix, plans: [] };
      entry.plans.push(plan);
      users.set(key, entry);
    }
  }
  const resources: JsonObject = {};
  const diagnostics: Diagnostic[] = [];
  const reused = new Map<string, Expr>();
  const resourceIdOf = (path: readonly PathSegment[]): Expr =>
    path.length === 0 ? api.rootResourceId : (reused.get(path.map(segmentText).join('/')) ?? ref(pathResourceId(api.prefix, path)));
  // Parents before children, then by path text: a stable order whatever the integration order.
  const ordered = [...users.values()].sort(
    (a, b) => a.path.length - b.path.length || compareText(a.path.map(segmentText).join('/'), b.path.map(segmentText).join('/')),
  );
  for (const { path, plans: pathPlans } of ordered) {
    const parentId = resourceIdOf(path.slice(0, -1)) as Json;
    const pathPart = segmentText(path[path.length - 1] as PathSegment);
    const condition = commonCondition(pathPlans);
    const existing = declared.resource(parentId, pathPart);
    const { logicalId: owner, path: ownerPath } = pathPlans[0] as IntegrationPlan;
    if (existing !== undefined) {
      reused.set(path.map(segmentText).join('/'), ref(existing.logicalId));
      if (existing.condition !== undefined && existing.condition !== condition)
        diagnostics.push({
          code: DiagnosticCode.invalidPath,
          logicalId: owner,
          path: 'Properties.Path',
          message:
            `'${formatApiPath(path)}' is the template's resource ${existing.logicalId}, which exists only under Condition ${existing.condition}; ` +
            `give every integration below ${formatApiPath(path)} the Condition ${existing.condition}, or remove it from ${existing.logicalId}.`,
        });
      continue;
    }
    const variable = /^\{.+\}$/.test(pathPart) ? declared.variableChild(parentId, pathPart) : undefined;
    if (variable !== undefined)
      diagnostics.push({
        code: DiagnosticCode.invalidPath,
        logicalId: owner,
        path: 'Properties.Path',
        message:
          `'${formatApiPath(ownerPath)}' puts ${pathPart} under ${formatApiPath(path.slice(0, -1))}, ` +
          `where the template's resource ${variable.logicalId} already has ${variable.pathPart}; ` +
          `API Gateway allows one parameter segment per level. Use the same name, ${variable.pathPart}.`,
      });
    const resource: JsonObject = {
      Type: 'AWS::ApiGateway::Resource',
      Properties: { RestApiId: api.restApiId as Json, ParentId: parentId, PathPart: pathPart },
    };
    if (condition !== undefined) resource.Condition = condition;
    resources[pathResourceId(api.prefix, path)] = resource;
  }
  return { resources, resourceIdOf, diagnostics };
}

/** What a method gets from the API around it: authorization, validation and CORS headers. */
export interface MethodExtras {
  authorization: MethodAuthorization;
  validation: MethodValidation;
  cors?: CorsHeaders;
}

/** The integration responses of a plan, with the path's CORS headers on every one (errors included). */
function integrationResponses(plan: IntegrationPlan, cors: CorsHeaders | undefined): Json[] {
  return plan.responses.map((r) => {
    const response: JsonObject = { StatusCode: r.statusCode };
    if (r.selectionPattern !== undefined) response.SelectionPattern = r.selectionPattern;
    const parameters = { ...r.responseParameters, ...(cors?.parameters ?? {}) };
    if (Object.keys(parameters).length > 0) response.ResponseParameters = parameters;
    // A response without a template passes the service's body through untouched (binary objects);
    // echoing one of several CORS origins needs a template, so such responses keep their body instead.
    if (r.responseTemplate !== undefined)
      response.ResponseTemplates = {
        'application/json': mappingTemplate([sharedText(cors?.templatePrefix ?? ''), sharedText(r.responseTemplate)]) as Json,
      };
    return response;
  });
}

/** One method response per status the integration can answer with, declaring the headers it may carry. */
function methodResponses(plan: IntegrationPlan, cors: CorsHeaders | undefined): Json[] {
  const headersByStatus = new Map<string, Set<string>>();
  const echoesOrigin = cors !== undefined && cors.templatePrefix !== '';
  const add = (status: string, names: readonly string[]) => {
    const set = headersByStatus.get(status) ?? new Set<string>();
    for (const n of names) set.add(n);
    headersByStatus.set(status, set);
  };
  for (const r of plan.responses) {
    const names = [...Object.keys(r.responseParameters), ...Object.keys(cors?.parameters ?? {})];
    if (echoesOrigin) names.push('method.response.header.Access-Control-Allow-Origin');
    add(r.statusCode, names);
    for (const status of r.overrideStatusCodes) add(status, names);
  }
  return [...headersByStatus.entries()].map(([status, names]) => {
    const response: JsonObject = { StatusCode: status };
    const declared = declaredHeaders(Object.fromEntries([...names].map((n) => [n, ''])));
    if (declared !== undefined) response.ResponseParameters = declared;
    return response;
  });
}

/** The `AWS::ApiGateway::Method` with its AWS integration for one plan. */
export function emitMethod(
  api: ApiHandle,
  plan: IntegrationPlan,
  resourceId: Expr,
  credentials: Expr,
  extras: MethodExtras,
): [string, JsonObject] {
  const integration: JsonObject = {
    Type: 'AWS',
    IntegrationHttpMethod: plan.integrationHttpMethod,
    Uri: plan.uri as Json,
    Credentials: credentials as Json,
    PassthroughBehavior: plan.passthroughBehavior,
  };
  if (plan.surface.contentHandling !== undefined) integration.ContentHandling = plan.surface.contentHandling;
  if (plan.surface.timeoutInMillis !== undefined) integration.TimeoutInMillis = plan.surface.timeoutInMillis;
  if (Object.keys(plan.requestParameters).length > 0) integration.RequestParameters = plan.requestParameters;
  if (plan.surface.cacheKeyParameters !== undefined) integration.CacheKeyParameters = plan.surface.cacheKeyParameters;
  integration.RequestTemplates = plan.requestTemplates as JsonObject;
  integration.IntegrationResponses = integrationResponses(plan, extras.cors);

  const properties: JsonObject = {
    RestApiId: api.restApiId as Json,
    ResourceId: resourceId as Json,
    HttpMethod: plan.httpMethod,
    ...(extras.authorization as unknown as JsonObject),
  };
  if (plan.surface.apiKeyRequired) properties.ApiKeyRequired = true;
  const requestParameters: Record<string, boolean> = { ...plan.methodRequestParameters, ...plan.surface.requestParameters };
  // API Gateway keys a cache only by declared method request parameters: a key not declared otherwise is optional.
  for (const name of plan.surface.cacheKeyParameters ?? []) requestParameters[name] ??= false;
  if (Object.keys(requestParameters).length > 0) properties.RequestParameters = requestParameters;
  Object.assign(properties, extras.validation);
  properties.Integration = integration;
  properties.MethodResponses = methodResponses(plan, extras.cors);
  return [methodId(plan.logicalId), withAttributes({ Type: 'AWS::ApiGateway::Method', Properties: properties }, plan)];
}

/** Carries the user's Condition, DependsOn and Metadata over to a resource generated from their integration. */
export function withAttributes(resource: JsonObject, plan: IntegrationPlan): JsonObject {
  const out: JsonObject = { Type: resource.Type as Json };
  if (plan.condition !== undefined) out.Condition = plan.condition;
  // A DependsOn already implied by a Ref/GetAtt in the resource is noise (cfn-lint W3005).
  const implied = referencedNames(resource);
  const dependsOn = plan.dependsOn.filter((name) => !implied.has(name));
  if (dependsOn.length > 0) out.DependsOn = dependsOn;
  if (plan.metadata !== undefined) out.Metadata = plan.metadata;
  for (const [key, value] of Object.entries(resource)) if (key !== 'Type') out[key] = value;
  return out;
}
