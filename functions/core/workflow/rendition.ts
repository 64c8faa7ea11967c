import { readEInvoiceXml } from '../einvoice';
import { InvoiceError } from '../errors';
import { invoiceIdFor } from '../intake/ids';
import type { Invoice } from '../invoice/model';
import { canonicalName } from '../masterdata/names';
import { normalizeDocumentNumber } from '../masterdata/normalize';
import { normalizeVatId } from '../masterdata/vat-id';
import { sameAmount } from '../money';
import type { DocumentStore } from '../ports/documents';
import type { InvoiceRepository } from '../ports/records';
import type { DocumentRef, InvoiceRecord } from '../records';

/**
 * An e-invoice and its rendering are one invoice. When one mail carries an XML e-invoice and a PDF of
 * the same invoice (same seller, number and gross), the XML is the original (GoBD: the XML is the legal
 * original) and the PDF its visual copy: one case, one decision, one notice. The PDF's path finds the
 * XML among the documents of its mail by reading the XML itself (exact and cheap), so it does not
 * depend on which document is processed first.
 */

export function isXmlDocument(document: Pick<DocumentRef, 'fileName' | 'contentType'>): boolean {
  return /xml/i.test(document.contentType) || /\.xml$/i.test(document.fileName);
}

export function isPdfDocument(document: Pick<DocumentRef, 'fileName' | 'contentType'>): boolean {
  return /pdf/i.test(document.contentType) || /\.pdf$/i.test(document.fileName);
}

/** Same seller (VAT id, else name), same normalised number, same gross and currency. */
export function sameInvoice(a: Invoice, b: Invoice): boolean {
  const number = (i: Invoice) => normalizeDocumentNumber(i.invoiceNumber ?? '');
  if (!number(a) || number(a) !== number(b)) return false;
  if (a.currency !== b.currency || !sameAmount(a.totals.gross, b.totals.gross)) return false;
  const vat = (i: Invoice) => (i.seller.vatId?.trim() ? normalizeVatId(i.seller.vatId) : undefined);
  if (vat(a) && vat(b)) return vat(a) === vat(b);
  const name = (i: Invoice) => canonicalName(i.seller.name ?? '');
  return name(a) !== '' && name(a) === name(b);
}

/**
 * For a PDF document: the id of the XML e-invoice in the same mail that it renders, if any (the first
 * by position when several would match). XML documents are originals and never renditions.
 */
export async function findOriginal(
  record: InvoiceRecord,
  invoice: Invoice,
  deps: { documents: DocumentStore; invoices: InvoiceRepository },
): Promise<string | undefined> {
  const count = record.mail.documentCount ?? 0;
  if (!record.document || !isPdfDocument(record.document) || count < 2) return undefined;
  for (let position = 1; position <= count; position++) {
    const id = invoiceIdFor(record.mail.mailId, position);
    if (id === record.id) continue;
    const sibling = await deps.invoices.get(id);
    if (!sibling?.document || !isXmlDocument(sibling.document)) continue;
    let original: Invoice;
    try {
      original = readEInvoiceXml(await deps.documents.get(sibling.document.key)).invoice;
    } catch (error) {
      if (error instanceof InvoiceError) continue; // not a readable e-invoice: its own path quarantines it
      throw error;
    }
    if (sameInvoice(original, invoice)) return id;
  }
  return undefined;
}
