import type { EInvoiceReadResult } from '../einvoice';
import { readEInvoiceXml } from '../einvoice';
import { describeError, InvoiceError, UnsafeInputError } from '../errors';
import type { PdfEmbeddedFile } from '../ports/documents';

/**
 * Finds the e-invoice XML inside a ZUGFeRD/Factur-X/XRechnung PDF, whatever the file is called.
 * Every XML attachment is tried; among those readEInvoiceXml accepts, the newer syntax wins
 * (CII/UBL over ZUGFeRD 1, when a PDF carries both), then the file the XMP metadata names
 * (fx:DocumentFileName), then one related as Alternative/Data/Source (AFRelationship).
 */

export interface EmbeddedInvoice extends EInvoiceReadResult {
  file: PdfEmbeddedFile;
}

export interface EmbeddedSearch {
  found?: EmbeddedInvoice;
  /** Why XML attachments were not taken. */
  warnings: string[];
  /** Names of every attachment that reads as an e-invoice (the one taken included). */
  invoiceFiles: string[];
  /**
   * Attachments meant as the invoice XML (named by the XMP metadata, related as Alternative/Data/Source,
   * named like factur-x.xml/zugferd-invoice.xml/xrechnung.xml, or refused as unsafe) that were refused.
   */
  refused: { file: string; reason: string }[];
}

const INVOICE_FILE_NAME = /(factur-?x|zugferd|xrechnung|order-x|invoice|rechnung)[^/]*\.xml$/i;

const INVOICE_RELATIONSHIPS = /^(alternative|data|source)$/i;

export function findEmbeddedInvoice(files: PdfEmbeddedFile[], xmp?: string): EmbeddedSearch {
  const warnings: string[] = [];
  const named = xmp ? xmpDocumentFileName(xmp) : undefined;
  const accepted: { result: EInvoiceReadResult; file: PdfEmbeddedFile; rank: number }[] = [];
  const refused: EmbeddedSearch['refused'] = [];
  files.forEach((file, index) => {
    if (!isXmlCandidate(file)) return;
    try {
      const result = readEInvoiceXml(file.bytes, { embeddedFileName: file.name });
      const syntaxRank = result.invoice.source.syntax === 'ZUGFeRD1' ? 0 : 1;
      const namedRank = named && file.name.toLowerCase() === named.toLowerCase() ? 1 : 0;
      const relationRank = INVOICE_RELATIONSHIPS.test(file.relationship ?? '') ? 1 : 0;
      accepted.push({ result, file, rank: syntaxRank * 100 + namedRank * 10 + relationRank - index / 1000 });
    } catch (error) {
      if (!(error instanceof InvoiceError)) throw error;
      warnings.push(`embedded ${file.name} is not a readable e-invoice: ${describeError(error)}`);
      const meant =
        (named !== undefined && file.name.toLowerCase() === named.toLowerCase()) ||
        INVOICE_RELATIONSHIPS.test(file.relationship ?? '') ||
        INVOICE_FILE_NAME.test(file.name) ||
        error instanceof UnsafeInputError;
      if (meant) refused.push({ file: file.name, reason: describeError(error) });
    }
  });
  const best = accepted.sort((a, b) => b.rank - a.rank)[0];
  const invoiceFiles = accepted.map((a) => a.file.name);
  if (!best) return { warnings, invoiceFiles, refused };
  for (const other of accepted)
    if (other !== best)
      warnings.push(`embedded ${other.file.name} also holds an invoice; ${best.file.name} was read`);
  return { found: { ...best.result, file: best.file }, warnings, invoiceFiles, refused };
}

/** Attachments that may be XML: named *.xml, or starting with '<' (after a BOM). */
function isXmlCandidate(file: PdfEmbeddedFile): boolean {
  if (/\.xml$/i.test(file.name)) return true;
  let i = file.bytes[0] === 0xef && file.bytes[1] === 0xbb && file.bytes[2] === 0xbf ? 3 : 0;
  while (i < file.bytes.length && i < 256 && /\s/.test(String.fromCharCode(file.bytes[i] ?? 0))) i++;
  return file.bytes[i] === 0x3c;
}

/** fx:DocumentFileName / zf:DocumentFileName from the XMP packet (element or attribute form). */
export function xmpDocumentFileName(xmp: string): string | undefined {
  const match = /DocumentFileName\s*(?:>|=\s*["'])\s*([^<"']{1,200}?)\s*(?:<|["'])/.exec(xmp);
  return match?.[1];
}
