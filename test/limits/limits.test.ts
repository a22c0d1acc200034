/**
 * Limits as diagnostics: an expanded template over CloudFormation's or API Gateway's documented
 * limits fails at expansion, naming the numbers, the integrations that contribute most and the way
 * out — and a template just at a limit still expands.
 */
import { generateTemplate } from '../../bench/generate-template';
import { type Diagnostic, DiagnosticCode } from '../../macro/diagnostics';
import { API_GATEWAY_LIMITS, CLOUDFORMATION_LIMITS, RESOURCES_PER_API_QUOTA_PARAMETER } from '../../macro/limits';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

const TARGET = { 'Fn::GetAtt': ['Orders', 'Arn'] };

function integration(path: string, extra: JsonObject = {}): JsonObject {
  return {
    Type: 'Proxy::ServiceIntegration',
    Properties: { Path: path, Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: TARGET, ...extra },
  };
}

/** A template with one integration at /orders, plus whatever a case adds. */
function templateWith(
  add: { resources?: JsonObject; outputs?: JsonObject; parameters?: JsonObject; properties?: JsonObject } = {},
): JsonObject {
  const template: JsonObject = {
    Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Submit: integration('/orders', add.properties), ...add.resources },
  };
  if (add.outputs !== undefined) template.Outputs = add.outputs;
  if (add.parameters !== undefined) template.Parameters = add.parameters;
  return template;
}

/** `n` resources of the template's own. */
function ownResources(n: number): JsonObject {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`Queue${i}`, { Type: 'AWS::SQS::Queue' }]));
}

/** The resources one integration at /orders adds to the template: method, path, API, role, deployment, stage. */
const GENERATED_FOR_ONE = (() => {
  const result = transformTemplate(templateWith(), { params: {}, templateParameterValues: {} });
  if (!result.ok) throw new Error('the base template does not expand');
  return Object.keys(result.template.Resources as JsonObject).length - 1;
})();

function expand(template: JsonObject, params: Record<string, Json> = {}): { ok: true } | { ok: false; diagnostics: Diagnostic[] } {
  const result = transformTemplate(template, { params, templateParameterValues: { Environment: 'dev' } });
  return result.ok ? { ok: true } : { ok: false, diagnostics: result.diagnostics };
}

function deepPath(segments: number): string {
  return `/${Array.from({ length: segments }, (_, i) => `s${i}`).join('/')}`;
}

describe('limits: the figures are the documented ones', () => {
  it('uses the CloudFormation and API Gateway quotas as documented', () => {
    expect(CLOUDFORMATION_LIMITS).toEqual({ resources: 500, outputs: 200, parameters: 200, mappings: 200, templateBodyBytes: 1_000_000 });
    expect(API_GATEWAY_LIMITS).toEqual({ mappingTemplateBytes: 300_000, resourcesPerApi: 300 });
  });
});

describe('limits: at the limit expands, one over fails with the right code', () => {
  it.each([
    {
      limit: 'resources per template',
      code: DiagnosticCode.tooManyResources,
      at: () => templateWith({ resources: ownResources(CLOUDFORMATION_LIMITS.resources - 1 - GENERATED_FOR_ONE) }),
      over: () => templateWith({ resources: ownResources(CLOUDFORMATION_LIMITS.resources - GENERATED_FOR_ONE) }),
      says: [
        /has 501 resources; CloudFormation allows 500 per template/,
        /Your template declares 495; its 1 integration adds 6/,
        /Most come from Submit \(2\)/,
        /nested stacks/,
      ],
    },
    {
      limit: 'outputs per template',
      code: DiagnosticCode.tooManyOutputs,
      at: () => templateWith({ outputs: Object.fromEntries(Array.from({ length: 199 }, (_, i) => [`O${i}`, { Value: 'x' }])) }),
      over: () => templateWith({ outputs: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`O${i}`, { Value: 'x' }])) }),
      says: [/has 201 outputs; CloudFormation allows 200/, /the macro adds 1 \(the invoke URL of each API: ServiceProxyApiUrl\)/],
    },
    {
      limit: 'parameters per template',
      code: DiagnosticCode.tooManyParameters,
      at: () => templateWith({ parameters: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`P${i}`, { Type: 'String' }])) }),
      over: () => templateWith({ parameters: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`P${i}`, { Type: 'String' }])) }),
      says: [/has 201 parameters; CloudFormation allows 200/, /CommaDelimitedList/],
    },
    {
      limit: 'mapping template size',
      code: DiagnosticCode.mappingTemplateTooLarge,
      at: () => templateWith({ properties: { RequestTemplate: 'x'.repeat(API_GATEWAY_LIMITS.mappingTemplateBytes) } }),
      over: () => templateWith({ properties: { RequestTemplate: 'x'.repeat(API_GATEWAY_LIMITS.mappingTemplateBytes + 1) } }),
      says: [/request template for application\/json is 300,001 bytes; API Gateway allows 300,000/, /Shorten the RequestTemplate/],
    },
    {
      limit: 'resources per API (default quota)',
      code: DiagnosticCode.tooManyApiResources,
      // The root and one resource per segment: 299 segments make 300 resources.
      at: () => ({ Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Deep: integration(deepPath(299)) } }),
      over: () => ({ Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Deep: integration(deepPath(300)) } }),
      says: [
        /the API ServiceProxyApi would have 301 resources/,
        /quota is 300 resources per API by default \(adjustable/,
        /Deep \(300\)/,
        /ResourcesPerApiQuota/,
      ],
    },
  ])('$limit', ({ code, at, over, says }) => {
    expect(expand(at())).toEqual({ ok: true });
    const result = expand(over());
    if (result.ok) throw new Error('expected the template over the limit to fail');
    expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    for (const pattern of says) expect(result.diagnostics[0]?.message).toMatch(pattern);
  });

  it('template body size: a template over 1 MB of JSON fails, naming the integrations with the most bytes', () => {
    // 290 KB of literal parameters in each of four integrations: no single mapping template is over 300 KB,
    // and each integration's text is its own (text several integrations share is written once).
    const big = (n: number) =>
      integration(`/big${n}`, { Parameters: { MessageGroupId: `g${n}`.repeat(140_000), MessageDeduplicationId: 'd'.repeat(10_000) } });
    const template = {
      Resources: {
        Orders: { Type: 'AWS::SQS::Queue' },
        Big1: big(1),
        Big2: big(2),
        Big3: big(3),
        Big4: big(4),
        Small: integration('/small'),
      },
    };
    const result = expand(template);
    if (result.ok) throw new Error('expected a failure');
    expect(result.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.templateTooLarge]);
    const message = result.diagnostics[0]?.message ?? '';
    expect(message).toMatch(/the expanded template is [\d,]+ bytes of JSON; CloudFormation allows 1,000,000/);
    expect(message).toMatch(
      /the largest integrations are Big1 \([\d,]+ bytes\), Big2 \([\d,]+ bytes\), Big3 \([\d,]+ bytes\), Big4 \([\d,]+ bytes\), Small/,
    );
    expect(message).toMatch(/nested stacks/);
  });

  it('resources per API: a raised quota, declared as a Transform parameter, lets the template expand', () => {
    const template = { Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Deep: integration(deepPath(350)) } };
    expect(expand(template)).toMatchObject({ ok: false });
    expect(expand(template, { [RESOURCES_PER_API_QUOTA_PARAMETER]: 400 })).toEqual({ ok: true });
    expect(expand(template, { [RESOURCES_PER_API_QUOTA_PARAMETER]: '400' })).toEqual({ ok: true });
    const low = expand(template, { [RESOURCES_PER_API_QUOTA_PARAMETER]: 350 });
    if (low.ok) throw new Error('expected a failure');
    expect(low.diagnostics[0]?.message).toMatch(/quota is 350 resources per API \(Transform parameter ResourcesPerApiQuota\)/);
  });

  it.each([0, -1, 'lots', 1.5, null, { Ref: 'Quota' }])('resources per API: rejects the Transform parameter %p', (value) => {
    const result = expand(templateWith(), { [RESOURCES_PER_API_QUOTA_PARAMETER]: value as Json });
    if (result.ok) throw new Error('expected a failure');
    expect(result.diagnostics[0]).toMatchObject({
      code: DiagnosticCode.invalidTemplate,
      path: 'Transform.Parameters.ResourcesPerApiQuota',
    });
  });

  it("resources per API counts the template's own path resources of the same API", () => {
    const own = Object.fromEntries(
      Array.from({ length: 298 }, (_, i) => [
        `Path${i}`,
        {
          Type: 'AWS::ApiGateway::Resource',
          Properties: { RestApiId: { Ref: 'Api' }, ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] }, PathPart: `p${i}` },
        },
      ]),
    );
    const template = {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
        Orders: { Type: 'AWS::SQS::Queue' },
        ...own,
        Submit: integration('/orders/{id}', { RestApiId: { Ref: 'Api' } }),
      },
    };
    const result = expand(template);
    if (result.ok) throw new Error('expected a failure');
    expect(result.diagnostics.map((d) => d.code)).toEqual([DiagnosticCode.tooManyApiResources]);
    expect(result.diagnostics[0]?.message).toMatch(
      /the API Api would have 301 resources \(the root, 2 paths from integrations, 298 declared in the template\)/,
    );
  });
});

describe('limits: a realistic template too large for one stack', () => {
  it('reports every limit it breaks at once, with the integrations that contribute most', () => {
    const result = expand(generateTemplate(1_000));
    if (result.ok) throw new Error('expected a failure');
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toContain(DiagnosticCode.tooManyResources);
    expect(codes).toContain(DiagnosticCode.templateTooLarge);
    const resources = result.diagnostics.find((d) => d.code === DiagnosticCode.tooManyResources)?.message ?? '';
    expect(resources).toMatch(/its 1,000 integrations add/);
    expect(resources).toMatch(/Most come from Integration\d+ \(\d+\)/);
  });

  it('expands 150 generated integrations of mixed services (a deployable size)', () => {
    expect(expand(generateTemplate(150))).toEqual({ ok: true });
  });
});
