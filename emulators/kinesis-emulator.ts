/** kinesalite (in-process, in-memory) bound to 127.0.0.1, with stream creation and record inspection. */
import kinesalite from 'kinesalite';
import { callAwsJson } from './aws-json-client';
import { closeServer, listenOnLoopback } from './http-util';
import type { StreamSpec } from './resource-spec';
import { amzTarget, wireOf } from './service-wire';

/** One record read back from a stream (data decoded from base64 as UTF-8). */
interface KinesisRecordView {
  readonly shardId: string;
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  readonly data: string;
}

/** A running kinesalite. */
interface KinesisEmulator {
  readonly url: string;
  createStream(spec: StreamSpec): Promise<string>;
  /** Every record in every shard, from TRIM_HORIZON (reading does not consume on Kinesis). */
  records(streamName: string): Promise<KinesisRecordView[]>;
  close(): Promise<void>;
}

/** Starts kinesalite with instant stream transitions; `.listen(0, '127.0.0.1')` because its CLI binds `:::`. */
async function startKinesisEmulator(options: { region: string; accountId: string }): Promise<KinesisEmulator> {
  const server = kinesalite({ createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;
  const call = <T = Record<string, unknown>>(operation: string, body: unknown) =>
    callAwsJson<T>({
      endpoint: url,
      service: 'kinesis',
      region: options.region,
      target: amzTarget('kinesis', operation),
      contentType: wireOf('kinesis').contentType,
      body,
    });

  return {
    url,
    async createStream(spec) {
      await call('CreateStream', { StreamName: spec.name, ShardCount: spec.shardCount ?? 1 });
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const described = await call<{ StreamDescription?: { StreamStatus?: string } }>('DescribeStream', { StreamName: spec.name });
        if (described.StreamDescription?.StreamStatus === 'ACTIVE') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return `arn:aws:kinesis:${options.region}:${options.accountId}:stream/${spec.name}`;
    },
    async records(streamName) {
      const described = await call<{ StreamDescription?: { Shards?: { ShardId: string }[] } }>('DescribeStream', {
        StreamName: streamName,
      });
      const result: KinesisRecordView[] = [];
      for (const { ShardId } of described.StreamDescription?.Shards ?? []) {
        let iterator = (
          await call<{ ShardIterator?: string }>('GetShardIterator', { StreamName: streamName, ShardId, ShardIteratorType: 'TRIM_HORIZON' })
        ).ShardIterator;
        // An open shard always returns a next iterator; stop at the first empty page.
        for (let page = 0; iterator !== undefined && page < 100; page += 1) {
          const batch = await call<{
            Records?: { SequenceNumber: string; PartitionKey: string; Data: string }[];
            NextShardIterator?: string;
          }>('GetRecords', { ShardIterator: iterator, Limit: 10_000 });
          const records = batch.Records ?? [];
          for (const r of records) {
            result.push({
              shardId: ShardId,
              sequenceNumber: r.SequenceNumber,
              partitionKey: r.PartitionKey,
              data: Buffer.from(r.Data, 'base64').toString('utf8'),
            });
          }
          if (records.length === 0) break;
          iterator = batch.NextShardIterator;
        }
      }
      return result;
    },
    close: () => closeServer(server),
  };
}

export { type KinesisEmulator, type KinesisRecordView, startKinesisEmulator };
