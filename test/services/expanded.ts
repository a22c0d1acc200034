import { expandFile } from '../../cli/expand-file';
import type { Json, JsonObject } from '../../macro/types';
import { type MappingInput, renderTemplate, selectIntegrationResponse } from '../../vtl';
import { inlineSharedTemplates } from '../helpers/inline-shared-templates';
import { samplePath } from '../helpers/samples';

/** The expanded template of a sample, shared mapping-template text inline. */
export function expandSample(name: string): JsonObject {
  const result = expandFile(samplePath(name));
  if (!result.ok) throw new Error(`${name} did not expand: ${JSON.stringify(result.diagnostics)}`);
  return inlineSharedTemplates(result.template as JsonObject);
}

/** The Integration of a generated method. */
export function integrationOf(template: JsonObject, logicalId: string): JsonObject {
  const resources = template.Resources as JsonObject;
  return ((resources[`${logicalId}Method`] as JsonObject).Properties as JsonObject).Integration as JsonObject;
}

/** Deploy-time values stand-ins: `${Table}` → `Table`, `${Table.Arn}` → an ARN, pseudo parameters → fixed values. */
function resolveSub(value: Json): string {
  if (typeof value === 'string') return value;
  const sub = (value as JsonObject)['Fn::Sub'];
  const text = Array.isArray(sub) ? (sub[0] as string) : (sub as string);
  return text.replace(/\$\{(!?)([^}]*)\}/g, (_, bang: string, name: string) => {
    if (bang === '!') return `\${${name}}`;
    if (name === 'AWS::Region') return 'eu-west-1';
    if (name === 'AWS::AccountId') return '123456789012';
    if (name === 'AWS::Partition') return 'aws';
    if (name.endsWith('.Arn')) return `arn:aws:svc:eu-west-1:123456789012:${name.slice(0, -4)}`;
    return name;
  });
}

/** Renders a method's application/json request template with API Gateway's VTL semantics. */
export function renderRequest(integration: JsonObject, input: Partial<MappingInput>): string {
  const template = resolveSub((integration.RequestTemplates as JsonObject)['application/json'] as Json);
  return renderTemplate(template, { body: '', ...input }).output;
}

/** Renders the integration response API Gateway would pick for a service status and body. */
export function renderResponse(integration: JsonObject, status: number, body: string): { status: number; body: string } {
  const responses = integration.IntegrationResponses as JsonObject[];
  const candidates = responses.map((r) => ({ response: r, selectionPattern: r.SelectionPattern as string | undefined }));
  const selected = selectIntegrationResponse(candidates, status)?.response;
  if (selected === undefined) throw new Error(`no response for ${status}`);
  const template = (selected.ResponseTemplates as JsonObject | undefined)?.['application/json'] as string | undefined;
  if (template === undefined) return { status: Number(selected.StatusCode), body };
  const result = renderTemplate(template, { body });
  return { status: result.overrides.responseOverride.status ?? Number(selected.StatusCode), body: result.output };
}
