import { type Diagnostic, DiagnosticCode, describeValue } from '../diagnostics';
import type { EmittedResources } from '../emit/emit-apis';
import { methodId } from '../logical-ids';
import { isJsonObject, type Json, type JsonObject, ownValue, setOwn, type Template } from '../types';
import { PROXY_API_TYPE, PROXY_RESOURCE_TYPE } from './parse';
import { renameReferences } from './rename';

/** The expanded template, or the collisions that prevent it. */
export type MergeResult = { template: Template; diagnostics: [] } | { template?: undefined; diagnostics: Diagnostic[] };

/**
 * Splices generated resources into a copy of the template: the macro's resources are replaced, every
 * other resource keeps its value exactly, and a generated ID that is already taken is an error.
 */
export function mergeTemplate(template: Template, emitted: EmittedResources): MergeResult {
  const original = isJsonObject(template.Resources) ? template.Resources : {};
  const proxyIds = new Set(
    Object.entries(original)
      .filter(([, r]) => isJsonObject(r) && r.Type === PROXY_RESOURCE_TYPE)
      .map(([id]) => id),
  );
  const diagnostics: Diagnostic[] = [];
  const collision = (logicalId: string, path: string, message: string) =>
    diagnostics.push({ code: DiagnosticCode.logicalIdCollision, logicalId, path, message });
  const resources: JsonObject = {};
  for (const [id, resource] of Object.entries(original)) {
    // A Proxy::Api is replaced by the RestApi generated under its logical ID.
    if (proxyIds.has(id) || (isJsonObject(resource) && resource.Type === PROXY_API_TYPE)) continue;
    setOwn(resources, id, withRewrittenDependsOn(ownValue(emitted.replace, id) ?? resource, proxyIds));
  }
  for (const [id, resource] of Object.entries(emitted.resources)) {
    if (Object.hasOwn(resources, id)) {
      collision(
        id,
        '',
        `the macro generates a resource with this logical ID, but the template already has one; rename your resource ${id}.`,
      );
    } else setOwn(resources, id, resource);
  }
  const originalOutputs = isJsonObject(template.Outputs) ? template.Outputs : {};
  for (const id of Object.keys(emitted.outputs)) {
    if (Object.hasOwn(originalOutputs, id))
      collision(id, '', `the macro generates an Output with this name, but the template already has one; rename your Output ${id}.`);
  }
  for (const [from, to] of Object.entries(emitted.renames)) {
    if (Object.hasOwn(resources, to))
      collision(
        to,
        '',
        `the macro renames ${from} to this logical ID so that it redeploys, but the template already has one; rename your resource ${to}.`,
      );
  }
  const originalMappings = isJsonObject(template.Mappings) ? template.Mappings : {};
  if (template.Mappings !== undefined && !isJsonObject(template.Mappings) && Object.keys(emitted.mappings).length > 0)
    diagnostics.push({
      code: DiagnosticCode.invalidTemplate,
      path: 'Mappings',
      message: `expected an object of mappings by name; received ${describeValue(template.Mappings)}.`,
    });
  for (const name of Object.keys(emitted.mappings)) {
    if (Object.hasOwn(originalMappings, name))
      collision(
        name,
        'Mappings',
        `the macro writes mapping-template text that integrations share to the mapping ${name}, ` +
          `but the template already has a mapping of this name; rename your mapping ${name}.`,
      );
  }
  if (diagnostics.length > 0) return { diagnostics };
  const renamed = applyRenames(resources, emitted.renames);
  const addsMappings = Object.keys(emitted.mappings).length > 0;
  const out: Template = {};
  for (const [key, value] of Object.entries(template)) {
    // Mappings go where templates usually have them, before Resources, when the template has none.
    if (key === 'Resources' && addsMappings && !Object.hasOwn(template, 'Mappings')) out.Mappings = emitted.mappings;
    if (key === 'Resources') out.Resources = renamed;
    else if (key === 'Outputs') out.Outputs = renameReferences({ ...originalOutputs, ...emitted.outputs }, emitted.renames);
    else if (key === 'Mappings' && addsMappings) out.Mappings = { ...originalMappings, ...emitted.mappings };
    else setOwn(out, key, value);
  }
  if (addsMappings && !Object.hasOwn(out, 'Mappings')) out.Mappings = emitted.mappings;
  if (!Object.hasOwn(out, 'Resources')) out.Resources = renamed;
  if (!Object.hasOwn(out, 'Outputs') && Object.keys(emitted.outputs).length > 0) out.Outputs = emitted.outputs;
  return { template: out, diagnostics: [] };
}

/** A user resource that DependsOn a proxy resource now depends on the method generated from it. */
function withRewrittenDependsOn(resource: Json, proxyIds: ReadonlySet<string>): Json {
  if (!isJsonObject(resource)) return resource;
  const dependsOn = resource.DependsOn;
  const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : undefined;
  if (!(names?.some((n) => typeof n === 'string' && proxyIds.has(n)) ?? false)) return resource;
  return { ...resource, DependsOn: (names ?? []).map((n) => (typeof n === 'string' && proxyIds.has(n) ? methodId(n) : n)) };
}

/** Gives renamed resources their new IDs (same position) and rewrites every reference to them. */
function applyRenames(resources: JsonObject, renames: Readonly<Record<string, string>>): JsonObject {
  if (Object.keys(renames).length === 0) return resources;
  const out: JsonObject = {};
  for (const [id, resource] of Object.entries(resources)) setOwn(out, ownValue(renames, id) ?? id, renameReferences(resource, renames));
  return out;
}
