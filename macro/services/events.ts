import { firstErrorCodeVtl, jsonErrorResponses, jsonStringVtl, THROTTLING_STATUS } from '../request-templates/vtl-text';
import type { ServiceDefinition } from './types';

// The entries loop is over at most 10 answers (PutEvents takes 10 entries per call), within VTL's 1,000.
const entriesJson = [
  `"entries":[#foreach($spEntry in $input.path('$.Entries'))`,
  '#set($spId = "")#set($spId = $spEntry.EventId)',
  `#if("$!spId" != ""){"eventId":"${jsonStringVtl('$spId')}"}`,
  `#else{"errorCode":"${jsonStringVtl('$spEntry.ErrorCode')}","errorMessage":"${jsonStringVtl('$spEntry.ErrorMessage')}"}#end`,
  '#if($foreach.hasNext),#end#end]',
].join('');

// PutEvents answers 200 even when entries fail; FailedEntryCount tells, so the response turns it into 502.
const putEventsFailure = {
  failedCountPath: '$.FailedEntryCount',
  errorTemplate:
    `${firstErrorCodeVtl('$.Entries')}` +
    `{"message":"$spFailed of the events were not accepted.","code":"${jsonStringVtl('$spCode')}",${entriesJson}}`,
};

/** Amazon EventBridge: put one event (from the request), or a batch (one per element of a body array), on an event bus. */
export const events: ServiceDefinition = {
  service: 'events',
  target: {
    description: 'the event bus (!Ref Bus, !GetAtt Bus.Arn, an event bus ARN); leave it out for the default bus',
    resourceType: 'AWS::Events::EventBus',
    arnAttribute: 'Arn',
    arnService: 'events',
    iamResourceType: 'event-bus',
    resourcePrefix: 'event-bus/',
    namePattern: '[A-Za-z0-9._-]{1,256}',
    defaultName: 'default',
  },
  actions: {
    PutEvents: {
      uri: 'events:action/PutEvents',
      integrationHttpMethod: 'POST',
      protocol: 'json',
      // Every deployed example maps both headers explicitly; EventBridge needs the JSON 1.1 target.
      requestParameters: {
        'integration.request.header.X-Amz-Target': "'AWSEvents.PutEvents'",
        'integration.request.header.Content-Type': "'application/x-amz-json-1.1'",
      },
      fixedFields: [],
      targetFields: [],
      parameters: {
        Entries: {
          description:
            'for a batch: a JSON array in the body, one event per element (at most 10); the other parameters may then read $item',
          kind: 'list',
          wireName: 'Entries',
        },
        Source: {
          description: 'the event source, e.g. com.example.orders',
          kind: 'string',
          wireName: 'Source',
          required: true,
          perItemOf: 'Entries',
        },
        DetailType: {
          description: 'the detail type, e.g. OrderPlaced',
          kind: 'string',
          wireName: 'DetailType',
          required: true,
          perItemOf: 'Entries',
        },
        Detail: {
          description: 'the event detail, a JSON object (default: the body; in a batch give e.g. $item.detail)',
          kind: 'document',
          wireName: 'Detail',
          default: '$request.body',
          perItemOf: 'Entries',
        },
        Resources: { description: 'ARNs the event concerns', kind: 'json', wireName: 'Resources', perItemOf: 'Entries' },
        Time: {
          description: 'the event time (RFC 3339); EventBridge uses the time of the call when absent',
          kind: 'string',
          wireName: 'Time',
          perItemOf: 'Entries',
        },
        TraceHeader: {
          description: 'an X-Ray trace header, e.g. $request.header.X-Amzn-Trace-Id',
          kind: 'string',
          wireName: 'TraceHeader',
          perItemOf: 'Entries',
        },
      },
      body: {
        object: {
          Entries: {
            each: 'Entries',
            element: {
              Source: { parameter: 'Source' },
              DetailType: { parameter: 'DetailType' },
              Detail: { parameter: 'Detail' },
              EventBusName: { target: 'arn' },
              Resources: { parameter: 'Resources' },
              Time: { parameter: 'Time' },
              TraceHeader: { parameter: 'TraceHeader' },
            },
          },
        },
      },
      iam: [{ actions: ['events:PutEvents'], resource: '{TargetArn}' }],
      responses: [
        { statusCode: '200', responseTemplate: `{${entriesJson}}`, overrideStatusCodes: ['502'], partialFailure: putEventsFailure },
        ...jsonErrorResponses(THROTTLING_STATUS),
      ],
    },
  },
};
