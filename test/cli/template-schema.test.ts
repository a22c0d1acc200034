import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { type CollectionTag, parseDocument, type ScalarTag } from 'yaml';
import { templateSchema } from '../../cli/template-schema';
import { parseCfnYaml } from '../../cli/yaml-cfn';
import { sampleNames, samplePath } from '../helpers/samples';

/** The short-form tags of CloudFormation, as the README's `yaml.customTags` lists them. */
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
});
