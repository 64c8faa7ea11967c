import { UnsupportedFormatError } from '../../errors';
import type { XmlElement } from '../../xml/safe-xml';
import type { Finding } from '../types';
import { CII_NS, CII_PATTERNS, ciiFacts } from './cii';
import { runPatterns } from './schematron';
import { UBL_CREDIT_NOTE_NS, UBL_INVOICE_NS, UBL_PATTERNS, ublFacts } from './ubl';

/**
 * XRechnung 3.0 national rules (KoSIT schematron 2.5: BR-DE-*, BR-DEX-*, BR-TMP-*, BR-DE-CVD-*)
 * plus the Peppol BIS rules XRechnung adopts (PEPPOL-EN16931-R*), for UBL Invoice, UBL CreditNote
 * and CII. The EN 16931 validator calls this when BT-24 names XRechnung.
 */

export type XRechnungSyntax = 'UBL' | 'CII';

/** Which XRechnung binding applies to the document element, or undefined for other documents. */
export function xrechnungSyntaxOf(root: XmlElement): XRechnungSyntax | undefined {
  if (root.name === 'Invoice' && root.ns === UBL_INVOICE_NS) return 'UBL';
  if (root.name === 'CreditNote' && root.ns === UBL_CREDIT_NOTE_NS) return 'UBL';
  if (root.name === 'CrossIndustryInvoice' && root.ns === CII_NS) return 'CII';
  return undefined;
}

/** Rule-set name for ValidationReport.ruleSets, e.g. 'XRechnung-CII-3.0'. */
export function xrechnungRuleSet(syntax: XRechnungSyntax): string {
  return `XRechnung-${syntax}-3.0`;
}

/**
 * Validates a parsed UBL Invoice, UBL CreditNote or CII document against the XRechnung rules.
 * Returns every failed assert (fatal, warning, information) with its official rule id.
 * Throws UnsupportedFormatError for any other document element.
 */
export function validateXRechnung(root: XmlElement): Finding[] {
  const syntax = xrechnungSyntaxOf(root);
  if (syntax === 'UBL') return runPatterns(root, UBL_PATTERNS, ublFacts(root));
  if (syntax === 'CII') return runPatterns(root, CII_PATTERNS, ciiFacts(root));
  const found = root.ns ? `{${root.ns}}${root.name}` : root.name;
  throw new UnsupportedFormatError(
    `XRechnung rules apply to UBL Invoice, UBL CreditNote or CII CrossIndustryInvoice, not ${found}`,
  );
}

export {
  namesXRechnung,
  XR_CIUS_ID,
  XR_CVD_ID,
  XR_EXTENSION_ID,
  XRECHNUNG_SPECIFICATION_IDS,
} from './common';
export { RULE_TEXTS, type XRechnungRuleId } from './messages';
