import { referencedNames } from '../cloudformation/intrinsics';
import { type Diagnostic, DiagnosticCode, describeValue, formatPath, quoted } from '../diagnostics';
import type { ServiceFacts } from '../service-facts/facts';
import type { ActionDefinition, ParameterDefinition, ServiceDefinition } from '../services/types';
import { didYouMean } from '../suggest';
import type { ProxyResource } from '../template/parse';
import { type Expr, isJsonObject, type Json, type JsonObject, ownValue } from '../types';
import { type PathSegment, parseApiPath } from './api-path';
import { type ApiSurface, resolveApiSurface } from './api-surface';
import { resolveDerivedIntegration } from './derived-integration';
import type { IamStatementPlan } from './iam-statement';
import { type ResolvedParameter, resolveParameter } from './parameters';
import type { IntegrationProperties } from './properties';
import { findUnresolvedReferences } from './references';
import { lookUpAction } from './resolve-action';
import { type ApiRef, resolveRestApi } from './rest-api';
import { diagnosticsFromSchemaErrors } from './schema-errors';
import { defaultTarget, resolveTarget, type TargetRef } from './targets';
import validateProperties from './validate-properties.generated';

/** An integration whose properties passed every check, in the terms the planner needs. */
export interface IntegrationSpec {
  logicalId: string;
  path: PathSegment[];
  httpMethod: string;
  service: ServiceDefinition;
  actionName: string;
  action: ActionDefinition;
  target: TargetRef;
  parameters: Record<string, ResolvedParameter>;
  api: ApiRef;
  /** User-supplied request templates by content type, replacing the generated one. */
  requestTemplates?: Record<string, string>;
  /** The content types the generated request template is registered for (`RequestContentTypes`); application/json otherwise. */
  requestContentTypes?: string[];
  /** A user-supplied role ARN; no role is generated. */
  role?: Expr;
  condition?: string;
  dependsOn: string[];
  metadata?: Json;
  /** CORS, auth, API keys, validation, response mapping and integration settings. */
  surface: ApiSurface;
  /** The user's own IAM statements (`Policy`, generic mode), replacing the action's. */
  iamStatements?: IamStatementPlan[];
}

/** What the validator sees of the template around one resource. */
export interface ValidationScope {
  resources: JsonObject;
  parameterValues: Record<string, Json>;
  /** AWS's service models and IAM reference, for actions the built-in table does not have. */
  serviceFacts?: ServiceFacts;
  /** Every parameter the template declares, with or without a value. */
  parameterNames: ReadonlySet<string>;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;

/** Resolves a property that must be known at transform time: a literal, or a Ref to a template parameter. */
function resolveLiteral(value: unknown, scope: ValidationScope): string | { error: string } {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const parameterValue = ownValue(scope.parameterValues, value.Ref);
    if (typeof parameterValue === 'string') return parameterValue;
    return {
      error: `is a Ref to ${quoted(value.Ref)}, which is not a template parameter with a string value; the macro must know this value at transform time: write it literally.`,
    };
  }
  return {
    error: `must be known at transform time: write it literally (or as a Ref to a template parameter); received ${describeValue(value)}.`,
  };
}

/** Validates one Proxy::ServiceIntegration: schema first, then the rules that span properties. */
export function validateIntegration(
  resource: ProxyResource,
  scope: ValidationScope,
): { spec?: IntegrationSpec; diagnostics: Diagnostic[] } {
  const { logicalId } = resource;
  if (!isJsonObject(resource.properties)) {
    return {
      diagnostics: [
        {
          code: DiagnosticCode.invalidProperty,
          logicalId,
          path: 'Properties',
          message: `expected an object with Path, Method, Service, Action and Target; received ${describeValue(resource.properties)}.`,
        },
      ],
    };
  }
  if (!validateProperties(resource.properties)) {
    return { diagnostics: diagnosticsFromSchemaErrors(logicalId, validateProperties.errors ?? []) };
  }
  const properties = resource.properties as IntegrationProperties & JsonObject;
  const diagnostics: Diagnostic[] = [];
  const report = (code: Diagnostic['code'], segments: (string | number)[], message: string) =>
    diagnostics.push({ code, logicalId, path: formatPath(['Properties', ...segments]), message });

  // A reference to a name the template does not define is reported once, on the property that holds
  // it; the checks below stay silent about the properties it makes unknowable.
  const unresolved = findUnresolvedReferences(properties, { resources: scope.resources, parameters: scope.parameterNames });
  for (const reference of unresolved) report(DiagnosticCode.unknownReference, reference.path, reference.message);
  const unresolvedProperties = new Set(unresolved.map((reference) => reference.path[0]));

  const literal = (name: 'Path' | 'Method' | 'Service' | 'Action'): string | undefined => {
    if (unresolvedProperties.has(name)) return undefined;
    const resolved = resolveLiteral(properties[name], scope);
    if (typeof resolved === 'string') return resolved;
    report(DiagnosticCode.unresolvableValue, [name], resolved.error);
    return undefined;
  };
  const pathText = literal('Path');
  const httpMethod = literal('Method');
  const serviceName = literal('Service');
  const actionName = literal('Action');

  let path: PathSegment[] | undefined;
  if (pathText !== undefined) {
    const parsed = parseApiPath(pathText);
    if ('error' in parsed) report(DiagnosticCode.invalidPath, ['Path'], parsed.error);
    else path = parsed;
  }
  if (httpMethod !== undefined && !['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'].includes(httpMethod)) {
    report(
      DiagnosticCode.invalidProperty,
      ['Method'],
      `${describeValue(httpMethod)} is not allowed; expected one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.`,
    );
  }

  const lookup = lookUpAction({ serviceName, actionName, properties: properties as JsonObject, facts: scope.serviceFacts, report });
  let service = lookup.kind === 'builtIn' || lookup.kind === 'generic' || lookup.kind === 'none' ? lookup.service : undefined;
  let action = lookup.kind === 'builtIn' || lookup.kind === 'generic' ? lookup.action : undefined;
  const ownPolicyAllowed = lookup.kind === 'generic' || lookup.kind === 'derived';
  const iamStatements =
    !ownPolicyAllowed || properties.Policy === undefined ? undefined : policyStatements(properties.Policy as JsonObject);
  if (properties.Policy !== undefined && lookup.kind === 'builtIn') {
    report(
      DiagnosticCode.invalidProperty,
      ['Policy'],
      "is only for actions derived from AWS's models or called with Protocol; the macro writes the least-privilege policy of the actions it knows. Use Role for anything more.",
    );
  }

  let target: TargetRef | undefined;
  const parameters: Record<string, ResolvedParameter> = {};
  if (lookup.kind === 'derived') {
    const derived = resolveDerivedIntegration({
      operation: lookup.operation,
      properties: properties as JsonObject,
      resources: scope.resources,
      parameterValues: scope.parameterValues,
      path,
      hasPolicy: iamStatements !== undefined,
    });
    for (const problem of derived.problems) report(problem.code, problem.segments, problem.message);
    if (derived.integration !== undefined) {
      ({ service, action, target } = derived.integration);
      Object.assign(parameters, derived.integration.parameters);
    }
  } else if (service !== undefined && action !== undefined) {
    const rawTarget = properties.Target as Expr | undefined;
    const fallback =
      rawTarget === undefined ? (defaultTarget(service.target) ?? (iamStatements !== undefined ? noTarget() : undefined)) : undefined;
    if (fallback !== undefined) target = fallback;
    else if (unresolvedProperties.has('Target')) target = undefined;
    else if (rawTarget === undefined) {
      report(
        DiagnosticCode.invalidTarget,
        ['Target'],
        `the required property 'Target' is missing: ${service.service} ${actionName} needs ${service.target.description}.`,
      );
    } else {
      const resolved = resolveTarget(rawTarget, service.target, scope.resources, scope.parameterValues);
      if ('error' in resolved) report(DiagnosticCode.invalidTarget, ['Target'], resolved.error);
      else target = resolved;
    }
  }

  if (lookup.kind !== 'derived' && action !== undefined && path !== undefined) {
    const given = { ...((properties.Parameters ?? {}) as Record<string, Json>) };
    // A RequestTemplate replaces the generated body: the parameters that only fill that body are the
    // template's business then, never required (integration request parameters still are).
    const requiredHere = (definition: ParameterDefinition) =>
      definition.required === true && (properties.RequestTemplate === undefined || definition.in === 'requestParameter');
    const known = Object.keys(action.parameters);
    for (const [name, raw] of Object.entries(given)) {
      const definition = Object.hasOwn(action.parameters, name) ? action.parameters[name] : undefined;
      if (definition === undefined) {
        report(
          DiagnosticCode.unknownParameter,
          ['Parameters', name],
          `${quoted(name)} is not a parameter of ${service?.service} ${actionName}; expected one of ${known.join(', ')}.${didYouMean(name, known)}`,
        );
        continue;
      }
      const resolved = resolveParameter(raw, definition, path);
      if (Array.isArray(resolved)) {
        for (const problem of resolved)
          report(DiagnosticCode.invalidParameterValue, ['Parameters', name, ...problem.subPath], problem.message);
      } else {
        const quoteFrom = definition.in === 'requestParameter' ? parameterWithQuote(resolved, scope.parameterValues) : undefined;
        if (quoteFrom !== undefined)
          report(
            DiagnosticCode.invalidParameterValue,
            ['Parameters', name],
            `refers to the template parameter ${quoteFrom}, whose value has a single quote; API Gateway maps this value as a quoted constant, which cannot hold one. Change the value, or read it from the request.`,
          );
        else parameters[name] = resolved;
      }
    }
    for (const [name, definition] of Object.entries(action.parameters)) {
      if (Object.hasOwn(given, name) || definition.default === undefined) continue;
      const resolved = resolveParameter(definition.default, definition, path);
      if (!Array.isArray(resolved)) parameters[name] = resolved;
      else if (requiredHere(definition)) {
        // A required parameter whose default cannot apply (`$request.path.key` without {key} in Path).
        for (const problem of resolved)
          report(
            DiagnosticCode.invalidParameterValue,
            ['Parameters', name],
            `is not given and its default ${describeValue(definition.default)} does not apply: ${problem.message} Give ${name}, or change the Path.`,
          );
        given[name] = definition.default;
      }
    }
    for (const [name, definition] of Object.entries(action.parameters)) {
      const value = parameters[name];
      const readsItem =
        value?.kind === 'value'
          ? value.value.kind === 'selector' && value.value.selector.source === 'item'
          : value?.kind === 'tree' && JSON.stringify(value.tree).includes('"source":"item"');
      if (readsItem && definition.perItemOf !== undefined && !Object.hasOwn(parameters, definition.perItemOf)) {
        report(
          DiagnosticCode.invalidParameterValue,
          ['Parameters', name],
          `reads $item, an element of ${definition.perItemOf}, which is not given; add ${definition.perItemOf} (a JSON array in the body, e.g. "$request.body.${definition.perItemOf.toLowerCase()}") or use a $request selector.`,
        );
      }
      if (requiredHere(definition) && !Object.hasOwn(parameters, name) && !Object.hasOwn(given, name)) {
        report(
          DiagnosticCode.invalidParameterValue,
          ['Parameters', name],
          `the required parameter '${name}' (${definition.description}) is missing.`,
        );
      }
    }
  }

  let requestTemplates: Record<string, string> | undefined;
  const rawTemplate = properties.RequestTemplate;
  const contentTypes = (properties.RequestContentTypes as string[] | undefined)?.map((t) => t.toLowerCase());
  if (contentTypes !== undefined && isJsonObject(rawTemplate)) {
    report(
      DiagnosticCode.invalidProperty,
      ['RequestContentTypes'],
      'RequestTemplate already names its content types (a map of content type → VTL); remove RequestContentTypes, or give RequestTemplate as one string.',
    );
  } else if (contentTypes !== undefined && rawTemplate === undefined && action?.protocol === 'rest') {
    report(
      DiagnosticCode.invalidProperty,
      ['RequestContentTypes'],
      `${service?.service} ${actionName} passes the request body through as it came, whatever its content type; remove RequestContentTypes.`,
    );
  }
  if (typeof rawTemplate === 'string')
    requestTemplates = Object.fromEntries((contentTypes ?? ['application/json']).map((type) => [type, rawTemplate]));
  else if (isJsonObject(rawTemplate)) {
    requestTemplates = {};
    for (const [contentType, template] of Object.entries(rawTemplate)) {
      if (!CONTENT_TYPE.test(contentType))
        report(
          DiagnosticCode.invalidProperty,
          ['RequestTemplate', contentType],
          `${quoted(contentType)} is not a media type; keys are content types such as application/json.`,
        );
      else requestTemplates[contentType.toLowerCase()] = template as string;
    }
  }

  if (typeof properties.Role === 'string' && !ROLE_ARN.test(properties.Role)) {
    report(
      DiagnosticCode.invalidProperty,
      ['Role'],
      `expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role (or !GetAtt MyRole.Arn); received ${describeValue(properties.Role)}.`,
    );
  }

  const api = resolveRestApi(properties.RestApiId as Expr | undefined, properties.RootResourceId as Expr | undefined, scope.resources);
  if ('error' in api && !unresolvedProperties.has(api.property)) report(DiagnosticCode.invalidRestApi, [api.property], api.error);

  const { surface, problems: surfaceProblems } = resolveApiSurface(properties, !('error' in api) && api.kind === 'generated');
  for (const problem of surfaceProblems) report(DiagnosticCode.invalidApiSurface, problem.path, problem.message);
  if (properties.ObjectResponse !== undefined && action !== undefined && !action.servesObject)
    report(
      DiagnosticCode.invalidApiSurface,
      ['ObjectResponse'],
      `applies to actions that serve an object (s3 GetObject, HeadObject); ${service?.service} ${actionName} serves none. Remove it.`,
    );
  if (action?.pathGuard !== undefined && requestTemplates === undefined && surface.passthroughBehavior === 'WHEN_NO_MATCH')
    report(
      DiagnosticCode.invalidApiSurface,
      ['PassthroughBehavior'],
      `WHEN_NO_MATCH would let a request whose content type has no template reach ${service?.service} without the check of its ${action.pathGuard.parameter} (no '.' or '..' segments); use NEVER (the default) or WHEN_NO_TEMPLATES.`,
    );
  const guarded = action?.pathGuard === undefined ? undefined : parameters[action.pathGuard.parameter];
  if (guarded?.kind === 'value' && guarded.value.kind === 'literal' && /(^|[/\\])\.{1,2}([/\\]|$)|^$/.test(guarded.value.text))
    report(
      DiagnosticCode.invalidParameterValue,
      ['Parameters', action?.pathGuard?.parameter as string],
      `${describeValue(guarded.value.text)} is empty or has a '.' or '..' segment, which would address another bucket or the bucket itself; give a key without such segments.`,
    );

  if (
    diagnostics.length > 0 ||
    path === undefined ||
    httpMethod === undefined ||
    service === undefined ||
    action === undefined ||
    actionName === undefined ||
    target === undefined ||
    'error' in api
  ) {
    return { diagnostics };
  }
  const spec: IntegrationSpec = {
    logicalId,
    path,
    httpMethod,
    service,
    actionName,
    action,
    target,
    parameters,
    api,
    surface,
    dependsOn: resource.dependsOn,
  };
  if (requestTemplates !== undefined) spec.requestTemplates = requestTemplates;
  if (contentTypes !== undefined) spec.requestContentTypes = contentTypes;
  if (iamStatements !== undefined) spec.iamStatements = iamStatements;
  if (properties.Role !== undefined) spec.role = properties.Role as Expr;
  if (resource.condition !== undefined) spec.condition = resource.condition;
  if (resource.metadata !== undefined) spec.metadata = resource.metadata;
  return { spec, diagnostics };
}

/**
 * The template parameter an intrinsic value refers to whose value (as CloudFormation passed it) has
 * a single quote: an integration request parameter is a `'constant'` API Gateway cannot escape.
 */
function parameterWithQuote(resolved: ResolvedParameter, parameterValues: Record<string, Json>): string | undefined {
  if (resolved.kind !== 'value' || resolved.value.kind !== 'intrinsic') return undefined;
  for (const name of referencedNames(resolved.value.value)) {
    const value = ownValue(parameterValues, name);
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && text.includes("'"))) return name;
  }
  return undefined;
}

/** The user's Policy as role statements. */
function policyStatements(policy: JsonObject): IamStatementPlan[] {
  const actions = (Array.isArray(policy.Action) ? policy.Action : [policy.Action]) as string[];
  const resources = (Array.isArray(policy.Resource) ? policy.Resource : [policy.Resource]) as Expr[];
  return resources.map((resource) => ({ actions, resource }));
}

/** The target of a generic call on no particular resource: the URI uses the stack's Region. */
function noTarget(): TargetRef {
  return { arn: '', name: '', account: { Ref: 'AWS::AccountId' }, region: { Ref: 'AWS::Region' } };
}
