import { GENERATED_API_ID } from './logical-ids';
import type { IntegrationSpec } from './schema/validate';
import type { ApiSpec } from './schema/validate-api';
import { PROXY_API_TYPE } from './template/parse';
import { isJsonObject, type JsonObject, type Template } from './types';

/**
 * When a template is over CloudFormation's resource or size limit, the same integrations written as
 * one OpenAPI document may fit: the path resources, methods, preflights and gates of an API become
 * one RestApi Body. This builds that variant of the template, for the macro to try: the implicit API
 * becomes a `Proxy::Api` with `Definition: OpenApi`, and each `Proxy::Api` written as Resources is
 * written as OpenApi. Only APIs the macro creates can change; undefined when there are none.
 */
export function openApiVariant(
  template: Template,
  integrations: readonly IntegrationSpec[],
  apis: readonly ApiSpec[],
): Template | undefined {
  const onGenerated = integrations.filter((spec) => spec.api.kind === 'generated').map((spec) => spec.logicalId);
  const asResources = apis.filter((api) => api.definition === 'resources').map((api) => api.logicalId);
  if (onGenerated.length === 0 && asResources.length === 0) return undefined;
  const resources: JsonObject = { ...(template.Resources as JsonObject) };
  if (onGenerated.length > 0) {
    if (Object.hasOwn(resources, GENERATED_API_ID)) return undefined;
    resources[GENERATED_API_ID] = { Type: PROXY_API_TYPE, Properties: { Definition: 'OpenApi' } };
    for (const id of onGenerated) {
      const resource = resources[id] as JsonObject;
      resources[id] = { ...resource, Properties: { ...(resource.Properties as JsonObject), RestApiId: { Ref: GENERATED_API_ID } } };
    }
  }
  for (const id of asResources) {
    const resource = resources[id] as JsonObject;
    const properties = isJsonObject(resource.Properties) ? resource.Properties : {};
    resources[id] = { ...resource, Properties: { ...properties, Definition: 'OpenApi' } };
  }
  return { ...template, Resources: resources };
}

/** The sentence a limit diagnostic gains when the OpenAPI variant fits: what to write, and the figures. */
export function openApiHint(apis: readonly ApiSpec[], onGenerated: boolean, resourceCount: number, templateBytes: number): string {
  const asResources = apis.filter((api) => api.definition === 'resources').map((api) => api.logicalId);
  const how = [
    ...(onGenerated
      ? [
          'declare the API as a resource written as one OpenAPI document (Api: {Type: Proxy::Api, Properties: {Definition: OpenApi}}) and attach the integrations to it (RestApiId: !Ref Api)',
        ]
      : []),
    ...(asResources.length > 0 ? [`set Definition: OpenApi on ${asResources.join(', ')}`] : []),
  ].join(', and ');
  return (
    ` Written as one OpenAPI document the API fits: ${resourceCount.toLocaleString('en-US')} resources and ${templateBytes.toLocaleString('en-US')} bytes; to do so, ${how}.` +
    ' On a stack already deployed, switching deletes the methods the RestApi imported: create the API anew (a new logical ID) and move clients over, as docs/limits.md describes.'
  );
}
