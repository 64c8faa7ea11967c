import {
  type InvoiceError,
  LimitExceededError,
  UnreadableDocumentError,
  UnsafeInputError,
  UnsupportedFormatError,
} from '../../core/errors';
import type { PdfContent, PdfReader, PdfReadOptions } from '../../core/ports/documents';
import { DEFAULT_PDF_POOL, megabytes, type PdfLimits, type PdfPoolOptions, resolveLimits } from './limits';
import type { SerializedError } from './pdf-worker';
import type { ParseRequest } from './pdfjs-parse';
import { insidePdfWorker, PdfWorkerPool } from './worker-pool';

/**
 * PdfReader for untrusted PDFs: pdf.js parses in a pool of warm worker threads (worker-pool.ts)
 * with V8 heap limits, a process memory watchdog and a hard wall-time limit per parse, after a
 * pre-scan that refuses decompression bombs (prescan.ts). A hostile file ends in a typed error and
 * never takes the process down. Call close() on shutdown.
 */

export interface BoundedPdfReaderOptions {
  limits?: Partial<PdfLimits>;
  pool?: Partial<PdfPoolOptions>;
}

export class BoundedPdfReader implements PdfReader {
  readonly limits: PdfLimits;
  private readonly pool: PdfWorkerPool;

  constructor(options: BoundedPdfReaderOptions = {}) {
    this.limits = resolveLimits(options.limits);
    this.pool = new PdfWorkerPool(this.limits, { ...DEFAULT_PDF_POOL, ...options.pool });
  }

  async read(bytes: Uint8Array, options: PdfReadOptions = {}): Promise<PdfContent> {
    if (insidePdfWorker)
      throw new Error('BoundedPdfReader cannot start a PDF worker from inside the PDF worker');
    if (bytes.byteLength > this.limits.maxBytes)
      throw new LimitExceededError(
        `PDF is ${megabytes(bytes.byteLength)}; the limit is ${megabytes(this.limits.maxBytes)}`,
      );
    if (!hasPdfHeader(bytes)) throw new UnreadableDocumentError('not a PDF: the %PDF- header is missing');

    const request: ParseRequest = {
      bytes: bytes.slice(), // transferred to the worker
      textLayer: options.textLayer ?? true,
      attachments: options.attachments ?? true,
      ...(options.render ? { render: options.render } : {}),
      limits: this.limits,
    };
    const reply = await this.pool.run(request, options.signal);
    if (!reply.ok) throw reviveError(reply.error);
    return reply.content;
  }

  /** Starts the workers now instead of on the first reads. */
  warmUp(): Promise<void> {
    return this.pool.warmUp();
  }

  /** Stops the workers; reads still waiting or running are rejected. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/** Rebuilds the typed error the worker reported. */
function reviveError(error: SerializedError): InvoiceError {
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

/** %PDF- within the first 1024 bytes (readers tolerate leading garbage that far). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString(
    'latin1',
  );
  return head.includes('%PDF-');
}
