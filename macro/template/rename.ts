import { isJsonObject, type Json } from '../types';

/**
 * Rewrites every reference to renamed logical IDs — Ref, Fn::GetAtt (both forms), ${X} and
 * ${X.Attr} inside Fn::Sub, and DependsOn — so a resource can take a new ID (a deployment whose
 * ID must change to redeploy) without breaking what points at it. Iterative, with an explicit
 * stack: a value nested thousands deep must not overflow the call stack.
 */
export function renameReferences(value: Json, renames: Readonly<Record<string, string>>): Json {
  const renamed = (id: string) => (Object.hasOwn(renames, id) ? (renames[id] as string) : id);
  const renameText = (text: Json) =>
    typeof text === 'string'
      ? text.replace(/\$\{([^!}.][^}.]*)(\.[^}]*)?\}/g, (m, id: string, attribute: string | undefined) =>
          Object.hasOwn(renames, id) ? `\${${renames[id]}${attribute ?? ''}}` : m,
        )
      : text;
  const root: { value: Json } = { value: null };
  // Each task copies `value` into `into[key]`; a key is set in order first, so objects keep their key order.
  const pending: { value: Json; into: Record<string | number, Json>; key: string | number }[] = [{ value, into: root, key: 'value' }];
  while (pending.length > 0) {
    const task = pending.pop() as (typeof pending)[number];
    const current = task.value;
    if (Array.isArray(current)) {
      const out: Json[] = new Array(current.length).fill(null);
      task.into[task.key] = out;
      for (const [index, item] of current.entries())
        pending.push({ value: item, into: out as unknown as Record<number, Json>, key: index });
      continue;
    }
    if (!isJsonObject(current)) {
      task.into[task.key] = current;
      continue;
    }
    const out: Record<string, Json> = {};
    task.into[task.key] = out;
    for (const [key, inner] of Object.entries(current)) {
      if (key === 'Ref' && typeof inner === 'string') out[key] = renamed(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') {
        const attributes: Json[] = [renamed(inner[0]), ...inner.slice(1).map(() => null)];
        out[key] = attributes;
        for (const [index, item] of inner.entries())
          if (index > 0) pending.push({ value: item, into: attributes as unknown as Record<number, Json>, key: index });
      } else if (key === 'Fn::GetAtt' && typeof inner === 'string') {
        const [id, ...attribute] = inner.split('.');
        out[key] = [renamed(id as string), attribute.join('.')].join('.');
      } else if (key === 'Fn::Sub' && Array.isArray(inner)) {
        const sub: Json[] = [renameText(inner[0] as Json), null];
        out[key] = sub;
        pending.push({ value: inner[1] as Json, into: sub as unknown as Record<number, Json>, key: 1 });
      } else if (key === 'Fn::Sub') out[key] = renameText(inner);
      else if (key === 'DependsOn') {
        out[key] =
          typeof inner === 'string'
            ? renamed(inner)
            : Array.isArray(inner)
              ? inner.map((n) => (typeof n === 'string' ? renamed(n) : n))
              : inner;
      } else {
        out[key] = null;
        pending.push({ value: inner, into: out, key });
      }
    }
  }
  return root.value;
}
