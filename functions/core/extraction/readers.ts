import { CELL_SEPARATOR } from './layout';
import {
  BIC,
  type DecimalMark,
  findAmounts,
  findCurrencies,
  findDates,
  findIbans,
  findVatId,
  parseAmount,
  TAX_NUMBER,
} from './values';

/**
 * Value readers: each takes the text next to a label and returns the field value it can read
 * there, or undefined. They never guess beyond the text they are given.
 */

export interface ReadContext {
  mark: DecimalMark;
  slashOrder: 'dmy' | 'mdy';
}

/**
 * The amount next to a label: the last amount with decimals to the right (totals sit right).
 * A whole number counts only when it is all the text there ("Summe | 119").
 */
export function readAmount(text: string, context: ReadContext, first = false): string | undefined {
  const withDecimals = findAmounts(text, context.mark).filter((a) => a.hasDecimals);
  if (withDecimals.length) return (first ? withDecimals[0] : withDecimals.at(-1))?.value;
  const firstCell = text.split(CELL_SEPARATOR)[0] ?? '';
  const whole = parseAmount(firstCell, context.mark);
  return whole !== undefined && whole.replace('-', '').length <= 9 ? whole : undefined;
}

export function readDate(text: string, context: ReadContext): string | undefined {
  return findDates(text, context.slashOrder)[0]?.iso;
}

/** Two dates (service period "01.10.2018 bis 31.10.2018"). */
export function readPeriod(text: string, context: ReadContext): [string, string] | undefined {
  const [start, end] = findDates(text, context.slashOrder);
  return start && end && start.iso <= end.iso ? [start.iso, end.iso] : undefined;
}

const ID_TOKEN = /^[\p{L}\p{N}][\p{L}\p{N}\-/._#+]{0,39}$/u;
const NUMBER_WORD = /^(?:nr|no|nummer|number|num|n°|#|:)\.?:?$/i;

/** A document identifier: the first token, which must contain a digit and not be a date or amount. */
export function readIdentifier(text: string): string | undefined {
  if (findDates(text)[0]?.index === 0) return undefined; // "24. Januar 2014" is a date, not "24"
  const tokens = text
    .split(/\s*\|\s*|\s+/)
    .map((t) => t.replace(/[.,;:)]+$/, '').replace(/^[(:#]+/, ''))
    .filter(Boolean);
  let token = tokens[0];
  if (token && NUMBER_WORD.test(token)) token = tokens[1];
  if (!token || !ID_TOKEN.test(token) || !/\d/.test(token)) return undefined;
  if (isDateToken(token) || /^\d{1,3}(?:\.\d{3})*,\d{2}$/.test(token) || /^\d+,\d{2}$/.test(token))
    return undefined;
  return token;
}

function isDateToken(token: string): boolean {
  const date = findDates(token)[0];
  return date !== undefined && date.length >= token.length - 1;
}

export function readCurrency(text: string): string | undefined {
  return findCurrencies(text)[0];
}

export function readIban(text: string): string | undefined {
  return findIbans(text)[0]?.iban;
}

/**
 * Next to an IBAN label: a checksum-valid IBAN, or else an IBAN-shaped value (country, check
 * digits, 11-30 characters) that a person must confirm (valid: false).
 */
export function readLabelledIban(text: string): { iban: string; valid: boolean } | undefined {
  const valid = readIban(text);
  if (valid) return { iban: valid, valid: true };
  const shaped = /(?<![A-Z0-9])([A-Z]{2}\d{2}(?:\s?[A-Z0-9]){11,30})(?![A-Z0-9])/.exec(text.toUpperCase());
  return shaped?.[1] ? { iban: shaped[1].replace(/\s+/g, ''), valid: false } : undefined;
}

export function readBic(text: string): string | undefined {
  return (
    BIC.exec(text.toUpperCase().replace(/(?<=[A-Z0-9]{4})\s(?=[A-Z0-9])/g, ''))?.[1] ?? BIC.exec(text)?.[1]
  );
}

export function readVatId(text: string): string | undefined {
  return findVatId(text);
}

export function readTaxNumber(text: string): string | undefined {
  return TAX_NUMBER.exec(text)?.[1];
}

/** A party name: text with letters, not a number or an address line. */
export function readName(text: string): string | undefined {
  const name = text.split(/\s*\|\s*/)[0]?.trim() ?? '';
  if (name.length < 2 || name.length > 120 || !/\p{L}{2}/u.test(name)) return undefined;
  if (/^(?:nummer|name|number|id|gln|anschrift|address)\b/i.test(name)) return undefined;
  return name;
}
