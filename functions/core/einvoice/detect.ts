import { UnsupportedFormatError } from '../errors';
import { pathText, type XmlElement } from '../xml/safe-xml';

/** Namespaces that identify the e-invoice syntaxes we read. */
export const NS = {
  ublInvoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  ublCreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cii: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  zugferd1: 'urn:ferd:CrossIndustryDocument:invoice:1p0',
  /** Namespace of the 2013/2014 ZUGFeRD pre-release ("RC") whose root is rsm:Invoice. */
  zugferd1Rc: 'urn:un:unece:uncefact:data:standard:CBFBUY:5',
} as const;

export type DetectedSyntax =
  | { syntax: 'UBL'; documentKind: 'Invoice' | 'CreditNote' }
  | { syntax: 'CII' }
  | { syntax: 'ZUGFeRD1'; preRelease: boolean };

// An HTML page (e.g. a web-mail view saved as attachment): <!DOCTYPE html> or <html> after an optional prolog.
const HTML_START =
  /^(?:\uFEFF|\xEF\xBB\xBF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!DOCTYPE\s+html\s*>|html[\s>])/i;

/**
 * Refuses HTML before XML parsing, which would otherwise call a harmless <!DOCTYPE html> unsafe
 * or a non-XML page unreadable. A DOCTYPE with an internal subset still goes to the parser and is refused there.
 */
export function assertNotHtml(input: string | Uint8Array): void {
  const head =
    typeof input === 'string'
      ? input.slice(0, 1024)
      : new TextDecoder('latin1').decode(input.subarray(0, 1024));
  if (HTML_START.test(head))
    throw new UnsupportedFormatError('Not an e-invoice: the document is an HTML page (<html>)');
}

/** Decides the syntax from the root element's local name and namespace; anything else is unsupported. */
export function detectSyntax(root: XmlElement): DetectedSyntax {
  const { name, ns } = root;
  if (name === 'Invoice' && ns === NS.ublInvoice) return { syntax: 'UBL', documentKind: 'Invoice' };
  if (name === 'CreditNote' && ns === NS.ublCreditNote) return { syntax: 'UBL', documentKind: 'CreditNote' };
  if (name === 'CrossIndustryInvoice' && ns === NS.cii) return { syntax: 'CII' };
  if (name === 'CrossIndustryDocument' && ns === NS.zugferd1)
    return { syntax: 'ZUGFeRD1', preRelease: false };
  if (name === 'Invoice' && (ns === NS.zugferd1Rc || isZugferd1Guideline(root)))
    return { syntax: 'ZUGFeRD1', preRelease: true };

  const qualified = root.prefix ? `${root.prefix}:${name}` : name;
  throw new UnsupportedFormatError(
    `Not an e-invoice: root element <${qualified}> in namespace "${ns ?? '(none)'}" is neither UBL Invoice/CreditNote, CII CrossIndustryInvoice nor ZUGFeRD 1.0`,
  );
}

/** The pre-release declares itself by a guideline id such as urn:ferd:invoice:rc:comfort. */
function isZugferd1Guideline(root: XmlElement): boolean {
  const guideline = pathText(
    root,
    'SpecifiedExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID',
  );
  return guideline?.startsWith('urn:ferd:') ?? false;
}
