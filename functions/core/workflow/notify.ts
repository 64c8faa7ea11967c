import { outcomeNotification } from '../mail/notifications';
import type { DocumentStore } from '../ports/documents';
import type { Clock, Mailer } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import { loadRecord } from './invoice-records';

interface Deps {
  documents: DocumentStore;
  invoices: InvoiceRepository;
  audit: AuditLog;
  mailer: Mailer;
  clock: Clock;
  financeTeamEmail: string;
}

const VIEW_LINK_SECONDS = 7 * 24 * 3600;

/** Notify: tells the finance team how the invoice ended (approved, rejected, quarantined, parked). */
export async function notifyStep(
  invoiceId: string,
  deps: Deps,
): Promise<{ messageId: string; status: string }> {
  const record = await loadRecord(deps.invoices, invoiceId);
  const viewUrl = record.document
    ? await deps.documents.viewUrl(record.document.key, VIEW_LINK_SECONDS)
    : undefined;
  const mail = outcomeNotification(record, deps.financeTeamEmail, viewUrl);
  const { messageId } = await deps.mailer.send(mail);
  await deps.audit.append({
    invoiceId,
    at: deps.clock.now().toISOString(),
    type: 'notification.sent',
    actor: 'system',
    step: 'Notify',
    summary: `Told ${deps.financeTeamEmail}: ${record.status}`,
    details: { messageId, subject: mail.subject },
  });
  return { messageId, status: record.status };
}
