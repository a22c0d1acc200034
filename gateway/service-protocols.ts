/**
 * What API Gateway adds for an `action/{Action}` URI: Query services get `?Action=` in the query string; AWS JSON
 * services get their `X-Amz-Target` and content type (AWS accepted DynamoDB, Kinesis and Step Functions calls
 * without any header mapping, so the gateway must derive them; research §4).
 */

/** The wire protocol facts of one AWS JSON-protocol service. */
export interface JsonProtocol {
  /** `X-Amz-Target` prefix before the dot. */
  readonly targetPrefix: string;
  readonly contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
}

/** AWS JSON-protocol services by API Gateway service name. */
export const JSON_PROTOCOLS: Readonly<Record<string, JsonProtocol>> = {
  dynamodb: { targetPrefix: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' },
  kinesis: { targetPrefix: 'Kinesis_20131202', contentType: 'application/x-amz-json-1.1' },
  firehose: { targetPrefix: 'Firehose_20150804', contentType: 'application/x-amz-json-1.1' },
  events: { targetPrefix: 'AWSEvents', contentType: 'application/x-amz-json-1.1' },
  states: { targetPrefix: 'AWSStepFunctions', contentType: 'application/x-amz-json-1.0' },
  logs: { targetPrefix: 'Logs_20140328', contentType: 'application/x-amz-json-1.1' },
  ssm: { targetPrefix: 'AmazonSSM', contentType: 'application/x-amz-json-1.1' },
  secretsmanager: { targetPrefix: 'secretsmanager', contentType: 'application/x-amz-json-1.1' },
};

/** The SigV4 signing name of a service, where it differs from API Gateway's name for it. */
export function signingName(service: string): string {
  return service === 'sync-states' ? 'states' : service;
}
