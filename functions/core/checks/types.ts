import type { CompanyConfig } from '../config/company';
import { InvoiceError } from '../errors';
import type { DocumentFindings } from '../extraction/extract';
import type { Invoice } from '../invoice/model';
import type { PurchaseOrder, Vendor } from '../masterdata/types';
import type { DecimalString } from '../money';
import type { InvoiceHistory } from '../ports/history';
import type { MasterDataRepository } from '../ports/masterdata';
import type { ValidationReport } from '../validation/types';
import type { PoUsage } from './po-ledger';
import type { ReasonCode } from './reason-codes';

/**
 * Contracts of the deterministic checks: what runChecks() takes, what each check yields, and the
 * context (vendor, PO, coding) the decision and the later steps use.
 */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckResult {
  /** Stable id, e.g. 'vendor.iban', 'arithmetic.totals'. */
  id: string;
  /** 'fail' drives the decision; 'warn' is shown but never blocks; 'skip' means not applicable. */
  status: CheckStatus;
  /** Set on every 'fail' (and on warnings that have a matching code). */
  code?: ReasonCode;
  message: string;
  messageDe: string;
  /** What the verdict rests on: compared values, ids, tolerances. No full IBANs. */
  evidence: Record<string, unknown>;
}

export interface MailContext {
  from: string;
  senderDomain: string;
  /** Verdicts of the receiving mail server (SES: X-SES-*-Verdict, Authentication-Results). */
  authentication?: { spf?: string; dkim?: string; dmarc?: string; spam?: string; virus?: string };
  /** The intake always stamps verdicts (SES in AWS): a mail without them is not authenticated. */
  verdictsRequired?: boolean;
}

export interface CheckInput {
  invoiceId: string;
  invoice: Invoice;
  document: { sha256: string; fileName?: string };
  mail: MailContext;
  /** EN 16931 / XRechnung findings for e-invoices. */
  validation?: ValidationReport;
  /** What reading the PDF found: active content, refused embedded invoice XML. */
  findings?: DocumentFindings;
  /** ISO timestamp the mail arrived. */
  receivedAt: string;
  /** Who we are (configuration `company`): the buyer check compares the invoice's buyer with it. */
  company?: CompanyConfig;
}

export interface CheckPorts {
  masterData: MasterDataRepository;
  history: InvoiceHistory;
}

export type VendorMatch = 'vatId' | 'iban' | 'taxNumber' | 'name';

/** Which approval threshold a suspected split sits just under. */
export type SplitThreshold = 'autoApproveMaxGross' | 'fourEyesMinGross';

export interface CheckContext {
  vendor?: Vendor;
  vendorMatchedBy?: VendorMatch;
  /** Vendor key for the invoice history: vendorId, or 'unknown:...' derived from the seller. */
  historyVendorKey: string;
  /** normalizeDocumentNumber(BT-1). */
  normalizedNumber: string;
  purchaseOrder?: PurchaseOrder;
  /** PO found, same vendor and currency, lines matched within price tolerance, ordered and received. */
  poMatched: boolean;
  /** What the invoice takes from the PO per matched line (for the PO ledger); absent when nothing matched. */
  poUsage?: PoUsage;
  costCenter?: string;
  glAccount?: string;
  /** Who ordered (PO requester), for clarifications. */
  requesterEmail?: string;
  /** Buyer contact from the invoice (BT-43 of BG-9). */
  buyerContactEmail?: string;
  amount: { gross: DecimalString; currency: string; creditNote: boolean };
  /** Kleinbetragsrechnung (§33 UStDV): relaxed mandatory fields. */
  smallInvoice: boolean;
  /** Date the VAT rate was checked for (supply date, else issue date). */
  supplyDate?: string;
  /** Set when SPLIT_SUSPECTED: the threshold and the gross of the suspected series. */
  split?: { threshold: SplitThreshold; combinedGross: DecimalString; invoiceIds: string[] };
}

export interface CheckOutcome {
  checks: CheckResult[];
  context: CheckContext;
}

/** runChecks() was called with input it cannot work with (a programming or wiring error). */
export class CheckInputError extends InvoiceError {
  constructor(message: string) {
    super('INVALID_CHECK_INPUT', message);
  }
}
