import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedPdfReader } from '../../../functions/adapters/pdf/bounded-pdf-reader';
import {
  InvoiceError,
  UnreadableDocumentError,
  UnsupportedFormatError,
} from '../../../functions/core/errors';
import { extractInvoice } from '../../../functions/core/extraction/extract';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';
import { withActiveContent, XXE_INVOICE_XML } from '../../../samples/hostile-pdf';
import { writeInvoicePdf } from '../../../samples/pdf-writer';
import { ZUGFERD1_COMFORT } from '../einvoice/fixtures';
import { fakeOcr } from './layout-fixtures';

const reader = new BoundedPdfReader();
afterAll(() => reader.close());

const invoice = sampleInvoice();
const ocrLines = [
  {
    text: 'Rechnungsnummer:',
    page: 1,
    confidence: 0.92,
    bbox: [340, 100, 80, 10] as [number, number, number, number],
  },
  { text: 'OCR-1', page: 1, confidence: 0.92, bbox: [480, 100, 30, 10] as [number, number, number, number] },
  {
    text: 'Rechnungsdatum:',
    page: 1,
    confidence: 0.92,
    bbox: [340, 115, 80, 10] as [number, number, number, number],
  },
  {
    text: '01.02.2024',
    page: 1,
    confidence: 0.92,
    bbox: [480, 115, 50, 10] as [number, number, number, number],
  },
  {
    text: 'Gesamtbetrag',
    page: 1,
    confidence: 0.92,
    bbox: [330, 400, 60, 10] as [number, number, number, number],
  },
  {
    text: '119,00 €',
    page: 1,
    confidence: 0.92,
    bbox: [500, 400, 40, 10] as [number, number, number, number],
  },
];

async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 600, width: 400, height: 100, color: rgb(0.2, 0.2, 0.2) });
  return doc.save();
}

describe('extractInvoice on PDFs', () => {
  it('reads the German sample layout from its text layer', async () => {
    const pdf = await writeInvoicePdf(invoice, { language: 'de' });

    const { invoice: read, xmlRoot } = await extractInvoice({ bytes: pdf }, { pdf: reader });

    expect(xmlRoot).toBeUndefined();
    expect(read.source.format).toBe('pdf-text');
    expect(read).toMatchObject({
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      currency: 'EUR',
      dueDate: invoice.dueDate,
      purchaseOrderReference: invoice.purchaseOrderReference,
    });
    expect(read.totals).toMatchObject({
      net: invoice.totals.net,
      vat: invoice.totals.vat,
      gross: invoice.totals.gross,
    });
    expect(read.lines.map((l) => l.net)).toEqual(invoice.lines.map((l) => l.net));
    expect(read.seller.vatId).toBe(invoice.seller.vatId);
    expect(read.payment.accounts[0]?.iban).toBe(invoice.payment.accounts[0]?.iban);
  });

  it('reads the English sample layout from its text layer', async () => {
    const pdf = await writeInvoicePdf(invoice, { language: 'en' });

    const { invoice: read } = await extractInvoice({ bytes: pdf }, { pdf: reader });

    expect(read).toMatchObject({
      invoiceNumber: invoice.invoiceNumber,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
    });
    expect(read.totals.gross).toBe(invoice.totals.gross);
  });

  it.each(['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml', 'Rechnung_2024-03.XML', 'attachment.bin'])(
    'finds the embedded e-invoice named %s and reads it exactly',
    async (fileName) => {
      const pdf = await writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName } });

      const { invoice: read, xmlRoot } = await extractInvoice({ bytes: pdf }, { pdf: reader });

      expect(xmlRoot?.name).toBe('CrossIndustryInvoice');
      expect(read.source.confidence).toBe(1);
      expect(read.source.embeddedFileName).toBe(fileName);
      expect(read.totals.gross).toBe(invoice.totals.gross);
    },
  );

  it('prefers the ZUGFeRD 2 XML when a PDF carries ZUGFeRD 1 and ZUGFeRD 2', async () => {
    const doc = await PDFDocument.load(
      await writeInvoicePdf(invoice, { embed: { xml: ZUGFERD1_COMFORT, fileName: 'ZUGFeRD-invoice.xml' } }),
    );
    await doc.attach(new TextEncoder().encode(writeCii(invoice)), 'factur-x.xml', { mimeType: 'text/xml' });
    const pdf = await doc.save();

    const { invoice: read, warnings } = await extractInvoice({ bytes: pdf }, { pdf: reader });

    expect(read.source.embeddedFileName).toBe('factur-x.xml');
    expect(read.invoiceNumber).toBe(invoice.invoiceNumber);
    expect(warnings.join(' ')).toContain('ZUGFeRD-invoice.xml also holds an invoice');
  });

  it('falls back to the text layer with a warning when the embedded XML is broken', async () => {
    const pdf = await writeInvoicePdf(invoice, { embed: { xml: '<rsm:Broken', fileName: 'factur-x.xml' } });

    const { invoice: read, warnings } = await extractInvoice({ bytes: pdf }, { pdf: reader });

    expect(read.source.format).toBe('pdf-text');
    expect(read.invoiceNumber).toBe(invoice.invoiceNumber);
    expect(warnings.some((w) => w.startsWith('embedded factur-x.xml is not a readable e-invoice'))).toBe(
      true,
    );
  });

  it('reads only the visible text when textOnly is set, even with embedded XML', async () => {
    const pdf = await writeInvoicePdf(invoice, {
      embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' },
    });

    const { invoice: read } = await extractInvoice({ bytes: pdf }, { pdf: reader }, { textOnly: true });

    expect(read.source.format).toBe('pdf-text');
  });

  it('throws NEEDS_OCR for an image-only PDF when no OCR engine is available', async () => {
    const pdf = await imageOnlyPdf();

    const attempt = extractInvoice({ bytes: pdf }, { pdf: reader, ocr: fakeOcr([], false) });

    await expect(attempt).rejects.toThrow(UnreadableDocumentError);
    await expect(attempt).rejects.toMatchObject({
      code: 'NEEDS_OCR',
      message: 'needs OCR: the PDF has no text layer and no OCR engine is available',
    });
  });

  it('reads an image-only PDF through the OCR engine', async () => {
    const ocr = fakeOcr(ocrLines);

    const { invoice: read } = await extractInvoice({ bytes: await imageOnlyPdf() }, { pdf: reader, ocr });

    expect(ocr.calls).toEqual(['application/pdf']);
    expect(read.source.format).toBe('ocr');
    expect(read).toMatchObject({ invoiceNumber: 'OCR-1', issueDate: '2024-02-01' });
    expect(read.totals.gross).toBe('119.00');
  });
});

describe('extractInvoice sniffs the bytes, not the name', () => {
  it('reads an XML e-invoice directly with the exact reader', async () => {
    const bytes = new TextEncoder().encode(`\ufeff${writeCii(invoice)}`);

    const { invoice: read, xmlRoot } = await extractInvoice(
      { bytes, fileName: 'invoice.pdf' },
      { pdf: reader },
    );

    expect(xmlRoot).toBeDefined();
    expect(read.invoiceNumber).toBe(invoice.invoiceNumber);
  });

  it('sends a PNG to OCR even when it is called .pdf', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const ocr = fakeOcr(ocrLines);

    const { invoice: read } = await extractInvoice(
      { bytes: png, fileName: 'scan.pdf' },
      { pdf: reader, ocr },
    );

    expect(ocr.calls).toEqual(['image/png']);
    expect(read.invoiceNumber).toBe('OCR-1');
  });

  it('rejects a ZIP or Office file named like a PDF as an unsupported format', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);

    const attempt = extractInvoice({ bytes: zip, fileName: 'rechnung.pdf' }, { pdf: reader });

    await expect(attempt).rejects.toThrow(UnsupportedFormatError);
    await expect(attempt).rejects.toThrow(
      '"rechnung.pdf" is not an invoice format we read: a ZIP archive or Office document (docx/xlsx)',
    );
  });

  it('ends in a typed error for an empty document and for plain text', async () => {
    await expect(extractInvoice({ bytes: new Uint8Array() }, { pdf: reader })).rejects.toThrow(InvoiceError);
    await expect(
      extractInvoice({ bytes: new TextEncoder().encode('Hello, please pay 100 EUR') }, { pdf: reader }),
    ).rejects.toThrow(UnsupportedFormatError);
  });
});

describe('addresses on the text path', () => {
  it('reads the seller address from the sender line and the buyer address from the address window', async () => {
    const bytes = await writeInvoicePdf(invoice);
    const { invoice: read } = await extractInvoice(
      { bytes, fileName: 'rechnung.pdf', contentType: 'application/pdf' },
      { pdf: reader },
    );
    expect(read.seller.address).toEqual({ line1: 'Lindwurmstraße 12', city: 'München', postalCode: '80337' });
    expect(read.buyer.address).toEqual({ line1: 'Industriestraße 5', city: 'Köln', postalCode: '50667' });
  });
});

describe('extractInvoice: what a person must see in a PDF', () => {
  for (const objectStreams of [true, false]) {
    it(`reports JavaScript, launch and URI actions and an embedded program (object streams: ${objectStreams})`, async () => {
      // Prepare
      const pdf = await withActiveContent(
        await writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } }),
        { javascript: true, launch: true, uri: true, embeddedProgram: 'update.exe', objectStreams },
      );

      // Act
      const { invoice: read, findings } = await extractInvoice({ bytes: pdf }, { pdf: reader });

      // Assess: the XML is still read exactly, and everything else is reported
      expect(read.source.embeddedFileName).toBe('factur-x.xml');
      expect(findings?.activeContent).toEqual(['javascript', 'launch', 'uri', 'embedded file update.exe']);
      expect(findings?.embeddedInvoiceRefused).toEqual([]);
    });
  }

  it('reports nothing for a plain invoice PDF and its ZUGFeRD variant', async () => {
    // Act
    const plain = await extractInvoice({ bytes: await writeInvoicePdf(invoice) }, { pdf: reader });
    const hybrid = await extractInvoice(
      {
        bytes: await writeInvoicePdf(invoice, {
          embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' },
        }),
      },
      { pdf: reader },
    );

    // Assess
    expect(plain.findings).toEqual({ activeContent: [], embeddedInvoiceRefused: [] });
    expect(hybrid.findings).toEqual({ activeContent: [], embeddedInvoiceRefused: [] });
  });

  it('reports an embedded invoice XML refused as XXE, and reads the text layer only as a fallback', async () => {
    // Prepare
    const pdf = await writeInvoicePdf(invoice, { embed: { xml: XXE_INVOICE_XML, fileName: 'factur-x.xml' } });

    // Act
    const { invoice: read, findings } = await extractInvoice({ bytes: pdf }, { pdf: reader });

    // Assess
    expect(read.source.format).toBe('pdf-text');
    expect(findings?.embeddedInvoiceRefused).toHaveLength(1);
    expect(findings?.embeddedInvoiceRefused[0]?.file).toBe('factur-x.xml');
    expect(findings?.activeContent).toEqual([]);
  });
});
