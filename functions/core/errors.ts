/**
 * Typed errors. `name` is the contract: Step Functions catches by it (Lambda reports error.name),
 * the CLI prints `name: message`, and quarantine records carry `code`.
 */
export class InvoiceError extends Error {
  /** Stable machine-readable code, e.g. 'UNREADABLE'. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The input cannot be read at all (corrupt PDF, malformed XML, no text layer and no OCR). */
export class UnreadableDocumentError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'UNREADABLE', message, options);
  }
}

/** The input is readable but not a format we handle (a .docx, an order confirmation XML). */
export class UnsupportedFormatError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNSUPPORTED_FORMAT', message, options);
  }
}

/** The input looks hostile (DOCTYPE/ENTITY, decompression bomb, nesting bomb). */
export class UnsafeInputError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('UNSAFE_INPUT', message, options);
  }
}

/** A size, depth, page, byte or time cap was hit. */
export class LimitExceededError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LIMIT_EXCEEDED', message, options);
  }
}

/** A mail carries nothing that could be an invoice. */
export class NoInvoiceDocumentError extends InvoiceError {
  constructor(message: string) {
    super('NO_INVOICE_DOCUMENT', message);
  }
}

/** Configuration is missing or invalid; names the key and the value received. */
export class ConfigError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG', message, options);
  }
}

/** A record the caller referred to does not exist. */
export class NotFoundError extends InvoiceError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A conditional write lost: someone else changed the record first. */
export class ConflictError extends InvoiceError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFLICT', message, options);
  }
}

/** Message of any thrown value, without a stack trace. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** `Name: message` for one-line reports (CLI, quarantine reasons). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
