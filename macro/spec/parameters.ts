import { describeValue } from '../diagnostics';
import type { FieldValue } from '../protocols/values';
import { looksLikeSelector, parseSelector, type Selector, selectorToVtl } from '../selectors';
import type { ParameterDefinition } from '../services/types';
import { type Json, type JsonObject, isIntrinsic, isJsonObject } from '../types';
import type { PathSegment } from './api-path';

/** A parameter's value after validation: one field, or a list of message attributes. */
export type ResolvedParameter =
  | { kind: 'value'; value: FieldValue }
  | { kind: 'attributes'; attributes: { name: string; dataType: string; value: FieldValue }[] };

/** A problem with one parameter value, with the path below `Parameters.<Name>` it concerns. */
export interface ParameterProblem {
  subPath: (string | number)[];
  message: string;
}

const DATA_TYPE = /^(String|Number)(\.[A-Za-z0-9_.-]+)?$/;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;

/** Resolves one scalar parameter value (literal, selector or intrinsic) into a field value. */
export function resolveScalar(raw: Json, definition: Pick<ParameterDefinition, 'kind' | 'minimum' | 'maximum'>, path: readonly PathSegment[]): FieldValue | string {
  if (isIntrinsic(raw)) return { kind: 'intrinsic', value: raw };
  if (typeof raw === 'string' && raw.startsWith('$')) {
    if (!looksLikeSelector(raw)) return `${describeValue(raw)} starts with '$' but is not a request selector; use "$request.body", "$request.header.Name", "$request.querystring.name", "$request.path.name", "$context.name" or "$stageVariables.name".`;
    const selector = parseSelector(raw);
    if ('error' in selector) return selector.error;
    const pathProblem = checkPathSelector(selector, path);
    if (pathProblem !== undefined) return pathProblem;
    return { kind: 'selector', vtl: selectorToVtl(selector), alwaysPresent: selector.source === 'body' && selector.jsonPath.length === 0 };
  }
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
    if (definition.kind === 'integer') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = definition;
      if (!Number.isInteger(n) || n < minimum || n > maximum) return `expected an integer from ${minimum} to ${maximum}, a selector or an intrinsic function; received ${describeValue(raw)}.`;
      return { kind: 'literal', text: String(n) };
    }
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
export function resolveParameter(raw: Json, definition: ParameterDefinition, path: readonly PathSegment[]): ResolvedParameter | ParameterProblem[] {
  if (definition.kind !== 'messageAttributes') {
    if (isJsonObject(raw) && !isIntrinsic(raw)) return [{ subPath: [], message: `expected a single value (${definition.description}); received the object ${describeValue(raw)}.` }];
    const value = resolveScalar(raw, definition, path);
    return typeof value === 'string' ? [{ subPath: [], message: value }] : { kind: 'value', value };
  }
  if (!isJsonObject(raw) || isIntrinsic(raw)) {
    return [{ subPath: [], message: `expected a map of attribute name → value or {DataType, Value}; received ${describeValue(raw)}.` }];
  }
  const problems: ParameterProblem[] = [];
  const attributes: { name: string; dataType: string; value: FieldValue }[] = [];
  for (const [name, entry] of Object.entries(raw as JsonObject) as [string, Json][]) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name)) {
      problems.push({ subPath: [name], message: `'${name}' is not a valid attribute name: 1-256 letters, digits, '_', '-', '.', not starting with 'AWS.' or 'Amazon.'.` });
      continue;
    }
    let dataType = 'String';
    let valueRaw: Json | undefined = entry as Json;
    // A plain object (not an intrinsic) is the {DataType, Value} form.
    const attributeObject = (isJsonObject(entry) && Object.keys(entry).every((k) => !k.startsWith('Fn::') && k !== 'Ref') ? entry : undefined) as JsonObject | undefined;
    if (attributeObject !== undefined) {
      const entry = attributeObject;
      const extra = Object.keys(entry).filter((k) => k !== 'DataType' && k !== 'Value');
      if (extra.length > 0) problems.push({ subPath: [name, extra[0] as string], message: `unknown key '${extra[0]}'; an attribute object has DataType and Value.` });
      if (typeof entry.DataType !== 'string' || !DATA_TYPE.test(entry.DataType)) {
        problems.push({ subPath: [name, 'DataType'], message: `expected String or Number (optionally with a custom suffix, e.g. Number.int); received ${describeValue(entry.DataType)}.` });
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
