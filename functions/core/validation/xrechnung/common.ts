import { type Dec, Decimal, tryDec } from '../../money';
import { normalizeSpace } from './xpath';

/**
 * Global values and shared tests of the KoSIT XRechnung schematron 2.5 (XRechnung 3.0.2):
 * specification identifiers, the Skonto grammar, IBAN, e-mail, telephone and URL checks,
 * the ISO 6523 / EAS / UNTDID 7143 code lists and the decimal helpers of the adopted Peppol rules.
 */

export const XR_MAJOR_MINOR_VERSION = '3.0';
export const CVD_MAJOR_MINOR_VERSION = '0.9';
/** BT-24 of an XRechnung CIUS invoice. */
export const XR_CIUS_ID = `urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_${XR_MAJOR_MINOR_VERSION}`;
/** BT-24 of an invoice using the XRechnung extension (sub invoice lines, third party payment, ...). */
export const XR_EXTENSION_ID = `${XR_CIUS_ID}#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_${XR_MAJOR_MINOR_VERSION}`;
/** BT-24 of an invoice following the Clean Vehicles Directive (CVD) specification. */
export const XR_CVD_ID = `${XR_CIUS_ID}#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_${CVD_MAJOR_MINOR_VERSION}`;

export const XRECHNUNG_SPECIFICATION_IDS: readonly string[] = [XR_CIUS_ID, XR_EXTENSION_ID, XR_CVD_ID];

/** True when a BT-24 value names XRechnung (any version, CIUS, extension or CVD). */
export function namesXRechnung(specificationId: string | undefined): boolean {
  return specificationId !== undefined && /urn:xeinkauf\.de:kosit:xrechnung/.test(specificationId);
}

// ---- BR-DE-18: Skonto lines in payment terms (BT-20) ----

/** XR-SKONTO-REGEX, applied to each normalized line that starts with '#'. */
const SKONTO_LINE =
  /(^|\r?\n)#(SKONTO)#TAGE=([0-9]+#PROZENT=[0-9]+\.[0-9]{2})(#BASISBETRAG=-?[0-9]+\.[0-9]{2})?#$/;
/** '#.+#' of the schematron: XPath '.' matches anything but a line break. */
const SKONTO_SEGMENTS = /#[^\n\r]+#/;
/** '^\s*\n': the text after the last '#...#' must begin with (optional blanks and) a line break. */
const LINE_BREAK_AFTER = /^[ \t\r\n]*\n/;

/**
 * BR-DE-18 for the first Note/Description of each payment-terms group: every line that starts
 * with '#' (ignoring surrounding blanks) must be a complete Skonto entry, and the text after the
 * last '#...#' must start with a line break. Text without any '#' line is always fine.
 */
export function skontoTermsValid(paymentTermsTexts: readonly string[]): boolean {
  const hashLines = paymentTermsTexts
    .flatMap((text) => text.split(/\r?\n/))
    .filter((line) => normalizeSpace(line).startsWith('#'));
  if (hashLines.length === 0) return true;
  const endsWithLineBreak = paymentTermsTexts.every((text) => {
    if (text === '') return false; // tokenize('') is empty: nothing can match
    const tokens = text.split(SKONTO_SEGMENTS);
    return LINE_BREAK_AFTER.test(tokens[tokens.length - 1] ?? '');
  });
  return endsWithLineBreak && hashLines.every((line) => SKONTO_LINE.test(normalizeSpace(line)));
}

// ---- BR-DE-19 / BR-DE-20: IBAN ----

const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/;

/**
 * The schematron's IBAN test: all whitespace removed, shape CCdd + up to 30 alphanumerics and
 * ISO 13616 mod-97 checksum = 1 (letters map to codepoint - 55, as the schematron does).
 */
export function ibanValid(raw: string | undefined): boolean {
  const iban = normalizeSpace((raw ?? '').replace(/[ \t\r\n]/g, ''));
  if (!IBAN_SHAPE.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 2).toUpperCase() + iban.slice(2, 4);
  let digits = '';
  for (const ch of rearranged) {
    const cp = ch.codePointAt(0)!;
    digits += String(cp > 64 ? cp - 55 : cp - 48);
  }
  return BigInt(digits) % 97n === 1n;
}

// ---- BR-DE-27 / BR-DE-28 / BR-TMP-2: telephone, e-mail, URL ----

/** XR-TELEPHONE-REGEX '.*([0-9].*){3,}.*' on a normalized value = at least three digits. */
export function telephoneValid(normalized: string): boolean {
  return (normalized.match(/[0-9]/g)?.length ?? 0) >= 3;
}

/** XR-EMAIL-REGEX: one '@', no blanks, at least one dot in the domain, no empty labels. */
const EMAIL = /^[^@ \t\n\r]+@([^@. \t\n\r]+\.)+[^@. \t\n\r]+$/u;
export function emailValid(normalized: string): boolean {
  return EMAIL.test(normalized);
}

/** XR-URL-REGEX '^([a-zA-Z])([a-zA-Z0-9+.-])+:.*': an absolute URL with a scheme. */
const URL_WITH_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]+:/;
export function urlValid(value: string): boolean {
  return URL_WITH_SCHEME.test(value);
}

// ---- Code lists, spelled as the schematron's space-separated strings ----

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(4, '0'));

/** Extension-only DiGA codes. */
const DIGA_CODES = ' XR01 XR02 XR03 ';
/** ISO 6523 ICD codes (note: no trailing blank, exactly as in the schematron). */
const ISO_6523_ICD_CODES = ` ${[...range(2, 91), ...range(93, 102), ...range(104, 180), ...range(183, 244)].join(' ')}`;
const CEF_EAS_CODES =
  ' 0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177 0183 0184 0188 0190 ' +
  '0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205 0208 0209 0210 0211 0212 0213 0215 0216 ' +
  '0217 0218 0219 0220 0221 0225 0230 0235 0240 0244 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 ' +
  '9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 ' +
  '9949 9950 9951 9952 9953 9957 9959 AN AQ AS AU EM ';
const UNTDID_7143_CODES =
  ' AA AB AC AD AE AF AG AH AI AJ AK AL AM AN AO AP AQ AR AS AT AU AV AW AX AY AZ BA BB BC BD BE BF BG BH BI BJ BK ' +
  'BL BM BN BO BP BQ BR BS BT BU BV BW BX BY BZ CC CG CL CR CV DR DW EC EF EMD EN FS GB GN GMN GS HS IB IN IS IT IZ ' +
  'MA MF MN MP NB ON PD PL PO PPI PV QS RC RN RU RY SA SG SK SN SRS SRT SRU SRV SRW SRX SRY SRZ SS SSA SSB SSC SSD ' +
  'SSE SSF SSG SSH SSI SSJ SSK SSL SSM SSN SSO SSP SSQ SSR SSS SST SSU SSV SSW SSX SSY SSZ ST STA STB STC STD STE ' +
  'STF STG STH STI STJ STK STL STM STN STO STP STQ STR STS STT STU STV STW STX STY STZ SUA SUB SUC SUD SUE SUF SUG ' +
  'SUH SUI SUJ SUK SUL SUM TG TSN TSO TSP TSQ TSR TSS TST TSU UA UP VN VP VS VX ZZZ ';

/** ISO 6523 ICD list extended by the DiGA codes (BR-DEX-04/05/06/08). */
export const ISO_6523_ICD_EXT_CODES = DIGA_CODES + ISO_6523_ICD_CODES;
/** CEF EAS list extended by the DiGA codes (BR-DEX-07). */
export const CEF_EAS_EXT_CODES = DIGA_CODES + CEF_EAS_CODES;
/** UNTDID 7143 item classification schemes plus 'CVD' (BR-TMP-CVD-01). */
export const UNTDID_7143_CVD_CODES = ` CVD ${UNTDID_7143_CODES}`;

/**
 * The schematron's list test: contains($list, concat(' ', normalize-space(code), ' ')) and no blank
 * inside the code. Faithful quirk: where two lists are concatenated ('... XR03  0002 ...') an empty
 * code finds its '  ' and passes, and the last ICD code (no trailing blank) never matches.
 */
export function inCodeList(list: string, code: string | undefined): boolean {
  const value = normalizeSpace(code ?? '');
  return !value.includes(' ') && list.includes(` ${value} `);
}

/** BR-DE-CVD-04: vehicle categories allowed with the 'CVD' classification scheme. */
export const CVD_VEHICLE_CATEGORIES: ReadonlySet<string> = new Set(['M1', 'M2', 'M3', 'N1', 'N2', 'N3']);
/** BR-DE-CVD-05: values of the 'cva' item attribute. */
export const CVA_CODES: ReadonlySet<string> = new Set(['clean', 'zero-emission', 'other']);

/** BR-DE-16: VAT category codes that require a seller VAT id, tax number or tax representative. */
export const VAT_CODES_NEEDING_SELLER_TAX_ID: ReadonlySet<string> = new Set([
  'S',
  'Z',
  'E',
  'AE',
  'K',
  'G',
  'L',
  'M',
]);
/** BR-DE-17: invoice type codes XRechnung expects (UNTDID 1001 subset). */
export const XRECHNUNG_TYPE_CODES: ReadonlySet<string> = new Set([
  '326',
  '380',
  '384',
  '389',
  '381',
  '875',
  '876',
  '877',
]);
/** BR-DEX-01: attachment MIME codes allowed in the extension. */
export const EXTENSION_MIME_CODES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/xml',
]);

// ---- Decimal helpers with XPath semantics ----

/** xs:decimal(value): blanks trimmed, plain decimal literal; undefined when the cast would fail. */
export function xsDecimal(value: string | undefined): Dec | undefined {
  return tryDec(value);
}

/** XPath round(): nearest integer, halves towards positive infinity (round(-2.5) = -2). */
export function xpathRound(value: Dec): Dec {
  return value.toDecimalPlaces(0, Decimal.ROUND_HALF_CEIL);
}

/** round(x * 10 * 10) div 100, the schematron's rounding to two decimals. */
export function round2(value: Dec): Dec {
  return xpathRound(value.times(100)).div(100);
}

/** Peppol u:slack(exp, val, slack): exp - slack <= val <= exp + slack. */
export function withinSlack(expected: Dec, value: Dec, slack: Dec): boolean {
  return expected.plus(slack).gte(value) && expected.minus(slack).lte(value);
}

/**
 * Comparison of an untyped node with a number literal (XPath casts the node to xs:double):
 * undefined when the text is not numeric, so that every comparison is false.
 */
export function xsDouble(value: string): number | undefined {
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}
