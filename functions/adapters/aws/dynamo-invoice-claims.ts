import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../../core/errors';
import type { InvoiceClaim, InvoiceClaims } from '../../core/ports/claims';
import { isConditionFailure } from './dynamo-client';

/**
 * Claims in the invoices table, as items of their own: id `CLAIM#<sha256 of the claim key>` (no
 * `entity`, `fileHash` or `vendorId`, so they appear in no index). One conditional PutItem decides;
 * dynalite supports it, so AWS and the local stack behave alike.
 */
const claimId = (key: string) => `CLAIM#${createHash('sha256').update(key).digest('hex')}`;

export class DynamoInvoiceClaims implements InvoiceClaims {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(claim: InvoiceClaim): Promise<{ won: boolean; holder: InvoiceClaim }> {
    const id = claimId(claim.key);
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { id, claim },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      return { won: true, holder: claim };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }),
    );
    const holder = stored.Item?.claim as InvoiceClaim | undefined;
    if (!holder) throw new ConflictError(`Claim ${claim.key} was refused but cannot be read`);
    return { won: holder.invoiceId === claim.invoiceId, holder };
  }
}
