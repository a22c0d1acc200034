/**
 * Wire-protocol facts by API Gateway's service name (the endpoint prefix), for the local gateway, the
 * emulators and the moto glue: one table (the generated index), no hand-typed target prefixes.
 */
import { jsonContentType, type ServiceIndex, serviceAtEndpoint } from './facts';

/** How an AWS JSON-protocol service is addressed: `X-Amz-Target: <targetPrefix>.<Action>` and its content type. */
export interface JsonWire {
  readonly targetPrefix: string;
  readonly contentType: string;
}

/** The AWS JSON wire facts of the service at an endpoint prefix (`dynamodb`, `states`), if it speaks AWS JSON. */
export function jsonWire(index: ServiceIndex, endpointPrefix: string): JsonWire | undefined {
  const summary = serviceAtEndpoint(index, endpointPrefix);
  if (summary?.protocol !== 'json' || summary.targetPrefix === undefined) return undefined;
  return { targetPrefix: summary.targetPrefix, contentType: jsonContentType(summary.jsonVersion) };
}

/** The AWS JSON wire facts of a service the code relies on; throws when the facts say otherwise (a broken build). */
export function requireJsonWire(index: ServiceIndex, endpointPrefix: string): JsonWire {
  const wire = jsonWire(index, endpointPrefix);
  if (wire === undefined) throw new Error(`the service facts have no AWS JSON protocol for '${endpointPrefix}'`);
  return wire;
}

/** Whether the service at an endpoint prefix speaks the Query protocol (SNS, SES; SQS still accepts it). */
export function isQueryService(index: ServiceIndex, endpointPrefix: string): boolean {
  const summary = serviceAtEndpoint(index, endpointPrefix);
  return summary?.protocol === 'query' || summary?.protocol === 'ec2' || summary?.awsQueryCompatible === true;
}

/** The SigV4 signing name of the service at an endpoint prefix (`email` → `ses`); the prefix itself when unknown. */
export function signingNameAt(index: ServiceIndex, endpointPrefix: string): string {
  return serviceAtEndpoint(index, endpointPrefix)?.signingName ?? endpointPrefix;
}
