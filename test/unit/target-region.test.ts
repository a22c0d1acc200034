import { localApiFromTemplate } from '../../gateway';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

// The integration URI names the Region API Gateway calls the service in. It comes from the target's
// ARN, whose Region field some services leave empty (S3 buckets, IAM roles): there the stack's
// Region is the right one, never the empty field (`s3..amazonaws.com`).

const PARAMETERS: JsonObject = {
  BucketName: { Type: 'String', Default: 'my-bucket' },
  BucketArn: { Type: 'String', Default: 'arn:aws:s3:::other-bucket' },
  QueueArn: { Type: 'String', Default: 'arn:aws:sqs:us-west-2:111122223333:remote' },
};

const RESOURCES: JsonObject = {
  Queue: { Type: 'AWS::SQS::Queue' },
  Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
};

/** The URI API Gateway would call for one integration, resolved as `render` resolves it (stack Region eu-west-1). */
function resolvedUri(properties: JsonObject): string {
  const template = {
    Parameters: PARAMETERS,
    Resources: { ...RESOURCES, Integration: { Type: 'Proxy::ServiceIntegration', Properties: properties } },
  };
  const parameterValues = Object.fromEntries(Object.entries(PARAMETERS).map(([name, p]) => [name, (p as JsonObject).Default as Json]));
  const result = transformTemplate(template, { templateParameterValues: parameterValues, params: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const { model } = localApiFromTemplate(result.template, { region: 'eu-west-1', accountId: '123456789012' });
  const integration = model.routes.flatMap((r) => Object.values(r.methods)).find((m) => m.logicalId === 'IntegrationMethod')?.integration;
  if (integration === undefined || 'unresolved' in integration) throw new Error(`unresolved: ${JSON.stringify(integration)}`);
  return integration.uri as string;
}

const s3 = { Path: '/files/{key+}', Method: 'GET', Service: 's3', Action: 'GetObject' };

describe('the integration URI uses the Region of the target, or the stack Region where the ARN has none', () => {
  it.each<{ name: string; properties: JsonObject }>([
    { name: 'S3: !Sub of a bucket ARN', properties: { ...s3, Target: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${BucketName}' } } },
    { name: 'S3: !Ref of a parameter holding a bucket ARN', properties: { ...s3, Target: { Ref: 'BucketArn' } } },
    {
      name: 'S3: !Sub with a variable holding a bucket ARN',
      properties: { ...s3, Target: { 'Fn::Sub': ['${Arn}', { Arn: { Ref: 'BucketArn' } }] } },
    },
  ])('$name', ({ properties }) => {
    expect(resolvedUri(properties)).toMatch(/^arn:aws:apigateway:eu-west-1:s3:path\/\{bucket\}\/\{object\}$/);
  });

  it('generic mode: a target whose ARN has no Region (an IAM role of the stack) uses the stack Region', () => {
    const uri = resolvedUri({
      Path: '/role',
      Method: 'GET',
      Service: 'iam',
      Action: 'GetRole',
      Protocol: 'query',
      ApiVersion: '2010-05-08',
      Target: { 'Fn::GetAtt': ['Role', 'Arn'] },
    });
    expect(uri).toBe('arn:aws:apigateway:eu-west-1:iam:action/GetRole');
  });

  it('generic mode: a !Sub ARN with an empty Region field uses the stack Region', () => {
    const uri = resolvedUri({
      Path: '/role',
      Method: 'GET',
      Service: 'iam',
      Action: 'GetRole',
      Protocol: 'query',
      ApiVersion: '2010-05-08',
      Target: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/reader' },
    });
    expect(uri).toBe('arn:aws:apigateway:eu-west-1:iam:action/GetRole');
  });

  it.each<{ name: string; target: Json; uri: RegExp }>([
    {
      name: 'a same-stack queue',
      target: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      uri: /^arn:aws:apigateway:eu-west-1:sqs:path\/123456789012\//,
    },
    {
      name: 'a queue in another Region, from a parameter',
      target: { Ref: 'QueueArn' },
      uri: /^arn:aws:apigateway:us-west-2:sqs:path\/111122223333\/remote$/,
    },
    {
      name: 'a literal queue ARN in another Region',
      target: 'arn:aws:sqs:us-west-2:111122223333:remote',
      uri: /^arn:aws:apigateway:us-west-2:sqs:path\/111122223333\/remote$/,
    },
  ])('regional services keep the Region of the ARN: $name', ({ target, uri }) => {
    expect(resolvedUri({ Path: '/q', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: target })).toMatch(uri);
  });
});
