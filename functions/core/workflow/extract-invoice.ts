import { NotFoundError } from '../errors';
import { extractInvoice } from '../extraction/extract';
import type { Invoice } from '../invoice/model';
import type { DocumentStore, OcrEngine, PdfReader } from '../ports/documents';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { InvoiceRecord } from '../records';
import { validateEInvoice } from '../validation';
import type { ValidationReport } from '../validation/types';
import { type ExtractedDocument, extractedKey, loadRecord } from './invoice-records';

interface Deps {
  documents: DocumentStore;
  invoices: InvoiceRepository;
  audit: AuditLog;
  clock: Clock;
  pdf: PdfReader;
  ocr?: OcrEngine;
}

/** Extract: reads the document exactly where the format allows (XML), else from text or OCR. */
export async function extractStep(
  invoiceId: string,
  deps: Deps,
): Promise<{ format: string; confidence: number }> {
  const record = await loadRecord(deps.invoices, invoiceId);
  if (!record.document) throw new NotFoundError(`Invoice ${invoiceId} has no document`);
  const bytes = await deps.documents.get(record.document.key);
  const result = await extractInvoice(
    { bytes, fileName: record.document.fileName, contentType: record.document.contentType },
    { pdf: deps.pdf, ocr: deps.ocr },
  );
  const validation = result.xmlRoot ? validateEInvoice(result.xmlRoot) : undefined;
  const extracted: ExtractedDocument = {
    invoice: result.invoice,
    validation,
    warnings: result.warnings,
    ...(result.findings && { findings: result.findings }),
  };
  const key = extractedKey(invoiceId);
  await deps.documents.put(key, JSON.stringify(extracted), { contentType: 'application/json' });

  const { invoice } = result;
  const now = deps.clock.now().toISOString();
  const fatal = validation?.findings.filter((f) => f.severity === 'fatal') ?? [];
  await deps.invoices.update(invoiceId, {
    status: 'EXTRACTED',
    updatedAt: now,
    extractedKey: key,
    invoiceNumber: invoice.invoiceNumber,
    typeCode: invoice.typeCode,
    seller: invoice.seller.name,
    gross: invoice.totals.gross,
    ...(invoice.totals.prepaid && { prepaid: invoice.totals.prepaid }),
    payable: invoice.totals.payable,
    currency: invoice.currency,
    issueDate: invoice.issueDate || undefined,
    format: invoice.source.format,
    validation: validation && {
      valid: validation.valid,
      fatal: fatal.length,
      warnings: validation.findings.length - fatal.length,
      rules: [...new Set(fatal.map((f) => f.rule))].slice(0, 50),
    },
  });
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'invoice.extracted',
    actor: `extractor:${invoice.source.format}`,
    step: 'Extract',
    summary: `Read ${invoice.source.format} invoice ${invoice.invoiceNumber || '(no number)'} with confidence ${invoice.source.confidence}`,
    inputs: { sha256: record.document.sha256, fileName: record.document.fileName },
    details: {
      profile: invoice.source.profile,
      ruleSets: validation?.ruleSets,
      fatalRules: fatal.map((f) => f.rule),
      warnings: result.warnings.slice(0, 20),
      ...(result.findings && { findings: result.findings }),
    },
  });
  return { format: invoice.source.format, confidence: invoice.source.confidence };
}
