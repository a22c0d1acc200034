/** dynalite (in-process, in-memory) on a loopback port, with table creation and Scan-based inspection. */
import dynalite from 'dynalite';
import { callAwsJson } from './aws-json-client';
import { closeServer, listenOnLoopback } from './http-util';
import type { SecondaryIndexSpec, TableSpec } from './resource-spec';
import { amzTarget, wireOf } from './service-wire';

/** DynamoDB JSON (`{"id":{"S":"1"}}`), as Scan returns items. */
type DynamoItem = Record<string, Record<string, unknown>>;

/** A running dynalite. */
interface DynamoDbEmulator {
  readonly url: string;
  createTable(spec: TableSpec): Promise<string>;
  /** All items of a table (paginated Scan), in DynamoDB JSON. */
  scan(tableName: string): Promise<DynamoItem[]>;
  close(): Promise<void>;
}

function indexInput(index: SecondaryIndexSpec): Record<string, unknown> {
  return {
    IndexName: index.indexName,
    KeySchema: index.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
    Projection: {
      ProjectionType: index.projection?.projectionType ?? 'ALL',
      ...(index.projection?.nonKeyAttributes !== undefined ? { NonKeyAttributes: index.projection.nonKeyAttributes } : {}),
    },
  };
}

/** Starts dynalite with instant table transitions (createTableMs 0) so start-up does not wait 500 ms per table. */
async function startDynamoDbEmulator(options: { region: string; accountId: string }): Promise<DynamoDbEmulator> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}`;
  const call = <T = Record<string, unknown>>(operation: string, body: unknown) =>
    callAwsJson<T>({
      endpoint: url,
      service: 'dynamodb',
      region: options.region,
      target: amzTarget('dynamodb', operation),
      contentType: wireOf('dynamodb').contentType,
      body,
    });

  return {
    url,
    async createTable(spec) {
      await call('CreateTable', {
        TableName: spec.name,
        KeySchema: spec.keySchema.map((k) => ({ AttributeName: k.attributeName, KeyType: k.keyType })),
        AttributeDefinitions: spec.attributeDefinitions.map((a) => ({ AttributeName: a.attributeName, AttributeType: a.attributeType })),
        BillingMode: 'PAY_PER_REQUEST',
        ...(spec.globalSecondaryIndexes?.length ? { GlobalSecondaryIndexes: spec.globalSecondaryIndexes.map(indexInput) } : {}),
        ...(spec.localSecondaryIndexes?.length ? { LocalSecondaryIndexes: spec.localSecondaryIndexes.map(indexInput) } : {}),
      });
      // Even with createTableMs 0 the ACTIVE transition is a timer tick away; wait so callers never see CREATING.
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const described = await call<{ Table?: { TableStatus?: string } }>('DescribeTable', { TableName: spec.name });
        if (described.Table?.TableStatus === 'ACTIVE') break;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return `arn:aws:dynamodb:${options.region}:${options.accountId}:table/${spec.name}`;
    },
    async scan(tableName) {
      const items: DynamoItem[] = [];
      let startKey: unknown;
      do {
        const page: { Items?: DynamoItem[]; LastEvaluatedKey?: unknown } = await call('Scan', {
          TableName: tableName,
          ...(startKey !== undefined ? { ExclusiveStartKey: startKey } : {}),
        });
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
      return items;
    },
    close: () => closeServer(server),
  };
}

export { type DynamoDbEmulator, type DynamoItem, startDynamoDbEmulator };
