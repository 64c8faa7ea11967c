import { ConflictError, InvoiceError } from '../errors';
import { FINAL_STATUSES } from '../invoice/status';
import type { Archive, DocumentStore } from '../ports/documents';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import { loadRecord } from './invoice-records';

/** Only decided invoices are archived. */
export class NotDecidedError extends InvoiceError {
  constructor(invoiceId: string, status: string) {
    super('NOT_DECIDED', `Invoice ${invoiceId} is ${status}; only decided invoices are archived`);
  }
}

interface Deps {
  documents: DocumentStore;
  archive: Archive;
  invoices: InvoiceRepository;
  audit: AuditLog;
  clock: Clock;
  retainYears: number;
}

/**
 * Archive: stores the original document, the extracted invoice and the decision record write-once
 * (GoBD: unchangeable, retained for the statutory period). A retry finds the objects already there.
 */
export async function archiveStep(invoiceId: string, deps: Deps): Promise<{ archiveKey: string }> {
  const record = await loadRecord(deps.invoices, invoiceId);
  if (!FINAL_STATUSES.has(record.status)) throw new NotDecidedError(invoiceId, record.status);
  if (record.archiveKey) return { archiveKey: record.archiveKey };

  const received = record.receivedAt.slice(0, 7).replace('-', '/');
  const prefix = `invoices/${received}/${invoiceId}`;
  const audit = await deps.audit.list(invoiceId);
  const objects: { key: string; body: Uint8Array; contentType: string }[] = [];
  if (record.document) {
    objects.push({
      key: `${prefix}/original/${record.document.fileName}`,
      body: await deps.documents.get(record.document.key),
      contentType: record.document.contentType,
    });
  }
  if (record.extractedKey) {
    objects.push({
      key: `${prefix}/extracted.json`,
      body: await deps.documents.get(record.extractedKey),
      contentType: 'application/json',
    });
  }
  objects.push({
    key: `${prefix}/record.json`,
    body: new TextEncoder().encode(JSON.stringify({ record, audit }, null, 2)),
    contentType: 'application/json',
  });

  let retainUntil = '';
  for (const object of objects) {
    try {
      retainUntil = await deps.archive.store(object.key, object.body, {
        contentType: object.contentType,
        retainYears: deps.retainYears,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  const now = deps.clock.now().toISOString();
  await deps.invoices.update(invoiceId, { archiveKey: prefix, updatedAt: now });
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'invoice.archived',
    actor: 'system',
    step: 'Archive',
    summary: `Archived ${objects.length} objects write-once under ${prefix}`,
    inputs: { sha256: record.document?.sha256, status: record.status },
    details: { retainUntil, keys: objects.map((o) => o.key) },
  });
  return { archiveKey: prefix };
}
