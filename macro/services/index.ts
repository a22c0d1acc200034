import { dynamodb } from './dynamodb';
import { events } from './events';
import { firehose } from './firehose';
import { kinesis } from './kinesis';
import { lambda } from './lambda';
import { s3 } from './s3';
import { sns } from './sns';
import { sqs } from './sqs';
import { states } from './states';
import type { ServiceDefinition } from './types';

/** Every service the macro knows, by API Gateway service name; the only place services are listed. */
export const services: Readonly<Record<string, ServiceDefinition>> = Object.fromEntries(
  [sqs, sns, dynamodb, events, kinesis, firehose, states, s3, lambda].map((definition) => [definition.service, definition]),
);
