/**
 * Deploy-time values from intrinsic functions (`!Ref Greeting` = "Don't panic") reach the service
 * exactly, whatever they hold, for every wire protocol: rendered with the real VTL engine after the
 * local gateway resolves the intrinsics as CloudFormation would (issue 15, item 3).
 */
import type { ServiceRequest } from '../../gateway';
import { transformTemplate } from '../../macro/transform';
import type { Json, JsonObject } from '../../macro/types';
import { exchange } from './gateway-in-process';

/** Text that breaks a value pasted into a VTL or JSON string. */
const GREETINGS = [
  `Don't panic`,
  `say "hi" \\ and \\'bye\\'`,
  '$input.body #set($x = 1) ${AWS::Region}',
  'line 1\nline 2\r\n\ttab',
  'ünïcödé 🎉 & = + %',
];

/** Expands a one-integration template with the parameter Greeting = `greeting`, then renders one request. */
async function render(greeting: string, integration: JsonObject, extraResources: JsonObject = {}): Promise<ServiceRequest> {
  const template = {
    Parameters: { Greeting: { Type: 'String' } },
    Resources: {
      ...extraResources,
      Call: { Type: 'Proxy::ServiceIntegration', Properties: { Path: '/call', Method: 'POST', ...integration } },
    },
  };
  const { sent, response } = await exchange(template, { method: 'POST', path: '/call', body: '{"n":1}' }, undefined, {
    Greeting: greeting,
  });
  if (sent === undefined) throw new Error(`no service request: ${response.statusCode} ${response.body.toString('utf8')}`);
  return sent;
}

const json = (request: ServiceRequest) => JSON.parse(request.body.toString('utf8')) as JsonObject;
const form = (request: ServiceRequest) => new URLSearchParams(request.body.toString('utf8'));

describe.each(GREETINGS)('a deploy-time value %j', (greeting) => {
  it('reaches SQS (form encoding) whole', async () => {
    const request = await render(
      greeting,
      {
        Service: 'sqs',
        Action: 'SendMessage',
        Target: { 'Fn::GetAtt': ['Q', 'Arn'] },
        Parameters: { MessageBody: { Ref: 'Greeting' }, MessageAttributes: { g: { Ref: 'Greeting' } } },
      },
      { Q: { Type: 'AWS::SQS::Queue' } },
    );
    expect(form(request).get('MessageBody')).toBe(greeting);
    expect(form(request).get('MessageAttribute.1.Value.StringValue')).toBe(greeting);
  });

  it('reaches SNS (form encoding) whole', async () => {
    const request = await render(
      greeting,
      { Service: 'sns', Action: 'Publish', Target: { Ref: 'T' }, Parameters: { Subject: { Ref: 'Greeting' } } },
      { T: { Type: 'AWS::SNS::Topic' } },
    );
    expect(form(request).get('Subject')).toBe(greeting);
  });

  it('reaches DynamoDB (typed JSON) whole, in an item and in a key', async () => {
    const request = await render(
      greeting,
      {
        Service: 'dynamodb',
        Action: 'PutItem',
        Target: { Ref: 'Table' },
        Parameters: { Item: { greeting: { Ref: 'Greeting' }, joined: { 'Fn::Join': ['-', [{ Ref: 'Greeting' }, 'x']] } } },
      },
      { Table: { Type: 'AWS::DynamoDB::Table' } },
    );
    expect(json(request).Item).toEqual({ greeting: { S: greeting }, joined: { S: `${greeting}-x` } });
  });

  it('reaches EventBridge (JSON) and Step Functions (a JSON document) whole', async () => {
    const events = await render(greeting, {
      Service: 'events',
      Action: 'PutEvents',
      Parameters: { Source: { Ref: 'Greeting' }, DetailType: { Ref: 'Greeting' } },
    });
    expect((json(events).Entries as JsonObject[])[0]).toMatchObject({ Source: greeting, DetailType: greeting });
    const states = await render(
      greeting,
      { Service: 'states', Action: 'StartExecution', Target: { Ref: 'M' }, Parameters: { Input: { Ref: 'Greeting' } } },
      { M: { Type: 'AWS::StepFunctions::StateMachine' } },
    );
    expect(json(states).input).toBe(greeting);
  });

  it('reaches Kinesis base64-encoded, as its Data field needs', async () => {
    const request = await render(
      greeting,
      { Service: 'kinesis', Action: 'PutRecord', Target: { 'Fn::GetAtt': ['S', 'Arn'] }, Parameters: { Data: { Ref: 'Greeting' } } },
      { S: { Type: 'AWS::Kinesis::Stream' } },
    );
    expect(Buffer.from(json(request).Data as string, 'base64').toString('utf8')).toBe(greeting);
  });

  it('reaches Lambda and generic AWS JSON payloads whole', async () => {
    const lambda = await render(
      greeting,
      {
        Service: 'lambda',
        Action: 'Invoke',
        Target: { 'Fn::GetAtt': ['F', 'Arn'] },
        Parameters: { Payload: { text: { Ref: 'Greeting' }, list: [{ Ref: 'Greeting' }] } },
      },
      { F: { Type: 'AWS::Lambda::Function' } },
    );
    expect(json(lambda)).toEqual({ text: greeting, list: [greeting] });
    const generic = await render(greeting, {
      Service: 'translate',
      Action: 'TranslateText',
      Protocol: 'aws-json-1.1',
      TargetPrefix: 'AWSShineFrontendService_20170701',
      Policy: { Action: 'translate:TranslateText', Resource: '*' },
      Parameters: { Text: { Ref: 'Greeting' } },
    } as Json as JsonObject);
    expect(json(generic).Text).toBe(greeting);
  });
});

it('a deploy-time integer that is not a number is left out, not pasted into the JSON as code', async () => {
  const request = await render(
    '5, "Key": {"x": 1}',
    {
      Service: 'dynamodb',
      Action: 'Query',
      Target: { Ref: 'Table' },
      Parameters: { KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': 'a' }, Limit: { Ref: 'Greeting' } },
    },
    { Table: { Type: 'AWS::DynamoDB::Table' } },
  );
  expect(json(request).Limit).toBe(100);
  expect(json(request)).not.toHaveProperty('Key');
});

it("a deploy-time value with a quote is refused where API Gateway maps it as a 'constant' (S3 Key), saying why", () => {
  const template = {
    Parameters: { Greeting: { Type: 'String' } },
    Resources: {
      B: { Type: 'AWS::S3::Bucket' },
      Get: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: '/f',
          Method: 'GET',
          Service: 's3',
          Action: 'GetObject',
          Target: { Ref: 'B' },
          Parameters: { Key: { Ref: 'Greeting' } },
        },
      },
    },
  };
  const result = transformTemplate(template, { params: {}, templateParameterValues: { Greeting: "Don't panic" } });
  expect(result.ok).toBe(false);
  expect(JSON.stringify(result)).toContain('refers to the template parameter Greeting, whose value has a single quote');
  expect(transformTemplate(template, { params: {}, templateParameterValues: { Greeting: 'fine' } }).ok).toBe(true);
});
