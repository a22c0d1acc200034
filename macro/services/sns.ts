import { defaultErrorResponses, jsonStringVtl } from '../request-templates/vtl-text';
import type { ServiceDefinition } from './types';

/** Amazon SNS: publish to a standard or FIFO topic (Query protocol, form-encoded). */
export const sns: ServiceDefinition = {
  service: 'sns',
  target: {
    description: 'the topic ARN (!Ref Topic, or a literal ARN)',
    resourceType: 'AWS::SNS::Topic',
    nameAttribute: 'TopicName',
    arnService: 'sns',
    iamResourceType: 'topic',
    namePattern: '[A-Za-z0-9_-]{1,256}(\\.fifo)?',
  },
  actions: {
    Publish: {
      uri: 'sns:path//',
      integrationHttpMethod: 'POST',
      protocol: 'form',
      requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
      fixedFields: [
        ['Action', 'Publish'],
        ['Version', '2010-03-31'],
      ],
      targetFields: [['TopicArn', 'arn']],
      parameters: {
        Message: { description: 'the message text', kind: 'string', wireName: 'Message', default: '$request.body', required: true },
        Subject: { description: 'the subject for email endpoints', kind: 'string', wireName: 'Subject' },
        MessageGroupId: { description: 'the FIFO message group (required for FIFO topics)', kind: 'string', wireName: 'MessageGroupId' },
        MessageDeduplicationId: { description: 'the FIFO deduplication id', kind: 'string', wireName: 'MessageDeduplicationId' },
        MessageAttributes: {
          description: 'message attributes: name → value, or name → {DataType, Value}',
          kind: 'messageAttributes',
          wireName: 'MessageAttributes.entry.{n}',
        },
      },
      iam: [{ actions: ['sns:Publish'], resource: '{TargetArn}' }],
      responses: [
        {
          statusCode: '200',
          responseTemplate: `{"messageId":"${jsonStringVtl("$input.path('$.PublishResponse.PublishResult.MessageId')")}"}`,
        },
        ...defaultErrorResponses,
      ],
    },
  },
};
