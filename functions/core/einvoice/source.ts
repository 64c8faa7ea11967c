import type { InvoiceFormat } from '../invoice/model';

/**
 * Names the document format and profile from the syntax, the specification identifier (BT-24)
 * and, for XML that came out of a PDF, the embedded file's name.
 */

/** Profile named by a specification identifier (CustomizationID / guideline id), or undefined if unknown. */
export function profileOf(specificationId: string | undefined): string | undefined {
  if (!specificationId) return undefined;
  const id = specificationId.toLowerCase();

  const xrechnung = /xrechnung_(\d+(?:\.\d+)*)/.exec(id);
  if (xrechnung) {
    const base = `XRECHNUNG ${xrechnung[1]}`;
    if (id.includes('kosit:extension:')) return `${base} EXTENSION`;
    if (id.includes(':cvd_')) return `${base} CVD`;
    return base;
  }
  // ZUGFeRD 1.0 (final and pre-release): urn:ferd:CrossIndustryDocument:invoice:1p0:comfort, urn:ferd:invoice:rc:comfort
  const zugferd1 = /^urn:ferd:.*:(basic|comfort|extended)$/.exec(id);
  if (zugferd1) return zugferd1[1]!.toUpperCase();
  // ZUGFeRD 2.x / Factur-X profiles, including the early "urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic"
  const facturX =
    /(?:zugferd\.de:2p\d|factur-x\.eu:1p0):(minimum|basicwl|basic|en16931|extended|xrechnung)\b/.exec(id);
  if (facturX) return facturX[1] === 'basicwl' ? 'BASIC WL' : facturX[1]!.toUpperCase();
  if (id.includes('peppol.eu:2017:poacc:billing:3.0')) return 'PEPPOL BIS 3.0';
  if (id === 'urn:cen.eu:en16931:2017') return 'EN16931';
  return undefined;
}

/** Document format for the Invoice source. */
export function formatOf(
  syntax: 'UBL' | 'CII' | 'ZUGFeRD1',
  specificationId: string | undefined,
  embeddedFileName: string | undefined,
): InvoiceFormat {
  if (syntax === 'ZUGFeRD1') return 'zugferd1';
  const id = specificationId?.toLowerCase() ?? '';
  if (syntax === 'CII' && embeddedFileName !== undefined) {
    // Hybrid PDF: the guideline's brand decides; else the conventional file name (factur-x.xml vs zugferd-invoice.xml).
    if (id.includes('factur-x.eu')) return 'factur-x';
    if (id.includes('zugferd.de')) return 'zugferd';
    return /^factur-x\.xml$/i.test(embeddedFileName.trim()) ? 'factur-x' : 'zugferd';
  }
  if (id.includes('xrechnung')) return syntax === 'UBL' ? 'xrechnung-ubl' : 'xrechnung-cii';
  return syntax === 'UBL' ? 'ubl' : 'cii';
}
