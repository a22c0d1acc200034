import { expandFile } from '../../cli/expand-file';
import { ESTIMATED_ARN_CHARS, estimatePolicyChars, ROLE_POLICY_QUOTA_CHARS } from '../../macro/emit/iam';
import { API_GATEWAY_LIMITS, CLOUDFORMATION_LIMITS } from '../../macro/limits';
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';
import { samplePath } from '../helpers/samples';

type Resource = { Type: string; Properties: Record<string, any> };

/** The most the sizing sample's expansion may weigh as compact JSON (CloudFormation allows 1,000,000 bytes). */
const TEMPLATE_BYTES_BOUND = 640_000;

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
  describe('samples/sizing-150-cors.yaml: 150 integrations on distinct paths, all with CORS, over 10 queues and 5 topics', () => {
    // Pinned by these counts, sizes and roles rather than by a 21,000-line golden that no review reads.
    const result = expandFile(samplePath('sizing-150-cors'));
    if (!result.ok) throw new Error(`sizing sample did not expand: ${JSON.stringify(result.diagnostics.slice(0, 3))}`);
    const template = result.template;
    const resources = template.Resources as Record<string, Resource>;
    const methods = byType(resources, 'AWS::ApiGateway::Method');

    it("fits in one stack with the user's own resources: 471 of CloudFormation's 500, each type counted", () => {
      const counts: Record<string, number> = {};
      for (const resource of Object.values(resources)) counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
      // Per integration: its path resource, its method and its path's preflight; the rest is shared.
      expect(counts).toEqual({
        'AWS::SQS::Queue': 10,
        'AWS::SNS::Topic': 5,
        'AWS::ApiGateway::RestApi': 1,
        'AWS::ApiGateway::Resource': 150,
        'AWS::ApiGateway::Method': 300,
        'AWS::ApiGateway::GatewayResponse': 2,
        'AWS::ApiGateway::Deployment': 1,
        'AWS::ApiGateway::Stage': 1,
        'AWS::IAM::Role': 1,
      });
      expect(Object.keys(resources)).toHaveLength(471);
      expect(Object.keys(template.Outputs as object)).toEqual(['ServiceProxyApiUrl']);
    });

    it("stays well under the template body quota, and every mapping template under API Gateway's", () => {
      const templateBytes = Buffer.byteLength(JSON.stringify(template), 'utf8');
      // About 578,000 bytes today; the bound leaves room to grow, and makes growth a decision.
      expect(templateBytes).toBeLessThanOrEqual(TEMPLATE_BYTES_BOUND);
      expect(TEMPLATE_BYTES_BOUND).toBeLessThan(CLOUDFORMATION_LIMITS.templateBodyBytes);
      for (const [, method] of methods) {
        const integration = method.Properties.Integration as { RequestTemplates?: object; IntegrationResponses?: object[] };
        for (const mappingTemplate of [integration.RequestTemplates, ...(integration.IntegrationResponses ?? [])]) {
          expect(Buffer.byteLength(JSON.stringify(mappingTemplate ?? {}), 'utf8')).toBeLessThan(API_GATEWAY_LIMITS.mappingTemplateBytes);
        }
      }
    });

    it("keeps one role within IAM's quota, granting each action on exactly the queues and topics integrated with it", () => {
      const roles = byType(resources, 'AWS::IAM::Role');
      expect(roles.map(([id]) => id)).toEqual(['ServiceProxyApiRole']);
      const [, role] = roles[0] as [string, Resource];
      expect(estimatePolicyChars(role.Properties.Policies)).toBeLessThanOrEqual(ROLE_POLICY_QUOTA_CHARS);
      const statements = role.Properties.Policies[0].PolicyDocument.Statement as { Action: string; Resource: object[] }[];
      const granted = statements.map((statement) => ({
        Action: statement.Action,
        Resource: statement.Resource.map((resource) => JSON.stringify(resource)).sort(),
      }));
      const arns = (count: number, arn: (n: number) => object) =>
        Array.from({ length: count }, (_, i) => JSON.stringify(arn(i + 1))).sort();
      expect(granted).toEqual([
        { Action: 'sqs:SendMessage', Resource: arns(10, (n) => ({ 'Fn::GetAtt': [`Queue${n}`, 'Arn'] })) },
        { Action: 'sns:Publish', Resource: arns(5, (n) => ({ Ref: `Topic${n}` })) },
      ]);
      // Every integration (not the preflights, which call no service) acts with that role.
      const integrations = methods.filter(([, method]) => method.Properties.HttpMethod === 'POST');
      expect(integrations).toHaveLength(150);
      for (const [, method] of integrations)
        expect(method.Properties.Integration.Credentials).toEqual({ 'Fn::GetAtt': ['ServiceProxyApiRole', 'Arn'] });
    });

    it('redeploys on any change: the one deployment depends on all 300 methods', () => {
      const deployments = byType(resources, 'AWS::ApiGateway::Deployment') as [string, Resource & { DependsOn: string[] }][];
      expect(deployments).toHaveLength(1);
      expect([...(deployments[0]?.[1].DependsOn ?? [])].sort()).toEqual(methods.map(([id]) => id).sort());
    });
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
