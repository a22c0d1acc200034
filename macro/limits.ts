import { compareText } from './compare-text';
import { type Diagnostic, DiagnosticCode, describeValue } from './diagnostics';
import { mappingTemplateText } from './emit/shared-mapping-templates';
import { apiPrefix, deploymentGateId, methodId } from './logical-ids';
import { segmentText } from './schema/api-path';
import { apiKey } from './schema/rest-api';
import type { IntegrationSpec } from './schema/validate';
import { isJsonObject, type Json, type JsonObject, ownValue, type Template } from './types';

/**
 * CloudFormation's per-template quotas, checked on the expanded (processed) template.
 * Source: "Understand CloudFormation quotas",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 * (Resources 500, Outputs 200, Parameters 200, template body in an S3 object 1 MB; read in
 * awsdocs/aws-cloudformation-user-guide doc_source/cloudformation-limits.md @c23f1eb). "1 MB" is
 * taken as 1,000,000 bytes, the figure AWS's own cfn-lint checks (rule E1002). The limits of the
 * processed template are the same: "Troubleshoot the processed template",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-macros-troubleshoot-processed-template.html
 */
export const CLOUDFORMATION_LIMITS = {
  resources: 500,
  outputs: 200,
  parameters: 200,
  mappings: 200,
  templateBodyBytes: 1_000_000,
} as const;

/**
 * API Gateway REST API quotas a template can break. Source: "Quotas for configuring and running a
 * REST API in API Gateway",
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-execution-service-limits-table.html
 * ("Maximum mapping template size 300 KB", not adjustable — read as 300,000 bytes, as for "1 MB"
 * above; "Resources per API 300", adjustable: Service Quotas code L-01C8A9E0).
 */
export const API_GATEWAY_LIMITS = {
  mappingTemplateBytes: 300_000,
  resourcesPerApi: 300,
} as const;

/** The Transform parameter that tells the macro an account's raised "Resources per API" quota. */
export const RESOURCES_PER_API_QUOTA_PARAMETER = 'ResourcesPerApiQuota';

/** How many contributors a message names: enough to act on, short enough to read. */
const TOP_CONTRIBUTORS = 5;

/** What one integration adds to the expanded template. */
interface Contribution {
  logicalId: string;
  /** Its method and deployment gate, by logical ID. */
  resourceIds: string[];
  /** Those, and the path resources it alone uses. */
  resourceCount: number;
}

/**
 * Checks an expanded template against CloudFormation's and API Gateway's documented limits, so
 * that a template over them fails at expansion with the numbers, the integrations that contribute
 * most and the way out, instead of late in CloudFormation. Pure: reads its inputs only.
 */
export function checkLimits(
  original: Template,
  expanded: Template,
  integrations: readonly IntegrationSpec[],
  params: Record<string, Json>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const originalResources = isJsonObject(original.Resources) ? original.Resources : {};
  const resources = isJsonObject(expanded.Resources) ? expanded.Resources : {};

  const resourceCount = Object.keys(resources).length;
  if (resourceCount > CLOUDFORMATION_LIMITS.resources) {
    const contributions = contributionsOf(integrations, resources);
    const own = Object.keys(resources).filter((id) => Object.hasOwn(originalResources, id)).length;
    const generated = resourceCount - own;
    const perIntegration = contributions.reduce((sum, c) => sum + c.resourceCount, 0);
    const top = [...contributions]
      .sort((a, b) => b.resourceCount - a.resourceCount || compareText(a.logicalId, b.logicalId))
      .slice(0, TOP_CONTRIBUTORS);
    diagnostics.push({
      code: DiagnosticCode.tooManyResources,
      path: 'Resources',
      message:
        `the expanded template has ${count(resourceCount)} resources; ` +
        `CloudFormation allows ${count(CLOUDFORMATION_LIMITS.resources)} per template. ` +
        `Your template declares ${count(own)}; ` +
        `its ${count(integrations.length)} ${integrations.length === 1 ? 'integration adds' : 'integrations add'} ${count(generated)} ` +
        `(${count(perIntegration)} of them by one integration each, ` +
        `${count(generated - perIntegration)} shared: path resources, API, roles, deployment, stage). ` +
        `Most come from ${top.map((c) => `${c.logicalId} (${c.resourceCount})`).join(', ')}. ` +
        'Split the integrations across stacks (nested stacks, AWS::CloudFormation::Stack, ' +
        'each with Transform: ServiceProxy and RestApiId/RootResourceId of one shared API), ' +
        'or share path prefixes so integrations reuse path resources.',
    });
  }

  const outputs = isJsonObject(expanded.Outputs) ? Object.keys(expanded.Outputs) : [];
  if (outputs.length > CLOUDFORMATION_LIMITS.outputs) {
    const originalOutputs = isJsonObject(original.Outputs) ? original.Outputs : {};
    const added = outputs.filter((id) => !Object.hasOwn(originalOutputs, id));
    diagnostics.push({
      code: DiagnosticCode.tooManyOutputs,
      path: 'Outputs',
      message:
        `the expanded template has ${count(outputs.length)} outputs; ` +
        `CloudFormation allows ${count(CLOUDFORMATION_LIMITS.outputs)} per template. ` +
        `Your template declares ${count(outputs.length - added.length)}; ` +
        `the macro adds ${count(added.length)} (the invoke URL of each API: ${listed(added)}). ` +
        'Remove outputs you do not read, attach the integrations to fewer APIs (RestApiId), or split the template into nested stacks.',
    });
  }

  const parameterCount = isJsonObject(expanded.Parameters) ? Object.keys(expanded.Parameters).length : 0;
  if (parameterCount > CLOUDFORMATION_LIMITS.parameters) {
    diagnostics.push({
      code: DiagnosticCode.tooManyParameters,
      path: 'Parameters',
      message:
        `the template has ${count(parameterCount)} parameters; ` +
        `CloudFormation allows ${count(CLOUDFORMATION_LIMITS.parameters)} per template (the macro adds none). ` +
        'Group values into list parameters (CommaDelimitedList) or Mappings, or split the template into nested stacks.',
    });
  }

  const mappingCount = isJsonObject(expanded.Mappings) ? Object.keys(expanded.Mappings).length : 0;
  if (mappingCount > CLOUDFORMATION_LIMITS.mappings) {
    const originalMappings = isJsonObject(original.Mappings) ? Object.keys(original.Mappings).length : 0;
    diagnostics.push({
      code: DiagnosticCode.tooManyMappings,
      path: 'Mappings',
      message:
        `the expanded template has ${count(mappingCount)} mappings; CloudFormation allows ${count(CLOUDFORMATION_LIMITS.mappings)} per template. ` +
        `Your template declares ${count(originalMappings)}; the macro adds ${count(mappingCount - originalMappings)} (ServiceProxyTemplates: mapping-template text its integrations share). ` +
        `Merge your own mappings (a mapping holds up to 200 keys), or split the template into nested stacks.`,
    });
  }

  diagnostics.push(...checkMappingTemplates(integrations, resources, isJsonObject(expanded.Mappings) ? expanded.Mappings : {}));
  diagnostics.push(...checkResourcesPerApi(integrations, originalResources, resources, params));

  // A template can be too big with few resources, so its size is always measured — in one pass that
  // also sizes each resource, exactly: the Resources object's text is its entries joined by commas.
  const bytesOf = new Map<string, number>();
  let resourcesBytes = 2;
  let generatedBytes = 0;
  for (const [id, resource] of Object.entries(resources)) {
    const bytes = utf8Bytes(JSON.stringify(resource));
    bytesOf.set(id, bytes);
    const entryBytes = utf8Bytes(JSON.stringify(id)) + 1 + bytes;
    resourcesBytes += entryBytes + (bytesOf.size > 1 ? 1 : 0);
    if (!Object.hasOwn(originalResources, id)) generatedBytes += entryBytes;
  }
  const templateBytes = isJsonObject(expanded.Resources)
    ? utf8Bytes(JSON.stringify({ ...expanded, Resources: {} })) - 2 + resourcesBytes
    : utf8Bytes(JSON.stringify(expanded));
  if (templateBytes > CLOUDFORMATION_LIMITS.templateBodyBytes) {
    const sized = contributionsOf(integrations, resources).map((c) => ({
      logicalId: c.logicalId,
      bytes: c.resourceIds.reduce((sum, id) => sum + (bytesOf.get(id) ?? 0), 0),
    }));
    const top = sized.sort((a, b) => b.bytes - a.bytes || compareText(a.logicalId, b.logicalId)).slice(0, TOP_CONTRIBUTORS);
    diagnostics.push({
      code: DiagnosticCode.templateTooLarge,
      path: '',
      message:
        `the expanded template is ${count(templateBytes)} bytes of JSON; ` +
        `CloudFormation allows ${count(CLOUDFORMATION_LIMITS.templateBodyBytes)} (1 MB, from S3; 51,200 bytes when passed inline). ` +
        `The resources the macro generates take ${count(generatedBytes)} bytes; ` +
        `the largest integrations are ${top.map((c) => `${c.logicalId} (${count(c.bytes)} bytes)`).join(', ')}. ` +
        'Split the integrations across nested stacks (AWS::CloudFormation::Stack) attached to one API with RestApiId/RootResourceId, ' +
        'or shorten large literal RequestTemplate and Parameters values.',
    });
  }
  return diagnostics;
}

/**
 * Per integration: the resources it alone adds — its method, its deployment gate, and the path
 * resources no other integration uses (removing it removes them). Paths are compared by text, in
 * one pass, so that a deep path costs linear time.
 */
function contributionsOf(integrations: readonly IntegrationSpec[], resources: JsonObject): Contribution[] {
  const users = new Map<string, number>();
  const keysOf = integrations.map((spec) => {
    const keys: string[] = [];
    let key = apiKey(spec.api);
    for (const segment of spec.path) {
      key += `/${segmentText(segment)}`;
      keys.push(key);
      users.set(key, (users.get(key) ?? 0) + 1);
    }
    return keys;
  });
  return integrations.map((spec, index) => {
    const ownPathResources = (keysOf[index] as string[]).filter((key) => users.get(key) === 1).length;
    const resourceIds = [methodId(spec.logicalId), deploymentGateId(spec.logicalId)].filter((id) => Object.hasOwn(resources, id));
    return { logicalId: spec.logicalId, resourceIds, resourceCount: resourceIds.length + ownPathResources };
  });
}

/** Every mapping template of every generated method must fit API Gateway's 300 KB. */
function checkMappingTemplates(integrations: readonly IntegrationSpec[], resources: JsonObject, mappings: JsonObject): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const spec of integrations) {
    const method = ownValue(resources, methodId(spec.logicalId));
    const integration = isJsonObject(method) && isJsonObject(method.Properties) ? method.Properties.Integration : undefined;
    if (!isJsonObject(integration)) continue;
    const templates: [string, Json][] = [];
    if (isJsonObject(integration.RequestTemplates))
      for (const [type, t] of Object.entries(integration.RequestTemplates)) templates.push([`request template for ${type}`, t]);
    if (Array.isArray(integration.IntegrationResponses)) {
      for (const response of integration.IntegrationResponses) {
        if (!isJsonObject(response) || !isJsonObject(response.ResponseTemplates)) continue;
        for (const [type, t] of Object.entries(response.ResponseTemplates))
          templates.push([`response template ${String(response.StatusCode)} for ${type}`, t]);
      }
    }
    for (const [what, template] of templates) {
      const bytes = utf8Bytes(mappingTemplateText(template, mappings));
      if (bytes <= API_GATEWAY_LIMITS.mappingTemplateBytes) continue;
      const own = spec.requestTemplates !== undefined;
      diagnostics.push({
        code: DiagnosticCode.mappingTemplateTooLarge,
        logicalId: spec.logicalId,
        path: own ? 'Properties.RequestTemplate' : 'Properties.Parameters',
        message:
          `the ${what} is ${count(bytes)} bytes${isJsonObject(template) ? ' before CloudFormation substitutes its values' : ''}; ` +
          `API Gateway allows ${count(API_GATEWAY_LIMITS.mappingTemplateBytes)} (300 KB, not adjustable). ` +
          `${own ? 'Shorten the RequestTemplate' : 'Shorten the literal Parameters values'}: ` +
          'move large constant text to the service side or a stage variable.',
      });
    }
  }
  return diagnostics;
}

/**
 * API Gateway's resources per API: the root and every path resource, the macro's and the
 * template's own. The quota is adjustable, so a raised one is declared with a Transform parameter.
 */
function checkResourcesPerApi(
  integrations: readonly IntegrationSpec[],
  originalResources: JsonObject,
  expandedResources: JsonObject,
  params: Record<string, Json>,
): Diagnostic[] {
  const raw = params[RESOURCES_PER_API_QUOTA_PARAMETER];
  let quota: number = API_GATEWAY_LIMITS.resourcesPerApi;
  if (raw !== undefined) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      return [
        {
          code: DiagnosticCode.invalidTemplate,
          path: `Transform.Parameters.${RESOURCES_PER_API_QUOTA_PARAMETER}`,
          message: `expected your account's "Resources per API" quota as a positive whole number, e.g. 600; received ${describeValue(raw)}.`,
        },
      ];
    }
    quota = n;
  }
  const byApi = new Map<
    string,
    {
      prefix: string;
      external: boolean;
      templateApiId?: string;
      reusesDeclared?: boolean;
      paths: Set<string>;
      owners: Map<string, string[]>;
    }
  >();
  for (const spec of integrations) {
    const key = apiKey(spec.api);
    let entry = byApi.get(key);
    if (entry === undefined) {
      entry = { prefix: apiPrefix(spec.api), external: spec.api.kind === 'external', paths: new Set(), owners: new Map() };
      if (spec.api.kind === 'template') entry.templateApiId = spec.api.logicalId;
      // Only an API of resources reuses declared path resources; an OpenAPI document's paths are all added.
      entry.reusesDeclared = spec.api.kind === 'template' && spec.api.definition === 'resources';
      byApi.set(key, entry);
    }
    // Keyed like emitPathResources: one resource per distinct path prefix.
    let pathKey = '';
    for (const segment of spec.path) {
      pathKey += `/${segmentText(segment)}`;
      entry.paths.add(pathKey);
      const owners = entry.owners.get(pathKey);
      if (owners === undefined) entry.owners.set(pathKey, [spec.logicalId]);
      else owners.push(spec.logicalId);
    }
  }
  const diagnostics: Diagnostic[] = [];
  for (const entry of byApi.values()) {
    // The template's own AWS::ApiGateway::Resource of the same API count too; the paths the
    // integrations share with them are those resources (reused, not added), so they count once.
    const apiId = entry.templateApiId;
    const declared = apiId === undefined ? 0 : Object.values(originalResources).filter((r) => isOwnResourceOf(r, apiId)).length;
    const added =
      apiId === undefined || entry.reusesDeclared !== true
        ? entry.paths.size
        : Object.entries(expandedResources).filter(([id, r]) => !Object.hasOwn(originalResources, id) && isOwnResourceOf(r, apiId)).length;
    const total = 1 + added + declared;
    if (total <= quota) continue;
    const own = new Map<string, number>();
    for (const [, owners] of entry.owners) if (owners.length === 1) own.set(owners[0] as string, (own.get(owners[0] as string) ?? 0) + 1);
    const top = [...own.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).slice(0, TOP_CONTRIBUTORS);
    const quotaSource =
      raw === undefined
        ? ' by default (adjustable: Service Quotas, "Resources per API", L-01C8A9E0)'
        : ` (Transform parameter ${RESOURCES_PER_API_QUOTA_PARAMETER})`;
    diagnostics.push({
      code: DiagnosticCode.tooManyApiResources,
      path: 'Resources',
      message:
        `the API ${entry.prefix} would have ${entry.external ? 'at least ' : ''}${count(total)} resources ` +
        `(the root, ${count(added)} paths from integrations${declared > 0 ? `, ${count(declared)} declared in the template` : ''}); ` +
        `API Gateway's quota is ${count(quota)} resources per API${quotaSource}. ` +
        (top.length > 0 ? `Most paths of their own: ${top.map(([id, n]) => `${id} (${n})`).join(', ')}. ` : '') +
        "Share path prefixes, use one greedy {proxy+} path, or split the paths across APIs (RestApiId); if your account's quota is raised, " +
        `declare it: Transform: {Name: ServiceProxy, Parameters: {${RESOURCES_PER_API_QUOTA_PARAMETER}: <quota>}}.`,
    });
  }
  return diagnostics;
}

/** An `AWS::ApiGateway::Resource` of the template whose RestApiId is a Ref to the given API. */
function isOwnResourceOf(resource: Json, apiLogicalId: string): boolean {
  if (!isJsonObject(resource) || resource.Type !== 'AWS::ApiGateway::Resource' || !isJsonObject(resource.Properties)) return false;
  const restApiId = resource.Properties.RestApiId;
  return isJsonObject(restApiId) && restApiId.Ref === apiLogicalId;
}

/** UTF-8 length of a text: the size CloudFormation and API Gateway count. */
function utf8Bytes(text: string | undefined): number {
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function listed(ids: readonly string[]): string {
  return ids.length <= TOP_CONTRIBUTORS
    ? ids.join(', ')
    : `${ids.slice(0, TOP_CONTRIBUTORS).join(', ')} and ${ids.length - TOP_CONTRIBUTORS} more`;
}
