import { shortHash } from '../cloudformation/hash';
import { concat, ref } from '../cloudformation/intrinsics';
import { deploymentGateId, deploymentId, stageId, urlOutputId } from '../logical-ids';
import type { Expr, Json, JsonObject } from '../types';
import type { ApiHandle } from './api-handle';
import { withCondition } from './proxy-api';

/** A method the deployment must wait for, with the condition under which it exists. */
export interface DeployedMethod {
  logicalId: string;
  condition?: string;
}

/** What a Proxy::Api adds to its deployment: stage settings, and the condition the whole API exists under. */
export interface StageOptions {
  /** Stage properties besides RestApiId, DeploymentId and StageName. */
  stage?: JsonObject;
  condition?: string;
}

/** What one API's deployment adds: resources and outputs. */
export interface DeploymentResources {
  resources: JsonObject;
  outputs: JsonObject;
}

/**
 * A Deployment whose logical ID carries a hash of the API's content — any change to any method
 * creates a new deployment, which is the only way CloudFormation redeploys a REST API — plus the
 * Stage pointing at it and an Output with the invoke URL.
 *
 * The deployment must wait for every method. A conditional method cannot be named in an
 * unconditional DependsOn, so it is reached through a gate (a WaitConditionHandle that refers to
 * the method only when its condition holds).
 */
export function emitDeployment(
  api: ApiHandle,
  methods: readonly DeployedMethod[],
  apiContent: JsonObject,
  stageName: Expr,
  options: StageOptions = {},
): DeploymentResources {
  const resources: JsonObject = {};
  const dependsOn: string[] = [];
  for (const method of methods) {
    // A method that exists exactly when the deployment does is waited for directly.
    if (method.condition === undefined || method.condition === options.condition) {
      dependsOn.push(method.logicalId);
      continue;
    }
    const gate = deploymentGateId(method.logicalId);
    resources[gate] = {
      Type: 'AWS::CloudFormation::WaitConditionHandle',
      Metadata: { Method: { 'Fn::If': [method.condition, ref(method.logicalId), ''] } as Json },
    };
    dependsOn.push(gate);
  }
  const contentHash = shortHash(JSON.stringify({ stageName, apiContent }));
  const deployment = deploymentId(api.prefix, contentHash);
  const deploymentResource: JsonObject = { Type: 'AWS::ApiGateway::Deployment' };
  if (dependsOn.length > 0) deploymentResource.DependsOn = dependsOn;
  deploymentResource.Properties = { RestApiId: api.restApiId as Json, Description: `ServiceProxy deployment ${contentHash}` };
  resources[deployment] = deploymentResource;
  const stage = stageId(api.prefix);
  resources[stage] = {
    Type: 'AWS::ApiGateway::Stage',
    Properties: { RestApiId: api.restApiId as Json, DeploymentId: ref(deployment), StageName: stageName as Json, ...options.stage },
  };
  const url: Expr = concat(['https://', api.restApiId, '.execute-api.', ref('AWS::Region'), '.', ref('AWS::URLSuffix'), '/', ref(stage)]);
  const stageText = typeof stageName === 'string' ? stageName : 'from the template';
  const output: JsonObject = { Description: `Invoke URL of the ${api.prefix} API (stage ${stageText})`, Value: url as Json };
  if (options.condition !== undefined) {
    for (const [id, resource] of Object.entries(resources)) resources[id] = withCondition(resource as JsonObject, options.condition);
    output.Condition = options.condition;
  }
  return { resources, outputs: { [urlOutputId(api.prefix)]: output } };
}
