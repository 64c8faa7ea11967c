import { TesseractOcr } from '../functions/adapters/local/tesseract-ocr';
import { BoundedPdfReader } from '../functions/adapters/pdf';
import { type ExtractionResult, extractInvoice } from '../functions/core/extraction/extract';
import type { Invoice } from '../functions/core/invoice/model';
import { forEachFile } from './io';

/**
 * `invoice-agent extract <file...> [--json] [--text-only] [--full] [--no-ocr]`
 * XML e-invoices, ZUGFeRD/Factur-X PDFs (embedded XML), PDFs with a text layer, and scans (OCR with
 * tesseract.js). `--text-only` ignores embedded XML and OCR and reads only the visible text.
 */

export interface ExtractOptions {
  json?: boolean;
  textOnly?: boolean;
  /** Add the whole normalized invoice model as `invoice`. */
  full?: boolean;
  /** Commander's `--no-ocr` sets ocr: false. */
  ocr?: boolean;
}

export async function extractCommand(files: string[], options: ExtractOptions): Promise<number> {
  const pdf = new BoundedPdfReader();
  const useOcr = options.ocr !== false && !options.textOnly;
  const ocr = useOcr ? new TesseractOcr() : undefined;
  const ports = { pdf, ...(ocr ? { ocr } : {}) };
  try {
    const { exitCode } = await forEachFile(
      files,
      (file, bytes) =>
        extractInvoice({ bytes, fileName: file }, ports, { textOnly: options.textOnly ?? false }),
      {
        json: options.json ?? false,
        toJson: (result) => extractOutput(result, { full: options.full ?? false }),
        render: renderExtraction,
      },
    );
    return exitCode;
  } finally {
    await pdf.close();
    await ocr?.close();
  }
}

/** The JSON contract of `extract` (issue 3); missing values are null so the shape is stable. */
export function extractOutput(result: ExtractionResult, options: { full?: boolean } = {}) {
  const { invoice } = result;
  // The text path leaves fields it did not find empty; the JSON says null.
  const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
  const source = invoice.source;
  return {
    invoiceNumber: orNull(invoice.invoiceNumber), // BT-1
    issueDate: orNull(invoice.issueDate), // BT-2, YYYY-MM-DD
    typeCode: orNull(invoice.typeCode), // BT-3
    currency: orNull(invoice.currency), // BT-5
    dueDate: orNull(invoice.dueDate), // BT-9
    purchaseOrderReference: orNull(invoice.purchaseOrderReference), // BT-13
    seller: {
      name: orNull(invoice.seller.name), // BT-27
      vatId: orNull(invoice.seller.vatId), // BT-31
      taxNumber: orNull(invoice.seller.taxNumber), // BT-32
      iban: orNull(invoice.payment.accounts[0]?.iban), // BT-84
    },
    buyer: {
      name: orNull(invoice.buyer.name), // BT-44
      vatId: orNull(invoice.buyer.vatId), // BT-48
    },
    totals: {
      lineNet: orNull(invoice.totals.lineNet), // BT-106
      net: orNull(invoice.totals.net), // BT-109
      vat: orNull(invoice.totals.vat), // BT-110
      gross: orNull(invoice.totals.gross), // BT-112
      payable: orNull(invoice.totals.payable), // BT-115
    },
    vatBreakdown: invoice.vatBreakdown.map((v) => ({
      category: v.category, // BT-118
      rate: orNull(v.rate), // BT-119
      taxable: v.taxable, // BT-116
      tax: v.tax, // BT-117
    })),
    lines: invoice.lines.map((line) => ({
      id: line.id, // BT-126
      name: line.name, // BT-153
      quantity: line.quantity, // BT-129
      unit: orNull(line.unit), // BT-130
      price: line.price, // BT-146
      net: line.net, // BT-131
      vatCategory: orNull(line.vatCategory), // BT-151
      vatRate: orNull(line.vatRate), // BT-152
    })),
    source: {
      format: source.format,
      profile: orNull(source.profile),
      confidence: source.confidence,
      ...(source.syntax && { syntax: source.syntax }),
      ...(source.embeddedFileName && { embeddedFileName: source.embeddedFileName }),
      // Text and OCR paths: confidence and evidence (page, text span, box) per field.
      ...(source.fields && { fields: source.fields }),
    },
    warnings: result.warnings,
    ...(options.full && { invoice }),
  };
}

/** A readable summary for people (no --json). */
export function renderExtraction(file: string, result: ExtractionResult): string {
  const invoice: Invoice = result.invoice;
  const { totals, source } = invoice;
  const money = (amount: string | undefined) =>
    amount === undefined ? '-' : `${amount} ${invoice.currency}`;
  const lines = [
    file,
    `  Invoice   ${invoice.invoiceNumber || '?'} (type ${invoice.typeCode || '?'}) of ${invoice.issueDate || '?'}, ${invoice.currency || '?'}`,
    `  Seller    ${[invoice.seller.name, invoice.seller.vatId && `VAT ${invoice.seller.vatId}`, invoice.payment.accounts[0] && `IBAN ${invoice.payment.accounts[0].iban}`].filter(Boolean).join(', ') || '-'}`,
    `  Buyer     ${invoice.buyer.name ?? '-'}`,
    `  Totals    net ${money(totals.net)}, VAT ${money(totals.vat)}, gross ${money(totals.gross)}, payable ${money(totals.payable)}`,
    ...invoice.vatBreakdown.map(
      (v) =>
        `  VAT       ${v.category}${v.rate === undefined ? '' : ` ${v.rate} %`}: ${v.tax} on ${v.taxable}`,
    ),
    `  Lines     ${invoice.lines.length}`,
    `  Source    ${[source.format, source.profile, source.embeddedFileName && `from ${source.embeddedFileName}`].filter(Boolean).join(', ')}; confidence ${source.confidence}`,
    ...result.warnings.map((w) => `  Warning   ${w}`),
  ];
  return lines.join('\n');
}
