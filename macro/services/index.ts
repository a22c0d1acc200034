import { sns } from './sns';
import { sqs } from './sqs';
import type { ServiceDefinition } from './types';

/** Every service the macro knows, by API Gateway service name; the only place services are listed. */
export const services: Readonly<Record<string, ServiceDefinition>> = Object.fromEntries(
  [sqs, sns].map((definition) => [definition.service, definition]),
);
