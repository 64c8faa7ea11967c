/**
 * Caps for reading untrusted PDFs. Every number bounds one way a hostile or broken file could
 * exhaust the process: input size, pages, inflated bytes (decompression bombs), text volume,
 * embedded files, wall time and memory.
 */
export interface PdfLimits {
  /** Largest PDF accepted, in bytes. */
  maxBytes: number;
  /** A PDF with more pages than this is refused outright. */
  maxPages: number;
  /** Pages whose text layer is read (the first N). */
  maxTextPages: number;
  /** Total characters of text read over all pages. */
  maxTextChars: number;
  /** Total bytes that the streams pdf.js could read for text may decode to (checked before parsing). */
  maxDecompressedBytes: number;
  /** Largest embedded file returned, in bytes (larger ones are skipped with a warning). */
  maxAttachmentBytes: number;
  /** Embedded files returned at most. */
  maxAttachments: number;
  /** Wall time of one parse, from the moment a warm worker takes it (queueing and worker start-up excluded). */
  timeoutMs: number;
  /** V8 old-generation heap of the parsing worker, in MB. */
  maxHeapMb: number;
  /**
   * Growth of the process resident memory while parsing, in MB. The heap limit does not cover
   * ArrayBuffers (decoded streams live there), so this watchdog is their bound for what the
   * pre-scan cannot decode (encrypted streams, image codecs).
   */
  maxMemoryGrowthMb: number;
}

/** The pool of warm parsing workers. */
export interface PdfPoolOptions {
  /** Workers parsing at once; further reads wait in line (their time limit has not started). */
  workers: number;
  /** Time a new worker may take to load pdf.js before it counts as failed. */
  startupTimeoutMs: number;
}

/** Sized for 2 cores: one parse per core. */
export const DEFAULT_PDF_POOL: PdfPoolOptions = { workers: 2, startupTimeoutMs: 30_000 };

export const DEFAULT_PDF_LIMITS: PdfLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxPages: 500,
  maxTextPages: 30,
  maxTextChars: 2_000_000,
  maxDecompressedBytes: 150 * 1024 * 1024,
  maxAttachmentBytes: 15 * 1024 * 1024,
  maxAttachments: 25,
  timeoutMs: 10_000,
  maxHeapMb: 384,
  maxMemoryGrowthMb: 1024,
};

export function resolveLimits(overrides: Partial<PdfLimits> = {}): PdfLimits {
  return { ...DEFAULT_PDF_LIMITS, ...overrides };
}

const MB = 1024 * 1024;

/** "25 MB" style for messages. */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}
