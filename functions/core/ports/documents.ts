/** Object storage for raw mail, attachments, extracted JSON and the archive (S3 in AWS, files locally). */
export interface DocumentStore {
  put(key: string, body: Uint8Array | string, options?: { contentType?: string }): Promise<void>;
  get(key: string): Promise<Uint8Array>;
  exists(key: string): Promise<boolean>;
  /** A short-lived URL to view the object (presigned in AWS, served by the local web server). */
  viewUrl(key: string, expiresInSeconds: number): Promise<string>;
}

/** Write-once archive (S3 Object Lock in AWS). */
export interface Archive {
  /** Stores the object under the key; refuses to overwrite. Returns the retention end date (ISO). */
  store(
    key: string,
    body: Uint8Array,
    options: { contentType?: string; retainYears: number },
  ): Promise<string>;
}

export interface PdfTextItem {
  text: string;
  /** PDF user-space coordinates of the glyph run: x, y (baseline, from bottom), width, height. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
}

export interface PdfEmbeddedFile {
  name: string;
  bytes: Uint8Array;
  /** AFRelationship or description if the PDF states it. */
  relationship?: string;
}

export interface PdfContent {
  pageCount: number;
  pages: PdfPage[];
  embeddedFiles: PdfEmbeddedFile[];
  /** XMP metadata packet, if any (ZUGFeRD/Factur-X profile hints). */
  xmp?: string;
  /** Page images, when rendering was asked for (for OCR). */
  images?: PdfPageImage[];
  /** What the reader skipped under its caps (pages beyond the text limit, oversized attachments). */
  warnings?: string[];
  /** Actions that run or fetch something: 'javascript', 'launch', 'uri', 'submit-form', ... */
  activeContent?: string[];
}

/** One rendered page: PNG bytes; width/height in pixels, scale = pixels per PDF point. */
export interface PdfPageImage {
  page: number;
  png: Uint8Array;
  width: number;
  height: number;
  scale: number;
}

export interface PdfReadOptions {
  textLayer?: boolean;
  attachments?: boolean;
  /** Render the first maxPages pages to PNG at dpi (large pages are rendered at a lower dpi). */
  render?: { dpi: number; maxPages: number };
  /** Cancels the read: a queued read never starts, a running parse is stopped. */
  signal?: AbortSignal;
}

/** Reads untrusted PDFs under size, page, byte and time caps. */
export interface PdfReader {
  read(bytes: Uint8Array, options?: PdfReadOptions): Promise<PdfContent>;
}

export interface OcrLine {
  text: string;
  page: number;
  /** Recognition confidence, 0..1. */
  confidence: number;
  /** x, y, width, height in page pixels or points, origin top-left. */
  bbox?: [number, number, number, number];
}

/** A table the engine recognised (Textract TABLES): cells by row and column, 1-based. */
export interface OcrTable {
  page: number;
  cells: { row: number; column: number; text: string; bbox?: [number, number, number, number] }[];
  confidence: number;
}

/** A key-value pair the engine recognised (Textract FORMS): "Rechnungsnummer:" -> "4711". */
export interface OcrKeyValue {
  page: number;
  key: string;
  value: string;
  keyBbox?: [number, number, number, number];
  valueBbox?: [number, number, number, number];
  confidence: number;
}

export interface OcrResult {
  engine: string;
  pages: number;
  lines: OcrLine[];
  /** Tables, when the engine finds them; the layout reader uses them instead of the lines inside. */
  tables?: OcrTable[];
  /** Key-value pairs, when the engine finds them; read as "key | value" lines. */
  keyValues?: OcrKeyValue[];
  /** Size of each page in the unit of the bboxes (index 0 = page 1), when the engine knows it. */
  pageSizes?: { width: number; height: number }[];
  /** What the engine skipped under its caps (pages beyond the limit). */
  warnings?: string[];
}

/** Optical character recognition for scans (Textract in AWS, tesseract locally). */
export interface OcrEngine {
  /** Whether the engine can run here (the local engine may be missing). */
  available(): Promise<boolean>;
  recognize(bytes: Uint8Array, contentType: string): Promise<OcrResult>;
}
