import { getAtt, ref } from '../cloudformation/intrinsics';
import { roleId } from '../logical-ids';
import type { IntegrationPlan } from '../plan/plan';
import type { Expr, Json, JsonObject } from '../types';

/**
 * IAM's quota on the inline policies of one role: 10,240 characters, whitespace excluded
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html, "Role policy size").
 */
export const ROLE_POLICY_QUOTA_CHARS = 10_240;

/**
 * What a role's policy may use by the macro's estimate. ARNs from Ref/GetAtt are only known at
 * deploy time, so each counts as a long ARN (ESTIMATED_ARN_CHARS); the rest of the quota is headroom.
 */
export const ROLE_POLICY_BUDGET_CHARS = 9_000;

/** The length assumed for an ARN known only at deploy time (partition, service, region, account, an 80-character name). */
export const ESTIMATED_ARN_CHARS = 160;

/** The policy's size as IAM counts it (no whitespace), with deploy-time values at their estimated length. */
export function estimatePolicyChars(policy: Json): number {
  return JSON.stringify(policy, (_key, value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'))
      ? 'x'.repeat(ESTIMATED_ARN_CHARS)
      : value,
  ).length;
}

/**
 * A running estimate of a role policy's size as integrations join it, counting only what each adds:
 * a resource already granted the same actions costs nothing, so many integrations on one queue
 * share one short statement (linear, where re-rendering the policy per integration is quadratic).
 */
class PolicySize {
  private chars = estimatePolicyChars(policyDocument([]));
  private readonly granted = new Map<string, Set<string>>();

  /** The estimate if the plan joined. */
  withPlan(plan: IntegrationPlan): number {
    return this.chars + this.cost(plan, false);
  }

  /** Lets the plan join. */
  add(plan: IntegrationPlan): void {
    this.chars += this.cost(plan, true);
  }

  private cost(plan: IntegrationPlan, record: boolean): number {
    if (plan.credentials.kind !== 'generated') return 0;
    let cost = 0;
    // What this plan itself adds, so a plan granting two resources under new actions is counted right.
    const added = new Map<string, Set<string>>();
    for (const statement of plan.credentials.statements) {
      const actions = [...statement.actions].sort();
      const key = actions.join(',');
      const resource = JSON.stringify(statement.resource);
      const existing = this.granted.get(key);
      const mine = added.get(key);
      if (existing?.has(resource) || mine?.has(resource)) continue;
      const resourceChars = estimatePolicyChars(statement.resource as Json) + 1;
      cost +=
        existing === undefined && mine === undefined
          ? estimatePolicyChars({ Effect: 'Allow', Action: actions, Resource: [] }) + 1 + resourceChars
          : resourceChars;
      added.set(key, (mine ?? new Set<string>()).add(resource));
    }
    if (record) {
      for (const [key, resources] of added) {
        const set = this.granted.get(key) ?? new Set<string>();
        for (const r of resources) set.add(r);
        this.granted.set(key, set);
      }
    }
    return cost;
  }
}

function policyDocument(statements: Json[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements };
}

/**
 * The roles API Gateway assumes to call the services: one per API (one more per Condition, so a
 * conditional integration's grant exists exactly when its method does). Each statement allows one
 * set of actions on exactly the resources integrated with those actions — never `*`, except for
 * actions AWS offers no resource-level permissions for (the definition says so) or a user's own Policy.
 *
 * A role whose policy would outgrow IAM's quota is split: integrations fill `<Api>Role`, then
 * `<Api>Role2`, `<Api>Role3`... in template order, so the same template always gives the same roles
 * and small APIs keep the single role they always had.
 */
export function emitRoles(
  prefix: string,
  plans: readonly IntegrationPlan[],
): { resources: JsonObject; credentialsOf: (plan: IntegrationPlan) => Expr } {
  const groups = new Map<string | undefined, IntegrationPlan[]>();
  for (const plan of plans) {
    if (plan.credentials.kind !== 'generated') continue;
    const group = groups.get(plan.condition) ?? [];
    group.push(plan);
    groups.set(plan.condition, group);
  }
  const resources: JsonObject = {};
  const roleOf = new Map<string, string>();
  for (const [condition, group] of groups) {
    const chunks: IntegrationPlan[][] = [];
    let size = new PolicySize();
    for (const plan of group) {
      const current = chunks[chunks.length - 1];
      if (current !== undefined && size.withPlan(plan) <= ROLE_POLICY_BUDGET_CHARS) {
        size.add(plan);
        current.push(plan);
      } else {
        size = new PolicySize();
        size.add(plan);
        chunks.push([plan]);
      }
    }
    chunks.forEach((chunk, index) => {
      const id = roleId(prefix, condition, index + 1);
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
              // Confused-deputy guard, as far as AWS documents one for integration roles: API Gateway's
              // docs show this trust policy without conditions and say nothing of aws:SourceArn or
              // aws:SourceAccount being sent when it assumes the role, and IAM fails a condition on a key
              // the request lacks. IfExists keeps a request from another account out without breaking
              // every call if the key is absent (reported for aws:SourceAccount). Attaching the role to an
              // API needs iam:PassRole on it, which never crosses accounts. See docs/security.md.
              Condition: { StringEqualsIfExists: { 'aws:SourceAccount': ref('AWS::AccountId') } },
            },
          ],
        },
        Policies: [{ PolicyName: 'ServiceProxyIntegrations', PolicyDocument: policyDocument(statementsFor(chunk)) }],
      };
      const notes = notesFor(chunk);
      if (notes.length > 0) role.Metadata = { ServiceProxy: { IamNotes: notes } };
      resources[id] = role;
      for (const plan of chunk) roleOf.set(plan.logicalId, id);
    });
  }
  return {
    resources,
    credentialsOf: (plan) =>
      plan.credentials.kind === 'given' ? plan.credentials.role : getAtt(roleOf.get(plan.logicalId) as string, 'Arn'),
  };
}

/** Why some grants are wider than one resource (actions AWS cannot scope), once each, sorted. */
function notesFor(plans: readonly IntegrationPlan[]): string[] {
  const notes = new Set<string>();
  for (const plan of plans) {
    if (plan.credentials.kind !== 'generated') continue;
    for (const statement of plan.credentials.statements) if (statement.note !== undefined) notes.add(statement.note);
  }
  return [...notes].sort();
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
