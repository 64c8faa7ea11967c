import { BoundedPdfReader } from '../functions/adapters/pdf';
import { InvoiceError } from '../functions/core/errors';
import { findEmbeddedInvoice } from '../functions/core/extraction/embedded';
import { sniffDocument } from '../functions/core/extraction/sniff';
import type { PdfReader } from '../functions/core/ports/documents';
import { validateEInvoice } from '../functions/core/validation';
import type { ValidationReport } from '../functions/core/validation/types';
import { parseXml, type XmlElement } from '../functions/core/xml/safe-xml';
import { EXIT_INVALID, forEachFile } from './io';

/**
 * `invoice-agent validate <file...> [--json] [--strict]`
 * Validates an e-invoice XML (UBL or CII; EN 16931, plus XRechnung when BT-24 names it) or the
 * e-invoice XML embedded in a ZUGFeRD/Factur-X PDF.
 *
 * A plain PDF (no embedded e-invoice) or an image has no structured invoice: that is a typed
 * error NoStructuredInvoiceError (code NO_EINVOICE, exit 1), not a fabricated finding.
 * An invalid invoice is a successful validation (exit 0, valid: false) unless --strict (exit 3).
 */

export class NoStructuredInvoiceError extends InvoiceError {
  constructor(message: string) {
    super('NO_EINVOICE', message);
  }
}

export interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
}

export async function validateCommand(files: string[], options: ValidateOptions): Promise<number> {
  const pdf = new BoundedPdfReader();
  try {
    const { exitCode, outcomes } = await forEachFile(
      files,
      async (file, bytes) => validateEInvoice(await structuredInvoice(file, bytes, pdf)),
      { json: options.json ?? false, toJson: validateOutput, render: renderValidation },
    );
    const invalid = outcomes.some((o) => o.ok && !o.value.valid);
    return exitCode === 0 && options.strict && invalid ? EXIT_INVALID : exitCode;
  } finally {
    await pdf.close();
  }
}

/** The parsed e-invoice XML of the file: the file itself, or the XML embedded in a PDF. */
export async function structuredInvoice(
  file: string,
  bytes: Uint8Array,
  pdf: PdfReader,
): Promise<XmlElement> {
  const kind = sniffDocument(bytes, file);
  if (kind.kind === 'xml') return parseXml(bytes);
  if (kind.kind === 'image')
    throw new NoStructuredInvoiceError(
      `no structured invoice to validate: the file is an image (${kind.contentType}); use extract to read it`,
    );
  const content = await pdf.read(bytes, { textLayer: false, attachments: true });
  const embedded = findEmbeddedInvoice(content.embeddedFiles, content.xmp);
  if (embedded.found) return embedded.found.root;
  const why = embedded.warnings.length ? ` (${embedded.warnings.join('; ')})` : '';
  throw new NoStructuredInvoiceError(
    `no structured invoice to validate: the PDF carries no embedded e-invoice XML${why}; use extract to read its text`,
  );
}

/** The JSON contract of `validate` (issue 3): {valid, findings:[{rule, severity, message, path}]}. */
export function validateOutput(report: ValidationReport) {
  return {
    valid: report.valid,
    ruleSets: report.ruleSets,
    findings: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.messageDe && { messageDe: f.messageDe }),
      path: f.path ?? null,
    })),
  };
}

export function renderValidation(file: string, report: ValidationReport): string {
  const count = (severity: string) => report.findings.filter((f) => f.severity === severity).length;
  const header = `${file}: ${report.valid ? 'valid' : 'INVALID'} (${report.ruleSets.join(', ') || 'no EN 16931 rule set'}): ${count('fatal')} fatal, ${count('warning')} warnings`;
  const findings = report.findings.map(
    (f) => `  ${f.severity.padEnd(11)} ${f.rule.padEnd(12)} ${f.message}${f.path ? `  [${f.path}]` : ''}`,
  );
  return [header, ...findings].join('\n');
}
