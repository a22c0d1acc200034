/** Deriving the emulator spec and Ref/GetAtt values from a CloudFormation template. */
import { deriveEmulatorSpec } from '../../emulators';

const template = {
  Parameters: { Stage: { Type: 'String', Default: 'dev' } },
  Resources: {
    Orders: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': 'orders-${Stage}' } } },
    Audit: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, ContentBasedDeduplication: true } },
    Table: {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by-status',
            KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      },
    },
    Clicks: { Type: 'AWS::Kinesis::Stream', Properties: { ShardCount: 2 } },
    Uploads: { Type: 'AWS::S3::Bucket' },
    Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'order-events' } },
    TopicToOrders: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Topic' },
        Protocol: 'sqs',
        Endpoint: { 'Fn::GetAtt': ['Orders', 'Arn'] },
        RawMessageDelivery: 'true',
      },
    },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'orders-bus' } },
    Firehose: { Type: 'AWS::KinesisFirehose::DeliveryStream', Properties: {} },
    Flow: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineType: 'EXPRESS',
        DefinitionString: {
          'Fn::Sub': '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"${Orders.QueueName} ${Topic} ${AWS::Region}","End":true}}}',
        },
      },
    },
    Inline: {
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: {
        StateMachineName: 'inline-flow',
        Definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: { queue: { Ref: 'Orders' }, bus: '${BusName}' }, End: true } } },
        DefinitionSubstitutions: { BusName: { Ref: 'Bus' } },
      },
    },
    Api: { Type: 'AWS::ApiGateway::RestApi', Properties: {} },
  },
};

describe('deriveEmulatorSpec', () => {
  it('derives every supported resource with explicit or logical-ID names', () => {
    // Act
    const { spec, warnings } = deriveEmulatorSpec(template, { sqsEndpoint: 'http://127.0.0.1:9324' });
    // Assert
    expect(warnings).toEqual([]);
    expect(spec.queues).toEqual([{ name: 'orders-dev' }, { name: 'Audit.fifo', fifo: true, contentBasedDeduplication: true }]);
    expect(spec.tables).toEqual([
      {
        name: 'Table',
        keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
        attributeDefinitions: [
          { attributeName: 'pk', attributeType: 'S' },
          { attributeName: 'status', attributeType: 'S' },
        ],
        globalSecondaryIndexes: [
          {
            indexName: 'by-status',
            keySchema: [{ attributeName: 'status', keyType: 'HASH' }],
            projection: { projectionType: 'KEYS_ONLY' },
          },
        ],
      },
    ]);
    expect(spec.streams).toEqual([{ name: 'Clicks', shardCount: 2 }]);
    expect(spec.buckets).toEqual([{ name: 'uploads' }]);
    expect(spec.topics).toEqual([
      {
        name: 'order-events',
        subscriptions: [{ protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:123456789012:orders-dev', rawMessageDelivery: true }],
      },
    ]);
    expect(spec.eventBuses).toEqual([{ name: 'orders-bus' }]);
    expect(spec.deliveryStreams).toEqual([{ name: 'Firehose' }]);
  });

  it('resolves Fn::Sub, Ref, GetAtt and DefinitionSubstitutions in state machine definitions', () => {
    const { spec } = deriveEmulatorSpec(template, { sqsEndpoint: 'http://127.0.0.1:9324' });
    const [flow, inline] = spec.stateMachines!;
    expect(flow).toEqual({
      name: 'Flow',
      type: 'EXPRESS',
      definition:
        '{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"orders-dev arn:aws:sns:us-east-1:123456789012:order-events us-east-1","End":true}}}',
    });
    expect(inline).toEqual({
      name: 'inline-flow',
      definition: {
        StartAt: 'P',
        States: { P: { Type: 'Pass', Result: { queue: 'http://127.0.0.1:9324/123456789012/orders-dev', bus: 'orders-bus' }, End: true } },
      },
    });
  });

  it('maps logical IDs to name, ARN, URL and Ref/GetAtt values', () => {
    const { resources } = deriveEmulatorSpec(template, { region: 'eu-west-1', accountId: '111122223333', parameters: { Stage: 'prod' } });
    expect(resources.Orders).toEqual({
      type: 'AWS::SQS::Queue',
      name: 'orders-prod',
      arn: 'arn:aws:sqs:eu-west-1:111122223333:orders-prod',
      url: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-prod',
      ref: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-prod',
      attributes: {
        Arn: 'arn:aws:sqs:eu-west-1:111122223333:orders-prod',
        QueueName: 'orders-prod',
        QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/111122223333/orders-prod',
      },
    });
    expect(resources.Topic?.ref).toBe('arn:aws:sns:eu-west-1:111122223333:order-events');
    expect(resources.Table?.ref).toBe('Table');
    expect(resources.Flow?.arn).toBe('arn:aws:states:eu-west-1:111122223333:stateMachine:Flow');
    expect(resources.Api).toBeUndefined();
  });

  it('warns instead of failing on what it cannot resolve', () => {
    const { spec, warnings } = deriveEmulatorSpec({
      Resources: {
        Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::ImportValue': 'shared-name' } } },
        S: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionS3Location: { Bucket: 'b', Key: 'k' } } },
      },
    });
    expect(spec.queues).toEqual([{ name: 'Q' }]);
    expect(spec.stateMachines).toBeUndefined();
    expect(warnings).toEqual([
      "Q.QueueName: cannot resolve Fn::ImportValue locally; using 'Q'",
      'S: only Definition and DefinitionString are supported (not DefinitionS3Location); state machine skipped',
    ]);
  });

  it("derives SAM's simple tables as the tables SAM makes: keyed by PrimaryKey, id (a string) by default", () => {
    const { spec, resources } = deriveEmulatorSpec({
      Resources: {
        Sessions: { Type: 'AWS::Serverless::SimpleTable' },
        Counters: {
          Type: 'AWS::Serverless::SimpleTable',
          Properties: { TableName: 'counters', PrimaryKey: { Name: 'n', Type: 'Number' } },
        },
      },
    });
    expect(spec.tables).toEqual([
      {
        name: 'Sessions',
        keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      },
      {
        name: 'counters',
        keySchema: [{ attributeName: 'n', keyType: 'HASH' }],
        attributeDefinitions: [{ attributeName: 'n', attributeType: 'N' }],
      },
    ]);
    expect(resources.Counters).toMatchObject({ ref: 'counters', arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/counters' });
  });

  it('tolerates templates without Resources', () => {
    expect(deriveEmulatorSpec({})).toEqual({ spec: {}, resources: {}, warnings: [] });
    expect(deriveEmulatorSpec(null)).toEqual({ spec: {}, resources: {}, warnings: [] });
  });
});
