/** What public hand-written templates exposed when rewritten with Proxy::ServiceIntegration: one behaviour per defect. */
import { propertiesSchema } from '../macro/schema/schema';
import { transformTemplate } from '../macro/transform';
import type { Json, JsonObject } from '../macro/types';
import { expandSample, integrationOf, renderResponse } from './services/expanded';

/** Expands a fragment; the template on success, the diagnostics' messages by path otherwise. */
function expand(resources: JsonObject, parameters: JsonObject = {}) {
  const parameterValues = Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, (p as JsonObject).Default as Json]));
  return transformTemplate({ Parameters: parameters, Resources: resources }, { templateParameterValues: parameterValues, params: {} });
}

function diagnosticsOf(resources: JsonObject): { path: string; message: string; logicalId?: string }[] {
  const result = expand(resources);
  if (result.ok) throw new Error('expected diagnostics');
  return result.diagnostics.map(({ logicalId, path, message }) => ({ logicalId, path, message }));
}

function resourcesOf(resources: JsonObject): Record<string, any> {
  const result = expand(resources);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics, null, 2));
  return result.template.Resources as Record<string, any>;
}

const queue = { Type: 'AWS::SQS::Queue' };
const sendMessage = { Path: '/orders', Method: 'POST', Service: 'sqs', Action: 'SendMessage', Target: { 'Fn::GetAtt': ['Orders', 'Arn'] } };

describe('targets through intrinsics', () => {
  it('a generic-mode Target known only at deploy time calls the service in the stack Region (the ARN may have no Region)', () => {
    const resources = resourcesOf({
      Role: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: '/roles',
          Method: 'POST',
          Service: 'iam',
          Action: 'GetRole',
          Protocol: 'query',
          ApiVersion: '2010-05-08',
          Target: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/app' },
        },
      },
    });
    expect(JSON.stringify(resources.RoleMethod.Properties.Integration.Uri)).not.toContain('Fn::Select');
    expect(resources.RoleMethod.Properties.Integration.Uri).toEqual({
      'Fn::Sub': 'arn:${AWS::Partition}:apigateway:${AWS::Region}:iam:action/GetRole',
    });
  });
});

describe('custom responses keep the partial-failure check', () => {
  const template = expandSample('batch-custom-responses');

  it.each([
    [
      'PublishEvents',
      { FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }] },
      'entries',
      'InternalFailure',
    ],
    [
      'PutClicks',
      {
        FailedRecordCount: 1,
        Records: [
          { SequenceNumber: '1', ShardId: 's' },
          { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow' },
        ],
      },
      'records',
      'ProvisionedThroughputExceededException',
    ],
    [
      'PutLogs',
      { FailedPutCount: 1, RequestResponses: [{ RecordId: 'r1' }, { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'x' }] },
      'records',
      'ServiceUnavailableException',
    ],
  ])("%s: a partial failure is 502 with the first failed entry's code, not the custom 202", (id, answer, list, code) => {
    const failed = renderResponse(integrationOf(template, id), 200, JSON.stringify(answer));
    expect(failed.status).toBe(502);
    const body = JSON.parse(failed.body);
    expect(body.code).toBe(code);
    expect(body[list]).toHaveLength(2);
  });

  it('the custom body and status still answer a full success', () => {
    const ok = renderResponse(
      integrationOf(template, 'PutLogs'),
      200,
      JSON.stringify({ FailedPutCount: 0, RequestResponses: [{ RecordId: 'r1' }] }),
    );
    expect(ok).toEqual({ status: 202, body: '{"status":"accepted"}' });
    const clicks = renderResponse(
      integrationOf(template, 'PutClicks'),
      200,
      JSON.stringify({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] }),
    );
    expect(clicks.status).toBe(202);
    expect(JSON.parse(clicks.body)).toEqual({ status: 'accepted', records: [{ SequenceNumber: '1', ShardId: 's' }] });
  });

  it('the default Kinesis PutRecords 502 carries the code of the failed record, also when the first one succeeded', () => {
    const records = integrationOf(expandSample('kinesis-put-records'), 'PutClicks');
    const failed = renderResponse(
      records,
      200,
      JSON.stringify({
        FailedRecordCount: 1,
        Records: [
          { SequenceNumber: '1', ShardId: 's' },
          { ErrorCode: 'InternalFailure', ErrorMessage: 'x' },
        ],
      }),
    );
    expect(failed.status).toBe(502);
    expect(JSON.parse(failed.body).code).toBe('InternalFailure');
  });
});

describe('CORS', () => {
  it('AllowMethods that lists OPTIONS does not list it twice in the preflight', () => {
    const resources = resourcesOf({
      Orders: queue,
      Send: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { ...sendMessage, Cors: { AllowOrigins: ['*'], AllowMethods: ['POST', 'OPTIONS'] } },
      },
    });
    const preflight = Object.values(resources).find((r) => r.Type === 'AWS::ApiGateway::Method' && r.Properties.HttpMethod === 'OPTIONS');
    const allowMethods =
      preflight.Properties.Integration.IntegrationResponses[0].ResponseParameters['method.response.header.Access-Control-Allow-Methods'];
    expect(allowMethods).toBe("'POST,OPTIONS'");
  });
});

describe('messages that explain', () => {
  it('a nested map in Response.Body is shaped as written (issue 18), and a request body selector in it says why it cannot be', () => {
    const nested = expand({
      Orders: queue,
      Send: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { ...sendMessage, Response: { Body: { order: { id: '$response.body.x' } } } },
      },
    });
    expect(nested.ok).toBe(true);
    const [problem] = diagnosticsOf({
      Orders: queue,
      Send: {
        Type: 'Proxy::ServiceIntegration',
        Properties: { ...sendMessage, Response: { Body: { order: { id: '$request.body.x' } } } },
      },
    });
    expect(problem?.path).toBe('Properties.Response.Body.order.id');
    expect(problem?.message).toContain('the request body is not available when the answer is mapped');
  });

  it('parameters of the generated template (DynamoDB Key) are not required when RequestTemplate replaces it', () => {
    const resources = resourcesOf({
      Table: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        },
      },
      GetItem: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: '/items/{id}',
          Method: 'GET',
          Service: 'dynamodb',
          Action: 'GetItem',
          Target: { 'Fn::GetAtt': ['Table', 'Arn'] },
          RequestTemplate: '{"TableName":"items","Key":{"id":{"S":"$input.params(\'id\')"}}}',
        },
      },
    });
    expect(resources.GetItemMethod.Properties.Integration.RequestTemplates['application/json']).toContain('"Key"');
  });
});

describe('RequestContentTypes', () => {
  it('registers the generated request template for every listed content type', () => {
    const resources = resourcesOf({
      Orders: queue,
      Send: { Type: 'Proxy::ServiceIntegration', Properties: { ...sendMessage, RequestContentTypes: ['application/json', 'Text/Plain'] } },
    });
    const templates = resources.SendMethod.Properties.Integration.RequestTemplates;
    expect(Object.keys(templates)).toEqual(['application/json', 'text/plain']);
    expect(templates['text/plain']).toEqual(templates['application/json']);
  });

  it.each([
    [{ RequestTemplate: { 'text/plain': 'Action=SendMessage' } }, 'RequestTemplate already names its content types'],
    [{ RequestContentTypes: ['text'] }, 'expected a media type such as text/plain'],
  ])('is checked: %j', (extra, message) => {
    const [problem] = diagnosticsOf({
      Orders: queue,
      Send: { Type: 'Proxy::ServiceIntegration', Properties: { ...sendMessage, RequestContentTypes: ['text/plain'], ...extra } },
    });
    expect(problem?.path).toMatch(/^Properties\.RequestContentTypes/);
    expect(problem?.message).toContain(message);
  });

  it('is refused where the body passes through untouched (S3 objects accept every content type)', () => {
    const [problem] = diagnosticsOf({
      Files: { Type: 'AWS::S3::Bucket' },
      Put: {
        Type: 'Proxy::ServiceIntegration',
        Properties: {
          Path: '/f/{key}',
          Method: 'PUT',
          Service: 's3',
          Action: 'PutObject',
          Target: { Ref: 'Files' },
          RequestContentTypes: ['text/plain'],
        },
      },
    });
    expect(problem?.message).toContain('passes the request body through');
  });

  it('is in the published JSON Schema', () => {
    expect(propertiesSchema.properties.RequestContentTypes.items.pattern).toBeDefined();
  });
});
