/** End-to-end checks of the embedded emulators with the real AWS SDK v3 clients and API-Gateway-style requests. */

import { DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { CreateEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateDeliveryStreamCommand,
  FirehoseClient,
  PutRecordCommand as FirehosePutRecordCommand,
  PutRecordBatchCommand,
} from '@aws-sdk/client-firehose';
import { GetRecordsCommand, GetShardIteratorCommand, KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { CreateTopicCommand, ListTopicsCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { type RunningEmulators, startEmulators } from '../../emulators';
import { form, sendAsApiGateway } from './api-gateway-request';

const ACCOUNT = '123456789012';
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const passMachine = {
  StartAt: 'Shape',
  States: {
    Shape: { Type: 'Pass', Parameters: { 'orderId.$': '$.id', source: 'local' }, Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.orderId', StringEquals: 'bad', Next: 'Reject' }],
      Default: 'Fan',
    },
    Reject: { Type: 'Fail', Error: 'OrderRejected', Cause: 'order id is bad' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 1, Next: 'C' }, C: { Type: 'Pass', Result: 'b', End: true } } },
      ],
      ResultPath: '$.branches',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.branches',
      ItemProcessor: { StartAt: 'Up', States: { Up: { Type: 'Pass', Parameters: { 'v.$': '$' }, End: true } } },
      ResultPath: '$.mapped',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

let emulators: RunningEmulators;
let startMillis = 0;

beforeAll(async () => {
  const started = Date.now();
  emulators = await startEmulators(
    {
      queues: [
        { name: 'orders' },
        { name: 'orders.fifo', fifo: true },
        { name: 'fanout' },
        { name: 'raw' },
        { name: 'audit.fifo', fifo: true },
      ],
      tables: [
        {
          name: 'orders-table',
          keySchema: [
            { attributeName: 'pk', keyType: 'HASH' },
            { attributeName: 'sk', keyType: 'RANGE' },
          ],
          attributeDefinitions: [
            { attributeName: 'pk', attributeType: 'S' },
            { attributeName: 'sk', attributeType: 'S' },
            { attributeName: 'status', attributeType: 'S' },
          ],
          globalSecondaryIndexes: [{ indexName: 'by-status', keySchema: [{ attributeName: 'status', keyType: 'HASH' }] }],
        },
      ],
      streams: [{ name: 'clicks' }],
      buckets: [{ name: 'uploads' }],
      topics: [
        {
          name: 'order-events',
          subscriptions: [
            { protocol: 'sqs', queueName: 'fanout' },
            { protocol: 'sqs', queueName: 'raw', rawMessageDelivery: true },
          ],
        },
        { name: 'audit.fifo', fifo: true, subscriptions: [{ protocol: 'sqs', queueName: 'audit.fifo' }] },
      ],
      eventBuses: [{ name: 'orders-bus' }],
      deliveryStreams: [{ name: 'analytics' }],
      stateMachines: [
        { name: 'express-flow', type: 'EXPRESS', definition: passMachine },
        { name: 'standard-flow', definition: JSON.stringify(passMachine) },
        {
          name: 'task-flow',
          type: 'EXPRESS',
          definition: { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } },
        },
        {
          name: 'slow-flow',
          type: 'EXPRESS',
          definition: { TimeoutSeconds: 1, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 5, End: true } } },
        },
      ],
    },
    { stepFunctions: {} },
  );
  startMillis = Date.now() - started;
  console.log(`emulators started in ${startMillis} ms (per service: ${JSON.stringify(emulators.startupMillis)})`);
});

afterAll(async () => {
  const started = Date.now();
  await emulators.stop();
  console.log(`emulators stopped in ${Date.now() - started} ms`);
});

describe('startEmulators', () => {
  it('starts every needed service on a loopback port', () => {
    expect(Object.keys(emulators.endpoints).sort()).toEqual(['dynamodb', 'events', 'firehose', 'kinesis', 's3', 'sns', 'sqs', 'states']);
    for (const url of Object.values(emulators.endpoints)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('sqs', () => {
  it('accepts API Gateway query-protocol SendMessage posted to /{account}/{queue} and answers JSON', async () => {
    // Arrange
    const body = form({
      Action: 'SendMessage',
      MessageBody: '{"order":"a&b=c+d%"}',
      'MessageAttribute.1.Name': 'kind',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'new',
    });
    // Act
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.sqs!,
      service: 'sqs',
      path: `/${ACCOUNT}/orders`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
    });
    // Assert
    expect(response.status).toBe(200);
    const parsed = JSON.parse(response.text);
    expect(parsed.SendMessageResponse.SendMessageResult).toEqual({
      MD5OfMessageAttributes: expect.any(String),
      MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/),
      MD5OfMessageSystemAttributes: null,
      MessageId: expect.any(String),
      SequenceNumber: null,
    });
    expect(parsed.SendMessageResponse.ResponseMetadata.RequestId).toEqual(expect.any(String));
    const state = await emulators.state();
    const sent = state.queues.orders!.find((m) => m.messageId === parsed.SendMessageResponse.SendMessageResult.MessageId);
    expect(sent?.body).toBe('{"order":"a&b=c+d%"}');
    expect(sent?.messageAttributes.kind).toEqual({ DataType: 'String', StringValue: 'new' });
  });

  it('answers XML when the caller does not accept JSON', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.sqs!,
      service: 'sqs',
      path: `/${ACCOUNT}/orders`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ Action: 'SendMessage', MessageBody: 'xml please' }),
    });
    expect(response.status).toBe(200);
    expect(response.text).toContain('<SendMessageResponse');
  });

  it('returns the query-protocol JSON error for a missing queue and for FIFO without MessageGroupId', async () => {
    const missing = await sendAsApiGateway({
      endpoint: emulators.endpoints.sqs!,
      service: 'sqs',
      path: `/${ACCOUNT}/nope`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({ Action: 'SendMessage', MessageBody: 'x' }),
    });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({
      Error: { Code: 'AWS.SimpleQueueService.NonExistentQueue', Message: expect.any(String), Type: 'Sender' },
      RequestId: expect.any(String),
    });
    const fifo = await sendAsApiGateway({
      endpoint: emulators.endpoints.sqs!,
      service: 'sqs',
      path: `/${ACCOUNT}/orders.fifo`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({ Action: 'SendMessage', MessageBody: 'x' }),
    });
    expect(fifo.status).toBe(400);
    expect(JSON.parse(fifo.text).Error.Code).toBe('MissingParameter');
  });

  it('supports SendMessageBatch in query protocol', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.sqs!,
      service: 'sqs',
      path: `/${ACCOUNT}/orders.fifo`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({
        Action: 'SendMessageBatch',
        'SendMessageBatchRequestEntry.1.Id': 'one',
        'SendMessageBatchRequestEntry.1.MessageBody': 'first',
        'SendMessageBatchRequestEntry.1.MessageGroupId': 'g',
        'SendMessageBatchRequestEntry.1.MessageDeduplicationId': 'd1',
        'SendMessageBatchRequestEntry.2.Id': 'two',
        'SendMessageBatchRequestEntry.2.MessageBody': 'second',
        'SendMessageBatchRequestEntry.2.MessageGroupId': 'g',
        'SendMessageBatchRequestEntry.2.MessageDeduplicationId': 'd2',
      }),
    });
    expect(response.status).toBe(200);
    const result = JSON.parse(response.text).SendMessageBatchResponse.SendMessageBatchResult;
    expect(result.successful.map((s: { Id: string }) => s.Id)).toEqual(['one', 'two']);
    expect(result.failed).toEqual([]);
  });

  it('works with the SDK v3 client (JSON protocol) and state() does not consume messages', async () => {
    const sqs = new SQSClient({ endpoint: emulators.endpoints.sqs, region: 'us-east-1', credentials });
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-queue' }));
    expect(QueueUrl).toBe(`${emulators.endpoints.sqs}/${ACCOUNT}/sdk-queue`);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'via sdk' }));
    expect((await emulators.state()).queues['sdk-queue']!.map((m) => m.body)).toEqual(['via sdk']);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((m) => m.Body)).toEqual(['via sdk']);
    sqs.destroy();
  });
});

describe('sns', () => {
  it('publishes as API Gateway does and fans the envelope out to SQS, raw delivery bare', async () => {
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:order-events`;
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.sns!,
      service: 'sns',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({
        Action: 'Publish',
        TopicArn: topicArn,
        Message: '{"id":"o-1"}',
        Subject: 'New order',
        'MessageAttributes.entry.1.Name': 'channel',
        'MessageAttributes.entry.1.Value.DataType': 'String',
        'MessageAttributes.entry.1.Value.StringValue': 'web',
      }),
    });
    expect(response.status).toBe(200);
    const published = JSON.parse(response.text);
    expect(published).toEqual({
      PublishResponse: {
        PublishResult: { MessageId: expect.any(String), SequenceNumber: null },
        ResponseMetadata: { RequestId: expect.any(String) },
      },
    });
    const state = await emulators.state();
    const [delivered] = state.queues.fanout!;
    const envelope = JSON.parse(delivered!.body);
    expect(envelope).toMatchObject({
      Type: 'Notification',
      MessageId: published.PublishResponse.PublishResult.MessageId,
      TopicArn: topicArn,
      Subject: 'New order',
      Message: '{"id":"o-1"}',
      SignatureVersion: '1',
      MessageAttributes: { channel: { Type: 'String', Value: 'web' } },
    });
    expect(state.queues.raw![0]).toMatchObject({
      body: '{"id":"o-1"}',
      messageAttributes: { channel: { DataType: 'String', StringValue: 'web' } },
    });
    expect(state.topics['order-events']![0]!.deliveries.map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('requires MessageGroupId on FIFO topics and delivers to FIFO queues', async () => {
    const topicArn = `arn:aws:sns:us-east-1:${ACCOUNT}:audit.fifo`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const missing = await sendAsApiGateway({
      endpoint: emulators.endpoints.sns!,
      service: 'sns',
      headers,
      body: form({ Action: 'Publish', TopicArn: topicArn, Message: 'm' }),
    });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({
      Error: {
        Code: 'InvalidParameter',
        Message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics',
        Type: 'Sender',
      },
      RequestId: expect.any(String),
    });
    const ok = await sendAsApiGateway({
      endpoint: emulators.endpoints.sns!,
      service: 'sns',
      headers,
      body: form({ Action: 'Publish', TopicArn: topicArn, Message: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd' }),
    });
    expect(JSON.parse(ok.text).PublishResponse.PublishResult.SequenceNumber).toMatch(/^\d+$/);
    expect((await emulators.state()).queues['audit.fifo']!.map((m) => JSON.parse(m.body).Message)).toEqual(['m']);
  });

  it('answers NotFound (404) for a missing topic, as JSON and as XML for the SDK', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.sns!,
      service: 'sns',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form({ Action: 'Publish', TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:missing`, Message: 'm' }),
    });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.text).Error).toEqual({ Code: 'NotFound', Message: 'Topic does not exist', Type: 'Sender' });
    const sns = new SNSClient({ endpoint: emulators.endpoints.sns, region: 'us-east-1', credentials });
    await expect(
      sns.send(new PublishCommand({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:missing`, Message: 'm' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    sns.destroy();
  });

  it('works with the SDK v3 client: CreateTopic, Subscribe, Publish, ListTopics', async () => {
    const sns = new SNSClient({ endpoint: emulators.endpoints.sns, region: 'us-east-1', credentials });
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'sdk-topic' }));
    expect(TopicArn).toBe(`arn:aws:sns:us-east-1:${ACCOUNT}:sdk-topic`);
    const { SubscriptionArn } = await sns.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders` }),
    );
    expect(SubscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:sdk-topic:/);
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn, Message: 'hello <xml> & co' }));
    expect(MessageId).toEqual(expect.any(String));
    const { Topics } = await sns.send(new ListTopicsCommand({}));
    expect(Topics?.map((t) => t.TopicArn)).toContain(TopicArn);
    await expect(sns.send(new PublishCommand({ TopicArn, Message: '' }))).rejects.toMatchObject({ name: 'InvalidParameterException' });
    sns.destroy();
  });
});

describe('events', () => {
  it('accepts PutEvents as API Gateway sends it and reports per-entry failures', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.events!,
      service: 'events',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [
          { Source: 'orders', DetailType: 'OrderPlaced', Detail: '{"id":"o-1"}', EventBusName: 'orders-bus' },
          { Source: 'orders', DetailType: 'OrderPlaced', Detail: '[1]' },
          { Source: 'orders', DetailType: 'OrderPlaced', Detail: '{}', EventBusName: 'nope' },
          { DetailType: 'OrderPlaced', Detail: '{}' },
          {
            Source: 'orders',
            DetailType: 'ByArn',
            Detail: '{"a":1}',
            EventBusName: `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/default`,
          },
        ],
      }),
    });
    expect(response.status).toBe(200);
    const parsed = JSON.parse(response.text);
    expect(parsed.FailedEntryCount).toBe(3);
    expect(parsed.Entries.map((e: { ErrorCode?: string }) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'NotFoundException',
      'InvalidArgument',
      'ok',
    ]);
    const state = await emulators.state();
    expect(state.events['orders-bus']!.map((e) => e.detail)).toEqual([{ id: 'o-1' }]);
    expect(state.events.default!.map((e) => e['detail-type'])).toContain('ByArn');
  });

  it('answers {__type, message} errors and survives malformed bodies', async () => {
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' };
    const malformed = await sendAsApiGateway({ endpoint: emulators.endpoints.events!, service: 'events', headers, body: '{not json' });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.text).__type).toBe('SerializationException');
    const empty = await sendAsApiGateway({ endpoint: emulators.endpoints.events!, service: 'events', headers, body: '{"Entries":[]}' });
    expect(JSON.parse(empty.text).__type).toBe('ValidationException');
    const unknown = await sendAsApiGateway({
      endpoint: emulators.endpoints.events!,
      service: 'events',
      headers: { ...headers, 'x-amz-target': 'AWSEvents.Nope' },
      body: '{}',
    });
    expect(JSON.parse(unknown.text).__type).toBe('UnknownOperationException');
  });

  it('works with the SDK v3 client', async () => {
    const events = new EventBridgeClient({ endpoint: emulators.endpoints.events, region: 'us-east-1', credentials });
    const { EventBusArn } = await events.send(new CreateEventBusCommand({ Name: 'sdk-bus' }));
    expect(EventBusArn).toBe(`arn:aws:events:us-east-1:${ACCOUNT}:event-bus/sdk-bus`);
    const result = await events.send(
      new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{"x":1}', EventBusName: 'sdk-bus' }] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    await expect(events.send(new CreateEventBusCommand({ Name: 'sdk-bus' }))).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    events.destroy();
  });
});

describe('firehose', () => {
  it('stores PutRecord data decoded and rejects a missing stream', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.firehose!,
      service: 'firehose',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Firehose_20150804.PutRecord' },
      body: JSON.stringify({ DeliveryStreamName: 'analytics', Record: { Data: Buffer.from('{"click":1}').toString('base64') } }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ RecordId: expect.any(String), Encrypted: false });
    expect((await emulators.state()).deliveryStreams.analytics!.map((r) => r.text)).toEqual(['{"click":1}']);

    const firehose = new FirehoseClient({ endpoint: emulators.endpoints.firehose, region: 'us-east-1', credentials });
    await expect(
      firehose.send(new FirehosePutRecordCommand({ DeliveryStreamName: 'nope', Record: { Data: Buffer.from('x') } })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await firehose.send(new CreateDeliveryStreamCommand({ DeliveryStreamName: 'sdk-stream' }));
    const batch = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: 'sdk-stream', Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }] }),
    );
    expect(batch.FailedPutCount).toBe(0);
    expect(batch.RequestResponses).toHaveLength(2);
    firehose.destroy();
  });
});

describe('states', () => {
  const sfn = () => new SFNClient({ endpoint: emulators.endpoints.states, region: 'us-east-1', credentials, disableHostPrefix: true });

  it('runs an EXPRESS machine synchronously (Pass, Choice, Parallel, Wait, Map) and reports FAILED with error and cause', async () => {
    const client = sfn();
    const stateMachineArn = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:express-flow`;
    const ok = await client.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"id":"o-1"}' }));
    expect(ok.status).toBe('SUCCEEDED');
    expect(JSON.parse(ok.output!)).toEqual({ orderId: 'o-1', source: 'local', branches: ['a', 'b'], mapped: [{ v: 'a' }, { v: 'b' }] });
    const failed = await client.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"id":"bad"}' }));
    expect(failed).toMatchObject({ status: 'FAILED', error: 'OrderRejected', cause: 'order id is bad' });
    client.destroy();
  });

  it('answers StartSyncExecution like API Gateway gets it, and TIMED_OUT on TimeoutSeconds', async () => {
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.states!,
      service: 'states',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartSyncExecution' },
      body: JSON.stringify({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:slow-flow`, input: '{}' }),
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('fails Task states with unsupported resources with a clear error', async () => {
    const client = sfn();
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:task-flow`, input: '{}' }),
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('UnsupportedTaskResource');
    expect(result.cause).toContain("'arn:aws:states:::lambda:invoke'");
    client.destroy();
  });

  it('starts STANDARD executions asynchronously, rejects duplicate names and sync starts', async () => {
    const client = sfn();
    const stateMachineArn = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:standard-flow`;
    const started = await client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"id":"o-2"}' }));
    expect(started.executionArn).toBe(`arn:aws:states:us-east-1:${ACCOUNT}:execution:standard-flow:run-1`);
    expect(started.startDate).toBeInstanceOf(Date);
    expect((await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }))).status).toBe('RUNNING');
    await expect(client.send(new StartExecutionCommand({ stateMachineArn, name: 'run-1', input: '{"id":"other"}' }))).rejects.toMatchObject(
      {
        name: 'ExecutionAlreadyExists',
      },
    );
    await expect(client.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{}' }))).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
    await emulators.settled();
    const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output!).orderId).toBe('o-2');
    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions?.map((e) => e.name)).toEqual(['run-1']);
    expect((await emulators.state()).executions['standard-flow']!.map((e) => e.status)).toEqual(['SUCCEEDED']);
    client.destroy();
  });

  it('reports AWS error codes for bad requests', async () => {
    const client = sfn();
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:nope` })),
    ).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:express-flow`, input: "{'bad'}" }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      client.send(new DescribeExecutionCommand({ executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:x:y` })),
    ).rejects.toMatchObject({
      name: 'ExecutionDoesNotExist',
    });
    await expect(
      client.send(
        new CreateStateMachineCommand({
          name: 'broken',
          roleArn: 'arn:aws:iam::123456789012:role/r',
          definition: '{"StartAt":"X","States":{}}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
    client.destroy();
  });
});

describe('s3, dynamodb and kinesis', () => {
  it('puts and gets S3 objects (S3RVER credentials, path style) and lists them in state()', async () => {
    const s3 = new S3Client({
      endpoint: emulators.endpoints.s3,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'a/b.json', Body: '{"x":1}', ContentType: 'application/json' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'a/b.json' }));
    expect(await got.Body?.transformToString()).toBe('{"x":1}');
    await expect(s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: 'missing' }))).rejects.toMatchObject({ name: 'NoSuchKey' });
    expect((await emulators.state()).buckets.uploads).toEqual([
      { key: 'a/b.json', size: 7, contentType: 'application/json', etag: expect.any(String), body: '{"x":1}' },
    ]);
    s3.destroy();
  });

  it('puts, gets and queries DynamoDB items (GSI included), also as API Gateway posts them', async () => {
    const ddb = new DynamoDBClient({ endpoint: emulators.endpoints.dynamodb, region: 'us-east-1', credentials });
    await ddb.send(new PutItemCommand({ TableName: 'orders-table', Item: { pk: { S: 'c1' }, sk: { S: 'o1' }, status: { S: 'new' } } }));
    const response = await sendAsApiGateway({
      endpoint: emulators.endpoints.dynamodb!,
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: JSON.stringify({ TableName: 'orders-table', Item: { pk: { S: 'c1' }, sk: { S: 'o2' }, status: { S: 'paid' } } }),
    });
    expect(response.status).toBe(200);
    const got = await ddb.send(new GetItemCommand({ TableName: 'orders-table', Key: { pk: { S: 'c1' }, sk: { S: 'o1' } } }));
    expect(got.Item?.status).toEqual({ S: 'new' });
    const queried = await ddb.send(
      new QueryCommand({
        TableName: 'orders-table',
        IndexName: 'by-status',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'paid' } },
      }),
    );
    expect(queried.Items?.map((i) => i.sk?.S)).toEqual(['o2']);
    expect((await emulators.state()).tables['orders-table']).toHaveLength(2);
    await expect(ddb.send(new GetItemCommand({ TableName: 'nope', Key: { pk: { S: 'x' } } }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    ddb.destroy();
  });

  it('puts and gets Kinesis records (HTTP/1.1 handler) and reads them in state()', async () => {
    const kinesis = new KinesisClient({
      endpoint: emulators.endpoints.kinesis,
      region: 'us-east-1',
      credentials,
      requestHandler: new NodeHttpHandler(),
    });
    const put = await kinesis.send(new PutRecordCommand({ StreamName: 'clicks', PartitionKey: 'u1', Data: Buffer.from('{"click":true}') }));
    const iterator = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: 'clicks', ShardId: put.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const records = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator }));
    expect(records.Records?.map((r) => Buffer.from(r.Data!).toString())).toEqual(['{"click":true}']);
    const viaApiGateway = await sendAsApiGateway({
      endpoint: emulators.endpoints.kinesis!,
      service: 'kinesis',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Kinesis_20131202.PutRecord' },
      body: JSON.stringify({ StreamName: 'clicks', PartitionKey: 'u2', Data: Buffer.from('second').toString('base64') }),
    });
    expect(JSON.parse(viaApiGateway.text)).toEqual({ SequenceNumber: expect.any(String), ShardId: 'shardId-000000000000' });
    expect((await emulators.state()).streams.clicks!.map((r) => r.data)).toEqual(['{"click":true}', 'second']);
    kinesis.destroy();
  });
});
