/**
 * Property-based fuzzing of the macro handler: random events, random integrations built from
 * plausible and hostile property values, and the extremes — thousands of integrations, deeply
 * nested and huge values. The handler must keep the macro contract (see macro-contract.ts).
 */
import fc from 'fast-check';
import { generateTemplate, type IntegrationKind, integrationKinds } from '../../bench/generate-template';
import { handleMacroEvent } from '../../macro/handler';
import { services } from '../../macro/services';
import type { ServiceDefinition } from '../../macro/services/types';
import type { Json, JsonObject } from '../../macro/types';
import { deeplyNested, hostileJson, intrinsicOf, nastyString } from './arbitraries';
import { casesChecked, checkMacroContract } from './macro-contract';
import { runsFor, SEED } from './runs';

const SERVICES = Object.keys(services);
const ACTIONS = Object.values(services).flatMap((s) => Object.keys(s.actions));
const PARAMETER_NAMES = [
  ...new Set(Object.values(services).flatMap((s) => Object.values(s.actions).flatMap((a) => Object.keys(a.parameters)))),
];

/** A macro event as Lambda delivers it: parsed JSON (fast-check may build null-prototype objects). */
function eventOf(fragment: Json, extra: JsonObject = {}): JsonObject {
  return JSON.parse(
    JSON.stringify({
      requestId: 'fuzz',
      region: 'us-east-1',
      accountId: '123456789012',
      transformId: '123456789012::ServiceProxy',
      params: {},
      templateParameterValues: {},
      ...extra,
      fragment,
    }),
  ) as JsonObject;
}

/** Usually plausible, sometimes hostile: most cases get deep into the pipeline, some break it early. */
function mostly<T extends Json>(plausible: fc.Arbitrary<T>): fc.Arbitrary<Json> {
  return fc.oneof({ weight: 6, arbitrary: plausible as fc.Arbitrary<Json> }, { weight: 1, arbitrary: hostileJson });
}

const segment = fc.oneof(
  fc.constantFrom(
    'orders',
    'v1',
    'my-orders',
    'Orders',
    'a.b',
    '~x',
    '{id}',
    '{tenant}',
    '{proxy+}',
    '{id+}',
    'ü',
    '😀',
    '',
    '{}',
    '{a b}',
    '%20',
  ),
  fc.string({ unit: fc.constantFrom(...'abcXYZ09._~-{}+ '.split('')), minLength: 1, maxLength: 6 }),
);
const apiPath = fc.array(segment, { minLength: 0, maxLength: 5 }).map((s) => `/${s.join('/')}`);

const selector = fc.constantFrom(
  '$request.body',
  '$request.body.a.b[0]',
  "$request.body['x y']",
  '$request.header.X-Id',
  '$request.querystring.q',
  '$request.path.id',
  '$request.path.tenant',
  '$context.requestId',
  '$context.identity.sourceIp',
  '$stageVariables.name',
  '$request.',
  '$request.body.',
  '$request.header.a b',
  '$foo',
);

const parameterValue: fc.Arbitrary<Json> = fc.oneof(
  selector,
  nastyString,
  fc.integer({ min: -5, max: 1_000 }),
  intrinsicOf(fc.constantFrom<Json>('x', 1)),
  fc.dictionary(
    fc.oneof(fc.constantFrom('tenant', 'source', 'AWS.x', 'a..b', '.a'), nastyString),
    fc.oneof(
      selector,
      nastyString,
      fc.record({ DataType: fc.constantFrom('String', 'Number', 'Number.int', 'Binary', 'x'), Value: fc.oneof(selector, nastyString) }),
    ),
    { maxKeys: 3 },
  ) as fc.Arbitrary<Json>,
);

const integrationProperties: fc.Arbitrary<Json> = fc.record(
  {
    Path: mostly(apiPath),
    Method: mostly(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY', 'post', 'TRACE')),
    Service: mostly(fc.constantFrom(...SERVICES, 'sqss', 'SQS')),
    Action: mostly(fc.constantFrom(...ACTIONS, 'Publsh')),
    Target: mostly(
      fc.constantFrom<Json>(
        { 'Fn::GetAtt': ['Orders', 'Arn'] },
        { Ref: 'Orders' },
        { Ref: 'Topic' },
        { 'Fn::GetAtt': ['Orders', 'QueueName'] },
        { 'Fn::ImportValue': 'shared-arn' },
        { Ref: 'TargetArn' },
        'arn:aws:sqs:us-east-1:123456789012:orders',
        'arn:aws:sns:us-east-1:123456789012:topic',
        'arn:aws-cn:sqs:cn-north-1:123456789012:orders.fifo',
        'https://sqs.us-east-1.amazonaws.com/123456789012/orders',
        'arn:aws:sqs:us-east-1:123456789012:a/b',
      ),
    ),
    Parameters: fc.oneof(
      fc.dictionary(fc.oneof(fc.constantFrom(...PARAMETER_NAMES), nastyString), parameterValue, { maxKeys: 4 }) as fc.Arbitrary<Json>,
      hostileJson,
    ),
    RequestTemplate: fc.oneof(
      nastyString,
      fc.dictionary(fc.constantFrom('application/json', 'text/plain', 'bad type', 'APPLICATION/JSON'), nastyString, {
        maxKeys: 2,
      }) as fc.Arbitrary<Json>,
      hostileJson,
    ),
    Role: fc.oneof(fc.constantFrom<Json>('arn:aws:iam::123456789012:role/r', { 'Fn::GetAtt': ['Role', 'Arn'] }, 'not-a-role'), hostileJson),
    RestApiId: fc.oneof(fc.constantFrom<Json>({ Ref: 'Api' }, { Ref: 'Orders' }, 'abc123', { 'Fn::ImportValue': 'api-id' }), hostileJson),
    RootResourceId: fc.oneof(fc.constantFrom<Json>({ 'Fn::GetAtt': ['Api', 'RootResourceId'] }, 'root1'), hostileJson),
  },
  { requiredKeys: ['Path', 'Method', 'Service', 'Action', 'Target'] },
);

const integration: fc.Arbitrary<Json> = fc.record(
  {
    Type: fc.constant('Proxy::ServiceIntegration'),
    Properties: mostly(integrationProperties as fc.Arbitrary<JsonObject>),
    Condition: mostly(fc.constantFrom('AuditEnabled', 'Missing')),
    DependsOn: mostly(fc.constantFrom<Json>('Orders', ['Orders', 'Topic'], 'Missing', 'Other0')),
    Metadata: hostileJson,
    DeletionPolicy: fc.constant('Retain'),
  },
  { requiredKeys: ['Type', 'Properties'] },
) as fc.Arbitrary<Json>;

const fragment: fc.Arbitrary<Json> = fc
  .tuple(
    fc.array(integration, { minLength: 1, maxLength: 6 }),
    fc.array(fc.oneof(nastyString, fc.constantFrom('Orders', 'Other0')), { maxLength: 6 }),
    fc.array(hostileJson, { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([integrations, ids, others, withOutputs]) => {
    const resources: JsonObject = {
      Orders: { Type: 'AWS::SQS::Queue' },
      Topic: { Type: 'AWS::SNS::Topic' },
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
      Role: { Type: 'AWS::IAM::Role' },
    };
    others.forEach((value, i) => {
      resources[`Other${i}`] = { Type: 'Custom::Thing', Properties: { Value: value }, DependsOn: i === 0 ? 'Integration0' : [] };
    });
    integrations.forEach((value, i) => {
      resources[(ids[i] ?? `Integration${i}`) || `Integration${i}`] = value;
    });
    const template: JsonObject = {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { TargetArn: { Type: 'String' } },
      Conditions: { AuditEnabled: { 'Fn::Equals': ['a', 'b'] } },
      Resources: resources,
    };
    if (withOutputs) template.Outputs = { Out: { Value: { Ref: 'Orders' } } };
    return template;
  });

const context = fc.record({
  params: fc.oneof(
    fc.constant<JsonObject>({}),
    fc.record({ StageName: mostly(fc.constantFrom('prod', 'v1', 'bad name')) }) as fc.Arbitrary<JsonObject>,
    hostileJson,
  ),
  templateParameterValues: fc.oneof(
    fc.constant<Json>({ TargetArn: 'arn:aws:sqs:us-east-1:123456789012:q' }),
    fc.constant<Json>({ TargetArn: 'not-an-arn' }),
    hostileJson,
  ),
});

describe('robustness: property-based fuzzing of the macro handler', () => {
  afterAll(() => {
    process.stdout.write(`robustness: ${casesChecked()} generated events checked\n`);
  });

  it('keeps the contract for events of any shape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileJson,
          fc.record(
            { requestId: hostileJson, fragment: hostileJson, params: hostileJson, templateParameterValues: hostileJson },
            { requiredKeys: [] },
          ) as fc.Arbitrary<Json>,
        ),
        (event) => {
          checkMacroContract(JSON.parse(JSON.stringify(event)));
        },
      ),
      { numRuns: runsFor(0.3), seed: SEED + 2 },
    );
  }, 600_000);

  it('keeps the contract for templates of random integrations, plausible and hostile', () => {
    fc.assert(
      fc.property(fragment, context, (f, c) => {
        checkMacroContract(eventOf(f, c as JsonObject));
      }),
      { numRuns: runsFor(0.35), seed: SEED + 3 },
    );
  }, 600_000);

  it('expands most plausible random templates (the fuzzing reaches the emitters, not just validation)', () => {
    const kinds = integrationKinds();
    let successes = 0;
    const runs = runsFor(0.03);
    const plausible = fc.record({
      kind: fc.nat({ max: kinds.length - 1 }),
      path: fc.array(fc.constantFrom('orders', 'v1', 'my-orders', 'a.b', '{id}', '{tenant}'), { maxLength: 4 }),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'),
      seed: fc.nat(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(plausible, { minLength: 1, maxLength: 4, selector: (p) => `${p.method} ${p.path.join('/')}` }), (all) => {
        const resources: JsonObject = {};
        all.forEach((p, i) => {
          const kind = kinds[p.kind] as IntegrationKind;
          const target = `T${i}`;
          resources[target] = { Type: (services[kind.service] as ServiceDefinition).target.resourceType };
          // Unique parameter names per path: /{id}/{id} is not a path.
          const segments = p.path.filter((s, j) => !s.startsWith('{') || p.path.indexOf(s) === j);
          resources[`I${i}`] = {
            Type: 'Proxy::ServiceIntegration',
            Properties: { ...kind.properties(target, p.seed), Path: `/${segments.join('/')}`, Method: p.method },
          };
        });
        if (checkMacroContract(eventOf({ Resources: resources })).status === 'success') successes++;
      }),
      { numRuns: runs, seed: SEED + 4 },
    );
    // Sibling {id} and {tenant} under one parent are rejected by design; most cases still expand.
    expect(successes).toBeGreaterThan(runs / 3);
  });

  it('fails a template of 2,000 integrations cleanly, over the resource limit, with the input fragment', () => {
    const template = generateTemplate(2_000);
    const started = performance.now();
    const response = checkMacroContract(eventOf(template));
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/\[PSI200\]/);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 600_000);

  it('expands 150 generated integrations of mixed services within the contract', () => {
    const response = checkMacroContract(eventOf(generateTemplate(150), { templateParameterValues: { Environment: 'dev' } }));
    expect(response.status).toBe('success');
  });

  it.each([
    { where: 'a resource that is not ours', depth: 2_000, inObjects: true },
    { where: 'a resource that is not ours', depth: 2_000, inObjects: false },
    { where: 'the Metadata of an integration', depth: 2_000, inObjects: true },
    { where: 'a parameter value of an integration', depth: 2_000, inObjects: false },
    { where: 'an output', depth: 2_000, inObjects: true },
  ])('keeps the contract with values nested $depth deep in $where (objects: $inObjects)', ({ where, depth, inObjects }) => {
    const deep = deeplyNested(depth, inObjects);
    const integrationResource: JsonObject = {
      Type: 'Proxy::ServiceIntegration',
      Properties: { Path: '/orders', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
    };
    const template: JsonObject = { Resources: { Orders: { Type: 'AWS::SQS::Queue' }, Submit: integrationResource } };
    if (where === 'a resource that is not ours')
      (template.Resources as JsonObject).Deep = { Type: 'Custom::Deep', Properties: { Value: deep } };
    if (where === 'the Metadata of an integration') integrationResource.Metadata = deep;
    if (where === 'a parameter value of an integration') (integrationResource.Properties as JsonObject).Parameters = { MessageBody: deep };
    if (where === 'an output') template.Outputs = { Deep: { Value: deep } };
    checkMacroContract(eventOf(template));
  });

  it.each([
    { what: 'a 5 MB literal MessageBody', properties: { Parameters: { MessageBody: 'x'.repeat(5_000_000) } } },
    { what: 'a 2 MB RequestTemplate', properties: { RequestTemplate: '#set($a = 1)'.repeat(170_000) } },
    // Regression: a path this long made the emitters build every prefix (quadratic) until the heap ran out.
    { what: 'a 100,000-segment path', properties: { Path: `/${Array.from({ length: 100_000 }, (_, i) => `s${i}`).join('/')}` } },
    { what: 'a 1,500-segment path', properties: { Path: `/${Array.from({ length: 1_500 }, () => 'a').join('/')}` } },
    {
      what: '10,000 message attributes',
      properties: {
        Parameters: { MessageAttributes: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`a${i}`, '$request.body'])) },
      },
    },
  ] as { what: string; properties: JsonObject }[])('keeps the contract with huge values: $what', ({ properties }) => {
    const template: JsonObject = {
      Resources: {
        Orders: { Type: 'AWS::SQS::Queue' },
        Submit: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            Path: '/orders',
            Method: 'POST',
            Service: 'sqs',
            Action: 'SendMessage',
            Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
            ...properties,
          },
        },
      },
    };
    checkMacroContract(eventOf(template));
  });

  it('keeps the contract with unicode and control characters in logical IDs, paths and names', () => {
    fc.assert(
      fc.property(nastyString, nastyString, (id, name) => {
        const template: JsonObject = {
          Resources: {
            [id || 'x']: {
              Type: 'Proxy::ServiceIntegration',
              Properties: {
                Path: `/${name}`,
                Method: 'POST',
                Service: 'sqs',
                Action: 'SendMessage',
                Target: { 'Fn::GetAtt': ['Orders', 'Arn'] },
                Parameters: { MessageAttributes: { [name]: name } },
              },
            },
            Orders: { Type: 'AWS::SQS::Queue' },
          },
        };
        checkMacroContract(eventOf(template));
      }),
      { numRuns: runsFor(0.07), seed: SEED + 5 },
    );
  });

  it('returns a response, never throws, for a hostile event through the async Lambda entry point too', async () => {
    const { handler } = await import('../../macro/handler');
    await expect(handler(undefined)).resolves.toMatchObject({ status: 'failure' });
    expect(handleMacroEvent(null).status).toBe('failure');
  });
});
