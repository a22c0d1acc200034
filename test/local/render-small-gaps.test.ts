/** `service-proxy render samples/small-gaps.yaml`: what API Gateway would send for each small gap of issue 18. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { samplePath } from '../helpers/samples';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function render(...args: string[]) {
  return renderSample('small-gaps', ...args);
}

function renderSample(sample: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'render', samplePath(sample), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`render failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('service-proxy render small-gaps', () => {
  it('reads a path parameter with a dash ({item-id})', () => {
    const { body } = render('--method', 'GET', '--path', '/items/a-1');
    expect(JSON.parse(body)).toEqual({ TableName: 'Items', Key: { id: { S: 'a-1' } } });
  });

  it('asks DeleteItem for the old item (ReturnValues: ALL_OLD) and answers it as plain JSON', () => {
    const result = render(
      '--method',
      'DELETE',
      '--path',
      '/items/a-1',
      '--response-status',
      '200',
      '--response-body',
      '{"Attributes":{"id":{"S":"a-1"},"name":{"S":"old"}}}',
    );
    expect(JSON.parse(result.body)).toEqual({ TableName: 'Items', Key: { id: { S: 'a-1' } }, ReturnValues: 'ALL_OLD' });
    expect([result.response.statusCode, JSON.parse(result.response.body)]).toEqual([200, { id: 'a-1', name: 'old' }]);
  });

  it('asks UpdateItem for the values it replaced (ReturnValues: UPDATED_OLD)', () => {
    const { body } = render('--method', 'PATCH', '--path', '/items/a-1', '--body', '{"name":"new"}');
    expect(JSON.parse(body)).toMatchObject({ UpdateExpression: 'SET #name = :name', ReturnValues: 'UPDATED_OLD' });
  });

  it('publishes an SMS to the phone number from the body, with the AWS.SNS.SMS.* attributes, and no topic', () => {
    const { uri, body } = render(
      '--method',
      'POST',
      '--path',
      '/verification-codes',
      '--body',
      '{"phone":"+14155550100","text":"Code: 1 & 2"}',
    );
    expect(uri).toBe('https://sns.us-east-1.amazonaws.com/');
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      Action: 'Publish',
      Version: '2010-03-31',
      Message: 'Code: 1 & 2',
      PhoneNumber: '+14155550100',
      'MessageAttributes.entry.1.Name': 'AWS.SNS.SMS.SMSType',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'Transactional',
      'MessageAttributes.entry.2.Name': 'AWS.SNS.SMS.SenderID',
      'MessageAttributes.entry.2.Value.DataType': 'String',
      'MessageAttributes.entry.2.Value.StringValue': 'Example',
      'MessageAttributes.entry.3.Name': 'AWS.SNS.SMS.MaxPrice',
      'MessageAttributes.entry.3.Value.DataType': 'Number',
      'MessageAttributes.entry.3.Value.StringValue': '0.50',
    });
  });

  it('fills a !Sub RequestTemplate with the bus name and a parameter value that holds quotes, $ and #, as text', () => {
    const source = `it's "$prod" #1 \\ \${x}`;
    const { body } = render('--method', 'POST', '--path', '/orders', '--parameter', `EventSource=${source}`, '--body', '{"id":"o-1"}');
    // The template writes the values between JSON quotes itself: what it receives is exactly the text.
    expect(body).toBe(
      `{"Entries":[{"EventBusName":"orders","Source":"${source}","DetailType":"OrderPlaced", "Detail":"{\\"id\\":\\"o-1\\"}"}]}`,
    );
  });
});

describe('service-proxy render openapi3-body-api', () => {
  it('renders the integration merged into an OpenAPI 3.0 Body, and the mock route the Body already had', () => {
    const { uri, body } = renderSample(
      'openapi3-body-api',
      '--method',
      'POST',
      '--path',
      '/items/i-1',
      '--header',
      'X-Tenant: acme',
      '--body',
      '{"name":"lamp"}',
    );
    expect(uri).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/Items');
    expect(new URLSearchParams(body).get('MessageAttribute.1.Value.StringValue')).toBe('i-1');
    const ping = renderSample('openapi3-body-api', '--method', 'GET', '--path', '/ping', '--response-status', '200');
    expect(JSON.parse(ping.response.body)).toEqual({ status: 'ok' });
  });
});
