import { describeValue, quoted } from '../diagnostics';
import { type Checked, invalid, type Problem, type PropertyPath, valid, within } from '../problem';
import type { FormPiece } from '../request-templates/form';
import type { AttributeType, FieldValue, ValueTree } from '../request-templates/values';
import { joinedTextVtl, looksLikeSelector, parseJoinedText, parseSelector, type Selector, selectorToVtl } from '../selectors';
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

const DATA_TYPE = /^(String|Number)(\.[A-Za-z0-9_.-]+)?$/;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const SELECTOR_FORMS =
  '"$request.body", "$request.header.Name", "$request.querystring.name", "$request.path.name", ' +
  '"$context.name" or "$stageVariables.name"';
const EXPECTED_BODY_ARRAY = 'expected a selector of a JSON array in the request body, such as "$request.body.records"';

/** Resolves one scalar parameter value (literal, selector or intrinsic) into a field value. */
export function resolveScalar(
  raw: Json,
  definition: Pick<ParameterDefinition, 'kind' | 'minimum' | 'maximum' | 'allowed' | 'literalOnly' | 'perItemOf'>,
  path: readonly PathSegment[],
): Checked<FieldValue> {
  if (isIntrinsic(raw))
    return definition.kind === 'list'
      ? invalid(`${EXPECTED_BODY_ARRAY}; received ${describeValue(raw)}.`)
      : valid({ kind: 'intrinsic', value: raw });
  if (typeof raw === 'string') {
    const joined = parseJoined(raw, definition, path);
    if (joined !== undefined) return joined;
  }
  if (typeof raw === 'string' && raw.startsWith('$')) return resolveSelector(raw, definition, path);
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
    if (definition.kind === 'integer') {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      const { minimum = Number.MIN_SAFE_INTEGER, maximum = Number.MAX_SAFE_INTEGER } = definition;
      if (!Number.isInteger(n) || n < minimum || n > maximum)
        return invalid(
          `expected an integer from ${minimum} to ${maximum}, a selector or an intrinsic function; received ${describeValue(raw)}.`,
        );
      return valid({ kind: 'literal', text: String(n) });
    }
    if (definition.kind === 'boolean' && typeof raw !== 'boolean')
      return invalid(`expected true or false, a selector or an intrinsic function; received ${describeValue(raw)}.`);
    if (definition.kind === 'list') return invalid(`${EXPECTED_BODY_ARRAY}; received ${describeValue(raw)}.`);
    if (definition.allowed !== undefined && !definition.allowed.includes(String(raw)))
      return invalid(
        `expected one of ${definition.allowed.join(', ')}; received ${describeValue(raw)}.${didYouMean(String(raw), definition.allowed)}`,
      );
    return valid({ kind: 'literal', text: String(raw) });
  }
  return invalid(`expected a literal, a request selector or an intrinsic function; received ${describeValue(raw)}.`);
}

/** What a parameter of a kind takes, for messages. */
const TAKES: Partial<Record<ParameterDefinition['kind'], string>> = { integer: 'an integer', number: 'a number', boolean: 'true or false' };

/** Kinds of parameter a joined text can feed: it is text, never a number, a flag or JSON. */
const JOINABLE_KINDS = new Set<ParameterDefinition['kind']>(['string', 'base64', 'json']);

/**
 * A literal joined with selectors (`order-$request.path.id`), compiled into one VTL string; undefined
 * when the text is a single selector or holds none.
 */
function parseJoined(
  raw: string,
  definition: Pick<ParameterDefinition, 'kind' | 'literalOnly' | 'perItemOf'>,
  path: readonly PathSegment[],
): Checked<FieldValue> | undefined {
  if (looksLikeSelector(raw) && parseSelector(raw).ok) return undefined;
  const joined = parseJoinedText(raw);
  if (joined === undefined) return undefined;
  if (!joined.ok) return joined;
  const selectors = joined.value.filter((part): part is Selector => typeof part !== 'string');
  for (const selector of selectors) {
    const pathProblem = checkPathSelector(selector, path);
    if (pathProblem !== undefined) return { ok: false, problems: [pathProblem] };
  }
  if (definition.literalOnly)
    return invalid(
      "must be written literally (it is the stack author's, or the IAM policy depends on it); " +
        `received a text that reads the request: ${describeValue(raw)}.`,
    );
  if (!JOINABLE_KINDS.has(definition.kind)) {
    const takes =
      definition.kind === 'document'
        ? 'a JSON document: give a map of values, or a single selector'
        : `${TAKES[definition.kind] ?? `a ${definition.kind}`}: give a literal or a single selector`;
    return invalid(`a text joined with selectors is text, and this parameter takes ${takes}; received ${describeValue(raw)}.`);
  }
  return valid({ kind: 'computed', statements: [], vtl: joinedTextVtl(joined.value) });
}

/** A value starting with `$`: a request selector this parameter can read, compiled to VTL. */
function resolveSelector(
  raw: string,
  definition: Pick<ParameterDefinition, 'kind' | 'literalOnly' | 'perItemOf'>,
  path: readonly PathSegment[],
): Checked<FieldValue> {
  if (!looksLikeSelector(raw))
    return invalid(`${describeValue(raw)} starts with '$' but is not a request selector; use ${SELECTOR_FORMS}.`);
  const parsed = parseSelector(raw);
  if (!parsed.ok) return parsed;
  const selector = parsed.value;
  const pathProblem = checkPathSelector(selector, path);
  if (pathProblem !== undefined) return { ok: false, problems: [pathProblem] };
  if (selector.source === 'item' && definition.perItemOf === undefined)
    return invalid(`${quoted(raw)} reads an element of a list, but this parameter is not read per element; use a $request selector.`);
  if (definition.kind === 'list' && selector.source !== 'body') return invalid(`${EXPECTED_BODY_ARRAY}; received ${describeValue(raw)}.`);
  if (definition.literalOnly)
    return invalid(
      "must be written literally (it is the stack author's, or the IAM policy depends on it); " +
        `received the selector ${describeValue(raw)}.`,
    );
  return valid({
    kind: 'selector',
    vtl: selectorToVtl(selector),
    alwaysPresent: selector.source === 'body' && selector.jsonPath.length === 0,
    selector,
  });
}

/** A `$request.path.name` selector must name a `{name}` of the integration's Path. */
function checkPathSelector(selector: Selector, path: readonly PathSegment[]): Problem | undefined {
  if (selector.source !== 'path') return undefined;
  const names = path.flatMap((s) => (s.kind === 'param' ? [s.name] : []));
  if (names.includes(selector.name)) return undefined;
  const has = names.length === 0 ? 'the Path has no {parameters}' : `the Path has ${names.map((n) => `{${n}}`).join(', ')}`;
  return { path: [], message: `'$request.path.${selector.name}' refers to a path parameter the Path does not have; ${has}.` };
}

/** Resolves a parameter value according to its definition; the problems' paths are below `Parameters.<Name>`. */
export function resolveParameter(raw: Json, definition: ParameterDefinition, path: readonly PathSegment[]): Checked<ResolvedParameter> {
  if (STRUCTURED_KINDS.has(definition.kind)) return resolveStructured(raw, definition, path);
  if (definition.kind === 'messageAttributes') return resolveMessageAttributes(raw, path, definition.reservedAttributeNames ?? []);
  // A map or list where text is wanted is sent as its JSON text (EventBridge Detail, SQS MessageBody).
  if ((definition.kind === 'document' || definition.kind === 'string') && definition.in !== 'requestParameter' && isComposite(raw))
    return resolveJsonText(raw, definition, path);
  if (isJsonObject(raw) && !isIntrinsic(raw))
    return invalid(`expected a single value (${definition.description}); received the object ${describeValue(raw)}.`);
  const value = resolveScalar(raw, definition, path);
  if (!value.ok) return value;
  if (value.value.kind === 'computed' && definition.in === 'requestParameter')
    return invalid(
      `API Gateway maps this parameter without a template, from one source; it cannot join texts. Received ${describeValue(raw)}; give a literal or a single selector.`,
    );
  // A mapped static value is written between single quotes, which API Gateway cannot escape.
  if (value.value.kind === 'literal' && definition.in === 'requestParameter' && value.value.text.includes("'")) {
    return invalid(`a fixed value here cannot contain a single quote; received ${describeValue(raw)}.`);
  }
  return valid({ kind: 'value', value: value.value });
}

/** SNS/SQS message attributes: a map of name → value or {DataType, Value}. */
function resolveMessageAttributes(raw: Json, path: readonly PathSegment[], reserved: readonly string[]): Checked<ResolvedParameter> {
  if (!isJsonObject(raw) || isIntrinsic(raw)) {
    return invalid(`expected a map of attribute name → value or {DataType, Value}; received ${describeValue(raw)}.`);
  }
  const problems: Problem[] = [];
  const attributes: { name: string; dataType: string; value: FieldValue }[] = [];
  for (const [name, entry] of Object.entries(raw as JsonObject) as [string, Json][]) {
    if (!reserved.includes(name) && (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name))) {
      const allowed = reserved.length > 0 ? ` (except ${reserved.join(', ')})` : '';
      problems.push({
        path: [name],
        message: `${quoted(name)} is not a valid attribute name: 1-256 letters, digits, '_', '-', '.', not starting with 'AWS.' or 'Amazon.'${allowed}.`,
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
          path: [name, extra[0] as string],
          message: `unknown key ${quoted(extra[0] as string)}; an attribute object has DataType and Value.`,
        });
      if (typeof entry.DataType !== 'string' || !DATA_TYPE.test(entry.DataType)) {
        problems.push({
          path: [name, 'DataType'],
          message: `expected String or Number (optionally with a custom suffix, e.g. Number.int); received ${describeValue(entry.DataType)}.`,
        });
        continue;
      }
      dataType = entry.DataType;
      valueRaw = entry.Value;
      if (valueRaw === undefined) {
        problems.push({ path: [name, 'Value'], message: 'the attribute Value is missing.' });
        continue;
      }
    }
    const value = resolveScalar(valueRaw as Json, { kind: 'string' }, path);
    if (!value.ok) problems.push(...within([name], value.problems));
    else attributes.push({ name, dataType, value: value.value });
  }
  return problems.length > 0 ? { ok: false, problems } : valid({ kind: 'attributes', attributes });
}

/** The key of `{AsJsonString: value}`: the value sent as a JSON string holding its JSON text. */
export const AS_JSON_STRING = 'AsJsonString';

/** A map (not an intrinsic function) or a list: a value with structure. */
function isComposite(raw: Json): boolean {
  return Array.isArray(raw) || (isJsonObject(raw) && !isIntrinsic(raw));
}

/** A text parameter given a map, a list or `{AsJsonString: value}`: the value's JSON text. */
function resolveJsonText(raw: Json, definition: ParameterDefinition, path: readonly PathSegment[]): Checked<ResolvedParameter> {
  const problems: Problem[] = [];
  const tree = resolveTree(raw, [], false, definition, path, problems);
  if (problems.length > 0) return { ok: false, problems };
  return valid({ kind: 'tree', tree: tree.kind === 'jsonText' ? tree : { kind: 'jsonText', tree } });
}

const STRUCTURED_KINDS = new Set<ParameterDefinition['kind']>(['json', 'attributeValues', 'item', 'attributeNames']);
const ATTRIBUTE_TYPES: readonly AttributeType[] = ['S', 'N', 'B', 'BOOL'];

/** Resolves a structured parameter (JSON payload, DynamoDB item, key, values or names) into a value tree. */
function resolveStructured(raw: Json, definition: ParameterDefinition, path: readonly PathSegment[]): Checked<ResolvedParameter> {
  const problems: Problem[] = [];
  const isMap = isJsonObject(raw) && !isIntrinsic(raw);
  if ((definition.kind === 'attributeValues' || definition.kind === 'attributeNames') && !isMap) {
    return invalid(`expected a map (${definition.description}); received ${describeValue(raw)}.`);
  }
  if (definition.kind === 'item' && !isMap && !(typeof raw === 'string' && raw.startsWith('$request.body'))) {
    return invalid(
      'expected a selector of a JSON object in the body (such as "$request.body") or a map of attribute name → value; ' +
        `received ${describeValue(raw)}.`,
    );
  }
  if (definition.kind === 'attributeNames') {
    const entries: [string, ValueTree][] = [];
    for (const [name, value] of Object.entries(raw as JsonObject)) {
      if (!/^#[A-Za-z0-9_]+$/.test(name))
        problems.push({
          path: [name],
          message: `${quoted(name)} is not an expression attribute name placeholder; write '#' followed by letters, digits or '_', e.g. '#status'.`,
        });
      else if (typeof value !== 'string' || value === '')
        problems.push({ path: [name], message: `expected the attribute name as a literal string; received ${describeValue(value)}.` });
      else entries.push([name, { kind: 'scalar', value }]);
    }
    return problems.length > 0 ? { ok: false, problems } : valid({ kind: 'tree', tree: { kind: 'object', entries } });
  }
  const typed = definition.kind !== 'json';
  const tree = resolveTree(raw, [], typed, definition, path, problems);
  return problems.length > 0 ? { ok: false, problems } : valid({ kind: 'tree', tree });
}

/** One value of a structured parameter, recursively; problems are collected with their path below the parameter. */
function resolveTree(
  raw: Json,
  at: PropertyPath,
  typed: boolean,
  definition: ParameterDefinition,
  path: readonly PathSegment[],
  problems: Problem[],
): ValueTree {
  // A `$` may start a selector, or a selector may be joined into the text.
  if (isIntrinsic(raw) || (typeof raw === 'string' && raw.includes('$'))) {
    const value = resolveScalar(raw, { kind: 'string', perItemOf: definition.perItemOf }, path);
    if (!value.ok) problems.push(...within(at, value.problems));
    return value.ok ? { kind: 'field', value: value.value } : { kind: 'scalar', value: null };
  }
  if (isJsonObject(raw) && Object.keys(raw).length === 1 && Object.hasOwn(raw, AS_JSON_STRING))
    return { kind: 'jsonText', tree: resolveTree(raw[AS_JSON_STRING] as Json, [...at, AS_JSON_STRING], false, definition, path, problems) };
  if (Array.isArray(raw))
    return { kind: 'array', items: raw.map((item, i) => resolveTree(item, [...at, i], typed, definition, path, problems)) };
  if (isJsonObject(raw)) {
    const keys = Object.keys(raw);
    // {Type, Value}: a value read from the request with the DynamoDB type the user wants (N for a numeric key from the path).
    if (typed && keys.includes('Type') && keys.every((k) => k === 'Type' || k === 'Value')) {
      return resolveTypedValue(raw, at, definition, path, problems);
    }
    return {
      kind: 'object',
      entries: keys.map((k) => [k, resolveTree(raw[k] as Json, [...at, k], typed, definition, path, problems)] as [string, ValueTree]),
    };
  }
  return { kind: 'scalar', value: raw };
}

/** `{Type, Value}`: a DynamoDB attribute whose type the user gives, its value a literal or read from the request. */
function resolveTypedValue(
  raw: JsonObject,
  at: PropertyPath,
  definition: ParameterDefinition,
  path: readonly PathSegment[],
  problems: Problem[],
): ValueTree {
  const type = raw.Type as AttributeType;
  if (!ATTRIBUTE_TYPES.includes(type)) {
    problems.push({
      path: [...at, 'Type'],
      message: `expected one of ${ATTRIBUTE_TYPES.join(', ')}; received ${describeValue(raw.Type)}.`,
    });
    return { kind: 'scalar', value: null };
  }
  if (raw.Value === undefined) {
    problems.push({ path: [...at, 'Value'], message: 'the Value is missing.' });
    return { kind: 'scalar', value: null };
  }
  const value = resolveScalar(raw.Value, { kind: 'string', perItemOf: definition.perItemOf }, path);
  if (!value.ok) {
    problems.push(...within([...at, 'Value'], value.problems));
    return { kind: 'scalar', value: null };
  }
  if (value.value.kind === 'literal') return literalOfType(value.value.text, type, [...at, 'Value'], problems);
  return { kind: 'field', value: value.value, type };
}

/** A literal given with an explicit type, checked now rather than rejected by the service later. */
function literalOfType(text: string, type: AttributeType, at: PropertyPath, problems: Problem[]): ValueTree {
  if (type === 'N') {
    if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text))
      problems.push({ path: at, message: `expected a number; received ${describeValue(text)}.` });
    return { kind: 'scalar', value: Number(text) };
  }
  if (type === 'BOOL') {
    if (text !== 'true' && text !== 'false')
      problems.push({ path: at, message: `expected true or false; received ${describeValue(text)}.` });
    return { kind: 'scalar', value: text === 'true' };
  }
  return { kind: 'scalar', value: text };
}
