/** Bounded PDF reading (PdfReader port) for untrusted input. */
export { BoundedPdfReader, type BoundedPdfReaderOptions, hasPdfHeader } from './bounded-pdf-reader';
export { DEFAULT_PDF_LIMITS, DEFAULT_PDF_POOL, type PdfLimits, type PdfPoolOptions } from './limits';
