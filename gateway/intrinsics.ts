/** Local evaluation of CloudFormation intrinsic functions inside an expanded template. */
import { isJsonObject } from '../macro/types';

/** How a logical ID answers `Ref` and `Fn::GetAtt` locally. */
export interface LocalResourceValues {
  readonly ref: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Everything an intrinsic may refer to: pseudo parameters, template parameters, resources, conditions. */
export interface IntrinsicEnvironment {
  /** `AWS::Region`, `AWS::AccountId`, ... and template parameter values, by name. */
  readonly values: Readonly<Record<string, string>>;
  /** Resources by logical ID. */
  readonly resources: Readonly<Record<string, LocalResourceValues>>;
  /** Evaluated template conditions, for `Fn::If`. */
  readonly conditions?: Readonly<Record<string, boolean>>;
  /** The template's Mappings, for `Fn::FindInMap`. */
  readonly mappings?: Readonly<Record<string, unknown>>;
}

/** Thrown when an intrinsic cannot be evaluated locally (an import, an unknown attribute, ...). */
export class UnresolvableIntrinsicError extends Error {}

/** The pseudo parameters CloudFormation defines, for a local account and region. */
export function pseudoParameters(region: string, accountId: string, stackName = 'service-proxy-local'): Record<string, string> {
  return {
    'AWS::Region': region,
    'AWS::AccountId': accountId,
    'AWS::StackName': stackName,
    'AWS::StackId': `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/00000000-0000-0000-0000-000000000000`,
    'AWS::Partition': 'aws',
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NotificationARNs': '',
  };
}

/** Marks `AWS::NoValue`: the property is removed, as CloudFormation does. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * Resolves every intrinsic function inside `value` (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split,
 * Fn::If, Fn::Base64, Fn::FindInMap); strings, numbers and structure pass through.
 *
 * @throws UnresolvableIntrinsicError naming the first reference that has no local value
 */
export function resolveIntrinsics(value: unknown, env: IntrinsicEnvironment): unknown {
  const resolved = resolveValue(value, env);
  return resolved === NO_VALUE ? undefined : resolved;
}

/**
 * Resolves only the structure-changing intrinsics, Fn::If (by the evaluated conditions) and
 * AWS::NoValue, leaving every other value as written: an OpenAPI Body whose operations exist under
 * conditions becomes the document API Gateway imports, its values still resolved one by one later.
 */
export function resolveConditionals(value: unknown, conditions: Readonly<Record<string, boolean>>): unknown {
  const resolved = conditional(value, conditions);
  return resolved === NO_VALUE ? undefined : resolved;
}

function conditional(value: unknown, conditions: Readonly<Record<string, boolean>>): unknown {
  if (Array.isArray(value)) return value.map((item) => conditional(item, conditions)).filter((item) => item !== NO_VALUE);
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && value.Ref === 'AWS::NoValue') return NO_VALUE;
  const branches = value['Fn::If'];
  if (keys.length === 1 && Array.isArray(branches) && branches.length === 3 && typeof branches[0] === 'string') {
    const holds = conditions[branches[0]];
    if (holds !== undefined) return conditional(holds ? branches[1] : branches[2], conditions);
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const resolved = conditional(child, conditions);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

/** Resolves to a string (numbers and booleans are stringified, as CloudFormation does for string properties). */
export function resolveString(value: unknown, env: IntrinsicEnvironment): string {
  const resolved = resolveIntrinsics(value, env);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  throw new UnresolvableIntrinsicError(`expected a string, found ${JSON.stringify(resolved)}`);
}

function resolveValue(value: unknown, env: IntrinsicEnvironment): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, env)).filter((item) => item !== NO_VALUE);
  if (!isJsonObject(value)) return value;
  const keys = Object.keys(value);
  const [fn] = keys;
  if (keys.length === 1 && fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::'))) return callIntrinsic(fn, value[fn], env);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const resolved = resolveValue(child, env);
    if (resolved !== NO_VALUE) out[key] = resolved;
  }
  return out;
}

function asString(value: unknown, env: IntrinsicEnvironment, where: string): string {
  const resolved = resolveValue(value, env);
  if (typeof resolved === 'string') return resolved;
  if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
  throw new UnresolvableIntrinsicError(`${where} expects a string, found ${JSON.stringify(resolved)}`);
}

function ref(name: string, env: IntrinsicEnvironment): unknown {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (Object.hasOwn(env.values, name)) return env.values[name];
  const resource = env.resources[name];
  if (resource !== undefined) return resource.ref;
  throw new UnresolvableIntrinsicError(`Ref ${name}`);
}

function getAtt(logicalId: string, attribute: string): (env: IntrinsicEnvironment) => string {
  return (env) => {
    const value = env.resources[logicalId]?.attributes[attribute];
    if (value === undefined) throw new UnresolvableIntrinsicError(`Fn::GetAtt ${logicalId}.${attribute}`);
    return value;
  };
}

/** `Fn::Sub`: `${Name}`, `${Logical.Attr}`, and `${!Literal}` for a literal `${Literal}`. */
function sub(arg: unknown, env: IntrinsicEnvironment): string {
  const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof text !== 'string') throw new UnresolvableIntrinsicError('Fn::Sub needs a string');
  const local = isJsonObject(variables) ? variables : {};
  return text.replace(/\$\{([^}]*)\}/g, (match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    const trimmed = name.trim();
    if (Object.hasOwn(local, trimmed)) return asString(local[trimmed], env, `Fn::Sub variable ${trimmed}`);
    const dot = trimmed.indexOf('.');
    if (dot > 0 && !trimmed.startsWith('AWS::')) return getAtt(trimmed.slice(0, dot), trimmed.slice(dot + 1))(env);
    const value = ref(trimmed, env);
    if (value === NO_VALUE) return '';
    return typeof value === 'string' ? value : match;
  });
}

function callIntrinsic(fn: string, arg: unknown, env: IntrinsicEnvironment): unknown {
  switch (fn) {
    case 'Ref':
      return ref(String(arg), env);
    case 'Fn::GetAtt': {
      const [logicalId, attribute] = Array.isArray(arg) ? arg.map(String) : String(arg).split(/\.(.*)/s);
      return getAtt(logicalId ?? '', attribute ?? '')(env);
    }
    case 'Fn::Sub':
      return sub(arg, env);
    case 'Fn::Join': {
      if (!Array.isArray(arg) || arg.length !== 2) throw new UnresolvableIntrinsicError('malformed Fn::Join');
      const list = resolveValue(arg[1], env);
      if (!Array.isArray(list)) throw new UnresolvableIntrinsicError('Fn::Join over a non-list');
      return list.map((item) => asString(item, env, 'Fn::Join')).join(String(arg[0]));
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || arg.length !== 2) throw new UnresolvableIntrinsicError('malformed Fn::Select');
      const index = Number(asString(arg[0], env, 'Fn::Select index'));
      const list = resolveValue(arg[1], env);
      if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
        throw new UnresolvableIntrinsicError(`Fn::Select index ${index} out of range`);
      }
      return list[index];
    }
    case 'Fn::Split': {
      if (!Array.isArray(arg) || arg.length !== 2) throw new UnresolvableIntrinsicError('malformed Fn::Split');
      return asString(arg[1], env, 'Fn::Split').split(String(arg[0]));
    }
    case 'Fn::If': {
      if (!Array.isArray(arg) || arg.length !== 3) throw new UnresolvableIntrinsicError('malformed Fn::If');
      const condition = env.conditions?.[String(arg[0])];
      if (condition === undefined) throw new UnresolvableIntrinsicError(`Fn::If condition ${String(arg[0])}`);
      return resolveValue(condition ? arg[1] : arg[2], env);
    }
    case 'Fn::Base64':
      return Buffer.from(asString(arg, env, 'Fn::Base64'), 'utf8').toString('base64');
    case 'Fn::FindInMap': {
      if (!Array.isArray(arg) || arg.length < 3) throw new UnresolvableIntrinsicError('malformed Fn::FindInMap');
      const [name, topKey, secondKey] = [0, 1, 2].map((i) => asString(arg[i], env, 'Fn::FindInMap'));
      const mapping = env.mappings?.[name as string];
      const top = isJsonObject(mapping) && Object.hasOwn(mapping, topKey as string) ? mapping[topKey as string] : undefined;
      if (!isJsonObject(top) || !Object.hasOwn(top, secondKey as string))
        throw new UnresolvableIntrinsicError(`Fn::FindInMap ${name}.${topKey}.${secondKey}`);
      return top[secondKey as string];
    }
    default:
      throw new UnresolvableIntrinsicError(fn === 'Fn::ImportValue' ? `Fn::ImportValue ${JSON.stringify(arg)}` : fn);
  }
}
