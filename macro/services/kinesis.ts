import { firstErrorCodeVtl, jsonErrorResponses, jsonStringVtl, THROTTLING_STATUS } from '../request-templates/vtl-text';
import { awsJson11Post } from './aws-json-post';
import type { ServiceDefinition } from './types';

// Kinesis says "slow down" with ProvisionedThroughputExceededException, on the whole call or per record.
const errors = jsonErrorResponses({ ProvisionedThroughputExceededException: 429, ...THROTTLING_STATUS });

const putRecordResponse = [
  `{"sequenceNumber":"${jsonStringVtl("$input.path('$.SequenceNumber')")}",`,
  `"shardId":"${jsonStringVtl("$input.path('$.ShardId')")}"}`,
].join('');

// Its loop is over at most 500 answers (Kinesis takes 500 records per call), within VTL's 1,000.
const recordsJson = [
  `"records":[#foreach($spRecord in $input.path('$.Records'))`,
  '#set($spSequence = "")#set($spSequence = $spRecord.SequenceNumber)',
  `#if("$!spSequence" != ""){"sequenceNumber":"${jsonStringVtl('$spSequence')}","shardId":"${jsonStringVtl('$spRecord.ShardId')}"}`,
  `#else{"errorCode":"${jsonStringVtl('$spRecord.ErrorCode')}","errorMessage":"${jsonStringVtl('$spRecord.ErrorMessage')}"}#end`,
  '#if($foreach.hasNext),#end#end]',
].join('');

// PutRecords answers 200 even when records fail; FailedRecordCount tells, so the response turns it into
// 502, with the code of the first record that failed (not of the first record, which may have succeeded).
const putRecordsFailure = {
  failedCountPath: '$.FailedRecordCount',
  errorTemplate:
    `${firstErrorCodeVtl('$.Records')}` +
    `{"message":"$spFailed of the records were not written.","code":"${jsonStringVtl('$spCode')}",${recordsJson}}`,
};

/** Amazon Kinesis Data Streams: put one record (the body), or many (one per element of a body array). */
export const kinesis: ServiceDefinition = {
  service: 'kinesis',
  target: {
    description: 'the stream (!Ref Stream, !GetAtt Stream.Arn, or a stream ARN)',
    resourceType: 'AWS::Kinesis::Stream',
    arnAttribute: 'Arn',
    arnService: 'kinesis',
    iamResourceType: 'stream',
    resourcePrefix: 'stream/',
    namePattern: '[A-Za-z0-9_.-]{1,128}',
  },
  actions: {
    PutRecord: {
      ...awsJson11Post,
      uri: 'kinesis:action/PutRecord',
      parameters: {
        Data: {
          description: 'the record data, sent base64-encoded (default: the body)',
          kind: 'base64',
          wireName: 'Data',
          default: '$request.body',
          required: true,
        },
        PartitionKey: {
          description: 'the partition key, 1-256 characters (default: the request id)',
          kind: 'string',
          wireName: 'PartitionKey',
          default: '$context.requestId',
          required: true,
        },
        ExplicitHashKey: { description: 'a hash value that picks the shard explicitly', kind: 'string', wireName: 'ExplicitHashKey' },
        SequenceNumberForOrdering: {
          description: 'strict ordering within a partition key',
          kind: 'string',
          wireName: 'SequenceNumberForOrdering',
        },
      },
      body: {
        object: {
          StreamName: { target: 'name' },
          Data: { parameter: 'Data' },
          PartitionKey: { parameter: 'PartitionKey' },
          ExplicitHashKey: { parameter: 'ExplicitHashKey' },
          SequenceNumberForOrdering: { parameter: 'SequenceNumberForOrdering' },
        },
      },
      iam: [{ actions: ['kinesis:PutRecord'], resource: '{TargetArn}' }],
      responses: [{ statusCode: '200', responseTemplate: putRecordResponse }, ...errors],
    },
    PutRecords: {
      ...awsJson11Post,
      uri: 'kinesis:action/PutRecords',
      parameters: {
        Records: {
          description: 'a JSON array in the body, one record per element (at most 500)',
          kind: 'list',
          wireName: 'Records',
          default: '$request.body.records',
          required: true,
        },
        RecordData: {
          description: "each record's data, base64-encoded (default: $item.data; objects are sent as JSON)",
          kind: 'base64',
          wireName: 'Data',
          default: '$item.data',
          perItemOf: 'Records',
        },
        RecordPartitionKey: {
          description: "each record's partition key (default: $item.partitionKey)",
          kind: 'string',
          wireName: 'PartitionKey',
          default: '$item.partitionKey',
          perItemOf: 'Records',
        },
        RecordExplicitHashKey: {
          description: "each record's explicit hash key",
          kind: 'string',
          wireName: 'ExplicitHashKey',
          perItemOf: 'Records',
        },
      },
      body: {
        object: {
          StreamName: { target: 'name' },
          Records: {
            each: 'Records',
            element: {
              Data: { parameter: 'RecordData' },
              PartitionKey: { parameter: 'RecordPartitionKey' },
              ExplicitHashKey: { parameter: 'RecordExplicitHashKey' },
            },
          },
        },
      },
      iam: [{ actions: ['kinesis:PutRecords'], resource: '{TargetArn}' }],
      responses: [
        { statusCode: '200', responseTemplate: `{${recordsJson}}`, overrideStatusCodes: ['502'], partialFailure: putRecordsFailure },
        ...errors,
      ],
    },
  },
};
