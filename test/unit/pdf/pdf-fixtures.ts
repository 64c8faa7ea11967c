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

// ---- Hand-written PDFs: every byte chosen by the test, so each trick is exactly the one named ----

/** One indirect object: its body (dictionary, value, or dictionary plus stream data). */
export interface RawObject {
  body: string;
  stream?: Uint8Array;
}

/**
 * A complete PDF from numbered objects (1 = catalog, 2 = pages, 3 = page by convention), with a
 * correct xref table, so pdf.js opens it without repair.
 */
export function rawPdf(objects: RawObject[], trailerExtra = ''): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]?.byteLength ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(length);
    const chunks = object.stream
      ? [
          Buffer.from(`${index + 1} 0 obj\n${object.body}\nstream\n`, 'latin1'),
          Buffer.from(object.stream),
          Buffer.from('\nendstream\nendobj\n', 'latin1'),
        ]
      : [Buffer.from(`${index + 1} 0 obj\n${object.body}\nendobj\n`, 'latin1')];
    for (const chunk of chunks) {
      parts.push(chunk);
      length += chunk.byteLength;
    }
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  parts.push(Buffer.from(xref, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

/** Catalog, pages and one page whose content is object 4 (with a Helvetica font as F1). */
export function onePage(content: RawObject, ...more: RawObject[]): Uint8Array {
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Kids [3 0 R] /Count 1 >>' },
    {
      body: '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    },
    content,
    { body: '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>' },
    ...more,
  ]);
}

/** A page content stream that prints one line. */
export function textContent(line: string): RawObject {
  const data = Buffer.from(`BT /F1 12 Tf 50 800 Td (${line}) Tj ET`, 'latin1');
  return { body: `<< /Length ${data.byteLength} >>`, stream: data };
}

/** `body` for a stream dictionary with its /Length filled in. */
export function streamObject(dictEntries: string, data: Uint8Array): RawObject {
  return { body: `<< ${dictEntries} /Length ${data.byteLength} >>`, stream: data };
}

/** RunLength data that decodes to `megabytes` MB of zeros (64:1, no compressor needed). */
export function runLengthZeros(megabytes: number): Uint8Array {
  const pairs = (megabytes * 1024 * 1024) / 128;
  const data = Buffer.alloc(pairs * 2 + 1);
  for (let i = 0; i < pairs; i++) data[i * 2] = 129; // repeat the next byte 128 times
  data[pairs * 2] = 128; // end of data
  return new Uint8Array(data);
}
