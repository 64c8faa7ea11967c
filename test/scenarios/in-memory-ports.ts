import type { PoLedger } from '../../functions/core/checks/po-ledger';
import { normalizeDocumentNumber } from '../../functions/core/masterdata/normalize';
import type {
  Approver,
  MasterDataRecords,
  PurchaseOrder,
  Vendor,
} from '../../functions/core/masterdata/types';
import type { InvoiceClaim, InvoiceClaims } from '../../functions/core/ports/claims';
import type { InvoiceHistory, InvoiceSummary } from '../../functions/core/ports/history';
import type { PoLedgerStore } from '../../functions/core/ports/ledger';
import type {
  MasterDataRepository,
  MasterDataWriteResult,
  MasterDataWriter,
} from '../../functions/core/ports/masterdata';

/**
 * In-memory master data and invoice history for tests and the scenario runner. They behave like the
 * ports' contracts (normalised look-ups, inclusive date ranges) without any storage.
 */
export class InMemoryMasterData implements MasterDataRepository, MasterDataWriter {
  private vendors = new Map<string, Vendor>();
  private orders = new Map<string, PurchaseOrder>();
  private receipts = new Map<string, MasterDataRecords['goodsReceipts']>();
  private approvers = new Map<string, Approver>();

  constructor(records?: Partial<MasterDataRecords>) {
    if (records) void this.upsertSync(records);
  }

  async upsert(records: MasterDataRecords): Promise<MasterDataWriteResult> {
    return this.upsertSync(records);
  }

  private upsertSync(records: Partial<MasterDataRecords>): MasterDataWriteResult {
    for (const v of records.vendors ?? []) this.vendors.set(v.vendorId, v);
    for (const po of records.purchaseOrders ?? []) this.orders.set(normalizeDocumentNumber(po.poNumber), po);
    const byPo = new Map<string, MasterDataRecords['goodsReceipts']>();
    for (const r of records.goodsReceipts ?? []) {
      const key = normalizeDocumentNumber(r.poNumber);
      byPo.set(key, [...(byPo.get(key) ?? []), r]);
    }
    for (const [key, list] of byPo) this.receipts.set(key, list);
    for (const a of records.approvers ?? []) this.approvers.set(a.email, a);
    return {
      vendors: records.vendors?.length ?? 0,
      purchaseOrders: records.purchaseOrders?.length ?? 0,
      goodsReceipts: records.goodsReceipts?.length ?? 0,
      approvers: records.approvers?.length ?? 0,
    };
  }

  async getVendor(vendorId: string) {
    return this.vendors.get(vendorId);
  }
  async findVendorsByVatId(vatId: string) {
    return [...this.vendors.values()].filter((v) => v.vatId === vatId);
  }
  async findVendorsByIban(iban: string) {
    return [...this.vendors.values()].filter((v) => v.ibans.includes(iban));
  }
  async listVendors() {
    return [...this.vendors.values()];
  }
  async getPurchaseOrder(poNumber: string) {
    return this.orders.get(normalizeDocumentNumber(poNumber));
  }
  async listGoodsReceipts(poNumber: string) {
    return this.receipts.get(normalizeDocumentNumber(poNumber)) ?? [];
  }
  async getApprover(email: string) {
    return this.approvers.get(email.toLowerCase());
  }
  async listApprovers() {
    return [...this.approvers.values()];
  }
}

export class InMemoryHistory implements InvoiceHistory {
  readonly entries: InvoiceSummary[] = [];

  add(summary: InvoiceSummary): void {
    this.entries.push(summary);
  }

  async findByVendorAndNumber(vendorId: string, normalizedNumber: string) {
    return this.entries.filter((e) => e.vendorId === vendorId && e.normalizedNumber === normalizedNumber);
  }
  async findByFileHash(sha256: string) {
    return this.entries.filter((e) => e.fileHash === sha256);
  }
  async findByVendorBetween(vendorId: string, fromIsoDate: string, toIsoDate: string) {
    return this.entries.filter(
      (e) => e.vendorId === vendorId && e.issueDate >= fromIsoDate && e.issueDate <= toIsoDate,
    );
  }
}

/** Claims in a map: the first claimant of a key holds it (the port's contract, without storage). */
export class InMemoryClaims implements InvoiceClaims {
  readonly held = new Map<string, InvoiceClaim>();

  async claim(claim: InvoiceClaim) {
    const holder = this.held.get(claim.key) ?? claim;
    this.held.set(claim.key, holder);
    return { won: holder.invoiceId === claim.invoiceId, holder };
  }
}

/** PO ledgers in a map; each update runs to completion before the next (one thread). */
export class InMemoryLedger implements PoLedgerStore {
  readonly ledgers = new Map<string, PoLedger>();

  async get(poNumber: string) {
    return this.ledgers.get(normalizeDocumentNumber(poNumber));
  }

  async update<T>(
    poNumber: string,
    change: (current: PoLedger | undefined) => { next?: PoLedger; result: T },
  ) {
    const key = normalizeDocumentNumber(poNumber);
    const { next, result } = change(structuredClone(this.ledgers.get(key)));
    if (next) this.ledgers.set(key, next);
    return result;
  }
}
