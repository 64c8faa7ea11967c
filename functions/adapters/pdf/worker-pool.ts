import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LimitExceededError, UnreadableDocumentError } from '../../core/errors';
import type { PdfLimits, PdfPoolOptions } from './limits';
import { type FromWorker, isPdfWorkerThread, PDF_WORKER_ROLE, type ToWorker } from './pdf-worker';
import type { ParseRequest } from './pdfjs-parse';

/**
 * A pool of warm PDF workers. A worker loads pdf.js once and then parses one request at a time;
 * reads beyond the pool size wait in line. A parse's time limit starts when a ready worker takes
 * it. A parse that times out, is aborted, breaks its memory bounds or crashes ends its worker,
 * which is replaced; its late result can never be delivered.
 */

export type WorkerReply = Extract<FromWorker, { type: 'reply' }>;

interface Job {
  id: number;
  request: ParseRequest;
  signal: AbortSignal | undefined;
  resolve: (reply: WorkerReply) => void;
  reject: (error: unknown) => void;
  /** Removes the abort listener. */
  detach: () => void;
}

interface Slot {
  worker: Worker;
  state: 'starting' | 'idle' | 'busy' | 'gone';
  job?: Job;
  /** Ends the running job (timer, watchdog, listeners). */
  stopJob?: () => void;
}

export class PdfWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Called whenever a starting worker becomes ready or fails. */
  private readonly startWaiters: (() => void)[] = [];
  private warming = 0;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly limits: PdfLimits,
    private readonly options: PdfPoolOptions,
  ) {
    if (!Number.isInteger(options.workers) || options.workers < 1)
      throw new RangeError(`PDF pool size must be a positive integer, received ${options.workers}`);
  }

  /** Parses in a warm worker; rejects with signal.reason when aborted (queued or running). */
  run(request: ParseRequest, signal?: AbortSignal): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new Error('The PDF reader is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<WorkerReply>((resolve, reject) => {
      const job: Job = { id: this.nextId++, request, signal, resolve, reject, detach: () => undefined };
      if (signal) {
        const onAbort = () => this.abort(job, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.dispatch();
    });
  }

  /** Starts every worker and waits until they are ready (optional: workers also start on demand). */
  async warmUp(): Promise<void> {
    this.warming++;
    try {
      while (!this.closed && this.live().length < this.options.workers) this.spawn();
      this.updateRefs();
      while (!this.closed && this.slots.some((slot) => slot.state === 'starting'))
        await new Promise<void>((resolve) => this.startWaiters.push(resolve));
    } finally {
      this.warming--;
      this.updateRefs();
    }
  }

  /** Stops every worker; queued and running reads are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const error = new Error('The PDF reader was closed');
    for (const job of this.queue.splice(0)) settle(job, () => job.reject(error));
    const stopping = this.slots.splice(0).map((slot) => {
      this.finish(slot, (job) => job.reject(error));
      slot.state = 'gone';
      return slot.worker.terminate();
    });
    this.notifyStarted();
    await Promise.all(stopping);
  }

  /** Workers that are starting or alive. */
  private live(): Slot[] {
    return this.slots.filter((slot) => slot.state !== 'gone');
  }

  private dispatch(): void {
    if (this.closed) return;
    for (;;) {
      const slot = this.slots.find((s) => s.state === 'idle');
      const job = slot && this.queue.shift();
      if (!slot || !job) break;
      this.start(slot, job);
    }
    const starting = this.slots.filter((s) => s.state === 'starting').length;
    let missing = Math.min(this.queue.length - starting, this.options.workers - this.live().length);
    while (missing-- > 0) this.spawn();
    this.updateRefs();
  }

  /** Busy workers, and starting ones that a read or warmUp() waits for, keep the process alive. */
  private updateRefs(): void {
    const awaited = this.queue.length > 0 || this.warming > 0;
    for (const slot of this.slots) {
      if (slot.state === 'busy' || (slot.state === 'starting' && awaited)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private notifyStarted(): void {
    for (const resolve of this.startWaiters.splice(0)) resolve();
  }

  private spawn(): void {
    const worker = new Worker(pdfWorkerEntry.url, {
      eval: pdfWorkerEntry.eval,
      workerData: { role: PDF_WORKER_ROLE },
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxHeapMb,
        maxYoungGenerationSizeMb: 32,
        stackSizeMb: 4,
      },
    });
    const slot: Slot = { worker, state: 'starting' };
    this.slots.push(slot);
    const startup = setTimeout(
      () => this.startupFailed(slot, new Error('PDF worker did not start in time')),
      this.options.startupTimeoutMs,
    );
    startup.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.type !== 'ready' || slot.state !== 'starting') return;
      clearTimeout(startup);
      slot.state = 'idle';
      this.notifyStarted();
      this.dispatch();
    });
    worker.on('error', (error) => {
      if (slot.state === 'starting') this.startupFailed(slot, error);
    });
    worker.on('exit', (code) => {
      clearTimeout(startup);
      if (slot.state === 'starting')
        this.startupFailed(slot, new Error(`PDF worker exited with code ${code}`));
      else if (slot.state === 'idle') this.remove(slot);
    });
  }

  /** A worker that cannot start fails the queued reads (each would spawn it again). */
  private startupFailed(slot: Slot, cause: Error): void {
    if (slot.state !== 'starting') return;
    this.remove(slot);
    void slot.worker.terminate();
    const error = new Error(`PDF worker could not start: ${cause.message}`, { cause });
    if (this.live().length === 0)
      for (const job of this.queue.splice(0)) settle(job, () => job.reject(error));
    this.notifyStarted();
    this.updateRefs();
  }

  private remove(slot: Slot): void {
    slot.state = 'gone';
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
  }

  private start(slot: Slot, job: Job): void {
    const { worker } = slot;
    const { limits } = this;
    slot.state = 'busy';
    slot.job = job;
    const baselineRss = process.memoryUsage.rss();
    const timer = setTimeout(
      () =>
        this.kill(
          slot,
          new LimitExceededError(`PDF parsing took longer than ${limits.timeoutMs / 1000} s; stopped`),
        ),
      limits.timeoutMs,
    );
    const watchdog = setInterval(() => {
      if (process.memoryUsage.rss() - baselineRss > limits.maxMemoryGrowthMb * 1024 * 1024)
        this.kill(
          slot,
          new LimitExceededError(
            `PDF parsing used more than ${limits.maxMemoryGrowthMb} MB of memory; stopped`,
          ),
        );
    }, 25);
    const onMessage = (message: FromWorker) => {
      if (message.type !== 'reply' || message.id !== job.id) return;
      this.finish(slot, (running) => running.resolve(message));
      slot.state = 'idle';
      this.dispatch();
    };
    const onError = (error: Error & { code?: string }) =>
      this.kill(
        slot,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new LimitExceededError(`PDF parsing exceeded the ${limits.maxHeapMb} MB heap limit; stopped`)
          : new Error(`PDF worker failed: ${error.message}`, { cause: error }),
      );
    const onExit = (code: number) =>
      this.kill(slot, new UnreadableDocumentError(`PDF worker stopped unexpectedly (exit code ${code})`));
    slot.stopJob = () => {
      clearTimeout(timer);
      clearInterval(watchdog);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const bytes = job.request.bytes;
    worker.postMessage({ id: job.id, request: job.request } satisfies ToWorker, [
      bytes.buffer as ArrayBuffer,
    ]);
  }

  /** Settles the slot's running job once; later messages from the worker find no listener. */
  private finish(slot: Slot, settleJob: (job: Job) => void): void {
    const job = slot.job;
    slot.stopJob?.();
    slot.stopJob = undefined;
    slot.job = undefined;
    if (job) settle(job, () => settleJob(job));
  }

  /** Ends a running parse: its worker is terminated and replaced. */
  private kill(slot: Slot, error: unknown): void {
    if (slot.state !== 'busy') return;
    this.finish(slot, (job) => job.reject(error));
    this.remove(slot);
    void slot.worker.terminate();
    if (!this.closed) this.spawn();
    this.dispatch();
  }

  private abort(job: Job, reason: unknown): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      settle(job, () => job.reject(reason));
      this.updateRefs();
      return;
    }
    const slot = this.slots.find((s) => s.job === job);
    if (slot) this.kill(slot, reason);
  }
}

function settle(job: Job, action: () => void): void {
  job.detach();
  action();
}

/**
 * What a pool worker runs, decided in this one place:
 * - compiled JavaScript: pdf-worker.js (or .mjs) next to this module;
 * - a single-file bundle (no worker file next to it): the bundle itself, which contains the
 *   worker module and serves because of the worker role;
 * - TypeScript source (tsx, vitest): pdf-worker.ts through a bootstrap that registers the tsx
 *   loader inside the worker (Node 20 does not carry loader hooks into workers). pdf.js is
 *   preloaded natively before that: run through tsx it would load 20x slower.
 */
export const pdfWorkerEntry = resolveWorkerEntry(import.meta.url);

function resolveWorkerEntry(moduleUrl: string): { url: URL | string; eval: boolean } {
  const extension = extname(fileURLToPath(moduleUrl));
  const sibling = new URL(`./pdf-worker${extension}`, moduleUrl);
  if (!/^\.[cm]?tsx?$/.test(extension))
    return { url: existsSync(sibling) ? sibling : new URL(moduleUrl), eval: false };
  const require = createRequire(moduleUrl);
  const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
  const tsxApi = join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const pdfjsWorker = require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const source = [
    `import(${url(pdfjsWorker)})`,
    `.then((worker) => { globalThis.pdfjsWorker = worker; return import(${url(pdfjs)}); })`,
    `.then(() => import(${url(tsxApi)}))`,
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(sibling.href)}); });`,
  ].join('');
  return { url: source, eval: true };
}

/** The pool cannot start workers from inside a worker it started. */
export const insidePdfWorker = isPdfWorkerThread();
