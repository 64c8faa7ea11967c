import { once } from 'node:events';
import { createDeflate } from 'node:zlib';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

/** Small hostile and oversized PDFs, generated in code. */

/** Deflated zeros that inflate to `megabytes` MB, streamed so the test never holds them inflated. */
export async function deflatedZeros(megabytes: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(deflate, 'end');
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(zeros)) await once(deflate, 'drain');
  deflate.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A one-page PDF whose content stream is a decompression bomb of `megabytes` MB. */
export async function decompressionBombPdf(megabytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const bomb = doc.context.stream(await deflatedZeros(megabytes), { Filter: 'FlateDecode' });
  page.node.set(PDFName.of('Contents'), doc.context.register(bomb));
  return doc.save({ useObjectStreams: false });
}

/** A PDF with `count` pages, each with one line of text. */
export async function manyPagesPdf(count: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= count; i++)
    doc.addPage([595, 842]).drawText(`Seite ${i}`, { x: 50, y: 800, size: 10, font });
  return doc.save();
}
