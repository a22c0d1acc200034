import { firstErrorCodeVtl, jsonErrorResponses, jsonStringVtl, THROTTLING_STATUS } from '../request-templates/vtl-text';
import { awsJson11Post } from './aws-json-post';
import type { ServiceDefinition } from './types';

const errors = jsonErrorResponses(THROTTLING_STATUS);

// Its loop is over at most 500 answers (Firehose takes 500 records per call), within VTL's 1,000.
const recordsJson = [
  `"records":[#foreach($spRecord in $input.path('$.RequestResponses'))`,
  '#set($spId = "")#set($spId = $spRecord.RecordId)',
  `#if("$!spId" != ""){"recordId":"${jsonStringVtl('$spId')}"}`,
  `#else{"errorCode":"${jsonStringVtl('$spRecord.ErrorCode')}","errorMessage":"${jsonStringVtl('$spRecord.ErrorMessage')}"}#end`,
  '#if($foreach.hasNext),#end#end]',
].join('');

// PutRecordBatch answers 200 even when records fail; FailedPutCount tells, so the response turns it into 502.
const putRecordBatchFailure = {
  failedCountPath: '$.FailedPutCount',
  errorTemplate:
    `${firstErrorCodeVtl('$.RequestResponses')}` +
    `{"message":"$spFailed of the records were not written.","code":"${jsonStringVtl('$spCode')}",${recordsJson}}`,
};

/** Amazon Data Firehose: put one record (the body), or a batch (one per element of a body array). */
export const firehose: ServiceDefinition = {
  service: 'firehose',
  target: {
    description: 'the delivery stream (!Ref DeliveryStream, !GetAtt DeliveryStream.Arn, or its ARN)',
    resourceType: 'AWS::KinesisFirehose::DeliveryStream',
    arnAttribute: 'Arn',
    arnService: 'firehose',
    iamResourceType: 'deliverystream',
    resourcePrefix: 'deliverystream/',
    namePattern: '[A-Za-z0-9_.-]{1,64}',
  },
  actions: {
    PutRecord: {
      ...awsJson11Post,
      uri: 'firehose:action/PutRecord',
      parameters: {
        Data: {
          description: 'the record data, sent base64-encoded (default: the body)',
          kind: 'base64',
          wireName: 'Data',
          default: '$request.body',
          required: true,
        },
      },
      body: { object: { DeliveryStreamName: { target: 'name' }, Record: { object: { Data: { parameter: 'Data' } } } } },
      iam: [{ actions: ['firehose:PutRecord'], resource: '{TargetArn}' }],
      responses: [{ statusCode: '200', responseTemplate: `{"recordId":"${jsonStringVtl("$input.path('$.RecordId')")}"}` }, ...errors],
    },
    PutRecordBatch: {
      ...awsJson11Post,
      uri: 'firehose:action/PutRecordBatch',
      parameters: {
        Records: {
          description: 'a JSON array in the body, one record per element (at most 500)',
          kind: 'list',
          wireName: 'Records',
          default: '$request.body.records',
          required: true,
        },
        RecordData: {
          description: "each record's data, base64-encoded (default: the element itself; objects are sent as JSON)",
          kind: 'base64',
          wireName: 'Data',
          default: '$item',
          perItemOf: 'Records',
        },
      },
      body: {
        object: { DeliveryStreamName: { target: 'name' }, Records: { each: 'Records', element: { Data: { parameter: 'RecordData' } } } },
      },
      iam: [{ actions: ['firehose:PutRecordBatch'], resource: '{TargetArn}' }],
      responses: [
        { statusCode: '200', responseTemplate: `{${recordsJson}}`, overrideStatusCodes: ['502'], partialFailure: putRecordBatchFailure },
        ...errors,
      ],
    },
  },
};
