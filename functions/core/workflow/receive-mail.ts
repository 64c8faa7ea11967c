import { INTAKE_PREFIXES } from '../config/settings';
import { NoInvoiceDocumentError, UnsafeInputError } from '../errors';
import { invoiceIdFor } from '../intake/ids';
import { invoiceCandidates, type ParsedMail, parseMail } from '../intake/mail';
import type { DocumentStore } from '../ports/documents';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { InvoiceRecord, MailInfo } from '../records';

export interface ReceiveMailInput {
  mailId: string;
  bucket: string;
  key: string;
  receivedAt: string;
}

export interface ReceivedMail {
  mailId: string;
  documents: { invoiceId: string; fileName: string }[];
}

interface Deps {
  documents: DocumentStore;
  invoices: InvoiceRepository;
  audit: AuditLog;
  clock: Clock;
}

export function attachmentKey(invoiceId: string, fileName: string): string {
  return `${INTAKE_PREFIXES.attachments}${invoiceId}/${fileName}`;
}

export function mailInfo(input: ReceiveMailInput, mail: ParsedMail | undefined): MailInfo {
  return {
    mailId: input.mailId,
    messageId: mail?.messageId,
    from: mail?.from ?? '',
    senderDomain: mail?.senderDomain ?? '',
    subject: mail?.subject ?? '',
    receivedAt: input.receivedAt,
    rawKey: input.key,
    authentication: mail?.authentication ?? {},
  };
}

/**
 * ParseMail: reads the stored mail, keeps every attachment that may be an invoice and opens one record
 * per document. Idempotent: a retry finds the records and attachments already there.
 */
export async function receiveMail(input: ReceiveMailInput, deps: Deps): Promise<ReceivedMail> {
  const mail = await parseMail(await deps.documents.get(input.key));
  if (mail.authentication.virus === 'FAIL') {
    throw new UnsafeInputError('The mail scanner reported a virus; the mail was not opened further');
  }
  const candidates = invoiceCandidates(mail.attachments);
  if (candidates.length === 0) {
    const names = mail.attachments.map((a) => a.fileName).join(', ');
    throw new NoInvoiceDocumentError(
      names
        ? `The mail has no attachment that could be an invoice (only: ${names})`
        : 'The mail has no attachment',
    );
  }
  const info = { ...mailInfo(input, mail), documentCount: candidates.length };
  const now = deps.clock.now().toISOString();
  const documents: ReceivedMail['documents'] = [];
  for (const [index, attachment] of candidates.entries()) {
    const invoiceId = invoiceIdFor(input.mailId, index + 1);
    const key = attachmentKey(invoiceId, attachment.fileName);
    await deps.documents.put(key, attachment.bytes, { contentType: attachment.contentType });
    const record: InvoiceRecord = {
      id: invoiceId,
      status: 'RECEIVED',
      receivedAt: input.receivedAt,
      updatedAt: now,
      mail: info,
      document: {
        key,
        fileName: attachment.fileName,
        contentType: attachment.contentType,
        sha256: attachment.sha256,
        size: attachment.bytes.byteLength,
      },
    };
    if (await deps.invoices.create(record)) {
      await deps.audit.append({
        invoiceId,
        at: now,
        type: 'mail.received',
        actor: 'system',
        step: 'ParseMail',
        summary: `Received "${attachment.fileName}" from ${mail.from || 'an unknown sender'}`,
        inputs: { rawKey: input.key, sha256: attachment.sha256, size: attachment.bytes.byteLength },
        details: { subject: mail.subject, authentication: mail.authentication, position: index + 1 },
      });
    }
    documents.push({ invoiceId, fileName: attachment.fileName });
  }
  return { mailId: input.mailId, documents };
}
