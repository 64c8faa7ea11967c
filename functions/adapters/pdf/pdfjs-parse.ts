import { LimitExceededError, UnreadableDocumentError } from '../../core/errors';
import type {
  PdfContent,
  PdfEmbeddedFile,
  PdfPage,
  PdfPageImage,
  PdfTextItem,
} from '../../core/ports/documents';
import { megabytes, type PdfLimits } from './limits';
import { prescanPdf } from './prescan';

/**
 * The parsing itself, with pdf.js (legacy build). Runs INSIDE the bounded worker thread only
 * (see bounded-pdf-reader.ts); it may throw typed InvoiceErrors, which the worker reports back.
 */
export interface ParseRequest {
  bytes: Uint8Array;
  textLayer: boolean;
  attachments: boolean;
  render?: { dpi: number; maxPages: number };
  limits: PdfLimits;
}

/** A rendered page never exceeds this many pixels (about four A4 pages at 200 dpi). */
const MAX_RENDER_PIXELS = 16_000_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;

/** Loads pdf.js once per worker, with its worker module in-thread (resolvable when bundled). */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    installDomMatrixFallback();
    const holder = globalThis as { pdfjsWorker?: unknown };
    return withoutCanvasWarnings(async () => {
      holder.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return import('pdfjs-dist/legacy/build/pdf.mjs');
    });
  })();
  return pdfjs;
}

/** pdf.js warns on load that it cannot polyfill canvas classes; only rendering needs them. */
async function withoutCanvasWarnings<T>(load: () => Promise<T>): Promise<T> {
  const { log, warn } = console;
  const quiet =
    (print: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (/^Warning: Cannot (load "@napi-rs\/canvas"|polyfill)/.test(String(args[0] ?? ''))) return;
      print(...args);
    };
  console.log = quiet(log);
  console.warn = quiet(warn);
  try {
    return await load();
  } finally {
    console.log = log;
    console.warn = warn;
  }
}

/**
 * pdf.js creates a DOMMatrix when its module loads; in Node it borrows one from the optional
 * native @napi-rs/canvas, which a single-file Lambda bundle cannot carry. Text extraction only
 * needs affine 2D matrices, so a small stand-in keeps the bundle self-contained.
 */
function installDomMatrixFallback(): void {
  const scope = globalThis as { DOMMatrix?: unknown };
  if (scope.DOMMatrix) return;
  class AffineMatrix {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
    constructor(init?: number[]) {
      if (init && init.length >= 6)
        [this.a, this.b, this.c, this.d, this.e, this.f] = init as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
    }
    multiplySelf(m: AffineMatrix): this {
      const { a, b, c, d, e, f } = this;
      this.a = a * m.a + c * m.b;
      this.b = b * m.a + d * m.b;
      this.c = a * m.c + c * m.d;
      this.d = b * m.c + d * m.d;
      this.e = a * m.e + c * m.f + e;
      this.f = b * m.e + d * m.f + f;
      return this;
    }
    scaleSelf(sx = 1, sy = sx): this {
      return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0]));
    }
    translateSelf(tx = 0, ty = 0): this {
      return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, tx, ty]));
    }
  }
  scope.DOMMatrix = AffineMatrix;
}

const MAX_XMP_CHARS = 1024 * 1024;

export async function parsePdf(request: ParseRequest): Promise<PdfContent> {
  const { limits } = request;
  const prescan = await prescanPdf(request.bytes, {
    maxDecompressedBytes: limits.maxDecompressedBytes,
    images: request.render !== undefined, // rendering decodes images
  }); // UnsafeInputError on bombs
  const { getDocument, Util } = await loadPdfJs();
  const task = getDocument({
    data: request.bytes.slice(), // pdf.js may take ownership of the buffer
    isEvalSupported: false, // no font programs compiled to JS (CVE-2024-4367 class)
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    throw describeOpenError(error);
  }

  try {
    const pageCount = document.numPages;
    if (pageCount > limits.maxPages)
      throw new LimitExceededError(`PDF has ${pageCount} pages; the limit is ${limits.maxPages}`);
    const warnings: string[] = [];

    const pages: PdfPage[] = [];
    if (request.textLayer) {
      let chars = 0;
      const readable = Math.min(pageCount, limits.maxTextPages);
      if (readable < pageCount) warnings.push(`text read from the first ${readable} of ${pageCount} pages`);
      for (let number = 1; number <= readable; number++) {
        const page = await document.getPage(number);
        const viewport = page.getViewport({ scale: 1 });
        const content = await page.getTextContent();
        const items: PdfTextItem[] = [];
        for (const item of content.items) {
          if (!('str' in item) || !item.str.trim()) continue;
          chars += item.str.length;
          if (chars > limits.maxTextChars)
            throw new LimitExceededError(`PDF text exceeds ${limits.maxTextChars} characters`);
          // Device space of the unrotated, cropped page: origin top-left; flip to PDF's bottom-left.
          const [, , c = 0, d = 0, e = 0, f = 0] = Util.transform(viewport.transform, item.transform);
          const fontHeight = Math.hypot(c, d);
          items.push({
            text: item.str,
            x: e,
            y: viewport.height - f,
            width: item.width,
            height: item.height > 0 ? item.height : fontHeight,
          });
        }
        pages.push({ number, width: viewport.width, height: viewport.height, items });
        page.cleanup();
      }
    }

    const images = request.render ? await renderPages(document, request.render, pageCount, warnings) : [];

    const embeddedFiles: PdfEmbeddedFile[] = [];
    if (request.attachments) {
      const attachments = ((await document.getAttachments()) ?? {}) as Record<
        string,
        { filename?: string; content?: Uint8Array; description?: string }
      >;
      for (const [key, attachment] of Object.entries(attachments)) {
        const name = attachment.filename || key;
        const bytes = attachment.content;
        if (!bytes) continue;
        if (embeddedFiles.length >= limits.maxAttachments) {
          warnings.push(`more than ${limits.maxAttachments} embedded files; the rest were ignored`);
          break;
        }
        if (bytes.byteLength > limits.maxAttachmentBytes) {
          warnings.push(
            `embedded file ${name} is larger than ${megabytes(limits.maxAttachmentBytes)}; ignored`,
          );
          continue;
        }
        const relationship = prescan.relationships.get(name) ?? attachment.description;
        embeddedFiles.push({ name, bytes, ...(relationship ? { relationship } : {}) });
      }
    }

    const metadata = await document.getMetadata().catch(() => undefined);
    const raw = (metadata?.metadata as { getRaw?: () => unknown } | null | undefined)?.getRaw?.();
    const xmp = typeof raw === 'string' && raw.length <= MAX_XMP_CHARS ? raw : undefined;

    return {
      pageCount,
      pages,
      embeddedFiles,
      ...(request.render ? { images } : {}),
      ...(xmp ? { xmp } : {}),
      ...(warnings.length ? { warnings } : {}),
      ...(prescan.activeContent.length ? { activeContent: prescan.activeContent } : {}),
    };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}

type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
interface RenderCanvas {
  canvas: { toBuffer(mime: 'image/png'): Uint8Array };
  context: unknown;
}

/** Renders the first pages to PNG (for OCR); needs @napi-rs/canvas, which pdf.js loads itself. */
async function renderPages(
  document: PdfDocument,
  render: { dpi: number; maxPages: number },
  pageCount: number,
  warnings: string[],
): Promise<PdfPageImage[]> {
  const factory = (document as unknown as { canvasFactory?: { create(w: number, h: number): RenderCanvas } })
    .canvasFactory;
  const images: PdfPageImage[] = [];
  const count = Math.min(pageCount, render.maxPages);
  if (count < pageCount) warnings.push(`rendered the first ${count} of ${pageCount} pages`);
  for (let number = 1; number <= count; number++) {
    const page = await document.getPage(number);
    const base = page.getViewport({ scale: 1 });
    let scale = render.dpi / 72;
    const pixels = base.width * base.height * scale * scale;
    if (pixels > MAX_RENDER_PIXELS) scale *= Math.sqrt(MAX_RENDER_PIXELS / pixels);
    const viewport = page.getViewport({ scale });
    const width = Math.max(1, Math.ceil(viewport.width));
    const height = Math.max(1, Math.ceil(viewport.height));
    let target: RenderCanvas;
    try {
      if (!factory) throw new Error('no canvas factory');
      target = factory.create(width, height);
    } catch (error) {
      throw new UnreadableDocumentError('PDF pages cannot be rendered here (@napi-rs/canvas is missing)', {
        code: 'NEEDS_OCR',
        cause: error,
      });
    }
    await page.render({
      canvasContext: target.context,
      canvas: target.canvas,
      viewport,
      background: 'rgb(255,255,255)',
    } as unknown as Parameters<typeof page.render>[0]).promise;
    const png = target.canvas.toBuffer('image/png');
    images.push({ page: number, png: new Uint8Array(png), width, height, scale });
    page.cleanup();
  }
  return images;
}

/** pdf.js opening errors as typed, one-line InvoiceErrors. */
function describeOpenError(error: unknown): Error {
  const name = (error as { name?: string }).name;
  const message = (error as { message?: string }).message ?? String(error);
  if (name === 'PasswordException')
    return new UnreadableDocumentError('PDF is password-protected (encrypted); it cannot be read', {
      code: 'ENCRYPTED',
      cause: error,
    });
  return new UnreadableDocumentError(`PDF is corrupt or not a PDF: ${message}`, { cause: error });
}
