import type { ApprovalRepository, LinkSigner, SecretBox } from './approvals';
import type { BankDetailsRepository } from './bank-details';
import type { InvoiceClaims } from './claims';
import type { Archive, DocumentStore, OcrEngine, PdfReader } from './documents';
import type { InvoiceHistory } from './history';
import type { PoLedgerStore } from './ledger';
import type { MasterDataRepository } from './masterdata';
import type { Clock, Mailer, TaskResponder, WorkflowStarter } from './messaging';
import type { Reasoner } from './reasoner';
import type { AuditLog, InvoiceRepository } from './records';

/**
 * Every port a step may declare, with the access levels it can ask for. AWS builds each from an SDK
 * client and grants exactly the declared level; the local runtime builds them from embedded stand-ins.
 */
export interface Ports {
  /** Intake bucket: raw/, attachments/, extracted/. */
  documents: DocumentStore;
  /** Write-once archive (Object Lock). */
  archive: Archive;
  invoices: InvoiceRepository;
  /** Earlier invoices (duplicates, splitting): read-only queries on the invoices table. */
  history: InvoiceHistory;
  audit: AuditLog;
  masterData: MasterDataRepository;
  /** One claim per invoice file and identity: conditional puts in the invoices table. */
  claims: InvoiceClaims;
  /** The PO ledger beside the orders in the master-data table (conditional writes on its version). */
  ledger: PoLedgerStore;
  /** Bank-details verification cases and the vendors' bank history (master-data table). */
  bankDetails: BankDetailsRepository;
  approvals: ApprovalRepository;
  links: LinkSigner;
  secrets: SecretBox;
  mailer: Mailer;
  reasoner: Reasoner;
  tasks: TaskResponder;
  workflow: WorkflowStarter;
  pdf: PdfReader;
  ocr: OcrEngine;
}

export type PortName = keyof Ports;

/** The access levels per port; infra maps each to IAM actions on the port's resource. */
export const PORT_ACCESS = {
  /** readWrite never includes delete: raw mail is never removed. */
  documents: ['read', 'readWrite'],
  archive: ['write'],
  invoices: ['read', 'readWrite'],
  history: ['read'],
  audit: ['append', 'read'],
  masterData: ['read', 'readWrite'],
  /** Put (conditional) and read back a claim; never update or delete. */
  claims: ['claim'],
  ledger: ['readWrite'],
  bankDetails: ['readWrite'],
  approvals: ['readWrite'],
  links: ['sign', 'signAndVerify'],
  secrets: ['seal', 'open'],
  mailer: ['send'],
  reasoner: ['invoke'],
  tasks: ['respond'],
  workflow: ['start'],
  /** In-process (a bounded worker): no cloud resource. */
  pdf: ['use'],
  /** Textract, with pages staged in the intake bucket. */
  ocr: ['use'],
} as const satisfies Record<PortName, readonly string[]>;

export type PortAccess<P extends PortName> = (typeof PORT_ACCESS)[P][number];

/** A step's port declaration: which ports, at which level. */
export type PortUses = { [P in PortName]?: PortAccess<P> };

/** The small logging surface steps use (Powertools Logger in both runtimes fits it). */
export interface StepLogger {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** Always available to a step, without a declaration: no resource, no grant. */
export interface RuntimeServices {
  clock: Clock;
  logger: StepLogger;
}
