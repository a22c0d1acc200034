import { expandSample, integrationOf, renderRequest, renderResponse } from './expanded';

describe('service answers become clean client responses, never an error inside a 200', () => {
  const crud = expandSample('dynamodb-crud');
  const query = expandSample('dynamodb-query');

  it('DynamoDB GetItem: the item as plain JSON, or 404', () => {
    const getItem = integrationOf(crud, 'GetItem');
    const item = {
      Item: {
        id: { S: 'a"1' },
        n: { N: '1.5' },
        ok: { BOOL: true },
        tags: { SS: ['x'] },
        m: { M: { l: { L: [{ NULL: true }, { N: '2' }] } } },
      },
    };
    expect(JSON.parse(renderResponse(getItem, 200, JSON.stringify(item)).body)).toEqual({
      id: 'a"1',
      n: 1.5,
      ok: true,
      tags: ['x'],
      m: { l: [null, 2] },
    });
    const missing = renderResponse(getItem, 200, '{}');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ message: 'No item has this key.', code: 'NotFound' });
  });

  it('DynamoDB: a failed condition is 409, throttling 429, other client errors 400, service errors 502', () => {
    const update = integrationOf(crud, 'RenameItem');
    const error = (type: string) => JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: "it's wrong" });
    expect(renderResponse(update, 400, error('ConditionalCheckFailedException'))).toEqual({
      status: 409,
      body: '{"message":"it\'s wrong","code":"ConditionalCheckFailedException"}',
    });
    expect(renderResponse(update, 400, error('ProvisionedThroughputExceededException')).status).toBe(429);
    expect(renderResponse(update, 400, error('ValidationException')).status).toBe(400);
    expect(renderResponse(update, 500, error('InternalServerError')).status).toBe(502);
  });

  it('DynamoDB Query: items as plain JSON and a nextToken that the next request turns back into ExclusiveStartKey', () => {
    const listing = integrationOf(query, 'ListCustomerOrders');
    const lastKey = { orderId: { S: 'o/2+' }, customerId: { S: 'c1' }, createdAt: { N: '17' } };
    const page = JSON.parse(
      renderResponse(listing, 200, JSON.stringify({ Items: [{ orderId: { S: 'o1' } }], Count: 1, LastEvaluatedKey: lastKey })).body,
    );
    expect(page.items).toEqual([{ orderId: 'o1' }]);
    expect(page.count).toBe(1);
    expect(page.nextToken).toMatch(/^[A-Za-z0-9_=-]+$/);
    const next = JSON.parse(renderRequest(listing, { params: { path: { customer: 'c1' }, querystring: { nextToken: page.nextToken } } }));
    expect(next.ExclusiveStartKey).toEqual(lastKey);
    expect(JSON.parse(renderResponse(listing, 200, JSON.stringify({ Items: [], Count: 0 })).body)).toEqual({ items: [], count: 0 });
  });

  it('EventBridge: FailedEntryCount > 0 is 502 with the failed entries', () => {
    const put = integrationOf(expandSample('eventbridge-put-events'), 'PlaceOrders');
    const ok = renderResponse(put, 200, JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] }));
    expect(ok).toEqual({ status: 200, body: '{"entries":[{"eventId":"e1"}]}' });
    const failed = renderResponse(
      put,
      200,
      JSON.stringify({ FailedEntryCount: 1, Entries: [{ EventId: 'e1' }, { ErrorCode: 'InternalFailure', ErrorMessage: 'x' }] }),
    );
    expect(failed.status).toBe(502);
    expect(JSON.parse(failed.body).entries[1]).toEqual({ errorCode: 'InternalFailure', errorMessage: 'x' });
  });

  it('Step Functions StartSyncExecution: the output on success, 502/504 with error and cause otherwise', () => {
    const sync = integrationOf(expandSample('stepfunctions-executions'), 'GetQuote');
    expect(renderResponse(sync, 200, JSON.stringify({ status: 'SUCCEEDED', output: '{"price":42}' }))).toEqual({
      status: 200,
      body: '{"price":42}',
    });
    const failed = renderResponse(
      sync,
      200,
      JSON.stringify({ status: 'FAILED', error: 'States.TaskFailed', cause: 'boom "x"', executionArn: 'arn' }),
    );
    expect(failed.status).toBe(502);
    expect(JSON.parse(failed.body)).toEqual({ message: 'boom "x"', code: 'States.TaskFailed', status: 'FAILED', executionArn: 'arn' });
    expect(renderResponse(sync, 200, JSON.stringify({ status: 'TIMED_OUT' })).status).toBe(504);
    const started = integrationOf(expandSample('stepfunctions-executions'), 'StartOrder');
    expect(JSON.parse(renderResponse(started, 200, JSON.stringify({ executionArn: 'arn:x', startDate: 1.7e9 })).body)).toEqual({
      executionArn: 'arn:x',
      startDate: 1.7e9,
    });
    expect(renderResponse(started, 400, JSON.stringify({ __type: 'ExecutionAlreadyExists', message: 'dup' })).status).toBe(409);
  });

  it('S3: XML errors get fixed JSON bodies by status; objects pass through', () => {
    const get = integrationOf(expandSample('s3-objects'), 'GetFile');
    const xml = '<Error><Code>NoSuchKey</Code></Error>';
    expect(renderResponse(get, 404, xml)).toEqual({ status: 404, body: '{"message":"No object has this key.","code":"NotFound"}' });
    expect(renderResponse(get, 403, xml).status).toBe(403);
    expect(renderResponse(get, 409, xml).status).toBe(400);
    expect(renderResponse(get, 503, xml).status).toBe(502);
    expect(renderResponse(get, 206, 'bytes')).toEqual({ status: 206, body: 'bytes' });
    expect(renderResponse(get, 200, '\u0000binary')).toEqual({ status: 200, body: '\u0000binary' });
  });

  it('Kinesis PutRecords and Firehose PutRecordBatch: partial failure is 502', () => {
    const records = integrationOf(expandSample('kinesis-put-records'), 'PutClicks');
    expect(
      renderResponse(
        records,
        200,
        JSON.stringify({ FailedRecordCount: 1, Records: [{ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow' }] }),
      ).status,
    ).toBe(502);
    expect(
      JSON.parse(
        renderResponse(records, 200, JSON.stringify({ FailedRecordCount: 0, Records: [{ SequenceNumber: '1', ShardId: 's' }] })).body,
      ),
    ).toEqual({ records: [{ sequenceNumber: '1', shardId: 's' }] });
    const batch = integrationOf(expandSample('firehose-put-record'), 'PutLogs');
    expect(renderResponse(batch, 200, JSON.stringify({ FailedPutCount: 2, RequestResponses: [] })).status).toBe(502);
  });
});

describe('IAM is least privilege', () => {
  const statements = (name: string) =>
    (expandSample(name).Resources as Record<string, any>).ServiceProxyApiRole.Properties.Policies[0].PolicyDocument.Statement as unknown[];

  it('Query on an index may read only that index; S3 reads add ListBucket on the bucket only (404 for missing keys)', () => {
    expect(statements('dynamodb-query')).toEqual([
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Sub': '${Orders.Arn}/index/byCustomer' } },
      { Effect: 'Allow', Action: 'dynamodb:Scan', Resource: { 'Fn::GetAtt': ['Orders', 'Arn'] } },
    ]);
    expect(statements('s3-objects')).toContainEqual({
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: { 'Fn::GetAtt': ['Files', 'Arn'] },
    });
  });

  it('never uses * except where the user wrote it for an action without resource-level permissions', () => {
    for (const name of [
      'dynamodb-crud',
      'eventbridge-put-events',
      'kinesis-put-records',
      'firehose-put-record',
      'stepfunctions-executions',
      's3-objects',
      'lambda-invoke',
    ]) {
      expect(JSON.stringify(statements(name))).not.toContain('"*"');
    }
    expect(statements('generic-translate')).toEqual([{ Effect: 'Allow', Action: 'translate:TranslateText', Resource: '*' }]);
  });
});
