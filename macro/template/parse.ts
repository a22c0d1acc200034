import { type Diagnostic, DiagnosticCode, describeValue, listSome, quoted } from '../diagnostics';
import { type PropertyPath, toDiagnostic } from '../problem';
import { isJsonObject, type Json, type JsonObject, type Template } from '../types';

/** The CloudFormation type this macro expands. */
export const PROXY_RESOURCE_TYPE = 'Proxy::ServiceIntegration';

/** The CloudFormation type of an API the macro creates with the user's settings. */
export const PROXY_API_TYPE = 'Proxy::Api';

/** One `Proxy::ServiceIntegration` found in a template, with the resource attributes that carry over. */
export interface ProxyResource {
  logicalId: string;
  properties: unknown;
  condition?: string;
  dependsOn: string[];
  metadata?: Json;
}

/** What `findProxyResources` found: the resources, and problems with their resource-level attributes. */
export interface ParsedTemplate {
  proxies: ProxyResource[];
  diagnostics: Diagnostic[];
}

const CARRIED_ATTRIBUTES = new Set(['Type', 'Properties', 'Condition', 'DependsOn', 'Metadata']);

/** Finds every resource of the macro's type (Proxy::ServiceIntegration unless told) in template order, checking its resource attributes. */
export function findProxyResources(template: Template, type: string = PROXY_RESOURCE_TYPE): ParsedTemplate {
  const resources = isJsonObject(template.Resources) ? template.Resources : {};
  const conditions = isJsonObject(template.Conditions) ? template.Conditions : {};
  const proxies: ProxyResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || resource.Type !== type) continue;
    // Paths here are below the resource (its attributes), not below Properties.
    const problem = (path: PropertyPath, message: string) =>
      diagnostics.push(toDiagnostic(DiagnosticCode.invalidDependency, logicalId, { path, message }));
    for (const key of Object.keys(resource)) {
      if (!CARRIED_ATTRIBUTES.has(key)) {
        problem(
          [key],
          `the resource attribute ${quoted(key)} is not supported on ${type}; supported: Condition, DependsOn, Metadata. Remove it.`,
        );
      }
    }
    const proxy: ProxyResource = { logicalId, properties: resource.Properties, dependsOn: [] };
    if (resource.Condition !== undefined) {
      if (typeof resource.Condition !== 'string' || !Object.hasOwn(conditions, resource.Condition)) {
        const defined = listSome(Object.keys(conditions)) || 'none defined';
        problem(
          ['Condition'],
          `received ${describeValue(resource.Condition)}; expected the name of a condition in the template's Conditions section (${defined}).`,
        );
      } else proxy.condition = resource.Condition;
    }
    const dependsOn = resource.DependsOn;
    if (dependsOn !== undefined) {
      const names = typeof dependsOn === 'string' ? [dependsOn] : Array.isArray(dependsOn) ? dependsOn : [dependsOn];
      names.forEach((name, index) => {
        const where = typeof dependsOn === 'string' ? ['DependsOn'] : ['DependsOn', index];
        if (typeof name !== 'string' || !Object.hasOwn(resources, name)) {
          problem(where, `received ${describeValue(name)}; expected the logical ID of a resource in this template.`);
        } else if (name === logicalId) {
          problem(where, `${logicalId} depends on itself, which CloudFormation rejects as a circular dependency; remove it.`);
        } else proxy.dependsOn.push(name);
      });
    }
    if (resource.Metadata !== undefined) proxy.metadata = resource.Metadata;
    proxies.push(proxy);
  }
  return { proxies, diagnostics };
}

/** The resources of a template as an object (empty when absent). */
export function resourcesOf(template: Template): JsonObject {
  return isJsonObject(template.Resources) ? template.Resources : {};
}
