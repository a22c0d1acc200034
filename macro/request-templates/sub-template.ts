import { describeValue } from '../diagnostics';
import { type Checked, invalid, valid } from '../problem';
import { type Expr, type Intrinsic, isJsonObject, type Json } from '../types';
import { deployTimeTextVtl } from './vtl-text';

/** What Fn::Sub can name: a parameter, resource or map variable, an attribute (`Name.Attr`), a pseudo parameter. */
const SUB_NAME = /^([A-Za-z0-9]+(\.[A-Za-z0-9.]+)?|AWS::[A-Za-z]+)$/;

/**
 * A raw `RequestTemplate` written as `!Sub` (the table or bus name inside hand-written VTL), taken
 * apart into text and deploy-time values. Each `${Name}`, `${Name.Attribute}` and variable of the
 * Fn::Sub map is pasted as base64 and decoded when a request arrives (`deployTimeTextVtl`), as every
 * deploy-time value in a generated template is: a template parameter holding `'`, `$` or `#` then
 * reaches the template as text, never as VTL. Pseudo parameters (`${AWS::Region}`) hold no such
 * character and stay as they are; `${!Literal}` is the literal text `${Literal}`, as in Fn::Sub.
 */
export function subTemplateParts(value: Intrinsic): Checked<Expr[]> {
  const sub = (value as Record<string, Json>)['Fn::Sub'];
  const [text, map] = Array.isArray(sub) ? [sub[0], sub[1] ?? {}] : [sub, {}];
  if (typeof text !== 'string' || !isJsonObject(map) || (Array.isArray(sub) && sub.length > 2))
    return invalid(`expected !Sub with a VTL text, or [text, {Name: value}]; received ${describeValue(sub)}.`, ['Fn::Sub']);
  const variables = map as Record<string, Json>;
  const parts: Expr[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const name = (match[1] as string).trim();
    if (name.startsWith('!')) {
      parts.push(`\${${name.slice(1)}}`);
      continue;
    }
    if (!SUB_NAME.test(name))
      return invalid(
        `${describeValue(match[0])} names no parameter, resource attribute or variable; write \${Name} or \${Name.Attribute}, ` +
          "or ${!...} for VTL's own ${...}.",
        ['Fn::Sub'],
      );
    const variable = Object.hasOwn(variables, name) ? (variables[name] as Json) : undefined;
    if (typeof variable === 'string') parts.push(variable);
    else if (variable !== undefined) parts.push(...deployTimeTextVtl(variable as Intrinsic));
    else if (name.startsWith('AWS::')) parts.push({ Ref: name });
    else {
      const dot = name.indexOf('.');
      const reference: Intrinsic = dot === -1 ? { Ref: name } : { 'Fn::GetAtt': [name.slice(0, dot), name.slice(dot + 1)] };
      parts.push(...deployTimeTextVtl(reference));
    }
  }
  const rest = text.slice(last);
  if (rest.includes('${'))
    return invalid(`${describeValue(rest)} opens a \${ that never closes; write \${!...} for VTL's own \${...}.`, ['Fn::Sub']);
  parts.push(rest);
  return valid(parts.filter((p) => p !== ''));
}
