import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LimitExceededError, UnreadableDocumentError, UnsupportedFormatError } from '../../core/errors';
import type { OcrEngine, OcrLine, OcrResult } from '../../core/ports/documents';

/**
 * Local OCR with the tesseract CLI (Debian: tesseract-ocr + tesseract-ocr-deu), TSV output,
 * languages deu+eng. PDFs are rasterised page by page with pdftoppm (poppler-utils).
 * Bounded: input size, pages, and one wall-time budget for the whole document (the child
 * processes are killed when it runs out). Bboxes come back in PDF points for PDFs (origin
 * top-left) and in pixels for images; pageSizes says which.
 */

export interface TesseractOptions {
  /** Tesseract language set. Default 'deu+eng'. */
  languages?: string;
  /** Pages of a PDF that are recognised (the first N). Default 5. */
  maxPages?: number;
  /** Wall time for one document, all pages. Default 60 s. */
  timeoutMs?: number;
  /** Rasterisation resolution for PDFs. Default 200 dpi. */
  dpi?: number;
  /** Largest input accepted. Default 25 MB. */
  maxBytes?: number;
  tesseractPath?: string;
  pdftoppmPath?: string;
}

const IMAGE_EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/tiff': 'tif',
};

export class TesseractOcr implements OcrEngine {
  private readonly languages: string;
  private readonly maxPages: number;
  private readonly timeoutMs: number;
  private readonly dpi: number;
  private readonly maxBytes: number;
  private readonly tesseract: string;
  private readonly pdftoppm: string;
  private availability: Promise<boolean> | undefined;

  constructor(options: TesseractOptions = {}) {
    this.languages = options.languages ?? 'deu+eng';
    this.maxPages = options.maxPages ?? 5;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.dpi = options.dpi ?? 200;
    this.maxBytes = options.maxBytes ?? 25 * 1024 * 1024;
    this.tesseract = options.tesseractPath ?? 'tesseract';
    this.pdftoppm = options.pdftoppmPath ?? 'pdftoppm';
  }

  /** True when tesseract runs and has every configured language. */
  available(): Promise<boolean> {
    this.availability ??= run(this.tesseract, ['--list-langs'], 10_000)
      .then((out) => {
        const installed = new Set(out.split(/\r?\n/).map((l) => l.trim()));
        return this.languages.split('+').every((lang) => installed.has(lang));
      })
      .catch(() => false);
    return this.availability;
  }

  /** True when PDFs can be rasterised here (pdftoppm present). */
  async canRasterisePdf(): Promise<boolean> {
    return run(this.pdftoppm, ['-v'], 10_000)
      .then(() => true)
      .catch(() => false);
  }

  async recognize(bytes: Uint8Array, contentType: string): Promise<OcrResult> {
    if (bytes.byteLength > this.maxBytes)
      throw new LimitExceededError(
        `document for OCR is ${bytes.byteLength} bytes; the limit is ${this.maxBytes}`,
      );
    const deadline = Date.now() + this.timeoutMs;
    const workDir = await mkdtemp(join(tmpdir(), 'invoice-ocr-'));
    try {
      if (contentType === 'application/pdf') return await this.recognizePdf(bytes, workDir, deadline);
      const extension = IMAGE_EXTENSIONS[contentType];
      if (!extension) throw new UnsupportedFormatError(`OCR does not read ${contentType}`);
      const image = join(workDir, `input.${extension}`);
      await writeFile(image, bytes);
      const pages = await this.recognizeImage(image, 1, 1, deadline);
      return {
        engine: 'tesseract',
        pages: pages.pageSizes.length,
        lines: pages.lines,
        pageSizes: pages.pageSizes,
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  private async recognizePdf(bytes: Uint8Array, workDir: string, deadline: number): Promise<OcrResult> {
    const input = join(workDir, 'input.pdf');
    await writeFile(input, bytes);
    await run(
      this.pdftoppm,
      ['-r', String(this.dpi), '-l', String(this.maxPages), '-png', input, join(workDir, 'page')],
      remaining(deadline),
    ).catch((error: unknown) => {
      throw asOcrError(error, 'pdftoppm could not rasterise the PDF');
    });
    const images = (await readdir(workDir)).filter((f) => /^page-\d+\.png$/.test(f)).sort(byPageNumber);
    const lines: OcrLine[] = [];
    const pageSizes: { width: number; height: number }[] = [];
    const toPoints = 72 / this.dpi;
    for (const [index, image] of images.entries()) {
      const page = await this.recognizeImage(join(workDir, image), index + 1, toPoints, deadline);
      lines.push(...page.lines);
      pageSizes.push(...page.pageSizes);
    }
    const warnings = images.length >= this.maxPages ? [`OCR read the first ${this.maxPages} pages only`] : [];
    return {
      engine: 'tesseract',
      pages: images.length,
      lines,
      pageSizes,
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /** One image (a TIFF may hold several pages) -> lines, split at wide gaps into cells. */
  private async recognizeImage(
    image: string,
    firstPage: number,
    scale: number,
    deadline: number,
  ): Promise<{ lines: OcrLine[]; pageSizes: { width: number; height: number }[] }> {
    const tsv = await run(
      this.tesseract,
      [image, 'stdout', '-l', this.languages, '--psm', '3', 'tsv'],
      remaining(deadline),
    ).catch((error: unknown) => {
      throw asOcrError(error, 'tesseract could not read the image');
    });
    return parseTesseractTsv(tsv, firstPage, scale);
  }
}

/** Parses tesseract TSV: words grouped into lines, lines split where words are far apart. */
export function parseTesseractTsv(
  tsv: string,
  firstPage = 1,
  scale = 1,
): { lines: OcrLine[]; pageSizes: { width: number; height: number }[] } {
  const pageSizes: { width: number; height: number }[] = [];
  const groups = new Map<string, { page: number; words: Word[] }>();
  for (const row of tsv.split(/\r?\n/).slice(1)) {
    const cols = row.split('\t');
    if (cols.length < 12) continue;
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

function byPageNumber(a: string, b: string): number {
  return Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]);
}

function remaining(deadline: number): number {
  const left = deadline - Date.now();
  if (left <= 0) throw new LimitExceededError('OCR took longer than its time limit; stopped');
  return left;
}

class ProcessTimeout extends Error {}

/** Runs a binary without a shell; kills it at the timeout. Resolves with stdout. */
function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as { killed?: boolean }).killed) return reject(new ProcessTimeout(`${binary} timed out`));
        reject(new Error(`${binary} failed: ${String(stderr).trim().split('\n').at(-1) ?? error.message}`));
      },
    );
  });
}

function asOcrError(error: unknown, what: string): Error {
  if (error instanceof LimitExceededError) return error;
  if (error instanceof ProcessTimeout)
    return new LimitExceededError('OCR took longer than its time limit; stopped');
  return new UnreadableDocumentError(`${what}: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
