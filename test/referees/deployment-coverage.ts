import { referencedNames } from '../../macro/cloudformation/intrinsics';
import { isJsonObject, type Json, type JsonObject, type Template } from '../../macro/types';

/** How one integration reached the final template, and which deployments publish it to a stage. */
export interface IntegrationDeployment {
  /** The logical ID of the Proxy::ServiceIntegration. */
  integration: string;
  /** `<id>Method` resource, an operation in a REST API's OpenAPI Body, or not found at all. */
  deployedAs: 'method resource' | 'OpenAPI operation' | 'missing';
  /** The REST API it belongs to, as its RestApiId expression (JSON), when found. */
  api?: string;
  /** Deployments of that API that reach a stage (through a Stage, or their own StageName). */
  deployments: string[];
  /** Why it may not be, or stay, deployed; empty when every such deployment covers it. */
  problems: string[];
}

/** What the harness needs to know of an integration, from the template as written. */
export interface IntegrationRoute {
  id: string;
  /** `Path` when it is literal; a `!Ref` path cannot be looked up in a Body. */
  path?: string;
  method?: string;
}

function resourcesOf(template: Template): Map<string, JsonObject> {
  const entries = Object.entries(isJsonObject(template.Resources) ? template.Resources : {});
  return new Map(entries.filter((entry): entry is [string, JsonObject] => isJsonObject(entry[1])));
}

function propertiesOf(resource: JsonObject | undefined): JsonObject {
  return resource !== undefined && isJsonObject(resource.Properties) ? resource.Properties : {};
}

function dependsOnOf(resource: JsonObject | undefined): string[] {
  const value = resource?.DependsOn;
  return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Deployments of an API (by its RestApiId expression) that reach a stage. */
function stagedDeployments(resources: Map<string, JsonObject>, api: string): string[] {
  const staged = new Set<string>();
  for (const resource of resources.values()) {
    if (resource.Type !== 'AWS::ApiGateway::Stage') continue;
    const deploymentId = propertiesOf(resource).DeploymentId;
    if (isJsonObject(deploymentId) && typeof deploymentId.Ref === 'string') staged.add(deploymentId.Ref);
  }
  return [...resources]
    .filter(
      ([id, r]) =>
        r.Type === 'AWS::ApiGateway::Deployment' &&
        JSON.stringify(propertiesOf(r).RestApiId) === api &&
        (staged.has(id) || propertiesOf(r).StageName !== undefined),
    )
    .map(([id]) => id);
}

/**
 * A method resource is deployed when every deployment of its API that reaches a stage waits for
 * it: directly in DependsOn, or through a resource in DependsOn that refers to it (the macro's
 * gate for a conditional method). Otherwise it may be missing from the stage, and its changes
 * never reach it — what happens to a method added beside a SAM-generated API.
 */
function methodResourceDeployment(resources: Map<string, JsonObject>, integration: string, method: string): IntegrationDeployment {
  const api = JSON.stringify(propertiesOf(resources.get(method)).RestApiId);
  const deployments = stagedDeployments(resources, api);
  const problems: string[] = [];
  if (deployments.length === 0) problems.push(`${method}: no deployment publishes its API ${api} to a stage`);
  for (const deployment of deployments) {
    const waits = dependsOnOf(resources.get(deployment)).some(
      (dep) => dep === method || referencedNames((resources.get(dep) ?? null) as Json).has(method),
    );
    if (!waits) problems.push(`${method}: deployment ${deployment} does not depend on it, so a change to it would never reach the stage`);
  }
  return { integration, deployedAs: 'method resource', api, deployments, problems };
}

/**
 * An operation in a REST API's OpenAPI Body is part of the API itself: every deployment of the
 * API (which refers to it) publishes it. Whether a change redeploys is the deployment's logical
 * ID's business, which the edit test checks.
 */
function bodyOperationDeployment(resources: Map<string, JsonObject>, route: IntegrationRoute): IntegrationDeployment | undefined {
  if (route.path === undefined || route.method === undefined) return undefined;
  const verb = route.method === 'ANY' ? 'x-amazon-apigateway-any-method' : route.method.toLowerCase();
  for (const [apiId, resource] of resources) {
    if (resource.Type !== 'AWS::ApiGateway::RestApi') continue;
    const body = propertiesOf(resource).Body;
    const paths = isJsonObject(body) && isJsonObject(body.paths) ? body.paths : {};
    const pathItem = paths[route.path];
    const written = isJsonObject(pathItem) ? pathItem[verb] : undefined;
    // An operation that exists under a condition is written Fn::If [condition, operation, AWS::NoValue].
    const conditional = isJsonObject(written) && Array.isArray(written['Fn::If']) ? written['Fn::If'][1] : undefined;
    const operation = conditional ?? written;
    if (!isJsonObject(operation) || operation['x-amazon-apigateway-integration'] === undefined) continue;
    const api = JSON.stringify({ Ref: apiId });
    const deployments = stagedDeployments(resources, api);
    const problems = deployments.length === 0 ? [`${route.id}: no deployment publishes API ${apiId} to a stage`] : [];
    return { integration: route.id, deployedAs: 'OpenAPI operation', api, deployments, problems };
  }
  return undefined;
}

/** Where each integration of a final (fully transformed) template is deployed, and any problem with it. */
export function integrationDeployments(template: Template, routes: readonly IntegrationRoute[]): IntegrationDeployment[] {
  const resources = resourcesOf(template);
  return routes.map((route) => {
    const method = `${route.id}Method`;
    if (resources.get(method)?.Type === 'AWS::ApiGateway::Method') return methodResourceDeployment(resources, route.id, method);
    return (
      bodyOperationDeployment(resources, route) ?? {
        integration: route.id,
        deployedAs: 'missing',
        deployments: [],
        problems: [`${route.id}: neither a ${method} resource nor an operation ${route.method} ${route.path} in a REST API Body`],
      }
    );
  });
}

/** Every AWS::ApiGateway::Method resource of a template, checked as above (for methods not made by the macro). */
export function methodResourceDeployments(template: Template): IntegrationDeployment[] {
  const resources = resourcesOf(template);
  return [...resources].filter(([, r]) => r.Type === 'AWS::ApiGateway::Method').map(([id]) => methodResourceDeployment(resources, id, id));
}
