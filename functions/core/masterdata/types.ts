import type { DecimalString } from '../money';

/**
 * Master data the checks compare invoices against: vendors, purchase orders, goods receipts and
 * approvers. Loaded from CSV (see parse.ts), kept by a MasterDataRepository (ports/masterdata.ts).
 * All values are already normalised: VAT ids and IBANs upper case without spaces, domains and
 * e-mails lower case, amounts and quantities canonical decimal strings.
 */

export interface Vendor {
  vendorId: string;
  name: string;
  /** Normalised VAT id (e.g. DE811907980); absent for vendors without one. */
  vatId?: string;
  /** German Steuernummer, digits and separators as given (optional column taxNumber). */
  taxNumber?: string;
  /** Known bank accounts, normalised IBANs. Payment to any other IBAN is a fraud hold. */
  ibans: string[];
  /** Known sender domains, lower case (subdomains of these match too). */
  emailDomains: string[];
  glAccount?: string;
  costCenter?: string;
  requiresPo: boolean;
  /** Optional column paymentTermsDays: the net amount is due this many days after the issue date. */
  paymentTermsDays?: number;
  /** Optional columns skontoPercent and skontoDays: the agreed cash discount (both or neither). */
  skontoPercent?: DecimalString;
  skontoDays?: number;
  /** Optional column creditorNumber: the vendor's creditor account (Kreditor) in DATEV. */
  creditorNumber?: string;
  /** Optional column vendorManagerEmail: who to ask about this vendor. */
  vendorManagerEmail?: string;
}

export interface PurchaseOrderLine {
  /** Line number as given in the CSV ("1", "10"), compared after dropping leading zeros. */
  line: string;
  description: string;
  quantity: DecimalString;
  /** Net price per one unit. */
  unitPrice: DecimalString;
  costCenter?: string;
  requesterEmail?: string;
}

export interface PurchaseOrder {
  /** As given in the CSV; look-ups use normalizeDocumentNumber(poNumber). */
  poNumber: string;
  vendorId: string;
  currency: string;
  lines: PurchaseOrderLine[];
}

export interface GoodsReceipt {
  poNumber: string;
  line: string;
  /** Negative for returns. */
  quantityReceived: DecimalString;
  /** ISO date YYYY-MM-DD. */
  receivedAt: string;
}

export type Language = 'de' | 'en';

export interface Approver {
  email: string;
  name: string;
  /** Free text (e.g. 'Teamleitung'); role 'finance' (or 'buchhaltung', 'accounting') marks accounts payable. */
  role: string;
  /** Cost centres this person approves for; '*' means all. */
  costCenters: string[];
  /** Highest gross amount this person may approve alone. */
  limit: DecimalString;
  deputyEmail?: string;
  language: Language;
}

/** Everything one import produced. */
export interface MasterDataRecords {
  vendors: Vendor[];
  purchaseOrders: PurchaseOrder[];
  goodsReceipts: GoodsReceipt[];
  approvers: Approver[];
}

export type MasterDataFile = 'vendors' | 'purchaseOrders' | 'goodsReceipts' | 'approvers';

/** File names of the CSV import (contract). */
export const MASTER_DATA_FILE_NAMES: Record<MasterDataFile, string> = {
  vendors: 'vendors.csv',
  purchaseOrders: 'purchase-orders.csv',
  goodsReceipts: 'goods-receipts.csv',
  approvers: 'approvers.csv',
};

/** A row (or a whole file, line 1) that could not be imported. */
export interface MasterDataError {
  /** CSV file name, e.g. 'vendors.csv'. */
  file: string;
  /** 1-based physical line where the row starts; 1 is the header. */
  line: number;
  message: string;
}
