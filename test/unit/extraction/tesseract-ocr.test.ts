import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSize, parseTesseractTsv, TesseractOcr } from '../../../functions/adapters/local/tesseract-ocr';
import { BoundedPdfReader } from '../../../functions/adapters/pdf/bounded-pdf-reader';
import { extractInvoice } from '../../../functions/core/extraction/extract';
import { sampleInvoice } from '../../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../../samples/pdf-writer';

const TSV_HEADER =
  'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (line: number, left: number, text: string, conf = 90) =>
  `5\t1\t1\t1\t${line}\t1\t${left}\t100\t${text.length * 10}\t20\t${conf}\t${text}`;

describe('tesseract TSV parsing', () => {
  it('groups words into lines and splits a line where words are far apart', () => {
    const tsv = [
      TSV_HEADER,
      '1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t',
      word(1, 100, 'Rechnungsnummer:'),
      word(1, 800, 'RE-42', 80),
      word(2, 100, 'Gesamt'),
      word(2, 170, 'netto', 70),
    ].join('\n');

    const { lines, pageSizes } = parseTesseractTsv(tsv, 1, 0.5);

    expect(pageSizes).toEqual([{ width: 827, height: 1169.5 }]);
    expect(lines.map((l) => l.text)).toEqual(['Rechnungsnummer:', 'RE-42', 'Gesamt netto']);
    expect(lines[1]).toMatchObject({ page: 1, confidence: 0.8, bbox: [400, 50, 25, 10] });
    expect(lines[2]?.confidence).toBeCloseTo(0.8);
  });
});

describe('TesseractOcr (tesseract.js and the German model from npm; no system binaries)', () => {
  const reader = new BoundedPdfReader({ limits: { timeoutMs: 60_000 } });
  const ocr = new TesseractOcr({ pdf: reader });
  afterAll(async () => {
    await ocr.close();
    await reader.close();
  });

  /** Renders the text PDF to a PNG in-process and wraps it in an image-only PDF (a scan). */
  async function scanOf(pdf: Uint8Array): Promise<{ png: Uint8Array; scanPdf: Uint8Array }> {
    const rendered = await reader.read(pdf, {
      textLayer: false,
      attachments: false,
      render: { dpi: 200, maxPages: 1 },
    });
    const png = rendered.images?.[0]?.png;
    if (!png) throw new Error('no page image');
    const scan = await PDFDocument.create();
    const image = await scan.embedPng(png);
    scan.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    return { png, scanPdf: await scan.save() };
  }

  it('is available with the German model package, and not for a language without one', async () => {
    expect(await ocr.available()).toBe(true);
    expect(await new TesseractOcr({ languages: 'xyz' }).available()).toBe(false);
  });

  it('reads a scanned invoice (image-only PDF) and a PNG through extractInvoice', async () => {
    const invoice = sampleInvoice();
    const { png, scanPdf } = await scanOf(await writeInvoicePdf(invoice));
    expect(imageSize(png)).toEqual({ width: 1654, height: 2339 });

    const fromPdf = (await extractInvoice({ bytes: scanPdf }, { pdf: reader, ocr })).invoice;
    const fromPng = (await extractInvoice({ bytes: png, fileName: 'scan.png' }, { pdf: reader, ocr }))
      .invoice;

    for (const read of [fromPdf, fromPng]) {
      expect(read.source.format).toBe('ocr');
      expect(read.invoiceNumber).toBe(invoice.invoiceNumber);
      expect(read.issueDate).toBe(invoice.issueDate);
      expect(read.totals.gross).toBe(invoice.totals.gross);
      expect(read.source.confidence).toBeGreaterThan(0.5);
    }
    // PDF bboxes are in points on the A4 page, image bboxes in pixels
    const gross = fromPdf.source.fields?.['totals.gross'];
    expect(gross?.page).toBe(1);
    expect(gross?.bbox?.[0]).toBeLessThan(595.28);
    expect(fromPng.source.fields?.['totals.gross']?.bbox?.[0]).toBeGreaterThan(595.28);
  }, 120_000);

  it('refuses a document above its size limit and an image above its pixel limit', async () => {
    const small = new TesseractOcr({ maxBytes: 10 });
    const header = new Uint8Array(24);
    const view = new DataView(header.buffer);
    view.setUint32(0, 0x89504e47);
    view.setUint32(12, 0x49484452);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);

    await expect(small.recognize(new Uint8Array(100), 'image/png')).rejects.toThrow(
      'document for OCR is 100 bytes; the limit is 10',
    );
    await expect(new TesseractOcr().recognize(header, 'image/png')).rejects.toThrow(
      'image is 100000×100000 pixels; the limit is 40000000 pixels',
    );
  });
});
