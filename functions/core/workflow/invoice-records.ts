import { INTAKE_PREFIXES } from '../config/settings';
import { NotFoundError } from '../errors';
import type { DocumentFindings } from '../extraction/extract';
import type { Invoice } from '../invoice/model';
import type { DocumentStore } from '../ports/documents';
import type { InvoiceRepository } from '../ports/records';
import type { InvoiceRecord } from '../records';
import type { ValidationReport } from '../validation/types';

/** Reading an invoice's record and its extracted document: shared by the steps after Extract. */

/** What Extract stores for the later steps: the invoice as read and, for e-invoices, its validation. */
export interface ExtractedDocument {
  invoice: Invoice;
  validation?: ValidationReport;
  warnings: string[];
  /** Active content and refused embedded invoice XML (PDFs). */
  findings?: DocumentFindings;
}

export function extractedKey(invoiceId: string): string {
  return `${INTAKE_PREFIXES.extracted}${invoiceId}/invoice.json`;
}

export async function loadRecord(invoices: InvoiceRepository, invoiceId: string): Promise<InvoiceRecord> {
  const record = await invoices.get(invoiceId);
  if (!record) throw new NotFoundError(`No invoice record ${invoiceId}`);
  return record;
}

export async function loadExtracted(documents: DocumentStore, invoiceId: string): Promise<ExtractedDocument> {
  return JSON.parse(
    new TextDecoder().decode(await documents.get(extractedKey(invoiceId))),
  ) as ExtractedDocument;
}
