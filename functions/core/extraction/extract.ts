import { readEInvoiceXml } from '../einvoice';
import { UnreadableDocumentError } from '../errors';
import type { Invoice } from '../invoice/model';
import type { OcrEngine, PdfReader } from '../ports/documents';
import type { XmlElement } from '../xml/safe-xml';
import { findEmbeddedInvoice } from './embedded';
import { layoutFromOcr, layoutFromPdf, type TextLayout } from './layout';
import { sniffDocument } from './sniff';
import { readInvoiceFromLayout } from './text-invoice';

/**
 * The extraction orchestrator: one document in, one Invoice out.
 * - Sniffs the bytes: PDF, XML, image (PNG/JPEG/TIFF); anything else is UnsupportedFormatError.
 * - XML: the exact e-invoice reader.
 * - PDF: the embedded e-invoice XML first (unless textOnly), else the text layer, else OCR;
 *   without OCR a scan ends in UnreadableDocumentError code NEEDS_OCR.
 * - Images: OCR.
 * Every failure is a typed InvoiceError.
 */

export interface ExtractionDocument {
  bytes: Uint8Array;
  fileName?: string;
  contentType?: string;
}

export interface ExtractionPorts {
  pdf: PdfReader;
  ocr?: OcrEngine;
}

export interface ExtractionOptions {
  /** Ignore embedded XML and read only the visible text (benchmarks, cross-checks). */
  textOnly?: boolean;
}

export interface ExtractionResult {
  invoice: Invoice;
  /** The parsed e-invoice XML, for validation, when the invoice came from structured data. */
  xmlRoot?: XmlElement;
  warnings: string[];
  /** What the checks must hold the invoice for (PDFs only). */
  findings?: DocumentFindings;
}

/** Found while reading a PDF; the checks turn these into ACTIVE_CONTENT and EINVOICE_INVALID. */
export interface DocumentFindings {
  /** JavaScript, launch, URI, … actions, and 'embedded file <name>' for attachments besides the invoice XML. */
  activeContent: string[];
  /** Embedded invoice XML that was refused (XXE, unreadable, not an e-invoice): read from the text instead. */
  embeddedInvoiceRefused: { file: string; reason: string }[];
}

/** A text layer with fewer letters than this is treated as absent (a scan with a page stamp). */
const MIN_TEXT_LETTERS = 30;
/** Below this confidence a text-layer reading is retried with OCR, when OCR is available. */
const RETRY_WITH_OCR_BELOW = 0.3;

export async function extractInvoice(
  document: ExtractionDocument,
  ports: ExtractionPorts,
  options: ExtractionOptions = {},
): Promise<ExtractionResult> {
  const detected = sniffDocument(document.bytes, document.fileName);
  switch (detected.kind) {
    case 'xml': {
      const { invoice, root } = readEInvoiceXml(document.bytes);
      return { invoice, xmlRoot: root, warnings: [...(invoice.source.warnings ?? [])] };
    }
    case 'image':
      return withOcr(document.bytes, detected.contentType, ports.ocr, []);
    case 'pdf':
      return extractPdf(document.bytes, ports, options);
  }
}

async function extractPdf(
  bytes: Uint8Array,
  ports: ExtractionPorts,
  options: ExtractionOptions,
): Promise<ExtractionResult> {
  const textOnly = options.textOnly ?? false;
  const content = await ports.pdf.read(bytes, { textLayer: true, attachments: !textOnly });
  const warnings = [...(content.warnings ?? [])];
  const findings: DocumentFindings = {
    activeContent: [...(content.activeContent ?? [])],
    embeddedInvoiceRefused: [],
  };

  if (!textOnly) {
    const embedded = findEmbeddedInvoice(content.embeddedFiles, content.xmp);
    warnings.push(...embedded.warnings);
    findings.embeddedInvoiceRefused = embedded.refused;
    // The invoice XML (read or refused) is the invoice; any other attachment is active content.
    const invoiceFiles = new Set([...embedded.invoiceFiles, ...embedded.refused.map((r) => r.file)]);
    for (const file of content.embeddedFiles)
      if (!invoiceFiles.has(file.name)) findings.activeContent.push(`embedded file ${file.name}`);
    if (embedded.found) {
      const { invoice, root } = embedded.found;
      return {
        invoice,
        xmlRoot: root,
        warnings: [...warnings, ...(invoice.source.warnings ?? [])],
        findings,
      };
    }
  }

  const layout = layoutFromPdf(content.pages);
  if (letterCount(layout) >= MIN_TEXT_LETTERS) {
    const fromText = readInvoiceFromLayout(layout, { format: 'pdf-text' });
    const result = { invoice: fromText.invoice, warnings: [...warnings, ...fromText.warnings], findings };
    if (result.invoice.source.confidence >= RETRY_WITH_OCR_BELOW || !(await ocrAvailable(ports.ocr)))
      return result;
    const fromOcr = await withOcr(bytes, 'application/pdf', ports.ocr, warnings);
    return fromOcr.invoice.source.confidence > result.invoice.source.confidence
      ? { ...fromOcr, findings }
      : result;
  }
  return { ...(await withOcr(bytes, 'application/pdf', ports.ocr, warnings)), findings };
}

async function withOcr(
  bytes: Uint8Array,
  contentType: string,
  ocr: OcrEngine | undefined,
  warnings: string[],
): Promise<ExtractionResult> {
  if (!ocr || !(await ocrAvailable(ocr))) {
    const what =
      contentType === 'application/pdf'
        ? 'the PDF has no text layer'
        : `the document is an image (${contentType})`;
    throw new UnreadableDocumentError(`needs OCR: ${what} and no OCR engine is available`, {
      code: 'NEEDS_OCR',
    });
  }
  const result = await ocr.recognize(bytes, contentType);
  const layout = layoutFromOcr(result);
  const meanConfidence = result.lines.length
    ? result.lines.reduce((sum, l) => sum + l.confidence, 0) / result.lines.length
    : 0;
  if (letterCount(layout) < MIN_TEXT_LETTERS)
    throw new UnreadableDocumentError(`OCR (${result.engine}) found no readable text in the document`, {
      code: 'NO_TEXT',
    });
  const read = readInvoiceFromLayout(layout, {
    format: 'ocr',
    qualityFactor: Math.min(1, Math.max(0.1, meanConfidence)),
  });
  return { invoice: read.invoice, warnings: [...warnings, ...(result.warnings ?? []), ...read.warnings] };
}

async function ocrAvailable(ocr: OcrEngine | undefined): Promise<boolean> {
  return ocr ? ocr.available().catch(() => false) : false;
}

function letterCount(layout: TextLayout): number {
  let letters = 0;
  for (const line of layout.lines) {
    letters += (line.text.match(/\p{L}/gu) ?? []).length;
    if (letters >= MIN_TEXT_LETTERS) break;
  }
  return letters;
}
