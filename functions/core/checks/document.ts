import type { DocumentFindings } from '../extraction/extract';
import type { Invoice } from '../invoice/model';
import type { PolicyConfig } from '../policy/config';
import type { ValidationReport } from '../validation/types';
import { fail, pass, skip, warn } from './result';
import type { CheckResult } from './types';

/**
 * Checks about the document as a whole: EN 16931 / XRechnung validation findings (mapped onto reason
 * codes), the company currency, and how reliably the data was extracted.
 */

/** EN 16931 rules about sums and VAT amounts (BR-CO-10..17, BR-<category>-08/09). */
const ARITHMETIC_RULE = /^BR-(CO-1[0-7]|(S|Z|E|AE|IC|G|O|K|L|M)-0?(8|9))$/;
/**
 * EN 16931 / XRechnung rules about content §14 UStG requires too: BR-02..16 (header), BR-21..26 (lines),
 * BR-CO-18 (VAT breakdown), BR-<category>-02..04 (seller/buyer VAT ids), BR-DE-16 (seller tax number),
 * BR-E/G/O-10 (exemption reason).
 */
const MANDATORY_RULE = /^BR-(0[2-9]|1[0-6]|2[1-6]|CO-18|(S|Z|E|AE|IC|G)-0[2-4]|DE-16|(E|G|O)-10)$/;
/** Rules about the reverse-charge / intra-EU exemption statement (BT-120/121 for AE and K). */
const REVERSE_CHARGE_RULE = /^BR-(AE|IC)-10$/;

export interface ValidationContext {
  /** Our own arithmetic (with rounding tolerance) holds. */
  arithmeticHolds: boolean;
  /** Kleinbetragsrechnung: §33 UStDV waives fields EN 16931 still requires. */
  smallInvoice: boolean;
}

export function validationChecks(
  report: ValidationReport | undefined,
  context: ValidationContext,
): CheckResult[] {
  if (!report) {
    return [
      skip(
        'einvoice.validation',
        'Not an e-invoice: no EN 16931 validation',
        'Keine E-Rechnung: keine EN-16931-Validierung',
      ),
    ];
  }
  const fatal = report.findings.filter((f) => f.severity === 'fatal');
  const summary = (rules: typeof fatal) =>
    rules.map((f) => ({ rule: f.rule, message: f.message, path: f.path }));
  const ruleSets = report.ruleSets.join(', ') || 'EN 16931';
  if (fatal.length === 0) {
    return [
      pass('einvoice.validation', `Valid according to ${ruleSets}`, `Gültig nach ${ruleSets}`, {
        ruleSets: report.ruleSets,
      }),
    ];
  }
  const arithmetic = fatal.filter((f) => ARITHMETIC_RULE.test(f.rule));
  const reverseCharge = fatal.filter((f) => REVERSE_CHARGE_RULE.test(f.rule));
  // For a small-amount invoice, missing EN 16931 content is a technical, not a legal defect.
  const mandatory = context.smallInvoice ? [] : fatal.filter((f) => MANDATORY_RULE.test(f.rule));
  const mapped = new Set([...arithmetic, ...reverseCharge, ...mandatory]);
  const other = fatal.filter((f) => !mapped.has(f));
  const list = (rules: typeof fatal) => rules.map((f) => `${f.rule} ${f.message}`).join('; ');

  const results: CheckResult[] = [];
  if (arithmetic.length > 0) {
    // Our own arithmetic allows cent rounding per line; within it, the strict rule is only a warning.
    results.push(
      context.arithmeticHolds
        ? warn(
            'einvoice.arithmetic',
            `Strict EN 16931 sum rules fail only within rounding tolerance: ${list(arithmetic)}`,
            `Strenge Summenregeln der EN 16931 nur im Rahmen der Rundungstoleranz verletzt: ${list(arithmetic)}`,
            { findings: summary(arithmetic) },
            'ARITHMETIC',
          )
        : fail(
            'einvoice.arithmetic',
            'ARITHMETIC',
            `EN 16931 sum rules fail: ${list(arithmetic)}`,
            `Summenregeln der EN 16931 verletzt: ${list(arithmetic)}`,
            {
              findings: summary(arithmetic),
            },
          ),
    );
  }
  if (mandatory.length > 0) {
    results.push(
      fail(
        'einvoice.mandatory',
        'MANDATORY_FIELD_MISSING',
        `E-invoice lacks mandatory content: ${list(mandatory)}`,
        `E-Rechnung ohne Pflichtangaben: ${list(mandatory)}`,
        {
          findings: summary(mandatory),
        },
      ),
    );
  }
  if (reverseCharge.length > 0) {
    results.push(
      fail(
        'einvoice.reverse-charge',
        'REVERSE_CHARGE_NOTE_MISSING',
        `E-invoice lacks the exemption statement: ${list(reverseCharge)}`,
        `E-Rechnung ohne Befreiungshinweis: ${list(reverseCharge)}`,
        { findings: summary(reverseCharge) },
      ),
    );
  }
  if (other.length > 0) {
    results.push(
      fail(
        'einvoice.validation',
        'EINVOICE_INVALID',
        `E-invoice violates ${other.length} rule(s) of ${ruleSets}: ${list(other.slice(0, 10))}`,
        `E-Rechnung verletzt ${other.length} Regel(n) von ${ruleSets}: ${list(other.slice(0, 10))}`,
        { ruleSets: report.ruleSets, findings: summary(other.slice(0, 50)) },
      ),
    );
  }
  return results;
}

export function currencyCheck(invoice: Invoice, policy: PolicyConfig): CheckResult {
  const id = 'currency';
  const evidence = { invoiceCurrency: invoice.currency, companyCurrency: policy.currency };
  if (invoice.currency === policy.currency)
    return pass(id, `Invoice is in ${policy.currency}`, `Rechnung in ${policy.currency}`, evidence);
  return fail(
    id,
    'CURRENCY_MISMATCH',
    `Invoice is in ${invoice.currency || '(none)'}, not in the company currency ${policy.currency}: amount limits cannot be applied`,
    `Rechnung in ${invoice.currency || '(keine)'} statt in der Hauswährung ${policy.currency}: Betragsgrenzen nicht anwendbar`,
    evidence,
  );
}

/** Fields whose misreading would pay the wrong amount or the wrong account. */
const KEY_FIELD = /gross|payable|iban|accounts|invoiceNumber/i;

export function extractionCheck(invoice: Invoice, policy: PolicyConfig): CheckResult {
  const id = 'extraction.confidence';
  const { confidence, format, fields } = invoice.source;
  const weakFields = Object.entries(fields ?? {})
    .filter(([key, evidence]) => KEY_FIELD.test(key) && evidence.confidence < policy.minExtractionConfidence)
    .map(([key, evidence]) => ({ field: key, confidence: evidence.confidence }));
  const evidence = { format, confidence, minimum: policy.minExtractionConfidence, weakFields };
  if (confidence < policy.minExtractionConfidence || weakFields.length > 0) {
    const what =
      weakFields.length > 0 ? weakFields.map((w) => w.field).join(', ') : `the document (${confidence})`;
    return fail(
      id,
      'EXTRACTION_UNCERTAIN',
      `Data read from ${format} with low confidence: ${what}`,
      `Daten aus ${format} mit geringer Sicherheit gelesen: ${what}`,
      evidence,
    );
  }
  return pass(
    id,
    `Data read from ${format} (confidence ${confidence})`,
    `Daten aus ${format} gelesen (Sicherheit ${confidence})`,
    evidence,
  );
}

const ACTIVE_CONTENT_DE: Record<string, string> = {
  javascript: 'JavaScript',
  launch: 'Programmstart (Launch)',
  uri: 'Web-Link-Aktionen (URI)',
  'submit-form': 'Formularversand (SubmitForm)',
  'import-data': 'Datenimport (ImportData)',
  'rich-media': 'Rich Media',
};

/**
 * What reading the PDF found. Active content (JavaScript, launch, URI, form or media actions, or
 * embedded files besides the invoice XML) is held for a person (ACTIVE_CONTENT). Embedded invoice XML
 * that was refused (XXE, unreadable, invalid) never lets the text layer decide alone (EINVOICE_INVALID).
 */
export function findingChecks(findings: DocumentFindings | undefined): CheckResult[] {
  if (!findings) return [];
  const active = findings.activeContent;
  const activeCheck =
    active.length === 0
      ? pass('document.active-content', 'No active content in the PDF', 'Keine aktiven Inhalte im PDF')
      : fail(
          'document.active-content',
          'ACTIVE_CONTENT',
          `The PDF contains active content: ${active.join(', ')}. Do not open it in a viewer that runs it; a person checks the invoice`,
          `Das PDF enthält aktive Inhalte: ${active
            .map((a) => ACTIVE_CONTENT_DE[a] ?? a.replace(/^embedded file /, 'eingebettete Datei '))
            .join(', ')}. Nicht in einem Programm öffnen, das sie ausführt; ein Mensch prüft die Rechnung`,
          { activeContent: active },
        );
  const refused = findings.embeddedInvoiceRefused;
  const embeddedCheck =
    refused.length === 0
      ? skip(
          'einvoice.embedded',
          'No refused embedded invoice XML',
          'Keine abgelehnte eingebettete Rechnungs-XML',
        )
      : fail(
          'einvoice.embedded',
          'EINVOICE_INVALID',
          `The embedded invoice XML was refused (${refused.map((r) => `${r.file}: ${r.reason}`).join('; ')}); the data was read from the printed text and must be checked by a person`,
          `Die eingebettete Rechnungs-XML wurde abgelehnt (${refused.map((r) => `${r.file}: ${r.reason}`).join('; ')}); die Daten stammen aus dem gedruckten Text und müssen von einem Menschen geprüft werden`,
          { refused },
        );
  return [activeCheck, embeddedCheck];
}
