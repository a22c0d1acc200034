/** The embedded AWS-service emulators that `service-proxy serve` runs; re-exports only. */

export { LOCAL_CREDENTIALS } from './aws-json-client';
export type { DynamoItem } from './dynamodb-emulator';
export type { RecordedEvent } from './eventbridge-emulator';
export type { FirehoseRecord } from './firehose-emulator';
export type { KinesisRecordView } from './kinesis-emulator';
export * from './resource-spec';
export type { S3ObjectView } from './s3-emulator';
export type { PublishedSnsMessage } from './sns-emulator';
export { type DerivedEmulatorSpec, type DeriveEmulatorSpecOptions, deriveEmulatorSpec, type EmulatedResource } from './spec-from-template';
export type { PeekedSqsMessage } from './sqs-emulator';
export {
  EmulatorStartError,
  type EmulatorState,
  type RunningEmulators,
  type StartEmulatorsOptions,
  startEmulators,
} from './start-emulators';
export { type ExecutionRecord, type TaskHandler, UNSUPPORTED_TASK_ERROR } from './stepfunctions-emulator';
