import { jsonErrorBodyVtl, jsonErrorResponses } from '../request-templates/vtl-text';
import type { ResponseDefinition, ServiceDefinition } from './types';

// For Lambda, API Gateway matches selection patterns against a function error's errorMessage.
// This pattern matches any message except a bare status code, so it never overlaps the 4xx/5xx
// patterns that catch errors of the Lambda service itself.
const functionError: ResponseDefinition = {
  selectionPattern: '(?s)(?!\\d{3}$).+',
  statusCode: '502',
  responseTemplate: jsonErrorBodyVtl(),
};
// Lambda's own errors name their code only in the X-Amzn-ErrorType header, which a template cannot
// read (the body is {"Type", "message"}): throttling is told by its status, 429, and gets its code
// here; the 4xx pattern leaves 429 out so the two never overlap.
const [clientErrors, serverErrors] = jsonErrorResponses();
const serviceErrors: readonly ResponseDefinition[] = [
  { selectionPattern: '429', statusCode: '429', responseTemplate: jsonErrorBodyVtl({}, 'TooManyRequestsException') },
  { ...clientErrors, selectionPattern: '4(?!29)\\d{2}' },
  serverErrors,
];

/** AWS Lambda: invoke a function as an AWS integration, synchronously (its result is the answer) or asynchronously (202). */
export const lambda: ServiceDefinition = {
  service: 'lambda',
  target: {
    description:
      "the function (!GetAtt Function.Arn, !Ref Function, !Ref of an alias or version, !Ref Function.Alias for SAM's AutoPublishAlias, or a function ARN, qualified or not)",
    resourceType: 'AWS::Lambda::Function',
    arnAttribute: 'Arn',
    arnService: 'lambda',
    iamResourceType: 'function',
    resourcePrefix: 'function:',
    otherResourceTypes: [
      {
        type: 'AWS::Serverless::Function',
        arnAttribute: 'Arn',
        // SAM's AutoPublishAlias: `!Ref Fn.Alias` is the alias SAM makes, `<Fn>Alias<name>` with '-' → 'D', '_' → 'U'.
        samReferences: {
          Alias: {
            property: 'AutoPublishAlias',
            valuePattern: '(?![0-9]+$)[A-Za-z0-9_-]+',
            type: 'AWS::Lambda::Alias',
            logicalIdSuffix: 'Alias',
            logicalIdReplacements: { '-': 'D', _: 'U' },
          },
        },
      },
      { type: 'AWS::Lambda::Alias', nameFromArn: true },
      { type: 'AWS::Lambda::Version', nameFromArn: true },
    ],
    namePattern: '[A-Za-z0-9_-]{1,64}',
    // An alias (not all digits) or a published version; `$LATEST` is what the unqualified ARN invokes.
    qualifierPattern: '(?![0-9]+$)[A-Za-z0-9_-]{1,128}|[0-9]{1,10}',
  },
  actions: {
    Invoke: {
      uri: 'lambda:path/2015-03-31/functions/{TargetArn}/invocations',
      integrationHttpMethod: 'POST',
      protocol: 'json',
      requestParameters: {},
      fixedFields: [],
      targetFields: [],
      parameters: {
        Payload: {
          description: 'the event the function receives, JSON (default: the body as it came)',
          kind: 'json',
          wireName: 'Payload',
          default: '$request.body',
        },
        InvocationType: {
          description: 'RequestResponse (default: wait for the result) or Event (queue it and answer 202)',
          kind: 'string',
          in: 'requestParameter',
          wireName: 'integration.request.header.X-Amz-Invocation-Type',
          allowed: ['RequestResponse', 'Event'],
          literalOnly: true,
        },
      },
      body: { parameter: 'Payload' },
      iam: [{ actions: ['lambda:InvokeFunction'], resource: '{TargetArn}' }],
      // The function's result is passed on as it is.
      responses: [{ statusCode: '200' }, functionError, ...serviceErrors],
      responseVariants: [
        {
          parameter: 'InvocationType',
          equals: 'Event',
          responses: [{ statusCode: '202', responseTemplate: '{"status":"accepted"}' }, ...serviceErrors],
        },
      ],
    },
  },
};
