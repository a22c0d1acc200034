import type { ActionDefinition } from './types';

/**
 * The request shape shared by AWS JSON 1.1 actions addressed by `action/<Name>` URIs (Kinesis,
 * Firehose): POST, the JSON 1.1 content type, and no fixed or target-derived body fields. The
 * documented Kinesis tutorial maps the content type; both services also accept the call without it.
 */
export const awsJson11Post: Pick<
  ActionDefinition,
  'integrationHttpMethod' | 'protocol' | 'requestParameters' | 'fixedFields' | 'targetFields'
> = {
  integrationHttpMethod: 'POST',
  protocol: 'json',
  requestParameters: { 'integration.request.header.Content-Type': "'application/x-amz-json-1.1'" },
  fixedFields: [],
  targetFields: [],
};
