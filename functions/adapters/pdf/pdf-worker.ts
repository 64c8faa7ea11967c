import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InvoiceError } from '../../core/errors';
import type { PdfContent } from '../../core/ports/documents';
import type { ParseRequest } from './pdfjs-parse';

/**
 * The PDF parsing worker: loads pdf.js once, says it is ready, then parses one request at a time.
 * It runs only in a thread the pool started with PDF_WORKER_ROLE, so importing this module
 * anywhere else does nothing (a single-file bundle imports it and starts itself as the worker).
 */

export const PDF_WORKER_ROLE = 'invoice-agent:pdf-worker';

export type ToWorker = { id: number; request: ParseRequest };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; content: PdfContent }
  | { type: 'reply'; id: number; ok: false; error: SerializedError };

export interface SerializedError {
  name: string;
  code: string;
  message: string;
}

export const isPdfWorkerThread = (): boolean =>
  !isMainThread && (workerData as { role?: string } | null)?.role === PDF_WORKER_ROLE;

if (isPdfWorkerThread()) void serve();

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { loadPdfJs, parsePdf } = await import('./pdfjs-parse');
  await loadPdfJs();
  port.on('message', async ({ id, request }: ToWorker) => {
    let reply: FromWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      const content = await parsePdf(request);
      reply = { type: 'reply', id, ok: true, content };
      transfer = transferableBuffers(content);
    } catch (error) {
      reply = { type: 'reply', id, ok: false, error: serializeError(error) };
    }
    port.postMessage(reply, transfer);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

function transferableBuffers(content: PdfContent): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const file of content.embeddedFiles)
    if (file.bytes.buffer instanceof ArrayBuffer) buffers.add(file.bytes.buffer);
  for (const image of content.images ?? [])
    if (image.png.buffer instanceof ArrayBuffer) buffers.add(image.png.buffer);
  return [...buffers];
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof InvoiceError) return { name: error.name, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return {
    name: 'UnreadableDocumentError',
    code: 'UNREADABLE',
    message: `PDF could not be parsed: ${message}`,
  };
}
