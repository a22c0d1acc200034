import { concat, getAtt, ref, referencedNames } from '../cloudformation/intrinsics';
import { describeValue } from '../diagnostics';
import { type Checked, invalid, valid } from '../problem';
import type { SamDerivedReference, TargetDefinition, TargetResourceType } from '../services/types';
import { type Expr, isJsonObject, type Json, type JsonObject, ownValue } from '../types';

/** The target resource taken apart into the pieces URIs and policies need. */
export interface TargetRef {
  /** The resource ARN, for the IAM policy. */
  arn: Expr;
  /** The resource name (the ARN's last field). */
  name: Expr;
  account: Expr;
  region: Expr;
}

const PARTITION = ref('AWS::Partition');
const ARN = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/;
const QUEUE_URL = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;

/** Splits an ARN known only at deploy time into its fields with Fn::Select/Fn::Split. */
function arnField(arn: Expr, index: number): Expr {
  return { 'Fn::Select': [index, { 'Fn::Split': [':', arn as Json] }] };
}

/** The name inside an ARN's resource field, or undefined when the field is not `prefix` + name. */
function nameOf(resource: string, prefix: string, hierarchical: boolean): string | undefined {
  if (!resource.startsWith(prefix)) return undefined;
  const name = resource.slice(prefix.length);
  if (name === '') return undefined;
  return !hierarchical && (name.includes(':') || name.includes('/')) ? undefined : name;
}

/** A target written as a literal ARN, checked against the service's kind of resource. */
function fromLiteralArn(value: string, definition: TargetDefinition): Checked<TargetRef> {
  const m = ARN.exec(value);
  if (m === null || (definition.arnService !== '*' && m[2] !== definition.arnService)) {
    return invalid(`expected ${definition.description}; received ${describeValue(value)}, which is not an ${definition.arnService} ARN.`);
  }
  const [, , , region, account, qualifiedResource] = m as unknown as [string, string, string, string, string, string];
  const qualified = splitQualifier(qualifiedResource, definition);
  if (!qualified.ok) return invalid(`the ARN ${describeValue(value)} ${qualified.problems[0]?.message}`);
  const resource = qualified.value;
  const prefix = definition.resourcePrefix ?? '';
  const name = definition.arnService === '*' ? resource : nameOf(resource, prefix, definition.hierarchicalName === true);
  if (name === undefined) {
    const named = prefix === '' ? 'the resource itself' : `a '${prefix}<name>' resource`;
    return invalid(`the ARN ${describeValue(value)} does not name ${named}; expected ${definition.description}.`);
  }
  const badName = checkName(name, definition);
  if (badName !== undefined) return invalid(`the ARN ${describeValue(value)} ${badName}`);
  // The ARN as written, partition included: a literal names one resource, in one partition (its
  // Region belongs to one too), so arn:aws-cn:... stays arn:aws-cn:... in the policy and wherever it
  // is used; rewriting it to the stack's partition would name another resource.
  return valid({
    arn: value,
    name,
    // Global ARNs (S3 buckets) carry no Region or account: the stack's are the right ones for the URI.
    account: account === '' ? ref('AWS::AccountId') : account,
    region: region === '' ? ref('AWS::Region') : region,
  });
}

/**
 * An ARN's resource field without its qualifier (`function:name:live` → `function:name`), the
 * qualifier checked: a Lambda alias or version names one function's alias or version, and the role
 * is granted exactly that. Services without qualifiers keep the field whole.
 */
function splitQualifier(resource: string, definition: TargetDefinition): Checked<string> {
  const pattern = definition.qualifierPattern;
  const prefix = definition.resourcePrefix ?? '';
  if (pattern === undefined || !resource.startsWith(prefix)) return valid(resource);
  const colon = resource.indexOf(':', prefix.length);
  if (colon < 0) return valid(resource);
  const qualifier = resource.slice(colon + 1);
  if (qualifier === '$LATEST')
    return invalid("has the qualifier '$LATEST', which is what the unqualified ARN invokes: leave the qualifier out.");
  if (!new RegExp(`^(?:${pattern})$`).test(qualifier))
    return invalid(
      `has the qualifier ${describeValue(qualifier)}, which is neither an alias nor a version AWS allows (${pattern}); ` +
        `expected ${definition.description}.`,
    );
  return valid(resource.slice(0, colon));
}

/** Characters a value inside an ARN may hold: what AWS's resource names use, nothing that is VTL, JSON or a wildcard. */
const ARN_TEXT = /^[A-Za-z0-9_.:/+=,@-]*$/;

/**
 * Why a resource name is not one AWS allows for the service, or undefined when it is. A wildcard is
 * refused by name: an integration calls one resource, and `*` would grant the role every match
 * (generic mode's Policy is the explicit way to grant a wildcard resource).
 */
function checkName(name: string, definition: TargetDefinition): string | undefined {
  if (/[*?]/.test(name))
    return (
      "has a wildcard ('*' or '?'); a Target names the one resource the integration calls, and the role is granted exactly that. " +
      'For a wildcard resource, call the action in generic mode (Protocol) and grant it with Policy.'
    );
  if (!new RegExp(`^(?:${definition.namePattern})$`).test(name))
    return (
      `has the name ${describeValue(name)}, which is not a name AWS allows here (${definition.namePattern}): ` +
      `it would land in the URI, the role's policy and the mapping template as written; expected ${definition.description}.`
    );
  return undefined;
}

/**
 * Template parameters a deploy-time Target refers to whose values (which CloudFormation passes the
 * macro) are not ARN text: refused, since they become part of the URI, the policy and templates.
 */
function checkParameterValues(value: Expr, parameterValues: Record<string, Json>): string | undefined {
  for (const name of referencedNames(value as Json)) {
    if (!Object.hasOwn(parameterValues, name)) continue;
    const given = parameterValues[name];
    for (const text of Array.isArray(given) ? given : [given]) {
      if (typeof text !== 'string') continue;
      if (/[*?]/.test(text))
        return (
          `refers to the template parameter ${name}, whose value ${describeValue(text)} has a wildcard ('*' or '?'); ` +
          'a Target names the one resource the integration calls. ' +
          'For a wildcard resource, call the action in generic mode (Protocol) and grant it with Policy.'
        );
      if (!ARN_TEXT.test(text))
        return (
          `refers to the template parameter ${name}, whose value ${describeValue(text)} has characters no ARN holds ` +
          "(quotes, '$', '#', '\\', spaces...); it would land in the URI, the role's policy and the mapping template as written."
        );
    }
  }
  return undefined;
}

/** The name of a resource whose ARN is known only at deploy time, cut out with Fn::Select/Fn::Split. */
function nameFromDeployTimeArn(arn: Expr, definition: TargetDefinition): Expr {
  const prefix = definition.resourcePrefix ?? '';
  if (prefix.endsWith(':')) return arnField(arn, 6);
  if (prefix.endsWith('/')) return { 'Fn::Select': [1, { 'Fn::Split': ['/', arnField(arn, 5) as Json] }] };
  return arnField(arn, 5);
}

/** The target used when `Target` is left out, e.g. EventBridge's default event bus. */
export function defaultTarget(definition: TargetDefinition): TargetRef | undefined {
  if (definition.defaultName === undefined) return undefined;
  const region = ref('AWS::Region');
  const account = ref('AWS::AccountId');
  const resource = `${definition.resourcePrefix ?? ''}${definition.defaultName}`;
  return {
    arn: concat(['arn:', PARTITION, `:${definition.arnService}:`, region, ':', account, `:${resource}`]),
    name: definition.defaultName,
    account,
    region,
  };
}

/**
 * Resolves `Target` for a service: same-template resources by Ref/GetAtt, literal ARNs (and SQS
 * queue URLs), and any other intrinsic taken to yield an ARN.
 */
export function resolveTarget(
  value: Expr,
  definition: TargetDefinition,
  resources: JsonObject,
  parameterValues: Record<string, Json>,
): Checked<TargetRef> {
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) return fromLiteralArn(value, definition);
    const url = definition.acceptsQueueUrl ? QUEUE_URL.exec(value) : null;
    if (url !== null) {
      const [, region, account, name] = url as unknown as [string, string, string, string];
      return valid({ arn: concat(['arn:', PARTITION, `:${definition.arnService}:${region}:${account}:${name}`]), name, account, region });
    }
    return invalid(`expected ${definition.description}; received ${describeValue(value)}.`);
  }
  // A generic service has no resource type to check against: any intrinsic is taken to yield an ARN.
  const referenced = referencedResource(value);
  if (referenced !== undefined && definition.resourceType !== '') {
    const derived = samDerivedResource(referenced, definition, resources, parameterValues);
    if (derived !== undefined) return derived;
    const resource = ownValue(resources, referenced.logicalId);
    if (isJsonObject(resource)) return fromTemplateResource(referenced, resource, definition);
  }
  if (referenced?.attribute === undefined && referenced !== undefined && Object.hasOwn(parameterValues, referenced.logicalId)) {
    // A plain Ref to a template parameter: its value is the ARN, checked as a literal one would be.
    const parameterValue = parameterValues[referenced.logicalId];
    if (typeof parameterValue === 'string' && !parameterValue.startsWith('arn:')) {
      return invalid(
        `refers to the parameter ${referenced.logicalId}, whose value ${describeValue(parameterValue)} is not an ARN; ` +
          `expected ${definition.description}.`,
      );
    }
    if (typeof parameterValue === 'string') {
      const checked = fromLiteralArn(parameterValue, definition);
      if (!checked.ok) {
        const problems = checked.problems.map((p) => ({ ...p, message: `refers to the parameter ${referenced.logicalId}: ${p.message}` }));
        return { ok: false, problems };
      }
    }
  }
  const badParameter = checkParameterValues(value, parameterValues);
  if (badParameter !== undefined) return invalid(badParameter);
  return valid({
    arn: value,
    name: nameFromDeployTimeArn(value, definition),
    account: deployTimeArnField(value, 'account', definition, resources, parameterValues),
    region: deployTimeArnField(value, 'region', definition, resources, parameterValues),
  });
}

/** The service's own resource type and the others it accepts, in that order. */
function acceptedResourceTypes(definition: TargetDefinition): TargetResourceType[] {
  const own: TargetResourceType = { type: definition.resourceType };
  if (definition.arnAttribute !== undefined) own.arnAttribute = definition.arnAttribute;
  if (definition.nameAttribute !== undefined) own.nameAttribute = definition.nameAttribute;
  return [own, ...(definition.otherResourceTypes ?? [])];
}

/**
 * A target that is a resource of this template, by `Ref` or `GetAtt` of the attribute giving its
 * ARN. SAM's types are taken as the CloudFormation types SAM makes of them under the same logical ID,
 * with the same `Ref` and attributes, so the references written here hold in either transform order.
 */
function fromTemplateResource(
  referenced: { logicalId: string; attribute?: string },
  resource: JsonObject,
  definition: TargetDefinition,
): Checked<TargetRef> {
  const { logicalId, attribute } = referenced;
  const kind = acceptedResourceTypes(definition).find(
    (t) => resource.Type === t.type && (attribute === undefined || attribute === t.arnAttribute),
  );
  if (kind === undefined) {
    const shownAttribute = attribute ? `, attribute ${attribute}` : '';
    // Not String(): a Type such as {toString: ''} would throw instead of being described.
    const type = typeof resource.Type === 'string' ? resource.Type : describeValue(resource.Type);
    return invalid(`refers to ${logicalId} (${type}${shownAttribute}); expected ${definition.description}.`);
  }
  return valid(templateTargetRef(logicalId, kind, definition));
}

/** ARN and name of a target resource of this template (or one SAM makes), as references to it. */
function templateTargetRef(logicalId: string, kind: TargetResourceType, definition: TargetDefinition): TargetRef {
  const arn = kind.arnAttribute === undefined ? ref(logicalId) : getAtt(logicalId, kind.arnAttribute);
  const name = kind.nameFromArn
    ? nameFromDeployTimeArn(arn, definition)
    : kind.nameAttribute === undefined
      ? ref(logicalId)
      : getAtt(logicalId, kind.nameAttribute);
  return { arn, name, account: ref('AWS::AccountId'), region: ref('AWS::Region') };
}

/**
 * SAM's reference to a resource it derives from one of the template (`!Ref Fn.Alias`, the alias of
 * `AutoPublishAlias`), before SAM has run: resolved to the logical ID SAM will give that resource, as
 * SAM itself resolves the reference when it runs first. Undefined when `referenced` is no such reference.
 */
function samDerivedResource(
  referenced: { logicalId: string; attribute?: string },
  definition: TargetDefinition,
  resources: JsonObject,
  parameterValues: Record<string, Json>,
): Checked<TargetRef> | undefined {
  const dot = referenced.logicalId.indexOf('.');
  if (referenced.attribute !== undefined || dot < 0) return undefined;
  const baseId = referenced.logicalId.slice(0, dot);
  const member = referenced.logicalId.slice(dot + 1);
  const base = ownValue(resources, baseId);
  if (!isJsonObject(base)) return undefined;
  const references = acceptedResourceTypes(definition).find((t) => t.type === base.Type)?.samReferences;
  if (references === undefined) return undefined;
  const derived: SamDerivedReference | undefined = ownValue(references, member);
  if (derived === undefined) {
    const known = Object.keys(references).map((k) => `${baseId}.${k}`);
    return invalid(
      `refers to ${referenced.logicalId}, which is not a reference SAM resolves to ${definition.description}; write ${known.join(' or ')}.`,
    );
  }
  const kind = acceptedResourceTypes(definition).find((t) => t.type === derived.type);
  const properties = isJsonObject(base.Properties) ? base.Properties : {};
  const given = ownValue(properties, derived.property);
  if (given === undefined || kind === undefined)
    return invalid(
      `refers to ${referenced.logicalId}, but ${baseId} has no ${derived.property}, so SAM makes no ${derived.type} of it: ` +
        `add ${derived.property} to ${baseId}, or refer to ${baseId} itself.`,
    );
  const value = resolvedLiteral(given, parameterValues);
  if (value === undefined)
    return invalid(
      `refers to ${referenced.logicalId}, but ${baseId}'s ${derived.property} is ${describeValue(given)}: ` +
        'the macro needs its value (a literal, or a Ref to a template parameter) to name the resource SAM makes.',
    );
  if (!new RegExp(`^(?:${derived.valuePattern})$`).test(value))
    return invalid(
      `refers to ${referenced.logicalId}, but ${baseId}'s ${derived.property} ${describeValue(value)} is not one SAM allows (${derived.valuePattern}).`,
    );
  return valid(templateTargetRef(samDerivedLogicalId(baseId, derived, value), kind, definition));
}

/** The logical ID SAM gives the resource it derives from `baseId` (`Fn` + AutoPublishAlias `live-1` → `FnAliasliveD1`). */
export function samDerivedLogicalId(baseId: string, derived: SamDerivedReference, value: string): string {
  let suffix = value;
  for (const [from, to] of Object.entries(derived.logicalIdReplacements)) suffix = suffix.split(from).join(to);
  return `${baseId}${derived.logicalIdSuffix}${suffix}`;
}

/** A literal string, or the value CloudFormation passed for a `Ref`'d template parameter. */
function resolvedLiteral(value: Json, parameterValues: Record<string, Json>): string | undefined {
  if (typeof value === 'string') return value;
  if (isJsonObject(value) && typeof value.Ref === 'string' && Object.keys(value).length === 1) {
    const passed = ownValue(parameterValues, value.Ref);
    return typeof passed === 'string' ? passed : undefined;
  }
  return undefined;
}

/** The ARN fields the URI may need besides the name, their index in the ARN and the stack's own value. */
const ARN_FIELDS = {
  region: { index: 3, stackValue: 'AWS::Region' },
  account: { index: 4, stackValue: 'AWS::AccountId' },
} as const;

/**
 * The Region or account of a target whose ARN is known only at deploy time. Cutting it out of the
 * ARN is right for regional resources (a queue in another Region keeps its Region), wrong where the
 * field is empty (S3 buckets, IAM roles): an empty Region gives the URI `s3..amazonaws.com`. There,
 * and for any resource of this stack, the stack's own value is the one that applies.
 */
function deployTimeArnField(
  arn: Expr,
  field: keyof typeof ARN_FIELDS,
  definition: TargetDefinition,
  resources: JsonObject,
  parameterValues: Record<string, Json>,
): Expr {
  const { index, stackValue } = ARN_FIELDS[field];
  if (definition.emptyArnFields?.includes(field)) return ref(stackValue);
  const referenced = referencedResource(arn);
  if (referenced !== undefined && isJsonObject(resources[referenced.logicalId])) return ref(stackValue);
  const known = knownArnField(arn, index, parameterValues);
  if (known === '') return ref(stackValue);
  // Generic mode's target may be any ARN, Region-less ones included (IAM, Route 53): unless the
  // template shows the field, the stack's value is the safe one.
  if (known === undefined && definition.arnService === '*') return ref(stackValue);
  return known ?? arnField(arn, index);
}

/**
 * One field of a deploy-time ARN, when the template already tells it: empty in the known value of a
 * `!Ref`'d parameter, or spelled out by a `!Sub` text (`arn:${AWS::Partition}:s3:::${Name}`).
 */
function knownArnField(arn: Expr, index: number, parameterValues: Record<string, Json>): Expr | undefined {
  if (typeof arn === 'string') return undefined;
  if ('Ref' in arn && typeof arn.Ref === 'string' && Object.hasOwn(parameterValues, arn.Ref)) {
    // Only an empty field is taken from the value: the others stay deploy-time, like the ARN itself.
    const value = parameterValues[arn.Ref];
    return typeof value === 'string' && ARN.test(value) && value.split(':')[index] === '' ? '' : undefined;
  }
  const sub = (arn as Record<string, Json>)['Fn::Sub'];
  const text = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text !== 'string' || !text.startsWith('arn:')) return undefined;
  const fields = subTextFields(text);
  // Only literal fields (and the partition) before it keep the count of colons certain.
  if (fields.length < 6 || fields.slice(0, index).some((f) => f.includes('${') && f !== '${AWS::Partition}')) return undefined;
  const value = fields[index] as string;
  if (!value.includes('${')) return value;
  const pseudo = /^\$\{(AWS::Region|AWS::AccountId)\}$/.exec(value)?.[1];
  return pseudo === undefined ? undefined : ref(pseudo);
}

/** The colon-separated fields of a Fn::Sub text, keeping `${AWS::Partition}`-style references whole. */
function subTextFields(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  let depth = 0;
  for (const char of text) {
    if (char === ':' && depth === 0) {
      fields.push(current);
      current = '';
      continue;
    }
    if (char === '{' && current.endsWith('$')) depth += 1;
    else if (char === '}' && depth > 0) depth -= 1;
    current += char;
  }
  fields.push(current);
  return fields;
}

/** The logical ID (and attribute) a plain Ref or GetAtt points at. */
function referencedResource(value: Expr): { logicalId: string; attribute?: string } | undefined {
  if (typeof value === 'string') return undefined;
  if ('Ref' in value && typeof value.Ref === 'string') return { logicalId: value.Ref };
  const getAttValue = (value as Record<string, Json>)['Fn::GetAtt'];
  if (Array.isArray(getAttValue) && typeof getAttValue[0] === 'string' && typeof getAttValue[1] === 'string') {
    return { logicalId: getAttValue[0], attribute: getAttValue[1] };
  }
  if (typeof getAttValue === 'string' && getAttValue.includes('.')) {
    const [logicalId, ...rest] = getAttValue.split('.');
    return { logicalId: logicalId as string, attribute: rest.join('.') };
  }
  return undefined;
}
