import { isJsonObject, type Json, type JsonObject } from '../types';

/**
 * The path resources and methods a template already declares for an API. API Gateway refuses a
 * second resource with the same parent and PathPart, a second variable path part under one parent,
 * and a second method with the same HTTP method on one resource: an integration must reuse the
 * declared resource, or be told which declaration it clashes with.
 */
export interface DeclaredPaths {
  /** The declared resource with this parent and PathPart. */
  resource(parentId: Json, pathPart: string): { logicalId: string; condition?: string } | undefined;
  /** A declared `{variable}` resource under this parent, whatever its name. */
  variableChild(parentId: Json, except: string): { logicalId: string; pathPart: string } | undefined;
  /** The declared method with this HTTP method on this resource (ANY is a method of its own). */
  method(resourceId: Json, httpMethod: string): string | undefined;
  /** Every declared method of the API, for a deployment the macro creates: it must wait for them too. */
  readonly methods: readonly { logicalId: string; condition?: string; resource: JsonObject }[];
}

/** A value's comparable text: `Fn::GetAtt` in either form (`A.B` or `[A, B]`) reads the same. */
function key(value: Json | undefined): string {
  if (isJsonObject(value) && typeof value['Fn::GetAtt'] === 'string' && Object.keys(value).length === 1) {
    const text = value['Fn::GetAtt'];
    const dot = text.indexOf('.');
    return JSON.stringify({ 'Fn::GetAtt': [text.slice(0, dot), text.slice(dot + 1)] });
  }
  return JSON.stringify(value ?? null);
}

/** Indexes the template's `AWS::ApiGateway::Resource` and `::Method` resources of the API `restApiId` names. */
export function declaredPaths(restApiId: Json, templateResources: JsonObject): DeclaredPaths {
  const api = key(restApiId);
  const resources = new Map<string, { logicalId: string; condition?: string }>();
  const variables = new Map<string, { logicalId: string; pathPart: string }[]>();
  const methods = new Map<string, string>();
  const allMethods: { logicalId: string; condition?: string; resource: JsonObject }[] = [];
  for (const [logicalId, resource] of Object.entries(templateResources)) {
    if (!isJsonObject(resource) || !isJsonObject(resource.Properties) || key(resource.Properties.RestApiId) !== api) continue;
    const properties = resource.Properties;
    if (resource.Type === 'AWS::ApiGateway::Resource' && typeof properties.PathPart === 'string') {
      const parent = key(properties.ParentId);
      const entry: { logicalId: string; condition?: string } = { logicalId };
      if (typeof resource.Condition === 'string') entry.condition = resource.Condition;
      resources.set(`${parent} ${properties.PathPart}`, entry);
      if (/^\{.+\}$/.test(properties.PathPart))
        variables.set(parent, [...(variables.get(parent) ?? []), { logicalId, pathPart: properties.PathPart }]);
    } else if (resource.Type === 'AWS::ApiGateway::Method' && typeof properties.HttpMethod === 'string') {
      methods.set(`${key(properties.ResourceId)} ${properties.HttpMethod.toUpperCase()}`, logicalId);
      allMethods.push(
        typeof resource.Condition === 'string' ? { logicalId, condition: resource.Condition, resource } : { logicalId, resource },
      );
    }
  }
  return {
    resource: (parentId, pathPart) => resources.get(`${key(parentId)} ${pathPart}`),
    variableChild: (parentId, except) => variables.get(key(parentId))?.find((v) => v.pathPart !== except),
    method: (resourceId, httpMethod) => methods.get(`${key(resourceId)} ${httpMethod}`),
    methods: allMethods,
  };
}
