import { readFileSync } from 'node:fs';
import { splitTransform } from '../../cli/load-template';
import { MACRO_NAME } from '../../cli/macro-name';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { sharedServiceFacts } from '../../macro/service-facts/read-facts-files';
import { transformTemplate } from '../../macro/transform';
import { isJsonObject, type JsonObject, type Template } from '../../macro/types';
import type { IntegrationRoute } from './deployment-coverage';
import type { SamTranslator } from './sam-translator';

/** The SAM transform's name in a Transform section. */
export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** The order CloudFormation runs the two transforms in. */
export type TransformOrder = 'ServiceProxy, then SAM' | 'SAM, then ServiceProxy';

/** Both orders, the one the README recommends first. */
export const TRANSFORM_ORDERS: readonly TransformOrder[] = ['ServiceProxy, then SAM', 'SAM, then ServiceProxy'];

/** A sample template as written (YAML with short-form tags), parsed to JSON. */
export function readSampleSource(file: string): JsonObject {
  const parsed = parseCfnYaml(readFileSync(file, 'utf8'));
  if (!isJsonObject(parsed.value)) throw new Error(`${file}: not a template`);
  return parsed.value;
}

/**
 * Runs a template through our macro and the real SAM translator in the given order, as
 * CloudFormation would. SAM drops the whole Transform section and runs no other macro, so
 * "SAM, then ServiceProxy" hands the macro SAM's output directly.
 */
export async function runBothTransforms(source: JsonObject, order: TransformOrder, sam: SamTranslator): Promise<Template> {
  const loaded = splitTransform(source);
  const expand = (template: Template): Template => {
    const result = transformTemplate(template, {
      templateParameterValues: loaded.parameterValues,
      params: loaded.macroParams,
      serviceFacts: sharedServiceFacts(),
    });
    if (!result.ok) throw new Error(`ServiceProxy (${order}) failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
    return result.template;
  };
  const translate = async (template: Template): Promise<Template> => {
    const result = await sam.translate(template, loaded.parameterValues);
    if (!result.ok) throw new Error(`SAM (${order}) failed: ${result.errors.join('; ')}`);
    return result.template;
  };
  return order === 'ServiceProxy, then SAM' ? translate(expand(loaded.fragment)) : expand(await translate(loaded.fragment));
}

/** The order a template's Transform section names our macro and SAM in, if it names both. */
export function declaredOrder(source: JsonObject): TransformOrder | undefined {
  const names = (Array.isArray(source.Transform) ? source.Transform : [source.Transform]).map((t) => (isJsonObject(t) ? t.Name : t));
  const proxy = names.indexOf(MACRO_NAME);
  const sam = names.indexOf(SAM_TRANSFORM);
  if (proxy < 0 || sam < 0) return undefined;
  return proxy < sam ? 'ServiceProxy, then SAM' : 'SAM, then ServiceProxy';
}

/**
 * The orders a sample is checked in: a template written `[ServiceProxy, SAM]` also in the reverse
 * order (CloudFormation runs whichever its author lists), one written `[SAM, ServiceProxy]` only
 * as written (the macro may rely on SAM's output, e.g. the implicit ServerlessRestApi).
 */
export function ordersToCheck(source: JsonObject): TransformOrder[] {
  const declared = declaredOrder(source);
  if (declared === undefined) return [];
  return declared === 'ServiceProxy, then SAM' ? [...TRANSFORM_ORDERS] : [declared];
}

/** A template's Proxy::ServiceIntegration resources, with Path and Method where they are literal. */
export function integrationRoutes(source: JsonObject): IntegrationRoute[] {
  const resources = isJsonObject(source.Resources) ? source.Resources : {};
  const routes: IntegrationRoute[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || resource.Type !== 'Proxy::ServiceIntegration') continue;
    const properties = isJsonObject(resource.Properties) ? resource.Properties : {};
    const route: IntegrationRoute = { id };
    if (typeof properties.Path === 'string') route.path = properties.Path;
    if (typeof properties.Method === 'string') route.method = properties.Method.toUpperCase();
    routes.push(route);
  }
  return routes;
}
