import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditLog } from '../../core/ports/records';
import type { AuditEvent } from '../../core/records';

/** Append-only: every event is a new item (seq = timestamp + random), never updated. */
export class DynamoAuditLog implements AuditLog {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async append(event: AuditEvent): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...event, seq: `${event.at}#${randomUUID()}` },
        ConditionExpression: 'attribute_not_exists(seq)',
      }),
    );
  }

  async list(invoiceId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'invoiceId = :id',
          ExpressionAttributeValues: { ':id': invoiceId },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const { seq: _seq, ...event } of page.Items ?? []) events.push(event as AuditEvent);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }
}
