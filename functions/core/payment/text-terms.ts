import { findDates } from '../extraction/values';
import { dec } from '../money';
import { type DiscountTerm, germanOrDotDecimal, type ParsedTerms } from './terms';

/**
 * Reads payment terms written for people, as they appear on PDF invoices:
 *   "2 % Skonto bei Zahlung innerhalb von 14 Tagen"
 *   "zahlbar bis 15.01.2027 abzüglich 3 % Skonto"
 *   "bei Zahlung bis 10.01.2027 2 % Skonto, danach netto"
 *   "innerhalb 10 Tagen 2 % Skonto, 30 Tage netto"
 *   "Zahlbar innerhalb von 30 Tagen ohne Abzug" / "zahlbar sofort"
 *   "2% discount if paid within 10 days, net 30 days"
 * The text is cut into clauses (line breaks, ';', ', ', '. ', "oder", "sonst", "danach"); a clause
 * with a percentage and a Skonto word (or a deadline in a text about Skonto or payment) is a
 * discount level; a clause with a deadline and "netto"/"zahlbar" is the net due date. A level
 * whose deadline sits in the neighbouring clause ("Bei Zahlung innerhalb 8 Tagen, 3 % Skonto")
 * takes it from there. Percentages in clauses about VAT or late payment interest are never read.
 */
export function parsePaymentTermsText(text: string | undefined): ParsedTerms {
  if (!text?.trim()) return { discounts: [] };
  const clauses = splitClauses(text).map(readClause);
  const aboutSkonto = clauses.some((c) => c.skontoWord);
  const result: ParsedTerms = { discounts: [] };
  const deadlinesTaken = new Set<Clause>();

  clauses.forEach((clause, i) => {
    if (clause.percent === undefined || clause.excluded) return;
    const hasDeadline = clause.days !== undefined || clause.until !== undefined;
    const isDiscount = clause.skontoWord || (hasDeadline && (aboutSkonto || clause.paymentWord));
    const deadline = hasDeadline ? clause : neighbourDeadline(clauses, i);
    if (!isDiscount || !deadline) return;
    deadlinesTaken.add(deadline);
    result.discounts.push(discount(clause.percent, deadline));
  });

  for (const clause of clauses) {
    if (clause.percent !== undefined || clause.excluded || clause.skontoWord || deadlinesTaken.has(clause))
      continue;
    if (!(clause.netWord || clause.paymentWord || clause.immediate)) continue;
    if (result.dueDate === undefined && clause.until !== undefined) result.dueDate = clause.until;
    else if (result.netDays === undefined && clause.days !== undefined) result.netDays = clause.days;
    else if (result.netDays === undefined && result.dueDate === undefined && clause.immediate)
      result.netDays = 0;
  }
  return result;
}

interface Clause {
  text: string;
  percent?: string;
  days?: number;
  until?: string;
  skontoWord: boolean;
  netWord: boolean;
  paymentWord: boolean;
  immediate: boolean;
  /** VAT, interest or reminder fees: its percentages are not a discount. */
  excluded: boolean;
}

const SKONTO_WORD = /skonto|abzügl|abzgl|\bdiscount\b|early payment/i;
const NET_WORD = /netto|ohne\s+(?:jeden\s+)?abzug|\bnet\b|without\s+(?:deduction|discount)/i;
const PAYMENT_WORD = /zahlbar|zahlung|zahlungsziel|fällig|überweis|payable|payment|\bpaid\b|\bdue\b/i;
const IMMEDIATE = /\bsofort\b|umgehend|unverzüglich|bei\s+erhalt|immediately|upon receipt|on receipt/i;
const EXCLUDED =
  /mwst|\bust\b|umsatzsteuer|mehrwertsteuer|\bvat\b|\btax\b|verzug|zinsen|zinssatz|mahn|interest/i;
const PERCENT = /(?<![\d,.])(\d{1,2}(?:[.,]\d{1,3})?)\s*(?:%|prozent\b|v\.\s?h\.|percent\b)/i;
const DAYS = /(?<![\d,.])(\d{1,3})\s*(?:kalender|werk|bank)?(?:tage?n?|days?)\b/i;
const WEEKS = /(?<![\d,.])(\d{1,2})\s*(?:wochen?|weeks?)\b/i;
const NET_NUMBER = /\bnet(?:to)?\s+(\d{1,3})\b/i;

/** Clause boundaries; a comma or dot inside a number ("2,5", "15.01.2027") does not cut. */
function splitClauses(text: string): string[] {
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\r?\n|;|,(?=\s)|(?<!\d)\.(?=\s+\D)|\s(?:oder|sonst|ansonsten|andernfalls|danach|or|otherwise)\s/i)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function readClause(text: string): Clause {
  const percentMatch = PERCENT.exec(text);
  const percent = percentMatch ? germanOrDotDecimal(percentMatch[1]!) : undefined;
  const validPercent =
    percent !== undefined && dec(percent).greaterThan(0) && dec(percent).lessThan(100) ? percent : undefined;
  // Dates first: their digits must not be read as days.
  const dates = findDates(text);
  const withoutDates = dates.reduceRight(
    (t, d) => t.slice(0, d.index) + ' '.repeat(d.length) + t.slice(d.index + d.length),
    text,
  );
  const days = DAYS.exec(withoutDates)?.[1] ?? NET_NUMBER.exec(withoutDates)?.[1];
  const weeks = WEEKS.exec(withoutDates)?.[1];
  return {
    text,
    ...(validPercent !== undefined ? { percent: validPercent } : {}),
    ...(days !== undefined ? { days: Number(days) } : weeks !== undefined ? { days: Number(weeks) * 7 } : {}),
    ...(dates[0] ? { until: dates[0].iso } : {}),
    skontoWord: SKONTO_WORD.test(text),
    netWord: NET_WORD.test(text),
    paymentWord: PAYMENT_WORD.test(text),
    immediate: IMMEDIATE.test(text),
    excluded: EXCLUDED.test(text),
  };
}

/** The deadline of the clause before or after, when that clause is only a deadline. */
function neighbourDeadline(clauses: Clause[], i: number): Clause | undefined {
  const onlyDeadline = (c: Clause | undefined) =>
    c !== undefined &&
    c.percent === undefined &&
    !c.excluded &&
    !c.netWord &&
    (c.days !== undefined || c.until !== undefined);
  if (onlyDeadline(clauses[i - 1])) return clauses[i - 1];
  if (onlyDeadline(clauses[i + 1])) return clauses[i + 1];
  return undefined;
}

function discount(percent: string, deadline: Clause): DiscountTerm {
  return deadline.until !== undefined
    ? { percent, until: deadline.until, source: 'text' }
    : { percent, days: deadline.days!, source: 'text' };
}
