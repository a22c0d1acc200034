import { type Diagnostic, DiagnosticCode, describeValue } from '../diagnostics';
import { type PropertyPath, toDiagnostic, within } from '../problem';
import type { ProxyResource } from '../template/parse';
import { type Expr, isJsonObject, type Json, type JsonObject } from '../types';
import { problemsFromSchemaErrors } from './schema-errors';
import validateApiProperties from './validate-api-properties.generated';

/** A Proxy::Api whose properties passed every check: what the RestApi and its stage get. */
export interface ApiSpec {
  logicalId: string;
  /** Resources: a CloudFormation resource per path and method; OpenApi: the whole API in the RestApi Body. */
  definition: 'resources' | 'openapi';
  /** The stage name the user chose; the Transform's (or prod) otherwise. */
  stageName?: Expr;
  /** Properties of the AWS::ApiGateway::RestApi (Name, Description, EndpointConfiguration, ...). */
  restApi: JsonObject;
  /** Properties of the AWS::ApiGateway::Stage besides RestApiId, DeploymentId and StageName. */
  stage: JsonObject;
  /** The user's binary media types (the actions' own are added). */
  binaryMediaTypes: string[];
  condition?: string;
  dependsOn: string[];
  metadata?: Json;
}

/** What the RestApi carries, by property name. */
const REST_API_PROPERTIES = ['Description', 'MinimumCompressionSize', 'Policy', 'DisableExecuteApiEndpoint'] as const;
/** What the Stage carries, by property name. */
const STAGE_PROPERTIES = ['TracingEnabled', 'AccessLogSetting', 'Variables', 'CacheClusterEnabled', 'CacheClusterSize'] as const;

/**
 * A method setting's ResourcePath as the Stage property wants it: every `/` of the path written `~1`
 * after a leading `/` (`/orders/{id}` → `/~1orders~1{id}`); `/*` and `/` as they are.
 */
export function encodeResourcePath(path: string): string {
  if (path === '/' || path === '/*' || path.includes('~1')) return path;
  return `/${path.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Validates one Proxy::Api: schema first, then the rules that span properties. */
export function validateApi(resource: ProxyResource): { spec?: ApiSpec; diagnostics: Diagnostic[] } {
  const { logicalId } = resource;
  const raw = resource.properties ?? {};
  if (!isJsonObject(raw)) {
    const message =
      'expected an object of API settings (all optional: Definition, StageName, AccessLogSetting, MethodSettings, ...); ' +
      `received ${describeValue(raw)}.`;
    return { diagnostics: [toDiagnostic(DiagnosticCode.invalidProperty, logicalId, { path: ['Properties'], message })] };
  }
  if (!validateApiProperties(raw)) {
    const problems = within(['Properties'], problemsFromSchemaErrors(validateApiProperties.errors ?? []));
    return { diagnostics: problems.map((problem) => toDiagnostic(DiagnosticCode.invalidProperty, logicalId, problem)) };
  }
  const diagnostics: Diagnostic[] = [];
  const report = (path: PropertyPath, message: string) =>
    diagnostics.push(toDiagnostic(DiagnosticCode.invalidProperty, logicalId, { path: ['Properties', ...path], message }));

  if (raw.CacheClusterSize !== undefined && raw.CacheClusterEnabled !== true && !isJsonObject(raw.CacheClusterEnabled))
    report(
      ['CacheClusterSize'],
      'sizes a stage cache, which exists only with CacheClusterEnabled: true; add it, or remove CacheClusterSize.',
    );
  const endpoint = raw.EndpointConfiguration;
  const types = typeof endpoint === 'string' ? [endpoint] : isJsonObject(endpoint) ? (endpoint.Types as string[]) : ['REGIONAL'];
  if (types.includes('PRIVATE') && raw.Policy === undefined)
    report(
      ['EndpointConfiguration'],
      'a PRIVATE API can only be deployed with a resource policy that lets your VPC endpoints call it; add Policy, ' +
        'e.g. {Statement: [{Effect: Allow, Principal: "*", Action: execute-api:Invoke, Resource: execute-api:/*}]}.',
    );
  if (diagnostics.length > 0) return { diagnostics };

  const restApi: JsonObject = {
    Name: (raw.Name as Json | undefined) ?? { 'Fn::Sub': `\${AWS::StackName}-${logicalId}` },
    EndpointConfiguration:
      typeof endpoint === 'string' ? { Types: [endpoint] } : ((endpoint as Json | undefined) ?? { Types: ['REGIONAL'] }),
  };
  for (const name of REST_API_PROPERTIES) if (raw[name] !== undefined) restApi[name] = raw[name] as Json;
  const stage: JsonObject = {};
  for (const name of STAGE_PROPERTIES) if (raw[name] !== undefined) stage[name] = raw[name] as Json;
  if (Array.isArray(raw.MethodSettings)) {
    stage.MethodSettings = (raw.MethodSettings as JsonObject[]).map((setting) => ({
      ResourcePath: encodeResourcePath(typeof setting.ResourcePath === 'string' ? setting.ResourcePath : '/*'),
      HttpMethod: (setting.HttpMethod as Json | undefined) ?? '*',
      ...Object.fromEntries(Object.entries(setting).filter(([key]) => key !== 'ResourcePath' && key !== 'HttpMethod')),
    }));
  }
  if (raw.Tags !== undefined) {
    // CloudFormation's form, a list of Key/Value, on both the API and its stage.
    const tags = Array.isArray(raw.Tags)
      ? (raw.Tags as Json[])
      : Object.entries(raw.Tags as JsonObject).map(([Key, Value]) => ({ Key, Value }) as Json);
    restApi.Tags = tags;
    stage.Tags = tags;
  }
  const spec: ApiSpec = {
    logicalId,
    definition: raw.Definition === 'OpenApi' ? 'openapi' : 'resources',
    restApi,
    stage,
    binaryMediaTypes: (raw.BinaryMediaTypes as string[] | undefined) ?? [],
    dependsOn: resource.dependsOn,
  };
  if (raw.StageName !== undefined) spec.stageName = raw.StageName as Expr;
  if (resource.condition !== undefined) spec.condition = resource.condition;
  if (resource.metadata !== undefined) spec.metadata = resource.metadata;
  return { spec, diagnostics };
}
