import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedPdfReader } from '../../../functions/adapters/pdf/bounded-pdf-reader';
import {
  LimitExceededError,
  UnreadableDocumentError,
  UnsafeInputError,
} from '../../../functions/core/errors';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../../samples/pdf-writer';
import {
  decompressionBombPdf,
  deflatedZeros,
  manyPagesPdf,
  onePage,
  runLengthZeros,
  streamObject,
} from './pdf-fixtures';

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

  it('refuses a flate bomb disguised as an image before pdf.js decodes it', async () => {
    const disguised = onePage(
      streamObject('/Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode', await deflatedZeros(200)),
    );

    await expect(reader.read(disguised)).rejects.toThrow(
      new UnsafeInputError(
        'PDF streams inflate to more than 150 MB (decompression bomb disguised as an image?)',
      ),
    );
  });

  it('refuses a flate bomb behind an indirect /Filter before pdf.js decodes it', async () => {
    const indirect = onePage(streamObject('/Filter 6 0 R', await deflatedZeros(200)), {
      body: '/FlateDecode',
    });

    await expect(reader.read(indirect)).rejects.toThrow(
      new UnsafeInputError('PDF streams inflate to more than 150 MB (decompression bomb?)'),
    );
  });

  it('stops a bomb the pre-scan lets through by memory, not by time', async () => {
    // Pre-scan budget out of the way: only the memory watchdog stands between pdf.js and 1 GB.
    const unguarded = new BoundedPdfReader({
      limits: { maxDecompressedBytes: 4096 * 1024 * 1024, maxMemoryGrowthMb: 96, timeoutMs: 600_000 },
    });
    const bomb = onePage(streamObject('/Filter /RunLengthDecode', runLengthZeros(1024)));

    await expect(unguarded.read(bomb)).rejects.toThrow(
      new LimitExceededError('PDF parsing used more than 96 MB of memory; stopped'),
    );
    await unguarded.close();
  });

  it('stops a parse that exceeds the worker heap limit with a typed error', async () => {
    const tiny = new BoundedPdfReader({ limits: { maxHeapMb: 32, maxTextChars: 100_000_000 } });
    const content = Buffer.from(`BT /F1 12 Tf 50 800 Td [${'(a) 1 '.repeat(1_000_000)}] TJ ET`);
    const heavy = onePage(streamObject('/Filter /FlateDecode', deflateSync(content)));

    await expect(tiny.read(heavy)).rejects.toThrow(
      new LimitExceededError('PDF parsing exceeded the 32 MB heap limit; stopped'),
    );
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

describe('BoundedPdfReader worker pool', () => {
  let long: Uint8Array;
  beforeAll(async () => {
    long = await manyPagesPdf(400);
  });

  it('stops a parse that exceeds the time limit, replaces its worker and reads on', async () => {
    // Ten million path operators: pdf.js needs many seconds for this page's text; the one-page
    // invoice a small fraction of the limit.
    const grinding = onePage(
      streamObject('/Filter /FlateDecode', deflateSync(Buffer.from('0 0 m\n'.repeat(10_000_000)))),
    );
    const hurried = new BoundedPdfReader({ limits: { timeoutMs: 1000 }, pool: { workers: 1 } });
    await hurried.warmUp();

    await expect(hurried.read(grinding)).rejects.toThrow(
      new LimitExceededError('PDF parsing took longer than 1 s; stopped'),
    );
    expect((await hurried.read(await hybrid())).pageCount).toBe(1);
    await hurried.close();
  });

  it('starts the time limit when a worker takes the read, not while it waits in line', async () => {
    // One cold worker, 60 reads at once: start-up plus 59 reads in line take far longer than
    // one read's limit, each read alone a fraction of it.
    const single = new BoundedPdfReader({ limits: { timeoutMs: 2_000 }, pool: { workers: 1 } });
    const pdf = await hybrid();

    const contents = await Promise.all(Array.from({ length: 60 }, () => single.read(pdf)));
    await single.close();

    expect(contents.map((c) => c.embeddedFiles[0]?.name)).toEqual(Array(60).fill('factur-x.xml'));
  });

  it('cancels a waiting read by AbortSignal; the running one is not disturbed', async () => {
    const single = new BoundedPdfReader({ limits: { maxTextPages: 400 }, pool: { workers: 1 } });
    await single.warmUp();
    const waiting = new AbortController();

    const running = single.read(long);
    const queued = single.read(await hybrid(), { signal: waiting.signal });
    waiting.abort(new Error('no longer needed'));

    await expect(queued).rejects.toThrow('no longer needed');
    expect((await running).pageCount).toBe(400);
    await single.close();
  });

  it('cancels a running parse by AbortSignal, never delivers its result and reads on', async () => {
    const single = new BoundedPdfReader({ limits: { maxTextPages: 400 }, pool: { workers: 1 } });
    await single.warmUp();
    const controller = new AbortController();

    const running = single.read(long, { signal: controller.signal });
    controller.abort(new Error('step timed out'));

    await expect(running).rejects.toThrow('step timed out');
    expect((await single.read(await hybrid())).pageCount).toBe(1);
    await single.close();
  });

  it('refuses a read whose signal is already aborted', async () => {
    await expect(
      reader.read(await hybrid(), { signal: AbortSignal.abort(new Error('too late')) }),
    ).rejects.toThrow('too late');
  });

  it('rejects reads still waiting when it is closed, and reads after that', async () => {
    const single = new BoundedPdfReader({ limits: { maxTextPages: 400 }, pool: { workers: 1 } });
    const pending = [single.read(long), single.read(long)];
    const settled = Promise.allSettled(pending);

    await single.close();

    expect((await settled).map((s) => s.status)).toEqual(['rejected', 'rejected']);
    await expect(single.read(await hybrid())).rejects.toThrow('The PDF reader is closed');
  });

  it('refuses a pool size that is not a positive integer', () => {
    expect(() => new BoundedPdfReader({ pool: { workers: 0 } })).toThrow(
      new RangeError('PDF pool size must be a positive integer, received 0'),
    );
  });
});
