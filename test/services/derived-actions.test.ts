/**
 * Actions derived from AWS's models, as behaviour: the names users write, the built-in actions winning,
 * URIs and templates per protocol, parameter checks against the input shape, IAM scope, and the escape
 * hatches (Protocol, Policy) — each through the same transform the Lambda runs, with the shipped facts.
 */
import { listItemName, mapEntryName } from '../../macro/request-templates/form';
import { sharedServiceFacts } from '../../macro/service-facts/read-facts-files';
import { transformTemplate } from '../../macro/transform';
import { isJsonObject, type Json, type JsonObject } from '../../macro/types';

const QUEUE = { Type: 'AWS::SQS::Queue' };

/** Expands one integration (plus extra resources); returns the template or the diagnostics. */
function expand(properties: JsonObject, extra: JsonObject = {}) {
  const template = {
    Resources: { ...extra, It: { Type: 'Proxy::ServiceIntegration', Properties: { Path: '/it/{id}', Method: 'POST', ...properties } } },
  };
  return transformTemplate(template, { params: {}, templateParameterValues: {}, serviceFacts: sharedServiceFacts() });
}

function expanded(properties: JsonObject, extra: JsonObject = {}): JsonObject {
  const result = expand(properties, extra);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.template.Resources as JsonObject;
}

function integration(resources: JsonObject): JsonObject {
  return ((resources.ItMethod as JsonObject).Properties as JsonObject).Integration as JsonObject;
}

function statements(resources: JsonObject): JsonObject[] {
  const role = Object.values(resources).find((r) => isJsonObject(r) && r.Type === 'AWS::IAM::Role') as JsonObject;
  const policies = (role.Properties as JsonObject).Policies as JsonObject[];
  return (policies[0]!.PolicyDocument as JsonObject).Statement as JsonObject[];
}

function messages(properties: JsonObject, extra: JsonObject = {}): string[] {
  const result = expand(properties, extra);
  if (result.ok) throw new Error('expected diagnostics');
  return result.diagnostics.map((d) => `${d.code} ${d.path}: ${d.message}`);
}

const text = (value: Json | undefined) => JSON.stringify(value);

describe('derived actions: service names', () => {
  it.each([
    ['ses', 'email:action/SendEmail'],
    ['email', 'email:action/SendEmail'],
    ['sesv2', 'email:path/v2/email/outbound-emails'],
  ])('Service %s reaches %s', (service, uri) => {
    const resources = expanded({
      Service: service,
      Action: 'SendEmail',
      Target: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      Parameters:
        service === 'sesv2'
          ? {
              FromEmailAddress: 'a@example.com',
              Destination: { ToAddresses: ['b@example.com'] },
              Content: { Simple: { Subject: { Data: 'Hi' }, Body: { Text: { Data: '$request.body' } } } },
            }
          : {
              Source: 'a@example.com',
              Destination: { ToAddresses: ['b@example.com'] },
              Message: { Subject: { Data: 'Hi' }, Body: { Text: { Data: '$request.body' } } },
            },
    });
    expect(text(integration(resources).Uri)).toContain(uri);
  });

  it.each(['sagemaker-runtime', 'runtime.sagemaker', 'sagemakerruntime'])('Service %s is SageMaker runtime', (service) => {
    const resources = expanded({
      Service: service,
      Action: 'InvokeEndpoint',
      Target: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/m',
    });
    expect(text(integration(resources).Uri)).toContain(':runtime.sagemaker:path/endpoints/m/invocations');
  });

  it('a real service is never a typo of another: ssm is SSM, not sqs', () => {
    const resources = expanded({
      Service: 'ssm',
      Action: 'GetParameter',
      Target: 'arn:aws:ssm:us-east-1:123456789012:parameter/p',
      Parameters: { Name: 'p' },
    });
    expect(integration(resources).RequestParameters).toMatchObject({
      'integration.request.header.X-Amz-Target': "'AmazonSSM.GetParameter'",
    });
  });

  it('a misspelt service gets the nearest real name, built-ins first', () => {
    expect(messages({ Service: 'sqss', Action: 'SendMessage', Target: 'arn:aws:sqs:us-east-1:123456789012:q' })).toEqual([
      expect.stringMatching(/^PSI101 Properties\.Service: unknown service "sqss"; .* Did you mean 'sqs'\?$/),
    ]);
  });
});

describe('derived actions: built-ins keep their richer definitions', () => {
  it('another name of a built-in service still uses the built-in action (stepfunctions StartExecution)', () => {
    const resources = expanded(
      { Service: 'stepfunctions', Action: 'StartExecution', Target: { Ref: 'Machine' } },
      { Machine: { Type: 'AWS::StepFunctions::StateMachine' } },
    );
    expect(text(integration(resources).RequestTemplates)).toContain('$context.requestId');
  });

  it('an unknown action of a built-in service lists the closest of its model actions', () => {
    expect(messages({ Service: 'sqs', Action: 'RecieveMessage', Target: { 'Fn::GetAtt': ['Q', 'Arn'] } }, { Q: QUEUE })).toEqual([
      expect.stringContaining("Did you mean 'ReceiveMessage'?"),
    ]);
  });
});

describe('derived actions: requests by protocol', () => {
  it('REST-JSON: a URI label read from the request is mapped by API Gateway, not written into the URI', () => {
    const resources = expanded({
      Service: 'sagemaker-runtime',
      Action: 'InvokeEndpoint',
      Target: 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/orders-model',
      Parameters: { EndpointName: '$request.path.id' },
    });
    const it = integration(resources);
    expect(text(it.Uri)).toContain('path/endpoints/{EndpointName}/invocations');
    expect(it.RequestParameters).toMatchObject({ 'integration.request.path.EndpointName': 'method.request.path.id' });
  });

  it('REST-JSON: a literal URI label is URL-encoded into the URI', () => {
    const resources = expanded({
      Service: 'lambda',
      Action: 'GetFunction',
      Target: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      Parameters: { FunctionName: 'my fn', Qualifier: '$request.querystring.v' },
    });
    const it = integration(resources);
    expect(text(it.Uri)).toContain('lambda:path/2015-03-31/functions/my%20fn');
    expect(it.IntegrationHttpMethod).toBe('GET');
    expect(it.RequestParameters).toMatchObject({ 'integration.request.querystring.Qualifier': 'method.request.querystring.v' });
  });

  it('Query: a map is flattened into entries, a list of structures read from the body per element', () => {
    const resources = expanded({
      Service: 'sns',
      Action: 'CreateTopic',
      Target: 'arn:aws:sns:us-east-1:123456789012:orders',
      Parameters: { Name: '$request.body.name', Attributes: { DisplayName: 'Orders' }, Tags: '$request.body.tags' },
    });
    const template = text(integration(resources).RequestTemplates);
    expect(template).toContain('&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Orders');
    expect(template).toContain('&Tags.member.${spCount');
    expect(template).toContain(".get('Key')");
  });

  it('AWS JSON: booleans and numbers read from the request are checked at call time and written unquoted', () => {
    const resources = expanded({
      Service: 'ssm',
      Action: 'GetParameter',
      Target: 'arn:aws:ssm:us-east-1:123456789012:parameter/p',
      Parameters: { Name: 'p', WithDecryption: '$request.querystring.decrypt' },
    });
    expect(text(integration(resources).RequestTemplates)).toContain('.matches(\\"true|false\\")');
  });

  it('names list elements as AWS Query serializers do', () => {
    expect(listItemName('Names', { flattened: false }, '1')).toBe('Names.member.1');
    expect(listItemName('Names', { memberName: 'Name', flattened: false }, '2')).toBe('Names.Name.2');
    expect(listItemName('A.Names', { memberName: 'Name', flattened: true }, '3')).toBe('A.Name.3');
    expect(listItemName('Names', { flattened: true }, '4')).toBe('Names.4');
    expect(mapEntryName('Attributes', { flattened: false }, '1')).toBe('Attributes.entry.1');
    expect(mapEntryName('Attributes', { flattened: true }, '1')).toBe('Attributes.1');
  });
});

describe('derived actions: parameters checked against the input shape', () => {
  const receive = { Service: 'sqs', Action: 'ReceiveMessage', Target: { 'Fn::GetAtt': ['Q', 'Arn'] } };

  it.each([
    [
      { MaxNumberOfMesages: 5 },
      "PSI103 Properties.Parameters.MaxNumberOfMesages: 'MaxNumberOfMesages' is not a parameter of sqs ReceiveMessage",
    ],
    [{ MaxNumberOfMessages: 'ten' }, 'PSI111 Properties.Parameters.MaxNumberOfMessages: expected an integer'],
    [{ MaxNumberOfMessages: 2.5 }, 'PSI111 Properties.Parameters.MaxNumberOfMessages: expected an integer'],
    [{ MessageAttributeNames: 'All' }, 'PSI111 Properties.Parameters.MessageAttributeNames: expected a list of strings'],
    [
      { MessageAttributeNames: '$request.header.X-Names' },
      'PSI111 Properties.Parameters.MessageAttributeNames: expected a list of strings',
    ],
    [
      { WaitTimeSeconds: '$request.path.nope' },
      "PSI111 Properties.Parameters.WaitTimeSeconds: '$request.path.nope' refers to a path parameter",
    ],
  ])('%j → %s', (parameters, message) => {
    expect(messages({ ...receive, Parameters: parameters as JsonObject }, { Q: QUEUE })).toEqual([expect.stringContaining(message)]);
  });

  it('a misspelt nested member gets a did-you-mean from the model, a missing nested required member a diagnostic', () => {
    expect(
      messages({
        Service: 'ses',
        Action: 'SendEmail',
        Target: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
        Parameters: { Source: 'a@example.com', Destination: { ToAdresses: ['b@example.com'] }, Message: { Body: {} } },
      }),
    ).toEqual([
      expect.stringContaining(
        "PSI103 Properties.Parameters.Destination.ToAdresses: 'ToAdresses' is not a member of a structure (ToAddresses, CcAddresses, BccAddresses). Did you mean 'ToAddresses'?",
      ),
      expect.stringContaining("PSI111 Properties.Parameters.Message.Subject: the required member 'Subject'"),
    ]);
  });

  it('REST-XML bodies are not written: RequestTemplate is the way', () => {
    expect(
      messages({
        Service: 's3',
        Action: 'PutBucketTagging',
        Target: 'arn:aws:s3:::my-bucket',
        Parameters: { Bucket: 'my-bucket', Tagging: { TagSet: [] } },
      }),
    ).toEqual([expect.stringContaining('Properties.Parameters.Tagging: is sent in an XML body')]);
  });
});

describe('derived actions: IAM', () => {
  it('grants exactly the IAM action (with its own prefix) on the Target', () => {
    const resources = expanded({
      Service: 'email',
      Action: 'SendRawEmail',
      Target: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      Parameters: { RawMessage: { Data: '$request.body' } },
    });
    expect(statements(resources)).toEqual([
      {
        Effect: 'Allow',
        Action: 'ses:SendRawEmail',
        // A literal ARN is kept as written, partition included.
        Resource: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
      },
    ]);
  });

  it('a Target of another resource type is refused, naming the expected ARN pattern', () => {
    expect(messages({ ...{ Service: 'sqs', Action: 'ReceiveMessage' }, Target: 'arn:aws:sns:us-east-1:123456789012:topic' })).toEqual([
      expect.stringContaining('PSI105 Properties.Target:'),
    ]);
    expect(
      messages({ Service: 'sagemaker-runtime', Action: 'InvokeEndpoint', Target: 'arn:aws:sagemaker:us-east-1:123456789012:model/m' }),
    ).toEqual([
      'PSI105 Properties.Target: runtime.sagemaker InvokeEndpoint acts on an endpoint: expected the ARN of an endpoint (arn:${Partition}:sagemaker:${Region}:${Account}:endpoint/${EndpointName}); received "arn:aws:sagemaker:us-east-1:123456789012:model/m".',
    ]);
  });

  it('several required resource types: the Target is one, the others are granted in its account and Region, said in Metadata', () => {
    const resources = expanded(
      {
        Service: 'batch',
        Action: 'SubmitJob',
        Target: { Ref: 'JobQueue' },
        Parameters: { jobName: 'j', jobQueue: { Ref: 'JobQueue' }, jobDefinition: 'd' },
      },
      { JobQueue: { Type: 'AWS::Batch::JobQueue' } },
    );
    const statement = statements(resources)[0]!;
    expect(statement.Action).toBe('batch:SubmitJob');
    expect((statement.Resource as Json[])[0]).toEqual({ Ref: 'JobQueue' });
    expect(text((statement.Resource as Json[])[1])).toContain(':job/*');
    expect(text(resources.ServiceProxyApiRole)).toContain('IamNotes');
  });

  it('an action the Service Authorization Reference has no name for needs Policy, and then takes it', () => {
    const base = { Service: 'dynamodb', Action: 'TransactWriteItems', Parameters: { TransactItems: '$request.body.items' } };
    expect(messages(base)).toEqual([
      expect.stringContaining(
        'PSI102 Properties.Action: the Service Authorization Reference lists no IAM action for dynamodb TransactWriteItems',
      ),
    ]);
    const resources = expanded({
      ...base,
      Policy: { Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/t' },
    });
    expect(statements(resources)).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/t' },
    ]);
  });
});

describe('derived actions: the escape hatch', () => {
  it('Protocol still calls an action the models do not have, on a service they know', () => {
    const resources = expanded({
      Service: 'ssm',
      Action: 'GetBrandNewThing',
      Protocol: 'aws-json-1.1',
      TargetPrefix: 'AmazonSSM',
      Target: 'arn:aws:ssm:us-east-1:123456789012:parameter/p',
      Parameters: { Name: 'p' },
    });
    expect(integration(resources).RequestParameters).toMatchObject({
      'integration.request.header.X-Amz-Target': "'AmazonSSM.GetBrandNewThing'",
    });
  });
});
