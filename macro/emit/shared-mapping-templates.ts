import { shortHash } from '../cloudformation/hash';
import { compareText } from '../compare-text';
import { isSharedText, isTemplateParts, renderTemplateParts, SHARED_TEXT_KEY } from '../request-templates/template-parts';
import { isJsonObject, type Json, type JsonObject } from '../types';

/**
 * Mapping-template text that several integrations use identically (a DynamoDB item conversion, an
 * action's response body, an error body, a CORS origin echo) is written once per template, in the
 * Mappings section, and each template reads it with Fn::FindInMap inside an Fn::Join with its own
 * parts. CloudFormation resolves the mapping before API Gateway sees the template, so the method,
 * or the OpenAPI operation, holds the same text as if it were inline.
 *
 * Layout: `Mappings.ServiceProxyTemplates.<bucket>.<key>`, where the key is a hash of the text and
 * the bucket its first hex digit. A text's place depends on its content alone, so adding a route
 * never moves another route's text; 16 buckets of at most 200 entries (CloudFormation's attributes
 * per mapping) hold 3,200 texts, and a fuller bucket continues in ServiceProxyTemplates2, 3, ...
 */

/** The name of the (first) mapping that holds shared template text. */
export const SHARED_TEMPLATES_MAPPING = 'ServiceProxyTemplates';

/** Texts shorter than this stay inline: a Fn::FindInMap costs about 70 bytes at every use. */
export const MIN_SHARED_BYTES = 200;

/** CloudFormation's limit of attributes per mapping (and of entries per attribute, as cfn-lint checks it). */
const MAX_MAPPING_ATTRIBUTES = 200;

/** The template texts of one resource, where the macro writes them. */
type Location = readonly string[];

const METHOD_LOCATIONS: Location[] = [
  ['Properties', 'Integration', 'RequestTemplates', '*'],
  ['Properties', 'Integration', 'IntegrationResponses', '*', 'ResponseTemplates', '*'],
];

function documentLocations(bodyKey: string): Location[] {
  const operation = ['Properties', bodyKey, 'paths', '*', '*', 'x-amazon-apigateway-integration'];
  return [
    [...operation, 'requestTemplates', '*'],
    [...operation, 'responses', '*', 'responseTemplates', '*'],
  ];
}

function locationsOf(resource: Json): Location[] {
  if (!isJsonObject(resource)) return [];
  switch (resource.Type) {
    case 'AWS::ApiGateway::Method':
      return METHOD_LOCATIONS;
    case 'AWS::ApiGateway::RestApi':
      return documentLocations('Body');
    case 'AWS::Serverless::Api':
      return documentLocations('DefinitionBody');
    default:
      return [];
  }
}

/**
 * Applies `fn` to every value at a location, copying only what changes. An `Fn::If` on the way
 * (a conditional operation in an OpenAPI document) is looked through on both branches.
 */
function mapAt(value: Json, location: Location, index: number, fn: Visitor, trail: readonly string[] = []): Json {
  if (index === location.length) return fn(value, trail);
  if (isJsonObject(value) && Object.keys(value).length === 1 && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
    const [condition, whenTrue, whenFalse] = value['Fn::If'] as [Json, Json, Json];
    const a = mapAt(whenTrue, location, index, fn, trail);
    const b = mapAt(whenFalse, location, index, fn, trail);
    return a === whenTrue && b === whenFalse ? value : { 'Fn::If': [condition, a, b] };
  }
  const step = location[index] as string;
  if (Array.isArray(value)) {
    if (step !== '*') return value;
    let changed = false;
    const out = value.map((item, i) => {
      const mapped = mapAt(item, location, index + 1, fn, [...trail, String(i)]);
      if (mapped !== item) changed = true;
      return mapped;
    });
    return changed ? out : value;
  }
  if (!isJsonObject(value)) return value;
  const keys = step === '*' ? Object.keys(value) : Object.hasOwn(value, step) ? [step] : [];
  let out: JsonObject | undefined;
  for (const key of keys) {
    const child = value[key] as Json;
    const mapped = mapAt(child, location, index + 1, fn, [...trail, key]);
    if (mapped === child) continue;
    out ??= { ...value };
    out[key] = mapped;
  }
  return out ?? value;
}

/** Called with a template value and the keys that lead to it from the resource. */
type Visitor = (value: Json, trail: readonly string[]) => Json;

function mapTemplates(resource: Json, fn: Visitor): Json {
  let out = resource;
  for (const location of locationsOf(resource)) out = mapAt(out, location, 0, fn);
  return out;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** What the sharing pass produced: the resources with templates resolved, and the mappings to add. */
export interface SharedTemplates<T extends Record<string, JsonObject>> {
  groups: T;
  mappings: JsonObject;
}

/**
 * Resolves every mapping template made of parts in the given groups of resources (generated
 * resources, edited copies of the user's APIs): a shareable piece that at least two integrations use, long
 * enough to be worth it, is read from the Mappings; every other piece is written inline, so a
 * template without repeated text is exactly what it was before this pass.
 */
export function shareMappingTemplates<T extends Record<string, JsonObject>>(groups: T): SharedTemplates<T> {
  // Who uses each text: a method resource, or one operation of an OpenAPI document.
  const users = new Map<string, Set<string>>();
  for (const [groupName, group] of Object.entries(groups)) {
    for (const [id, resource] of Object.entries(group)) {
      const documentOperation = isJsonObject(resource) && resource.Type !== 'AWS::ApiGateway::Method';
      mapTemplates(resource, (value, trail) => {
        if (!isTemplateParts(value)) return value;
        const user = JSON.stringify([groupName, id, ...(documentOperation ? trail.slice(3, 5) : [])]);
        for (const part of value.parts) {
          if (!isSharedText(part)) continue;
          const text = part[SHARED_TEXT_KEY];
          const known = users.get(text);
          if (known === undefined) users.set(text, new Set([user]));
          else known.add(user);
        }
        return value;
      });
    }
  }

  const shared = [...users].filter(([text, by]) => by.size >= 2 && utf8Bytes(text) >= MIN_SHARED_BYTES).map(([text]) => text);
  const { mappings, references } = layOut(shared);
  const render: Visitor = (value) =>
    isTemplateParts(value) ? (renderTemplateParts(value.parts, (text) => references.get(text)) as Json) : value;
  const out = {} as Record<string, JsonObject>;
  for (const [name, group] of Object.entries(groups)) {
    const resolved: JsonObject = Object.create(Object.getPrototypeOf(group) as object | null) as JsonObject;
    for (const [id, resource] of Object.entries(group)) resolved[id] = mapTemplates(resource, render);
    out[name] = resolved;
  }
  return { groups: out as T, mappings };
}

/** Places each shared text by its hash, and gives the Fn::FindInMap that reads it. */
function layOut(texts: readonly string[]): { mappings: JsonObject; references: Map<string, Json> } {
  const byBucket = new Map<string, { key: string; text: string }[]>();
  for (const text of texts) {
    const hash = shortHash(text, 16);
    const bucket = `T${hash.charAt(0)}`;
    const entries = byBucket.get(bucket) ?? [];
    entries.push({ key: `T${hash}`, text });
    byBucket.set(bucket, entries);
  }
  const mappings: JsonObject = {};
  const references = new Map<string, Json>();
  for (const bucket of [...byBucket.keys()].sort(compareText)) {
    const entries = (byBucket.get(bucket) ?? []).sort((a, b) => compareText(a.key, b.key));
    entries.forEach(({ key, text }, index) => {
      const part = Math.floor(index / MAX_MAPPING_ATTRIBUTES);
      const name = part === 0 ? SHARED_TEMPLATES_MAPPING : `${SHARED_TEMPLATES_MAPPING}${part + 1}`;
      const mapping = (mappings[name] ??= {}) as JsonObject;
      const attribute = (mapping[bucket] ??= {}) as JsonObject;
      attribute[key] = text;
      references.set(text, { 'Fn::FindInMap': [name, bucket, key] });
    });
  }
  // Mapping names in order: ServiceProxyTemplates, ServiceProxyTemplates2, ...
  const ordered: JsonObject = {};
  for (const name of Object.keys(mappings).sort((a, b) => a.length - b.length || compareText(a, b))) ordered[name] = mappings[name] as Json;
  return { mappings: ordered, references };
}

/** Tells whether a mapping name is one the macro writes shared template text to. */
export function isSharedTemplatesMapping(name: string): boolean {
  return name === SHARED_TEMPLATES_MAPPING || new RegExp(`^${SHARED_TEMPLATES_MAPPING}[0-9]+$`).test(name);
}

/**
 * The text of a mapping template in an expanded template, with Fn::FindInMap of the macro's
 * mappings read back and other deploy-time values left as their Fn::Sub placeholders: what API
 * Gateway will hold, for measuring it.
 */
export function mappingTemplateText(template: Json, mappings: JsonObject): string {
  if (typeof template === 'string') return template;
  if (isJsonObject(template)) {
    const sub = template['Fn::Sub'];
    if (typeof sub === 'string') return sub;
    if (Array.isArray(sub) && typeof sub[0] === 'string') return sub[0];
    const join = template['Fn::Join'];
    if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1]))
      return join[1].map((part) => mappingTemplateText(part, mappings)).join('');
    const find = template['Fn::FindInMap'];
    if (Array.isArray(find) && find.every((k) => typeof k === 'string')) {
      const [name, bucket, key] = find as string[];
      const value = (((mappings[name as string] ?? {}) as JsonObject)[bucket as string] ?? {}) as JsonObject;
      const text = value[key as string];
      if (typeof text === 'string') return text;
    }
  }
  return JSON.stringify(template) ?? '';
}
