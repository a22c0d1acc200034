import { isSharedTemplatesMapping, mappingTemplateText } from '../../macro/emit/shared-mapping-templates';
import { isJsonObject, type Json, type JsonObject } from '../../macro/types';

/**
 * The expanded template with the macro's shared mapping-template text written back inline: each
 * `Fn::Join` of `Fn::FindInMap` reads (and a lone `Fn::FindInMap`) becomes the text CloudFormation
 * resolves it to, with deploy-time values kept as Fn::Sub placeholders. For tests that render a
 * method's templates; the Mappings section itself is tested where sharing is the subject.
 */
export function inlineSharedTemplates(template: JsonObject): JsonObject {
  const mappings = isJsonObject(template.Mappings) ? template.Mappings : {};
  const ours = Object.fromEntries(Object.entries(mappings).filter(([name]) => isSharedTemplatesMapping(name)));
  const inline = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(inline);
    if (!isJsonObject(value)) return value;
    const find = value['Fn::FindInMap'];
    if (Array.isArray(find) && typeof find[0] === 'string' && isSharedTemplatesMapping(find[0])) return mappingTemplateText(value, ours);
    const join = value['Fn::Join'];
    if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && join[1].some((p) => isJsonObject(p) && 'Fn::FindInMap' in p)) {
      const parts = join[1].map(inline);
      if (parts.every((p) => typeof p === 'string')) return parts.join('');
      // Deploy-time values stay as Fn::Sub text: join the Sub texts, literal text escaped as Sub writes it.
      return { 'Fn::Sub': parts.map((p) => (typeof p === 'string' ? p.replace(/\$\{/g, '${!') : mappingTemplateText(p, ours))).join('') };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v)]));
  };
  return inline(template) as JsonObject;
}
