/**
 * Validation of an integration whose action is derived from AWS's service model: which resource type
 * the Target is (checked against the Service Authorization Reference's ARN pattern), the members the
 * Target supplies, the Parameters checked against the input shape, and the action definition that follows.
 */
import { concat, ref } from '../cloudformation/intrinsics';
import { DiagnosticCode, describeValue } from '../diagnostics';
import { type Checked, invalid, type ReportProblems, valid, within } from '../problem';
import type { FieldValue } from '../request-templates/values';
import { arnPatternRegex, arnServiceOf, resourcePrefixOf, sampleOfSub } from '../service-facts/arn-patterns';
import { resolveShape } from '../service-facts/facts';
import { services } from '../services';
import { type DerivedOperation, type DerivedScope, derivedAction, iamActionOf, type ResourceTypePattern } from '../services/derived-action';
import { ANY_RESOURCE_NAME } from '../services/generic';
import type { ActionDefinition, ServiceDefinition, TargetDefinition } from '../services/types';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';
import type { PathSegment } from './api-path';
import type { ResolvedParameter } from './parameters';
import { resolveShapeParameters } from './shape-parameters';
import { resolveTarget, type TargetRef } from './targets';

/** What the derived integration needs from the resource and the template around it. */
export interface DerivedIntegrationInput {
  operation: DerivedOperation;
  properties: JsonObject;
  resources: JsonObject;
  parameterValues: Record<string, Json>;
  /** Undefined when the Path is invalid (then only the Target and the action are checked). */
  path: PathSegment[] | undefined;
  /** The user gave Policy: the role gets it instead of the derived grant. */
  hasPolicy: boolean;
}

/** The derived integration, in the terms the rest of validation uses. */
export interface DerivedIntegration {
  service: ServiceDefinition;
  action: ActionDefinition;
  target: TargetRef;
  parameters: Record<string, ResolvedParameter>;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** `a queue`, `an endpoint`. */
const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** `ses SendEmail`: how messages name the operation. */
function describeOperation(operation: DerivedOperation): string {
  return `${operation.summary.endpointPrefix} ${operation.name}`;
}

/** The built-in service whose target is this resource type (SQS queues), so Target resolves as its own actions resolve it. */
function builtInTarget(operation: DerivedOperation, type: string): TargetDefinition | undefined {
  const prefix = operation.summary.endpointPrefix;
  const builtIn = Object.hasOwn(services, prefix) ? services[prefix] : undefined;
  return builtIn?.target.iamResourceType === type ? builtIn.target : undefined;
}

/** Which of the candidate resource types a Target is, when that can be told before deployment. */
function typeOfTarget(
  raw: Expr,
  candidates: readonly ResourceTypePattern[],
  operation: DerivedOperation,
  resources: JsonObject,
): Checked<ResourceTypePattern | undefined> {
  const object = isJsonObject(raw) ? (raw as JsonObject) : {};
  const sub = object['Fn::Sub'];
  const text = typeof raw === 'string' ? raw : typeof sub === 'string' ? sampleOfSub(sub) : undefined;
  const expected = () =>
    candidates.length === 1
      ? `the ARN of ${withArticle(candidates[0]?.type ?? '')} (${candidates[0]?.pattern})`
      : `the ARN of one of: ${candidates.map((c) => `${c.type} (${c.pattern})`).join(', ')}`;
  if (text !== undefined) {
    const match = candidates.find((c) => arnPatternRegex(c.pattern).test(text));
    if (match !== undefined) return valid(match);
    // An SQS queue URL names a queue as well as its ARN does.
    if (
      typeof raw === 'string' &&
      candidates.some((c) => builtInTarget(operation, c.type)?.acceptsQueueUrl) &&
      raw.startsWith('https://')
    ) {
      return valid(candidates.find((c) => builtInTarget(operation, c.type) !== undefined));
    }
    const types = candidates.map((c) => withArticle(c.type)).join(' or ');
    return invalid(`${describeOperation(operation)} acts on ${types}: expected ${expected()}; received ${describeValue(raw)}.`);
  }
  if (candidates.length === 1) return valid(candidates[0]);
  // Several types: a Ref or GetAtt of a resource of the template tells which by its type's name.
  const getAtt = object['Fn::GetAtt'];
  const id =
    typeof object.Ref === 'string'
      ? object.Ref
      : Array.isArray(getAtt)
        ? getAtt[0]
        : typeof getAtt === 'string'
          ? getAtt.split('.')[0]
          : undefined;
  const resource = typeof id === 'string' && isJsonObject(resources[id]) ? (resources[id] as JsonObject) : undefined;
  if (resource !== undefined && typeof resource.Type === 'string') {
    const typeName = normalise(resource.Type.split('::').at(-1) ?? '');
    const match = candidates.find(
      (c) => normalise(c.type) === typeName || builtInTarget(operation, c.type)?.resourceType === resource.Type,
    );
    if (match !== undefined) return valid(match);
  }
  return invalid(
    `${describeOperation(operation)} acts on several resource types (${candidates.map((c) => c.type).join(', ')}) ` +
      `and the macro cannot tell which this Target is; write it as an ARN or !Sub text: ${expected()}.`,
  );
}

/** The Target as URIs and policies need it, for a resource of the type. */
function resolveTypedTarget(
  raw: Expr,
  type: ResourceTypePattern,
  operation: DerivedOperation,
  input: DerivedIntegrationInput,
): Checked<TargetRef> {
  const builtIn = builtInTarget(operation, type.type);
  if (builtIn !== undefined) return resolveTarget(raw, builtIn, input.resources, input.parameterValues);
  const prefix = resourcePrefixOf(type.pattern);
  const definition: TargetDefinition = {
    description: `the ARN of ${withArticle(type.type)} (${type.pattern})`,
    resourceType: '',
    arnService: arnServiceOf(type.pattern),
    arnAttribute: 'Arn',
    resourcePrefix: prefix,
    namePattern: ANY_RESOURCE_NAME,
    hierarchicalName: true,
  };
  // A literal ARN is kept as written, partition included, like built-in targets (it names one resource).
  const resolved = resolveTarget(raw, definition, input.resources, input.parameterValues);
  return resolved.ok ? valid({ ...resolved.value, ...stackFieldsOfSub(raw) }) : resolved;
}

/**
 * The Region and account of a `!Sub` ARN written with `${AWS::Region}` and `${AWS::AccountId}`: the
 * stack's own, so the URI reads them directly instead of cutting them out of the ARN.
 */
function stackFieldsOfSub(raw: Expr): Partial<TargetRef> {
  const sub = isJsonObject(raw) ? (raw as JsonObject)['Fn::Sub'] : undefined;
  if (typeof sub !== 'string') return {};
  const fields = sub.replace(/\$\{AWS::(Partition|Region|AccountId)\}/g, '<$1>').split(':');
  return {
    ...(fields[3] === '<Region>' ? { region: ref('AWS::Region') } : {}),
    ...(fields[4] === '<AccountId>' ? { account: ref('AWS::AccountId') } : {}),
  };
}

/** Fills the members a Target would supply while the Target is at fault, so only its own error is reported. */
const STAND_IN_TARGET: TargetRef = { arn: 'target', name: 'target', account: 'target', region: 'target' };

/** The target of a call on no particular resource: the URI uses the stack's Region. */
function noTarget(): TargetRef {
  return { arn: '', name: '', account: ref('AWS::AccountId'), region: ref('AWS::Region') };
}

/** A `{TargetName}`-style text filled from the Target: literal when every piece is known now. */
function fillFromTarget(text: string, target: TargetRef): FieldValue {
  const pieces: Record<string, Expr> = {
    TargetName: target.name,
    TargetArn: target.arn,
    TargetAccount: target.account,
    TargetRegion: target.region,
  };
  const parts = text
    .split(/(\{Target[A-Za-z]+\})/)
    .filter((p) => p !== '')
    .map((part) => {
      const name = /^\{(Target[A-Za-z]+)\}$/.exec(part)?.[1];
      return name !== undefined && Object.hasOwn(pieces, name) ? (pieces[name] as Expr) : part;
    });
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', text: parts.join('') };
  const joined = parts.length === 1 ? (parts[0] as Expr) : concat(parts);
  return typeof joined === 'string' ? { kind: 'literal', text: joined } : { kind: 'intrinsic', value: joined };
}

/**
 * Validates a derived integration: the Target against the action's IAM resource types, the Parameters
 * against its input shape. Problems are reported with their property paths; nothing is thrown.
 */
export function resolveDerivedIntegration(input: DerivedIntegrationInput, report: ReportProblems): DerivedIntegration | undefined {
  const { operation, properties } = input;
  let problemCount = 0;
  const fail: ReportProblems = (code, ...problems) => {
    problemCount += problems.length;
    report(code, ...problems);
  };
  const iam = operation.facts.iam;
  const action = iamActionOf(operation);
  if (action === undefined && !input.hasPolicy) {
    fail(DiagnosticCode.unknownAction, {
      path: ['Action'],
      message:
        `the Service Authorization Reference lists no IAM action for ${describeOperation(operation)}, ` +
        "so the macro cannot write the role's policy; " +
        `give Policy (e.g. {Action: ${operation.summary.iamPrefix ?? operation.summary.signingName}:${operation.name}, Resource: <ARN>}) or Role.`,
    });
  }
  const withPattern = (types: readonly { type: string }[]) =>
    types.flatMap((t) => {
      const pattern = operation.model.resourceTypes[t.type];
      return pattern === undefined ? [] : [{ type: t.type, pattern }];
    });
  const required = withPattern((iam?.resourceTypes ?? []).filter((t) => t.required));
  const optional = withPattern((iam?.resourceTypes ?? []).filter((t) => !t.required));
  const rawTarget = properties.Target as Expr | undefined;

  let target: TargetRef | undefined;
  let scope: DerivedScope | undefined;
  if (rawTarget === undefined) {
    if (required.length > 0 && !input.hasPolicy) {
      fail(DiagnosticCode.invalidTarget, {
        path: ['Target'],
        message:
          `the required property 'Target' is missing: ${describeOperation(operation)} ` +
          `acts on ${required.map((r) => withArticle(r.type)).join(' and ')}; give its ARN (${required.map((r) => r.pattern).join(', ')}); ` +
          "an ARN with '*' in the name covers the resources a request names, e.g. new ones it creates.",
      });
    } else {
      target = noTarget();
      scope = {
        kind: 'any',
        reason:
          iam !== undefined && iam.resourceTypes.length === 0
            ? 'the Service Authorization Reference lists no resource types for this action: IAM cannot scope it to a resource.'
            : 'its resource types are all optional and no Target was given.',
      };
    }
  } else if (iam !== undefined && iam.resourceTypes.length === 0) {
    fail(DiagnosticCode.invalidTarget, {
      path: ['Target'],
      message:
        `${describeOperation(operation)} acts on no resource ` +
        `(the Service Authorization Reference lists no resource types for ${action}); remove Target. The role is granted ${action} on "*".`,
    });
  } else {
    const candidates = required.length > 0 ? required : optional;
    const type = candidates.length === 0 ? undefined : typeOfTarget(rawTarget, candidates, operation, input.resources);
    if (type !== undefined && !type.ok) fail(DiagnosticCode.invalidTarget, ...within(['Target'], type.problems));
    else {
      const typed = type?.value ?? {
        type: 'resource',
        pattern: `arn:\${Partition}:${operation.summary.signingName}:\${Region}:\${Account}:\${ResourceName}`,
      };
      const resolved = resolveTypedTarget(rawTarget, typed, operation, input);
      if (!resolved.ok) fail(DiagnosticCode.invalidTarget, ...within(['Target'], resolved.problems));
      else {
        target = resolved.value;
        scope = { kind: 'target', type: typed.type, others: required.filter((r) => r.type !== typed.type) };
      }
    }
  }

  const inputShape = operation.facts.input === undefined ? undefined : resolveShape(operation.model, operation.facts.input);
  // Members the Target supplies; when the Target itself is at fault, stand-ins keep its error the only one.
  const fromTarget: Record<string, FieldValue> = {};
  const supplier = scope?.kind === 'target' ? target : scope === undefined ? STAND_IN_TARGET : undefined;
  if (supplier !== undefined)
    for (const [member, text] of Object.entries(operation.facts.targetMembers ?? {})) fromTarget[member] = fillFromTarget(text, supplier);
  const given = (properties.Parameters ?? {}) as JsonObject;
  if (input.path === undefined) return undefined;
  const resolved = resolveShapeParameters({
    model: operation.model,
    protocol: operation.summary.protocol,
    input: inputShape,
    operation: describeOperation(operation),
    given,
    fromTarget,
    path: input.path,
  });
  for (const { unknownMember, ...problem } of resolved.problems)
    fail(unknownMember ? DiagnosticCode.unknownParameter : DiagnosticCode.invalidParameterValue, ...within(['Parameters'], [problem]));
  if (problemCount > 0 || target === undefined || scope === undefined) return undefined;

  const definition = derivedAction(operation, resolved.members, scope);
  const parameters: Record<string, ResolvedParameter> = {};
  for (const member of resolved.members) parameters[member.name] = member.value;
  const builtIn = scope.kind === 'target' ? builtInTarget(operation, scope.type) : undefined;
  const service: ServiceDefinition = {
    service: operation.summary.endpointPrefix,
    target: builtIn ?? {
      description: 'the ARN of the resource acted on',
      resourceType: '',
      arnService: '*',
      namePattern: ANY_RESOURCE_NAME,
    },
    actions: {},
  };
  return { service, action: definition, target, parameters };
}
