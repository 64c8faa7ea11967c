import type { InvoiceStatus } from '../invoice/status';
import type { DecimalString } from '../money';

/**
 * Earlier invoices, for the duplicate and splitting checks. Three small indexed queries
 * (DynamoDB GSIs byVendorNumber, byFileHash, byVendorIssueDate); no scans.
 *
 * `vendorId` is the key the checks report as `context.historyVendorKey`: the master-data vendor id
 * when the vendor is known, else a stable key derived from the seller ('unknown:vat:DE123...'), so
 * that an unknown vendor's invoice sent twice is still caught. Store that key with the invoice.
 *
 * Implementations may return the invoice being checked; the checks drop it by invoiceId.
 */
export interface InvoiceSummary {
  invoiceId: string;
  vendorId: string;
  invoiceNumber: string;
  /** normalizeDocumentNumber(invoiceNumber). */
  normalizedNumber: string;
  typeCode: string;
  gross: DecimalString;
  currency: string;
  /** ISO date YYYY-MM-DD. */
  issueDate: string;
  /** ISO timestamp. */
  receivedAt: string;
  status: InvoiceStatus;
  fileHash: string;
}

export interface InvoiceHistory {
  findByVendorAndNumber(vendorId: string, normalizedNumber: string): Promise<InvoiceSummary[]>;
  findByFileHash(sha256: string): Promise<InvoiceSummary[]>;
  /** Invoices of the vendor whose issue date lies in [fromIsoDate, toIsoDate], both inclusive. */
  findByVendorBetween(vendorId: string, fromIsoDate: string, toIsoDate: string): Promise<InvoiceSummary[]>;
}
