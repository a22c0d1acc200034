/** s3rver (in-process) on a loopback port with a private temporary directory that stop() removes. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account';
import { LOCAL_CREDENTIALS } from './aws-json-client';
import type { BucketSpec } from './resource-spec';

/** Objects up to this size are returned with their body by {@link S3Emulator.objects}. */
const INLINE_BODY_BYTES = 64 * 1024;

/** One stored object as inspection reports it. */
interface S3ObjectView {
  readonly key: string;
  readonly size: number;
  readonly contentType: string;
  readonly etag: string;
  /** UTF-8 body for objects up to 64 KiB; omitted for larger ones. */
  readonly body?: string;
}

/** A running s3rver. */
interface S3Emulator {
  readonly url: string;
  createBucket(spec: BucketSpec): Promise<string>;
  objects(bucket: string): Promise<S3ObjectView[]>;
  close(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Starts s3rver silently on 127.0.0.1; clients use path-style addressing and the local credentials
 * every other emulator takes (`test`/`test`, which serve signs with), or s3rver's own S3RVER/S3RVER.
 */
async function startS3Emulator(): Promise<S3Emulator> {
  // s3rver checks SigV4 signatures against its one account, which knows only S3RVER: without the
  // local key pair, every S3 route of serve answered 403 InvalidAccessKeyId.
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(LOCAL_CREDENTIALS.accessKeyId, LOCAL_CREDENTIALS.secretAccessKey);
  const directory = await mkdtemp(join(tmpdir(), 'service-proxy-s3-'));
  const s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  let address: { port: number };
  try {
    address = await s3rver.run();
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${address.port}`;
  return {
    url,
    async createBucket(spec) {
      await s3rver.store.putBucket(spec.name);
      return `arn:aws:s3:::${spec.name}`;
    },
    async objects(bucket) {
      const { objects } = await s3rver.store.listObjects(bucket, {});
      const views: S3ObjectView[] = [];
      for (const object of objects) {
        const size = Number(object.metadata['content-length'] ?? 0);
        let body: string | undefined;
        if (size <= INLINE_BODY_BYTES) {
          const full = await s3rver.store.getObject(bucket, object.key);
          if (full?.content) body = (await readAll(full.content)).toString('utf8');
        }
        views.push({
          key: object.key,
          size,
          contentType: object.metadata['content-type'] ?? 'binary/octet-stream',
          etag: (object.metadata.etag ?? '').replace(/"/g, ''),
          ...(body !== undefined ? { body } : {}),
        });
      }
      return views;
    },
    async close() {
      try {
        s3rver.httpServer?.closeAllConnections();
        await s3rver.close();
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    },
  };
}

export { type S3Emulator, type S3ObjectView, startS3Emulator };
