import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { normalizeDocumentNumber } from '../../core/masterdata/normalize';
import type {
  Approver,
  GoodsReceipt,
  MasterDataRecords,
  PurchaseOrder,
  Vendor,
} from '../../core/masterdata/types';
import type {
  MasterDataRepository,
  MasterDataWriteResult,
  MasterDataWriter,
} from '../../core/ports/masterdata';

/**
 * Master data in one table (pk/sk), laid out for key lookups (see ports/masterdata.ts):
 *   VENDOR#id/VENDOR, VATID#vat/VENDOR#id, IBAN#iban/VENDOR#id, VENDORS/VENDOR#id,
 *   PO#number/PO, PO#number/GR#line#n, APPROVER#email/APPROVER, APPROVERS/email.
 */
type Item = { pk: string; sk: string; [key: string]: unknown };

const BATCH_SIZE = 25;

export class DynamoMasterData implements MasterDataRepository, MasterDataWriter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getVendor(vendorId: string): Promise<Vendor | undefined> {
    return (await this.getItem(`VENDOR#${vendorId}`, 'VENDOR'))?.data as Vendor | undefined;
  }

  findVendorsByVatId(vatId: string): Promise<Vendor[]> {
    return this.vendorsVia(`VATID#${vatId}`);
  }

  findVendorsByIban(iban: string): Promise<Vendor[]> {
    return this.vendorsVia(`IBAN#${iban}`);
  }

  async listVendors(): Promise<Vendor[]> {
    return (await this.query('VENDORS')).map((item) => item.data as Vendor);
  }

  async getPurchaseOrder(poNumber: string): Promise<PurchaseOrder | undefined> {
    return (await this.getItem(poKey(poNumber), 'PO'))?.data as PurchaseOrder | undefined;
  }

  async listGoodsReceipts(poNumber: string): Promise<GoodsReceipt[]> {
    return (await this.query(poKey(poNumber), 'GR#')).map((item) => item.data as GoodsReceipt);
  }

  async getApprover(email: string): Promise<Approver | undefined> {
    return (await this.getItem(`APPROVER#${email.toLowerCase()}`, 'APPROVER'))?.data as Approver | undefined;
  }

  async listApprovers(): Promise<Approver[]> {
    return (await this.query('APPROVERS')).map((item) => item.data as Approver);
  }

  /**
   * Idempotent upsert. Index items of a vendor's former VAT id or IBANs are removed. IBANs a second
   * person confirmed through the agent (the vendor's BANKHIST# items) stay, ahead of the imported ones;
   * PO ledgers (PO#…/LEDGER) and bank-details cases are never touched.
   */
  async upsert(records: MasterDataRecords): Promise<MasterDataWriteResult> {
    const puts: Item[] = [];
    const deletes: { pk: string; sk: string }[] = [];
    for (const imported of records.vendors) {
      const confirmed = (await this.query(`VENDOR#${imported.vendorId}`, 'BANKHIST#'))
        .map((item) => item.change as { iban: string; status: string; at: string })
        .filter((c) => c.status === 'verified' && !imported.ibans.includes(c.iban))
        .sort((a, b) => b.at.localeCompare(a.at))
        .map((c) => c.iban);
      const vendor: Vendor = { ...imported, ibans: [...new Set([...confirmed, ...imported.ibans])] };
      const previous = await this.getVendor(vendor.vendorId);
      const indexKeys = (v: Vendor) => [
        ...(v.vatId ? [`VATID#${v.vatId}`] : []),
        ...v.ibans.map((i) => `IBAN#${i}`),
      ];
      const current = new Set(indexKeys(vendor));
      for (const stale of previous ? indexKeys(previous).filter((k) => !current.has(k)) : []) {
        deletes.push({ pk: stale, sk: `VENDOR#${vendor.vendorId}` });
      }
      puts.push({ pk: `VENDOR#${vendor.vendorId}`, sk: 'VENDOR', data: vendor });
      puts.push({ pk: 'VENDORS', sk: `VENDOR#${vendor.vendorId}`, data: vendor });
      for (const key of current)
        puts.push({ pk: key, sk: `VENDOR#${vendor.vendorId}`, vendorId: vendor.vendorId });
    }
    for (const order of records.purchaseOrders)
      puts.push({ pk: poKey(order.poNumber), sk: 'PO', data: order });
    // Receipts are replaced per PO line: existing ones of the imported lines go first.
    const receiptLines = new Set(records.goodsReceipts.map((r) => `${poKey(r.poNumber)}|${r.line}`));
    for (const poLine of receiptLines) {
      const [pk, line] = poLine.split('|') as [string, string];
      for (const old of await this.query(pk, `GR#${line}#`)) deletes.push({ pk: old.pk, sk: old.sk });
    }
    records.goodsReceipts.forEach((receipt, n) => {
      puts.push({
        pk: poKey(receipt.poNumber),
        sk: `GR#${receipt.line}#${receipt.receivedAt}#${n}`,
        data: receipt,
      });
    });
    for (const approver of records.approvers) {
      puts.push({ pk: `APPROVER#${approver.email}`, sk: 'APPROVER', data: approver });
      puts.push({ pk: 'APPROVERS', sk: approver.email, data: approver });
    }
    const putKeys = new Set(puts.map((p) => `${p.pk}|${p.sk}`));
    await this.write([
      ...deletes.filter((d) => !putKeys.has(`${d.pk}|${d.sk}`)).map((Key) => ({ DeleteRequest: { Key } })),
      ...puts.map((Item) => ({ PutRequest: { Item } })),
    ]);
    return {
      vendors: records.vendors.length,
      purchaseOrders: records.purchaseOrders.length,
      goodsReceipts: records.goodsReceipts.length,
      approvers: records.approvers.length,
    };
  }

  private async vendorsVia(indexKey: string): Promise<Vendor[]> {
    const ids = (await this.query(indexKey, 'VENDOR#')).map((item) => String(item.vendorId));
    const vendors = await Promise.all(ids.map((id) => this.getVendor(id)));
    return vendors.filter((v): v is Vendor => v !== undefined);
  }

  private async getItem(pk: string, sk: string): Promise<Item | undefined> {
    const result = await this.db.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk } }));
    return result.Item as Item | undefined;
  }

  private async query(pk: string, skPrefix?: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: skPrefix ? 'pk = :pk AND begins_with(sk, :sk)' : 'pk = :pk',
          ExpressionAttributeValues: skPrefix ? { ':pk': pk, ':sk': skPrefix } : { ':pk': pk },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** BatchWrite in chunks of 25, retrying unprocessed items with backoff. */
  private async write(requests: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < requests.length; i += BATCH_SIZE) {
      let pending = requests.slice(i, i + BATCH_SIZE);
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB kept ${pending.length} master data writes unprocessed`);
        if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await this.db.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
        );
        pending = (result.UnprocessedItems?.[this.tableName] ?? []) as Record<string, unknown>[];
      }
    }
  }
}

function poKey(poNumber: string): string {
  return `PO#${normalizeDocumentNumber(poNumber)}`;
}
