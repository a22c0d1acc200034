/**
 * Target values are code: literal ARNs and the template parameter values a Target refers to land in
 * the URI, the role's policy and the mapping templates, so they must have the shape of the service's
 * ARNs — no VTL or JSON metacharacters, no wildcard (issue 15, item 4).
 */
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

function expand(service: string, action: string, target: Json, parameterValues: JsonObject = {}, parameters: JsonObject = {}) {
  const template = {
    Parameters: Object.fromEntries(Object.keys(parameterValues).map((name) => [name, { Type: 'String' }])),
    Resources: {
      Call: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { Path: '/call', Method: 'POST', Service: service, Action: action, Target: target, Parameters: parameters },
      },
    },
  };
  const result = transformTemplate(template, { params: {}, templateParameterValues: parameterValues });
  return { ok: result.ok, text: result.ok ? JSON.stringify(result.template) : JSON.stringify(result.diagnostics) };
}

describe('literal Targets', () => {
  it.each([
    ['dynamodb', 'PutItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/items$input.body', 'which is not a name AWS allows here'],
    ['dynamodb', 'PutItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/t\\', 'which is not a name AWS allows here'],
    ['dynamodb', 'GetItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/*', "has a wildcard ('*' or '?')"],
    ['sqs', 'SendMessage', 'arn:aws:sqs:us-east-1:123456789012:*', "has a wildcard ('*' or '?')"],
    ['sqs', 'SendMessage', 'arn:aws:sqs:us-east-1:123456789012:q"}', 'which is not a name AWS allows here'],
    ['sns', 'Publish', "arn:aws:sns:us-east-1:123456789012:t'#set($x=1)", 'which is not a name AWS allows here'],
    ['kinesis', 'PutRecord', 'arn:aws:kinesis:us-east-1:123456789012:stream/s?', "has a wildcard ('*' or '?')"],
    ['states', 'StartExecution', 'arn:aws:states:us-east-1:123456789012:stateMachine:m $x', 'which is not a name AWS allows here'],
    ['s3', 'GetObject', 'arn:aws:s3:::Bucket_With_Caps', 'which is not a name AWS allows here'],
    ['lambda', 'Invoke', 'arn:aws:lambda:us-east-1:123456789012:function:f*', "has a wildcard ('*' or '?')"],
  ])('%s %s refuses %s', (service, action, arn, message) => {
    const result = expand(service, action, arn);
    expect(result.ok).toBe(false);
    expect(result.text).toContain(message);
  });

  it('a wildcard in a generic-mode Target is refused too; Policy is the explicit way to grant one', () => {
    const template = {
      Resources: {
        Call: {
          Type: 'Proxy::ServiceIntegration',
          Properties: {
            Path: '/t',
            Method: 'POST',
            Service: 'translate',
            Action: 'TranslateText',
            Protocol: 'aws-json-1.1',
            TargetPrefix: 'AWSShineFrontendService_20170701',
            Target: 'arn:aws:translate:us-east-1:123456789012:terminology/*',
          },
        },
      },
    };
    expect(JSON.stringify(transformTemplate(template, { params: {}, templateParameterValues: {} }))).toContain('has a wildcard');
  });

  it.each([
    ['dynamodb', 'PutItem', 'arn:aws:dynamodb:us-east-1:123456789012:table/my-table.v2'],
    ['sqs', 'SendMessage', 'arn:aws-cn:sqs:cn-north-1:123456789012:orders.fifo'],
    ['s3', 'ListObjectsV2', 'arn:aws:s3:::my.bucket-1'],
    ['events', 'PutEvents', 'arn:aws:events:us-east-1:123456789012:event-bus/orders_bus'],
  ])('%s %s still accepts %s', (service, action, arn) => {
    expect(expand(service, action, arn, {}, service === 'events' ? { Source: 's', DetailType: 'd' } : {}).ok).toBe(true);
  });
});

describe('template parameter values a Target refers to', () => {
  it.each([
    [
      { Ref: 'TableArn' },
      { TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/items$input.body' },
      'which is not a name AWS allows here',
    ],
    [{ Ref: 'TableArn' }, { TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/*' }, 'has a wildcard'],
    [
      { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}' },
      { TableName: 'items","Key":{"x":{"S":"1"}}' },
      'refers to the template parameter TableName, whose value',
    ],
    [{ 'Fn::Join': ['', ['arn:aws:dynamodb:us-east-1:123456789012:table/', { Ref: 'TableName' }]] }, { TableName: 't*' }, 'has a wildcard'],
  ] as [Json, JsonObject, string][])('%j with %j is refused', (target, values, message) => {
    const result = expand('dynamodb', 'PutItem', target, values);
    expect(result.ok).toBe(false);
    expect(result.text).toContain(message);
  });

  it('a well-formed value passes, and so does a Target built from values the macro cannot see', () => {
    expect(expand('dynamodb', 'PutItem', { Ref: 'TableArn' }, { TableArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/items' }).ok).toBe(
      true,
    );
    const sub = { 'Fn::Sub': 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}' };
    expect(expand('dynamodb', 'PutItem', sub, { TableName: 'items' }).ok).toBe(true);
    expect(expand('dynamodb', 'PutItem', { 'Fn::ImportValue': 'shared-table-arn' }).ok).toBe(true);
  });
});

describe('literal ARNs keep their partition (issue 15, item 13)', () => {
  it.each([
    ['sqs', 'SendMessage', 'arn:aws-cn:sqs:cn-north-1:123456789012:orders', {}],
    ['sns', 'Publish', 'arn:aws-us-gov:sns:us-gov-west-1:123456789012:alerts', {}],
    ['lambda', 'Invoke', 'arn:aws-cn:lambda:cn-north-1:123456789012:function:f', {}],
    ['states', 'StartExecution', 'arn:aws-cn:states:cn-north-1:123456789012:stateMachine:m', {}],
    ['s3', 'ListObjectsV2', 'arn:aws-cn:s3:::bucket-x', {}],
    [
      'dynamodb',
      'Query',
      'arn:aws-cn:dynamodb:cn-north-1:123456789012:table/items',
      { KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': 'a' }, IndexName: 'byDate' },
    ],
  ] as [string, string, string, JsonObject][])(
    '%s %s: %s in the policy, URIs and templates as written',
    (service, action, arn, parameters) => {
      const result = expand(service, action, arn, {}, parameters);
      expect(result.ok).toBe(true);
      const partition = arn.split(':')[1] as string;
      const foreign = (result.text.match(/arn:aws[a-z-]*:(?!apigateway)[a-z0-9-]+:/g) ?? []).filter(
        (m) => !m.startsWith(`arn:${partition}:`),
      );
      expect(foreign).toEqual([]);
      expect(result.text).toContain(arn.includes('dynamodb') ? `${arn}/index/byDate` : arn);
      // The API's own ARNs (the integration URI) are in the stack's partition, whatever the target's.
      expect(result.text).toContain('arn:${AWS::Partition}:apigateway:');
    },
  );
});
