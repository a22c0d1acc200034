/**
 * Actions the built-in table has no entry for, derived from AWS's service model and the Service
 * Authorization Reference: the integration URI, the request template's protocol and headers, the IAM
 * grant and the responses all follow from the facts, so any action of a known service can be called by
 * `Service` + `Action` + `Parameters`.
 */
import { defaultErrorResponses, jsonErrorResponses, THROTTLING_STATUS } from '../request-templates/vtl-text';
import type { ResolvedMember } from '../schema/shape-parameters';
import { wildcardArn } from '../service-facts/arn-patterns';
import { jsonContentType, type OperationFacts, type ServiceModel, type ServiceSummary } from '../service-facts/facts';
import type { ActionDefinition, BodyNode, IamGrant, ParameterDefinition, ResponseDefinition } from './types';

/** An operation of a service the facts know. */
export interface DerivedOperation {
  summary: ServiceSummary;
  model: ServiceModel;
  /** The operation's name, as AWS writes it (`SendEmail`). */
  name: string;
  facts: OperationFacts;
}

/** An IAM resource type and its ARN pattern. */
export interface ResourceTypePattern {
  type: string;
  pattern: string;
}

/** Which resources the role's grant covers. */
export type DerivedScope =
  /** The Target, a resource of `type`; `others` are required types the call also touches. */
  | { kind: 'target'; type: string; others: readonly ResourceTypePattern[] }
  /** No resource can be named: the grant is on `*`, for the reason given. */
  | { kind: 'any'; reason: string };

/** `<iamPrefix>:<Action>`, the IAM action of an operation; undefined when the reference lists none. */
export function iamActionOf(operation: DerivedOperation): string | undefined {
  const { iamPrefix } = operation.summary;
  return iamPrefix === undefined || operation.facts.iam === undefined ? undefined : `${iamPrefix}:${operation.facts.iam.action}`;
}

/** The role's statements: exactly the operation's IAM action, on the Target or, when AWS allows no narrower, on `*`. */
function iamGrants(operation: DerivedOperation, scope: DerivedScope): IamGrant[] {
  const action = iamActionOf(operation);
  if (action === undefined) return [];
  if (scope.kind === 'any') return [{ actions: [action], resource: '*', note: `${action}: Resource "*" because ${scope.reason}` }];
  return [
    { actions: [action], resource: '{TargetArn}' },
    ...scope.others.map((other) => ({
      actions: [action],
      resource: wildcardArn(other.pattern),
      note:
        `${action} also requires permission on the ${other.type} (${other.pattern}) the request names, which is not the Target: ` +
        `granted on every ${other.type} in the Target's account and Region.`,
    })),
  ];
}

/** Responses by protocol: the service's JSON (a Query result unwrapped), errors mapped as the built-in actions map them. */
function responses(operation: DerivedOperation): ResponseDefinition[] {
  const { protocol, serviceId } = operation.summary;
  switch (protocol) {
    case 'json':
      return [{ statusCode: '200', responseTemplate: "$input.json('$')" }, ...jsonErrorResponses(THROTTLING_STATUS)];
    case 'rest-json':
      return [
        operation.facts.rawOutput ? { statusCode: '200' } : { statusCode: '200', responseTemplate: "$input.json('$')" },
        ...jsonErrorResponses(THROTTLING_STATUS),
      ];
    case 'query':
    case 'ec2': {
      // AWS answers Query calls in JSON when asked (API Gateway asks): {"<Action>Response": {"<Action>Result": {...}}}.
      const wrapper = operation.facts.resultWrapper;
      const result = wrapper === undefined ? '{}' : `$input.json('$.${operation.name}Response.${wrapper}')`;
      return [{ statusCode: '200', responseTemplate: result }, ...defaultErrorResponses];
    }
    case 'rest-xml': {
      // XML errors cannot be read with $input.path: a fixed JSON body per status class.
      const body = (message: string, code: string) => `{"message":"${message}","code":"${code}"}`;
      return [
        { statusCode: '200' },
        { selectionPattern: '4\\d{2}', statusCode: '400', responseTemplate: body(`${serviceId} rejected the request.`, 'BadRequest') },
        { selectionPattern: '5\\d{2}', statusCode: '502', responseTemplate: body(`${serviceId} failed to answer.`, 'ServiceError') },
      ];
    }
  }
}

const HTTP_METHODS = new Set<ActionDefinition['integrationHttpMethod']>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

/**
 * The action definition of an operation, for the members the integration sends. URI labels given a
 * value now (a literal, the Target's name) are written into the URI; labels read from the request are
 * mapped by API Gateway at call time.
 */
export function derivedAction(operation: DerivedOperation, members: readonly ResolvedMember[], scope: DerivedScope): ActionDefinition {
  const { summary, facts, name } = operation;
  const parameters: Record<string, ParameterDefinition> = {};
  const body: Record<string, BodyNode> = {};
  let payload: ResolvedMember | undefined;
  const host =
    facts.hostPrefix !== undefined && !facts.hostPrefix.includes('{')
      ? `${facts.hostPrefix}${summary.endpointPrefix}`
      : summary.endpointPrefix;
  let uri: string;
  switch (summary.protocol) {
    case 'query':
    case 'ec2':
    case 'json':
      uri = summary.uri !== undefined && scope.kind === 'target' ? `${host}:${summary.uri}` : `${host}:action/${name}`;
      break;
    default:
      uri = `${host}:path${(facts.requestUri ?? '/').replace(/\{([A-Za-z0-9_-]+)\+\}/g, '{$1}')}`;
  }
  for (const member of members) {
    const { placement } = member;
    if (placement.in === 'uri' && member.value.kind === 'value' && member.value.value.kind !== 'selector') {
      // Known now: written into the URI by the planner (`{Member}` → the value).
      uri = uri.replace(`{${placement.name}}`, `{${member.name}}`);
      parameters[member.name] = { description: member.definition.description, kind: 'string', wireName: '' };
      continue;
    }
    parameters[member.name] = member.definition;
    if (placement.in === 'body') body[member.name] = { parameter: member.name };
    if (placement.in === 'payload') payload = member;
  }
  const method = (facts.method ?? 'POST').toUpperCase() as ActionDefinition['integrationHttpMethod'];
  const definition: ActionDefinition = {
    uri,
    integrationHttpMethod: HTTP_METHODS.has(method) ? method : 'POST',
    protocol: 'json',
    requestParameters: {},
    fixedFields: [],
    targetFields: [],
    parameters,
    iam: iamGrants(operation, scope),
    responses: responses(operation),
  };
  switch (summary.protocol) {
    case 'query':
    case 'ec2':
      definition.protocol = 'form';
      definition.requestParameters = { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" };
      definition.fixedFields = [
        ['Action', name],
        ['Version', summary.apiVersion],
      ];
      break;
    case 'json':
      definition.requestParameters = {
        'integration.request.header.Content-Type': `'${jsonContentType(summary.jsonVersion)}'`,
        'integration.request.header.X-Amz-Target': `'${summary.targetPrefix}.${name}'`,
      };
      definition.body = { object: body };
      break;
    default:
      if (payload !== undefined && payload.value.kind === 'value') {
        // The method request's body is the service's payload, as it came (binary included): no template.
        definition.protocol = 'rest';
      } else {
        definition.requestParameters = { 'integration.request.header.Content-Type': "'application/json'" };
        definition.body = payload !== undefined ? { parameter: payload.name } : { object: body };
      }
  }
  return definition;
}
