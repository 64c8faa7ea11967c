import { isAscii } from 'node:buffer';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LimitExceededError, UnreadableDocumentError, UnsafeInputError } from '../errors';

/**
 * Safe XML reading for untrusted e-invoices: byte and depth caps, no DOCTYPE or ENTITY,
 * encoding taken from BOM or declaration, namespaces resolved to URIs. The base64 content of
 * binary objects (attachments) is cut out before the tree is built, so time and memory stay
 * proportional to the invoice data, not to the attachments.
 */
export interface XmlLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 25 * 1024 * 1024, maxDepth: 64 };

export interface XmlElement {
  /** Local name without prefix, e.g. 'Invoice'. */
  name: string;
  /** Prefix as written, e.g. 'cbc' (informational only; match on `ns`). */
  prefix?: string;
  /** Namespace URI, resolved from xmlns declarations in scope. */
  ns?: string;
  /** Attributes by local name (xmlns declarations excluded). */
  attrs: Record<string, string>;
  children: XmlElement[];
  /**
   * Direct text content, untrimmed (entities decoded, CDATA included). For a binary object whose
   * base64 content was left out of the tree: OMITTED_BINARY_TEXT (see `binary`).
   */
  rawText: string;
  /** Size of the base64 content of a binary object (…BinaryObject) that was left out of the tree. */
  binary?: OmittedBinary;
  parent?: XmlElement;
  /** Processing instructions that directly precede this element, e.g. xmute markers. */
  precedingPIs?: { target: string; data: string }[];
}

/** What stays of an attachment's base64 content in the tree. */
export interface OmittedBinary {
  /** Base64 characters, whitespace not counted. */
  base64Chars: number;
  /** Bytes the base64 decodes to (for well-formed base64). */
  bytes: number;
}

/** rawText of a binary object whose content was left out: not blank, as the content was not. */
export const OMITTED_BINARY_TEXT = '[binary content omitted]';

const FORBIDDEN_DECLARATION = /<!\s*(DOCTYPE|ENTITY)/i;

/** Decodes bytes honouring BOM and the XML declaration's encoding; strips a BOM. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\s*(?:\uFEFF|ï»¿)?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  let label = (declared ?? 'utf-8').toLowerCase();
  if (label === 'utf8') label = 'utf-8';
  try {
    return stripBom(new TextDecoder(label, { fatal: true }).decode(bytes));
  } catch {
    // Unknown label or bytes not valid in it: accept valid UTF-8, refuse the rest.
    try {
      return stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (cause) {
      throw new UnreadableDocumentError(
        `XML is not valid in its declared encoding "${declared ?? 'utf-8'}"`,
        {
          cause,
        },
      );
    }
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

// XML 1.0 production XMLDecl: version, optional EncName ([A-Za-z][A-Za-z0-9._-]*), optional standalone.
const XML_DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.\d+\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;

/** Throws UnreadableDocumentError when a leading XML declaration is not well-formed (e.g. encoding="UTF-8-W/O-BOM"). */
export function assertXmlDeclaration(xml: string): void {
  const start = xml.trimStart();
  if (!start.startsWith('<?xml') || /^<\?xml[^\s?]/.test(start)) return; // no declaration (or a PI like <?xml-stylesheet)
  if (!XML_DECLARATION.test(start)) {
    const end = start.indexOf('?>');
    const declaration = start.slice(0, Math.min(end < 0 ? 80 : end + 2, 120));
    throw new UnreadableDocumentError(`Malformed XML declaration: ${declaration}`);
  }
}

/** Throws UnsafeInputError when the text declares a DOCTYPE or ENTITY (never needed by UBL or CII). */
export function assertNoDtd(xml: string): void {
  if (FORBIDDEN_DECLARATION.test(xml)) {
    throw new UnsafeInputError('XML with a DOCTYPE or ENTITY declaration is refused');
  }
}

const parser = (maxDepth: number) =>
  new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: false,
    commentPropName: '#comment',
    cdataPropName: '#cdata',
    maxNestedTags: maxDepth,
  });

const parsers = new Map<number, XMLParser>();

/** Parses untrusted XML text or bytes into a namespace-resolved element tree. */
export function parseXml(input: string | Uint8Array, limits: Partial<XmlLimits> = {}): XmlElement {
  const { maxBytes, maxDepth } = { ...DEFAULT_XML_LIMITS, ...limits };
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes)
    throw new LimitExceededError(`XML is ${size} bytes, more than the limit of ${maxBytes}`);
  const { text, binaries } = slimDocument(input);
  assertNoDtd(text);
  assertXmlDeclaration(text);
  if (!/^\s*</.test(text)) throw new UnreadableDocumentError('Not XML: the document does not start with "<"');

  const wellFormed = XMLValidator.validate(text);
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    throw new UnreadableDocumentError(`Malformed XML at line ${line}, column ${col}: ${msg}`);
  }
  let p = parsers.get(maxDepth);
  if (!p) {
    p = parser(maxDepth);
    parsers.set(maxDepth, p);
  }
  let ordered: OrderedNode[];
  try {
    ordered = p.parse(text) as OrderedNode[];
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/nest|depth/i.test(message))
      throw new UnsafeInputError(`XML nesting exceeds ${maxDepth} levels`, { cause });
    if (/entit/i.test(message)) throw new UnsafeInputError(`XML entity refused: ${message}`, { cause });
    throw new UnreadableDocumentError(`Malformed XML: ${message}`, { cause });
  }
  const roots = toElements(ordered, undefined, new Map(), 0, { maxDepth, binaries });
  if (roots.length !== 1)
    throw new UnreadableDocumentError(`XML must have exactly one root element, found ${roots.length}`);
  return roots[0]!;
}

// ---- Binary content, cut out before decoding and parsing ----

interface CutBinaries {
  /** Stands in for the content: `#binary-<nonce>-<index>#` (the nonce is per parse, so text cannot forge it). */
  marker: string;
  omitted: OmittedBinary[];
}

/** The text to parse, with binary content cut out, and what was cut. */
function slimDocument(input: string | Uint8Array): { text: string; binaries: CutBinaries } {
  if (typeof input !== 'string' && !isUtf16(input)) {
    const cut = cutBinaryContent(input);
    return { text: decodeXml(cut.bytes), binaries: cut.binaries };
  }
  const text = typeof input === 'string' ? stripBom(input) : decodeXml(input);
  if (!text.includes('BinaryObject')) return { text, binaries: noBinaries() };
  const cut = cutBinaryContent(Buffer.from(text, 'utf8'));
  return { text: Buffer.from(cut.bytes).toString('utf8'), binaries: cut.binaries };
}

function isUtf16(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

function noBinaries(): CutBinaries {
  return { marker: `#binary-${Math.random().toString(36).slice(2)}-`, omitted: [] };
}

const LESS_THAN = 0x3c;
const BINARY_OBJECT = Buffer.from('BinaryObject', 'latin1');

/**
 * Replaces the text of every …BinaryObject element that holds only plain text (base64) by a
 * marker plus the text's line breaks (so error positions stay right), and notes its size. Works
 * on the bytes of any ASCII-compatible encoding, before decoding. Comments, CDATA sections,
 * DOCTYPEs and processing instructions are skipped whole, so only real elements are touched;
 * content with anything else in it (references, CDATA, child elements, non-ASCII) stays for the
 * parser to judge.
 */
function cutBinaryContent(bytes: Uint8Array): { bytes: Uint8Array; binaries: CutBinaries } {
  const binaries = noBinaries();
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf(BINARY_OBJECT) < 0) return { bytes, binaries };
  const pieces: Uint8Array[] = [];
  let copied = 0;
  let position = 0;
  for (;;) {
    const open = buf.indexOf(LESS_THAN, position);
    if (open < 0) break;
    const next = buf[open + 1];
    if (next === 0x21 /* ! */) {
      if (startsWith(buf, '<!--', open)) position = skipPast(buf, '-->', open + 4);
      else if (startsWith(buf, '<![CDATA[', open)) position = skipPast(buf, ']]>', open + 9);
      else position = skipPast(buf, '>', open + 2);
      continue;
    }
    if (next === 0x3f /* ? */) {
      position = skipPast(buf, '?>', open + 2);
      continue;
    }
    let nameEnd = open + 1;
    while (nameEnd < buf.length && !endsName(buf[nameEnd] ?? 0)) nameEnd++;
    position = nameEnd;
    if (next === 0x2f /* / */ || !endsWithBinaryObject(buf, nameEnd)) continue;
    const tagEnd = startTagEnd(buf, nameEnd);
    if (tagEnd < 0 || buf[tagEnd - 1] === 0x2f /* self-closing */) continue;
    const start = tagEnd + 1;
    const end = buf.indexOf(LESS_THAN, start);
    if (end < 0) break;
    position = end;
    const name = buf.toString('latin1', open + 1, nameEnd);
    if (buf.toString('latin1', end, end + 2 + name.length) !== `</${name}`) continue;
    const content = binaryContent(buf, start, end);
    if (!content) continue;
    const marker = `${binaries.marker}${binaries.omitted.length}#${'\n'.repeat(content.lineBreaks)}`;
    pieces.push(buf.subarray(copied, start), Buffer.from(marker, 'latin1'));
    binaries.omitted.push(content.size);
    copied = end;
  }
  if (binaries.omitted.length === 0) return { bytes, binaries };
  pieces.push(buf.subarray(copied));
  return { bytes: Buffer.concat(pieces), binaries };
}

function startsWith(buf: Buffer, ascii: string, at: number): boolean {
  for (let i = 0; i < ascii.length; i++) if (buf[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

function skipPast(buf: Buffer, terminator: string, from: number): number {
  const at = buf.indexOf(terminator, from, 'latin1');
  return at < 0 ? buf.length : at + terminator.length;
}

/** Whitespace, '/' or '>' end an element name. */
function endsName(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e;
}

function endsWithBinaryObject(buf: Buffer, nameEnd: number): boolean {
  const from = nameEnd - BINARY_OBJECT.length;
  return from > 0 && buf.compare(BINARY_OBJECT, 0, BINARY_OBJECT.length, from, nameEnd) === 0;
}

/** Offset of the '>' that closes a start tag (quoted attribute values may hold '>'), or -1. */
function startTagEnd(buf: Buffer, from: number): number {
  let quote = 0;
  for (let i = from; i < buf.length; i++) {
    const c = buf[i];
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
    else if (c === LESS_THAN) return -1;
  }
  return -1;
}

/**
 * Size and line breaks of binary content in buf[start, end): plain ASCII text without references
 * ('&'), so cutting it cannot change what the document means or whether it is well-formed.
 * Undefined when blank or not such text (then the parser reads it as usual).
 */
function binaryContent(
  buf: Buffer,
  start: number,
  end: number,
): { size: OmittedBinary; lineBreaks: number } | undefined {
  const content = buf.subarray(start, end);
  if (!isAscii(content) || content.includes(0x26 /* & */)) return undefined;
  const lineBreaks = countByte(content, 0x0a);
  const whitespace =
    lineBreaks + countByte(content, 0x0d) + countByte(content, 0x20) + countByte(content, 0x09);
  const chars = content.byteLength - whitespace;
  if (chars === 0) return undefined;
  let padding = 0;
  for (let i = content.byteLength - 1; i >= 0 && padding < 2; i--) {
    const c = content[i];
    if (c === 0x3d /* = */) padding++;
    else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
  }
  return {
    size: { base64Chars: chars, bytes: Math.max(0, Math.floor((chars * 3) / 4) - padding) },
    lineBreaks,
  };
}

function countByte(buf: Buffer, byte: number): number {
  let count = 0;
  for (let at = buf.indexOf(byte); at >= 0; at = buf.indexOf(byte, at + 1)) count++;
  return count;
}

/** Gives a binary object whose content was cut its size and placeholder text. */
function restoreBinary(element: XmlElement, binaries: CutBinaries): void {
  const { rawText } = element;
  if (!rawText.startsWith(binaries.marker)) return;
  const index = Number.parseInt(rawText.slice(binaries.marker.length), 10);
  const omitted = binaries.omitted[index];
  if (!omitted) return;
  element.rawText = OMITTED_BINARY_TEXT;
  element.binary = omitted;
}

// ---- Tree ----

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

interface TreeContext {
  maxDepth: number;
  binaries: CutBinaries;
}

function toElements(
  nodes: OrderedNode[],
  parent: XmlElement | undefined,
  scope: Map<string, string>,
  depth: number,
  context: TreeContext,
): XmlElement[] {
  const { maxDepth } = context;
  if (depth > maxDepth) throw new UnsafeInputError(`XML nesting exceeds ${maxDepth} levels`);
  const elements: XmlElement[] = [];
  let pendingPIs: { target: string; data: string }[] = [];
  for (const node of nodes) {
    const key = Object.keys(node).find((k) => k !== ':@');
    if (key === undefined) continue;
    const value = node[key];
    if (key === '#text') {
      if (parent) parent.rawText += String(value);
      continue;
    }
    if (key === '#cdata') {
      if (parent) parent.rawText += cdataText(value);
      continue;
    }
    if (key === '#comment') continue;
    if (key.startsWith('?')) {
      pendingPIs.push({ target: key.slice(1), data: piData(node[':@']) });
      continue;
    }
    const rawAttrs = node[':@'] ?? {};
    const localScope = new Map(scope);
    const attrs: Record<string, string> = {};
    for (const [name, v] of Object.entries(rawAttrs)) {
      if (name === 'xmlns') localScope.set('', v);
      else if (name.startsWith('xmlns:')) localScope.set(name.slice(6), v);
      else attrs[localName(name)] = v;
    }
    const colon = key.indexOf(':');
    const prefix = colon >= 0 ? key.slice(0, colon) : undefined;
    const element: XmlElement = {
      name: colon >= 0 ? key.slice(colon + 1) : key,
      prefix,
      ns: localScope.get(prefix ?? ''),
      attrs,
      children: [],
      rawText: '',
      parent,
    };
    if (pendingPIs.length) {
      element.precedingPIs = pendingPIs;
      pendingPIs = [];
    }
    element.children = toElements(value as OrderedNode[], element, localScope, depth + 1, context);
    if (element.children.length === 0 && element.name.endsWith('BinaryObject'))
      restoreBinary(element, context.binaries);
    elements.push(element);
  }
  return elements;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(':');
  return colon >= 0 ? qualified.slice(colon + 1) : qualified;
}

function cdataText(value: unknown): string {
  if (Array.isArray(value))
    return value.map((v) => String((v as Record<string, unknown>)['#text'] ?? '')).join('');
  return String(value ?? '');
}

function piData(attrs: Record<string, string> | undefined): string {
  if (!attrs) return '';
  return Object.entries(attrs)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
}

// ---- Small query helpers (namespace-agnostic by local name; pass ns to be strict) ----

/** Trimmed direct text, or undefined if the element is missing. */
export function text(element: XmlElement | undefined): string | undefined {
  return element === undefined ? undefined : element.rawText.trim();
}

/** First child with the local name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

/** All children with the local name. */
export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((c) => c.name === name) : [];
}

/** Follows a path of local names ('A/B/C'), taking the first match at each step. */
export function path(element: XmlElement | undefined, route: string): XmlElement | undefined {
  let current = element;
  for (const step of route.split('/')) {
    if (!current) return undefined;
    current = child(current, step);
  }
  return current;
}

/** All elements reached by a path of local names, fanning out at every step. */
export function pathAll(element: XmlElement | undefined, route: string): XmlElement[] {
  let current = element ? [element] : [];
  for (const step of route.split('/')) current = current.flatMap((e) => children(e, step));
  return current;
}

/** Trimmed text at a path, or undefined. */
export function pathText(element: XmlElement | undefined, route: string): string | undefined {
  return text(path(element, route));
}

/** XPath-like location for findings, e.g. /Invoice/cac:AccountingSupplierParty[1]. */
export function locate(element: XmlElement): string {
  const steps: string[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) {
    const qualified = e.prefix ? `${e.prefix}:${e.name}` : e.name;
    const siblings = e.parent ? e.parent.children.filter((c) => c.name === e.name && c.ns === e.ns) : [e];
    steps.unshift(siblings.length > 1 ? `${qualified}[${siblings.indexOf(e) + 1}]` : qualified);
  }
  return `/${steps.join('/')}`;
}
