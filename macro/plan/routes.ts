import { type Diagnostic, DiagnosticCode } from '../diagnostics';
import { formatApiPath, segmentText } from '../schema/api-path';
import { apiKey } from '../schema/rest-api';
import type { IntegrationSpec } from '../schema/validate';

/**
 * Rules that span integrations: one integration per route, and at most one `{param}` child per
 * path resource (API Gateway rejects `/a/{id}` beside `/a/{key}`).
 */
export function checkRoutes(specs: readonly IntegrationSpec[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const routes = new Map<string, string>();
  const paramChildren = new Map<string, { text: string; owner: string }>();
  for (const spec of specs) {
    const api = apiKey(spec.api);
    const route = `${api} ${spec.httpMethod} ${formatApiPath(spec.path)}`;
    const owner = routes.get(route);
    if (owner !== undefined) {
      diagnostics.push({
        code: DiagnosticCode.duplicateRoute,
        logicalId: spec.logicalId,
        path: 'Properties.Method',
        message:
          `the route ${spec.httpMethod} ${formatApiPath(spec.path)} is already integrated by [${owner}]; ` +
          'each path and method can have one integration. Change the Path or Method of one of them.',
      });
    } else routes.set(route, spec.logicalId);
    spec.path.forEach((segment, depth) => {
      if (segment.kind !== 'param') return;
      const parent = `${api} ${formatApiPath(spec.path.slice(0, depth))}`;
      const existing = paramChildren.get(parent);
      const text = segmentText(segment);
      if (existing === undefined) paramChildren.set(parent, { text, owner: spec.logicalId });
      else if (existing.text !== text) {
        diagnostics.push({
          code: DiagnosticCode.invalidPath,
          logicalId: spec.logicalId,
          path: 'Properties.Path',
          message:
            `'${formatApiPath(spec.path)}' puts ${text} under ${formatApiPath(spec.path.slice(0, depth))}, ` +
            `where [${existing.owner}] already has ${existing.text}; ` +
            `API Gateway allows one parameter segment per level. Use the same name, ${existing.text}.`,
        });
      }
    });
  }
  return diagnostics;
}
