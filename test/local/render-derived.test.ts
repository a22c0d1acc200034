/**
 * `service-proxy render` of the actions derived from AWS's models, as a user runs it (the built CLI): the URI,
 * headers and body each protocol needs (AWS JSON, Query with the model's flattening, REST-JSON path style),
 * and the client response from a service answer or error.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { samplePath } from '../helpers/samples';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

function render(sample: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'render', samplePath(sample), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`render failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as {
    uri: string;
    integrationHttpMethod: string;
    headers: Record<string, string>;
    body: string;
    response?: { statusCode: number; body: string };
  };
}

describe('render: actions derived from AWS service models', () => {
  it('SQS ReceiveMessage: AWS JSON 1.0 on the queue path, QueueUrl from the Target, numbers typed and checked', () => {
    const out = render('sqs-receive-delete', '--method', 'GET', '--path', '/orders', '--query', 'wait=10');
    expect(out.uri).toBe('https://sqs.us-east-1.amazonaws.com/123456789012/Orders');
    expect(out.integrationHttpMethod).toBe('POST');
    expect(out.headers).toMatchObject({ 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.ReceiveMessage' });
    expect(JSON.parse(out.body)).toEqual({
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/Orders',
      MessageAttributeNames: ['All'],
      MaxNumberOfMessages: 5,
      WaitTimeSeconds: 10,
    });
    // A query value that is not an integer is left out, never sent as text where a number goes.
    const bad = render('sqs-receive-delete', '--method', 'GET', '--path', '/orders', '--query', 'wait=10,"x":1');
    expect(JSON.parse(bad.body)).not.toHaveProperty('WaitTimeSeconds');
  });

  it('SQS DeleteMessage: the receipt handle from the path, an SQS error mapped to 400 {message, code}', () => {
    const out = render(
      'sqs-receive-delete',
      '--method',
      'DELETE',
      '--path',
      '/orders/abc%2Bdef',
      '--response-status',
      '400',
      '--response-body',
      '{"__type":"com.amazonaws.sqs#ReceiptHandleIsInvalid","message":"The input receipt handle is invalid."}',
    );
    expect(out.headers['X-Amz-Target']).toBe('AmazonSQS.DeleteMessage');
    expect(JSON.parse(out.body).ReceiptHandle).toBe('abc+def');
    expect(out.response).toEqual(
      expect.objectContaining({
        statusCode: 400,
        body: '{"message":"The input receipt handle is invalid.","code":"ReceiptHandleIsInvalid"}',
      }),
    );
  });

  it('SSM GetParameter: AWS JSON 1.1 by action, the service JSON passed on', () => {
    const answer = '{"Parameter":{"Name":"/app/feature-flags","Value":"{\\"beta\\":false}"}}';
    const out = render('ssm-get-parameter', '--method', 'GET', '--path', '/flags', '--response-status', '200', '--response-body', answer);
    expect(out.uri).toBe('https://ssm.us-east-1.amazonaws.com/');
    expect(out.headers).toMatchObject({ 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AmazonSSM.GetParameter' });
    expect(JSON.parse(out.body)).toEqual({ Name: '/app/feature-flags', WithDecryption: false });
    expect(JSON.parse(out.response?.body ?? '')).toEqual(JSON.parse(answer));
  });

  it('SES SendEmail: Query form with the model flattening, from YAML lists and a list in the body; the result unwrapped', () => {
    const out = render(
      'ses-send-email',
      '--method',
      'POST',
      '--path',
      '/welcome',
      '--body',
      '{"to":["a@x.com","b&c=d@y.com"],"subject":"Hi & welcome","text":"line1\\nline2"}',
      '--response-status',
      '200',
      '--response-body',
      '{"SendEmailResponse":{"SendEmailResult":{"MessageId":"m-1"},"ResponseMetadata":{"RequestId":"r-1"}}}',
    );
    expect(out.uri).toBe('https://email.us-east-1.amazonaws.com/?Action=SendEmail');
    expect(out.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(out.body).toBe(
      [
        'Action=SendEmail',
        'Version=2010-12-01',
        'Source=hello%40example.com',
        'Destination.ToAddresses.member.1=a%40x.com',
        'Destination.ToAddresses.member.2=b%26c%3Dd%40y.com',
        'Destination.BccAddresses.member.1=archive%40example.com',
        'Message.Subject.Data=Hi+%26+welcome',
        'Message.Subject.Charset=UTF-8',
        'Message.Body.Text.Data=line1%0Aline2',
        'ReplyToAddresses.member.1=support%40example.com',
        'Tags.member.1.Name=campaign',
        'Tags.member.1.Value=welcome',
      ].join('&'),
    );
    expect(out.response).toEqual(expect.objectContaining({ statusCode: 200, body: '{"MessageId":"m-1"}' }));
  });

  it('SES SendEmail: a Query error mapped to 400 {message, code}', () => {
    const out = render(
      'ses-send-email',
      '--method',
      'POST',
      '--path',
      '/welcome',
      '--body',
      '{"to":["a@x.com"]}',
      '--response-status',
      '400',
      '--response-body',
      '{"Error":{"Code":"MessageRejected","Message":"Email address is not verified."}}',
    );
    expect(out.response).toEqual(
      expect.objectContaining({ statusCode: 400, body: '{"message":"Email address is not verified.","code":"MessageRejected"}' }),
    );
  });

  it('SageMaker runtime InvokeEndpoint: REST-JSON path style at runtime.sagemaker, the body passed through, headers mapped', () => {
    const out = render(
      'sagemaker-invoke-endpoint',
      '--method',
      'POST',
      '--path',
      '/predict',
      '--header',
      'X-Attributes: trace=1',
      '--body',
      '{"features":[1,2]}',
      '--response-status',
      '200',
      '--response-body',
      '0.93',
    );
    expect(out.uri).toBe('https://runtime.sagemaker.us-east-1.amazonaws.com/endpoints/churn-model/invocations');
    expect(out.headers).toMatchObject({
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-Amzn-SageMaker-Custom-Attributes': 'trace=1',
    });
    expect(out.body).toBe('{"features":[1,2]}');
    expect(out.response).toEqual(expect.objectContaining({ statusCode: 200, body: '0.93' }));
  });

  it('Step Functions SendTaskSuccess: the token from the path, the body sent as the output JSON text', () => {
    const out = render(
      'stepfunctions-send-task-success',
      '--method',
      'POST',
      '--path',
      '/tasks/t%2F1/success',
      '--body',
      `{"ok":true,"note":"it's"}`,
    );
    expect(out.uri).toBe('https://states.us-east-1.amazonaws.com/');
    expect(out.headers).toMatchObject({ 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AWSStepFunctions.SendTaskSuccess' });
    expect(JSON.parse(out.body)).toEqual({ taskToken: 't/1', output: `{"ok":true,"note":"it's"}` });
  });
});
