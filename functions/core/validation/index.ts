import { detectSyntax } from '../einvoice/detect';
import type { XmlElement } from '../xml/safe-xml';
import { CII_CODES } from './en16931/cii-codes';
import { CII_MODEL } from './en16931/cii-model';
import { CII_SYNTAX } from './en16931/cii-syntax';
import { indexDocument, type Pattern, runPatterns } from './en16931/engine';
import { UBL_CODES } from './en16931/ubl-codes';
import { UBL_MODEL } from './en16931/ubl-model';
import { UBL_SYNTAX } from './en16931/ubl-syntax';
import { first, nsp, sv } from './en16931/xpath';
import type { Finding, ValidationReport } from './types';
import { namesXRechnung, validateXRechnung, xrechnungRuleSet } from './xrechnung';

/**
 * Validates a parsed e-invoice (UBL 2.1 Invoice/CreditNote or CII D16B, as ZUGFeRD 2.x,
 * Factur-X or XRechnung) against the EN 16931 rules of the CEN validation artefacts v1.3.16:
 * business rules (BR-*, BR-CO-*, BR-DEC-*, VAT categories), code lists (BR-CL-*) and the fatal
 * syntax-binding rules (CII-SR/CII-DT, UBL-SR/UBL-DT/UBL-CR). When the specification identifier
 * (BT-24) names XRechnung, the XRechnung rules are applied too.
 *
 * Throws UnsupportedFormatError when the document element is not an e-invoice.
 */
export interface ValidateOptions {
  /** Apply the XRechnung rules when BT-24 names XRechnung. Default true. */
  xrechnung?: boolean;
}

const RULE_SETS: Record<'CII' | 'UBL', { name: string; patterns: readonly Pattern[] }> = {
  CII: { name: 'EN16931-CII', patterns: [CII_MODEL, CII_SYNTAX, CII_CODES] },
  UBL: { name: 'EN16931-UBL', patterns: [UBL_MODEL, UBL_SYNTAX, UBL_CODES] },
};

export function validateEInvoice(root: XmlElement, options: ValidateOptions = {}): ValidationReport {
  const detected = detectSyntax(root);
  if (detected.syntax === 'ZUGFeRD1') return zugferd1Report();

  const ruleSet = RULE_SETS[detected.syntax];
  const findings: Finding[] = runPatterns(indexDocument(root), ruleSet.patterns);
  const ruleSets = [ruleSet.name];

  if ((options.xrechnung ?? true) && namesXRechnung(specificationId(root, detected.syntax))) {
    findings.push(...validateXRechnung(root));
    ruleSets.push(xrechnungRuleSet(detected.syntax));
  }
  return { valid: !findings.some((f) => f.severity === 'fatal'), ruleSets, findings };
}

/** BT-24: the UBL CustomizationID or the CII guideline parameter. */
function specificationId(root: XmlElement, syntax: 'CII' | 'UBL'): string | undefined {
  const element =
    syntax === 'UBL'
      ? first(root, 'CustomizationID')
      : first(root, 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID');
  return element ? nsp(sv(element)) : undefined;
}

/** ZUGFeRD 1.0 predates EN 16931: no EN 16931 rule set applies, so nothing can be fatal. */
function zugferd1Report(): ValidationReport {
  return {
    valid: true,
    ruleSets: [],
    findings: [
      {
        rule: 'EN16931-NOT-APPLICABLE',
        severity: 'information',
        message: 'ZUGFeRD 1.0 predates EN 16931; the EN 16931 rules do not apply to this document.',
        messageDe: 'ZUGFeRD 1.0 ist älter als die EN 16931; deren Regeln gelten für dieses Dokument nicht.',
      },
    ],
  };
}

export type { Finding, Severity, ValidationReport } from './types';
