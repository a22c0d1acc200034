import { type Expr, type Intrinsic, isJsonObject, type Json } from '../types';

/** `{ Ref: name }`. */
export function ref(name: string): Intrinsic {
  return { Ref: name };
}

/** `{ "Fn::GetAtt": [logicalId, attribute] }`. */
export function getAtt(logicalId: string, attribute: string): Intrinsic {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/** `{ "Fn::If": [condition, whenTrue, AWS::NoValue] }`: a value present only when the condition holds. */
export function ifCondition(condition: string, value: Json): Intrinsic {
  return { 'Fn::If': [condition, value, { Ref: 'AWS::NoValue' }] };
}

/**
 * Concatenates literal text and intrinsic values into one string expression.
 *
 * Plain text stays a plain string; anything dynamic becomes a readable `Fn::Sub`: `Ref` and
 * `GetAtt` become `${X}` / `${X.Attr}`, other intrinsics become named variables. Literal `${`
 * is escaped as `${!` so VTL text such as `${foreach.count}` survives.
 */
export function concat(parts: readonly Expr[]): Expr {
  if (parts.every((p) => typeof p === 'string')) return parts.join('');
  let text = '';
  const variables: Record<string, Json> = {};
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part.replace(/\$\{/g, '${!');
      continue;
    }
    const inline = inlineSubReference(part);
    if (inline !== undefined) {
      text += `\${${inline}}`;
      continue;
    }
    const existing = Object.keys(variables).find((k) => JSON.stringify(variables[k]) === JSON.stringify(part));
    const name = existing ?? `Value${Object.keys(variables).length + 1}`;
    variables[name] = part;
    text += `\${${name}}`;
  }
  return Object.keys(variables).length === 0 ? { 'Fn::Sub': text } : { 'Fn::Sub': [text, variables] };
}

/** The `${...}` body for intrinsics Fn::Sub can reference directly, or undefined. */
function inlineSubReference(value: Intrinsic): string | undefined {
  if ('Ref' in value && typeof value.Ref === 'string') return value.Ref;
  const getAttValue = (value as Record<string, Json>)['Fn::GetAtt'];
  if (Array.isArray(getAttValue) && getAttValue.length === 2 && getAttValue.every((v) => typeof v === 'string')) {
    return `${getAttValue[0]}.${getAttValue[1]}`;
  }
  if (typeof getAttValue === 'string') return getAttValue;
  return undefined;
}

/** The names of all resources and parameters a value references through Ref, GetAtt or Sub. */
export function referencedNames(value: Json, into: Set<string> = new Set()): Set<string> {
  // An explicit stack, not recursion: every resource of the template passes through here, and a
  // deeply nested value (a few thousand levels) must not overflow the call stack. Entries are
  // visited in the same depth-first order as a recursive walk (the Set's order is observable).
  const pending: { key?: string; value: Json }[] = [{ value }];
  while (pending.length > 0) {
    const { key, value: current } = pending.pop() as { key?: string; value: Json };
    if (key === undefined) {
      if (Array.isArray(current)) for (let i = current.length - 1; i >= 0; i--) pending.push({ value: current[i] as Json });
      else if (isJsonObject(current)) {
        const entries = Object.entries(current);
        for (let i = entries.length - 1; i >= 0; i--)
          pending.push({ key: (entries[i] as [string, Json])[0], value: (entries[i] as [string, Json])[1] });
      }
    } else if (key === 'Ref' && typeof current === 'string') into.add(current);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(current) ? current[0] : typeof current === 'string' ? current.split('.')[0] : undefined;
      if (typeof target === 'string') into.add(target);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(current) ? current[0] : current;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) into.add((m[1] as string).split('.')[0] as string);
      }
      if (Array.isArray(current) && current[1] !== undefined) pending.push({ value: current[1] });
    } else pending.push({ value: current });
  }
  return into;
}
