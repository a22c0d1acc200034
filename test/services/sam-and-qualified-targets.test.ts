/**
 * SAM resources and qualified Lambda functions as Targets (issue 18, item 1): the macro refers to
 * what SAM makes of a SAM resource (same logical ID, same Ref and attributes), so its output holds in
 * either transform order, and the role may call exactly the function, alias or version named.
 * The real SAM translator runs both orders in test/referees/sam-translator.test.ts (samples/sam-targets.yaml).
 */
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

function expand(service: string, action: string, target: Json, others: JsonObject = {}, parameterValues: JsonObject = {}) {
  const template = {
    Parameters: Object.fromEntries(Object.keys(parameterValues).map((name) => [name, { Type: 'String' }])),
    Resources: {
      ...others,
      Call: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { Path: '/call', Method: 'POST', Service: service, Action: action, Target: target },
      },
    },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: parameterValues });
}

/** The resource the role is granted, and the URI of the method, of a template that expands. */
function grantOf(result: ReturnType<typeof expand>): { resource: Json; uri: Json } {
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  const resources = result.template.Resources as Record<string, any>;
  const role = Object.values(resources).find((r) => r.Type === 'AWS::IAM::Role');
  return {
    resource: role.Properties.Policies[0].PolicyDocument.Statement[0].Resource,
    uri: resources.CallMethod.Properties.Integration.Uri,
  };
}

function problemsOf(result: ReturnType<typeof expand>): string[] {
  if (result.ok) throw new Error('expected diagnostics');
  return result.diagnostics.map((d) => `${d.path}: ${d.message}`);
}

const samFunction = (properties: JsonObject = {}) => ({
  Type: 'AWS::Serverless::Function',
  Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'x', ...properties },
});

describe('SAM resources as Target, before SAM has run', () => {
  it.each([
    ['lambda', 'Invoke', 'AWS::Serverless::Function', { Ref: 'R' }, { 'Fn::GetAtt': ['R', 'Arn'] }],
    ['lambda', 'Invoke', 'AWS::Serverless::Function', { 'Fn::GetAtt': ['R', 'Arn'] }, { 'Fn::GetAtt': ['R', 'Arn'] }],
    ['lambda', 'Invoke', 'AWS::Lambda::Alias', { Ref: 'R' }, { Ref: 'R' }],
    ['lambda', 'Invoke', 'AWS::Lambda::Version', { Ref: 'R' }, { Ref: 'R' }],
    ['states', 'StartExecution', 'AWS::Serverless::StateMachine', { Ref: 'R' }, { Ref: 'R' }],
    ['dynamodb', 'PutItem', 'AWS::Serverless::SimpleTable', { Ref: 'R' }, { 'Fn::GetAtt': ['R', 'Arn'] }],
  ])('%s %s takes an %s (%j) and grants %j', (service, action, type, target, granted) => {
    expect(grantOf(expand(service, action, target, { R: { Type: type, Properties: {} } })).resource).toEqual(granted);
  });

  it("takes SAM's AutoPublishAlias as !Ref Fn.Alias: the alias SAM will make, named as SAM names it", () => {
    const { resource, uri } = grantOf(
      expand('lambda', 'Invoke', { Ref: 'Fn.Alias' }, { Fn: samFunction({ AutoPublishAlias: 'live_v-2' }) }),
    );
    expect(resource).toEqual({ Ref: 'FnAliasliveUvD2' });
    expect(JSON.stringify(uri)).toContain('/functions/${FnAliasliveUvD2}/invocations');
  });

  it('reads an AutoPublishAlias given as a Ref to a template parameter from the value CloudFormation passed', () => {
    const result = expand(
      'lambda',
      'Invoke',
      { Ref: 'Fn.Alias' },
      { Fn: samFunction({ AutoPublishAlias: { Ref: 'Alias' } }) },
      { Alias: 'prod' },
    );
    expect(grantOf(result).resource).toEqual({ Ref: 'FnAliasprod' });
  });

  it.each([
    ['no AutoPublishAlias', {}, 'Fn has no AutoPublishAlias, so SAM makes no AWS::Lambda::Alias of it'],
    ['an AutoPublishAlias that is not a literal', { AutoPublishAlias: { 'Fn::Sub': 'x' } }, 'the macro needs its value'],
    ['an AutoPublishAlias SAM refuses', { AutoPublishAlias: '123' }, 'AutoPublishAlias "123" is not one SAM allows'],
  ])('refuses !Ref Fn.Alias when the function has %s', (_, properties, message) => {
    expect(problemsOf(expand('lambda', 'Invoke', { Ref: 'Fn.Alias' }, { Fn: samFunction(properties) }))).toEqual([
      expect.stringContaining(message),
    ]);
  });

  it('refuses a SAM reference it does not know, naming the one it does', () => {
    expect(problemsOf(expand('lambda', 'Invoke', { Ref: 'Fn.Alais' }, { Fn: samFunction({ AutoPublishAlias: 'live' }) }))).toEqual([
      expect.stringMatching(/^Properties\.Target: refers to Fn\.Alais, .*; write Fn\.Alias\.$/),
    ]);
  });

  it('still refuses a resource of another type, saying what is expected', () => {
    expect(problemsOf(expand('lambda', 'Invoke', { Ref: 'R' }, { R: { Type: 'AWS::Serverless::StateMachine' } }))).toEqual([
      expect.stringContaining('refers to R (AWS::Serverless::StateMachine); expected the function'),
    ]);
  });
});

describe('qualified Lambda ARNs', () => {
  it.each([
    'arn:aws:lambda:us-east-1:123456789012:function:quotes:live',
    'arn:aws:lambda:us-east-1:123456789012:function:quotes:live-2_b',
    'arn:aws:lambda:us-east-1:123456789012:function:quotes:7',
    'arn:aws-cn:lambda:cn-north-1:123456789012:function:quotes:prod',
  ])('grants exactly %s, and invokes it', (arn) => {
    const { resource, uri } = grantOf(expand('lambda', 'Invoke', arn));
    expect(resource).toBe(arn);
    expect(JSON.stringify(uri)).toContain(`/functions/${arn}/invocations`);
  });

  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:quotes:$LATEST', "'$LATEST', which is what the unqualified ARN invokes"],
    ['arn:aws:lambda:us-east-1:123456789012:function:quotes:live*', 'which is neither an alias nor a version'],
    ['arn:aws:lambda:us-east-1:123456789012:function:quotes:a:b', 'which is neither an alias nor a version'],
    ['arn:aws:lambda:us-east-1:123456789012:function:quotes:', 'which is neither an alias nor a version'],
    ['arn:aws:lambda:us-east-1:123456789012:function:quo*tes:live', "has a wildcard ('*' or '?')"],
  ])('refuses %s', (arn, message) => {
    expect(problemsOf(expand('lambda', 'Invoke', arn))).toEqual([expect.stringContaining(message)]);
  });

  it('checks a qualified ARN passed as a template parameter as it checks a literal one', () => {
    const ok = expand('lambda', 'Invoke', { Ref: 'Fn' }, {}, { Fn: 'arn:aws:lambda:us-east-1:123456789012:function:quotes:live' });
    expect(grantOf(ok).resource).toEqual({ Ref: 'Fn' });
    const bad = expand('lambda', 'Invoke', { Ref: 'Fn' }, {}, { Fn: 'arn:aws:lambda:us-east-1:123456789012:function:quotes:$LATEST' });
    expect(problemsOf(bad)).toEqual([expect.stringContaining("'$LATEST'")]);
  });

  it('keeps qualifiers to Lambda: another service refuses a colon after the name as before', () => {
    expect(problemsOf(expand('states', 'StartExecution', 'arn:aws:states:us-east-1:123456789012:stateMachine:m:live'))).toEqual([
      expect.stringContaining('does not name'),
    ]);
  });
});
