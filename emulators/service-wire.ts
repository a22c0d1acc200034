/** The AWS JSON wire facts (X-Amz-Target prefix, content type) of an emulated service, from the one generated table. */
import { sharedServiceFacts } from '../macro/service-facts/read-facts-files';
import { type JsonWire, requireJsonWire } from '../macro/service-facts/wire-protocol';

/** The `X-Amz-Target` prefix and content type of the service at an endpoint prefix (`dynamodb`, `states`). */
export function wireOf(service: string): JsonWire {
  return requireJsonWire(sharedServiceFacts().index, service);
}

/** The full `X-Amz-Target` of an operation, e.g. `DynamoDB_20120810.Scan`. */
export function amzTarget(service: string, operation: string): string {
  return `${wireOf(service).targetPrefix}.${operation}`;
}
