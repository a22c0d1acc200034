import { defaultErrorResponses, jsonStringVtl } from '../request-templates/vtl-text';
import type { ServiceDefinition } from './types';

/** Amazon SQS: send a message to a standard or FIFO queue (Query protocol, form-encoded). */
export const sqs: ServiceDefinition = {
  service: 'sqs',
  target: {
    description: 'the queue ARN (!GetAtt Queue.Arn), a Ref to an AWS::SQS::Queue, or a queue URL',
    resourceType: 'AWS::SQS::Queue',
    arnAttribute: 'Arn',
    nameAttribute: 'QueueName',
    arnService: 'sqs',
    iamResourceType: 'queue',
    namePattern: '[A-Za-z0-9_-]{1,80}(\\.fifo)?',
    acceptsQueueUrl: true,
  },
  actions: {
    SendMessage: {
      uri: 'sqs:path/{TargetAccount}/{TargetName}',
      integrationHttpMethod: 'POST',
      protocol: 'form',
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      fixedFields: [
        ['Action', 'SendMessage'],
        ['Version', '2012-11-05'],
      ],
      targetFields: [],
      parameters: {
        MessageBody: { description: 'the message text', kind: 'string', wireName: 'MessageBody', default: '$request.body', required: true },
        DelaySeconds: {
          description: 'seconds to delay delivery (0-900)',
          kind: 'integer',
          wireName: 'DelaySeconds',
          minimum: 0,
          maximum: 900,
        },
        MessageGroupId: { description: 'the FIFO message group (required for FIFO queues)', kind: 'string', wireName: 'MessageGroupId' },
        MessageDeduplicationId: { description: 'the FIFO deduplication id', kind: 'string', wireName: 'MessageDeduplicationId' },
        MessageAttributes: {
          description: 'message attributes: name → value, or name → {DataType, Value}',
          kind: 'messageAttributes',
          wireName: 'MessageAttribute.{n}',
        },
      },
      iam: [{ actions: ['sqs:SendMessage'], resource: '{TargetArn}' }],
      responses: [
        {
          statusCode: '200',
          responseTemplate: `{"messageId":"${jsonStringVtl("$input.path('$.SendMessageResponse.SendMessageResult.MessageId')")}"}`,
        },
        ...defaultErrorResponses,
      ],
    },
  },
};
