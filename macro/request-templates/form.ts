import type { Expr } from '../types';
import type { AttributeField, BodyField, FieldValue } from './values';
import { deployTimeTextVtl } from './vtl-text';

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

/** Renders one value as form-encoded text inside a VTL template; `variable` names its VTL temp. */
function encodedValue(value: FieldValue, variable: string): { prefix: string; encoded: Expr[]; suffix: string } {
  switch (value.kind) {
    case 'literal':
      return { prefix: '', encoded: [formEncode(value.text)], suffix: '' };
    case 'intrinsic':
      // CloudFormation inserts the stack author's value into the template text: an ARN as it is, any
      // other value base64-encoded, so a quote in it ("Don't panic") cannot end the VTL string.
      if (value.verbatim) return { prefix: '', encoded: ["$util.urlEncode('", value.value, "')"], suffix: '' };
      return { prefix: '', encoded: ['$util.urlEncode(', ...deployTimeTextVtl(value.value), ')'], suffix: '' };
    case 'selector':
      if (value.alwaysPresent) return { prefix: '', encoded: [`$util.urlEncode(${value.vtl})`], suffix: '' };
      // An absent header or query string must not become an empty field the service rejects.
      return {
        prefix: `#set($${variable} = ${value.vtl})#if("$!${variable}" != "")`,
        encoded: [`$util.urlEncode($${variable})`],
        suffix: '#end',
      };
  }
}

/**
 * The request template of a form-encoded (Query protocol) call, on one line: newlines in a form
 * template would become part of the body.
 */
export function renderFormTemplate(fields: readonly BodyField[], attributes: readonly AttributeField[]): Expr[] {
  const parts: Expr[] = [];
  let variables = 0;
  const separator = () => (parts.length === 0 ? '' : '&');
  for (const field of fields) {
    const { prefix, encoded, suffix } = encodedValue(field.value, `spValue${++variables}`);
    parts.push(prefix, `${separator()}${formEncode(field.wireName)}=`, ...encoded, suffix);
  }
  if (attributes.length > 0) parts.push('#set($spAttribute = 0)');
  for (const attribute of attributes) {
    const { prefix, encoded, suffix } = encodedValue(attribute.value, `spValue${++variables}`);
    // Entries are numbered at call time so that absent optional attributes leave no gaps.
    const entry = attribute.wirePrefix.replace('{n}', '${spAttribute}');
    parts.push(
      prefix,
      '#set($spAttribute = $spAttribute + 1)',
      `&${entry}.Name=${formEncode(attribute.name)}&${entry}.Value.DataType=${formEncode(attribute.dataType)}&${entry}.Value.StringValue=`,
      ...encoded,
      suffix,
    );
  }
  return parts.filter((p) => p !== '');
}
