import { type Dec, Decimal } from '../../money';
import type { XmlElement } from '../../xml/safe-xml';

/**
 * The XPath 2.0 semantics the CEN schematron relies on, over the parseXml() tree:
 * child paths ('A/B/C', fanning out like XPath steps), string values, normalize-space,
 * the xs:decimal / untyped-number casts, sum(), round() (half towards +infinity) and
 * the "at most two decimals" test. Numbers are exact decimals (decimal.js), never floats.
 */

export type El = XmlElement;

/** Namespace URIs of the prefixes the CEN schematron uses. */
export const NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  ubl: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  cn: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

// ---- Navigation ----

const splitCache = new Map<string, string[]>();
function steps(path: string): string[] {
  let cached = splitCache.get(path);
  if (!cached) {
    cached = path.split('/');
    splitCache.set(path, cached);
  }
  return cached;
}

/** Children with the local name, in document order. */
export function kids(el: El | undefined, name: string): El[] {
  if (!el) return [];
  const found: El[] = [];
  for (const c of el.children) if (c.name === name) found.push(c);
  return found;
}

/** First child with the local name. */
export function kid(el: El | undefined, name: string): El | undefined {
  return el?.children.find((c) => c.name === name);
}

/** Every element reached by a relative child path ('A/B/C'), like the XPath location path. */
export function all(from: El | readonly El[] | undefined, path: string): El[] {
  if (!from) return [];
  let current: readonly El[] = Array.isArray(from) ? from : [from as El];
  for (const step of steps(path)) {
    const next: El[] = [];
    for (const el of current) for (const c of el.children) if (c.name === step) next.push(c);
    if (next.length === 0) return next;
    current = next;
  }
  return current as El[];
}

/** First element reached by the path (document order), or undefined. */
export function first(from: El | readonly El[] | undefined, path: string): El | undefined {
  return all(from, path)[0];
}

/** XPath boolean(path): the path reaches at least one element. */
export function has(from: El | readonly El[] | undefined, path: string): boolean {
  return all(from, path).length > 0;
}

/** Number of elements reached by the path, XPath count(path). */
export function count(from: El | readonly El[] | undefined, path: string): number {
  return all(from, path).length;
}

/** The ancestor-or-self chain test: some ancestor has the local name. */
export function hasAncestor(el: El, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) if (p.name === name) return true;
  return false;
}

export function attr(el: El | undefined, name: string): string | undefined {
  return el?.attrs[name];
}

// ---- Strings ----

/** XPath string value: the element's text, its descendants' text included. */
export function sv(el: El | undefined): string {
  if (!el) return '';
  if (el.children.length === 0) return el.rawText;
  let text = el.rawText;
  for (const c of el.children) text += sv(c);
  return text;
}

/** XPath normalize-space(). */
export function nsp(text: string | undefined): string {
  return text === undefined ? '' : text.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** normalize-space(path) != '' — the first element reached carries non-blank text. */
export function filled(from: El | readonly El[] | undefined, path: string): boolean {
  return nsp(sv(first(from, path))) !== '';
}

/** Normalised text of the first element reached by the path ('' when none). */
export function textAt(from: El | readonly El[] | undefined, path: string): string {
  return nsp(sv(first(from, path)));
}

/** XPath upper-case(normalize-space(x)) = 'VAT', the tax scheme test of both bindings. */
export function isVat(text: string | undefined): boolean {
  return nsp(text).toUpperCase() === 'VAT';
}

// ---- Numbers ----

const DECIMAL_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE_LEXICAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** xs:decimal(x): whitespace-collapsed decimal literal, undefined when the cast fails. */
export function xsDecimal(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  return DECIMAL_LEXICAL.test(t) ? new Decimal(t) : undefined;
}

/** Untyped text used as a number (XPath casts it to xs:double); undefined for NaN. */
export function xsNumber(text: string | undefined): Dec | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  return DOUBLE_LEXICAL.test(t) ? new Decimal(t) : undefined;
}

/** Number value of an element (undefined when absent or not numeric). */
export function numOf(el: El | undefined): Dec | undefined {
  return el ? xsNumber(sv(el)) : undefined;
}

/** Decimal value of an element, xs:decimal(el). */
export function decOf(el: El | undefined): Dec | undefined {
  return el ? xsDecimal(sv(el)) : undefined;
}

const ZERO = new Decimal(0);

/** XPath sum() over untyped values: 0 for none, undefined when one of them is not a number. */
export function sumOf(els: readonly El[], cast: (el: El) => Dec | undefined = numOf): Dec | undefined {
  let total = ZERO;
  for (const el of els) {
    const v = cast(el);
    if (v === undefined) return undefined;
    total = total.plus(v);
  }
  return total;
}

/** XPath round(): nearest integer, halves towards positive infinity (round(-2.5) = -2). */
export function xround(value: Dec): Dec {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
}

/** The schematron's round(x * 10 * 10) div 100. */
export function round2(value: Dec): Dec {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_CEIL);
}

/** string-length(substring-after(x, '.')) <= 2, on the raw (untrimmed) text as the schematron does. */
export function atMostTwoDecimals(text: string): boolean {
  const dot = text.indexOf('.');
  return dot < 0 || text.length - dot - 1 <= 2;
}

/** True when the value equals some element's number (XPath general comparison with '='). */
export function anyEquals(els: readonly El[], value: Dec | undefined): boolean {
  if (value === undefined) return false;
  return els.some((el) => numOf(el)?.equals(value) ?? false);
}

/** xs:boolean cast of an untyped indicator: 'true'/'1' and 'false'/'0'; undefined otherwise. */
export function booleanOf(text: string | undefined): boolean | undefined {
  const t = text?.trim();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

/** Effective boolean value of xs:decimal(x): absent, unreadable and zero are all false. */
export function nonZero(el: El | undefined): boolean {
  const v = decOf(el);
  return v !== undefined && !v.isZero();
}
