import { constants, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { prescanPdf } from '../../../functions/adapters/pdf/prescan';
import { UnsafeInputError } from '../../../functions/core/errors';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../../samples/pdf-writer';
import {
  decompressionBombPdf,
  deflatedZeros,
  onePage,
  rawPdf,
  runLengthZeros,
  streamObject,
  textContent,
} from './pdf-fixtures';

const MB = 1024 * 1024;
const budget = { maxDecompressedBytes: 4 * MB };
const bombRefused = new UnsafeInputError('PDF streams inflate to more than 4 MB (decompression bomb?)');

const hybrid = () => {
  const invoice = sampleInvoice();
  return writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } });
};

describe('prescanPdf', () => {
  it('pairs AFRelationship with the embedded file name, also inside compressed object streams', async () => {
    const plain = await hybrid();
    const compressed = await (await PDFDocument.load(plain)).save({ useObjectStreams: true });

    expect((await prescanPdf(plain, budget)).relationships.get('factur-x.xml')).toBe('Alternative');
    expect((await prescanPdf(compressed, budget)).relationships.get('factur-x.xml')).toBe('Alternative');
  });

  it('refuses streams that inflate beyond the budget and counts those within it', async () => {
    const bomb = await decompressionBombPdf(8);

    await expect(prescanPdf(bomb, budget)).rejects.toThrow(bombRefused);
    const roomy = await prescanPdf(bomb, { ...budget, maxDecompressedBytes: 16 * MB });
    expect(roomy.inflatedBytes).toBeGreaterThanOrEqual(8 * MB);
  });

  it('refuses a flate bomb disguised as an image that the page reads as its content', async () => {
    const disguised = onePage(
      streamObject(
        '/Type /XObject /Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode',
        await deflatedZeros(8),
      ),
    );

    await expect(prescanPdf(disguised, budget)).rejects.toThrow(
      'PDF streams inflate to more than 4 MB (decompression bomb disguised as an image?)',
    );
  });

  it.each([
    ['a page content array', '/Contents [4 0 R]'],
    ['an embedded file', '/EF << /F 4 0 R >>'],
    ['a font file', '/FontDescriptor << /FontFile2 4 0 R >>'],
  ])('refuses a disguised image read as %s', async (_, reference) => {
    const pdf = rawPdf([
      { body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      { body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>' },
      streamObject('/Subtype /Image /Width 1 /Height 1 /Filter /FlateDecode', await deflatedZeros(8)),
      { body: `<< ${reference} >>` },
    ]);

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(/disguised as an image/);
  });

  it('leaves honest images undecoded, however large (pdf.js never decodes them for text)', async () => {
    const scan = streamObject(
      '/Type /XObject /Subtype /Image /Width 5950 /Height 8420 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode',
      await deflatedZeros(150),
    );
    const page = rawPdf([
      { body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
      {
        body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>',
      },
      streamObject('', Buffer.from('q 595 0 0 842 0 0 cm /Im1 Do Q')),
      scan,
    ]);

    const result = await prescanPdf(page, budget);

    expect(result.inflatedBytes).toBeLessThan(1024);
  });

  it('counts images, and refuses one with too many pixels, when the pages are to be rendered', async () => {
    const image = (size: number, data: Uint8Array) =>
      onePage(
        textContent('Scan'),
        streamObject(
          `/Type /XObject /Subtype /Image /Width ${size} /Height ${size} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
          data,
        ),
      );
    const bomb = image(1, await deflatedZeros(8));
    const huge = image(60_000, await deflatedZeros(1));

    await expect(prescanPdf(bomb, budget)).resolves.toMatchObject({ inflatedBytes: expect.any(Number) });
    await expect(prescanPdf(bomb, { ...budget, images: true })).rejects.toThrow(bombRefused);
    await expect(prescanPdf(huge, { ...budget, images: true })).rejects.toThrow(
      new UnsafeInputError('PDF image of 60000 x 60000 pixels is too large to render (more than 4 MB)'),
    );
  });

  it('refuses a flate bomb behind an indirect /Filter', async () => {
    const indirect = onePage(streamObject('/Filter 6 0 R', await deflatedZeros(8)), { body: '/FlateDecode' });

    await expect(prescanPdf(indirect, budget)).rejects.toThrow(bombRefused);
  });

  it('refuses a flate bomb whose indirect /Filter sits in a compressed object stream', async () => {
    const doc = await PDFDocument.create();
    const bomb = doc.context.stream(await deflatedZeros(8), {
      Filter: doc.context.register(PDFName.of('FlateDecode')),
    });
    doc.addPage([595, 842]).node.set(PDFName.of('Contents'), doc.context.register(bomb));
    const pdf = await doc.save({ useObjectStreams: true });

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(bombRefused);
  });

  it.each([
    ['under /F, which pdf.js reads before /Filter', '/F /FlateDecode'],
    ['behind a #-escaped filter name', '/Filter /#46lateDecode'],
    ['behind the abbreviation /Fl', '/Filter /Fl'],
    ['with the filter inside an array of references', '/Filter [6 0 R]'],
    ['behind a dictionary string that looks like an object header', '/Filter /FlateDecode /Foo (9 0 obj)'],
  ])('refuses a flate bomb %s', async (_, entries) => {
    const pdf = onePage(streamObject(entries, await deflatedZeros(8)), { body: '/FlateDecode' });

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(bombRefused);
  });

  it('refuses a flate bomb wrapped in ASCIIHex', async () => {
    const hex = Buffer.from(`${Buffer.from(await deflatedZeros(8)).toString('hex')}>`, 'latin1');
    const pdf = onePage(streamObject('/Filter [/ASCIIHexDecode /FlateDecode]', hex));

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(bombRefused);
  });

  it('refuses a RunLength bomb', async () => {
    const pdf = onePage(streamObject('/Filter /RunLengthDecode', runLengthZeros(8)));

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(bombRefused);
  });

  it('counts what a corrupt flate stream inflates to before the damage', async () => {
    // 3 MB of zeros, then a block of the reserved type 3: zlib reports "invalid block type" there.
    const damaged = Buffer.concat([
      deflateSync(Buffer.alloc(3 * MB), { finishFlush: constants.Z_SYNC_FLUSH }),
      Buffer.from([0x07, 0, 0, 0]),
    ]);
    const pdf = onePage(
      streamObject('/Filter /FlateDecode', damaged),
      streamObject('/Filter /FlateDecode', deflateSync(Buffer.alloc(3 * MB))),
    );

    await expect(prescanPdf(pdf, budget)).rejects.toThrow(bombRefused);
  });

  it('says when the file is encrypted (its streams cannot be decoded here)', async () => {
    const encrypted = rawPdf(
      [
        { body: '<< /Type /Catalog /Pages 2 0 R >>' },
        { body: '<< /Type /Pages /Kids [] /Count 0 >>' },
        { body: '<< /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' },
      ],
      '/Encrypt 3 0 R',
    );

    expect((await prescanPdf(encrypted, budget)).encrypted).toBe(true);
    expect((await prescanPdf(onePage(textContent('offen')), budget)).encrypted).toBe(false);
  });
});
