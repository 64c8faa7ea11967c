import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '../../core/errors';
import type { InvoiceStatus } from '../../core/invoice/status';
import type { InvoiceRepository } from '../../core/ports/records';
import type { InvoiceRecord } from '../../core/records';
import { isConditionFailure } from './dynamo-client';
import { INVOICES_TABLE } from './table-schemas';

const ENTITY = 'invoice';

/** Index attributes derived from the record, so lookups never scan. */
function indexAttributes(record: Partial<InvoiceRecord>): Record<string, string | undefined> {
  return {
    vendorNumberKey:
      record.vendorId && record.normalizedNumber
        ? `${record.vendorId}#${record.normalizedNumber}`
        : undefined,
    fileHash: record.document?.sha256,
  };
}

export class DynamoInvoiceRepository implements InvoiceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(record: InvoiceRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, entity: ENTITY, ...indexAttributes(record) },
          ConditionExpression: 'attribute_not_exists(#id)',
          ExpressionAttributeNames: { '#id': INVOICES_TABLE.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async get(id: string): Promise<InvoiceRecord | undefined> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    return result.Item ? stripIndexAttributes(result.Item) : undefined;
  }

  async update(
    id: string,
    fields: Partial<InvoiceRecord>,
    options: { expectStatus?: InvoiceStatus[] } = {},
  ): Promise<InvoiceRecord> {
    const values: Record<string, unknown> = {};
    const names: Record<string, string> = { '#id': 'id' };
    const sets: string[] = [];
    const all = { ...fields, ...indexAttributes(fields) };
    for (const [key, value] of Object.entries(all)) {
      if (value === undefined || key === 'id') continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    let condition = 'attribute_exists(#id)';
    if (options.expectStatus?.length) {
      names['#status'] = 'status';
      const placeholders = options.expectStatus.map((s, i) => {
        values[`:expect${i}`] = s;
        return `:expect${i}`;
      });
      condition += ` AND #status IN (${placeholders.join(', ')})`;
    }
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { id },
          UpdateExpression: sets.length ? `SET ${sets.join(', ')}` : undefined,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return stripIndexAttributes(result.Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`No invoice record ${id}`);
      throw new ConflictError(
        `Invoice ${id} is ${current.status}, expected one of ${options.expectStatus?.join(', ')}`,
      );
    }
  }

  async list(options: { limit?: number } = {}): Promise<InvoiceRecord[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byReceivedAt',
        KeyConditionExpression: 'entity = :entity',
        ExpressionAttributeValues: { ':entity': ENTITY },
        ScanIndexForward: false,
        Limit: options.limit ?? 100,
      }),
    );
    return (result.Items ?? []).map(stripIndexAttributes);
  }
}

function stripIndexAttributes(item: Record<string, unknown>): InvoiceRecord {
  const { entity: _e, vendorNumberKey: _v, fileHash: _f, ...record } = item;
  return record as unknown as InvoiceRecord;
}
