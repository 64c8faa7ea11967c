import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PoLedger } from '../../core/checks/po-ledger';
import { ConflictError } from '../../core/errors';
import { normalizeDocumentNumber } from '../../core/masterdata/normalize';
import type { PoLedgerStore } from '../../core/ports/ledger';
import { isConditionFailure } from './dynamo-client';

/**
 * The PO ledger in the master-data table, next to its order: `PO#<number>` / `LEDGER`, with a
 * `version` that every write checks and increments (optimistic concurrency: one conditional PutItem
 * per change, no transactions, so dynalite serves it too). The import writes `PO#<number>` / `PO` and
 * never touches the ledger.
 */
const LEDGER_SK = 'LEDGER';
const MAX_ATTEMPTS = 60;

export class DynamoPoLedger implements PoLedgerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(poNumber: string): Promise<PoLedger | undefined> {
    return (await this.read(poNumber)).ledger;
  }

  async update<T>(
    poNumber: string,
    change: (current: PoLedger | undefined) => { next?: PoLedger; result: T },
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await pause(attempt);
      const { ledger, version } = await this.read(poNumber);
      const { next, result } = change(ledger);
      if (!next) return result;
      try {
        await this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk: pk(poNumber), sk: LEDGER_SK, version: version + 1, data: next },
            ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : 'version = :version',
            ...(version !== 0 && { ExpressionAttributeValues: { ':version': version } }),
          }),
        );
        return result;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new ConflictError(`PO ledger ${poNumber} kept changing under ${MAX_ATTEMPTS} attempts; retry`);
  }

  private async read(poNumber: string): Promise<{ ledger?: PoLedger; version: number }> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: pk(poNumber), sk: LEDGER_SK },
        ConsistentRead: true,
      }),
    );
    if (!result.Item) return { version: 0 };
    return { ledger: result.Item.data as PoLedger, version: Number(result.Item.version) };
  }
}

function pk(poNumber: string): string {
  return `PO#${normalizeDocumentNumber(poNumber)}`;
}

/** Jittered backoff, 2..~60 ms, so that concurrent writers spread out. */
function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(60, 2 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * ceiling));
}
