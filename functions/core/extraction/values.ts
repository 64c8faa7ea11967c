/**
 * Reading printed values: amounts (German 1.234,56 and English 1,234.56), dates (19.01.2016,
 * 19.1.16, 19. Januar 2016, 2016-01-19, January 19, 2016, 16/11/2017), IBAN (with checksum),
 * BIC, VAT ids, currencies. Pure functions over strings; amounts come back as decimal strings.
 */

// ---- Amounts ----

/** Which character separates decimals in this document; decides "1.000" and "1,000". */
export type DecimalMark = ',' | '.';

export interface AmountMatch {
  /** Canonical decimal string, e.g. "-1234.56". */
  value: string;
  /** Index and length of the printed amount in the searched text. */
  index: number;
  length: number;
  /** True when the printed number had decimals (an amount rather than a count). */
  hasDecimals: boolean;
}

// sign, integer part (grouped or plain), optional decimals, optional trailing minus
const AMOUNT =
  /(?<![\w.,/:-])([-−–]\s?)?(\d{1,3}(?:([.,'’\u00a0\u202f ])\d{3})(?:\3\d{3})*|\d+)(?:([.,])(\d{1,4}))?(?![\d.,]?\d)(?:\s?(-)(?![\d\w]))?/g;
const PERCENT_AFTER = /^\s?%/;

/** All amounts in the text, in order. Dates and percentages are not amounts. */
export function findAmounts(text: string, mark: DecimalMark = ','): AmountMatch[] {
  const masked = maskDates(text);
  const found: AmountMatch[] = [];
  for (const m of masked.matchAll(AMOUNT)) {
    const index = m.index ?? 0;
    const end = index + m[0].length;
    if (PERCENT_AFTER.test(masked.slice(end))) continue;
    const value = amountFromParts(m[2] ?? '', m[3], m[4], m[5], mark);
    if (value === undefined) continue;
    const negative = Boolean(m[1] || m[6]) || isParenthesised(masked, index, end);
    found.push({
      value: negative && !/^0(\.0+)?$/.test(value) ? `-${value}` : value,
      index,
      length: m[0].length,
      hasDecimals: value.includes('.'),
    });
  }
  return found;
}

/** The single amount the text consists of (currency symbols allowed), or undefined. */
export function parseAmount(text: string, mark: DecimalMark = ','): string | undefined {
  const stripped = text.replace(CURRENCY_TOKENS, ' ').trim();
  const amounts = findAmounts(stripped, mark);
  const only = amounts[0];
  if (amounts.length !== 1 || !only) return undefined;
  const rest = (stripped.slice(0, only.index) + stripped.slice(only.index + only.length)).replace(
    /[\s():]/g,
    '',
  );
  return rest === '' ? only.value : undefined;
}

function amountFromParts(
  integer: string,
  groupMark: string | undefined,
  decimalMark: string | undefined,
  decimals: string | undefined,
  mark: DecimalMark,
): string | undefined {
  if (groupMark !== undefined && groupMark === decimalMark) return undefined; // 1.234.5 is not a number
  let whole = integer;
  let fraction = decimals;
  if (groupMark !== undefined && decimalMark === undefined && (groupMark === '.' || groupMark === ',')) {
    // "1.234" or "1,234": grouping unless it is this document's decimal mark and only one group
    const groups = integer.split(groupMark);
    if (groupMark === mark && groups.length === 2) {
      whole = groups[0] ?? '';
      fraction = groups[1];
    }
  }
  whole = whole.replace(/[.,'’\u00a0\u202f ]/g, '');
  const normalizedWhole = whole.replace(/^0+(?=\d)/, '');
  return fraction === undefined ? normalizedWhole : `${normalizedWhole}.${fraction}`;
}

function isParenthesised(text: string, start: number, end: number): boolean {
  return /\(\s*$/.test(text.slice(Math.max(0, start - 6), start)) && /^\s*\)/.test(text.slice(end, end + 6));
}

/** Guesses the decimal mark from the amounts printed with two decimals. */
export function detectDecimalMark(texts: Iterable<string>): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const text of texts) {
    const masked = maskDates(text);
    comma += (masked.match(/\d,\d{2}(?![\d.,]?\d)/g) ?? []).length;
    point += (masked.match(/\d\.\d{2}(?![\d.,]?\d)/g) ?? []).length;
  }
  return point > comma ? '.' : ',';
}

// ---- Dates ----

export interface DateMatch {
  iso: string;
  index: number;
  length: number;
}

// biome-ignore format: a table
const MONTHS: Record<string, number> = {
  januar: 1, jänner: 1, january: 1, jan: 1, janvier: 1, januari: 1,
  februar: 2, feber: 2, february: 2, feb: 2, février: 2, fevrier: 2, févr: 2, februari: 2,
  märz: 3, maerz: 3, march: 3, mär: 3, mar: 3, mars: 3, maart: 3,
  april: 4, apr: 4, avril: 4,
  mai: 5, may: 5, mei: 5,
  juni: 6, june: 6, jun: 6, juin: 6,
  juli: 7, july: 7, jul: 7, juillet: 7,
  august: 8, aug: 8, août: 8, aout: 8, augustus: 8,
  september: 9, sep: 9, sept: 9, septembre: 9,
  oktober: 10, october: 10, okt: 10, oct: 10, octobre: 10,
  november: 11, nov: 11, novembre: 11,
  dezember: 12, december: 12, dez: 12, dec: 12, décembre: 12, decembre: 12,
};

const MONTH_NAME = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;

interface DatePattern {
  regex: RegExp;
  /** Maps the match to [year, month, day] strings. */
  parts: (m: RegExpExecArray, slashOrder: 'dmy' | 'mdy') => [string, string | number, string] | undefined;
}

const DATE_PATTERNS: DatePattern[] = [
  // 2016-01-19
  { regex: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g, parts: (m) => [m[1]!, m[2]!, m[3]!] },
  // 19.01.2016, 19.1.16, 19. 01. 2016
  {
    regex: /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d]|\.\d)/g,
    parts: (m) => [m[3]!, m[2]!, m[1]!],
  },
  // 16/11/2017 (day first unless impossible or the document is month-first), 19-01-2016
  {
    regex: /(?<![\d/])(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])/g,
    parts: (m, order) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const monthFirst = (order === 'mdy' && b <= 31 && a <= 12) || (a <= 12 && b > 12);
      return monthFirst ? [m[4]!, m[1]!, m[3]!] : [m[4]!, m[3]!, m[1]!];
    },
  },
  // 19. Januar 2016, 19 January 2016, 1er novembre 2017
  {
    regex: new RegExp(`(?<!\\d)(\\d{1,2})(?:\\.|er)?\\s*${MONTH_NAME}\\s*,?\\s*(\\d{4})(?!\\d)`, 'giu'),
    parts: (m) => [m[3]!, MONTHS[m[2]!.toLowerCase()] ?? 0, m[1]!],
  },
  // January 19, 2016 / Jan 19 2016
  {
    regex: new RegExp(
      `(?<![\\p{L}])${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*,?\\s*(\\d{4})(?!\\d)`,
      'giu',
    ),
    parts: (m) => [m[3]!, MONTHS[m[1]!.toLowerCase()] ?? 0, m[2]!],
  },
];

/** All calendar dates in the text, in order of appearance. */
export function findDates(text: string, slashOrder: 'dmy' | 'mdy' = 'dmy'): DateMatch[] {
  const found: DateMatch[] = [];
  for (const pattern of DATE_PATTERNS) {
    for (const m of text.matchAll(pattern.regex)) {
      const parts = pattern.parts(m as RegExpExecArray, slashOrder);
      const iso = parts && isoDate(...parts);
      const index = m.index ?? 0;
      if (!iso || found.some((f) => index < f.index + f.length && f.index < index + m[0].length)) continue;
      found.push({ iso, index, length: m[0].length });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The single date the text consists of (after an optional label-like prefix is removed). */
export function parseDate(text: string, slashOrder: 'dmy' | 'mdy' = 'dmy'): string | undefined {
  return findDates(text, slashOrder)[0]?.iso;
}

function isoDate(year: string, month: string | number, day: string): string | undefined {
  let y = Number(year);
  if (year.length === 2) y += y > 69 ? 1900 : 2000;
  const mo = Number(month);
  const d = Number(day);
  if (y < 1970 || y > 2100 || mo < 1 || mo > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1) return undefined; // 31.02.
  return date.toISOString().slice(0, 10);
}

/** Replaces dates by spaces of equal length so their digits are not read as amounts. */
export function maskDates(text: string): string {
  let masked = text;
  for (const d of findDates(text)) {
    masked = masked.slice(0, d.index) + ' '.repeat(d.length) + masked.slice(d.index + d.length);
  }
  return masked;
}

// ---- Bank and tax identifiers ----

/** IBAN lengths per country (ISO 13616 registry, the countries invoices here come from). */
// biome-ignore format: a table
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18,
  FR: 27, GB: 22, GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27,
};

/** True when the IBAN (spaces removed) has a known length and a valid ISO 7064 mod-97 checksum. */
export function isValidIban(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const expected = IBAN_LENGTHS[compact.slice(0, 2)];
  if (expected !== undefined && compact.length !== expected) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** IBANs with a valid checksum in the text (printed with or without spaces), compacted. */
export function findIbans(text: string): { iban: string; index: number }[] {
  const found: { iban: string; index: number }[] = [];
  for (const m of text.toUpperCase().matchAll(/(?<![A-Z0-9])([A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,32})/g)) {
    const compact = (m[1] ?? '').replace(/\s+/g, '');
    const country = compact.slice(0, 2);
    const lengths = IBAN_LENGTHS[country] ? [IBAN_LENGTHS[country]] : range(Math.min(34, compact.length), 15);
    for (const length of lengths) {
      const candidate = compact.slice(0, length);
      if (candidate.length === length && isValidIban(candidate)) {
        found.push({ iban: candidate, index: m.index ?? 0 });
        break;
      }
    }
  }
  return found;
}

function range(from: number, downTo: number): number[] {
  const out: number[] = [];
  for (let n = from; n >= downTo; n--) out.push(n);
  return out;
}

/** A BIC (ISO 9362): bank code, country, location, optional branch. */
export const BIC =
  /(?<![A-Z0-9])([A-Z]{4}(?:DE|AT|CH|FR|NL|BE|LU|IT|ES|GB|IE|PL|CZ|DK|SE|FI|NO|PT|LI|HU|SK|SI|HR|RO|BG|GR|US)[A-Z0-9]{2}(?:[A-Z0-9]{3})?)(?![A-Z0-9])/;

/** EU VAT identification numbers (and the Swiss UID) in their usual printed forms. */
const VAT_ID =
  /(?<![A-Z0-9])(ATU\d{8}|BE[01]\d{9}|DE\d{9}|FR[A-HJ-NP-Z0-9]{2}\d{9}|NL\d{9}B\d{2}|IT\d{11}|ES[A-Z0-9]\d{7}[A-Z0-9]|LU\d{8}|GB\d{9}(?:\d{3})?|PL\d{10}|DK\d{8}|SE\d{12}|CZ\d{8,10}|PT\d{9}|FI\d{8}|EL\d{9}|HU\d{8}|SK\d{10}|SI\d{8}|IE\d[A-Z0-9+*]\d{5}[A-Z]{1,2}|CHE\d{9}(?:MWST|TVA|IVA)?)(?![A-Z0-9])/;

/** The first VAT id in the text; spaces, dots and dashes inside the number are ignored. */
export function findVatId(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/(?<=[A-Z0-9])[\s.-](?=[A-Z0-9])/g, '');
  return VAT_ID.exec(compact)?.[1];
}

/** German Steuernummer forms: 201/113/40209, 12 345 67890, 143/123/45678. */
export const TAX_NUMBER = /(?<![\d/])(\d{2,3}\/\d{3,4}\/\d{4,5}|\d{2,3}\s\d{3}\s\d{4,5}|\d{13})(?![\d/])/;

// ---- Currency ----

const SYMBOLS: [RegExp, string][] = [
  [/€/, 'EUR'],
  [/£/, 'GBP'],
  [/₹|\bRs\.?(?=\s?\d)/, 'INR'],
  [/US\$|\$/, 'USD'],
  [/¥/, 'JPY'],
];

// biome-ignore format: a list
export const ISO_CURRENCIES = [
  'EUR', 'USD', 'GBP', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'RON', 'BGN', 'HRK',
  'INR', 'CNY', 'CAD', 'AUD', 'NZD', 'TRY', 'RUB', 'ZAR', 'SGD', 'HKD', 'AED', 'DEM',
];

const ISO_CURRENCY = new RegExp(`(?<![A-Za-z])(${ISO_CURRENCIES.join('|')})(?![A-Za-z])`, 'g');
const CURRENCY_TOKENS = new RegExp(
  `${ISO_CURRENCY.source}|€|£|¥|₹|US\\$|\\$|\\bEuro\\b|\\bRs\\.?(?=\\s?\\d)`,
  'gi',
);

/** Currency codes mentioned in the text (ISO codes, symbols, the word Euro), in order. */
export function findCurrencies(text: string): string[] {
  const found: { code: string; index: number }[] = [];
  for (const m of text.matchAll(ISO_CURRENCY)) found.push({ code: m[1] ?? '', index: m.index ?? 0 });
  for (const [symbol, code] of SYMBOLS) {
    for (const m of text.matchAll(new RegExp(symbol.source, 'g'))) found.push({ code, index: m.index ?? 0 });
  }
  for (const m of text.matchAll(/\bEuro\b/gi)) found.push({ code: 'EUR', index: m.index ?? 0 });
  return found.sort((a, b) => a.index - b.index).map((f) => f.code);
}

/** Control, zero-width and bidi-override characters: never part of a value, sometimes an attack. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the purpose
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Drops control characters and caps the length: extracted text is data, never instructions. */
export function cleanText(text: string, maxLength = 200): string {
  return text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);
}
