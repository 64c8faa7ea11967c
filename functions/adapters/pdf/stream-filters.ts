import { constants, createInflate, inflateSync } from 'node:zlib';

/**
 * The PDF stream filters pdf.js decodes for text extraction, each with a hard output cap, so the
 * pre-scan learns what a stream inflates to without allocating more than the cap. Image codecs
 * (DCT, JPX, JBIG2, CCITT) are not decoded here: their output is pixels, not text.
 */

export type FilterKind = 'flate' | 'lzw' | 'runLength' | 'asciiHex' | 'ascii85' | 'image' | 'unknown';

/** pdf.js's names and abbreviations for each filter. */
export function filterKind(name: string): FilterKind {
  switch (name) {
    case 'FlateDecode':
    case 'Fl':
      return 'flate';
    case 'LZWDecode':
    case 'LZW':
      return 'lzw';
    case 'RunLengthDecode':
    case 'RL':
      return 'runLength';
    case 'ASCIIHexDecode':
    case 'AHx':
      return 'asciiHex';
    case 'ASCII85Decode':
    case 'A85':
      return 'ascii85';
    case 'DCTDecode':
    case 'DCT':
    case 'JPXDecode':
    case 'JPX':
    case 'CCITTFaxDecode':
    case 'CCF':
    case 'JBIG2Decode':
      return 'image';
    default:
      return 'unknown'; // pdf.js passes the bytes through unchanged
  }
}

/** Output larger than the cap. */
export const TOO_LARGE = 'too-large';

/**
 * Decodes one filter stage; TOO_LARGE when the output would exceed `cap` bytes. Corrupt input
 * yields what decodes before the damage, as pdf.js would.
 */
export async function decodeStage(
  kind: Exclude<FilterKind, 'image' | 'unknown'>,
  data: Buffer,
  cap: number,
  options: { earlyChange?: number } = {},
): Promise<Buffer | typeof TOO_LARGE> {
  switch (kind) {
    case 'flate':
      return inflateCapped(data, cap);
    case 'lzw':
      return lzwDecode(data, cap, options.earlyChange ?? 1);
    case 'runLength':
      return runLengthDecode(data, cap);
    case 'asciiHex':
      return asciiHexDecode(data, cap);
    case 'ascii85':
      return ascii85Decode(data, cap);
  }
}

async function inflateCapped(data: Buffer, cap: number): Promise<Buffer | typeof TOO_LARGE> {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return TOO_LARGE;
    return inflatePrefix(data, cap); // corrupt somewhere: count what inflates before the damage
  }
}

/** Streams the inflation so that the output before a data error is kept (inflateSync drops it). */
function inflatePrefix(data: Buffer, cap: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const inflate = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    const finish = (result: Buffer | typeof TOO_LARGE) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(result);
    };
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > cap) finish(TOO_LARGE);
      else chunks.push(chunk);
    });
    inflate.on('error', () => finish(Buffer.concat(chunks)));
    inflate.on('end', () => finish(Buffer.concat(chunks)));
    inflate.end(data);
  });
}

/** Growable output with a cap. */
class CappedOutput {
  private buffer: Buffer;
  length = 0;

  constructor(
    private readonly cap: number,
    initial: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.max(16, Math.min(initial, cap)));
  }

  /** False when the cap would be exceeded. */
  reserve(extra: number): boolean {
    const needed = this.length + extra;
    if (needed > this.cap) return false;
    if (needed > this.buffer.byteLength) {
      const grown = Buffer.allocUnsafe(Math.min(this.cap, Math.max(needed, this.buffer.byteLength * 2)));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    return true;
  }

  push(byte: number): void {
    this.buffer[this.length++] = byte;
  }

  fill(byte: number, count: number): void {
    this.buffer.fill(byte, this.length, this.length + count);
    this.length += count;
  }

  copyFrom(source: Uint8Array, start: number, end: number): void {
    this.buffer.set(source.subarray(start, end), this.length);
    this.length += end - start;
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** LZWDecode as pdf.js does it (9-12 bit codes, EarlyChange). */
function lzwDecode(data: Buffer, cap: number, earlyChange: number): Buffer | typeof TOO_LARGE {
  const out = new CappedOutput(cap, data.byteLength * 2);
  const values = new Uint8Array(4096);
  const lengths = new Uint16Array(4096);
  const previous = new Uint16Array(4096);
  const sequence = new Uint8Array(4096);
  for (let i = 0; i < 256; i++) {
    values[i] = i;
    lengths[i] = 1;
  }
  let codeLength = 9;
  let nextCode = 258;
  let prevCode = 0;
  let sequenceLength = 0;
  let cached = 0;
  let bitsCached = 0;
  let position = 0;
  for (;;) {
    while (bitsCached < codeLength && position < data.byteLength) {
      cached = ((cached << 8) | (data[position++] ?? 0)) >>> 0;
      bitsCached += 8;
    }
    if (bitsCached < codeLength) break;
    bitsCached -= codeLength;
    const code = (cached >>> bitsCached) & ((1 << codeLength) - 1);
    cached &= (1 << bitsCached) - 1;
    const hasPrevious = sequenceLength > 0;
    if (code < 256) {
      sequence[0] = code;
      sequenceLength = 1;
    } else if (code >= 258) {
      if (code < nextCode) {
        sequenceLength = lengths[code] ?? 0;
        for (let j = sequenceLength - 1, q = code; j >= 0; j--) {
          sequence[j] = values[q] ?? 0;
          q = previous[q] ?? 0;
        }
      } else if (sequenceLength < sequence.length) {
        sequence[sequenceLength++] = sequence[0] ?? 0;
      }
    } else if (code === 256) {
      codeLength = 9;
      nextCode = 258;
      sequenceLength = 0;
      continue;
    } else break; // 257: end of data
    if (hasPrevious && nextCode < 4096) {
      previous[nextCode] = prevCode;
      lengths[nextCode] = (lengths[prevCode] ?? 0) + 1;
      values[nextCode] = sequence[0] ?? 0;
      nextCode++;
      const n = nextCode + earlyChange;
      codeLength = n & (n - 1) ? codeLength : Math.min((Math.log(n) / Math.LN2 + 1) | 0, 12);
    }
    prevCode = code;
    if (!out.reserve(sequenceLength)) return TOO_LARGE;
    out.copyFrom(sequence, 0, sequenceLength);
  }
  return out.result();
}

function runLengthDecode(data: Buffer, cap: number): Buffer | typeof TOO_LARGE {
  const out = new CappedOutput(cap, data.byteLength * 2);
  let i = 0;
  while (i + 1 < data.byteLength) {
    const n = data[i] ?? 128;
    if (n === 128) break;
    if (n < 128) {
      const end = Math.min(i + 2 + n, data.byteLength);
      if (!out.reserve(end - i - 1)) return TOO_LARGE;
      out.copyFrom(data, i + 1, end);
      i = end;
    } else {
      const count = 257 - n;
      if (!out.reserve(count)) return TOO_LARGE;
      out.fill(data[i + 1] ?? 0, count);
      i += 2;
    }
  }
  return out.result();
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

function asciiHexDecode(data: Buffer, cap: number): Buffer | typeof TOO_LARGE {
  const out = new CappedOutput(cap, data.byteLength / 2 + 1);
  let high = -1;
  for (const code of data) {
    if (code === 0x3e /* > */) break;
    const digit = hexValue(code);
    if (digit < 0) continue; // pdf.js skips anything else
    if (high < 0) high = digit;
    else {
      if (!out.reserve(1)) return TOO_LARGE;
      out.push((high << 4) | digit);
      high = -1;
    }
  }
  if (high >= 0) {
    if (!out.reserve(1)) return TOO_LARGE;
    out.push(high << 4);
  }
  return out.result();
}

function ascii85Decode(data: Buffer, cap: number): Buffer | typeof TOO_LARGE {
  const out = new CappedOutput(cap, data.byteLength);
  const group: number[] = [];
  const flush = (count: number) => {
    let value = 0;
    for (let k = 0; k < 5; k++) value = value * 85 + ((group[k] ?? 0x75) - 0x21);
    for (let k = 0; k < count; k++) out.push((value >>> (24 - 8 * k)) & 0xff);
  };
  for (const code of data) {
    if (code === 0x7e /* ~ */) break;
    if (
      code <= 0x20 &&
      (code === 0 || code === 9 || code === 10 || code === 12 || code === 13 || code === 32)
    )
      continue;
    if (code === 0x7a /* z */ && group.length === 0) {
      if (!out.reserve(4)) return TOO_LARGE;
      out.fill(0, 4);
      continue;
    }
    group.push(code);
    if (group.length === 5) {
      if (!out.reserve(4)) return TOO_LARGE;
      flush(4);
      group.length = 0;
    }
  }
  if (group.length > 1) {
    if (!out.reserve(group.length - 1)) return TOO_LARGE;
    flush(group.length - 1);
  }
  return out.result();
}
