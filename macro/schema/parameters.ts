import { describeValue, quoted } from '../diagnostics';
import type { FormPiece } from '../request-templates/form';
import type { AttributeType, FieldValue, ValueTree } from '../request-templates/values';
import { looksLikeSelector, parseSelector, type Selector, selectorToVtl } from '../selectors';
import type { ParameterDefinition } from '../services/types';
import { didYouMean } from '../suggest';
import { isIntrinsic, isJsonObject, type Json, type JsonObject } from '../types';
import type { PathSegment } from './api-path';

/**
 * A parameter's value after validation: one field, a list of message attributes, a structured value,
 * or the form fields of a Query-protocol member flattened as the service's model says.
 */
export type ResolvedParameter =
  | { kind: 'value'; value: FieldValue }
  | { kind: 'attributes'; attributes: { name: string; dataType: string; value: FieldValue }[] }
  | { kind: 'tree'; tree: ValueTree }
  | { kind: 'form'; pieces: FormPiece[] };

/** A problem with one parameter value, with the path below `Parameters.<Name>` it concerns. */
export interface ParameterProblem {
  subPath: (string | number)[];
  message: string;
}

const DATA_TYPE = /^(String|Number)(\.[A-Za-z0-9_.-]+)?$/;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

/** Resolves one scalar parameter value (literal, selector or intrinsic) into a field value. */
export function resolveScalar(
  raw: Json,
  definition: Pick<ParameterDefinition, 'kind' | 'minimum' | 'maximum' | 'allowed' | 'literalOnly' | 'perItemOf'>,
  path: readonly PathSegment[],
): FieldValue | string {
  if (isIntrinsic(raw))
    return definition.kind === 'list'
      ? `expected a selector of a JSON array in the request body, such as "$request.body.records"; received ${describeValue(raw)}.`
      : { kind: 'intrinsic', value: raw };
  if (typeof raw === 'string' && raw.startsWith('$')) {
    if (!looksLikeSelector(raw))
      return `${describeValue(raw)} starts with '$' but is not a request selector; use "$request.body", "$request.header.Name", "$request.querystring.name", "$request.path.name", "$context.name" or "$stageVariables.name".`;
    const selector = parseSelector(raw);
    if ('error' in selector) return selector.error;
    const pathProblem = checkPathSelector(selector, path);
    if (pathProblem !== undefined) return pathProblem;
    if (selector.source === 'item' && definition.perItemOf === undefined)
      return `${quoted(raw)} reads an element of a list, but this parameter is not read per element; use a $request selector.`;
    if (definition.kind === 'list' && selector.source !== 'body')
      return `expected a selector of a JSON array in the request body, such as "$request.body.records"; received ${describeValue(raw)}.`;
    if (definition.literalOnly)
      return `must be written literally (it is the stack author's, or the IAM policy depends on it); received the selector ${describeValue(raw)}.`;
    return {
      kind: 'selector',
      vtl: selectorToVtl(selector),
      alwaysPresent: selector.source === 'body' && selector.jsonPath.length === 0,
      selector,
    };
  }
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
    if (definition.kind === 'integer') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = definition;
      if (!Number.isInteger(n) || n < minimum || n > maximum)
        return `expected an integer from ${minimum} to ${maximum}, a selector or an intrinsic function; received ${describeValue(raw)}.`;
      return { kind: 'literal', text: String(n) };
    }
    if (definition.kind === 'boolean' && typeof raw !== 'boolean')
      return `expected true or false, a selector or an intrinsic function; received ${describeValue(raw)}.`;
    if (definition.kind === 'list')
      return `expected a selector of a JSON array in the request body, such as "$request.body.records"; received ${describeValue(raw)}.`;
    if (definition.allowed !== undefined && !definition.allowed.includes(String(raw)))
      return `expected one of ${definition.allowed.join(', ')}; received ${describeValue(raw)}.${didYouMean(String(raw), definition.allowed)}`;
    return { kind: 'literal', text: String(raw) };
  }
  return `expected a literal, a request selector or an intrinsic function; received ${describeValue(raw)}.`;
}

function checkPathSelector(selector: Selector, path: readonly PathSegment[]): string | undefined {
  if (selector.source !== 'path') return undefined;
  const names = path.flatMap((s) => (s.kind === 'param' ? [s.name] : []));
  if (names.includes(selector.name)) return undefined;
  return `'$request.path.${selector.name}' refers to a path parameter the Path does not have; ${names.length === 0 ? 'the Path has no {parameters}' : `the Path has ${names.map((n) => `{${n}}`).join(', ')}`}.`;
}

/** Resolves a parameter value according to its definition, collecting problems. */
export function resolveParameter(
  raw: Json,
  definition: ParameterDefinition,
  path: readonly PathSegment[],
): ResolvedParameter | ParameterProblem[] {
  if (STRUCTURED_KINDS.has(definition.kind)) return resolveStructured(raw, definition, path);
  if (definition.kind !== 'messageAttributes') {
    if (isJsonObject(raw) && !isIntrinsic(raw))
      return [{ subPath: [], message: `expected a single value (${definition.description}); received the object ${describeValue(raw)}.` }];
    const value = resolveScalar(raw, definition, path);
    // A mapped static value is written between single quotes, which API Gateway cannot escape.
    if (typeof value !== 'string' && value.kind === 'literal' && definition.in === 'requestParameter' && value.text.includes("'")) {
      return [{ subPath: [], message: `a fixed value here cannot contain a single quote; received ${describeValue(raw)}.` }];
    }
    return typeof value === 'string' ? [{ subPath: [], message: value }] : { kind: 'value', value };
  }
  if (!isJsonObject(raw) || isIntrinsic(raw)) {
    return [{ subPath: [], message: `expected a map of attribute name → value or {DataType, Value}; received ${describeValue(raw)}.` }];
  }
  const problems: ParameterProblem[] = [];
  const attributes: { name: string; dataType: string; value: FieldValue }[] = [];
  for (const [name, entry] of Object.entries(raw as JsonObject) as [string, Json][]) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name)) {
      problems.push({
        subPath: [name],
        message: `${quoted(name)} is not a valid attribute name: 1-256 letters, digits, '_', '-', '.', not starting with 'AWS.' or 'Amazon.'.`,
      });
      continue;
    }
    let dataType = 'String';
    let valueRaw: Json | undefined = entry as Json;
    // A plain object (not an intrinsic) is the {DataType, Value} form.
    const attributeObject = (
      isJsonObject(entry) && Object.keys(entry).every((k) => !k.startsWith('Fn::') && k !== 'Ref') ? entry : undefined
    ) as JsonObject | undefined;
    if (attributeObject !== undefined) {
      const entry = attributeObject;
      const extra = Object.keys(entry).filter((k) => k !== 'DataType' && k !== 'Value');
      if (extra.length > 0)
        problems.push({
          subPath: [name, extra[0] as string],
          message: `unknown key ${quoted(extra[0] as string)}; an attribute object has DataType and Value.`,
        });
      if (typeof entry.DataType !== 'string' || !DATA_TYPE.test(entry.DataType)) {
        problems.push({
          subPath: [name, 'DataType'],
          message: `expected String or Number (optionally with a custom suffix, e.g. Number.int); received ${describeValue(entry.DataType)}.`,
        });
        continue;
      }
      dataType = entry.DataType;
      valueRaw = entry.Value;
      if (valueRaw === undefined) {
        problems.push({ subPath: [name, 'Value'], message: 'the attribute Value is missing.' });
        continue;
      }
    }
    const value = resolveScalar(valueRaw as Json, { kind: 'string' }, path);
    if (typeof value === 'string') problems.push({ subPath: [name], message: value });
    else attributes.push({ name, dataType, value });
  }
  return problems.length > 0 ? problems : { kind: 'attributes', attributes };
}

const STRUCTURED_KINDS = new Set<ParameterDefinition['kind']>(['json', 'attributeValues', 'item', 'attributeNames']);
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL'];

/** Resolves a structured parameter (JSON payload, DynamoDB item, key, values or names) into a value tree. */
function resolveStructured(
  raw: Json,
  definition: ParameterDefinition,
  path: readonly PathSegment[],
): ResolvedParameter | ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const isMap = isJsonObject(raw) && !isIntrinsic(raw);
  if ((definition.kind === 'attributeValues' || definition.kind === 'attributeNames') && !isMap) {
    return [{ subPath: [], message: `expected a map (${definition.description}); received ${describeValue(raw)}.` }];
  }
  if (definition.kind === 'item' && !isMap && !(typeof raw === 'string' && raw.startsWith('$request.body'))) {
    return [
      {
        subPath: [],
        message: `expected a selector of a JSON object in the body (such as "$request.body") or a map of attribute name → value; received ${describeValue(raw)}.`,
      },
    ];
  }
  if (definition.kind === 'attributeNames') {
    const entries: [string, ValueTree][] = [];
    for (const [name, value] of Object.entries(raw as JsonObject)) {
      if (!/^#[A-Za-z0-9_]+$/.test(name))
        problems.push({
          subPath: [name],
          message: `${quoted(name)} is not an expression attribute name placeholder; write '#' followed by letters, digits or '_', e.g. '#status'.`,
        });
      else if (typeof value !== 'string' || value === '')
        problems.push({ subPath: [name], message: `expected the attribute name as a literal string; received ${describeValue(value)}.` });
      else entries.push([name, { kind: 'scalar', value }]);
    }
    return problems.length > 0 ? problems : { kind: 'tree', tree: { kind: 'object', entries } };
  }
  const typed = definition.kind !== 'json';
  const tree = resolveTree(raw, [], typed, definition, path, problems);
  return problems.length > 0 ? problems : { kind: 'tree', tree };
}

function resolveTree(
  raw: Json,
  subPath: (string | number)[],
  typed: boolean,
  definition: ParameterDefinition,
  path: readonly PathSegment[],
  problems: ParameterProblem[],
): ValueTree {
  if (isIntrinsic(raw) || (typeof raw === 'string' && raw.startsWith('$'))) {
    const value = resolveScalar(raw, { kind: 'string', perItemOf: definition.perItemOf }, path);
    if (typeof value === 'string') problems.push({ subPath, message: value });
    return typeof value === 'string' ? { kind: 'scalar', value: null } : { kind: 'field', value };
  }
  if (Array.isArray(raw))
    return { kind: 'array', items: raw.map((item, i) => resolveTree(item, [...subPath, i], typed, definition, path, problems)) };
  if (isJsonObject(raw)) {
    const keys = Object.keys(raw);
    // {Type, Value}: a value read from the request with the DynamoDB type the user wants (N for a numeric key from the path).
    if (typed && keys.includes('Type') && keys.every((k) => k === 'Type' || k === 'Value')) {
      const type = raw.Type as AttributeType;
      if (!ATTRIBUTE_TYPES.includes(type)) {
        problems.push({
          subPath: [...subPath, 'Type'],
          message: `expected one of ${ATTRIBUTE_TYPES.join(', ')}; received ${describeValue(raw.Type)}.`,
        });
        return { kind: 'scalar', value: null };
      }
      const value =
        raw.Value === undefined ? 'nothing' : resolveScalar(raw.Value, { kind: 'string', perItemOf: definition.perItemOf }, path);
      if (typeof value === 'string') {
        problems.push({ subPath: [...subPath, 'Value'], message: raw.Value === undefined ? 'the Value is missing.' : value });
        return { kind: 'scalar', value: null };
      }
      if (value.kind === 'literal') return literalOfType(value.text, type, [...subPath, 'Value'], problems);
      return { kind: 'field', value, type };
    }
    return {
      kind: 'object',
      entries: keys.map((k) => [k, resolveTree(raw[k] as Json, [...subPath, k], typed, definition, path, problems)] as [string, ValueTree]),
    };
  }
  return { kind: 'scalar', value: raw };
}

/** A literal given with an explicit type, checked now rather than rejected by the service later. */
function literalOfType(text: string, type: AttributeType, subPath: (string | number)[], problems: ParameterProblem[]): ValueTree {
  if (type === 'N') {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text))
      problems.push({ subPath, message: `expected a number; received ${describeValue(text)}.` });
    return { kind: 'scalar', value: Number(text) };
  }
  if (type === 'BOOL') {
    if (text !== 'true' && text !== 'false')
      problems.push({ subPath, message: `expected true or false; received ${describeValue(text)}.` });
    return { kind: 'scalar', value: text === 'true' };
  }
  return { kind: 'scalar', value: text };
}
