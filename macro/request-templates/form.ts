import type { Expr } from '../types';
import type { TemplatePart } from './template-parts';
import type { AttributeField, BodyField, FieldValue, ScalarType } from './values';
import { deployTimeTextVtl } from './vtl-text';

/** How a Query-protocol service's model flattens a value read from the request at call time. */
export type FormShape =
  | { kind: 'scalar'; scalar: ScalarType }
  /** Members by their key in the request's JSON and their name on the wire. */
  | { kind: 'structure'; members: readonly { key: string; wireName: string; shape: FormShape }[] }
  | { kind: 'list'; member: FormShape; memberName?: string; flattened: boolean }
  | { kind: 'map'; value: FormShape; keyName: string; valueName: string; flattened: boolean };

/** One part of a Query-protocol member: a field known by name now, or a JSON value of the body flattened at call time. */
export type FormPiece =
  | { kind: 'field'; wireName: string; value: FieldValue; scalar: ScalarType }
  | { kind: 'read'; wireName: string; value: Extract<FieldValue, { kind: 'selector' }>; shape: FormShape };

/** The field name of a list's element (`Names.member.1`; flattened: `Name.1`), as AWS's Query serializers write it. */
export function listItemName(name: string, list: { memberName?: string; flattened: boolean }, index: string): string {
  if (!list.flattened) return `${name}.${list.memberName ?? 'member'}.${index}`;
  // A flattened list's elements take the element's own name in place of the list's.
  const base = list.memberName === undefined ? name : [...name.split('.').slice(0, -1), list.memberName].join('.');
  return `${base}.${index}`;
}

/** The field name prefix of a map's entry (`Tags.entry.1`; flattened: `Tags.1`). */
export function mapEntryName(name: string, map: { flattened: boolean }, index: string): string {
  return `${name}${map.flattened ? '.' : '.entry.'}${index}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Java's URLEncoder form encoding (what `$util.urlEncode` does): space → `+`, only
 * `A-Za-z0-9.-*_` unescaped, UTF-8. Its output never contains `$` or `#`, so it is also inert VTL.
 */
export function formEncode(text: string): string {
  // Java's encoder writes a lone UTF-16 surrogate as '?' (%3F); encodeURIComponent would throw.
  return encodeURIComponent(text.replace(LONE_SURROGATE, '?'))
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Renders one value as form-encoded text inside a VTL template; `variable` names its VTL temp;
 * `base64` sends the value's UTF-8 bytes base64-encoded (a model's blob).
 */
function encodedValue(
  value: FieldValue,
  variable: string,
  base64 = false,
): { prefix: string | readonly TemplatePart[]; encoded: Expr[]; suffix: string } {
  const [open, close] = base64 ? ['$util.urlEncode($util.base64Encode(', '))'] : ['$util.urlEncode(', ')'];
  switch (value.kind) {
    case 'literal':
      return { prefix: '', encoded: [formEncode(base64 ? Buffer.from(value.text, 'utf8').toString('base64') : value.text)], suffix: '' };
    case 'intrinsic':
      // CloudFormation inserts the stack author's value into the template text: an ARN as it is, any
      // other value base64-encoded, so a quote in it ("Don't panic") cannot end the VTL string.
      if (value.verbatim) return { prefix: '', encoded: [`${open}'`, value.value, `'${close}`], suffix: '' };
      return { prefix: '', encoded: [open, ...deployTimeTextVtl(value.value), close], suffix: '' };
    case 'selector':
      if (value.alwaysPresent) return { prefix: '', encoded: [`${open}${value.vtl}${close}`], suffix: '' };
      // An absent header or query string must not become an empty field the service rejects.
      return {
        prefix: `#set($${variable} = ${value.vtl})#if("$!${variable}" != "")`,
        encoded: [`${open}$${variable}${close}`],
        suffix: '#end',
      };
    case 'computed':
      return { prefix: value.statements, encoded: [`${open}${value.vtl}${close}`], suffix: '' };
  }
}

/**
 * The request template of a form-encoded (Query protocol) call, on one line: newlines in a form
 * template would become part of the body.
 */
export function renderFormTemplate(
  fields: readonly BodyField[],
  attributes: readonly AttributeField[],
  pieces: readonly FormPiece[] = [],
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let variables = 0;
  const separator = () => (parts.length === 0 ? '' : '&');
  for (const field of fields) {
    const { prefix, encoded, suffix } = encodedValue(field.value, `spValue${++variables}`);
    parts.push(...[prefix].flat(), `${separator()}${formEncode(field.wireName)}=`, ...encoded, suffix);
  }
  const next = () => ++variables;
  for (const piece of pieces) {
    if (piece.kind === 'read') {
      const root = `$spValue${next()}`;
      parts.push(
        `#set(${root} = "")#set(${root} = ${piece.value.vtl})`,
        ...readFields(formEncode(piece.wireName), root, piece.shape, next),
      );
      continue;
    }
    const { prefix, encoded, suffix } = encodedValue(piece.value, `spValue${next()}`, piece.scalar === 'base64');
    parts.push(...[prefix].flat(), `${separator()}${formEncode(piece.wireName)}=`, ...encoded, suffix);
  }
  if (attributes.length > 0) parts.push('#set($spAttribute = 0)');
  for (const attribute of attributes) {
    const { prefix, encoded, suffix } = encodedValue(attribute.value, `spValue${++variables}`);
    // Entries are numbered at call time so that absent optional attributes leave no gaps.
    const entry = attribute.wirePrefix.replace('{n}', '${spAttribute}');
    parts.push(
      ...[prefix].flat(),
      '#set($spAttribute = $spAttribute + 1)',
      `&${entry}.Name=${formEncode(attribute.name)}&${entry}.Value.DataType=${formEncode(attribute.dataType)}&${entry}.Value.StringValue=`,
      ...encoded,
      suffix,
    );
  }
  return parts.filter((p) => p !== '');
}

/**
 * The fields of a value read from the request at call time, walked as the model's shape says: every
 * name is the model's (letters, digits, '.', and loop counters), every value URL-encoded, and a value
 * of the wrong JSON type yields no field (a string has no members, a number no elements).
 */
function readFields(name: string, variable: string, shape: FormShape, next: () => number): string[] {
  switch (shape.kind) {
    case 'scalar': {
      const text = shape.scalar === 'base64' ? `$util.base64Encode(${variable})` : variable;
      return [`#if("$!${variable.slice(1)}" != "")&${name}=$util.urlEncode(${text})#end`];
    }
    case 'structure':
      return shape.members.flatMap((member) => {
        const child = `$spValue${next()}`;
        return [
          `#set(${child} = "")#set(${child} = ${variable}.get('${member.key}'))`,
          ...readFields(`${name}.${member.wireName}`, child, member.shape, next),
        ];
      });
    case 'list': {
      const [element, count] = [`$spValue${next()}`, `$spCount${next()}`];
      return [
        `#foreach(${element} in ${variable})#set(${count} = $foreach.count)`,
        ...readFields(listItemName(name, shape, `\${${count.slice(1)}}`), element, shape.member, next),
        '#end',
      ];
    }
    case 'map': {
      const [key, value, count] = [`$spValue${next()}`, `$spValue${next()}`, `$spCount${next()}`];
      const entry = mapEntryName(name, shape, `\${${count.slice(1)}}`);
      return [
        `#foreach(${key} in ${variable}.keySet())#set(${count} = $foreach.count)#set(${value} = "")#set(${value} = ${variable}.get(${key}))`,
        `&${entry}.${shape.keyName}=$util.urlEncode(${key})`,
        ...readFields(`${entry}.${shape.valueName}`, value, shape.value, next),
        '#end',
      ];
    }
  }
}
