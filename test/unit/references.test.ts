import { handleMacroEvent } from '../../macro/handler';
import { findUnresolvedReferences } from '../../macro/schema/references';
import type { Json, JsonObject } from '../../macro/types';

const resources: JsonObject = { Orders: { Type: 'AWS::SQS::Queue' } };
const scope = (extra: JsonObject = {}, parameters: string[] = []) => ({
  resources: { ...resources, ...extra },
  parameters: new Set(parameters),
});
const messages = (value: Json, s = scope()) => findUnresolvedReferences(value, s).map((r) => r.message);

describe('references in an integration resolve to something the template defines', () => {
  it.each([
    { what: 'a Ref to a resource', value: { Ref: 'Orders' } },
    { what: 'a Ref to a parameter without a default', value: { Ref: 'Stage' } },
    { what: 'a Ref to a pseudo parameter', value: { Ref: 'AWS::URLSuffix' } },
    { what: 'a GetAtt in list form', value: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
    { what: 'a GetAtt whose attribute is a Ref to a parameter', value: { 'Fn::GetAtt': ['Orders', { Ref: 'Stage' }] } },
    { what: 'an escaped ${!Literal} in Fn::Sub', value: { 'Fn::Sub': '${!Nope} ${Orders.Arn} ${Stage}' } },
    { what: 'a Fn::Sub variable', value: { 'Fn::Sub': ['${Local}', { Local: 'x' }] } },
    { what: 'an object with Ref beside other keys (not an intrinsic)', value: { Ref: 'Nope', Type: 'string' } },
  ])('accepts $what', ({ value }) => {
    expect(messages(value as unknown as Json, scope({}, ['Stage']))).toEqual([]);
  });

  it.each([
    {
      what: 'a Ref',
      value: { Ref: 'Order' },
      message: "Ref 'Order' names no resource, parameter or pseudo parameter of this template. Did you mean 'Orders'?",
    },
    {
      what: 'a GetAtt string',
      value: { 'Fn::GetAtt': 'Ordrs.Arn' },
      message: "Fn::GetAtt 'Ordrs.Arn' names no resource of this template. Did you mean 'Orders'?",
    },
    { what: 'a pseudo parameter typo', value: { Ref: 'AWS::Regoin' }, message: "Did you mean 'AWS::Region'?" },
    {
      what: 'a Sub attribute of nothing',
      value: { 'Fn::Sub': '${Ordes.Arn}' },
      message: "Fn::Sub '${Ordes.Arn}' names no resource of this template. Did you mean 'Orders'?",
    },
    { what: 'a reference inside a Sub variable', value: { 'Fn::Sub': ['${X}', { X: { Ref: 'Nope' } }] }, message: "Ref 'Nope'" },
    {
      what: 'an unrelated name',
      value: { Ref: 'Zebra' },
      message: 'Write the logical ID of a resource or parameter of this template, or a pseudo parameter such as AWS::Region.',
    },
  ])('reports $what', ({ value, message }) => {
    const found = messages(value as unknown as Json);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('reports where the intrinsic sits, as a path inside Properties', () => {
    const found = findUnresolvedReferences({ Parameters: { Attrs: [{ a: { Ref: 'Nope' } }] } }, scope());
    expect(found.map((r) => r.path)).toEqual([['Parameters', 'Attrs', 0, 'a']]);
  });

  it('accepts the names SAM derives from an AWS::Serverless resource (the macro runs before SAM), and only then', () => {
    const sam = scope({ Fn: { Type: 'AWS::Serverless::Function' } });
    const values: Json[] = [{ Ref: 'FnRole' }, { Ref: 'Fn.Alias' }, { 'Fn::GetAtt': ['FnRole', 'Arn'] }, { Ref: 'ServerlessRestApi' }];
    for (const value of values) expect(messages(value, sam)).toEqual([]);
    expect(messages({ Ref: 'ServerlessRestApi' })).toHaveLength(1);
  });

  it('walks values nested thousands deep without overflowing the stack', () => {
    let value: Json = { Ref: 'Nope' };
    for (let i = 0; i < 5000; i++) value = [value];
    expect(messages(value)).toHaveLength(1);
  });

  it('reports every one of thousands of unknown names among thousands of resources; hints stop once their budget is spent', () => {
    const many: JsonObject = {};
    for (let i = 0; i < 2000; i++) many[`Queue${i}`] = { Type: 'AWS::SQS::Queue' };
    const refs = Array.from({ length: 2000 }, (_, i) => ({ Ref: `Queue${i}x` }));
    const found = messages(refs, scope(many));
    expect(found).toHaveLength(2000);
    expect(found[0]).toContain("Did you mean 'Queue0'?");
    expect(found[1999]).not.toContain('Did you mean');
  });

  it('runs in the macro Lambda too: the handler fails the change set with the diagnostic', () => {
    const response = handleMacroEvent({
      requestId: 'r',
      region: 'us-east-1',
      accountId: '123456789012',
      fragment: {
        Resources: {
          Orders: { Type: 'AWS::SQS::Queue' },
          Submit: {
            Type: 'Proxy::ServiceIntegration',
            Properties: { Path: '/a', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Nope', 'Arn'] } },
          },
        },
      },
    });
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toContain(
      "Resource with id [Submit] is invalid. Properties.Target: Fn::GetAtt 'Nope.Arn' names no resource of this template.",
    );
    expect(response.errorMessage).toContain('[PSI115]');
  });
});
