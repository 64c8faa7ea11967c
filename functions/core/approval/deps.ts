import { NotFoundError } from '../errors';
import type { Invoice } from '../invoice/model';
import type { PolicyConfig } from '../policy/config';
import type { ApprovalRepository, LinkSigner, SecretBox } from '../ports/approvals';
import type { DocumentStore } from '../ports/documents';
import type { PoLedgerStore } from '../ports/ledger';
import type { MasterDataRepository } from '../ports/masterdata';
import type { Clock, Mailer, TaskResponder } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { InvoiceRecord } from '../records';
import { extractedKey } from '../workflow/invoice-records';
import { invoiceHash } from './link';
import type { ApprovalKind, ApprovalRequest } from './model';

/** The small logging surface the approval services use (Powertools Logger fits it). */
export interface ApprovalLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}

export interface ApprovalSettings {
  approvalBaseUrl: string;
  approvalLinkTtlHours: number;
  financeTeamEmail: string;
  policy: Pick<
    PolicyConfig,
    'fourEyesMinGross' | 'confirmTypedAmountMinGross' | 'bankVerificationEmail' | 'financeTeamEmail'
  >;
}

/** Everything the approval services touch; the handlers pass the runtime's ports. */
export interface ApprovalDeps {
  invoices: InvoiceRepository;
  audit: AuditLog;
  approvals: ApprovalRepository;
  links: LinkSigner;
  secrets: SecretBox;
  mailer: Mailer;
  tasks: TaskResponder;
  clock: Clock;
  documents: DocumentStore;
  masterData: MasterDataRepository;
  /** The PO ledger: an approval books the invoice's share, a rejection releases it. */
  ledger: PoLedgerStore;
  logger: ApprovalLogger;
  settings: ApprovalSettings;
}

/** Document links in mails: short-lived (the page always renders a fresh one). */
export const MAIL_DOCUMENT_LINK_HOURS = 24;
/** Document links on the page. */
export const PAGE_DOCUMENT_LINK_SECONDS = 15 * 60;

/** The invoice as it is now, with the hash that links are bound to. */
export interface InvoiceState {
  record: InvoiceRecord;
  invoice?: Invoice;
  hash: string;
}

export async function loadInvoiceState(
  deps: Pick<ApprovalDeps, 'invoices' | 'documents'>,
  invoiceId: string,
): Promise<InvoiceState> {
  const record = await deps.invoices.get(invoiceId);
  if (!record) throw new NotFoundError(`No invoice record ${invoiceId}`);
  let invoice: Invoice | undefined;
  try {
    const bytes = await deps.documents.get(record.extractedKey ?? extractedKey(invoiceId));
    invoice = (JSON.parse(new TextDecoder().decode(bytes)) as { invoice?: Invoice }).invoice;
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  const hash = invoiceHash(
    invoice ?? {
      seller: { name: record.seller, identifiers: [] },
      invoiceNumber: record.invoiceNumber ?? '',
      totals: { gross: record.gross ?? '', lineNet: '', net: '', payable: '' },
      currency: record.currency ?? '',
      payment: { accounts: [] },
    },
  );
  return { record, invoice, hash };
}

/** Requests of one kind and round, newest first. */
export function newestFirst(
  requests: ApprovalRequest[],
  kind?: ApprovalKind,
  round?: number,
): ApprovalRequest[] {
  return requests
    .filter((r) => (kind === undefined || r.kind === kind) && (round === undefined || r.round === round))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Lower-case, trimmed e-mail for comparisons. */
export function sameEmail(a: string | undefined, b: string | undefined): boolean {
  return !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
}
