import { type Diagnostic, DiagnosticCode } from '../diagnostics';
import { formatApiPath } from '../schema/api-path';
import type { CorsConfig } from '../schema/api-surface';
import { apiKey } from '../schema/rest-api';
import type { IntegrationPlan } from './plan';

/** The CORS preflight of one path: the merged configuration and the methods it covers. */
export interface PathCors {
  api: IntegrationPlan['api'];
  path: IntegrationPlan['path'];
  config: CorsConfig;
  methods: string[];
}

function sameSettings(a: CorsConfig, b: CorsConfig): boolean {
  const { allowMethods: _a, ...restA } = a;
  const { allowMethods: _b, ...restB } = b;
  return JSON.stringify(restA) === JSON.stringify(restB);
}

/**
 * Merges the CORS settings of the integrations that share a path into one preflight per path.
 * Methods add up; any other difference is a contradiction the user must resolve.
 */
export function mergeCorsByPath(plans: readonly IntegrationPlan[]): { paths: PathCors[]; diagnostics: Diagnostic[] } {
  const byPath = new Map<string, PathCors & { owner: string }>();
  const diagnostics: Diagnostic[] = [];
  for (const plan of plans) {
    const config = plan.surface.cors;
    if (config === undefined) continue;
    const key = `${apiKey(plan.api)} ${formatApiPath(plan.path)}`;
    const methods = config.allowMethods ?? [plan.httpMethod === 'ANY' ? 'GET,POST,PUT,PATCH,DELETE,HEAD' : plan.httpMethod];
    const existing = byPath.get(key);
    if (existing === undefined) {
      byPath.set(key, { api: plan.api, path: plan.path, config, methods: [...methods], owner: plan.logicalId });
      continue;
    }
    if (!sameSettings(existing.config, config)) {
      diagnostics.push({
        code: DiagnosticCode.conflictingCors,
        logicalId: plan.logicalId,
        path: 'Properties.Cors',
        message:
          `contradicts the Cors of [${existing.owner}] on the same path ${formatApiPath(plan.path)}; a path has one preflight, ` +
          'so give both integrations the same AllowOrigins, AllowHeaders, AllowCredentials, ExposeHeaders and MaxAge.',
      });
      continue;
    }
    for (const m of methods) if (!existing.methods.includes(m)) existing.methods.push(m);
  }
  // OPTIONS is the preflight's own method, which always lists it: a user's AllowMethods may name it too.
  const paths = [...byPath.values()].map(({ owner: _owner, ...rest }) => ({
    ...rest,
    methods: [...new Set(rest.methods.flatMap((m) => m.split(',')))].filter((m) => m !== 'OPTIONS').sort(),
  }));
  return { paths, diagnostics };
}
