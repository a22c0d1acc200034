/** The embedded AWS-service emulators that `service-proxy serve` runs; re-exports only. */
export { EmulatorStartError, startEmulators, type EmulatorState, type RunningEmulators, type StartEmulatorsOptions } from './start-emulators';
export { deriveEmulatorSpec, type DeriveEmulatorSpecOptions, type DerivedEmulatorSpec, type EmulatedResource } from './spec-from-template';
export * from './resource-spec';
export { UNSUPPORTED_TASK_ERROR, type ExecutionRecord, type TaskHandler } from './stepfunctions-emulator';
export type { PublishedSnsMessage } from './sns-emulator';
export type { RecordedEvent } from './eventbridge-emulator';
export type { FirehoseRecord } from './firehose-emulator';
export type { PeekedSqsMessage } from './sqs-emulator';
export type { KinesisRecordView } from './kinesis-emulator';
export type { S3ObjectView } from './s3-emulator';
export type { DynamoItem } from './dynamodb-emulator';
export { LOCAL_CREDENTIALS } from './aws-json-client';
