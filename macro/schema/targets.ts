import { concat, getAtt, ref } from '../cloudformation/intrinsics';
import { describeValue } from '../diagnostics';
import type { TargetDefinition } from '../services/types';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';

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
function nameOf(resource: string, prefix: string): string | undefined {
  if (!resource.startsWith(prefix)) return undefined;
  const name = resource.slice(prefix.length);
  return name === '' || name.includes(':') || name.includes('/') ? undefined : name;
}

function fromLiteralArn(value: string, definition: TargetDefinition): TargetRef | { error: string } {
  const m = ARN.exec(value);
  if (m === null || (definition.arnService !== '*' && m[2] !== definition.arnService)) {
    return { error: `expected ${definition.description}; received ${describeValue(value)}, which is not an ${definition.arnService} ARN.` };
  }
  const [, , service, region, account, resource] = m as unknown as [string, string, string, string, string, string];
  const prefix = definition.resourcePrefix ?? '';
  const name = definition.arnService === '*' ? resource : nameOf(resource, prefix);
  if (name === undefined)
    return {
      error: `the ARN ${describeValue(value)} does not name ${prefix === '' ? 'the resource itself' : `a '${prefix}<name>' resource`}; expected ${definition.description}.`,
    };
  // The partition follows the stack's, so the template deploys unchanged in aws-cn and aws-us-gov.
  return {
    arn: concat(['arn:', PARTITION, `:${service}:${region}:${account}:${resource}`]),
    name,
    // Global ARNs (S3 buckets) carry no Region or account: the stack's are the right ones for the URI.
    account: account === '' ? ref('AWS::AccountId') : account,
    region: region === '' ? ref('AWS::Region') : region,
  };
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
): TargetRef | { error: string } {
  if (typeof value === 'string') {
    if (value.startsWith('arn:')) return fromLiteralArn(value, definition);
    const url = definition.acceptsQueueUrl ? QUEUE_URL.exec(value) : null;
    if (url !== null) {
      const [, region, account, name] = url as unknown as [string, string, string, string];
      return { arn: concat(['arn:', PARTITION, `:${definition.arnService}:${region}:${account}:${name}`]), name, account, region };
    }
    return { error: `expected ${definition.description}; received ${describeValue(value)}.` };
  }
  // A generic service has no resource type to check against: any intrinsic is taken to yield an ARN.
  const referenced = definition.resourceType === '' ? undefined : referencedResource(value);
  if (referenced !== undefined) {
    const resource = resources[referenced.logicalId];
    if (isJsonObject(resource)) {
      const expectedAttribute = definition.arnAttribute;
      const matches =
        resource.Type === definition.resourceType && (referenced.attribute === undefined || referenced.attribute === expectedAttribute);
      if (!matches) {
        return {
          error: `refers to ${referenced.logicalId} (${typeof resource.Type === 'string' ? resource.Type : describeValue(resource.Type)}${referenced.attribute ? `, attribute ${referenced.attribute}` : ''}); expected ${definition.description}.`,
        };
      }
      return {
        arn: expectedAttribute === undefined ? ref(referenced.logicalId) : getAtt(referenced.logicalId, expectedAttribute),
        name: definition.nameAttribute === undefined ? ref(referenced.logicalId) : getAtt(referenced.logicalId, definition.nameAttribute),
        account: ref('AWS::AccountId'),
        region: ref('AWS::Region'),
      };
    }
    if (referenced.attribute === undefined && referenced.logicalId in parameterValues) {
      const parameterValue = parameterValues[referenced.logicalId];
      if (typeof parameterValue === 'string' && !parameterValue.startsWith('arn:')) {
        return {
          error: `refers to the parameter ${referenced.logicalId}, whose value ${describeValue(parameterValue)} is not an ARN; expected ${definition.description}.`,
        };
      }
    }
  }
  return { arn: value, name: nameFromDeployTimeArn(value, definition), account: arnField(value, 4), region: arnField(value, 3) };
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
