/** `service-proxy render` on the shapes real hand-written templates use: intrinsics for targets, OpenAPI bodies, SAM resources. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { samplePath } from '../helpers/samples';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function render(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'render', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

describe('render on real-world template shapes', () => {
  const work = mkdtempSync(join(tmpdir(), 'service-proxy-render-real-'));
  const file = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    ['a !Sub-built bucket ARN', '/reports/q1.csv', 'acme-reports'],
    ['a parameter holding a bucket ARN', '/archive/q1.csv', 'acme-archive'],
  ])('an S3 Target given as %s calls S3 in the stack Region (S3 ARNs have no Region field)', (_, path, bucket) => {
    const { code, json, stderr } = render(samplePath('s3-target-intrinsics'), '--method', 'GET', '--path', path, '--region', 'eu-west-1');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json().uri).toBe(`https://s3.eu-west-1.amazonaws.com/${bucket}/q1.csv`);
  });

  it('sees the integrations inside an OpenAPI Body of an AWS::ApiGateway::RestApi', () => {
    const { code, json, stderr } = render(samplePath('openapi-body-api'), '--method', 'POST', '--path', '/items', '--body', '{"name":"a"}');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json().uri).toBe('https://sns.us-east-1.amazonaws.com/');
    expect(json().body).toContain('Action=Publish&Version=2010-03-31&TopicArn=');
    expect(json().body).toContain('Message=%7B%22name%22%3A%22a%22%7D');
    // The user's own operations in the document are served too.
    expect(render(samplePath('openapi-body-api'), '--method', 'GET', '--path', '/ping').json()).toMatchObject({
      integrationType: 'MOCK',
      statusCode: 200,
    });
  });

  it('sees the integrations inside the DefinitionBody of an AWS::Serverless::Api, with its StageName', () => {
    const { code, json, stderr } = render(
      samplePath('sam-explicit-api'),
      '--method',
      'POST',
      '--path',
      '/orders/acme',
      '--body',
      '{}',
      '--response-status',
      '200',
      '--response-body',
      '{"SendMessageResponse":{"SendMessageResult":{"MessageId":"m-1"}}}',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json().uri).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/Orders');
    expect(json().body).toContain('MessageAttribute.1.Value.StringValue=acme');
    // The CORS headers of the document's responses are applied too.
    expect(json().response.headers['Access-Control-Allow-Origin']).toBe('*');
  });

  it('resolves a Target written !Sub "${SamStateMachine}" (a SAM state machine, whose Ref is its ARN)', () => {
    const template = file(
      'sam-state-machine.yaml',
      [
        'Transform: [ServiceProxy, AWS::Serverless-2016-10-31]',
        'Resources:',
        '  SamStateMachine:',
        '    Type: AWS::Serverless::StateMachine',
        '    Properties:',
        '      Definition: { StartAt: Done, States: { Done: { Type: Succeed } } }',
        '  Start:',
        '    Type: Proxy::ServiceIntegration',
        '    Properties:',
        '      Path: /runs',
        '      Method: POST',
        '      Service: states',
        '      Action: StartExecution',
        '      Target: !Sub "${SamStateMachine}"',
        '',
      ].join('\n'),
    );
    const { code, json, stderr } = render(template, '--method', 'POST', '--path', '/runs', '--body', '{}');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json().uri).toBe('https://states.us-east-1.amazonaws.com/');
    expect(JSON.parse(json().body).stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:SamStateMachine');
  });

  it('maps Lambda throttling (429, X-Amzn-ErrorType: TooManyRequestsException) to 429 with the code', () => {
    const { code, json } = render(
      samplePath('lambda-invoke'),
      '--method',
      'POST',
      '--path',
      '/quotes/widget',
      '--body',
      '{}',
      '--response-status',
      '429',
      '--response-header',
      'X-Amzn-ErrorType: TooManyRequestsException',
      '--response-body',
      '{"Type":"User","message":"Rate Exceeded."}',
    );
    expect(code).toBe(0);
    expect(json().response.statusCode).toBe(429);
    expect(JSON.parse(json().response.body)).toEqual({ message: 'Rate Exceeded.', code: 'TooManyRequestsException' });
  });

  it('--context stage=… changes $context.stage and $context.path, as on AWS; identity.sourceIp keeps the other identity fields', () => {
    const template = file(
      'context-path.yaml',
      [
        'Transform: ServiceProxy',
        'Resources:',
        '  Q:',
        '    Type: AWS::SQS::Queue',
        '  Send:',
        '    Type: Proxy::ServiceIntegration',
        '    Properties:',
        '      Path: /orders',
        '      Method: POST',
        '      Service: sqs',
        '      Action: SendMessage',
        '      Target: !GetAtt Q.Arn',
        '      RequestTemplate: \'{"stage":"$context.stage","path":"$context.path","ip":"$context.identity.sourceIp","agent":"$context.identity.userAgent"}\'',
        '',
      ].join('\n'),
    );
    const { code, json } = render(
      template,
      '--method',
      'POST',
      '--path',
      '/orders',
      '--body',
      '{}',
      '--header',
      'User-Agent: curl/8',
      '--context',
      'stage=beta',
      '--context',
      'identity.sourceIp=203.0.113.9',
    );
    expect(code).toBe(0);
    // A nested --context value replaces that one field, not the whole identity.
    expect(JSON.parse(json().body)).toEqual({ stage: 'beta', path: '/beta/orders', ip: '203.0.113.9', agent: 'curl/8' });
  });

  it('accepts the content types a raw-body integration lists in RequestContentTypes, and names them in a 415', () => {
    const sample = samplePath('raw-body-content-types');
    const text = render(sample, '--method', 'POST', '--path', '/logs', '--header', 'Content-Type: text/plain', '--body', 'a & b');
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(text.json().body).toContain('MessageBody=a+%26+b');
    const refused = render(sample, '--method', 'POST', '--path', '/logs', '--header', 'Content-Type: image/png', '--body', 'x');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('415');
    expect(refused.stderr).toContain('the method accepts application/json, text/plain');
  });

  describe('Proxy::Api samples, both Definitions', () => {
    it('Definition: Resources (proxy-api-settings): the route on the API, with the stage variable the API sets', () => {
      const { code, json, stderr } = render(samplePath('proxy-api-settings'), '--method', 'POST', '--path', '/orders', '--body', '{"a":1}');
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(json().uri).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/Orders');
      expect(json().body).toContain('MessageAttribute.1.Name=environment&MessageAttribute.1.Value.DataType=String');
      expect(json().body).toContain('MessageAttribute.1.Value.StringValue=production');
    });

    it('Definition: OpenApi (openapi-mode): the route read from the Body, its shared templates resolved, CORS on the response', () => {
      const { code, json, stderr } = render(
        samplePath('openapi-mode'),
        '--method',
        'GET',
        '--path',
        '/items/i-1',
        '--header',
        'Origin: https://app.example.com',
        '--response-status',
        '200',
        '--response-body',
        '{"Item":{"id":{"S":"i-1"},"name":{"S":"lamp"},"n":{"N":"3"}}}',
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(json()).toMatchObject({
        uri: 'https://dynamodb.us-east-1.amazonaws.com/',
        headers: { 'X-Amz-Target': 'DynamoDB_20120810.GetItem' },
        body: '{"TableName":"Items","Key":{"id":{"S":"i-1"}}}',
        response: {
          statusCode: 200,
          headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' },
          body: '{"id":"i-1","name":"lamp","n":3}',
        },
      });
    });

    it('Definition: OpenApi: a route whose Condition is false is not in the Body (API Gateway would answer 403)', () => {
      const { code, stderr } = render(
        samplePath('openapi-mode'),
        '--method',
        'DELETE',
        '--path',
        '/items/i-1',
        '--parameter',
        'Environment=prod',
      );
      expect(code).toBe(1);
      expect(stderr).toContain('/items/{id} has no DELETE method (API Gateway would answer 403 Missing Authentication Token)');
    });

    it('Definition: OpenApi with 280 routes (openapi-mode-280-routes): one route of the many', () => {
      const { code, json, stderr } = render(
        samplePath('openapi-mode-280-routes'),
        '--method',
        'GET',
        '--path',
        '/shop07/orders/o-1',
        '--header',
        'X-Tenant: acme',
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(json().body).toBe('{"TableName":"Table3","Key":{"tenant":{"S":"acme"},"id":{"S":"o-1"}}}');
    });
  });
});

describe('render on SAM and qualified Lambda targets (samples/sam-targets.yaml)', () => {
  it.each([
    ['/quotes', 'function:QuoteFunction'],
    ['/quotes/by-name', 'function:QuoteFunction'],
    ['/quotes/live', 'function:QuoteFunction:live-1'],
    ['/quotes/stable', 'function:QuoteFunction:stable'],
    ['/quotes/version', 'function:QuoteFunction:1'],
    ['/quotes/partner', 'function:partner-quotes:prod'],
  ])('POST %s invokes %s', (path, qualified) => {
    const { code, json, stderr } = render(samplePath('sam-targets'), '--method', 'POST', '--path', path, '--body', '{}');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(json().uri).toBe(
      `https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:${qualified}/invocations`,
    );
  });
});

describe('render on a target the caller chooses (samples/target-choice.yaml)', () => {
  it.each([
    ['/streams/orders/records', 'OrdersStream'],
    ['/streams/audit/records', 'AuditStream'],
  ])('POST %s writes to %s', (path, stream) => {
    const { code, json } = render(samplePath('target-choice'), '--method', 'POST', '--path', path, '--body', '{"a":1}');
    expect(code).toBe(0);
    expect(JSON.parse(json().body).StreamName).toBe(stream);
  });

  it('renders an undeclared key as the refused request, naming no stream', () => {
    const { code, json } = render(
      samplePath('target-choice'),
      '--method',
      'POST',
      '--path',
      '/streams/OrdersStream/records',
      '--body',
      '{}',
    );
    expect(code).toBe(0);
    expect(json().body).toBe('service-proxy-refused');
  });

  it('publishes to the topic the header names', () => {
    const { json } = render(
      samplePath('target-choice'),
      '--method',
      'POST',
      '--path',
      '/alerts',
      '--header',
      'X-Alert-Level: ticket',
      '--body',
      'x',
    );
    expect(json().body).toContain(`TopicArn=${encodeURIComponent('arn:aws:sns:us-east-1:123456789012:TicketTopic')}`);
  });
});
