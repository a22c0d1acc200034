import { referencedNames } from '../cloudformation/intrinsics';
import { type Diagnostic, DiagnosticCode, type DiagnosticCodeValue, describeValue, quoted } from '../diagnostics';
import { type Problem, type PropertyPath, type ReportProblems, toDiagnostic, within } from '../problem';
import { subTemplateParts } from '../request-templates/sub-template';
import type { ServiceFacts } from '../service-facts/facts';
import type { ActionDefinition, ParameterDefinition, ServiceDefinition } from '../services/types';
import { didYouMean } from '../suggest';
import type { ProxyResource } from '../template/parse';
import { type Expr, isIntrinsic, isJsonObject, type Json, type JsonObject, ownValue } from '../types';
import { type PathSegment, parseApiPath } from './api-path';
import { type ApiSurface, resolveApiSurface } from './api-surface';
import { resolveCacheKeyParameters } from './cache-key-parameters';
import { resolveDerivedIntegration } from './derived-integration';
import type { IamStatementPlan } from './iam-statement';
import { type ResolvedParameter, resolveParameter } from './parameters';
import type { IntegrationProperties } from './properties';
import { findUnresolvedReferences } from './references';
import { type ActionLookup, lookUpAction } from './resolve-action';
import { type ApiRef, isMacroOwnedApi, resolveRestApi } from './rest-api';
import { problemsFromSchemaErrors } from './schema-errors';
import { resolveTargetChoice, type TargetChoice } from './target-choice';
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
  requestTemplates?: Record<string, RawRequestTemplate>;
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
  /** `Targets` and `TargetKey`: the caller chooses among these targets (`target` is the first). */
  targetChoice?: TargetChoice;
}

/** A user's request template: VTL text, or the parts of a !Sub (text and deploy-time values, see sub-template.ts). */
export type RawRequestTemplate = string | readonly Expr[];

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
/** The methods of schema.ts's HTTP_METHODS (not imported: the schema object stays out of the Lambda bundle). */
const HTTP_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];

/** The properties whose checks say nothing more once a reference in them names nothing (PSI115 says it). */
const SILENCED_WHEN_UNRESOLVED: ReadonlySet<string | number | undefined> = new Set([
  'Path',
  'Method',
  'Service',
  'Action',
  'Target',
  'Targets',
  'RestApiId',
  'RootResourceId',
]);

/** How each step reports its problems; paths are below `Properties`. */
type Report = ReportProblems;

/** The service action an integration calls, once both are known. */
interface Operation {
  service: ServiceDefinition;
  actionName: string;
  action: ActionDefinition;
}

/** Validates one Proxy::ServiceIntegration: schema first, then the rules that span properties. */
export function validateIntegration(
  resource: ProxyResource,
  scope: ValidationScope,
): { spec?: IntegrationSpec; diagnostics: Diagnostic[] } {
  const { logicalId } = resource;
  if (!isJsonObject(resource.properties)) {
    const message = `expected an object with Path, Method, Service, Action and Target; received ${describeValue(resource.properties)}.`;
    return { diagnostics: [toDiagnostic(DiagnosticCode.invalidProperty, logicalId, { path: ['Properties'], message })] };
  }
  if (!validateProperties(resource.properties)) {
    const problems = within(['Properties'], problemsFromSchemaErrors(validateProperties.errors ?? []));
    return { diagnostics: problems.map((problem) => toDiagnostic(DiagnosticCode.invalidProperty, logicalId, problem)) };
  }
  const properties = resource.properties as IntegrationProperties & JsonObject;
  const found: { code: DiagnosticCodeValue; problem: Problem }[] = [];
  const report: Report = (code, ...problems) => {
    for (const problem of problems) found.push({ code, problem });
  };

  // A reference to a name the template does not define is reported once, on the property that holds
  // it; the checks below stay silent about the properties it makes unknowable.
  const unresolved = findUnresolvedReferences(properties, { resources: scope.resources, parameters: scope.parameterNames });
  report(DiagnosticCode.unknownReference, ...unresolved);
  const unknowable = new Set(unresolved.map(({ path }) => path[0]).filter((name) => SILENCED_WHEN_UNRESOLVED.has(name)));
  const reportKnowable: Report = (code, ...problems) => report(code, ...problems.filter(({ path }) => !unknowable.has(path[0])));

  const pathText = transformTimeLiteral(properties, 'Path', scope, reportKnowable);
  const httpMethod = transformTimeLiteral(properties, 'Method', scope, reportKnowable);
  const serviceName = transformTimeLiteral(properties, 'Service', scope, reportKnowable);
  const actionName = transformTimeLiteral(properties, 'Action', scope, reportKnowable);
  const path = pathText === undefined ? undefined : checkPath(pathText, reportKnowable);
  if (httpMethod !== undefined) checkMethod(httpMethod, reportKnowable);
  const lookup = lookUpAction({ serviceName, actionName, properties, facts: scope.serviceFacts, report: reportKnowable });
  const iamStatements = checkPolicy(properties, lookup, reportKnowable);
  const { operation, target, parameters, targetChoice } = resolveOperation(
    properties,
    lookup,
    actionName,
    path,
    iamStatements,
    scope,
    reportKnowable,
  );
  const { requestTemplates, contentTypes } = resolveRequestTemplates(properties, operation, reportKnowable);
  checkRole(properties, reportKnowable);
  const api = resolveRestApi(properties.RestApiId as Expr | undefined, properties.RootResourceId as Expr | undefined, scope.resources);
  if (!api.ok) reportKnowable(DiagnosticCode.invalidRestApi, ...api.problems);
  const { surface, problems: surfaceProblems } = resolveApiSurface(properties, api.ok && isMacroOwnedApi(api.value));
  reportKnowable(DiagnosticCode.invalidApiSurface, ...surfaceProblems);
  if (Array.isArray(properties.CacheKeyParameters)) {
    const cacheKey = resolveCacheKeyParameters(properties.CacheKeyParameters as string[], path);
    if (cacheKey.ok) surface.cacheKeyParameters = cacheKey.value;
    else reportKnowable(DiagnosticCode.invalidApiSurface, ...within(['CacheKeyParameters'], cacheKey.problems));
  }
  if (operation !== undefined) checkObjectAccess(properties, operation, parameters, requestTemplates, surface, reportKnowable);

  // The boundary: paths below Properties become the paths people read.
  const diagnostics = found.map(({ code, problem }) =>
    toDiagnostic(code, logicalId, { path: ['Properties', ...problem.path], message: problem.message }),
  );
  if (
    diagnostics.length > 0 ||
    path === undefined ||
    httpMethod === undefined ||
    operation === undefined ||
    target === undefined ||
    !api.ok
  ) {
    return { diagnostics };
  }
  const spec: IntegrationSpec = {
    logicalId,
    path,
    httpMethod,
    service: operation.service,
    actionName: operation.actionName,
    action: operation.action,
    target,
    parameters,
    api: api.value,
    surface,
    dependsOn: resource.dependsOn,
  };
  if (requestTemplates !== undefined) spec.requestTemplates = requestTemplates;
  if (contentTypes !== undefined) spec.requestContentTypes = contentTypes;
  if (iamStatements !== undefined) spec.iamStatements = iamStatements;
  if (targetChoice !== undefined) spec.targetChoice = targetChoice;
  if (properties.Role !== undefined) spec.role = properties.Role as Expr;
  if (resource.condition !== undefined) spec.condition = resource.condition;
  if (resource.metadata !== undefined) spec.metadata = resource.metadata;
  return { spec, diagnostics };
}

/** A property the macro must know at transform time: a literal, or a Ref to a template parameter with a string value. */
function transformTimeLiteral(
  properties: JsonObject,
  name: 'Path' | 'Method' | 'Service' | 'Action',
  scope: ValidationScope,
  report: Report,
): string | undefined {
  const value = properties[name];
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const parameterValue = ownValue(scope.parameterValues, value.Ref);
    if (typeof parameterValue === 'string') return parameterValue;
    report(DiagnosticCode.unresolvableValue, {
      path: [name],
      message:
        `is a Ref to ${quoted(value.Ref)}, which is not a template parameter with a string value; ` +
        'the macro must know this value at transform time: write it literally.',
    });
    return undefined;
  }
  report(DiagnosticCode.unresolvableValue, {
    path: [name],
    message: `must be known at transform time: write it literally (or as a Ref to a template parameter); received ${describeValue(value)}.`,
  });
  return undefined;
}

/** `Path`, parsed into segments. */
function checkPath(pathText: string, report: Report): PathSegment[] | undefined {
  const parsed = parseApiPath(pathText);
  if (parsed.ok) return parsed.value;
  report(DiagnosticCode.invalidPath, ...within(['Path'], parsed.problems));
  return undefined;
}

/** `Method` is one of API Gateway's HTTP methods. */
function checkMethod(httpMethod: string, report: Report): void {
  if (HTTP_METHODS.includes(httpMethod)) return;
  report(DiagnosticCode.invalidProperty, {
    path: ['Method'],
    message: `${describeValue(httpMethod)} is not allowed; expected one of ${HTTP_METHODS.join(', ')}.`,
  });
}

/** `Policy`: the user's own statements, for actions derived from AWS's models or called in generic mode. */
function checkPolicy(properties: JsonObject, lookup: ActionLookup, report: Report): IamStatementPlan[] | undefined {
  if (properties.Policy !== undefined && lookup.kind === 'builtIn') {
    report(DiagnosticCode.invalidProperty, {
      path: ['Policy'],
      message:
        "is only for actions derived from AWS's models or called with Protocol; " +
        'the macro writes the least-privilege policy of the actions it knows. Use Role for anything more.',
    });
  }
  const ownPolicyAllowed = lookup.kind === 'generic' || lookup.kind === 'derived';
  return !ownPolicyAllowed || properties.Policy === undefined ? undefined : policyStatements(properties.Policy as JsonObject);
}

/**
 * The action called, with its target and parameters: from AWS's models for a derived action, from the
 * table (or the user's Protocol settings) otherwise.
 */
function resolveOperation(
  properties: JsonObject,
  lookup: ActionLookup,
  actionName: string | undefined,
  path: PathSegment[] | undefined,
  iamStatements: IamStatementPlan[] | undefined,
  scope: ValidationScope,
  report: Report,
): { operation?: Operation; target?: TargetRef; parameters: Record<string, ResolvedParameter>; targetChoice?: TargetChoice } {
  if (properties.Targets !== undefined && lookup.kind !== 'builtIn') {
    report(DiagnosticCode.invalidTarget, {
      path: ['Targets'],
      message: "is for the actions the macro knows (see the README's services); for this action, declare one integration per target.",
    });
    return { parameters: {} };
  }
  if (lookup.kind === 'derived') {
    const derived = resolveDerivedIntegration(
      {
        operation: lookup.operation,
        properties,
        resources: scope.resources,
        parameterValues: scope.parameterValues,
        path,
        hasPolicy: iamStatements !== undefined,
      },
      report,
    );
    if (derived === undefined) return { parameters: {} };
    const { service, action, target, parameters } = derived;
    return { operation: { service, actionName: lookup.operation.name, action }, target, parameters };
  }
  if ((lookup.kind !== 'builtIn' && lookup.kind !== 'generic') || actionName === undefined) return { parameters: {} };
  const operation: Operation = { service: lookup.service, actionName, action: lookup.action };
  const parameters = path === undefined ? {} : resolveParameters(properties, operation, path, scope.parameterValues, report);
  if (properties.Targets !== undefined) {
    const { action, service } = operation;
    const choice = resolveTargetChoice(properties, action, service.target, path, scope.resources, scope.parameterValues);
    if (!choice.ok) {
      report(DiagnosticCode.invalidTarget, ...choice.problems);
      return { operation, parameters };
    }
    return { operation, target: choice.value.choices[0]?.target, parameters, targetChoice: choice.value };
  }
  const target = resolveIntegrationTarget(properties, operation, iamStatements, scope, report);
  return { operation, target, parameters };
}

/** `Target`: the resource acted on, or the service's default (EventBridge's bus), or none for a generic call with Policy. */
function resolveIntegrationTarget(
  properties: JsonObject,
  { service, actionName, action }: Operation,
  iamStatements: IamStatementPlan[] | undefined,
  scope: ValidationScope,
  report: Report,
): TargetRef | undefined {
  const rawTarget = properties.Target as Expr | undefined;
  const targetless = action.noTargetWith;
  if (targetless !== undefined && isJsonObject(properties.Parameters) && Object.hasOwn(properties.Parameters, targetless)) {
    if (rawTarget === undefined) return noTarget();
    report(DiagnosticCode.invalidTarget, {
      path: ['Target'],
      message: `${service.service} ${actionName} with ${targetless} acts on no ${service.target.resourceType}: remove Target, or remove Parameters.${targetless}.`,
    });
    return undefined;
  }
  if (rawTarget === undefined) {
    const fallback = defaultTarget(service.target) ?? (iamStatements !== undefined ? noTarget() : undefined);
    if (fallback !== undefined) return fallback;
    report(DiagnosticCode.invalidTarget, {
      path: ['Target'],
      message: `the required property 'Target' is missing: ${service.service} ${actionName} needs ${service.target.description}.`,
    });
    return undefined;
  }
  const resolved = resolveTarget(rawTarget, service.target, scope.resources, scope.parameterValues);
  if (resolved.ok) return resolved.value;
  report(DiagnosticCode.invalidTarget, ...within(['Target'], resolved.problems));
  return undefined;
}

/** `Parameters`: each one the action has, resolved; defaults filled in; the required ones present. */
function resolveParameters(
  properties: JsonObject,
  { service, actionName, action }: Operation,
  path: readonly PathSegment[],
  parameterValues: Record<string, Json>,
  report: Report,
): Record<string, ResolvedParameter> {
  const parameters: Record<string, ResolvedParameter> = {};
  const given = { ...((properties.Parameters ?? {}) as Record<string, Json>) };
  // A RequestTemplate replaces the generated body: the parameters that only fill that body are the
  // template's business then, never required (integration request parameters still are).
  const requiredHere = (definition: ParameterDefinition) =>
    definition.required === true && (properties.RequestTemplate === undefined || definition.in === 'requestParameter');
  const known = Object.keys(action.parameters);
  for (const [name, raw] of Object.entries(given)) {
    const definition = Object.hasOwn(action.parameters, name) ? action.parameters[name] : undefined;
    if (definition === undefined) {
      report(DiagnosticCode.unknownParameter, {
        path: ['Parameters', name],
        message:
          `${quoted(name)} is not a parameter of ${service.service} ${actionName}; ` +
          `expected one of ${known.join(', ')}.${didYouMean(name, known)}`,
      });
      continue;
    }
    const resolved = resolveParameter(raw, definition, path);
    if (!resolved.ok) {
      report(DiagnosticCode.invalidParameterValue, ...within(['Parameters', name], resolved.problems));
      continue;
    }
    const quoteFrom = definition.in === 'requestParameter' ? parameterWithQuote(resolved.value, parameterValues) : undefined;
    if (quoteFrom === undefined) parameters[name] = resolved.value;
    else
      report(DiagnosticCode.invalidParameterValue, {
        path: ['Parameters', name],
        message:
          `refers to the template parameter ${quoteFrom}, whose value has a single quote; ` +
          'API Gateway maps this value as a quoted constant, which cannot hold one. Change the value, or read it from the request.',
      });
  }
  for (const [name, definition] of Object.entries(action.parameters)) {
    if (Object.hasOwn(given, name) || definition.default === undefined) continue;
    const resolved = resolveParameter(definition.default, definition, path);
    if (resolved.ok) parameters[name] = resolved.value;
    else if (requiredHere(definition)) {
      // A required parameter whose default cannot apply (`$request.path.key` without {key} in Path).
      for (const problem of resolved.problems)
        report(DiagnosticCode.invalidParameterValue, {
          path: ['Parameters', name],
          message: `is not given and its default ${describeValue(definition.default)} does not apply: ${problem.message} Give ${name}, or change the Path.`,
        });
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
      report(DiagnosticCode.invalidParameterValue, {
        path: ['Parameters', name],
        message:
          `reads $item, an element of ${definition.perItemOf}, which is not given; ` +
          `add ${definition.perItemOf} (a JSON array in the body, e.g. "$request.body.${definition.perItemOf.toLowerCase()}") ` +
          'or use a $request selector.',
      });
    }
    if (requiredHere(definition) && !Object.hasOwn(parameters, name) && !Object.hasOwn(given, name)) {
      report(DiagnosticCode.invalidParameterValue, {
        path: ['Parameters', name],
        message: `the required parameter '${name}' (${definition.description}) is missing.`,
      });
    }
  }
  return parameters;
}

/** `RequestTemplate` and `RequestContentTypes`: the user's request templates by content type. */
function resolveRequestTemplates(
  properties: JsonObject,
  operation: Operation | undefined,
  report: Report,
): { requestTemplates?: Record<string, RawRequestTemplate>; contentTypes?: string[] } {
  const rawTemplate = properties.RequestTemplate;
  const contentTypes = (properties.RequestContentTypes as string[] | undefined)?.map((t) => t.toLowerCase());
  if (contentTypes !== undefined && isJsonObject(rawTemplate)) {
    report(DiagnosticCode.invalidProperty, {
      path: ['RequestContentTypes'],
      message:
        'RequestTemplate already names its content types (a map of content type → VTL); ' +
        'remove RequestContentTypes, or give RequestTemplate as one string.',
    });
  } else if (contentTypes !== undefined && rawTemplate === undefined && operation?.action.protocol === 'rest') {
    report(DiagnosticCode.invalidProperty, {
      path: ['RequestContentTypes'],
      message:
        `${operation.service.service} ${operation.actionName} passes the request body through as it came, whatever its content type; ` +
        'remove RequestContentTypes.',
    });
  }
  const out: { requestTemplates?: Record<string, RawRequestTemplate>; contentTypes?: string[] } = {};
  if (contentTypes !== undefined) out.contentTypes = contentTypes;
  if (typeof rawTemplate === 'string' || isIntrinsic(rawTemplate)) {
    const template = rawRequestTemplate(rawTemplate, ['RequestTemplate'], report);
    if (template !== undefined)
      out.requestTemplates = Object.fromEntries((contentTypes ?? ['application/json']).map((type) => [type, template]));
  } else if (isJsonObject(rawTemplate)) {
    const requestTemplates: Record<string, RawRequestTemplate> = {};
    for (const [contentType, raw] of Object.entries(rawTemplate)) {
      const template = rawRequestTemplate(raw, ['RequestTemplate', contentType], report);
      if (!CONTENT_TYPE.test(contentType))
        report(DiagnosticCode.invalidProperty, {
          path: ['RequestTemplate', contentType],
          message: `${quoted(contentType)} is not a media type; keys are content types such as application/json.`,
        });
      else if (template !== undefined) requestTemplates[contentType.toLowerCase()] = template;
    }
    out.requestTemplates = requestTemplates;
  }
  return out;
}

/** One raw request template: VTL text, or a !Sub taken apart into text and deploy-time values. */
function rawRequestTemplate(raw: Json, path: PropertyPath, report: Report): RawRequestTemplate | undefined {
  if (typeof raw === 'string') return raw;
  if (isIntrinsic(raw) && Object.hasOwn(raw, 'Fn::Sub')) {
    const parts = subTemplateParts(raw);
    if (parts.ok) return parts.value;
    report(DiagnosticCode.invalidProperty, ...within(path, parts.problems));
    return undefined;
  }
  report(DiagnosticCode.invalidProperty, {
    path,
    message:
      `a request template is VTL text, or !Sub to name deploy-time values in it (e.g. "\${Table}"); received ${describeValue(raw)}. ` +
      'Write it as !Sub.',
  });
  return undefined;
}

/** `Role`, when written as a literal, is an IAM role ARN. */
function checkRole(properties: JsonObject, report: Report): void {
  if (typeof properties.Role !== 'string' || ROLE_ARN.test(properties.Role)) return;
  report(DiagnosticCode.invalidProperty, {
    path: ['Role'],
    message:
      'expected an IAM role ARN such as arn:aws:iam::123456789012:role/my-role (or !GetAtt MyRole.Arn); ' +
      `received ${describeValue(properties.Role)}.`,
  });
}

/**
 * The settings of actions that read or write one object: `ObjectResponse` only where an object is
 * served, and an object key that cannot step out of its bucket (the template's check must run, so no
 * passthrough around it, and a literal key must have no '.' or '..' segment).
 */
function checkObjectAccess(
  properties: JsonObject,
  { service, actionName, action }: Operation,
  parameters: Record<string, ResolvedParameter>,
  requestTemplates: Record<string, RawRequestTemplate> | undefined,
  surface: ApiSurface,
  report: Report,
): void {
  if (properties.ObjectResponse !== undefined && !action.servesObject)
    report(DiagnosticCode.invalidApiSurface, {
      path: ['ObjectResponse'],
      message: `applies to actions that serve an object (s3 GetObject, HeadObject); ${service.service} ${actionName} serves none. Remove it.`,
    });
  const guard = action.pathGuard;
  if (guard === undefined) return;
  if (requestTemplates === undefined && surface.passthroughBehavior === 'WHEN_NO_MATCH')
    report(DiagnosticCode.invalidApiSurface, {
      path: ['PassthroughBehavior'],
      message:
        `WHEN_NO_MATCH would let a request whose content type has no template reach ${service.service} ` +
        `without the check of its ${guard.parameter} (no '.' or '..' segments); use NEVER (the default) or WHEN_NO_TEMPLATES.`,
    });
  const guarded = parameters[guard.parameter];
  if (guarded?.kind === 'value' && guarded.value.kind === 'literal' && /(^|[/\\])\.{1,2}([/\\]|$)|^$/.test(guarded.value.text))
    report(DiagnosticCode.invalidParameterValue, {
      path: ['Parameters', guard.parameter],
      message:
        `${describeValue(guarded.value.text)} is empty or has a '.' or '..' segment, ` +
        'which would address another bucket or the bucket itself; give a key without such segments.',
    });
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
