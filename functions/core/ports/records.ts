import type { InvoiceStatus } from '../invoice/status';
import type { AuditEvent, InvoiceRecord } from '../records';

/** Invoice records (DynamoDB in AWS, dynalite locally). */
export interface InvoiceRepository {
  /** Creates the record unless one with the id exists; returns false if it already existed. */
  create(record: InvoiceRecord): Promise<boolean>;
  get(id: string): Promise<InvoiceRecord | undefined>;
  /** Merges fields into the record; with `expectStatus`, only if the current status is one of them. */
  update(
    id: string,
    fields: Partial<InvoiceRecord>,
    options?: { expectStatus?: InvoiceStatus[] },
  ): Promise<InvoiceRecord>;
  /** Newest first. */
  list(options?: { limit?: number }): Promise<InvoiceRecord[]>;
}

/** Append-only audit trail. */
export interface AuditLog {
  append(event: AuditEvent): Promise<void>;
  list(invoiceId: string): Promise<AuditEvent[]>;
}
