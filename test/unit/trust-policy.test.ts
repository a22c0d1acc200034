/**
 * The integration role's trust policy (issue 15, item 6). AWS documents no aws:SourceArn (nor
 * aws:SourceAccount) in the request context when API Gateway assumes an integration role, and IAM
 * fails a condition on a key the request lacks; the account condition therefore only applies when the
 * key is present, and no aws:SourceArn condition is added (see docs/security.md).
 */
import { transformTemplate } from '../../macro/transform';
import type { JsonObject } from '../../macro/types';

it('trusts API Gateway, with an account condition that applies only when the key is sent, and no SourceArn', () => {
  const template = {
    Resources: {
      Orders: { Type: 'AWS::SQS::Queue' },
      Submit: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { Path: '/orders', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
      },
    },
  };
  const result = transformTemplate(template, { params: {}, templateParameterValues: {} });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const role = (result.template.Resources as JsonObject).ServiceProxyApiRole as JsonObject;
  expect((role.Properties as JsonObject).AssumeRolePolicyDocument).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEqualsIfExists: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ],
  });
  expect(JSON.stringify(result.template)).not.toContain('aws:SourceArn');
});
