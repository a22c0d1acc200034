import type { IntegrationPlan } from '../plan/plan';
import type { Expr, Json, JsonObject } from '../types';
import { getAtt, ref } from './intrinsics';
import { roleId } from './logical-ids';

/**
 * The roles API Gateway assumes to call the services: one per API (one more per Condition, so a
 * conditional integration's grant exists exactly when its method does). Each statement allows one
 * set of actions on exactly the resources integrated with those actions — never `*`, except for
 * actions AWS offers no resource-level permissions for (the definition says so) or a user's own Policy.
 */
export function emitRoles(prefix: string, plans: readonly IntegrationPlan[]): { resources: JsonObject; credentialsOf: (plan: IntegrationPlan) => Expr } {
  const groups = new Map<string | undefined, IntegrationPlan[]>();
  for (const plan of plans) {
    if (plan.credentials.kind !== 'generated') continue;
    const group = groups.get(plan.condition) ?? [];
    group.push(plan);
    groups.set(plan.condition, group);
  }
  const resources: JsonObject = {};
  for (const [condition, group] of groups) {
    const role: JsonObject = { Type: 'AWS::IAM::Role' };
    if (condition !== undefined) role.Condition = condition;
    role.Properties = {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'apigateway.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Only API Gateway acting for this account may assume the role (confused-deputy guard).
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
      Policies: [{ PolicyName: 'ServiceProxyIntegrations', PolicyDocument: { Version: '2012-10-17', Statement: statementsFor(group) } }],
    };
    resources[roleId(prefix, condition)] = role;
  }
  return {
    resources,
    credentialsOf: (plan) => (plan.credentials.kind === 'given' ? plan.credentials.role : getAtt(roleId(prefix, plan.condition), 'Arn')),
  };
}

function statementsFor(plans: readonly IntegrationPlan[]): Json[] {
  const byActions = new Map<string, { actions: string[]; resources: Json[]; seen: Set<string> }>();
  for (const plan of plans) {
    if (plan.credentials.kind !== 'generated') continue;
    for (const statement of plan.credentials.statements) {
      const actions = [...statement.actions].sort();
      const key = actions.join(',');
      const entry = byActions.get(key) ?? { actions, resources: [], seen: new Set<string>() };
      const resourceKey = JSON.stringify(statement.resource);
      if (!entry.seen.has(resourceKey)) {
        entry.seen.add(resourceKey);
        entry.resources.push(statement.resource as Json);
      }
      byActions.set(key, entry);
    }
  }
  return [...byActions.values()].map(({ actions, resources }) => ({
    Effect: 'Allow',
    Action: actions.length === 1 ? (actions[0] as string) : actions,
    Resource: resources.length === 1 ? (resources[0] as Json) : resources,
  }));
}
