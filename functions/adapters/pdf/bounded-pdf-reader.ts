import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  InvoiceError,
  LimitExceededError,
  UnreadableDocumentError,
  UnsafeInputError,
  UnsupportedFormatError,
} from '../../core/errors';
import type { PdfContent, PdfReader, PdfReadOptions } from '../../core/ports/documents';
import { megabytes, type PdfLimits, resolveLimits } from './limits';
import type { ParseRequest } from './pdfjs-parse';

/**
 * PdfReader for untrusted PDFs: pdf.js parses in a worker thread with V8 heap limits, a process
 * memory watchdog and a hard wall-time limit (terminate), so a hostile file ends in a typed error
 * and never takes the process down.
 *
 * The worker entry is THIS module, selected via workerData. That works unchanged under tsx, under
 * vitest (a .ts module gets the tsx loader) and in a single-file esbuild bundle for Lambda (the
 * bundle starts itself as the worker; pdf.js's own worker is imported statically and handed over
 * as globalThis.pdfjsWorker, see pdfjs-parse.ts).
 */

const WORKER_ROLE = 'invoice-agent:pdf-worker';
const insideWorker = !isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE;

interface WorkerReply {
  id: number;
  ok: boolean;
  content?: PdfContent;
  error?: { name: string; code: string; message: string };
}

// ---- Worker side ----

if (insideWorker) serveParseRequests();

function serveParseRequests(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', async (message: { id: number; request: ParseRequest }) => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const { parsePdf } = await import('./pdfjs-parse');
      const content = await parsePdf(message.request);
      reply = { id: message.id, ok: true, content };
      transfer = transferableBuffers(content);
    } catch (error) {
      reply = { id: message.id, ok: false, error: serializeError(error) };
    }
    port.postMessage(reply, transfer);
  });
}

function transferableBuffers(content: PdfContent): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of content.embeddedFiles)
    if (file.bytes.buffer instanceof ArrayBuffer) buffers.add(file.bytes.buffer);
  for (const image of content.images ?? [])
    if (image.png.buffer instanceof ArrayBuffer) buffers.add(image.png.buffer);
  return [...buffers];
}

function serializeError(error: unknown): WorkerReply['error'] {
  if (error instanceof InvoiceError) return { name: error.name, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: 'UnreadableDocumentError',
    code: 'UNREADABLE',
    message: `PDF could not be parsed: ${message}`,
  };
}

/** Rebuilds the typed error the worker reported. */
function reviveError(error: NonNullable<WorkerReply['error']>): InvoiceError {
  switch (error.name) {
    case 'LimitExceededError':
      return new LimitExceededError(error.message);
    case 'UnsafeInputError':
      return new UnsafeInputError(error.message);
    case 'UnsupportedFormatError':
      return new UnsupportedFormatError(error.message);
    default:
      return new UnreadableDocumentError(error.message, { code: error.code });
  }
}

// ---- Main side ----

export interface BoundedPdfReaderOptions {
  limits?: Partial<PdfLimits>;
  /** Keep one idle worker for the next read (faster batches). Default true. */
  keepWorker?: boolean;
}

export class BoundedPdfReader implements PdfReader {
  readonly limits: PdfLimits;
  private readonly keepWorker: boolean;
  private readonly idle: Worker[] = [];
  private nextId = 1;

  constructor(options: BoundedPdfReaderOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.keepWorker = options.keepWorker ?? true;
  }

  async read(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfContent> {
    if (insideWorker)
      throw new Error('BoundedPdfReader cannot start a PDF worker from inside the PDF worker');
    if (bytes.byteLength > this.limits.maxBytes)
      throw new LimitExceededError(
        `PDF is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(this.limits.maxBytes)}`,
      );
    if (!hasPdfHeader(bytes)) throw new UnreadableDocumentError('not a PDF: the %PDF- header is missing');

    const request: ParseRequest = {
      bytes: bytes.slice(),
      textLayer: options.textLayer ?? true,
      attachments: options.attachments ?? true,
      ...(options.render ? { render: options.render } : {}),
      limits: this.limits,
    };
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    const reply = await this.exchange(worker, request);
    if (this.keepWorker && this.idle.length === 0) {
      worker.unref();
      this.idle.push(worker);
    } else {
      void worker.terminate();
    }
    if (!reply.ok || !reply.content)
      throw reviveError(reply.error ?? { name: '', code: 'UNREADABLE', message: 'PDF could not be parsed' });
    return reply.content;
  }

  /** Stops idle workers (call on shutdown; idle workers never keep the process alive anyway). */
  async close(): Promise<void> {
    await Promise.all(this.idle.splice(0).map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(workerEntry(import.meta.url), {
      eval: isTypeScript(import.meta.url),
      workerData: { role: WORKER_ROLE },
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxHeapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    // An idle worker that dies is simply forgotten.
    worker.on('exit', () => {
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
    });
    worker.on('error', () => undefined); // handled per request below
    return worker;
  }

  /** Sends one request; resolves with the reply or rejects with a typed error, terminating on caps. */
  private exchange(worker: Worker, request: ParseRequest): Promise<WorkerReply> {
    const id = this.nextId++;
    const limits = this.limits;
    return new Promise<WorkerReply>((resolve, reject) => {
      const baselineRss = process.memoryUsage.rss();
      const fail = (error: Error) => {
        cleanup();
        void worker.terminate();
        reject(error);
      };
      const timer = setTimeout(
        () =>
          fail(new LimitExceededError(`PDF parsing took longer than ${limits.timeoutMs / 1000} s; stopped`)),
        limits.timeoutMs,
      );
      const watchdog = setInterval(() => {
        const growth = process.memoryUsage.rss() - baselineRss;
        if (growth > limits.maxMemoryGrowthMb * 1024 * 1024)
          fail(
            new LimitExceededError(
              `PDF parsing used more than ${limits.maxMemoryGrowthMb} MB of memory; stopped`,
            ),
          );
      }, 25);
      const onMessage = (reply: WorkerReply) => {
        if (reply.id !== id) return;
        cleanup();
        resolve(reply);
      };
      const onError = (error: Error & { code?: string }) => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
          fail(new LimitExceededError(`PDF parsing exceeded the ${limits.maxHeapMb} MB heap limit; stopped`));
        else fail(new Error(`PDF worker failed: ${error.message}`, { cause: error }));
      };
      const onExit = (code: number) =>
        fail(new UnreadableDocumentError(`PDF worker stopped unexpectedly (exit code ${code})`));
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(watchdog);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, request }, [request.bytes.buffer as ArrayBuffer]);
    });
  }
}

/** %PDF- within the first 1024 bytes (readers tolerate leading garbage that far). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    'latin1',
  );
  return head.includes('%PDF-');
}

function isTypeScript(moduleUrl: string): boolean {
  return /\.[cm]?tsx?$/.test(new URL(moduleUrl).pathname);
}

/**
 * What the worker runs: this module's URL, or, for a .ts module (tsx, vitest), a bootstrap that
 * registers the tsx loader inside the worker first (Node 20 does not carry loader hooks into
 * workers). pdf.js is preloaded natively before that: run through tsx it would load 20x slower.
 */
function workerEntry(moduleUrl: string): URL | string {
  if (!isTypeScript(moduleUrl)) return new URL(moduleUrl);
  const require = createRequire(moduleUrl);
  const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
  const tsxApi = join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const pdfjsWorker = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  return [
    `import(${url(pdfjsWorker)})`,
    `.then((worker) => { globalThis.pdfjsWorker = worker; return import(${url(pdfjs)}); })`,
    `.then(() => import(${url(tsxApi)}))`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(moduleUrl)}); });`,
  ].join('');
}
