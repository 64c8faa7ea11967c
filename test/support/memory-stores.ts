import { ConflictError, NotFoundError } from '../../functions/core/errors';
import type { InvoiceStatus } from '../../functions/core/invoice/status';
import type { Archive, DocumentStore } from '../../functions/core/ports/documents';
import type { Mailer, OutgoingMail } from '../../functions/core/ports/messaging';
import type { AuditLog, InvoiceRepository } from '../../functions/core/ports/records';
import type { AuditEvent, InvoiceRecord } from '../../functions/core/records';

/** In-memory stand-ins for unit tests of the step services (same contracts as the adapters). */
export class MemoryDocuments implements DocumentStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array | string) {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  async get(key: string) {
    const body = this.objects.get(key);
    if (!body) throw new NotFoundError(`No object ${key}`);
    return body;
  }
  async exists(key: string) {
    return this.objects.has(key);
  }
  async viewUrl(key: string, seconds: number) {
    return `https://documents.test/${encodeURIComponent(key)}?expires=${seconds}`;
  }
}

export class MemoryArchive implements Archive {
  readonly objects = new Map<string, Uint8Array>();
  async store(key: string, body: Uint8Array) {
    if (this.objects.has(key)) throw new ConflictError(`exists: ${key}`);
    this.objects.set(key, body);
    return '2034-11-24T00:00:00.000Z';
  }
}

export class MemoryInvoices implements InvoiceRepository {
  readonly records = new Map<string, InvoiceRecord>();
  async create(record: InvoiceRecord) {
    if (this.records.has(record.id)) return false;
    this.records.set(record.id, structuredClone(record));
    return true;
  }
  async get(id: string) {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }
  async update(id: string, fields: Partial<InvoiceRecord>, options: { expectStatus?: InvoiceStatus[] } = {}) {
    const current = this.records.get(id);
    if (!current) throw new NotFoundError(id);
    if (options.expectStatus && !options.expectStatus.includes(current.status))
      throw new ConflictError(`status ${current.status}`);
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const next = { ...current, ...structuredClone(defined) } as InvoiceRecord;
    this.records.set(id, next);
    return structuredClone(next);
  }
  async list() {
    return [...this.records.values()].reverse();
  }
}

export class MemoryAudit implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(event: AuditEvent) {
    this.events.push(structuredClone(event));
  }
  async list(invoiceId: string) {
    return this.events.filter((e) => e.invoiceId === invoiceId);
  }
}

export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail) {
    this.sent.push(mail);
    return { messageId: `<${this.sent.length}@test>` };
  }
}

export const fixedClock = (iso = '2026-11-24T10:00:00.000Z') => ({ now: () => new Date(iso) });
