import { LimitExceededError } from '../errors';

/**
 * A small CSV reader for the master data import: UTF-8, semicolon separated, first row is the header.
 * Handles a byte order mark, CRLF or LF line ends, quoted fields ("a;b", "say ""hi""") and line breaks
 * inside quotes. Every row keeps the physical line it starts on, so errors can name it.
 */

export interface CsvRow {
  /** 1-based physical line where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvRowError {
  line: number;
  message: string;
}

export interface CsvTable {
  header: CsvRow | undefined;
  rows: CsvRow[];
  /** Rows that could not be split into fields (e.g. an unterminated quote). */
  errors: CsvRowError[];
}

/** 20 MiB of CSV is far beyond an SME's master data; larger input is refused. */
export const MAX_CSV_CHARS = 20 * 1024 * 1024;

export function parseCsv(text: string, separator = ';'): CsvTable {
  if (text.length > MAX_CSV_CHARS) {
    throw new LimitExceededError(`CSV has ${text.length} characters; the limit is ${MAX_CSV_CHARS}`);
  }
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRow[] = [];
  const errors: CsvRowError[] = [];

  let line = 1;
  let i = 0;
  while (i < input.length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let rowError: string | undefined;
    let endOfRow = false;

    while (!endOfRow) {
      if (i >= input.length) break;
      const ch = input[i];
      if (ch === '"' && field === '') {
        // Quoted field: read to the closing quote; "" is an escaped quote.
        i += 1;
        let closed = false;
        while (i < input.length) {
          const c = input[i];
          if (c === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (c === '\n') line += 1;
          field += c;
          i += 1;
        }
        if (!closed) {
          rowError = 'unterminated quoted field';
          break;
        }
        // Only a separator or a line end may follow a closing quote.
        const next = input[i];
        if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
          rowError ??= `unexpected character '${next}' after a closing quote`;
        }
        continue;
      }
      if (ch === separator) {
        fields.push(field);
        field = '';
        i += 1;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
        line += 1;
        endOfRow = true;
        continue;
      }
      field += ch;
      i += 1;
    }
    fields.push(field);

    if (rowError) {
      // The row ended at its line break (or the input ended inside a quote): report it, go on.
      errors.push({ line: startLine, message: rowError });
      continue;
    }
    const blank = fields.every((f) => f.trim() === '');
    if (!blank) records.push({ line: startLine, fields });
  }

  const [header, ...rows] = records;
  // An error before the header means the header itself is broken.
  return { header, rows, errors };
}
