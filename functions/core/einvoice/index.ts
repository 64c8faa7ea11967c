import { UnsupportedFormatError } from '../errors';
import type { Invoice } from '../invoice/model';
import type { XmlElement } from '../xml/safe-xml';

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
  _input: string | Uint8Array,
  _options: EInvoiceReadOptions = {},
): EInvoiceReadResult {
  throw new UnsupportedFormatError('e-invoice XML reader is being built');
}
