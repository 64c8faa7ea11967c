import { afterAll, describe, expect, it } from 'vitest';
import { BoundedPdfReader } from '../../../functions/adapters/pdf/bounded-pdf-reader';
import {
  LimitExceededError,
  UnreadableDocumentError,
  UnsafeInputError,
} from '../../../functions/core/errors';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../../samples/pdf-writer';
import { decompressionBombPdf, manyPagesPdf } from './pdf-fixtures';

const reader = new BoundedPdfReader();
afterAll(() => reader.close());

const invoice = sampleInvoice();
const hybrid = () =>
  writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } });

describe('BoundedPdfReader', () => {
  it('returns text items with positions, the embedded file with its AFRelationship and the XMP', async () => {
    const content = await reader.read(await hybrid());

    const number = content.pages[0]?.items.find((i) => i.text === invoice.invoiceNumber);
    expect(content.pageCount).toBe(1);
    expect(number).toMatchObject({ x: expect.any(Number), y: expect.any(Number), width: expect.any(Number) });
    expect(number?.y).toBeGreaterThan(600); // bottom-left origin: the data block is near the top
    expect(content.embeddedFiles).toEqual([
      expect.objectContaining({ name: 'factur-x.xml', relationship: 'Alternative' }),
    ]);
    expect(new TextDecoder().decode(content.embeddedFiles[0]?.bytes)).toContain(invoice.invoiceNumber);
    expect(content.xmp).toContain('<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>');
  });

  it('refuses a PDF above the size cap before parsing it', async () => {
    const small = new BoundedPdfReader({ limits: { maxBytes: 1000 } });

    await expect(small.read(await hybrid())).rejects.toThrow(LimitExceededError);
    await expect(small.read(await hybrid())).rejects.toThrow(/; the limit is 0 MB$/);
  });

  it('refuses a PDF with more pages than the page cap', async () => {
    const pdf = await manyPagesPdf(600);
    const attempt = reader.read(pdf);

    await expect(attempt).rejects.toThrow(new LimitExceededError('PDF has 600 pages; the limit is 500'));
  });

  it('reads text from the first pages only and says so', async () => {
    const twoPages = new BoundedPdfReader({ limits: { maxTextPages: 2 } });

    const content = await twoPages.read(await manyPagesPdf(3));
    await twoPages.close();

    expect(content.pageCount).toBe(3);
    expect(content.pages.map((p) => p.items[0]?.text)).toEqual(['Seite 1', 'Seite 2']);
    expect(content.warnings).toEqual(['text read from the first 2 of 3 pages']);
  });

  it('refuses a decompression bomb and keeps working afterwards', async () => {
    const bomb = await decompressionBombPdf(200); // inflates to 200 MB; the default cap is 150 MB
    await expect(reader.read(bomb)).rejects.toThrow(UnsafeInputError);

    expect((await reader.read(await hybrid())).pageCount).toBe(1);
  });

  it('stops a parse that exceeds the time limit with a typed error', async () => {
    const hurried = new BoundedPdfReader({ limits: { timeoutMs: 5 } });

    await expect(hurried.read(await hybrid())).rejects.toThrow(
      new LimitExceededError('PDF parsing took longer than 0.005 s; stopped'),
    );
    await hurried.close();
  });

  it('stops a parse that exceeds the worker heap limit with a typed error', async () => {
    const tiny = new BoundedPdfReader({ limits: { maxHeapMb: 8 } });

    await expect(tiny.read(await hybrid())).rejects.toThrow(LimitExceededError);
    await tiny.close();
  });

  it('reports corrupt bytes behind a PDF header as UnreadableDocumentError', async () => {
    const corrupt = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage');

    await expect(reader.read(corrupt)).rejects.toThrow(UnreadableDocumentError);
  });

  it('refuses bytes without a PDF header', async () => {
    await expect(reader.read(new TextEncoder().encode('hello'))).rejects.toThrow(
      new UnreadableDocumentError('not a PDF: the %PDF- header is missing'),
    );
  });
});
