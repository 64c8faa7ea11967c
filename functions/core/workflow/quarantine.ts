import { settlePurchaseOrder } from '../checks/po-ledger';
import { sha256Hex } from '../intake/hash';
import { parseMail } from '../intake/mail';
import type { InvoiceStatus } from '../invoice/status';
import type { PolicyConfig } from '../policy/config';
import { decideUnreadable } from '../policy/decide';
import type { DocumentStore } from '../ports/documents';
import type { PoLedgerStore } from '../ports/ledger';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { InvoiceRecord } from '../records';
import { mailInfo, type ReceiveMailInput } from './receive-mail';

/** The error a Catch put into the state: Step Functions' {Error, Cause}. */
export interface CaughtError {
  Error?: string;
  Cause?: string;
}

export interface QuarantineCause {
  code: string;
  reason: string;
}

/**
 * Reads a caught error. Lambda reports `Cause` as JSON {errorType, errorMessage}; the step wrapper
 * prefixes typed errors' messages with their code ("[NEEDS_OCR] ...").
 */
export function quarantineCause(error: CaughtError | undefined): QuarantineCause {
  const name = error?.Error ?? 'Unknown';
  let message = error?.Cause ?? '';
  try {
    const parsed = JSON.parse(message) as { errorMessage?: string };
    if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
  } catch {
    // Not JSON: States.Timeout and friends carry plain text.
  }
  const coded = /^\[([A-Z][A-Z0-9_]*)\]\s*([\s\S]*)$/.exec(message);
  if (coded) return { code: coded[1] as string, reason: oneLine(coded[2] as string) };
  const code = name.startsWith('States.') ? name.slice(7).toUpperCase() : 'PROCESSING_FAILED';
  return { code, reason: oneLine(message || name) };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 500 ? `${line.slice(0, 497)}...` : line;
}

/** The step an invoice was in, from its status when it failed. */
const FAILED_STEP: Partial<Record<InvoiceStatus, string>> = {
  RECEIVED: 'Extract',
  EXTRACTED: 'Check',
  CHECKED: 'Decide',
  AWAITING_APPROVAL: 'Approval',
  AWAITING_CLARIFICATION: 'Clarification',
  APPROVED: 'Archive',
  REJECTED: 'Archive',
};

interface Deps {
  documents: DocumentStore;
  invoices: InvoiceRepository;
  audit: AuditLog;
  clock: Clock;
  policy: PolicyConfig;
  ledger: PoLedgerStore;
}

/**
 * Quarantine: keeps an invoice the workflow could not finish, with the reason, for a person. Nothing
 * is deleted; the document and everything read so far stay. Unreadable documents get the QUARANTINE
 * route with UNREADABLE; a later technical failure keeps the earlier decision beside the reason.
 */
export async function quarantineInvoice(
  invoiceId: string,
  error: CaughtError | undefined,
  deps: Deps,
): Promise<{ invoiceId: string; code: string }> {
  const record = await deps.invoices.get(invoiceId);
  // Without an error the policy itself chose QUARANTINE: its first reason is the cause.
  const policyReason =
    !error && record?.decision?.route === 'QUARANTINE' ? record.decision.reasons[0] : undefined;
  const cause = policyReason
    ? { code: policyReason.code, reason: policyReason.message }
    : quarantineCause(error);
  const now = deps.clock.now().toISOString();
  const step = (record && FAILED_STEP[record.status]) ?? 'Workflow';
  await deps.invoices.update(invoiceId, {
    status: 'QUARANTINED',
    updatedAt: now,
    decidedAt: now,
    quarantine: { ...cause, step, at: now },
    ...(!record?.decision && { decision: decideUnreadable(cause.code, cause.reason, deps.policy) }),
    // An outcome reached before (e.g. approved, then archiving failed) is kept for the person.
    ...(!record?.outcome && {
      outcome: { status: 'QUARANTINED', decidedBy: 'system', decidedAt: now, comment: cause.reason },
    }),
  });
  // A quarantined invoice is not paid without a person: its share of the order is released.
  if (record) await settlePurchaseOrder(deps.ledger, record, 'QUARANTINED', now);
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'invoice.quarantined',
    actor: 'system',
    step: 'Quarantine',
    summary: `Quarantined in ${step}: ${cause.code}: ${cause.reason}`,
    inputs: { previousStatus: record?.status, error: error?.Error },
  });
  return { invoiceId, code: cause.code };
}

/**
 * QuarantineMail: the mail itself could not be opened or held no invoice. It is kept as a record of its
 * own (position 0 of the mail) so that a person sees it; the raw MIME stays in the store.
 */
export async function quarantineMail(
  input: ReceiveMailInput,
  error: CaughtError | undefined,
  deps: Deps,
): Promise<{ invoiceId: string; code: string }> {
  const invoiceId = `${input.mailId}-0`;
  const raw = await deps.documents.get(input.key);
  const mail = await parseMail(raw).catch(() => undefined);
  const now = deps.clock.now().toISOString();
  const record: InvoiceRecord = {
    id: invoiceId,
    status: 'RECEIVED',
    receivedAt: input.receivedAt,
    updatedAt: now,
    mail: mailInfo(input, mail),
    document: {
      key: input.key,
      fileName: 'mail.eml',
      contentType: 'message/rfc822',
      sha256: sha256Hex(raw),
      size: raw.byteLength,
    },
  };
  await deps.invoices.create(record);
  return quarantineInvoice(invoiceId, error, deps);
}
