import type { Identifier } from '../invoice/model';
import { type DecimalString, isDecimalLiteral } from '../money';
import { child, path, type XmlElement } from '../xml/safe-xml';

/**
 * Typed value reading shared by the UBL and CII mappers.
 * The reader never throws for odd content: it keeps what the document says, normalises dates
 * to ISO and records a warning, so validation (not extraction) decides what is wrong.
 */
export class FieldReader {
  readonly warnings: string[] = [];

  /** Trimmed direct text; empty or missing elements give undefined. */
  text(element: XmlElement | undefined): string | undefined {
    if (element === undefined) return undefined;
    const value = element.rawText.trim();
    return value === '' ? undefined : value;
  }

  /** Amount, quantity or percentage exactly as written (trimmed); warns when it is not a plain decimal. */
  decimal(element: XmlElement | undefined, term: string): DecimalString | undefined {
    const value = this.text(element);
    if (value !== undefined && !isDecimalLiteral(value)) {
      this.warnings.push(`${term}: "${value}" is not a plain decimal number`);
    }
    return value;
  }

  /** Identifier with its optional scheme attribute (schemeID, or listID for classifications). */
  identifier(element: XmlElement | undefined, schemeAttribute = 'schemeID'): Identifier | undefined {
    const value = this.text(element);
    if (value === undefined) return undefined;
    const scheme = element?.attrs[schemeAttribute]?.trim();
    return scheme ? { value, scheme } : { value };
  }

  /**
   * Date as ISO YYYY-MM-DD. Accepts the element holding the value itself (UBL, ZUGFeRD 1 RC)
   * or a CII container whose DateTimeString / DateString child carries text and format.
   */
  date(element: XmlElement | undefined, term: string): string | undefined {
    if (element === undefined) return undefined;
    const holder = child(element, 'DateTimeString') ?? child(element, 'DateString') ?? element;
    const value = this.text(holder);
    if (value === undefined) return undefined;
    const parsed = parseDocumentDate(value, holder.attrs.format?.trim());
    if (parsed.note) this.warnings.push(`${term}: ${parsed.note}`);
    return parsed.iso;
  }

  // Path shorthands: `route` is a '/'-separated chain of local names below `element`.

  textAt(element: XmlElement | undefined, route: string): string | undefined {
    return this.text(path(element, route));
  }

  decimalAt(element: XmlElement | undefined, route: string, term: string): DecimalString | undefined {
    return this.decimal(path(element, route), term);
  }

  dateAt(element: XmlElement | undefined, route: string, term: string): string | undefined {
    return this.date(path(element, route), term);
  }

  identifierAt(
    element: XmlElement | undefined,
    route: string,
    schemeAttribute?: string,
  ): Identifier | undefined {
    return this.identifier(path(element, route), schemeAttribute);
  }

  /** Texts of several elements joined by newlines (repeated notes, payment terms), or undefined. */
  joined(elements: XmlElement[]): string | undefined {
    const parts = elements.map((e) => this.text(e)).filter((t): t is string => t !== undefined);
    return parts.length ? parts.join('\n') : undefined;
  }

  warn(message: string): void {
    this.warnings.push(message);
  }
}

export interface ParsedDate {
  /** ISO date, or the original text when it cannot be read as a calendar date. */
  iso: string;
  /** Why the value needed interpretation (reduced precision, not a date), if it did. */
  note?: string;
}

/**
 * Reads the date notations e-invoices use: xs:date (UBL, possibly with a time zone),
 * xs:dateTime, and the UNTDID 2379 formats 102 (CCYYMMDD), 203/204 (with time),
 * 610 (CCYYMM, read as the first day of the month) and 616 (CCYYWW, read as the Monday of the ISO week).
 */
export function parseDocumentDate(text: string, format?: string): ParsedDate {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[TZ+-])/.exec(value);
  if (iso && (format === undefined || format === '')) return calendarDate(value, iso[1]!, iso[2]!, iso[3]!);

  const digits = /^\d+$/.test(value) ? value : undefined;
  switch (format) {
    case '610':
      if (digits?.length === 6) {
        const month = calendarDate(value, value.slice(0, 4), value.slice(4, 6), '01');
        return month.note
          ? month
          : { iso: month.iso, note: `month ${value} (format 610) read as ${month.iso}` };
      }
      break;
    case '616':
      if (digits?.length === 6) return isoWeekMonday(value);
      break;
    case '203':
    case '204':
      if (digits !== undefined && digits.length >= 12)
        return calendarDate(value, value.slice(0, 4), value.slice(4, 6), value.slice(6, 8));
      break;
    case undefined:
    case '':
    case '102':
      if (digits?.length === 8)
        return calendarDate(value, value.slice(0, 4), value.slice(4, 6), value.slice(6, 8));
      break;
  }
  if (iso) return calendarDate(value, iso[1]!, iso[2]!, iso[3]!);
  return { iso: value, note: `"${value}" is not a date in format ${format || 'YYYY-MM-DD'}` };
}

function calendarDate(original: string, year: string, month: string, day: string): ParsedDate {
  const iso = `${year}-${month}-${day}`;
  const probe = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== iso) {
    return { iso: original, note: `"${original}" is not a calendar date` };
  }
  return { iso };
}

function isoWeekMonday(value: string): ParsedDate {
  const year = Number(value.slice(0, 4));
  const week = Number(value.slice(4, 6));
  if (week < 1 || week > 53) return { iso: value, note: `"${value}" is not a week of ${year} (format 616)` };
  // ISO week 1 contains 4 January; its Monday starts the year's week count.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(jan4 + ((week - 1) * 7 - jan4Weekday) * 86_400_000);
  const thursday = new Date(monday.getTime() + 3 * 86_400_000); // a week belongs to the year of its Thursday
  if (thursday.getUTCFullYear() !== year)
    return { iso: value, note: `"${value}" is not a week of ${year} (format 616)` };
  const iso = monday.toISOString().slice(0, 10);
  return { iso, note: `week ${value} (format 616) read as its Monday ${iso}` };
}

/** Drops keys whose value is undefined, so optional fields the document lacks stay absent. */
export function compact<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}

/** The compacted object, or undefined when the document carried none of its fields. */
export function presentOrUndefined<T extends object>(value: T): T | undefined {
  const result = compact(value);
  return Object.keys(result).length ? result : undefined;
}

/** True for xs:boolean true ('true' or '1'). */
export function isTrue(text: string | undefined): boolean {
  return text === 'true' || text === '1';
}
