import { isJsonObject, type Json, ownValue, setOwn } from '../types';

/**
 * Rewrites every reference to renamed logical IDs — Ref, Fn::GetAtt (both forms), ${X} and
 * ${X.Attr} inside Fn::Sub, and DependsOn — so a resource can take a new ID (a deployment whose
 * ID must change to redeploy) without breaking what points at it.
 */
export function renameReferences(value: Json, renames: Readonly<Record<string, string>>): Json {
  if (Array.isArray(value)) return value.map((v) => renameReferences(v, renames));
  if (!isJsonObject(value)) return value;
  const renamed = (id: string): string => ownValue(renames, id) ?? id;
  const out: Record<string, Json> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') out[key] = renamed(inner);
    else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string')
      out[key] = [renamed(inner[0]), ...inner.slice(1).map((v) => renameReferences(v, renames))];
    else if (key === 'Fn::GetAtt' && typeof inner === 'string') {
      const [id, ...attribute] = inner.split('.');
      out[key] = [renamed(id as string), attribute.join('.')].join('.');
    } else if (key === 'Fn::Sub') {
      const renameText = (text: Json) =>
        typeof text === 'string'
          ? text.replace(/\$\{([^!}.][^}.]*)(\.[^}]*)?\}/g, (m, id: string, attribute: string | undefined) =>
              Object.hasOwn(renames, id) ? `\${${renames[id]}${attribute ?? ''}}` : m,
            )
          : text;
      out[key] = Array.isArray(inner) ? [renameText(inner[0] as Json), renameReferences(inner[1] as Json, renames)] : renameText(inner);
    } else if (key === 'DependsOn') {
      out[key] =
        typeof inner === 'string'
          ? renamed(inner)
          : Array.isArray(inner)
            ? inner.map((n) => (typeof n === 'string' ? renamed(n) : n))
            : inner;
    } else setOwn(out, key, renameReferences(inner, renames));
  }
  return out;
}
