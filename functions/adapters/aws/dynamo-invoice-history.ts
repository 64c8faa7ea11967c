import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { InvoiceHistory, InvoiceSummary } from '../../core/ports/history';

/** Earlier invoices from the invoices table's indexes (byVendorNumber, byFileHash, byVendorIssueDate). */
export class DynamoInvoiceHistory implements InvoiceHistory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  findByVendorAndNumber(vendorId: string, normalizedNumber: string): Promise<InvoiceSummary[]> {
    return this.query('byVendorNumber', 'vendorNumberKey = :k', { ':k': `${vendorId}#${normalizedNumber}` });
  }

  findByFileHash(sha256: string): Promise<InvoiceSummary[]> {
    return this.query('byFileHash', 'fileHash = :k', { ':k': sha256 });
  }

  findByVendorBetween(vendorId: string, fromIsoDate: string, toIsoDate: string): Promise<InvoiceSummary[]> {
    return this.query('byVendorIssueDate', 'vendorId = :k AND issueDate BETWEEN :from AND :to', {
      ':k': vendorId,
      ':from': fromIsoDate,
      ':to': toIsoDate,
    });
  }

  private async query(
    indexName: string,
    condition: string,
    values: Record<string, string>,
  ): Promise<InvoiceSummary[]> {
    const out: InvoiceSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: indexName,
          KeyConditionExpression: condition,
          ExpressionAttributeValues: values,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        out.push({
          invoiceId: String(item.id),
          // Invoices not yet checked have no vendor key (only the file-hash index finds them).
          vendorId: String(item.vendorId ?? ''),
          invoiceNumber: String(item.invoiceNumber ?? ''),
          normalizedNumber: String(item.normalizedNumber ?? ''),
          typeCode: String(item.typeCode ?? ''),
          gross: String(item.gross ?? '0'),
          currency: String(item.currency ?? ''),
          issueDate: String(item.issueDate ?? ''),
          receivedAt: String(item.receivedAt ?? ''),
          status: item.status,
          fileHash: String(item.fileHash ?? ''),
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }
}
