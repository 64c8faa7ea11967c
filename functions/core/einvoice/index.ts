import type { ExtractionSource, Invoice } from '../invoice/model';
import { parseXml, type XmlElement } from '../xml/safe-xml';
import { CII_D16B, readCii, ZUGFERD_1 } from './cii';
import { assertNotHtml, detectSyntax } from './detect';
import { FieldReader } from './fields';
import { formatOf, profileOf } from './source';
import { readUbl } from './ubl';

/**
 * Exact reader for structured e-invoices: UBL 2.1 Invoice/CreditNote (XRechnung, EN 16931, Peppol),
 * CII D16B (XRechnung CII, ZUGFeRD 2.x, Factur-X) and ZUGFeRD 1.0 (final and pre-release).
 * Values are kept as written (amounts as decimal strings, dates as ISO); missing mandatory data
 * gives '' and is left to validation. Unreadable or foreign XML throws a typed InvoiceError.
 */

/** Structured e-invoice read from XML (UBL, CII, ZUGFeRD 1). */
export interface EInvoiceReadResult {
  invoice: Invoice;
  /** The parsed tree, for validation. */
  root: XmlElement;
}

export interface EInvoiceReadOptions {
  /** Set when the XML came out of a PDF (ZUGFeRD/Factur-X); the format becomes 'zugferd'/'factur-x'. */
  embeddedFileName?: string;
}

/** Reads an e-invoice XML exactly into the normalized model. Throws typed errors for anything else. */
export function readEInvoiceXml(
  input: string | Uint8Array,
  options: EInvoiceReadOptions = {},
): EInvoiceReadResult {
  assertNotHtml(input); // UnsupportedFormatError
  const root = parseXml(input); // UnreadableDocumentError, UnsafeInputError, LimitExceededError
  const detected = detectSyntax(root); // UnsupportedFormatError
  const fields = new FieldReader();

  let content: Omit<Invoice, 'source'>;
  if (detected.syntax === 'UBL') content = readUbl(root, detected.documentKind, fields);
  else content = readCii(root, detected.syntax === 'CII' ? CII_D16B : ZUGFERD_1, fields);

  const source: ExtractionSource = {
    format: formatOf(detected.syntax, content.specificationId, options.embeddedFileName),
    syntax: detected.syntax,
    confidence: 1,
  };
  if (detected.syntax === 'UBL') source.documentKind = detected.documentKind;
  const profile = profileOf(content.specificationId);
  if (profile) source.profile = profile;
  if (options.embeddedFileName !== undefined) source.embeddedFileName = options.embeddedFileName;
  if (detected.syntax === 'ZUGFeRD1' && detected.preRelease)
    fields.warn('ZUGFeRD 1.0 pre-release (2013/2014) document: read with the ZUGFeRD 1.0 mapping');
  if (fields.warnings.length) source.warnings = fields.warnings;

  return { invoice: { ...content, source }, root };
}

export { type DetectedSyntax, detectSyntax } from './detect';
export { parseDocumentDate } from './fields';
export { formatOf, profileOf } from './source';
