import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFHexString,
  PDFName,
  PDFRawStream,
  type PDFString,
} from 'pdf-lib';

/** Shared by the benches: where the corpus is, its files, PDF attachments, medians. */

/** CORPUS_DIR, default ../shared/corpus beside the repository. */
export function corpusDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  return resolve(repoRoot, env.CORPUS_DIR ?? '../shared/corpus');
}

/** Every file below dir, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Embedded files from the PDF's EmbeddedFiles name tree, read independently of the product's PDF
 * reader (the benches' ground truth); unreadable PDFs give none.
 */
export async function pdfAttachments(bytes: Uint8Array): Promise<{ name: string; bytes: Uint8Array }[]> {
  const found: { name: string; bytes: Uint8Array }[] = [];
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    const tree = pdf.catalog
      .lookupMaybe(PDFName.of('Names'), PDFDict)
      ?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
    const visit = (node: PDFDict, depth: number) => {
      if (depth > 16) return;
      const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
      for (let i = 0; kids && i < kids.size(); i++) visit(kids.lookup(i, PDFDict), depth + 1);
      const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
      for (let i = 0; names && i + 1 < names.size(); i += 2) {
        const name = names.lookup(i) as PDFString | PDFHexString;
        const files = names.lookup(i + 1, PDFDict).lookupMaybe(PDFName.of('EF'), PDFDict);
        const stream = files?.lookup(PDFName.of('UF')) ?? files?.lookup(PDFName.of('F'));
        if (stream instanceof PDFRawStream)
          found.push({ name: name.decodeText(), bytes: decodePDFRawStream(stream).decode() });
      }
    };
    if (tree) visit(tree, 0);
  } catch {
    // A broken PDF simply has no readable attachments for the benches.
  }
  return found;
}
