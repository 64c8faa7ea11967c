import type { Approver, GoodsReceipt, MasterDataRecords, PurchaseOrder, Vendor } from '../masterdata/types';

/**
 * Master data read side, used by the checks. Every method is a key lookup or a small query, so a
 * DynamoDB single-table layout serves it without scans on the hot path, e.g. (pk / sk):
 *   VENDOR#<vendorId> / VENDOR                 the vendor
 *   VATID#<normalised VAT id> / VENDOR#<id>    index item  -> findVendorsByVatId
 *   IBAN#<normalised IBAN> / VENDOR#<id>       index item  -> findVendorsByIban
 *   VENDORS / VENDOR#<id>                      list item   -> listVendors (one partition, an SME's few hundred vendors)
 *   PO#<normalizeDocumentNumber(poNumber)> / PO        header with lines (lines are few)
 *   PO#<normalised> / GR#<line>#<receivedAt>#<n>       goods receipts  -> listGoodsReceipts
 *   APPROVER#<email> / APPROVER; APPROVERS / <email>   approver and list item
 */
export interface MasterDataRepository {
  getVendor(vendorId: string): Promise<Vendor | undefined>;
  /** Argument is a normalised VAT id (normalizeVatId). */
  findVendorsByVatId(vatId: string): Promise<Vendor[]>;
  /** Argument is a normalised IBAN (normalizeIban). */
  findVendorsByIban(iban: string): Promise<Vendor[]>;
  /** All vendors, for fuzzy name matching and look-alike detection (small table in an SME). */
  listVendors(): Promise<Vendor[]>;
  /**
   * The order with its lines. Implementations key orders by normalizeDocumentNumber(poNumber), so
   * 'PO-004711' and 'po 4711' find the same order; callers may pass either spelling.
   */
  getPurchaseOrder(poNumber: string): Promise<PurchaseOrder | undefined>;
  /** All receipts booked against the order (any spelling of the number, as above). */
  listGoodsReceipts(poNumber: string): Promise<GoodsReceipt[]>;
  /** Argument is a lower-case e-mail address. */
  getApprover(email: string): Promise<Approver | undefined>;
  listApprovers(): Promise<Approver[]>;
}

/** Counts of what an import wrote. */
export interface MasterDataWriteResult {
  vendors: number;
  purchaseOrders: number;
  goodsReceipts: number;
  approvers: number;
}

/**
 * Master data write side, used by `masterdata import`. Upserts are idempotent (running the same
 * import twice gives the same state) and record-atomic: a vendor with its index items, or a
 * purchase order with all its lines, is written in one transaction or batch, never half.
 * Goods receipts are replaced per PO line, so re-importing a receipts file does not double them.
 */
export interface MasterDataWriter {
  upsert(records: MasterDataRecords): Promise<MasterDataWriteResult>;
}
