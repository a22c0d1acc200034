/**
 * What API Gateway adds for an `action/{Action}` URI: Query services get `?Action=` in the query string; AWS JSON
 * services get their `X-Amz-Target` and content type (AWS accepted DynamoDB, Kinesis and Step Functions calls
 * without any header mapping, so the gateway must derive them; research §4). The facts come from the one
 * table generated from AWS's models (macro/service-facts), read once: static data, like a JSON import.
 */
import { sharedServiceFacts } from '../macro/service-facts/read-facts-files';
import { isQueryService, type JsonWire, jsonWire, signingNameAt } from '../macro/service-facts/wire-protocol';

/** The wire protocol facts of one AWS JSON-protocol service. */
export type JsonProtocol = JsonWire;

/** The AWS JSON protocol of the service at an integration URI's host (`dynamodb`, `runtime.sagemaker`), if it speaks it. */
export function jsonProtocolOf(host: string): JsonProtocol | undefined {
  return jsonWire(sharedServiceFacts().index, host);
}

/** Whether the service at an integration URI's host speaks the Query protocol (SNS, SES's `email`; SQS still accepts it). */
export function isQueryProtocol(host: string): boolean {
  return isQueryService(sharedServiceFacts().index, host);
}

/** The SigV4 signing name of a service, where it differs from API Gateway's name for it (`email` → `ses`). */
export function signingName(service: string): string {
  // `sync-states` is an API Gateway host of Step Functions that no model names.
  return service === 'sync-states' ? 'states' : signingNameAt(sharedServiceFacts().index, service);
}
