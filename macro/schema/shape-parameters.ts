/**
 * Checks and resolves the `Parameters` of an action derived from AWS's service model against the
 * operation's input shape: unknown members get a did-you-mean from the model, missing required members
 * a diagnostic, literals are checked against their type, and every value is typed by the shape (numbers
 * as JSON numbers, booleans as true/false, Query lists and maps flattened as the model says).
 */
import { describeValue } from '../diagnostics';
import { type Problem, within } from '../problem';
import type { FormPiece, FormShape } from '../request-templates/form';
import { listItemName, mapEntryName } from '../request-templates/form';
import type { FieldValue, ScalarType, ValueTree } from '../request-templates/values';
import { type ModelProtocol, resolveShape, type ServiceModel, type Shape } from '../service-facts/facts';
import type { ParameterDefinition } from '../services/types';
import { didYouMean } from '../suggest';
import { isIntrinsic, isJsonObject, type Json, type JsonObject } from '../types';
import type { PathSegment } from './api-path';
import { type ResolvedParameter, resolveScalar } from './parameters';

/** Where a member of the input goes in the request. */
export type MemberPlacement =
  /** A field of the JSON body, by its key. */
  | { in: 'body'; key: string }
  /** The whole body (a REST member the model marks as the payload). */
  | { in: 'payload' }
  /** A REST URI label, query string parameter or header, by its name on the wire. */
  | { in: 'uri' | 'querystring' | 'header'; name: string }
  /** Form fields of a Query-protocol call, under this name. */
  | { in: 'form'; name: string };

/** One input member the integration sends: where it goes, how it is encoded, and its resolved value. */
export interface ResolvedMember {
  name: string;
  placement: MemberPlacement;
  definition: ParameterDefinition;
  value: ResolvedParameter;
}

/** A problem with a parameter; `unknownMember` when the name itself is not the input's. */
export interface ShapeProblem extends Problem {
  unknownMember?: boolean;
}

/** What the resolver needs to know about the operation and the integration. */
export interface ShapeParametersInput {
  model: ServiceModel;
  protocol: ModelProtocol;
  /** The operation's input shape (resolved), or undefined for operations without input. */
  input: Shape | undefined;
  /** Describes the operation in messages, e.g. `ses SendEmail`. */
  operation: string;
  given: JsonObject;
  /** Members the Target supplies when the user gives none (QueueUrl, EndpointName), already resolved. */
  fromTarget: Readonly<Record<string, FieldValue>>;
  path: readonly PathSegment[];
}

/** Literal nesting deeper than this is refused: no real AWS input needs it, and walks stay bounded. */
const MAX_DEPTH = 16;

/** How deep a value read at call time is flattened into Query fields (recursive shapes stop here). */
const MAX_FORM_DEPTH = 6;

/** The JSON type of a scalar model type. */
function scalarType(shape: Shape, protocol: ModelProtocol): ScalarType | undefined {
  switch (shape.type ?? 'string') {
    case 'string':
      return 'string';
    case 'integer':
    case 'long':
      return 'integer';
    case 'float':
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'blob':
      return 'base64';
    // AWS JSON bodies carry timestamps as epoch seconds; the other protocols as text.
    case 'timestamp':
      return protocol === 'json' || protocol === 'rest-json' ? 'number' : 'string';
    default:
      return undefined;
  }
}

const TYPE_WORDS: Record<ScalarType, string> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  base64: 'text (sent base64-encoded)',
};

/** Describes a shape's type for messages: `a list of strings`, `a structure (Subject, Body)`. */
function describeShape(model: ServiceModel, shape: Shape, protocol: ModelProtocol, depth = 0): string {
  const scalar = scalarType(shape, protocol);
  if (scalar !== undefined) return TYPE_WORDS[scalar];
  if (depth > 1) return `a ${shape.type}`;
  if (shape.type === 'list' && shape.member !== undefined)
    return `a list of ${describeShape(model, resolveShape(model, shape.member), protocol, depth + 1).replace(/^an? /, '')}s`;
  if (shape.type === 'map') return 'a map';
  const names = Object.keys(shape.members ?? {});
  return `a structure (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', ...' : ''})`;
}

/** Where a member goes, by protocol and its location trait. */
function placementOf(name: string, member: Shape, protocol: ModelProtocol, payload: string | undefined): MemberPlacement {
  const wireName = member.locationName ?? name;
  if (protocol === 'query') return { in: 'form', name: wireName };
  if (protocol === 'ec2') return { in: 'form', name: member.queryName ?? `${wireName.charAt(0).toUpperCase()}${wireName.slice(1)}` };
  if (protocol === 'json') return { in: 'body', key: wireName };
  if (member.location === 'uri') return { in: 'uri', name: wireName };
  if (member.location === 'querystring') return { in: 'querystring', name: wireName };
  if (member.location === 'header') return { in: 'header', name: wireName };
  if (name === payload) return { in: 'payload' };
  return { in: 'body', key: wireName };
}

/**
 * Resolves the user's Parameters (and the members the Target supplies) against the input shape.
 * Members come out in the model's order, so the same integration always renders the same template.
 */
export function resolveShapeParameters(input: ShapeParametersInput): { members: ResolvedMember[]; problems: ShapeProblem[] } {
  const { model, protocol, given, path } = input;
  const problems: ShapeProblem[] = [];
  const shape = input.input;
  const shapeMembers = shape?.members ?? {};
  const names = Object.keys(shapeMembers);
  for (const name of Object.keys(given)) {
    if (Object.hasOwn(shapeMembers, name)) continue;
    const expected = names.length === 0 ? 'it takes no parameters' : `expected one of ${names.join(', ')}`;
    problems.push({
      path: [name],
      message: `'${name}' is not a parameter of ${input.operation} (from AWS's service model); ${expected}.${didYouMean(name, names)}`,
      unknownMember: true,
    });
  }
  const members: ResolvedMember[] = [];
  for (const name of names) {
    const member = resolveShape(model, shapeMembers[name] as Shape);
    const placement = placementOf(name, member, protocol, shape?.payload);
    const isGiven = Object.hasOwn(given, name);
    const fromTarget = Object.hasOwn(input.fromTarget, name) ? input.fromTarget[name] : undefined;
    // Defaults: the SDKs fill idempotency tokens themselves (the request id is as unique as their
    // UUIDs); a REST payload of bytes or text is the method request's body.
    const payloadDefault = placement.in === 'payload' && (member.type === undefined || member.type === 'string' || member.type === 'blob');
    const raw: Json | undefined = isGiven
      ? (given[name] as Json)
      : member.idempotencyToken
        ? '$context.requestId'
        : payloadDefault
          ? '$request.body'
          : undefined;
    if (raw === undefined && fromTarget === undefined) {
      if (shape?.required?.includes(name) || placement.in === 'uri') {
        problems.push({
          path: [name],
          message:
            `the required parameter '${name}' (${describeShape(model, member, protocol)}) of ${input.operation} is missing; ` +
            `give it under Parameters, e.g. ${name}: "$request.body.${name.charAt(0).toLowerCase()}${name.slice(1)}".`,
        });
      }
      continue;
    }
    const context: MemberContext = { model, protocol, path, problems };
    const before = problems.length;
    const resolved =
      raw === undefined
        ? targetValue(fromTarget as FieldValue, member, placement, context)
        : resolveMember(raw, [name], member, placement, context);
    if (resolved === undefined || problems.length > before) continue;
    members.push({ name, placement, ...resolved });
  }
  return { members, problems };
}

interface MemberContext {
  model: ServiceModel;
  protocol: ModelProtocol;
  path: readonly PathSegment[];
  problems: ShapeProblem[];
}

/** A member the Target supplies: the queue URL, endpoint name or state machine ARN, as text. */
function targetValue(
  value: FieldValue,
  member: Shape,
  placement: MemberPlacement,
  context: MemberContext,
): Omit<ResolvedMember, 'name' | 'placement'> | undefined {
  const uriValue: FieldValue =
    value.kind === 'literal' && placement.in === 'uri' ? { kind: 'literal', text: encodeURIComponent(value.text) } : value;
  return scalarMember(uriValue, 'string', member, placement, context);
}

function definitionFor(placement: MemberPlacement, kind: ParameterDefinition['kind'], description: string): ParameterDefinition {
  switch (placement.in) {
    case 'body':
      return { description, kind, wireName: placement.key };
    case 'payload':
      return { description, kind, wireName: '' };
    case 'form':
      return { description, kind: 'form', wireName: placement.name };
    case 'uri':
      return { description, kind, wireName: `integration.request.path.${placement.name}`, in: 'requestParameter', required: true };
    case 'querystring':
    case 'header':
      return { description, kind, wireName: `integration.request.${placement.in}.${placement.name}`, in: 'requestParameter' };
  }
}

function scalarMember(
  value: FieldValue,
  scalar: ScalarType,
  member: Shape,
  placement: MemberPlacement,
  context: MemberContext,
): Omit<ResolvedMember, 'name' | 'placement'> {
  const description = describeShape(context.model, member, context.protocol);
  if (placement.in === 'form')
    return {
      definition: definitionFor(placement, 'form', description),
      value: { kind: 'form', pieces: [{ kind: 'field', wireName: placement.name, value, scalar }] },
    };
  if (placement.in === 'body')
    return { definition: definitionFor(placement, 'json', description), value: { kind: 'tree', tree: { kind: 'field', value, scalar } } };
  return { definition: definitionFor(placement, scalar === 'base64' ? 'string' : scalar, description), value: { kind: 'value', value } };
}

/** One member's value, by where it goes. */
function resolveMember(
  raw: Json,
  subPath: (string | number)[],
  member: Shape,
  placement: MemberPlacement,
  context: MemberContext,
): Omit<ResolvedMember, 'name' | 'placement'> | undefined {
  const { model, protocol, problems } = context;
  const description = describeShape(model, member, protocol);
  const scalar = scalarType(member, protocol);
  if (placement.in === 'uri' || placement.in === 'querystring' || placement.in === 'header') {
    if (scalar === undefined) {
      problems.push({
        path: subPath,
        message:
          `is ${description} sent in the ${placement.in === 'uri' ? 'URI' : placement.in}, which the macro cannot derive; ` +
          'write the request with RequestTemplate and Protocol instead.',
      });
      return undefined;
    }
    const value = leafValue(raw, subPath, scalar, context);
    if (value === undefined) return undefined;
    if (value.kind === 'literal' && value.text.includes("'")) {
      problems.push({ path: subPath, message: `a fixed value here cannot contain a single quote; received ${describeValue(raw)}.` });
      return undefined;
    }
    if (value.kind === 'computed') {
      problems.push({
        path: subPath,
        message: `API Gateway maps this value without a template, from one source; it cannot join texts. Received ${describeValue(raw)}; give a literal or a single selector.`,
      });
      return undefined;
    }
    const sent =
      value.kind === 'literal' && placement.in === 'uri' ? { kind: 'literal' as const, text: encodeURIComponent(value.text) } : value;
    return {
      definition: definitionFor(placement, scalar === 'base64' ? 'string' : scalar, description),
      value: { kind: 'value', value: sent },
    };
  }
  if (placement.in === 'payload') {
    if (scalar === 'string' || scalar === 'base64') {
      // The body is sent as it came: no template touches it (binary included).
      if (raw !== '$request.body') {
        problems.push({
          path: subPath,
          message:
            'is the whole request body sent to the service; ' +
            `it can only be "$request.body" (the method request's body, passed through as it came); received ${describeValue(raw)}.`,
        });
        return undefined;
      }
      return { definition: definitionFor(placement, 'string', description), value: { kind: 'value', value: wholeBody() } };
    }
  }
  if (placement.in === 'form') {
    const pieces: FormPiece[] = [];
    formPieces(raw, subPath, placement.name, member, 0, context, pieces);
    return { definition: definitionFor(placement, 'form', description), value: { kind: 'form', pieces } };
  }
  if (protocol === 'rest-xml' && (placement.in === 'payload' || placement.in === 'body')) {
    problems.push({
      path: subPath,
      message: 'is sent in an XML body, which the macro does not write; give the request body with RequestTemplate (raw VTL) instead.',
    });
    return undefined;
  }
  const tree = jsonTree(raw, subPath, member, 0, context);
  return tree === undefined ? undefined : { definition: definitionFor(placement, 'json', description), value: { kind: 'tree', tree } };
}

function wholeBody(): FieldValue {
  return { kind: 'selector', vtl: '$input.body', alwaysPresent: true, selector: { source: 'body', jsonPath: [] } };
}

const isSelectorText = (raw: Json): raw is string => typeof raw === 'string' && raw.startsWith('$');

/**
 * A scalar: a selector or intrinsic as it is (checked at call time), or a literal checked against the
 * type now and written as the type's JSON.
 */
function leafValue(raw: Json, subPath: (string | number)[], scalar: ScalarType, context: MemberContext): FieldValue | undefined {
  // A `$` may also join selectors into a text (`order-$request.path.id`).
  if (isIntrinsic(raw) || (typeof raw === 'string' && raw.includes('$'))) {
    const kind = scalar === 'integer' || scalar === 'number' || scalar === 'boolean' ? scalar : 'string';
    const value = resolveScalar(raw, { kind }, context.path);
    if (!value.ok) {
      context.problems.push(...within(subPath, value.problems));
      return undefined;
    }
    // A text with a `$` that starts no selector (`US$5`) is a literal like any other.
    if (value.value.kind !== 'literal') return value.value;
  }
  const text = literalText(raw, scalar);
  if (text === undefined) {
    context.problems.push({
      path: subPath,
      message: `expected ${TYPE_WORDS[scalar]}, a request selector or an intrinsic function; received ${describeValue(raw)}.`,
    });
    return undefined;
  }
  return { kind: 'literal', text };
}

/** A literal's text when it is a value of the type, else undefined. */
function literalText(raw: Json, scalar: ScalarType): string | undefined {
  switch (scalar) {
    case 'integer': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isSafeInteger(n) ? String(n) : undefined;
    }
    case 'number': {
      const n =
        typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isFinite(n) ? String(n) : undefined;
    }
    case 'boolean':
      return typeof raw === 'boolean' ? String(raw) : raw === 'true' || raw === 'false' ? raw : undefined;
    default:
      return typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
  }
}

/** The JSON value of a literal of the type, for a JSON body. */
function literalJson(text: string, scalar: ScalarType): string | number | boolean {
  if (scalar === 'integer' || scalar === 'number') return Number(text);
  if (scalar === 'boolean') return text === 'true';
  if (scalar === 'base64') return Buffer.from(text, 'utf8').toString('base64');
  return text;
}

/** Checks a literal structure's keys: unknown members (did-you-mean) and missing required ones. */
function checkStructureKeys(raw: JsonObject, subPath: (string | number)[], shape: Shape, context: MemberContext): string[] {
  const members = shape.members ?? {};
  const names = Object.keys(members);
  const known: string[] = [];
  for (const key of Object.keys(raw)) {
    if (Object.hasOwn(members, key)) known.push(key);
    else
      context.problems.push({
        path: [...subPath, key],
        message: `'${key}' is not a member of ${describeShape(context.model, shape, context.protocol)}.${didYouMean(key, names)}`,
        unknownMember: true,
      });
  }
  for (const name of shape.required ?? []) {
    if (Object.hasOwn(raw, name)) continue;
    const member = describeShape(context.model, resolveShape(context.model, members[name] ?? {}), context.protocol);
    context.problems.push({ path: [...subPath, name], message: `the required member '${name}' (${member}) is missing.` });
  }
  return known;
}

function tooDeep(subPath: (string | number)[], depth: number, context: MemberContext): boolean {
  if (depth <= MAX_DEPTH) return false;
  context.problems.push({ path: subPath, message: `is nested more than ${MAX_DEPTH} levels deep; no AWS input needs that.` });
  return true;
}

/**
 * A structure, list or map given as one value: only a selector of the JSON body can hold it whole
 * (a literal text, a header or an intrinsic cannot); anything else is a problem at `subPath`.
 */
function wholeFromBody(
  raw: Json,
  subPath: (string | number)[],
  shape: Shape,
  context: MemberContext,
): Extract<FieldValue, { kind: 'selector' }> | undefined {
  const value = leafValue(raw, subPath, 'string', context);
  if (value === undefined) return undefined;
  if (value.kind === 'selector' && value.selector.source === 'body') return value;
  const { model, protocol, problems } = context;
  problems.push({
    path: subPath,
    message:
      `expected ${describeShape(model, shape, protocol)}: write it in the template, or read it from the JSON body ` +
      `with a selector such as "$request.body.${String(subPath.at(-1)).toLowerCase()}"; received ${describeValue(raw)}.`,
  });
  return undefined;
}

/** A JSON-protocol value typed by its shape. */
function jsonTree(raw: Json, subPath: (string | number)[], shape: Shape, depth: number, context: MemberContext): ValueTree | undefined {
  if (tooDeep(subPath, depth, context)) return undefined;
  const { model, protocol, problems } = context;
  const scalar = scalarType(shape, protocol);
  if (scalar !== undefined) {
    const value = leafValue(raw, subPath, scalar, context);
    if (value === undefined) return undefined;
    return value.kind === 'literal' ? { kind: 'scalar', value: literalJson(value.text, scalar) } : { kind: 'field', value, scalar };
  }
  // A structure, list or map read whole from the body: API Gateway writes it as the JSON it is.
  if (isSelectorText(raw) || isIntrinsic(raw)) {
    const value = wholeFromBody(raw, subPath, shape, context);
    return value === undefined ? undefined : { kind: 'field', value };
  }
  if (shape.type === 'list') {
    if (!Array.isArray(raw)) {
      problems.push({
        path: subPath,
        message: `expected ${describeShape(model, shape, protocol)} (a YAML list) or a body selector; received ${describeValue(raw)}.`,
      });
      return undefined;
    }
    const element = resolveShape(model, shape.member ?? {});
    const items = raw.map((item, i) => jsonTree(item, [...subPath, i], element, depth + 1, context));
    return items.every((i) => i !== undefined) ? { kind: 'array', items: items as ValueTree[] } : undefined;
  }
  if (!isJsonObject(raw)) {
    problems.push({
      path: subPath,
      message: `expected ${describeShape(model, shape, protocol)} (a YAML map) or a body selector; received ${describeValue(raw)}.`,
    });
    return undefined;
  }
  if (shape.type === 'map') {
    const value = resolveShape(model, shape.value ?? {});
    const entries = Object.entries(raw).map(([key, item]) => [key, jsonTree(item, [...subPath, key], value, depth + 1, context)] as const);
    return entries.every(([, t]) => t !== undefined) ? { kind: 'object', entries: entries as [string, ValueTree][] } : undefined;
  }
  const known = checkStructureKeys(raw, subPath, shape, context);
  const entries: [string, ValueTree][] = [];
  for (const key of known) {
    const member = resolveShape(model, shape.members?.[key] as Shape);
    const tree = jsonTree(raw[key] as Json, [...subPath, key], member, depth + 1, context);
    if (tree !== undefined) entries.push([member.locationName ?? key, tree]);
  }
  return { kind: 'object', entries };
}

/** The Query field name of a structure member. */
function formMemberName(name: string, member: Shape, protocol: ModelProtocol): string {
  const wireName = member.locationName ?? name;
  return protocol === 'ec2' ? (member.queryName ?? `${wireName.charAt(0).toUpperCase()}${wireName.slice(1)}`) : wireName;
}

/** A Query-protocol value flattened into form fields: literals now, body selectors at call time. */
function formPieces(
  raw: Json,
  subPath: (string | number)[],
  name: string,
  shape: Shape,
  depth: number,
  context: MemberContext,
  into: FormPiece[],
): void {
  if (tooDeep(subPath, depth, context)) return;
  const { model, protocol, problems } = context;
  const scalar = scalarType(shape, protocol);
  if (scalar !== undefined) {
    const value = leafValue(raw, subPath, scalar, context);
    if (value !== undefined) into.push({ kind: 'field', wireName: name, value, scalar });
    return;
  }
  if (isSelectorText(raw) || isIntrinsic(raw)) {
    const value = wholeFromBody(raw, subPath, shape, context);
    if (value === undefined) return;
    const formShape = formShapeOf(shape, 0, context);
    if (formShape === undefined) {
      problems.push({
        path: subPath,
        message:
          `${describeShape(model, shape, protocol)} nests more than ${MAX_FORM_DEPTH} levels deep to be read from the body; ` +
          'write its outer levels in the template.',
      });
      return;
    }
    into.push({ kind: 'read', wireName: name, value, shape: formShape });
    return;
  }
  if (shape.type === 'list') {
    if (!Array.isArray(raw)) {
      problems.push({
        path: subPath,
        message: `expected ${describeShape(model, shape, protocol)} (a YAML list) or a body selector; received ${describeValue(raw)}.`,
      });
      return;
    }
    const element = resolveShape(model, shape.member ?? {});
    const list = listNaming(shape, protocol);
    raw.forEach((item, i) => {
      formPieces(item, [...subPath, i], listItemName(name, list, String(i + 1)), element, depth + 1, context, into);
    });
    return;
  }
  if (!isJsonObject(raw)) {
    problems.push({
      path: subPath,
      message: `expected ${describeShape(model, shape, protocol)} (a YAML map) or a body selector; received ${describeValue(raw)}.`,
    });
    return;
  }
  if (shape.type === 'map') {
    const naming = mapNaming(shape);
    const value = resolveShape(model, shape.value ?? {});
    Object.entries(raw).forEach(([key, item], i) => {
      const entry = mapEntryName(name, naming, String(i + 1));
      into.push({ kind: 'field', wireName: `${entry}.${naming.keyName}`, value: { kind: 'literal', text: key }, scalar: 'string' });
      formPieces(item, [...subPath, key], `${entry}.${naming.valueName}`, value, depth + 1, context, into);
    });
    return;
  }
  for (const key of checkStructureKeys(raw, subPath, shape, context)) {
    const member = resolveShape(model, shape.members?.[key] as Shape);
    formPieces(raw[key] as Json, [...subPath, key], `${name}.${formMemberName(key, member, protocol)}`, member, depth + 1, context, into);
  }
}

function listNaming(shape: Shape, protocol: ModelProtocol): { memberName?: string; flattened: boolean } {
  const memberName = shape.member?.locationName;
  // EC2 lists are always flattened, their elements numbered right after the list's name.
  if (protocol === 'ec2') return { flattened: true };
  return memberName === undefined ? { flattened: shape.flattened === true } : { memberName, flattened: shape.flattened === true };
}

function mapNaming(shape: Shape): { keyName: string; valueName: string; flattened: boolean } {
  return {
    keyName: shape.key?.locationName ?? 'key',
    valueName: shape.value?.locationName ?? 'value',
    flattened: shape.flattened === true,
  };
}

/** How a value read from the body at call time is flattened, down to MAX_FORM_DEPTH levels. */
function formShapeOf(shape: Shape, depth: number, context: MemberContext): FormShape | undefined {
  const { model, protocol } = context;
  const scalar = scalarType(shape, protocol);
  if (scalar !== undefined) return { kind: 'scalar', scalar };
  if (depth >= MAX_FORM_DEPTH) return undefined;
  if (shape.type === 'list') {
    const member = formShapeOf(resolveShape(model, shape.member ?? {}), depth + 1, context);
    return member === undefined ? undefined : { kind: 'list', member, ...listNaming(shape, protocol) };
  }
  if (shape.type === 'map') {
    const value = formShapeOf(resolveShape(model, shape.value ?? {}), depth + 1, context);
    return value === undefined ? undefined : { kind: 'map', value, ...mapNaming(shape) };
  }
  const members: { key: string; wireName: string; shape: FormShape }[] = [];
  for (const [key, raw] of Object.entries(shape.members ?? {})) {
    const member = resolveShape(model, raw);
    const inner = formShapeOf(member, depth + 1, context);
    if (inner === undefined) return undefined;
    members.push({ key, wireName: formMemberName(key, member, protocol), shape: inner });
  }
  return { kind: 'structure', members };
}
