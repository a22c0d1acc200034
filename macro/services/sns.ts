import { defaultErrorResponses, jsonStringVtl } from '../request-templates/vtl-text';
import type { ServiceDefinition } from './types';

/**
 * The `AWS.` message attributes SNS reads as SMS settings (Amazon SNS Developer Guide, "Publishing to a mobile
 * phone"): sender ID, price cap, promotional or transactional, and the origination and Indian DLT identities.
 */
const SMS_ATTRIBUTES = [
  'AWS.SNS.SMS.SenderID',
  'AWS.SNS.SMS.MaxPrice',
  'AWS.SNS.SMS.SMSType',
  'AWS.MM.SMS.OriginationNumber',
  'AWS.MM.SMS.EntityId',
  'AWS.MM.SMS.TemplateId',
];

/** Amazon SNS: publish to a standard or FIFO topic, or as an SMS to a phone number (Query protocol, form-encoded). */
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
          description: "message attributes: name → value, or name → {DataType, Value}; SMS settings as AWS's AWS.SNS.SMS.* attributes",
          kind: 'messageAttributes',
          wireName: 'MessageAttributes.entry.{n}',
          reservedAttributeNames: SMS_ATTRIBUTES,
        },
        PhoneNumber: {
          description: 'a phone number in E.164 form (+14155550100) to send the message to as an SMS, instead of a topic (no Target)',
          kind: 'string',
          wireName: 'PhoneNumber',
        },
      },
      noTargetWith: 'PhoneNumber',
      iam: [
        { actions: ['sns:Publish'], resource: '{TargetArn}', when: { parameter: 'PhoneNumber', present: false } },
        {
          actions: ['sns:Publish'],
          resource: '*',
          when: { parameter: 'PhoneNumber', present: true },
          note:
            'sns:Publish: Resource "*" because a phone number has no ARN (the Service Authorization Reference lists only topic ' +
            'for Publish, and SNS documents "*" for publishing to a PhoneNumber); the mapping template sends no TopicArn or TargetArn',
        },
      ],
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
