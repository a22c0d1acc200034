/**
 * Which definition an integration's `Service` + `Action` names: a built-in action (richer templates and
 * responses), an action derived from AWS's service model for any other operation of a known service,
 * or, with `Protocol`, generic mode for APIs newer than the models. Unknown names get a did-you-mean
 * that ranks real services first (`ssm` is a service, not a typo of `sqs`).
 */
import { DiagnosticCode, describeValue } from '../diagnostics';
import type { ReportProblems } from '../problem';
import { type ServiceFacts, servicesNamed } from '../service-facts/facts';
import { services } from '../services';
import type { DerivedOperation } from '../services/derived-action';
import { GENERIC_PROTOCOLS, type GenericCall, genericAction, genericService } from '../services/generic';
import type { ActionDefinition, ServiceDefinition } from '../services/types';
import { didYouMean, editDistance, suggest } from '../suggest';
import type { JsonObject } from '../types';

/** What `Service` + `Action` resolved to. */
export type ActionLookup =
  | { kind: 'builtIn' | 'generic'; service: ServiceDefinition; action: ActionDefinition }
  | { kind: 'derived'; operation: DerivedOperation }
  | { kind: 'none'; service?: ServiceDefinition };

type Report = ReportProblems;

/** What the lookup reads. */
export interface ActionLookupInput {
  serviceName: string | undefined;
  actionName: string | undefined;
  properties: JsonObject;
  /** AWS's models; without them only the built-in actions and generic mode are known. */
  facts: ServiceFacts | undefined;
  report: Report;
}

/** The operation of the first service a name stands for that has the action (`email`: SES v1, then SES v2). */
function findOperation(facts: ServiceFacts, serviceName: string, actionName: string): DerivedOperation | undefined {
  for (const id of servicesNamed(facts.index, serviceName)) {
    const summary = facts.index.services[id];
    const model = facts.model(id);
    if (summary === undefined || model === undefined || !Object.hasOwn(model.operations, actionName)) continue;
    return { summary, model, name: actionName, facts: model.operations[actionName] ?? {} };
  }
  return undefined;
}

/** The built-in service an API Gateway name (or any name of the same model) stands for. */
function builtInService(facts: ServiceFacts | undefined, serviceName: string): ServiceDefinition | undefined {
  if (Object.hasOwn(services, serviceName)) return services[serviceName];
  if (facts === undefined) return undefined;
  for (const id of servicesNamed(facts.index, serviceName)) {
    const prefix = facts.index.services[id]?.endpointPrefix;
    if (prefix !== undefined && Object.hasOwn(services, prefix)) return services[prefix];
  }
  return undefined;
}

/** The names a service is known by, built-ins first, for suggestions. */
function knownServiceNames(facts: ServiceFacts | undefined): string[] {
  return [...Object.keys(services), ...(facts === undefined ? [] : Object.keys(facts.index.aliases))];
}

/** The operations closest to a misspelt action, for the message. */
function closest(received: string, candidates: readonly string[], count: number): string[] {
  return [...candidates]
    .map((name) => [name, editDistance(received, name)] as const)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([name]) => name);
}

/** Looks up the action; every problem is reported. */
export function lookUpAction(input: ActionLookupInput): ActionLookup {
  const { serviceName, actionName, properties, facts, report } = input;
  if (serviceName === undefined) return { kind: 'none' };
  const genericRequested = properties.Protocol !== undefined;
  const generic = genericRequested ? genericCall(properties, report) : undefined;
  const builtIn = builtInService(facts, serviceName);
  const modelled = facts !== undefined && servicesNamed(facts.index, serviceName).length > 0;
  const builtInAction =
    builtIn !== undefined && actionName !== undefined && Object.hasOwn(builtIn.actions, actionName)
      ? builtIn.actions[actionName]
      : undefined;

  if (builtIn === undefined && !modelled) {
    // A near miss of a known service is a typo, with or without Protocol: `sqss` is not a new service.
    const known = knownServiceNames(facts);
    const typoOf = suggest(serviceName, known);
    if (typoOf !== undefined || !genericRequested) {
      const hint =
        typoOf !== undefined
          ? didYouMean(serviceName, known)
          : ' To call an AWS API newer than the models the macro ships, add Protocol ' +
            '(aws-json-1.0 or aws-json-1.1 with TargetPrefix, or query with ApiVersion).';
      const expected =
        facts === undefined
          ? `expected one of ${Object.keys(services).join(', ')}`
          : 'expected an AWS service as API Gateway or the AWS SDKs name it, ' +
            'e.g. sqs, sns, dynamodb, states, ssm, email (or ses), runtime.sagemaker (or sagemaker-runtime)';
      report(DiagnosticCode.unknownService, {
        path: ['Service'],
        message: `unknown service ${describeValue(serviceName)}; ${expected}.${hint}`,
      });
      return { kind: 'none' };
    }
    if (!/^[a-z0-9-]+$/.test(serviceName)) {
      report(DiagnosticCode.unknownService, {
        path: ['Service'],
        message:
          `${describeValue(serviceName)} is not an AWS service name as API Gateway writes it ` +
          "(lower-case letters, digits, '-'), e.g. translate, email, secretsmanager.",
      });
      return { kind: 'none' };
    }
  }
  if (actionName === undefined) return { kind: 'none' };

  if (genericRequested) {
    if (builtInAction !== undefined && builtIn !== undefined) {
      report(DiagnosticCode.invalidProperty, {
        path: ['Protocol'],
        message: `${builtIn.service} ${actionName} has a definition in the macro, which knows its protocol; remove Protocol (and TargetPrefix, ApiVersion).`,
      });
      return { kind: 'none' };
    }
    if (generic === undefined) return { kind: 'none' };
    if (!/^[A-Z][A-Za-z0-9]*$/.test(actionName)) {
      report(DiagnosticCode.unknownAction, {
        path: ['Action'],
        message: `${describeValue(actionName)} is not an AWS API action name; write it as AWS does, e.g. TranslateText.`,
      });
      return { kind: 'none' };
    }
    const service = builtIn ?? genericService(serviceName);
    const action = genericAction(service.service, actionName, generic, Object.keys((properties.Parameters ?? {}) as JsonObject));
    return { kind: 'generic', service, action };
  }

  if (builtInAction !== undefined && builtIn !== undefined) return { kind: 'builtIn', service: builtIn, action: builtInAction };
  const operation = facts === undefined ? undefined : findOperation(facts, serviceName, actionName);
  if (operation !== undefined) return { kind: 'derived', operation };

  const operations = new Set<string>(Object.keys(builtIn?.actions ?? {}));
  if (facts !== undefined)
    for (const id of servicesNamed(facts.index, serviceName))
      for (const name of Object.keys(facts.model(id)?.operations ?? {})) operations.add(name);
  const names = [...operations].sort();
  const label = builtIn?.service ?? serviceName;
  const expected =
    names.length <= 12
      ? `expected one of ${names.join(', ')}`
      : `it has ${names.length} actions in AWS's service model${actionName.length <= 100 ? `, e.g. ${closest(actionName, names, 5).join(', ')}` : ''}`;
  report(DiagnosticCode.unknownAction, {
    path: ['Action'],
    message:
      `${describeValue(actionName)} is not an action of service '${label}'; ${expected}.${didYouMean(actionName, names)}` +
      (modelled ? '' : ' To call an action newer than the models the macro ships, add Protocol.'),
  });
  return { kind: 'none', ...(builtIn !== undefined ? { service: builtIn } : {}) };
}

/** The generic-mode call settings, checked: AWS JSON needs a TargetPrefix, Query an ApiVersion. */
function genericCall(properties: JsonObject, report: Report): GenericCall | undefined {
  const protocol = properties.Protocol as GenericCall['protocol'];
  if (!GENERIC_PROTOCOLS.includes(protocol)) {
    report(DiagnosticCode.invalidProperty, {
      path: ['Protocol'],
      message: `expected one of ${GENERIC_PROTOCOLS.join(', ')}; received ${describeValue(protocol)}.`,
    });
    return undefined;
  }
  const call: GenericCall = { protocol };
  if (protocol === 'query') {
    if (typeof properties.ApiVersion !== 'string')
      report(DiagnosticCode.invalidProperty, {
        path: ['ApiVersion'],
        message: "the Query protocol needs the service's API version, e.g. ApiVersion: '2010-12-01' for SES.",
      });
    else call.apiVersion = properties.ApiVersion;
  } else if (typeof properties.TargetPrefix !== 'string') {
    report(DiagnosticCode.invalidProperty, {
      path: ['TargetPrefix'],
      message:
        'the AWS JSON protocol needs the X-Amz-Target prefix of the service, ' +
        "e.g. TargetPrefix: AWSShineFrontendService_20170701 for translate (see the service's API reference, 'X-Amz-Target').",
    });
  } else call.targetPrefix = properties.TargetPrefix;
  return call.apiVersion !== undefined || call.targetPrefix !== undefined ? call : undefined;
}
