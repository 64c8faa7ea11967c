import type { CheckResult } from './checks/types';
import type { InvoiceStatus } from './invoice/status';
import type { DecimalString } from './money';
import type { Decision } from './policy/decide';

/**
 * What the agent keeps per invoice. Small fields live in the record; the extracted invoice and the
 * full validation report are stored as documents (see `InvoiceRecord.extractedKey`).
 */
export interface MailAuthentication {
  spf?: string;
  dkim?: string;
  dmarc?: string;
  spam?: string;
  virus?: string;
}

export interface MailInfo {
  mailId: string;
  messageId?: string;
  from: string;
  senderDomain: string;
  subject: string;
  receivedAt: string;
  rawKey: string;
  authentication: MailAuthentication;
  /** How many documents of the mail became records (ids <mailId>-1 … -n). */
  documentCount?: number;
}

export interface DocumentRef {
  key: string;
  fileName: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** What the checks matched the invoice to (master-data vendor, purchase order, coding). */
export interface InvoiceMatch {
  vendorId?: string;
  vendorName?: string;
  vendorMatchedBy?: string;
  poNumber?: string;
  poMatched: boolean;
  costCenter?: string;
  glAccount?: string;
  requesterEmail?: string;
}

export interface Coding {
  glAccount?: string;
  costCenter?: string;
}

export interface ReasoningSummary {
  /** 'bedrock:<model id>' or 'rules:<version>'. */
  engine: string;
  recommendation: 'approve' | 'review' | 'reject';
  explanation: string;
  coding: Coding;
  confidence: number;
}

export interface Outcome {
  status: InvoiceStatus;
  /** Who decided: 'policy:<version>', an approver's email, or 'system'. */
  decidedBy: string;
  decidedAt: string;
  comment?: string;
  coding?: Coding;
}

export interface QuarantineInfo {
  code: string;
  reason: string;
  step: string;
  at: string;
}

export interface InvoiceRecord {
  id: string;
  status: InvoiceStatus;
  receivedAt: string;
  updatedAt: string;
  decidedAt?: string;
  mail: MailInfo;
  document?: DocumentRef;
  /** Key of the extracted Invoice JSON in the document store. */
  extractedKey?: string;
  /** Denormalised summary for lists and duplicate lookups. */
  invoiceNumber?: string;
  normalizedNumber?: string;
  typeCode?: string;
  seller?: string;
  /** The invoice history's vendor key (master-data id, or 'unknown:...' for unknown sellers). */
  vendorId?: string;
  gross?: DecimalString;
  /** BT-113: paid before (prepayment). */
  prepaid?: DecimalString;
  /** BT-115: the amount to pay. */
  payable?: DecimalString;
  currency?: string;
  issueDate?: string;
  format?: string;
  validation?: { valid: boolean; fatal: number; warnings: number; rules: string[] };
  checks?: CheckResult[];
  match?: InvoiceMatch;
  /** The deterministic policy decision (route, reasons, policy version, approvers). */
  decision?: Decision;
  /** The original invoice this one lost its claim to (a copy: DUPLICATE_EXACT or DUPLICATE_SUSPECTED). */
  duplicateOf?: string;
  reasoning?: ReasoningSummary;
  outcome?: Outcome;
  quarantine?: QuarantineInfo;
  archiveKey?: string;
}

/** One entry of the append-only audit trail: who or what decided, on which inputs, with which model or rule. */
export interface AuditEvent {
  invoiceId: string;
  at: string;
  /** e.g. 'mail.received', 'invoice.extracted', 'checks.completed', 'decision.made', 'approval.viewed'. */
  type: string;
  /** 'system', 'policy:<version>', 'bedrock:<model>', 'rules:<version>', or a person's email. */
  actor: string;
  /** Step or component that wrote the event. */
  step: string;
  summary: string;
  /** Inputs the decision was based on (hashes and ids, never secrets or full IBANs). */
  inputs?: Record<string, unknown>;
  details?: Record<string, unknown>;
}
