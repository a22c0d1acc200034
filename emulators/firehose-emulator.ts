/** An in-process Firehose emulator (AWS JSON 1.1): delivery streams and PutRecord/PutRecordBatch, stored for inspection. */
import { randomBytes } from 'node:crypto';
import { createAwsJsonServer, type JsonInput } from './aws-json-server';
import { AwsServiceError } from './aws-service-error';
import { closeServer, listenOnLoopback } from './http-util';
import { isJsonObject, requiredArray, requiredString, validationError } from './input-validation';
import { wireOf } from './service-wire';

/** Firehose's per-record limit: 1,000 KiB before base64 encoding. */
const MAX_RECORD_BYTES = 1_024_000;
/** PutRecordBatch accepts at most 500 records. */
const MAX_BATCH_RECORDS = 500;

/** One stored record: the decoded bytes, and as UTF-8 text for convenience. */
interface FirehoseRecord {
  readonly deliveryStreamName: string;
  readonly recordId: string;
  readonly data: Buffer;
  readonly text: string;
  readonly arrivalTime: string;
}

/** Options for {@link startFirehoseEmulator}. */
interface FirehoseEmulatorOptions {
  readonly region: string;
  readonly accountId: string;
}

/** A running Firehose emulator. */
interface FirehoseEmulator {
  readonly url: string;
  /** Creates a delivery stream (idempotent) and returns its ARN. */
  createDeliveryStream(name: string): string;
  /** Every stored record, oldest first. */
  records(): FirehoseRecord[];
  deliveryStreamNames(): string[];
  close(): Promise<void>;
}

/** Delivery stream names: 1–64 of `[a-zA-Z0-9_.-]`. */
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
/** Strict base64 (what the JSON protocol's blob type carries). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Firehose record ids are long opaque strings; 112 hex-ish characters like the real ones is close enough. */
function recordId(): string {
  return randomBytes(56).toString('hex');
}

/** Starts the Firehose emulator on a free loopback port. */
async function startFirehoseEmulator(options: FirehoseEmulatorOptions): Promise<FirehoseEmulator> {
  const streams = new Map<string, string>();
  const stored: FirehoseRecord[] = [];
  const arnFor = (name: string) => `arn:aws:firehose:${options.region}:${options.accountId}:deliverystream/${name}`;

  function createDeliveryStream(name: string): string {
    if (!STREAM_NAME.test(name)) {
      throw validationError('deliveryStreamName', name, 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+');
    }
    const arn = arnFor(name);
    streams.set(name, arn);
    return arn;
  }

  function streamFor(input: JsonInput): string {
    const name = requiredString(input, 'DeliveryStreamName');
    if (!streams.has(name)) {
      throw new AwsServiceError('ResourceNotFoundException', `Firehose ${name} under account ${options.accountId} not found.`);
    }
    return name;
  }

  /** Decodes and checks one `{Data: base64}` record; `field` names it in the error. */
  function decodeRecord(record: unknown, field: string): Buffer {
    if (!isJsonObject(record)) throw validationError(field, record, 'Member must not be null');
    const data = record.Data;
    if (data === undefined || data === null) throw validationError(`${field}.data`, data, 'Member must not be null');
    if (typeof data !== 'string' || !BASE64.test(data)) {
      throw new AwsServiceError('SerializationException', `${field}.Data is not valid base64`);
    }
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > MAX_RECORD_BYTES) {
      throw validationError(`${field}.data`, `${bytes.length} bytes`, `Member must have length less than or equal to ${MAX_RECORD_BYTES}`);
    }
    return bytes;
  }

  function store(name: string, data: Buffer): string {
    const id = recordId();
    stored.push({ deliveryStreamName: name, recordId: id, data, text: data.toString('utf8'), arrivalTime: new Date().toISOString() });
    return id;
  }

  const server = createAwsJsonServer({
    ...wireOf('firehose'),
    operations: {
      CreateDeliveryStream(input: JsonInput) {
        const name = requiredString(input, 'DeliveryStreamName');
        if (streams.has(name)) {
          throw new AwsServiceError('ResourceInUseException', `Firehose ${name} under accountId ${options.accountId} already exists`);
        }
        return { DeliveryStreamARN: createDeliveryStream(name) };
      },
      DescribeDeliveryStream(input: JsonInput) {
        const name = streamFor(input);
        return {
          DeliveryStreamDescription: {
            DeliveryStreamName: name,
            DeliveryStreamARN: streams.get(name),
            DeliveryStreamStatus: 'ACTIVE',
            DeliveryStreamType: 'DirectPut',
            VersionId: '1',
            Destinations: [],
            HasMoreDestinations: false,
          },
        };
      },
      ListDeliveryStreams() {
        return { DeliveryStreamNames: [...streams.keys()], HasMoreDeliveryStreams: false };
      },
      PutRecord(input: JsonInput) {
        // Validate the payload before the stream, so a bad body is a ValidationException like on AWS.
        if (input.Record === undefined || input.Record === null) throw validationError('record', null, 'Member must not be null');
        const data = decodeRecord(input.Record, 'record');
        const name = streamFor(input);
        return { RecordId: store(name, data), Encrypted: false };
      },
      PutRecordBatch(input: JsonInput) {
        const records = requiredArray(input, 'Records', 1, MAX_BATCH_RECORDS);
        const decoded = records.map((record, i) => decodeRecord(record, `records.${i + 1}.member`));
        const name = streamFor(input);
        return {
          FailedPutCount: 0,
          Encrypted: false,
          RequestResponses: decoded.map((data) => ({ RecordId: store(name, data) })),
        };
      },
    },
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}`,
    createDeliveryStream,
    records: () => [...stored],
    deliveryStreamNames: () => [...streams.keys()],
    close: () => closeServer(server),
  };
}

export { type FirehoseEmulator, type FirehoseEmulatorOptions, type FirehoseRecord, startFirehoseEmulator };
