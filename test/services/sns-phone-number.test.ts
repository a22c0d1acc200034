/** SNS Publish to a phone number (issue 18): no topic, no Target, AWS.SNS.SMS.* attributes, sns:Publish on "*" explained. */
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';

function expand(properties: JsonObject, service = 'sns', action = 'Publish') {
  const template = {
    Resources: {
      Alerts: { Type: 'AWS::SNS::Topic' },
      Orders: { Type: 'AWS::SQS::Queue' },
      Send: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { Path: '/sms', Method: 'POST', Service: service, Action: action, ...properties },
      },
    },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: {} });
}

function resources(properties: JsonObject): JsonObject {
  const result = expand(properties);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.template.Resources as JsonObject;
}

/** The request template's text (a Fn::Sub when it names the topic). */
const template = (r: JsonObject): string =>
  JSON.stringify((((r.SendMethod as JsonObject).Properties as JsonObject).Integration as JsonObject).RequestTemplates);

describe('SNS Publish to a PhoneNumber', () => {
  it('sends PhoneNumber and no TopicArn, and grants sns:Publish on "*" with the reason in the role Metadata', () => {
    const r = resources({
      Parameters: { PhoneNumber: '$request.body.phone', MessageAttributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' } },
    });
    expect(template(r)).toContain('&PhoneNumber=$util.urlEncode(');
    expect(template(r)).toContain('.Name=AWS.SNS.SMS.SMSType&');
    expect(template(r)).not.toContain('TopicArn');
    const role = r.ServiceProxyApiRole as JsonObject;
    const statements = ((role.Properties as JsonObject).Policies as JsonObject[])[0]?.PolicyDocument as JsonObject;
    expect(statements.Statement).toEqual([{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }]);
    expect(JSON.stringify(role.Metadata)).toContain('a phone number has no ARN');
  });

  it('keeps a topic publish as it was: TopicArn sent, sns:Publish on that topic only', () => {
    const r = resources({ Target: { Ref: 'Alerts' } });
    expect(template(r)).toContain("&TopicArn=$util.urlEncode('${Alerts}')");
    const role = r.ServiceProxyApiRole as JsonObject;
    expect(((role.Properties as JsonObject).Policies as JsonObject[])[0]?.PolicyDocument).toMatchObject({
      Statement: [{ Action: 'sns:Publish', Resource: { Ref: 'Alerts' } }],
    });
    expect(role.Metadata).toBeUndefined();
  });

  it('refuses a Target beside PhoneNumber: the message would go to one of them only', () => {
    const result = expand({ Target: { Ref: 'Alerts' }, Parameters: { PhoneNumber: '+14155550100' } });
    expect(!result.ok && result.diagnostics).toEqual([
      {
        code: 'PSI105',
        logicalId: 'Send',
        path: 'Properties.Target',
        message: 'sns Publish with PhoneNumber acts on no AWS::SNS::Topic: remove Target, or remove Parameters.PhoneNumber.',
      },
    ]);
  });

  it.each<[string, string, string, Json]>([
    ['an AWS. attribute SNS does not reserve for SMS', 'sns', 'Publish', { 'AWS.SNS.SMS.Other': 'x' }],
    ['an SMS attribute on SQS', 'sqs', 'SendMessage', { 'AWS.SNS.SMS.SMSType': 'Transactional' }],
  ])('refuses %s', (_name, service, action, attributes) => {
    const result = expand(
      {
        Target: service === 'sqs' ? { 'Fn::GetAtt': ['Orders', 'Arn'] } : { Ref: 'Alerts' },
        Parameters: { MessageAttributes: attributes },
      },
      service,
      action,
    );
    expect(!result.ok && result.diagnostics).toEqual([
      expect.objectContaining({ code: 'PSI111', message: expect.stringContaining("not starting with 'AWS.' or 'Amazon.'") }),
    ]);
  });
});
