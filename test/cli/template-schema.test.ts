import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { type CollectionTag, parseDocument, type ScalarTag } from 'yaml';
import { templateSchema } from '../../cli/template-schema';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { sampleNames, samplePath } from '../helpers/samples';

/** The short-form tags of CloudFormation, as docs/cli.md's `yaml.customTags` lists them. */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
];

/**
 * Parses YAML as the YAML language server does with `yaml.customTags`: a tagged node resolves to
 * the node under the tag, unchanged (its CommonTagImpl.resolve), so `!Ref X` is the string "X".
 */
function parseAsLanguageServer(text: string): unknown {
  const tags = SHORT_FORMS.flatMap((name): (ScalarTag | CollectionTag)[] => [
    { tag: `!${name}`, resolve: (value: string) => value } as ScalarTag,
    { tag: `!${name}`, collection: 'seq', resolve: (value: unknown) => value } as unknown as CollectionTag,
    { tag: `!${name}`, collection: 'map', resolve: (value: unknown) => value } as unknown as CollectionTag,
  ]);
  const doc = parseDocument(text, { customTags: tags });
  if (doc.errors.length > 0 || doc.warnings.length > 0) throw new Error([...doc.errors, ...doc.warnings].map((e) => e.message).join('\n'));
  return doc.toJS();
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(templateSchema());
const errorsOf = (template: unknown) => (validate(template) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
/** Where the schema finds problems: the instance paths of its errors, each once (not the resource-wide "must match then"). */
const placesOf = (template: unknown) =>
  validate(template) ? [] : [...new Set((validate.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => e.instancePath))].sort();

type ParsedTemplate = { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> };

/** The valid samples that declare a Proxy::Api, with the logical IDs of their APIs. */
const proxyApiSamples = sampleNames()
  .valid.map((name) => {
    const template = parseAsLanguageServer(readFileSync(samplePath(name), 'utf8')) as ParsedTemplate;
    const apis = Object.entries(template.Resources ?? {})
      .filter(([, r]) => r.Type === 'Proxy::Api')
      .map(([id]) => id);
    return { name, template, apis };
  })
  .filter((s) => s.apis.length > 0);

/** A template with one Proxy::Api whose properties are given as YAML lines. */
function proxyApiTemplate(lines: readonly string[]): unknown {
  const body = lines.map((line) => `      ${line}\n`).join('');
  return parseAsLanguageServer(`Resources:\n  Api:\n    Type: Proxy::Api\n    Properties:\n${body}`);
}

describe('the template schema for editors (service-proxy schema --template)', () => {
  it.each(sampleNames().valid)('accepts %s as the YAML language server sees it (short-form tags as plain values)', (name) => {
    expect(errorsOf(parseAsLanguageServer(readFileSync(samplePath(name), 'utf8')))).toEqual([]);
  });

  it.each(sampleNames().valid)('accepts %s in long form (!Ref as {"Ref": ...})', (name) => {
    expect(errorsOf(parseCfnYaml(readFileSync(samplePath(name), 'utf8')).value)).toEqual([]);
  });

  it.each([
    { key: 'Path', value: '!Ref IngestPath' },
    { key: 'Path', value: "!Sub '/${Stage}/orders'" },
    { key: 'Method', value: '!Ref HttpMethod' },
    { key: 'Target', value: '!GetAtt [Orders, Arn]' },
    { key: 'Auth', value: '{ Type: COGNITO_USER_POOLS, UserPoolArn: !GetAtt Users.Arn }' },
    { key: 'Auth', value: '{ Type: COGNITO_USER_POOLS, UserPoolArn: !ImportValue shared-user-pool-arn }' },
    {
      key: 'Auth',
      value: "{ Type: TOKEN, FunctionArn: !If [IsProd, !GetAtt Authorizer.Arn, 'arn:aws:lambda:us-east-1:123456789012:function:dev'] }",
    },
    { key: 'Role', value: '!GetAtt ApiRole.Arn' },
  ])('accepts a short-form tag: $key: $value', ({ key, value }) => {
    const base: Record<string, string> = {
      Path: '/orders',
      Method: 'POST',
      Service: 'sqs',
      Action: 'SendMessage',
      Target: '!GetAtt Orders.Arn',
    };
    const properties = Object.entries({ ...base, [key]: value }).map(([k, v]) => `${k}: ${v}`);
    const text = `Resources:\n  P:\n    Type: Proxy::ServiceIntegration\n    Properties:\n${properties.map((line) => `      ${line}\n`).join('')}`;
    const template = parseAsLanguageServer(text) as { Resources: { P: { Properties: Record<string, unknown> } } };
    expect(template.Resources.P.Properties[key]).not.toEqual(expect.objectContaining({ Ref: expect.anything() }));
    expect(errorsOf(template)).toEqual([]);
  });

  it.each([
    { what: 'a misspelt property', properties: { Pth: '/a', Method: 'POST', Service: 'sqs', Action: 'SendMessage' } },
    {
      what: 'a path that is neither /... nor a name a tag could hold',
      properties: { Path: 'orders/{id}', Method: 'POST', Service: 'sqs', Action: 'SendMessage' },
    },
    { what: 'a method no tag could hold', properties: { Path: '/a', Method: 'FETCH ALL', Service: 'sqs', Action: 'SendMessage' } },
    {
      what: 'a user pool that is no ARN and no name',
      properties: {
        Path: '/a',
        Method: 'POST',
        Service: 'sqs',
        Action: 'SendMessage',
        Auth: { Type: 'COGNITO_USER_POOLS', UserPoolArn: 'my pool' },
      },
    },
  ])('still rejects $what', ({ properties }) => {
    expect(errorsOf({ Resources: { P: { Type: 'Proxy::ServiceIntegration', Properties: properties } } }).length).toBeGreaterThan(0);
  });

  describe('Proxy::Api resources', () => {
    it('covers the samples that declare one, in both Definitions', () => {
      expect(proxyApiSamples.map((s) => s.name)).toEqual(
        expect.arrayContaining(['openapi-mode', 'openapi-mode-280-routes', 'proxy-api-settings', 'sam-proxy-api']),
      );
    });

    it.each(proxyApiSamples.map((s) => s.name))('flags a misspelt property on every Proxy::Api of %s', (name) => {
      const { template, apis } = proxyApiSamples.find((s) => s.name === name) as (typeof proxyApiSamples)[number];
      const misspelt = structuredClone(template);
      for (const id of apis) {
        const api = misspelt.Resources[id] as { Properties?: Record<string, unknown> };
        api.Properties = { ...api.Properties, StageNmae: 'v1' };
      }
      expect(placesOf(template)).toEqual([]);
      expect(placesOf(misspelt)).toEqual(apis.map((id) => `/Resources/${id}/Properties`).sort());
    });

    it('flags the mistakes of samples/error-proxy-api.yaml a schema can see: the misspelt StageNmae and Definition: Openapi', () => {
      const template = parseAsLanguageServer(readFileSync(samplePath('error-proxy-api'), 'utf8'));
      expect(placesOf(template)).toEqual(['/Resources/TypoApi/Properties', '/Resources/TypoApi/Properties/Definition']);
      expect(errorsOf(template)).toContain('/Resources/TypoApi/Properties/Definition must be equal to one of the allowed values');
    });

    it.each([
      "Name: !Sub '${AWS::StackName}-orders'",
      'StageName: !Ref Stage',
      'TracingEnabled: !If [IsProduction, true, false]',
      '{ AccessLogSetting: { DestinationArn: !GetAtt AccessLogs.Arn } }',
      '{ Variables: { table: !Ref Orders } }',
      '{ Tags: [{ Key: team, Value: !Ref Team }] }',
      '{ EndpointConfiguration: { Types: [PRIVATE], VpcEndpointIds: [!Ref Endpoint] } }',
      '{ MethodSettings: [{ ThrottlingRateLimit: !Ref Rate, CachingEnabled: !Ref Caching }] }',
    ])('accepts a short-form tag: %s', (line) => {
      const template = line.startsWith('{')
        ? parseAsLanguageServer(`Resources:\n  Api:\n    Type: Proxy::Api\n    Properties: ${line}\n`)
        : proxyApiTemplate([line]);
      expect(errorsOf(template)).toEqual([]);
    });

    it('accepts a Proxy::Api without Properties (every default)', () => {
      expect(errorsOf({ Resources: { Api: { Type: 'Proxy::Api' } } })).toEqual([]);
    });

    it.each([
      { what: 'a Definition in the wrong case', lines: ['Definition: Openapi'], place: '/Resources/Api/Properties/Definition' },
      {
        what: 'a cache size API Gateway does not offer',
        lines: ['CacheClusterSize: 2'],
        place: '/Resources/Api/Properties/CacheClusterSize',
      },
      {
        what: 'a method setting for no method',
        lines: ['MethodSettings: [{ HttpMethod: FETCH }]'],
        place: '/Resources/Api/Properties/MethodSettings/0/HttpMethod',
      },
      { what: 'a stage name with a space', lines: ["StageName: 'my stage'"], place: '/Resources/Api/Properties/StageName' },
    ])('still rejects $what', ({ lines, place }) => {
      expect(placesOf(proxyApiTemplate(lines))).toContain(place);
    });
  });
});
