import { type DecimalString, dec, normalizeDecimal } from '../money';

/**
 * Parsers for single CSV values. Each returns the normalised value or throws a ValueError whose
 * message names what was expected; the CSV import turns that into a row error.
 */
export class ValueError extends Error {
  override readonly name = 'ValueError';
}

/**
 * Amounts and quantities accept a decimal comma or a decimal point ("1234,56" or "1234.56").
 * A single separator is always the decimal separator ("1.234" is 1.234, not 1234). Thousands
 * grouping is only understood when both separators are present ("1.234,56" or "1,234.56").
 */
export function parseDecimalValue(raw: string): DecimalString {
  const text = raw.trim().replace(/\s/g, '');
  if (/^[+-]?\d+([.,]\d+)?$/.test(text)) return normalizeDecimal(text.replace(',', '.'));
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(text))
    return normalizeDecimal(text.replace(/\./g, '').replace(',', '.'));
  if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(text)) return normalizeDecimal(text.replace(/,/g, ''));
  throw new ValueError(`"${raw}" is not a decimal number (use 1234,56 or 1234.56)`);
}

const TRUE_WORDS = new Set(['true', 'yes', 'ja', 'j', 'y', '1', 'x', 'wahr']);
const FALSE_WORDS = new Set(['false', 'no', 'nein', 'n', '0', '', 'falsch']);

/** true/false, yes/no, ja/nein, 1/0, x/empty. */
export function parseBooleanValue(raw: string): boolean {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new ValueError(`"${raw}" is not a yes/no value (true/false, ja/nein, 1/0)`);
}

/** Multi-valued fields are separated by '|'; blanks are dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const EMAIL_PATTERN = /^[^\s@]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export function parseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL_PATTERN.test(email)) throw new ValueError(`"${raw}" is not an e-mail address`);
  return email;
}

/** ISO 8601 calendar date; the German form DD.MM.YYYY is accepted too. Returns YYYY-MM-DD. */
export function parseDateValue(raw: string): string {
  const text = raw.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = german
    ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}`
    : text.slice(0, 10);
  if (!isIsoDate(iso) || (!german && text.length > 10 && !/^T|^ /.test(text.slice(10)))) {
    throw new ValueError(`"${raw}" is not a date (use YYYY-MM-DD)`);
  }
  return iso;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** ISO 4217 alphabetic code. */
export function parseCurrency(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new ValueError(`"${raw}" is not a currency code (e.g. EUR)`);
  return code;
}

export function parseNonNegativeInteger(raw: string): number {
  const text = raw.trim();
  if (!/^\d{1,6}$/.test(text)) throw new ValueError(`"${raw}" is not a whole number of days`);
  return Number(text);
}

/** A percentage above 0 and below 100, e.g. a Skonto rate ("2", "2,5"). */
export function parsePercentValue(raw: string): DecimalString {
  const value = parseDecimalValue(raw.replace('%', ''));
  if (dec(value).lessThanOrEqualTo(0) || dec(value).greaterThanOrEqualTo(100))
    throw new ValueError(`"${raw}" is not a percentage between 0 and 100`);
  return value;
}

/** A ledger account number (digits only, at most 9), e.g. a DATEV creditor number. */
export function parseAccountNumber(raw: string): string {
  const text = raw.trim();
  if (!/^\d{1,9}$/.test(text)) throw new ValueError(`"${raw}" is not an account number (digits only)`);
  return text;
}
