/** Minimal typings for the untyped emulator packages; only what the emulator layer calls. */
declare module 'dynalite' {
  import type { Server } from 'node:http';

  /** Options of dynalite 4 (see node_modules/dynalite/index.js). */
  interface DynaliteOptions {
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
    maxItemSizeKb?: number;
    path?: string;
  }
  /** Creates (does not start) a DynamoDB-compatible HTTP server. */
  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}

declare module 'kinesalite' {
  import type { Server } from 'node:http';

  /** Options of kinesalite 3 (see node_modules/kinesalite/index.js). */
  interface KinesaliteOptions {
    createStreamMs?: number;
    deleteStreamMs?: number;
    updateStreamMs?: number;
    shardLimit?: number;
    path?: string;
  }
  /** Creates (does not start) a Kinesis-compatible HTTP server. */
  function kinesalite(options?: KinesaliteOptions): Server;
  export = kinesalite;
}

declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { Readable } from 'node:stream';

  /** Options of s3rver 3 (see node_modules/s3rver/lib/s3rver.js). */
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory: string;
    resetOnClose?: boolean;
    configureBuckets?: { name: string; configs?: string[] }[];
  }
  /** One object as returned by the filesystem store. */
  interface S3rverObject {
    key: string;
    metadata: Record<string, string>;
    content: Readable | null;
  }
  /** The filesystem store behind s3rver (used to inspect objects without HTTP). */
  interface S3rverStore {
    listBuckets(): Promise<{ name: string }[]>;
    putBucket(bucket: string): Promise<unknown>;
    listObjects(bucket: string, options: Record<string, unknown>): Promise<{ objects: S3rverObject[] }>;
    getObject(bucket: string, key: string): Promise<S3rverObject | null>;
  }
  /** The s3rver server (a Koa app). */
  class S3rver {
    constructor(options: S3rverOptions);
    store: S3rverStore;
    httpServer?: Server;
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
  export = S3rver;
}

declare module 's3rver/lib/models/account' {
  /** An s3rver account: the key pairs it accepts for SigV4 requests. */
  class AWSAccount {
    createKeyPair(accessKeyId: string, secretAccessKey: string): void;
    /** The account every request is checked against (accepts S3RVER/S3RVER out of the box). */
    static DUMMY_ACCOUNT: AWSAccount;
  }
  export = AWSAccount;
}
