/**
 * What the macro cannot see, since CloudFormation hands it the template without its Transform
 * section: whether the template names the macro at all, and resource types that look like the
 * macro's but that nothing would expand. The CLI warns (`validate` fails) on each.
 */
import { suggest } from '../macro/suggest';
import { PROXY_RESOURCE_TYPE } from '../macro/template/parse';
import { isJsonObject, type JsonObject } from '../macro/types';
import { MACRO_NAME } from './macro-name';

/** The resource types the macro (or its planned `Proxy::Api`) expands. */
export const PROXY_RESOURCE_TYPES: readonly string[] = [PROXY_RESOURCE_TYPE, 'Proxy::Api'];

/** Codes of the template warnings, beside the macro's PSI0xx-PSI2xx diagnostics. */
export const TemplateWarningCode = {
  noTransform: 'PSI300',
  misspeltTransform: 'PSI301',
  misspeltType: 'PSI302',
} as const;

/** One problem of the template as a whole that the macro cannot report. */
export interface TemplateWarning {
  code: (typeof TemplateWarningCode)[keyof typeof TemplateWarningCode];
  /** The resource concerned, for a resource type. */
  logicalId?: string;
  /** `Transform`, or `Type` of a resource. */
  path: string;
  message: string;
}

/** A deployed version of the macro (`ServiceProxy-v2`, from `npm run deploy -- -c macroName=ServiceProxy-v2`). */
function isMacroVersion(name: string): boolean {
  return name.startsWith(`${MACRO_NAME}-`);
}

function transformNames(transform: unknown): string[] {
  const entries = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  return entries.map((entry) => (isJsonObject(entry) ? entry.Name : entry)).filter((name): name is string => typeof name === 'string');
}

/** Warns about the Transform section and look-alike resource types of a template as written. */
export function checkTransform(template: JsonObject): TemplateWarning[] {
  const warnings: TemplateWarning[] = [];
  const names = transformNames(template.Transform);
  const macroNamed = names.some((name) => name === MACRO_NAME || isMacroVersion(name));
  if (!macroNamed) {
    const nearMiss = names.find(
      (name) => name.toLowerCase().replace(/[^a-z]/g, '') === 'serviceproxy' || suggest(name, [MACRO_NAME]) !== undefined,
    );
    if (nearMiss !== undefined) {
      warnings.push({
        code: TemplateWarningCode.misspeltTransform,
        path: 'Transform',
        message: `names '${nearMiss}', which is not the macro; did you mean '${MACRO_NAME}'? CloudFormation fails the change set on a macro that does not exist.`,
      });
    } else {
      const proxies = isJsonObject(template.Resources)
        ? Object.values(template.Resources).filter((r) => isJsonObject(r) && PROXY_RESOURCE_TYPES.includes(r.Type as string)).length
        : 0;
      warnings.push({
        code: TemplateWarningCode.noTransform,
        path: 'Transform',
        message: `does not name ${MACRO_NAME}, so CloudFormation will not run the macro${proxies > 0 ? ` and rejects the ${proxies} ${PROXY_RESOURCE_TYPE} resource(s)` : ''}; add 'Transform: ${MACRO_NAME}' (with SAM: 'Transform: [${MACRO_NAME}, AWS::Serverless-2016-10-31]').`,
      });
    }
  }
  const resources = isJsonObject(template.Resources) ? template.Resources : {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isJsonObject(resource) || typeof resource.Type !== 'string') continue;
    const type = resource.Type;
    // AWS's own types are never near ours (checked against every type cfn-lint knows).
    if (PROXY_RESOURCE_TYPES.includes(type) || type.startsWith('AWS::')) continue;
    // No AWS type begins with Proxy::, and a near miss of ours is never an AWS type.
    const near = suggest(type, PROXY_RESOURCE_TYPES);
    if (near === undefined && !/^proxy::/i.test(type)) continue;
    const hint = near !== undefined ? `did you mean '${near}'?` : `the macro expands ${PROXY_RESOURCE_TYPES.join(' and ')}.`;
    warnings.push({
      code: TemplateWarningCode.misspeltType,
      logicalId,
      path: 'Type',
      message: `'${type}' is a type nothing expands, and CloudFormation rejects it; ${hint}`,
    });
  }
  return warnings;
}
