import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { createDocumentClient } from '../aws/dynamo-client';
import { TABLES, type TableSchema } from '../aws/table-schemas';

/** Physical table names of the local stack (AWS gets generated names from CloudFormation). */
export const LOCAL_TABLE_NAMES: Record<TableSchema['name'], string> = {
  invoices: 'invoice-agent-invoices',
  audit: 'invoice-agent-audit',
  masterData: 'invoice-agent-master-data',
  approvals: 'invoice-agent-approvals',
};

/** Credentials for the embedded endpoint only; nothing here reaches AWS. */
export const LOCAL_CLIENT_CONFIG = {
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
} as const;

export interface LocalDynamo {
  endpoint: string;
  client: DynamoDBDocumentClient;
  close(): Promise<void>;
}

/**
 * Starts dynalite (DynamoDB API, LevelDB on disk when `path` is given, in memory otherwise)
 * on 127.0.0.1 and creates the tables with the same keys and indexes as the CDK stack.
 */
export async function startLocalDynamo(options: { path?: string; port?: number } = {}): Promise<LocalDynamo> {
  const server = dynalite({ path: options.path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await ensureTables(endpoint);
  const client = createDocumentClient({ ...LOCAL_CLIENT_CONFIG, endpoint });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates missing tables (idempotent: a restart over the same LevelDB path keeps the data). */
export async function ensureTables(endpoint: string): Promise<void> {
  const raw = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint });
  try {
    const existing = new Set((await raw.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const schema of TABLES) {
      const name = LOCAL_TABLE_NAMES[schema.name];
      if (existing.has(name)) continue;
      const attributes = new Set([
        schema.partitionKey,
        schema.sortKey,
        ...schema.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
      ]);
      const keySchema = (pk: string, sk?: string) => [
        { AttributeName: pk, KeyType: 'HASH' as const },
        ...(sk ? [{ AttributeName: sk, KeyType: 'RANGE' as const }] : []),
      ];
      await raw.send(
        new CreateTableCommand({
          TableName: name,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes]
            .filter((a): a is string => Boolean(a))
            .map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
          KeySchema: keySchema(schema.partitionKey, schema.sortKey),
          GlobalSecondaryIndexes: schema.indexes.length
            ? schema.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: keySchema(index.partitionKey, index.sortKey),
                Projection: { ProjectionType: 'ALL' as const },
              }))
            : undefined,
        }),
      );
      await raw.send(new DescribeTableCommand({ TableName: name }));
    }
  } finally {
    raw.destroy();
  }
}
