import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTesseractTsv, TesseractOcr } from '../../../functions/adapters/local/tesseract-ocr';
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

describe('TesseractOcr (needs tesseract-ocr, tesseract-ocr-deu and poppler-utils installed)', () => {
  const ocr = new TesseractOcr();
  const reader = new BoundedPdfReader();
  let workDir: string | undefined;
  afterAll(async () => {
    await reader.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('is available with the German and English language data', async () => {
    expect(await ocr.available()).toBe(true);
    expect(await new TesseractOcr({ languages: 'deu+xyz' }).available()).toBe(false);
  });

  it('reads a scanned invoice (image-only PDF) through extractInvoice', async () => {
    const invoice = sampleInvoice();
    workDir = await mkdtemp(join(tmpdir(), 'ocr-test-'));
    const textPdf = join(workDir, 'text.pdf');
    await writeFile(textPdf, await writeInvoicePdf(invoice));
    await promisify(execFile)('pdftoppm', [
      '-r',
      '200',
      '-png',
      '-singlefile',
      textPdf,
      join(workDir, 'scan'),
    ]);
    const scan = await PDFDocument.create();
    const image = await scan.embedPng(await readFile(join(workDir, 'scan.png')));
    scan.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });

    const { invoice: read } = await extractInvoice({ bytes: await scan.save() }, { pdf: reader, ocr });

    expect(read.source.format).toBe('ocr');
    expect(read.invoiceNumber).toBe(invoice.invoiceNumber);
    expect(read.issueDate).toBe(invoice.issueDate);
    expect(read.totals.gross).toBe(invoice.totals.gross);
    expect(read.source.confidence).toBeGreaterThan(0.5);
  }, 60_000);

  it('refuses a document above its size limit', async () => {
    const small = new TesseractOcr({ maxBytes: 10 });

    await expect(small.recognize(new Uint8Array(100), 'image/png')).rejects.toThrow(
      'document for OCR is 100 bytes; the limit is 10',
    );
  });
});
