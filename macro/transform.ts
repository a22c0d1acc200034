import { referencedNames } from './cloudformation/intrinsics';
import { type Diagnostic, DiagnosticCode, describeValue } from './diagnostics';
import { emitApis } from './emit/emit-apis';
import { shareMappingTemplates } from './emit/shared-mapping-templates';
import { checkLimits } from './limits';
import { methodId } from './logical-ids';
import { openApiHint, openApiVariant } from './openapi-alternative';
import { mergeCorsByPath } from './plan/cors';
import { planIntegration } from './plan/plan';
import { checkRoutes } from './plan/routes';
import { checkApiConditions, checkReferencesToApis } from './schema/api-references';
import { type IntegrationSpec, validateIntegration } from './schema/validate';
import { type ApiSpec, validateApi } from './schema/validate-api';
import { mergeTemplate } from './template/merge';
import { checkNesting } from './template/nesting';
import { findProxyResources, PROXY_API_TYPE, resourcesOf } from './template/parse';
import { isJsonObject, type Json, type Template, type TransformContext } from './types';

/** The outcome of a transform: the expanded template, or every problem found. */
export type TransformResult = { ok: true; template: Template } | { ok: false; diagnostics: Diagnostic[] };

const DEFAULT_STAGE_NAME = 'prod';

/** Expands every Proxy::ServiceIntegration and Proxy::Api of a template. Pure: same input, same output, input untouched. */
export function transformTemplate(template: unknown, context: TransformContext): TransformResult {
  return expand(template, context, true);
}

function expand(template: unknown, context: TransformContext, suggestOpenApi: boolean): TransformResult {
  if (!isJsonObject(template))
    return fail([
      {
        code: DiagnosticCode.invalidTemplate,
        path: '',
        message: `expected the template as a JSON object; received ${describeValue(template)}.`,
      },
    ]);
  if (template.Resources !== undefined && !isJsonObject(template.Resources)) {
    return fail([
      {
        code: DiagnosticCode.invalidTemplate,
        path: 'Resources',
        message: `expected an object of resources by logical ID; received ${describeValue(template.Resources)}.`,
      },
    ]);
  }
  const tooDeep = [
    ...checkNesting(template),
    ...checkNesting(context.params, ['Transform', 'Parameters']),
    ...checkNesting(context.templateParameterValues, ['templateParameterValues']),
  ];
  if (tooDeep.length > 0) return fail(tooDeep);
  const stageName = context.params.StageName ?? DEFAULT_STAGE_NAME;
  if (typeof stageName !== 'string' || !/^[A-Za-z0-9_]{1,128}$/.test(stageName)) {
    return fail([
      {
        code: DiagnosticCode.invalidTemplate,
        path: 'Transform.Parameters.StageName',
        message: `expected a stage name of letters, digits and '_'; received ${describeValue(stageName)}.`,
      },
    ]);
  }
  const resources = resourcesOf(template);
  const parsed = findProxyResources(template);
  const parsedApis = findProxyResources(template, PROXY_API_TYPE);
  if (
    parsed.proxies.length === 0 &&
    parsedApis.proxies.length === 0 &&
    parsed.diagnostics.length === 0 &&
    parsedApis.diagnostics.length === 0
  )
    return { ok: true, template };

  const proxyIds = new Set(parsed.proxies.map((p) => p.logicalId));
  const diagnostics = [
    ...parsed.diagnostics,
    ...parsedApis.diagnostics,
    ...checkReferencesToProxies(template, proxyIds),
    ...checkReferencesToApis(template, new Set(parsedApis.proxies.map((p) => p.logicalId))),
  ];
  const apiSpecs: ApiSpec[] = [];
  for (const api of parsedApis.proxies) {
    const result = validateApi(api);
    diagnostics.push(...result.diagnostics);
    if (result.spec !== undefined) apiSpecs.push(result.spec);
  }
  const specs: IntegrationSpec[] = [];
  const parameterNames = new Set([
    ...(isJsonObject(template.Parameters) ? Object.keys(template.Parameters) : []),
    ...Object.keys(context.templateParameterValues),
  ]);
  for (const proxy of parsed.proxies) {
    // An integration that depends on another integration depends on its method: the other one is gone after expansion.
    const dependsOn = proxy.dependsOn.map((name) => (proxyIds.has(name) ? methodId(name) : name));
    const result = validateIntegration(
      { ...proxy, dependsOn },
      {
        resources,
        parameterValues: context.templateParameterValues,
        parameterNames,
        ...(context.serviceFacts !== undefined ? { serviceFacts: context.serviceFacts } : {}),
      },
    );
    diagnostics.push(...result.diagnostics);
    if (result.spec !== undefined) specs.push(result.spec);
  }
  diagnostics.push(...checkRoutes(specs), ...checkApiConditions(specs, apiSpecs));
  // Plans of the valid integrations still take part in the cross-integration checks, so one run
  // reports every problem.
  const plans = specs.map(planIntegration);
  const cors = mergeCorsByPath(plans);
  diagnostics.push(...cors.diagnostics);
  if (diagnostics.length > 0) return fail(diagnostics);

  const emitted = emitApis(plans, resources, { stageName, proxyApis: apiSpecs }, cors.paths);
  if (emitted.diagnostics.length > 0) return fail(emitted.diagnostics);
  const shared = shareMappingTemplates({ resources: emitted.resources, replace: emitted.replace });
  const merged = mergeTemplate(template, { ...emitted, ...shared.groups, mappings: shared.mappings });
  if (merged.template === undefined) return fail(merged.diagnostics);
  const overLimits = checkLimits(template, merged.template, specs, context.params);
  if (overLimits.length === 0) return { ok: true, template: merged.template };
  return fail(suggestOpenApi ? withOpenApiHint(overLimits, template, context, specs, apiSpecs) : overLimits);
}

/** Limit diagnostics a Definition: OpenApi would resolve point at it, with the figures of a trial expansion. */
function withOpenApiHint(
  diagnostics: Diagnostic[],
  template: Template,
  context: TransformContext,
  specs: readonly IntegrationSpec[],
  apis: readonly ApiSpec[],
): Diagnostic[] {
  const sizeOrCount = (d: Diagnostic) => d.code === DiagnosticCode.tooManyResources || d.code === DiagnosticCode.templateTooLarge;
  if (!diagnostics.some(sizeOrCount)) return diagnostics;
  const variant = openApiVariant(template, specs, apis);
  const trial = variant === undefined ? undefined : expand(variant, context, false);
  if (trial === undefined || !trial.ok) return diagnostics;
  const hint = openApiHint(
    apis,
    specs.some((spec) => spec.api.kind === 'generated'),
    Object.keys(resourcesOf(trial.template)).length,
    Buffer.byteLength(JSON.stringify(trial.template), 'utf8'),
  );
  return diagnostics.map((d) => (sizeOrCount(d) ? { ...d, message: `${d.message}${hint}` } : d));
}

function fail(diagnostics: Diagnostic[]): TransformResult {
  return { ok: false, diagnostics };
}

/** A proxy resource disappears in expansion, so Ref/GetAtt of it elsewhere can never resolve. */
function checkReferencesToProxies(template: Template, proxyIds: ReadonlySet<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const sections: [string, Json | undefined][] = [
    ['Resources', template.Resources],
    ['Outputs', template.Outputs],
  ];
  for (const [section, entries] of sections) {
    if (!isJsonObject(entries)) continue;
    for (const [id, entry] of Object.entries(entries)) {
      for (const name of referencedNames(entry)) {
        if (!proxyIds.has(name)) continue;
        diagnostics.push({
          code: DiagnosticCode.invalidDependency,
          logicalId: id,
          path: section === 'Outputs' ? 'Outputs' : '',
          message:
            `refers to ${name}, a Proxy::ServiceIntegration, which is replaced during expansion and has no value; ` +
            `refer to the generated method ${name}Method instead.`,
        });
      }
    }
  }
  return diagnostics;
}
