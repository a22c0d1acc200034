import { referencedNames } from './cloudformation/intrinsics';
import { type Diagnostic, DiagnosticCode, describeValue } from './diagnostics';
import { emitApis } from './emit/emit-apis';
import { checkLimits } from './limits';
import { methodId } from './logical-ids';
import { mergeCorsByPath } from './plan/cors';
import { planIntegration } from './plan/plan';
import { checkRoutes } from './plan/routes';
import { type IntegrationSpec, validateIntegration } from './schema/validate';
import { mergeTemplate } from './template/merge';
import { checkNesting } from './template/nesting';
import { findProxyResources, resourcesOf } from './template/parse';
import { isJsonObject, type Json, type Template, type TransformContext } from './types';

/** The outcome of a transform: the expanded template, or every problem found. */
export type TransformResult = { ok: true; template: Template } | { ok: false; diagnostics: Diagnostic[] };

const DEFAULT_STAGE_NAME = 'prod';

/** Expands every Proxy::ServiceIntegration of a template. Pure: same input, same output, input untouched. */
export function transformTemplate(template: unknown, context: TransformContext): TransformResult {
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
  if (parsed.proxies.length === 0 && parsed.diagnostics.length === 0) return { ok: true, template };

  const proxyIds = new Set(parsed.proxies.map((p) => p.logicalId));
  const diagnostics = [...parsed.diagnostics, ...checkReferencesToProxies(template, proxyIds)];
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
  diagnostics.push(...checkRoutes(specs));
  // Plans of the valid integrations still take part in the cross-integration checks, so one run
  // reports every problem.
  const plans = specs.map(planIntegration);
  const cors = mergeCorsByPath(plans);
  diagnostics.push(...cors.diagnostics);
  if (diagnostics.length > 0) return fail(diagnostics);

  const emitted = emitApis(plans, resources, { stageName }, cors.paths);
  if (emitted.diagnostics.length > 0) return fail(emitted.diagnostics);
  const merged = mergeTemplate(template, emitted);
  if (merged.template === undefined) return fail(merged.diagnostics);
  const overLimits = checkLimits(template, merged.template, specs, context.params);
  return overLimits.length > 0 ? fail(overLimits) : { ok: true, template: merged.template };
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
          message: `refers to ${name}, a Proxy::ServiceIntegration, which is replaced during expansion and has no value; refer to the generated method ${name}Method instead.`,
        });
      }
    }
  }
  return diagnostics;
}
