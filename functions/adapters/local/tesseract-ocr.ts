import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import {
  InvoiceError,
  LimitExceededError,
  UnreadableDocumentError,
  UnsupportedFormatError,
} from '../../core/errors';
import type { OcrEngine, OcrLine, OcrResult, PdfReader } from '../../core/ports/documents';
import { BoundedPdfReader } from '../pdf/bounded-pdf-reader';

/**
 * Local OCR without system binaries: tesseract.js (WebAssembly) with the German model from the
 * npm package @tesseract.js-data/deu (langPath points into node_modules, so nothing is
 * downloaded), and PDF pages rendered in-process by pdf.js on @napi-rs/canvas inside the bounded
 * PDF worker. One warm recognition worker, used by one document at a time.
 * Bounded: input size, image pixels, pages, and one wall-time budget per document (the worker is
 * terminated and replaced when it runs out). Bboxes come back in PDF points for PDFs (origin
 * top-left) and in pixels for images; pageSizes says which.
 */

export interface TesseractOptions {
  /** Tesseract language; needs its @tesseract.js-data package. Default 'deu'. */
  languages?: string;
  /** Pages of a PDF that are recognised (the first N). Default 5. */
  maxPages?: number;
  /** Wall time for one document, all pages. Default 120 s. */
  timeoutMs?: number;
  /** Rendering resolution for PDFs. Default 200 dpi. */
  dpi?: number;
  /** Largest input accepted. Default 25 MB. */
  maxBytes?: number;
  /** Largest image accepted, in pixels. Default 40 million. */
  maxImagePixels?: number;
  /** Renders PDF pages (default: a bounded PDF reader of its own). */
  pdf?: PdfReader;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/tiff']);
/** The tessdata variant inside each @tesseract.js-data package (integer LSTM: small and fast). */
const MODEL_FOLDER = '4.0.0_best_int';

export class TesseractOcr implements OcrEngine {
  private readonly languages: string;
  private readonly maxPages: number;
  private readonly timeoutMs: number;
  private readonly dpi: number;
  private readonly maxBytes: number;
  private readonly maxImagePixels: number;
  private readonly pdf: PdfReader;
  private readonly ownsPdfReader: boolean;
  private worker: Promise<TesseractWorker> | undefined;
  /** Documents wait here for the one worker. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: TesseractOptions = {}) {
    this.languages = options.languages ?? 'deu';
    this.maxPages = options.maxPages ?? 5;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.dpi = options.dpi ?? 200;
    this.maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
    this.maxImagePixels = options.maxImagePixels ?? 40_000_000;
    this.ownsPdfReader = !options.pdf;
    this.pdf = options.pdf ?? new BoundedPdfReader({ limits: { timeoutMs: 60_000 } });
  }

  /** True when tesseract.js and the language data of every configured language are installed. */
  async available(): Promise<boolean> {
    try {
      languagePath(this.languages);
      return true;
    } catch {
      return false;
    }
  }

  async recognize(bytes: Uint8Array, contentType: string): Promise<OcrResult> {
    if (bytes.byteLength > this.maxBytes)
      throw new LimitExceededError(
        `document for OCR is ${bytes.byteLength} bytes; the limit is ${this.maxBytes}`,
      );
    if (contentType !== 'application/pdf' && !IMAGE_TYPES.has(contentType))
      throw new UnsupportedFormatError(`OCR does not read ${contentType}`);
    const run = this.queue.then(() => this.recognizeNow(bytes, contentType));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the recognition worker (and the PDF reader it created). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.then((w) => w.terminate()).catch(() => undefined);
    if (this.ownsPdfReader && this.pdf instanceof BoundedPdfReader) await this.pdf.close();
  }

  private async recognizeNow(bytes: Uint8Array, contentType: string): Promise<OcrResult> {
    const deadline = Date.now() + this.timeoutMs;
    const pages: { png: Uint8Array; scale: number }[] = [];
    const warnings: string[] = [];
    if (contentType === 'application/pdf') {
      const content = await this.pdf.read(bytes, {
        textLayer: false,
        attachments: false,
        render: { dpi: this.dpi, maxPages: this.maxPages },
      });
      for (const image of content.images ?? []) pages.push({ png: image.png, scale: 1 / image.scale });
      if (content.pageCount > pages.length) warnings.push(`OCR read the first ${pages.length} pages only`);
    } else {
      const size = imageSize(bytes);
      if (size && size.width * size.height > this.maxImagePixels)
        throw new LimitExceededError(
          `image is ${size.width}×${size.height} pixels; the limit is ${this.maxImagePixels} pixels`,
        );
      pages.push({ png: bytes, scale: 1 });
    }

    const lines: OcrLine[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    for (const [index, page] of pages.entries()) {
      const tsv = await this.withDeadline(deadline, (worker) =>
        worker.recognize(Buffer.from(page.png), {}, { tsv: true, text: false, blocks: false }),
      );
      const parsed = parseTesseractTsv(tsv.data.tsv ?? '', index + 1, page.scale);
      lines.push(...parsed.lines);
      pageSizes.push(parsed.pageSizes[0] ?? { width: 0, height: 0 });
    }
    return {
      engine: 'tesseract.js',
      pages: pages.length,
      lines,
      pageSizes,
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /** Runs one recognition; past the deadline the worker is terminated and a fresh one started later. */
  private async withDeadline<T>(deadline: number, task: (worker: TesseractWorker) => Promise<T>): Promise<T> {
    const left = deadline - Date.now();
    if (left <= 0) throw new LimitExceededError('OCR took longer than its time limit; stopped');
    const worker = await this.warmWorker();
    const node = (worker as unknown as { worker?: { ref?(): void; unref?(): void } }).worker;
    node?.ref?.();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new LimitExceededError('OCR took longer than its time limit; stopped')),
        left,
      );
    });
    try {
      return await Promise.race([task(worker), timeout]);
    } catch (error) {
      if (error instanceof LimitExceededError) {
        this.worker = undefined;
        await worker.terminate().catch(() => undefined);
        throw error;
      }
      throw error instanceof InvoiceError
        ? error
        : new UnreadableDocumentError(`OCR could not read the image: ${String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      node?.unref?.(); // an idle worker never keeps the process alive
    }
  }

  private warmWorker(): Promise<TesseractWorker> {
    this.worker ??= createWorker(this.languages, OEM.LSTM_ONLY, {
      langPath: languagePath(this.languages),
      gzip: true,
      cacheMethod: 'none', // never write traineddata into the working directory
    }).catch((error: unknown) => {
      this.worker = undefined;
      throw new UnreadableDocumentError(`OCR engine could not start: ${String(error)}`, { cause: error });
    });
    return this.worker;
  }
}

/**
 * The folder holding <lang>.traineddata.gz inside the language's npm package. tesseract.js reads
 * every language of a worker from one folder, so one language package per engine.
 */
function languagePath(language: string): string {
  if (!/^[a-z_]{3,10}$/.test(language))
    throw new Error(`one OCR language with its @tesseract.js-data package is supported, got "${language}"`);
  const require = createRequire(import.meta.url);
  require.resolve('tesseract.js');
  return join(dirname(require.resolve(`@tesseract.js-data/${language}/package.json`)), MODEL_FOLDER);
}

/** PNG and JPEG dimensions from their headers (TIFF is left to the engine). */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452)
    return { width: view.getUint32(16), height: view.getUint32(20) };
  if (bytes.byteLength < 4 || view.getUint16(0) !== 0xffd8) return undefined;
  let offset = 2;
  while (offset + 9 < bytes.byteLength) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + length;
  }
  return undefined;
}

/** Parses tesseract TSV: words grouped into lines, lines split where words are far apart. */
export function parseTesseractTsv(
  tsv: string,
  firstPage = 1,
  scale = 1,
): { lines: OcrLine[]; pageSizes: { width: number; height: number }[] } {
  const pageSizes: { width: number; height: number }[] = [];
  const groups = new Map<string, { page: number; words: Word[] }>();
  for (const row of tsv.split(/\r?\n/)) {
    const cols = row.split('\t');
    if (cols.length < 12 || cols[0] === 'level') continue;
    const [level, pageNum, block, par, line, , left, top, width, height, conf] = cols
      .slice(0, 11)
      .map(Number);
    const text = cols.slice(11).join('\t').trim();
    const page = firstPage + (pageNum ?? 1) - 1;
    if (level === 1)
      pageSizes[page - firstPage] = { width: (width ?? 0) * scale, height: (height ?? 0) * scale };
    if (level !== 5 || !text || (conf ?? -1) < 0) continue;
    const key = `${page}/${block}/${par}/${line}`;
    const group = groups.get(key) ?? { page, words: [] };
    group.words.push({
      text,
      left: (left ?? 0) * scale,
      top: (top ?? 0) * scale,
      width: (width ?? 0) * scale,
      height: (height ?? 0) * scale,
      confidence: (conf ?? 0) / 100,
    });
    groups.set(key, group);
  }
  const lines: OcrLine[] = [];
  for (const { page, words } of groups.values()) {
    for (const segment of splitAtGaps(words)) lines.push(toLine(segment, page));
  }
  return { lines, pageSizes };
}

interface Word {
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  confidence: number;
}

function splitAtGaps(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.left - b.left);
  const heights = sorted.map((w) => w.height).sort((a, b) => a - b);
  const typical = heights[Math.floor(heights.length / 2)] ?? 10;
  const segments: Word[][] = [];
  for (const word of sorted) {
    const current = segments.at(-1);
    const last = current?.at(-1);
    if (current && last && word.left - (last.left + last.width) <= 1.5 * typical) current.push(word);
    else segments.push([word]);
  }
  return segments;
}

function toLine(words: Word[], page: number): OcrLine {
  const left = Math.min(...words.map((w) => w.left));
  const top = Math.min(...words.map((w) => w.top));
  const right = Math.max(...words.map((w) => w.left + w.width));
  const bottom = Math.max(...words.map((w) => w.top + w.height));
  return {
    text: words.map((w) => w.text).join(' '),
    page,
    confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length,
    bbox: [left, top, right - left, bottom - top],
  };
}
