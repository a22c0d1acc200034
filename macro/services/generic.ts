import { defaultErrorResponses, jsonErrorResponses } from '../request-templates/vtl-text';
import type { ActionDefinition, BodyNode, ParameterDefinition, ServiceDefinition } from './types';

/** Any resource name an ARN may hold: the characters AWS's names use, nothing that is VTL, JSON or a wildcard. */
export const ANY_RESOURCE_NAME = '[A-Za-z0-9_.:/+=,@-]{1,1600}';

/** Parameter names generic mode sends: AWS API parameter names, and flattened Query names (`A.member.1`). */
export const GENERIC_PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

/** The wire protocols a user can ask for when the macro has no definition of the action. */
export const GENERIC_PROTOCOLS = ['aws-json-1.0', 'aws-json-1.1', 'query'] as const;

/** One of the generic wire protocols. */
export type GenericProtocol = (typeof GENERIC_PROTOCOLS)[number];

/** How to call an action the macro has no table entry for, from the user's `Protocol` settings. */
export interface GenericCall {
  protocol: GenericProtocol;
  /** AWS JSON: the `X-Amz-Target` prefix, e.g. `AWSShineFrontendService_20170701` for Amazon Translate. */
  targetPrefix?: string;
  /** Query protocol: the API version sent as `Version`, e.g. `2010-12-01` for Amazon SES. */
  apiVersion?: string;
}

/**
 * A service known only by name: any ARN may be its target. The IAM action prefix is assumed to be
 * the service name, which holds for most services (not for SES, whose API Gateway name is `email`:
 * give `Policy` there).
 */
export function genericService(service: string): ServiceDefinition {
  return {
    service,
    target: {
      description: 'the ARN of the resource acted on (or leave Target out and give Policy)',
      resourceType: '',
      arnService: '*',
      // Any resource of any service: only characters an ARN can hold, and no wildcard.
      namePattern: ANY_RESOURCE_NAME,
      arnAttribute: 'Arn',
    },
    actions: {},
  };
}

/**
 * The definition of an action the macro has no table entry for: every parameter the user gives is
 * sent as is, as a JSON field (AWS JSON) or a form field (Query), and the role may call
 * `service:Action` on the target.
 */
export function genericAction(service: string, action: string, call: GenericCall, parameterNames: readonly string[]): ActionDefinition {
  const json = call.protocol !== 'query';
  // AWS parameter names only (letters, digits, '_', '.'): never `__proto__` or other object internals.
  const names = parameterNames.filter((name) => GENERIC_PARAMETER_NAME.test(name));
  const parameters: Record<string, ParameterDefinition> = Object.fromEntries(
    names.map((name) => [name, { description: `the ${action} parameter ${name}`, kind: json ? 'json' : 'string', wireName: name }]),
  );
  const body: Record<string, BodyNode> = Object.fromEntries(names.map((name) => [name, { parameter: name }]));
  const requestParameters: Record<string, string> = json
    ? {
        'integration.request.header.Content-Type': `'application/x-amz-json-${call.protocol.slice('aws-json-'.length)}'`,
        'integration.request.header.X-Amz-Target': `'${call.targetPrefix}.${action}'`,
      }
    : { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" };
  return {
    uri: `${service}:action/${action}`,
    integrationHttpMethod: 'POST',
    protocol: json ? 'json' : 'form',
    requestParameters,
    fixedFields: json
      ? []
      : [
          ['Action', action],
          ['Version', call.apiVersion ?? ''],
        ],
    targetFields: [],
    body: { object: body },
    parameters,
    iam: [{ actions: [`${service}:${action}`], resource: '{TargetArn}' }],
    // The service's answer is passed on as it is: the macro does not know its shape.
    responses: [{ statusCode: '200', responseTemplate: "$input.json('$')" }, ...(json ? jsonErrorResponses() : defaultErrorResponses)],
  };
}
