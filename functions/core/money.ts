import Decimal from 'decimal.js';

/**
 * Exact decimal arithmetic for amounts, quantities and rates.
 * Amounts travel as canonical decimal strings ("1234.5", "-0.01"); never as JS numbers.
 */
export type DecimalString = string;

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** True when the text is a plain decimal literal (no exponent, no thousands separators). */
export function isDecimalLiteral(text: string): boolean {
  return DECIMAL_PATTERN.test(text.trim());
}

/** Parses a plain decimal literal; throws on anything else (NaN, exponent, grouping). */
export function dec(value: DecimalString | Dec | number): Dec {
  if (value instanceof D) return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`Refusing binary float ${value}: pass a decimal string`);
    return new D(value);
  }
  const text = value.trim();
  if (!DECIMAL_PATTERN.test(text)) throw new TypeError(`Not a decimal amount: "${value}"`);
  return new D(text);
}

/** Same as dec() but returns undefined for missing or malformed input. */
export function tryDec(value: DecimalString | undefined | null): Dec | undefined {
  if (value === undefined || value === null) return undefined;
  return isDecimalLiteral(value) ? new D(value.trim()) : undefined;
}

/** Canonical string: no exponent, trailing zeros kept as given by toFixed when places is set. */
export function str(value: Dec, places?: number): DecimalString {
  return places === undefined ? value.toFixed() : value.toFixed(places);
}

/** Rounds half-up to the given places (2 for currency amounts). */
export function round(value: Dec, places = 2): Dec {
  return value.toDecimalPlaces(places, D.ROUND_HALF_UP);
}

export function sum(values: Iterable<DecimalString | Dec>): Dec {
  let total = new D(0);
  for (const v of values) total = total.plus(dec(v));
  return total;
}

/** Compares two decimal strings numerically ("10.0" equals "10"). */
export function sameAmount(a: DecimalString | undefined, b: DecimalString | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const x = tryDec(a);
  const y = tryDec(b);
  return x !== undefined && y !== undefined && x.equals(y);
}

/** Normalises a decimal literal: "0100.50" -> "100.5", "-0" -> "0". */
export function normalizeDecimal(text: DecimalString): DecimalString {
  const v = dec(text);
  return v.isZero() ? '0' : v.toFixed();
}

/** Formats for people in German style: 1.234,56 EUR. */
export function formatAmountDe(amount: DecimalString, currency?: string): string {
  const v = round(dec(amount), 2);
  const [int, frac] = v.abs().toFixed(2).split('.') as [string, string];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = v.isNegative() ? '-' : '';
  return `${sign}${grouped},${frac}${currency ? ` ${currency}` : ''}`;
}

export { D as Decimal };
