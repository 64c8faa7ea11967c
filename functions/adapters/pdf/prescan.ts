import { constants, inflateSync } from 'node:zlib';
import { UnsafeInputError } from '../../core/errors';
import { megabytes } from './limits';

/**
 * A bounded look at the raw PDF bytes before pdf.js parses them:
 * - inflates every Flate-compressed stream that text extraction could decode (everything except
 *   images) with a hard output cap, so a decompression bomb is refused before pdf.js allocates it;
 * - collects the /AFRelationship of embedded files (Factur-X/ZUGFeRD name the invoice XML
 *   "Alternative" or "Data"), also from compressed object streams, which pdf.js does not expose;
 * - finds active content in the object dictionaries (JavaScript, launch, URI, submit-form, import-data
 *   and rich-media actions); page content streams are not searched, so printed text cannot match.
 * Streams that do not inflate (encrypted or corrupt) are skipped here; the worker's heap limit,
 * memory watchdog and timeout still bound what pdf.js does with them.
 */
export interface PrescanResult {
  /** Bytes the non-image streams inflate to. */
  inflatedBytes: number;
  /** Embedded file name -> AFRelationship value (e.g. 'factur-x.xml' -> 'Alternative'). */
  relationships: Map<string, string>;
  /** Active content found in the object dictionaries: 'javascript', 'launch', 'uri', ... (sorted). */
  activeContent: string[];
}

const IMAGE_SUBTYPE = /\/Subtype\s*\/Image\b/;
const FILTER = /\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/;
const DIRECT_LENGTH = /\/Length\s+(\d+)(?!\s+\d+\s+R)/;
const MAX_DICT_LOOKBACK = 4096;

export function prescanPdf(bytes: Uint8Array, maxInflatedBytes: number): PrescanResult {
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = raw.toString('latin1');
  const relationshipSources: string[] = [text];
  // Object dictionaries only: the file without stream bodies, plus inflated object streams.
  const dictionarySources: string[] = [];
  let outside = 0;
  let inflatedBytes = 0;

  for (const stream of findStreams(text)) {
    dictionarySources.push(text.slice(outside, stream.start));
    outside = stream.end;
    if (IMAGE_SUBTYPE.test(stream.dict)) continue; // images are never decoded for text extraction
    const filters = filterNames(stream.dict);
    let data: Buffer = raw.subarray(stream.start, stream.end);
    let inflatedAny = false;
    for (const filter of filters) {
      if (filter !== 'FlateDecode' && filter !== 'Fl') break;
      const budget = maxInflatedBytes - inflatedBytes;
      const output = boundedInflate(data, budget);
      if (output === 'too-large') {
        throw new UnsafeInputError(
          `PDF streams inflate to more than ${megabytes(maxInflatedBytes)} (decompression bomb?)`,
        );
      }
      if (output === undefined) break; // encrypted or corrupt: pdf.js decides
      inflatedBytes += output.byteLength;
      data = output;
      inflatedAny = true;
    }
    if (inflatedAny && data.includes('AFRelationship')) relationshipSources.push(data.toString('latin1'));
    if (inflatedAny && OBJECT_STREAM.test(stream.dict)) dictionarySources.push(data.toString('latin1'));
  }
  dictionarySources.push(text.slice(outside));
  return {
    inflatedBytes,
    relationships: findRelationships(relationshipSources),
    activeContent: findActiveContent(dictionarySources),
  };
}

const OBJECT_STREAM = /\/Type\s*\/ObjStm\b/;

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

interface RawStream {
  dict: string;
  start: number;
  end: number;
}

/** Stream bodies with their dictionaries, found by the `stream` ... `endstream` keywords. */
function* findStreams(text: string): Generator<RawStream> {
  let position = 0;
  for (;;) {
    const keyword = text.indexOf('stream', position);
    if (keyword < 0) return;
    position = keyword + 6;
    if (text.startsWith('end', keyword - 3)) continue; // this is an `endstream`
    let start = keyword + 6;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    else if (text[start - 1] !== '\r') continue; // `stream` must end its line
    const dictStart = text.lastIndexOf('obj', keyword);
    const dict = text.slice(
      dictStart >= 0 && keyword - dictStart < MAX_DICT_LOOKBACK ? dictStart : keyword - MAX_DICT_LOOKBACK,
      keyword,
    );
    if (!dict.includes('>>')) continue;
    const endKeyword = text.indexOf('endstream', start);
    let end = endKeyword < 0 ? text.length : endKeyword;
    const length = DIRECT_LENGTH.exec(dict);
    if (length && start + Number(length[1]) <= end) end = start + Number(length[1]);
    position = end;
    yield { dict, start, end };
  }
}

function filterNames(dict: string): string[] {
  const match = FILTER.exec(dict);
  if (!match?.[1]) return [];
  return [...match[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((m) => m[1] ?? '');
}

/** Inflates with a hard output cap; 'too-large' when the cap is hit, undefined when not inflatable. */
function boundedInflate(data: Buffer, budget: number): Buffer | 'too-large' | undefined {
  try {
    return inflateSync(data, { maxOutputLength: Math.max(1, budget), finishFlush: constants.Z_SYNC_FLUSH });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return 'too-large';
    return undefined;
  }
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
