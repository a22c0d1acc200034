import { isJsonObject, type Json } from '../types';

/**
 * Rewrites every reference to renamed logical IDs — Ref, Fn::GetAtt (both forms), ${X} and
 * ${X.Attr} inside Fn::Sub, and DependsOn — so a resource can take a new ID (a deployment whose
 * ID must change to redeploy) without breaking what points at it.
 */
export function renameReferences(root: Json, renames: Readonly<Record<string, string>>): Json {
  // Iterative, with placeholders filled in later: nesting depth is the template's, and a recursive
  // walk overflows the stack on a deeply nested one. Keys keep their order (determinism).
  const result: { value: Json } = { value: null };
  const pending: { value: Json; assign: (renamed: Json) => void }[] = [{ value: root, assign: (v) => (result.value = v) }];
  const later = (value: Json, assign: (renamed: Json) => void) => pending.push({ value, assign });
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, assign } = next;
    if (Array.isArray(value)) {
      const out: Json[] = value.map(() => null);
      assign(out);
      value.forEach((v, i) => {
        later(v, (r) => {
          out[i] = r;
        });
      });
      continue;
    }
    if (!isJsonObject(value)) {
      assign(value);
      continue;
    }
    const out: Record<string, Json> = {};
    assign(out);
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') out[key] = renames[inner] ?? inner;
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') {
        const renamed: Json[] = [renames[inner[0]] ?? inner[0], ...inner.slice(1).map(() => null)];
        out[key] = renamed;
        inner.slice(1).forEach((v, i) => {
          later(v, (r) => {
            renamed[i + 1] = r;
          });
        });
      } else if (key === 'Fn::GetAtt' && typeof inner === 'string') {
        const [id, ...attribute] = inner.split('.');
        out[key] = [renames[id as string] ?? (id as string), attribute.join('.')].join('.');
      } else if (key === 'Fn::Sub') {
        const renameText = (text: Json) =>
          typeof text === 'string'
            ? text.replace(/\$\{([^!}.][^}.]*)(\.[^}]*)?\}/g, (m, id: string, attribute: string | undefined) =>
                id in renames ? `\${${renames[id]}${attribute ?? ''}}` : m,
              )
            : text;
        if (Array.isArray(inner)) {
          const renamed: Json[] = [renameText(inner[0] as Json), null];
          out[key] = renamed;
          later(inner[1] as Json, (r) => (renamed[1] = r));
        } else out[key] = renameText(inner);
      } else if (key === 'DependsOn') {
        out[key] =
          typeof inner === 'string'
            ? (renames[inner] ?? inner)
            : Array.isArray(inner)
              ? inner.map((n) => (typeof n === 'string' ? (renames[n] ?? n) : n))
              : inner;
      } else {
        out[key] = null;
        later(inner, (r) => (out[key] = r));
      }
    }
  }
  return result.value;
}
