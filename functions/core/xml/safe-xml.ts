import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LimitExceededError, UnreadableDocumentError, UnsafeInputError } from '../errors';

/**
 * Safe XML reading for untrusted e-invoices: byte and depth caps, no DOCTYPE or ENTITY,
 * encoding taken from BOM or declaration, namespaces resolved to URIs.
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
  /** Direct text content, untrimmed (entities decoded, CDATA included). */
  rawText: string;
  parent?: XmlElement;
  /** Processing instructions that directly precede this element, e.g. xmute markers. */
  precedingPIs?: { target: string; data: string }[];
}

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
  const text = typeof input === 'string' ? stripBom(input) : decodeXml(input);
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
  const roots = toElements(ordered, undefined, new Map(), 0, maxDepth);
  if (roots.length !== 1)
    throw new UnreadableDocumentError(`XML must have exactly one root element, found ${roots.length}`);
  return roots[0]!;
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function toElements(
  nodes: OrderedNode[],
  parent: XmlElement | undefined,
  scope: Map<string, string>,
  depth: number,
  maxDepth: number,
): XmlElement[] {
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
    element.children = toElements(value as OrderedNode[], element, localScope, depth + 1, maxDepth);
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
