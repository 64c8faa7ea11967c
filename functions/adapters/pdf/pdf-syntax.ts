/**
 * A small, bounded reader of PDF object syntax (ISO 32000-1 §7.2-7.3), enough for the pre-scan to
 * read stream dictionaries the way pdf.js reads them: names with #xx escapes, nested dictionaries
 * and arrays, strings, comments and indirect references. The text is the PDF's bytes as latin1.
 */

export class PdfName {
  constructor(readonly name: string) {}
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

/** A literal or hex string, kept as its raw token (the pre-scan never needs its value). */
export class PdfString {
  constructor(readonly raw: string) {}
}

export class PdfKeyword {
  constructor(readonly word: string) {}
}

export type PdfDict = Map<string, PdfValue>;
export type PdfValue =
  | number
  | boolean
  | null
  | PdfName
  | PdfRef
  | PdfString
  | PdfKeyword
  | PdfValue[]
  | PdfDict;

export interface Parsed<T> {
  value: T;
  /** Offset just after the value. */
  end: number;
}

/** Raised when an object is deeper or longer than the reader will follow. */
export class PdfSyntaxLimitError extends Error {
  override readonly name = 'PdfSyntaxLimitError';
}

const MAX_DEPTH = 64;
const MAX_TOKENS = 200_000;

// PDF character classes: 1 = whitespace, 2 = delimiter, 0 = regular.
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const isRegular = (code: number) => code < 256 && CLASS[code] === 0;

type Token =
  | { kind: 'dictStart' | 'dictEnd' | 'arrayStart' | 'arrayEnd' | 'eof' }
  | { kind: 'number'; value: number; integer: boolean }
  | { kind: 'name'; value: string }
  | { kind: 'string'; raw: string }
  | { kind: 'keyword'; value: string };

export class PdfLexer {
  private tokens = 0;

  constructor(
    readonly text: string,
    public pos: number,
    /** Offset the reader must not pass (end of the text by default). */
    readonly limit = text.length,
  ) {}

  /** Skips whitespace and comments. */
  skipSpace(): void {
    const { text, limit } = this;
    while (this.pos < limit) {
      const code = text.charCodeAt(this.pos);
      if (code < 256 && CLASS[code] === 1) this.pos++;
      else if (code === 0x25 /* % */) {
        while (this.pos < limit && text[this.pos] !== '\n' && text[this.pos] !== '\r') this.pos++;
      } else return;
    }
  }

  next(): Token {
    if (++this.tokens > MAX_TOKENS) throw new PdfSyntaxLimitError('PDF object has too many tokens');
    this.skipSpace();
    const { text, limit } = this;
    if (this.pos >= limit) return { kind: 'eof' };
    const c = text[this.pos];
    switch (c) {
      case '[':
        this.pos++;
        return { kind: 'arrayStart' };
      case ']':
        this.pos++;
        return { kind: 'arrayEnd' };
      case '<':
        if (text[this.pos + 1] === '<') {
          this.pos += 2;
          return { kind: 'dictStart' };
        }
        return this.hexString();
      case '>':
        if (text[this.pos + 1] === '>') {
          this.pos += 2;
          return { kind: 'dictEnd' };
        }
        this.pos++;
        return { kind: 'keyword', value: c };
      case '(':
        return this.literalString();
      case '/':
        return this.name();
      case ')':
      case '{':
      case '}':
        this.pos++;
        return { kind: 'keyword', value: c };
    }
    const start = this.pos;
    while (this.pos < limit && isRegular(text.charCodeAt(this.pos))) this.pos++;
    const word = text.slice(start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word))
      return { kind: 'number', value: Number(word), integer: /^[+-]?\d+$/.test(word) };
    return { kind: 'keyword', value: word };
  }

  private name(): Token {
    const { text, limit } = this;
    const start = ++this.pos;
    while (this.pos < limit && isRegular(text.charCodeAt(this.pos))) this.pos++;
    const raw = text.slice(start, this.pos);
    const value = raw.includes('#')
      ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
      : raw;
    return { kind: 'name', value };
  }

  private literalString(): Token {
    const { text, limit } = this;
    const start = this.pos++;
    let depth = 1;
    while (this.pos < limit && depth > 0) {
      const c = text[this.pos++];
      if (c === '\\') this.pos++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    return { kind: 'string', raw: text.slice(start, this.pos) };
  }

  private hexString(): Token {
    const end = this.text.indexOf('>', this.pos);
    const stop = end < 0 || end >= this.limit ? this.limit : end + 1;
    const raw = this.text.slice(this.pos, stop);
    this.pos = stop;
    return { kind: 'string', raw };
  }
}

/** Reads one value at the lexer's position (`num gen R` becomes a PdfRef). */
export function readValue(lexer: PdfLexer, depth = 0): PdfValue {
  if (depth > MAX_DEPTH) throw new PdfSyntaxLimitError('PDF object is nested too deeply');
  const token = lexer.next();
  switch (token.kind) {
    case 'dictStart': {
      const dict: PdfDict = new Map();
      for (;;) {
        const key = lexer.next();
        if (key.kind === 'dictEnd' || key.kind === 'eof') return dict;
        if (key.kind !== 'name') continue; // pdf.js skips what is not a key
        dict.set(key.value, readValue(lexer, depth + 1));
      }
    }
    case 'arrayStart': {
      const array: PdfValue[] = [];
      for (;;) {
        const at = lexer.pos;
        const peek = lexer.next();
        if (peek.kind === 'arrayEnd' || peek.kind === 'eof') return array;
        lexer.pos = at;
        array.push(readValue(lexer, depth + 1));
      }
    }
    case 'number': {
      if (!token.integer || token.value < 0) return token.value;
      const at = lexer.pos;
      const gen = lexer.next();
      if (gen.kind === 'number' && gen.integer) {
        const r = lexer.next();
        if (r.kind === 'keyword' && r.value === 'R') return new PdfRef(token.value, gen.value);
      }
      lexer.pos = at;
      return token.value;
    }
    case 'name':
      return new PdfName(token.value);
    case 'string':
      return new PdfString(token.raw);
    case 'keyword':
      if (token.value === 'true') return true;
      if (token.value === 'false') return false;
      if (token.value === 'null') return null;
      return new PdfKeyword(token.value);
    case 'dictEnd':
      return new PdfKeyword('>>');
    case 'arrayEnd':
      return new PdfKeyword(']');
    default:
      return null;
  }
}

/**
 * After a dictionary: the offset where stream data starts when the `stream` keyword follows
 * (after its end of line, as pdf.js reads it), else undefined.
 */
export function streamDataStart(text: string, afterDict: number): number | undefined {
  const lexer = new PdfLexer(text, afterDict);
  lexer.skipSpace();
  const at = lexer.pos;
  if (!text.startsWith('stream', at) || isRegular(text.charCodeAt(at + 6))) return undefined;
  let pos = at + 6;
  while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') pos++;
  if (text[pos] === '\r' && text[pos + 1] === '\n') pos++;
  return pos + 1;
}

export const nameOf = (value: PdfValue | undefined): string | undefined =>
  value instanceof PdfName ? value.name : undefined;

export const isDict = (value: PdfValue | undefined): value is PdfDict => value instanceof Map;
