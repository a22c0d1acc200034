import { type Diagnostic, DiagnosticCode, describeValue, formatPath } from '../diagnostics';
import { services } from '../services';
import { GENERIC_PROTOCOLS, type GenericCall, genericAction, genericService } from '../services/generic';
import type { ActionDefinition, ServiceDefinition } from '../services/types';
import { didYouMean, suggest } from '../suggest';
import type { ProxyResource } from '../template/parse';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';
import { type PathSegment, parseApiPath } from './api-path';
import { type ApiSurface, resolveApiSurface } from './api-surface';
import type { IamStatementPlan } from './iam-statement';
import { type ResolvedParameter, resolveParameter } from './parameters';
import type { IntegrationProperties } from './properties';
import { findUnresolvedReferences } from './references';
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
  /** Every parameter the template declares, with or without a value. */
  parameterNames: ReadonlySet<string>;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
const CONTENT_TYPE = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+$/;

/** Resolves a property that must be known at transform time: a literal, or a Ref to a template parameter. */
function resolveLiteral(value: unknown, scope: ValidationScope): string | { error: string } {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const parameterValue = scope.parameterValues[value.Ref];
    if (typeof parameterValue === 'string') return parameterValue;
    return {
      error: `is a Ref to '${value.Ref}', which is not a template parameter with a string value; the macro must know this value at transform time: write it literally.`,
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

  // Generic mode (an action without a table entry) only when asked for with Protocol, and never
  // for a near miss of a known service: `sqss` is a typo, not a new service.
  const genericRequested = properties.Protocol !== undefined;
  const generic = genericRequested ? genericCall(properties as JsonObject, report) : undefined;
  const knownServices = Object.keys(services);
  const typoOf = serviceName === undefined || Object.hasOwn(services, serviceName) ? undefined : suggest(serviceName, knownServices);
  // Own properties only: a Service or Action such as 'constructor' must not find Object.prototype's.
  let service = serviceName === undefined || !Object.hasOwn(services, serviceName) ? undefined : services[serviceName];
  if (serviceName !== undefined && service === undefined && (!genericRequested || typoOf !== undefined)) {
    const hint =
      typoOf !== undefined
        ? didYouMean(serviceName, knownServices)
        : ' To call an AWS API the macro has no definition for, add Protocol (aws-json-1.0 or aws-json-1.1 with TargetPrefix, or query with ApiVersion).';
    report(
      DiagnosticCode.unknownService,
      ['Service'],
      `unknown service ${describeValue(serviceName)}; expected one of ${knownServices.join(', ')}.${hint}`,
    );
  } else if (serviceName !== undefined && service === undefined && !/^[a-z0-9-]+$/.test(serviceName)) {
    report(
      DiagnosticCode.unknownService,
      ['Service'],
      `${describeValue(serviceName)} is not an AWS service name as API Gateway writes it (lower-case letters, digits, '-'), e.g. translate, email, secretsmanager.`,
    );
  } else if (serviceName !== undefined && service === undefined) service = genericService(serviceName);
  let action =
    service === undefined || actionName === undefined || !Object.hasOwn(service.actions, actionName)
      ? undefined
      : service.actions[actionName];
  if (service !== undefined && actionName !== undefined && action !== undefined && genericRequested) {
    report(
      DiagnosticCode.invalidProperty,
      ['Protocol'],
      `${service.service} ${actionName} has a definition in the macro, which knows its protocol; remove Protocol (and TargetPrefix, ApiVersion).`,
    );
  } else if (service !== undefined && actionName !== undefined && action === undefined && generic !== undefined) {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(actionName))
      report(
        DiagnosticCode.unknownAction,
        ['Action'],
        `${describeValue(actionName)} is not an AWS API action name; write it as AWS does, e.g. TranslateText.`,
      );
    else action = genericAction(service.service, actionName, generic, Object.keys((properties.Parameters ?? {}) as JsonObject));
  } else if (service !== undefined && actionName !== undefined && action === undefined && !genericRequested) {
    const known = Object.keys(service.actions);
    report(
      DiagnosticCode.unknownAction,
      ['Action'],
      `${describeValue(actionName)} is not an action of service '${service.service}'; expected one of ${known.join(', ')}.${didYouMean(actionName, known)}`,
    );
  }
  const iamStatements =
    generic === undefined || properties.Policy === undefined ? undefined : policyStatements(properties.Policy as JsonObject);
  if (properties.Policy !== undefined && !genericRequested) {
    report(
      DiagnosticCode.invalidProperty,
      ['Policy'],
      'is only for actions called in generic mode (with Protocol); the macro writes the least-privilege policy of the actions it knows. Use Role for anything more.',
    );
  }

  let target: TargetRef | undefined;
  if (service !== undefined && action !== undefined) {
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

  const parameters: Record<string, ResolvedParameter> = {};
  if (action !== undefined && path !== undefined) {
    const given = { ...((properties.Parameters ?? {}) as Record<string, Json>) };
    const known = Object.keys(action.parameters);
    for (const [name, raw] of Object.entries(given)) {
      const definition = Object.hasOwn(action.parameters, name) ? action.parameters[name] : undefined;
      if (definition === undefined) {
        report(
          DiagnosticCode.unknownParameter,
          ['Parameters', name],
          `'${name}' is not a parameter of ${service?.service} ${actionName}; expected one of ${known.join(', ')}.${didYouMean(name, known)}`,
        );
        continue;
      }
      const resolved = resolveParameter(raw, definition, path);
      if (Array.isArray(resolved)) {
        for (const problem of resolved)
          report(DiagnosticCode.invalidParameterValue, ['Parameters', name, ...problem.subPath], problem.message);
      } else parameters[name] = resolved;
    }
    for (const [name, definition] of Object.entries(action.parameters)) {
      if (name in given || definition.default === undefined) continue;
      const resolved = resolveParameter(definition.default, definition, path);
      if (!Array.isArray(resolved)) parameters[name] = resolved;
      else if (definition.required) {
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
      if (readsItem && definition.perItemOf !== undefined && !(definition.perItemOf in parameters)) {
        report(
          DiagnosticCode.invalidParameterValue,
          ['Parameters', name],
          `reads $item, an element of ${definition.perItemOf}, which is not given; add ${definition.perItemOf} (a JSON array in the body, e.g. "$request.body.${definition.perItemOf.toLowerCase()}") or use a $request selector.`,
        );
      }
      if (definition.required && !(name in parameters) && !(name in given)) {
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
  if (typeof rawTemplate === 'string') requestTemplates = { 'application/json': rawTemplate };
  else if (isJsonObject(rawTemplate)) {
    requestTemplates = {};
    for (const [contentType, template] of Object.entries(rawTemplate)) {
      if (!CONTENT_TYPE.test(contentType))
        report(
          DiagnosticCode.invalidProperty,
          ['RequestTemplate', contentType],
          `'${contentType}' is not a media type; keys are content types such as application/json.`,
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
  if (iamStatements !== undefined) spec.iamStatements = iamStatements;
  if (properties.Role !== undefined) spec.role = properties.Role as Expr;
  if (resource.condition !== undefined) spec.condition = resource.condition;
  if (resource.metadata !== undefined) spec.metadata = resource.metadata;
  return { spec, diagnostics };
}

/** The generic-mode call settings, checked: AWS JSON needs a TargetPrefix, Query an ApiVersion. */
function genericCall(
  properties: JsonObject,
  report: (code: Diagnostic['code'], segments: (string | number)[], message: string) => void,
): GenericCall | undefined {
  const protocol = properties.Protocol as GenericCall['protocol'];
  if (!GENERIC_PROTOCOLS.includes(protocol)) {
    report(
      DiagnosticCode.invalidProperty,
      ['Protocol'],
      `expected one of ${GENERIC_PROTOCOLS.join(', ')}; received ${describeValue(protocol)}.`,
    );
    return undefined;
  }
  const call: GenericCall = { protocol };
  if (protocol === 'query') {
    if (typeof properties.ApiVersion !== 'string')
      report(
        DiagnosticCode.invalidProperty,
        ['ApiVersion'],
        "the Query protocol needs the service's API version, e.g. ApiVersion: '2010-12-01' for SES.",
      );
    else call.apiVersion = properties.ApiVersion;
  } else if (typeof properties.TargetPrefix !== 'string') {
    report(
      DiagnosticCode.invalidProperty,
      ['TargetPrefix'],
      "the AWS JSON protocol needs the X-Amz-Target prefix of the service, e.g. TargetPrefix: AWSShineFrontendService_20170701 for translate (see the service's API reference, 'X-Amz-Target').",
    );
  } else call.targetPrefix = properties.TargetPrefix;
  return call.apiVersion !== undefined || call.targetPrefix !== undefined ? call : undefined;
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
