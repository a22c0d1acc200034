import { expandFile } from '../../cli/expand-file';
import { ESTIMATED_ARN_CHARS, estimatePolicyChars, ROLE_POLICY_QUOTA_CHARS } from '../../macro/emit/iam';
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';
import { samplePath } from '../helpers/samples';

type Resource = { Type: string; Properties: Record<string, any> };

/** A template with `count` SQS integrations on distinct paths, each to its own queue given by literal ARN. */
function distinctQueues(count: number, cors: boolean): JsonObject {
  const resources: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    resources[`Send${i}`] = {
      Type: 'Proxy::ServiceIntegration',
      Properties: {
        Path: `/q${i}`,
        Method: 'POST',
        Service: 'sqs',
        Action: 'SendMessage',
        Target: `arn:aws:sqs:us-east-1:123456789012:queue-with-a-long-descriptive-name-${i}`,
        Cors: cors,
      },
    };
  }
  return { Resources: resources } as JsonObject;
}

function expand(template: JsonObject): Record<string, Resource> {
  const result = transformTemplate(template, { params: {}, templateParameterValues: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.slice(0, 3)));
  return result.template.Resources as Record<string, Resource>;
}

function byType(resources: Record<string, Resource>, type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

describe('sizing: the expansion stays within CloudFormation and IAM limits', () => {
  it("fits 150 integrations on distinct paths, all with CORS, in one stack with the user's own resources", () => {
    const result = expandFile(samplePath('sizing-150-cors'));
    if (!result.ok) throw new Error('sizing sample did not expand');
    const resources = result.template.Resources as Record<string, Resource>;
    expect(Object.keys(resources).length).toBeLessThanOrEqual(500);
    // Per integration: its path resource, its method and its path's preflight; the rest is shared.
    expect(byType(resources, 'AWS::ApiGateway::Method')).toHaveLength(300);
    expect(byType(resources, 'AWS::ApiGateway::Resource')).toHaveLength(150);
    expect(byType(resources, 'AWS::IAM::Role')).toHaveLength(1);
  });

  it.each([
    { cors: false, perIntegration: 2 },
    { cors: true, perIntegration: 3 },
  ])(
    'costs $perIntegration resources per integration on its own path (CORS: $cors), plus a fixed few per API',
    ({ cors, perIntegration }) => {
      const small = Object.keys(expand(distinctQueues(10, cors))).length;
      const large = Object.keys(expand(distinctQueues(20, cors))).length;
      expect((large - small) / 10).toBe(perIntegration);
    },
  );

  it("splits the integration role deterministically when its policy would outgrow IAM's quota, keeping least privilege", () => {
    // Arrange: 150 distinct queues need about 150 long ARNs in one policy.
    const template = distinctQueues(150, false);
    // Act
    const resources = expand(template);
    const again = expand(template);
    // Assert
    const roles = byType(resources, 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(1);
    expect(roles.map(([id]) => id)).toEqual(['ServiceProxyApiRole', ...roles.slice(1).map((_, i) => `ServiceProxyApiRole${i + 2}`)]);
    for (const [, role] of roles) {
      expect(estimatePolicyChars(role.Properties.Policies)).toBeLessThanOrEqual(ROLE_POLICY_QUOTA_CHARS);
    }
    expect(JSON.stringify(again)).toBe(JSON.stringify(resources));
    // Every method's role grants exactly its own queue (among others in that role), never '*'.
    for (let i = 0; i < 150; i++) {
      const method = resources[`Send${i}Method`] as Resource;
      const roleIdOfMethod = method.Properties.Integration.Credentials['Fn::GetAtt'][0] as string;
      const statements = (resources[roleIdOfMethod] as Resource).Properties.Policies[0].PolicyDocument.Statement as { Resource: unknown }[];
      expect(JSON.stringify(statements)).toContain(`queue-with-a-long-descriptive-name-${i}"`);
      expect(JSON.stringify(statements)).not.toContain('"*"');
    }
  });

  it('counts a deploy-time ARN at its estimated length, so a split never relies on short resolved names', () => {
    expect(estimatePolicyChars({ Resource: { 'Fn::GetAtt': ['Queue', 'Arn'] } })).toBe(
      JSON.stringify({ Resource: '' }).length + ESTIMATED_ARN_CHARS,
    );
  });
});
