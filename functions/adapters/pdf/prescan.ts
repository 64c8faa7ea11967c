import { UnsafeInputError } from '../../core/errors';
import { megabytes } from './limits';
import {
  isDict,
  nameOf,
  type PdfDict,
  PdfLexer,
  PdfRef,
  PdfSyntaxLimitError,
  type PdfValue,
  readValue,
  streamDataStart,
} from './pdf-syntax';
import { decodeStage, type FilterKind, filterKind, TOO_LARGE } from './stream-filters';

/**
 * A bounded look at the raw PDF bytes before pdf.js parses them:
 * - decodes every stream the way pdf.js would (filter given directly, by reference, as
 *   abbreviation or under /F; chains of Flate, LZW, RunLength, ASCIIHex and ASCII85; objects inside
 *   compressed object streams), each stage with a hard output cap, and refuses the file when the
 *   streams decode to more than the budget: a decompression bomb is refused before pdf.js
 *   allocates it;
 * - image streams are left alone (pdf.js never decodes them for text), unless something refers
 *   to them in a place where pdf.js reads a stream as text (page contents, fonts, CMaps, embedded
 *   files, metadata): a stream that calls itself an image there is a disguised bomb, and counts;
 *   when pages are to be rendered, every image counts, and so do its declared pixels;
 * - collects the /AFRelationship of embedded files (Factur-X/ZUGFeRD name the invoice XML
 *   "Alternative" or "Data"), also from compressed object streams, which pdf.js does not expose;
 * - finds active content in the object dictionaries (JavaScript, launch, URI, submit-form, import-data
 *   and rich-media actions); stream bodies are not searched, so printed text cannot match.
 * Every `N G obj` in the file is read, so objects the cross-reference table hides are seen too.
 * Encrypted streams cannot be decoded here; for them the worker's memory watchdog is the bound.
 */
export interface PrescanLimits {
  /** Budget for all streams that pdf.js could decode (every filter stage counted). */
  maxDecompressedBytes: number;
  /**
   * Pages will be rendered (for OCR): pdf.js then decodes images too, so they count, and an image
   * whose pixels (Width x Height x 4 bytes) exceed the budget is refused.
   */
  images?: boolean;
}

export interface PrescanResult {
  /** Bytes the streams decode to (images aside; every filter stage counted). */
  inflatedBytes: number;
  /** The file declares encryption: its streams were not decoded here. */
  encrypted: boolean;
  /** Embedded file name -> AFRelationship value (e.g. 'factur-x.xml' -> 'Alternative'). */
  relationships: Map<string, string>;
  /** Active content found in the object dictionaries: 'javascript', 'launch', 'uri', ... (sorted). */
  activeContent: string[];
}

interface Source {
  bytes: Buffer;
  text: string;
}

interface RawStream {
  num: number;
  dict: PdfDict;
  source: Source;
  /** Offset of the first data byte in the source. */
  start: number;
}

const OBJECT_HEADER = /(\d+)\s+(\d+)\s+obj(?![A-Za-z0-9])/g;
/** Distinct filter chains tried when references are ambiguous (objects defined more than once). */
const MAX_CHAINS = 16;
/** Keys under which pdf.js reads the referenced streams' data while extracting text, files and metadata. */
const TEXT_STREAM_KEYS = new Set([
  'Contents',
  'FontFile',
  'FontFile2',
  'FontFile3',
  'ToUnicode',
  'Encoding',
  'UseCMap',
  'CIDToGIDMap',
  'CharProcs',
  'EF',
  'Metadata',
]);

export async function prescanPdf(bytes: Uint8Array, limits: PrescanLimits): Promise<PrescanResult> {
  const file = sourceOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const scan = new Prescan(limits);
  try {
    scan.readObjects(file);
    scan.readTrailers(file);
    await scan.decodeAll();
  } catch (error) {
    if (error instanceof PdfSyntaxLimitError)
      throw new UnsafeInputError(`PDF object structure refused: ${error.message}`, { cause: error });
    throw error;
  }
  return {
    inflatedBytes: scan.inflatedBytes,
    encrypted: scan.encrypted,
    relationships: findRelationships([file.text, ...scan.relationshipSources]),
    activeContent: findActiveContent([...scan.outsideStreams(file), ...scan.objectStreamTexts]),
  };
}

function sourceOf(bytes: Buffer): Source {
  return { bytes, text: bytes.toString('latin1') };
}

class Prescan {
  inflatedBytes = 0;
  encrypted = false;
  readonly relationshipSources: string[] = [];
  /** Decoded object streams: object dictionaries too. */
  readonly objectStreamTexts: string[] = [];
  private readonly objects = new Map<number, PdfValue[]>();
  private readonly streams: RawStream[] = [];

  constructor(private readonly limits: PrescanLimits) {}

  /** Every `N G obj` in the source: registered by number; dictionaries followed by `stream` queued. */
  readObjects(source: Source): void {
    for (const header of source.text.matchAll(OBJECT_HEADER)) {
      const lexer = new PdfLexer(source.text, (header.index ?? 0) + header[0].length);
      this.register(Number(header[1]), readValue(lexer), source, lexer.pos);
    }
  }

  private register(num: number, value: PdfValue, source: Source, end: number): void {
    const definitions = this.objects.get(num);
    if (definitions) definitions.push(value);
    else this.objects.set(num, [value]);
    if (!isDict(value)) return;
    if (value.has('Encrypt') && nameOf(value.get('Type')) === 'XRef') this.encrypted = true;
    const start = streamDataStart(source.text, end);
    if (start !== undefined) this.streams.push({ num, dict: value, source, start });
  }

  /** Classic trailers (`trailer << ... >>`): does the file declare encryption? */
  readTrailers(source: Source): void {
    for (const trailer of source.text.matchAll(/trailer(?![A-Za-z0-9])/g)) {
      const value = readValue(new PdfLexer(source.text, (trailer.index ?? 0) + trailer[0].length));
      if (isDict(value) && value.has('Encrypt')) this.encrypted = true;
    }
  }

  /** Object streams first (until no more objects appear), then every other stream. */
  async decodeAll(): Promise<void> {
    const done = new Set<RawStream>();
    for (;;) {
      const objectStreams = this.streams.filter(
        (s) => !done.has(s) && nameOf(s.dict.get('Type')) === 'ObjStm',
      );
      if (objectStreams.length === 0) break;
      // Prefer streams whose references all resolve; otherwise take the rest as pdf.js would (missing = null).
      const ready = objectStreams.filter((s) => this.referencesResolve(s.dict));
      for (const stream of ready.length ? ready : objectStreams) {
        done.add(stream);
        const decoded = await this.decode(stream);
        if (!decoded) continue;
        this.readObjectStream(stream.dict, decoded);
        this.objectStreamTexts.push(decoded.toString('latin1'));
      }
    }
    const readAsText = this.streamsReadAsText();
    for (const stream of this.streams) {
      if (done.has(stream)) continue;
      // Images are never decoded for text, unless referred to where text is read (disguised).
      const image = this.resolve(stream.dict.get('Subtype')).every((subtype) => nameOf(subtype) === 'Image');
      if (image && this.limits.images) this.checkPixels(stream.dict);
      const disguised = image && readAsText.has(stream.num);
      if (!image || disguised || this.limits.images) await this.decode(stream, disguised);
    }
  }

  /** An image pdf.js would decode to more pixel bytes (RGBA) than the whole budget is refused. */
  private checkPixels(dict: PdfDict): void {
    const size = (key: string) => this.resolve(dict.get(key)).at(-1);
    const width = size('Width');
    const height = size('Height');
    if (typeof width !== 'number' || typeof height !== 'number') return;
    if (width * height * 4 > this.limits.maxDecompressedBytes)
      throw new UnsafeInputError(
        `PDF image of ${width} x ${height} pixels is too large to render (more than ${megabytes(this.limits.maxDecompressedBytes)})`,
      );
  }

  /** The file's text without the bodies of its streams: the object dictionaries and the rest. */
  outsideStreams(file: Source): string[] {
    const parts: string[] = [];
    let outside = 0;
    const bodies = this.streams
      .filter((stream) => stream.source === file)
      .map((stream) => ({ start: stream.start, end: this.streamEnd(stream) }))
      .sort((a, b) => a.start - b.start);
    for (const { start, end } of bodies) {
      if (start < outside) continue;
      parts.push(file.text.slice(outside, start));
      outside = end;
    }
    parts.push(file.text.slice(outside));
    return parts;
  }

  /** Numbers of the objects referred to under TEXT_STREAM_KEYS anywhere in the file. */
  private streamsReadAsText(): Set<number> {
    const targets = new Set<number>();
    const streamDicts = new Set(this.streams.map((stream) => stream.dict));
    // The stream itself, or the streams in an array or dictionary of them (Contents, EF, CharProcs).
    const mark = (value: PdfValue | undefined, depth: number) => {
      if (depth > 2) return;
      if (value instanceof PdfRef) {
        targets.add(value.num);
        for (const definition of this.resolve(value))
          if (Array.isArray(definition) || (isDict(definition) && !streamDicts.has(definition)))
            mark(definition, depth + 1);
      } else if (Array.isArray(value)) for (const item of value) mark(item, depth + 1);
      else if (isDict(value)) for (const item of value.values()) mark(item, depth + 1);
    };
    const visit = (value: PdfValue | undefined, depth: number) => {
      if (depth > 64) return;
      if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
      else if (isDict(value))
        for (const [key, item] of value) {
          if (TEXT_STREAM_KEYS.has(key)) mark(item, 0);
          visit(item, depth + 1);
        }
    };
    for (const definitions of this.objects.values()) for (const value of definitions) visit(value, 0);
    return targets;
  }

  private referencesResolve(dict: PdfDict): boolean {
    const refs: PdfRef[] = [];
    const collect = (value: PdfValue | undefined) => {
      if (value instanceof PdfRef) refs.push(value);
      else if (Array.isArray(value)) for (const item of value) collect(item);
    };
    for (const key of ['Length', 'F', 'Filter', 'DP', 'DecodeParms']) collect(dict.get(key));
    return refs.every((ref) => this.objects.has(ref.num));
  }

  /** Every definition of a referenced object (pdf.js picks one by the xref table; we try all). */
  private resolve(value: PdfValue | undefined): (PdfValue | undefined)[] {
    if (!(value instanceof PdfRef)) return [value];
    return this.objects.get(value.num) ?? [null];
  }

  /** Decodes one stream under the budget; returns its final output (undefined if not decodable). */
  private async decode(stream: RawStream, disguisedImage = false): Promise<Buffer | undefined> {
    const data = stream.source.bytes.subarray(stream.start, this.streamEnd(stream));
    let worst: { total: number; output: Buffer | undefined } | undefined;
    for (const chain of this.filterChains(stream.dict)) {
      const result = await decodeChain(data, chain, this.limits.maxDecompressedBytes - this.inflatedBytes);
      if (result === TOO_LARGE)
        throw new UnsafeInputError(
          `PDF streams inflate to more than ${megabytes(this.limits.maxDecompressedBytes)} (decompression bomb${disguisedImage ? ' disguised as an image' : ''}?)`,
        );
      if (!worst || result.total > worst.total) worst = result;
    }
    if (!worst) return undefined;
    this.inflatedBytes += worst.total;
    if (worst.output?.includes('AFRelationship'))
      this.relationshipSources.push(worst.output.toString('latin1'));
    return worst.output;
  }

  /** Where the data ends, as pdf.js finds it: /Length if `endstream` follows, else the next `endstream`. */
  private streamEnd({ dict, source, start }: RawStream): number {
    const { text } = source;
    let end = -1;
    for (const length of this.resolve(dict.get('Length'))) {
      if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) continue;
      const after = new PdfLexer(text, start + length);
      after.skipSpace();
      if (start + length <= text.length && text.startsWith('endstream', after.pos))
        end = Math.max(end, start + length);
    }
    if (end >= 0) return end;
    const keyword = text.indexOf('endstream', start);
    return keyword < 0 ? text.length : keyword;
  }

  /** The filter chains pdf.js could apply (`/F` before `/Filter`, references resolved). */
  private filterChains(dict: PdfDict): Stage[][] {
    const filter = dict.has('F') ? dict.get('F') : dict.get('Filter');
    const params = dict.has('DP') ? dict.get('DP') : dict.get('DecodeParms');
    const chains: Stage[][] = [];
    for (const candidate of this.resolve(filter)) {
      const name = nameOf(candidate);
      if (name !== undefined) chains.push([stage(name, this.resolve(params)[0])]);
      else if (Array.isArray(candidate)) {
        let partial: Stage[][] = [[]];
        candidate.forEach((item, index) => {
          const paramList = this.resolve(params)[0];
          const param = Array.isArray(paramList) ? this.resolve(paramList[index])[0] : undefined;
          const names = this.resolve(item).map(nameOf);
          // pdf.js stops the stream at a filter entry that is not a name.
          partial = partial.flatMap((chain) =>
            names.map((n) => (n === undefined ? [...chain, STOP] : [...chain, stage(n, param)])),
          );
          partial = partial.slice(0, MAX_CHAINS);
        });
        chains.push(...partial);
      } else chains.push([]);
    }
    return chains.slice(0, MAX_CHAINS);
  }

  /** Registers the objects of a decoded object stream (header: N pairs of number and offset). */
  private readObjectStream(dict: PdfDict, decoded: Buffer): void {
    const n = this.resolve(dict.get('N')).at(-1);
    const first = this.resolve(dict.get('First')).at(-1);
    if (!isPositiveInteger(n) || typeof first !== 'number' || !Number.isInteger(first)) return;
    const source = sourceOf(decoded);
    const header = new PdfLexer(source.text, 0, Math.min(first, source.text.length));
    const entries: { num: number; offset: number }[] = [];
    for (let i = 0; i < n; i++) {
      const num = readValue(header);
      const offset = readValue(header);
      if (typeof num !== 'number' || typeof offset !== 'number') break;
      entries.push({ num, offset });
    }
    entries.forEach(({ num, offset }, i) => {
      const next = entries[i + 1];
      const limit = next ? first + next.offset : source.text.length;
      if (first + offset > source.text.length || limit < first + offset) return;
      const lexer = new PdfLexer(source.text, first + offset, Math.min(limit, source.text.length));
      this.register(num, readValue(lexer), source, lexer.pos);
    });
  }
}

interface Stage {
  kind: FilterKind | 'stop';
  earlyChange: number;
}

const STOP: Stage = { kind: 'stop', earlyChange: 1 };

function stage(name: string, params: PdfValue | undefined): Stage {
  const earlyChange = isDict(params) ? params.get('EarlyChange') : undefined;
  return { kind: filterKind(name), earlyChange: typeof earlyChange === 'number' ? earlyChange : 1 };
}

/**
 * Runs a chain with one budget for all stages (pdf.js keeps every stage's buffer). Image codecs
 * end the chain: what they would produce is pixels, never read for text.
 */
async function decodeChain(
  data: Buffer,
  chain: Stage[],
  budget: number,
): Promise<{ total: number; output: Buffer | undefined } | typeof TOO_LARGE> {
  let current = data;
  let total = 0;
  let decodedAny = false;
  for (const { kind, earlyChange } of chain) {
    if (kind === 'stop' || kind === 'image') break;
    if (kind === 'unknown') continue; // pdf.js passes the bytes on unchanged
    const output = await decodeStage(kind, current, budget - total, { earlyChange });
    if (output === TOO_LARGE) return TOO_LARGE;
    total += output.byteLength;
    current = output;
    decodedAny = true;
  }
  return { total, output: decodedAny ? current : undefined };
}

function isPositiveInteger(value: PdfValue | undefined): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** PDF actions and features that run or fetch something when the document is opened or clicked. */
const ACTIVE_CONTENT: [string, RegExp][] = [
  ['javascript', /\/(?:JavaScript|JS)(?=[\s/<([\]>]|\d)/],
  ['launch', /\/Launch(?![A-Za-z0-9])/],
  ['uri', /\/S\s*\/URI(?![A-Za-z0-9])|\/URI\s*[(<]/],
  ['submit-form', /\/SubmitForm(?![A-Za-z0-9])/],
  ['import-data', /\/ImportData(?![A-Za-z0-9])/],
  ['rich-media', /\/RichMedia(?![A-Za-z0-9])/],
];

function findActiveContent(sources: string[]): string[] {
  return ACTIVE_CONTENT.filter(([, pattern]) => sources.some((s) => pattern.test(s))).map(([kind]) => kind);
}

const RELATIONSHIP = /\/AFRelationship\s*\/([A-Za-z]+)/g;
const FILE_NAME = /\/(?:UF|F)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g;
const RELATIONSHIP_WINDOW = 1500;

/** Pairs each /AFRelationship with the file name of the closest /UF or /F string around it. */
function findRelationships(sources: string[]): Map<string, string> {
  const relationships = new Map<string, string>();
  for (const source of sources) {
    for (const match of source.matchAll(RELATIONSHIP)) {
      const at = match.index ?? 0;
      const from = Math.max(0, at - RELATIONSHIP_WINDOW);
      const window = source.slice(from, at + RELATIONSHIP_WINDOW);
      let best: { name: string; distance: number } | undefined;
      for (const name of window.matchAll(FILE_NAME)) {
        const distance = Math.abs(from + (name.index ?? 0) - at);
        const decoded = decodePdfString(name[1] ?? '');
        if (decoded && (!best || distance < best.distance)) best = { name: decoded, distance };
      }
      if (best && !relationships.has(best.name)) relationships.set(best.name, match[1] ?? '');
    }
  }
  return relationships;
}

/** Decodes a PDF literal `(...)` or hex `<...>` string (PDFDocEncoding or UTF-16BE with BOM). */
export function decodePdfString(token: string): string {
  let bytes: number[];
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s+/g, '');
    bytes = [];
    for (let i = 0; i < hex.length; i += 2)
      bytes.push(Number.parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else {
    bytes = unescapeLiteral(token.slice(1, -1));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return out;
  }
  return String.fromCharCode(...bytes);
}

const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };

function unescapeLiteral(body: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (next in ESCAPES) bytes.push(ESCAPES[next] ?? 0);
    else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0) & 0xff);
  }
  return bytes;
}
