import type { ResolvedParameter } from '../schema/parameters';
import type { TargetRef } from '../schema/targets';
import { type Selector, toJsonPath } from '../selectors';
import type { BodyNode, ParameterDefinition } from '../services/types';
import type { Intrinsic } from '../types';
import { marshalItemEntriesParts, marshalVtl } from './dynamodb-values';
import { sharedText, type TemplatePart } from './template-parts';
import type { FieldValue, ValueTree } from './values';
import { guardedForeachVtl, MAX_FOREACH_ITERATIONS, refusalVtl, refuseRequestVtl } from './vtl-limits';
import { deployTimeTextVtl, inertJson, inertJsonString, jsonStringVtl } from './vtl-text';

/** What the JSON renderer needs: the body's shape, the resolved parameters and the target. */
export interface JsonTemplateInput {
  body: BodyNode;
  parameters: Readonly<Record<string, ResolvedParameter>>;
  definitions: Readonly<Record<string, ParameterDefinition>>;
  target: TargetRef;
}

/**
 * A rendered value: `value` is written after the field name, inside `prefix`…`suffix` (VTL that
 * leaves the field out when the request has no value for it); `fallback` is written instead when
 * the value is present but invalid.
 */
interface Piece {
  prefix: TemplatePart[];
  value: TemplatePart[];
  suffix: string;
  always: boolean;
  fallback?: string;
}

/** The element of a list being iterated: selectors `$item…` read below `path` at index `$spIndex`. */
interface Scope {
  listPath?: string;
}

const always = (...value: TemplatePart[]): Piece => ({ prefix: [], value, suffix: '', always: true });

/** Renders the request template of a JSON-protocol call from the action's body shape. */
export function renderJsonTemplate(input: JsonTemplateInput): TemplatePart[] {
  const writer = new JsonWriter(input);
  const root = writer.node(input.body, {}, true);
  if (root === undefined) return ['{}'];
  const parts = [...root.prefix, ...root.value, root.suffix].filter((p) => p !== '');
  // A loop that may refuse the request marks it; the refusal itself is written once, at the end.
  const mayRefuse = parts.some((p) => typeof p === 'string' && p.includes('$spRefused'));
  return mayRefuse ? [...parts, refusalVtl] : parts;
}

/**
 * A value's JSON text as one computed text, for a protocol that sends it as a single field (a
 * Query form's SQS MessageBody). `namespace` keeps its VTL variables apart from the template's own.
 */
export function jsonTextValue(tree: ValueTree, namespace: string): Extract<FieldValue, { kind: 'computed' }> {
  const writer = new JsonWriter({ body: { object: {} }, parameters: {}, definitions: {}, target: NO_TARGET }, namespace);
  const { statements, text } = writer.jsonTextStatements(tree.kind === 'jsonText' ? tree.tree : tree, {});
  return { kind: 'computed', statements, vtl: text };
}

const NO_TARGET: TargetRef = { arn: '', name: '', account: '', region: '' };

class JsonWriter {
  private variables = 0;

  constructor(
    private readonly input: JsonTemplateInput,
    private readonly namespace = '',
  ) {}

  private variable(kind: string): string {
    return `$sp${this.namespace}${kind}${++this.variables}`;
  }

  /** One body node; undefined when it names a parameter the integration does not use. */
  node(node: BodyNode, scope: Scope, root = false): Piece | undefined {
    if ('literal' in node) return always(inertJsonString(node.literal));
    // Target names and ARNs have no quotes or backslashes: CloudFormation inserts them as they are.
    if ('target' in node) return always('"', this.input.target[node.target], '"');
    if ('object' in node) return this.object(Object.entries(node.object), scope);
    if ('each' in node) return this.each(node.each, node.element, scope);
    const parameter = this.input.parameters[node.parameter];
    const definition = this.input.definitions[node.parameter];
    if (parameter === undefined || definition === undefined) return undefined;
    if (parameter.kind === 'tree') {
      if (definition.kind === 'item') return this.item(parameter.tree, node.mergeKeyFrom, scope);
      // A map or list given to a text parameter (EventBridge Detail, Step Functions input): its JSON text.
      if (definition.kind === 'document' || definition.kind === 'string')
        return this.jsonText(parameter.tree.kind === 'jsonText' ? parameter.tree.tree : parameter.tree, scope);
      return definition.kind === 'json' || definition.kind === 'attributeNames'
        ? this.jsonTree(parameter.tree, scope, root)
        : this.typedTree(parameter.tree, scope);
    }
    if (parameter.kind !== 'value') throw new Error(`parameter ${node.parameter} of kind ${definition.kind} cannot be a JSON field`);
    return this.scalar(parameter.value, definition, scope);
  }

  /** A JSON object whose fields may be absent at call time: commas are written at call time when needed. */
  private object(fields: readonly [string, BodyNode | Piece | undefined][], scope: Scope): Piece {
    const pieces = fields.flatMap(([name, node]) => {
      const piece = node === undefined || 'prefix' in node ? node : this.node(node, scope);
      return piece === undefined ? [] : [[name, piece] as const];
    });
    if (pieces.length === 0) return always('{}');
    const out: TemplatePart[] = ['{'];
    // When the first field is always there, every later one follows a comma; otherwise a VTL
    // variable remembers whether a field has been written yet.
    const separator = pieces[0]?.[1].always ? undefined : this.variable('Sep');
    if (separator !== undefined) out.unshift(`#set(${separator} = "")`);
    pieces.forEach(([name, piece], index) => {
      const comma = separator ?? (index === 0 ? '' : ',');
      const mark = separator === undefined ? '' : `#set(${separator} = ",")`;
      const field = `${comma}${inertJsonString(name)}:`;
      out.push(...piece.prefix, field, ...piece.value, mark);
      if (piece.fallback !== undefined) out.push(`#else${field}${piece.fallback}${mark}`);
      out.push(piece.suffix);
    });
    out.push('}');
    const text = out.filter((p) => p !== '');
    return { prefix: [], value: text, suffix: '', always: true };
  }

  /** A JSON array with one element per element of a list parameter, or one element when it is not given. */
  private each(listName: string, element: Readonly<Record<string, BodyNode>>, scope: Scope): Piece {
    const list = this.input.parameters[listName];
    if (list === undefined || list.kind !== 'value' || list.value.kind !== 'selector' || list.value.selector.source !== 'body') {
      return always('[', ...this.object(Object.entries(element), scope).value, ']');
    }
    const listPath = toJsonPath(list.value.selector.jsonPath);
    const inner = this.object(Object.entries(element), { listPath });
    // A body that is not an array has no size(): the count stays 0 and the service rejects the empty list.
    // A list longer than VTL's loop cap is refused whole rather than cut at 1,000 elements.
    const refusal = refuseRequestVtl(
      `the list ${listPath.slice(2)} in the request body has more than ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')} elements, more than a mapping template can carry (its loops stop at ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')}); send fewer per request.`,
    );
    return always(
      `#set($spCount = 0)#set($spCount = $input.path('${listPath}').size())[#if($spCount > ${MAX_FOREACH_ITERATIONS})${refusal}#elseif($spCount > 0)#set($spLastIndex = $spCount - 1)#foreach($spIndex in [0..$spLastIndex])`,
      ...inner.value,
      '#if($foreach.hasNext),#end#end#end]',
    );
  }

  /** The VTL that reads a body or item path: `$input.path('$.a')`, or a double-quoted path with the loop index. */
  private bodyPath(selector: Selector, scope: Scope): string | undefined {
    if (selector.source === 'body') return `'${toJsonPath(selector.jsonPath)}'`;
    if (selector.source === 'item') return `"${scope.listPath}[\${spIndex}]${toJsonPath(selector.jsonPath).slice(1)}"`;
    return undefined;
  }

  /**
   * A selector's value as text: strings as they are, other JSON values as JSON text (not Java's
   * `{a=b}`), so an object read from the body is passed on as JSON.
   */
  private text(
    value: Extract<FieldValue, { kind: 'selector' }>,
    scope: Scope,
    asJson = false,
  ): { prefix: string; expr: string; suffix: string; always: boolean } {
    const { selector } = value;
    const variable = this.variable('Value');
    if (selector.source === 'body' && selector.jsonPath.length === 0) return { prefix: '', expr: '$input.body', suffix: '', always: true };
    // A path parameter is never empty (API Gateway would not route the request); every request has an id.
    if (selector.source === 'path' || (selector.source === 'context' && selector.name === 'requestId'))
      return { prefix: '', expr: value.vtl, suffix: '', always: true };
    const path = this.bodyPath(selector, scope);
    if (path !== undefined) {
      // #set with a null value keeps the old one: inside a loop, reset first so an absent field stays absent.
      const reset = scope.listPath === undefined ? '' : `#set(${variable} = "")`;
      const prefix = `${reset}#set(${variable} = $input.path(${path}))#if("$!${variable.slice(1)}" != "")`;
      if (asJson) return { prefix, expr: `$input.json(${path})`, suffix: '#end', always: false };
      return {
        prefix: `${prefix}#if("$!{${variable.slice(1)}.length()}" == "")#set(${variable} = $input.json(${path}))#end`,
        expr: variable,
        suffix: '#end',
        always: false,
      };
    }
    return { prefix: `#set(${variable} = ${value.vtl})#if("$!${variable.slice(1)}" != "")`, expr: variable, suffix: '#end', always: false };
  }

  /** A single value encoded for its kind: JSON string, number, boolean, base64 text, document, page token. */
  private scalar(value: FieldValue, definition: ParameterDefinition, scope: Scope): Piece {
    if (value.kind === 'literal') return always(literalJson(value.text, definition));
    if (value.kind === 'intrinsic') return this.deployTimeValue(value.value, definition);
    if (value.kind === 'computed') {
      const text = definition.kind === 'base64' ? `$util.base64Encode(${value.vtl})` : jsonStringVtl(value.vtl);
      return { prefix: [...value.statements], value: [`"${text}"`], suffix: '', always: true };
    }
    switch (definition.kind) {
      case 'integer':
      case 'number':
      case 'boolean': {
        // Written unquoted, so the value must match its pattern; otherwise the default (if any) is sent.
        const [variable, text] = [this.variable('Value'), this.variable('Text')];
        const path = this.bodyPath(value.selector, scope);
        const read = path === undefined ? value.vtl : `$input.path(${path})`;
        const pattern = definition.pattern ?? UNQUOTED_PATTERNS[definition.kind];
        const prefix = `#set(${variable} = "")#set(${variable} = ${read})#set(${text} = "$!${variable.slice(1)}")#if(${text}.matches("${pattern}"))`;
        const piece: Piece = { prefix: [prefix], value: [text], suffix: '#end', always: false };
        if (definition.default !== undefined && !definition.default.startsWith('$')) piece.fallback = definition.default;
        return piece;
      }
      case 'pageToken':
        return this.pageToken(value, scope);
      case 'base64': {
        const text = this.text(value, scope);
        return { prefix: [text.prefix], value: [`"$util.base64Encode(${text.expr})"`], suffix: text.suffix, always: text.always };
      }
      default: {
        const text = this.text(value, scope, definition.kind === 'document');
        return { prefix: [text.prefix], value: [`"${jsonStringVtl(text.expr)}"`], suffix: text.suffix, always: text.always };
      }
    }
  }

  /**
   * A deploy-time value (the stack author's, from an intrinsic function), pasted by CloudFormation
   * base64-encoded and decoded at request time, so nothing in it can be VTL or JSON syntax: base64
   * fields take the encoding as it is, numbers and booleans are written only when they are one.
   */
  private deployTimeValue(value: Intrinsic, definition: ParameterDefinition): Piece {
    if (definition.kind === 'base64') return always('"', { 'Fn::Base64': value }, '"');
    const text = deployTimeTextVtl(value);
    if (definition.kind === 'integer' || definition.kind === 'boolean') {
      const variable = this.variable('Value');
      const pattern = definition.kind === 'boolean' ? 'true|false' : (definition.pattern ?? '-?[0-9]{1,15}');
      const piece: Piece = {
        prefix: [`#set(${variable} = `, ...text, `)#if(${variable}.matches("${pattern}"))`],
        value: [variable],
        suffix: '#end',
        always: false,
      };
      if (definition.default !== undefined && !definition.default.startsWith('$')) piece.fallback = definition.default;
      return piece;
    }
    return always('"$util.escapeJavaScript(', ...text, String.raw`).replaceAll("\\'","'")"`);
  }

  /**
   * ExclusiveStartKey from the `nextToken` a Query/Scan response gave (base64url of LastEvaluatedKey).
   * The decoded key is rebuilt field by field with every name and value escaped, so a forged token
   * can only name key values, never add request fields.
   */
  private pageToken(value: Extract<FieldValue, { kind: 'selector' }>, scope: Scope): Piece {
    const text = this.text(value, scope);
    const token = '$spToken';
    const decode = `#set($spTokenText = "$!${text.expr.slice(1)}")#if($spTokenText.matches("[A-Za-z0-9_=-]{1,8000}"))#set(${token} = $util.parseJson($util.base64Decode($spTokenText.replace("-", "+").replace("_", "/"))))`;
    const tooLong = `the nextToken names more than ${MAX_FOREACH_ITERATIONS.toLocaleString('en-US')} attributes, which no key has; pass back the nextToken a response gave.`;
    const attribute = guardedForeachVtl(
      '$spTokenType',
      `${token}.get($spTokenName).keySet()`,
      `"${jsonStringVtl('$spTokenType')}":"${jsonStringVtl(`${token}.get($spTokenName).get($spTokenType)`)}"#if($foreach.hasNext),#end`,
      tooLong,
    );
    const key = `{${guardedForeachVtl('$spTokenName', `${token}.keySet()`, `"${jsonStringVtl('$spTokenName')}":{${attribute}}#if($foreach.hasNext),#end`, tooLong)}}`;
    return { prefix: [text.prefix, decode], value: [key], suffix: `#end${text.suffix}`, always: false };
  }

  /** A JSON value built from literals and selectors (generic mode, Lambda payloads). */
  private jsonTree(tree: ValueTree, scope: Scope, root = false): Piece {
    switch (tree.kind) {
      case 'scalar':
        return always(inertJson(tree.value));
      case 'object':
        return this.object(
          tree.entries.map(([name, child]) => [name, this.jsonTree(child, scope)]),
          scope,
        );
      case 'array':
        return this.array(tree.items.map((item) => this.jsonTree(item, scope)));
      case 'field': {
        const { value } = tree;
        // A member the service's model types: written and checked as that type.
        if (tree.scalar !== undefined) return this.scalar(value, { description: '', kind: tree.scalar, wireName: '' }, scope);
        if (value.kind === 'intrinsic') return this.scalar(value, { description: '', kind: 'string', wireName: '' }, scope);
        if (value.kind === 'literal') return always(inertJsonString(value.text));
        if (value.kind === 'computed') return this.scalar(value, { description: '', kind: 'string', wireName: '' }, scope);
        const { selector } = value;
        // The whole body as the whole payload is sent exactly as it came; anywhere else it is
        // re-serialised by API Gateway's JSON library, so it can only ever be one JSON value.
        if (selector.source === 'body' && selector.jsonPath.length === 0) return always(root ? '$input.body' : "$input.json('$')");
        if (this.bodyPath(selector, scope) !== undefined) {
          const text = this.text(value, scope, true);
          return { prefix: [text.prefix], value: [text.expr], suffix: text.suffix, always: false };
        }
        return this.scalar(value, { description: '', kind: 'string', wireName: '' }, scope);
      }
      case 'jsonText':
        return this.jsonText(tree.tree, scope);
    }
  }

  /**
   * A value as a JSON string holding its JSON text: the value is rendered as JSON into a block,
   * which is then escaped as one string, so every piece is escaped once for JSON and once more
   * for the string around it. A value the request lacks leaves the field out.
   */
  private jsonText(tree: ValueTree, scope: Scope): Piece {
    const { statements, text } = this.jsonTextStatements(tree, scope);
    return { prefix: [...statements, `#if(${text} != "")`], value: [`"${jsonStringVtl(text)}"`], suffix: '#end', always: false };
  }

  /** VTL statements that leave a value's JSON text in the variable `text` (empty when the request lacks the value). */
  jsonTextStatements(tree: ValueTree, scope: Scope): { statements: TemplatePart[]; text: string } {
    // The whole body as the whole value is its text exactly as it came, like the body of API Gateway's own events.
    const inner = this.jsonTree(tree, scope, true);
    const [block, text] = [this.variable('Json'), this.variable('JsonText')];
    const statements = [`#define(${block})`, ...inner.prefix, ...inner.value, inner.suffix, `#end#set(${text} = "${block}")`];
    return { statements: statements.filter((p) => p !== ''), text };
  }

  private array(pieces: readonly Piece[]): Piece {
    if (pieces.every((p) => p.always))
      return always('[', ...pieces.flatMap((p, i) => [i === 0 ? '' : ',', ...p.value]).filter((p) => p !== ''), ']');
    const separator = this.variable('Sep');
    const out: TemplatePart[] = [`#set(${separator} = "")[`];
    // The separator as a formal reference: a value right after it (`42`, `true`) must not extend its name.
    const written = `\${${separator.slice(1)}}`;
    for (const piece of pieces) out.push(...piece.prefix, written, ...piece.value, `#set(${separator} = ",")`, piece.suffix);
    out.push(']');
    return always(...out.filter((p) => p !== ''));
  }

  /** A DynamoDB attribute value map (Key, ExpressionAttributeValues) or a literal typed value. */
  private typedTree(tree: ValueTree, scope: Scope): Piece {
    switch (tree.kind) {
      case 'scalar':
        return always(typedLiteral(tree.value));
      case 'object':
        return this.object(
          tree.entries.map(([name, child]) => [name, this.typedTree(child, scope)]),
          scope,
        );
      case 'array': {
        const items = this.array(tree.items.map((item) => this.typedTree(item, scope)));
        return always('{"L":', ...items.value, '}');
      }
      case 'field':
        return this.typedField(tree.value, tree.type, scope);
      case 'jsonText': {
        const text = this.jsonText(tree.tree, scope);
        return { ...text, value: ['{"S":', ...text.value, '}'] };
      }
    }
  }

  /** A typed value read from the request: the user's type, or the JSON type found at call time. */
  private typedField(value: FieldValue, type: string | undefined, scope: Scope): Piece {
    if (value.kind !== 'selector') {
      const text = this.scalar(value, { description: '', kind: 'string', wireName: '' }, scope);
      return { ...text, value: [`{"${type ?? 'S'}":`, ...text.value, '}'] };
    }
    const path = this.bodyPath(value.selector, scope);
    const isWholeBody = value.selector.source === 'body' && value.selector.jsonPath.length === 0;
    if (type === undefined && path !== undefined && !isWholeBody) {
      const variable = this.variable('Value');
      const reset = scope.listPath === undefined ? '' : `#set(${variable} = "")`;
      // Converted from one fixed variable, so that the conversion is the same text everywhere: shareable.
      return {
        prefix: [`${reset}#set(${variable} = $input.path(${path}))#if("$!${variable.slice(1)}" != "")#set($spTyped = ${variable})`],
        value: [sharedText(marshalVtl('spTyped'))],
        suffix: '#end',
        always: false,
      };
    }
    if (type === 'BOOL') {
      const piece = this.scalar(value, { description: '', kind: 'boolean', wireName: '' }, scope);
      return { ...piece, value: ['{"BOOL":', ...piece.value, '}'] };
    }
    const text = this.scalar(value, { description: '', kind: 'string', wireName: '' }, scope);
    return { ...text, value: [`{"${type ?? 'S'}":`, ...text.value, '}'] };
  }

  /** A DynamoDB item: a JSON object from the request typed at call time, or a map, plus key attributes given apart. */
  private item(tree: ValueTree, mergeKeyFrom: string | undefined, scope: Scope): Piece {
    const key = mergeKeyFrom === undefined ? undefined : this.input.parameters[mergeKeyFrom];
    const keyEntries = key?.kind === 'tree' && key.tree.kind === 'object' ? key.tree.entries : [];
    const keyNames = keyEntries.map(([name]) => name);
    if (tree.kind === 'object') {
      const entries = [...keyEntries, ...tree.entries.filter(([name]) => !keyNames.includes(name))];
      return this.object(
        entries.map(([name, child]) => [name, this.typedTree(child, scope)]),
        scope,
      );
    }
    if (tree.kind !== 'field' || tree.value.kind !== 'selector') throw new Error('an item is a map or a body selector');
    const path = this.bodyPath(tree.value.selector, scope) ?? "'$'";
    const separator = this.variable('Sep');
    const out: TemplatePart[] = [`#set($spItem = $input.path(${path}))#set(${separator} = "")`, '{'];
    // The key attributes first, then every attribute of the body except those the key supplies.
    for (const [name, child] of keyEntries) {
      const piece = this.typedTree(child, scope);
      out.push(...piece.prefix, `${separator}${inertJsonString(name)}:`, ...piece.value, `#set(${separator} = ",")`, piece.suffix);
    }
    out.push(...marshalItemEntriesParts('spItem', keyNames, separator), '}');
    return always(...out.filter((p) => p !== ''));
  }
}

/** What a value written unquoted must match at call time (no `$` or `#`: it sits in a VTL string). */
const UNQUOTED_PATTERNS = {
  integer: '-?[0-9]{1,15}',
  number: '-?(0|[1-9][0-9]{0,15})([.][0-9]{1,15})?([eE][+-]?[0-9]{1,3})?',
  boolean: 'true|false',
} as const;

/** A literal encoded for its parameter kind. */
function literalJson(text: string, definition: ParameterDefinition): string {
  if (definition.kind === 'integer' || definition.kind === 'number' || definition.kind === 'boolean') return text;
  if (definition.kind === 'base64') return JSON.stringify(Buffer.from(text, 'utf8').toString('base64'));
  return inertJsonString(text);
}

/** A literal JSON value as a DynamoDB attribute value. */
function typedLiteral(value: string | number | boolean | null): string {
  if (value === null) return '{"NULL":true}';
  if (typeof value === 'boolean') return `{"BOOL":${value}}`;
  if (typeof value === 'number') return `{"N":"${value}"}`;
  return `{"S":${inertJsonString(value)}}`;
}
