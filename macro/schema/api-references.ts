import { type Diagnostic, DiagnosticCode } from '../diagnostics';
import { didYouMean } from '../suggest';
import { isJsonObject, type Json, type Template } from '../types';
import type { IntegrationSpec } from './validate';
import type { ApiSpec } from './validate-api';

/** What `Fn::GetAtt` of a Proxy::Api gives: the attributes of the AWS::ApiGateway::RestApi it becomes. */
export const PROXY_API_ATTRIBUTES = ['RootResourceId', 'RestApiId'] as const;

/** Every `Fn::GetAtt` (both forms, and `${X.Attr}` in Fn::Sub) in a value: [logical ID, attribute]. */
function getAtts(root: Json): [string, string][] {
  const found: [string, string][] = [];
  // An explicit stack: the template's nesting is the user's.
  const pending: Json[] = [root];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) {
      pending.push(...value);
      continue;
    }
    if (!isJsonObject(value)) continue;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string' && typeof inner[1] === 'string')
        found.push([inner[0], inner[1]]);
      else if (key === 'Fn::GetAtt' && typeof inner === 'string' && inner.includes('.')) {
        const dot = inner.indexOf('.');
        found.push([inner.slice(0, dot), inner.slice(dot + 1)]);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        if (typeof text === 'string')
          for (const m of text.matchAll(/\$\{([^!}.][^}.]*)\.([^}]+)\}/g)) found.push([m[1] as string, m[2] as string]);
        if (Array.isArray(inner) && inner[1] !== undefined) pending.push(inner[1] as Json);
      } else pending.push(inner);
    }
  }
  return found;
}

/** A Proxy::Api becomes a RestApi: `Fn::GetAtt` of it can only name a RestApi attribute. */
export function checkReferencesToApis(template: Template, apiIds: ReadonlySet<string>): Diagnostic[] {
  if (apiIds.size === 0) return [];
  const diagnostics: Diagnostic[] = [];
  for (const section of ['Resources', 'Outputs'] as const) {
    const entries = template[section];
    if (!isJsonObject(entries)) continue;
    for (const [id, entry] of Object.entries(entries)) {
      for (const [target, attribute] of getAtts(entry)) {
        if (!apiIds.has(target) || (PROXY_API_ATTRIBUTES as readonly string[]).includes(attribute)) continue;
        diagnostics.push({
          code: DiagnosticCode.invalidDependency,
          logicalId: id,
          path: section === 'Outputs' ? 'Outputs' : '',
          message: `reads ${target}.${attribute}, but ${target} (a Proxy::Api) becomes an AWS::ApiGateway::RestApi, whose attributes are ${PROXY_API_ATTRIBUTES.join(' and ')}.${didYouMean(attribute, PROXY_API_ATTRIBUTES)} For the invoke URL use the Output ${target}Url; for the stage name, !Ref ${target}Stage.`,
        });
      }
    }
  }
  return diagnostics;
}

/** An API that exists only under a Condition can only hold integrations that exist under the same one. */
export function checkApiConditions(integrations: readonly IntegrationSpec[], apis: readonly ApiSpec[]): Diagnostic[] {
  const conditionOf = new Map(apis.map((api) => [api.logicalId, api.condition]));
  const diagnostics: Diagnostic[] = [];
  for (const spec of integrations) {
    if (spec.api.kind !== 'proxy-api') continue;
    const condition = conditionOf.get(spec.api.logicalId);
    if (condition === undefined || spec.condition === condition) continue;
    diagnostics.push({
      code: DiagnosticCode.invalidDependency,
      logicalId: spec.logicalId,
      path: 'Condition',
      message: `attaches to ${spec.api.logicalId}, which exists only under Condition ${condition}, but ${spec.condition === undefined ? 'has no Condition' : `has Condition ${spec.condition}`}; give it Condition: ${condition} (combine conditions with Fn::And in the Conditions section if it needs more).`,
    });
  }
  return diagnostics;
}
