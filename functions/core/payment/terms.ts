import type { PaymentDiscountTerms } from '../invoice/model';
import { type DecimalString, dec, isDecimalLiteral, normalizeDecimal } from '../money';

/**
 * Payment terms as the agent understands them: cash discount levels (Skonto) and the net due date.
 * They come, in this order of trust, from CII ApplicableTradePaymentDiscountTerms, the XRechnung
 * BT-20 Skonto syntax, German free text on PDFs (text-terms.ts) and the vendor master.
 */
export type TermsSource = 'cii' | 'xrechnung' | 'text' | 'vendor';

/** One discount level. Its deadline is a period (`days` after `baseDate`) or a date (`until`). */
export interface DiscountTerm {
  /** Percentage as a canonical decimal string ("2", "2.5"). */
  percent: DecimalString;
  /** Days from baseDate (default: the issue date, BT-2). */
  days?: number;
  /** The last day the discount may be taken, when stated as a date. */
  until?: string;
  /** Start of the period when it is not the issue date (CII BasisDateTime). */
  baseDate?: string;
  /** Discountable amount when not the whole amount due (XRechnung BASISBETRAG, CII BasisAmount). */
  baseAmount?: DecimalString;
  /** Discount amount as the invoice states it (CII ActualDiscountAmount). */
  amount?: DecimalString;
  source: TermsSource;
}

export interface ParsedTerms {
  discounts: DiscountTerm[];
  /** "30 Tage netto": the net amount is due this many days after the issue date. */
  netDays?: number;
  /** "zahlbar bis 15.01.2027 ohne Abzug". */
  dueDate?: string;
}

/**
 * One Skonto line of the XRechnung syntax for BT-20 (XRechnung 3.0 specification, "Skonto",
 * checked by BR-DE-18): `#SKONTO#TAGE=14#PROZENT=2.00#` with an optional `BASISBETRAG=100.00#`;
 * the base is the amount due (BT-115) unless BASISBETRAG is given. The validator reports format
 * mistakes (lower case, comma); the parser still reads a line whose meaning is unambiguous.
 */
const SKONTO_LINE =
  /#SKONTO#TAGE=(\d{1,4})#PROZENT=(\d{1,3}(?:[.,]\d{1,4})?)#(?:BASISBETRAG=(-?\d{1,15}(?:[.,]\d{1,4})?)#)?/gi;

/** The Skonto levels of an XRechnung BT-20 text, in the order given; 0 % lines are left out. */
export function parseXRechnungSkonto(text: string | undefined): DiscountTerm[] {
  if (!text) return [];
  const terms: DiscountTerm[] = [];
  for (const m of text.matchAll(SKONTO_LINE)) {
    const percent = germanOrDotDecimal(m[2]!);
    if (percent === undefined || dec(percent).isZero()) continue;
    const baseAmount = m[3] === undefined ? undefined : germanOrDotDecimal(m[3]);
    terms.push({
      percent,
      days: Number(m[1]),
      ...(baseAmount !== undefined ? { baseAmount } : {}),
      source: 'xrechnung',
    });
  }
  return terms;
}

/**
 * The net period a 0 % Skonto line states (KoSIT's business cases end the levels with e.g.
 * `#SKONTO#TAGE=30#PROZENT=0.00#`: payable within 30 days without discount); the longest one.
 */
export function xrechnungNetDays(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const days = [...text.matchAll(SKONTO_LINE)]
    .filter((m) => germanOrDotDecimal(m[2]!) !== undefined && dec(germanOrDotDecimal(m[2]!)!).isZero())
    .map((m) => Number(m[1]));
  return days.length > 0 ? Math.max(...days) : undefined;
}

/** Period units of UN/ECE Rec 20 that CII uses for BasisPeriodMeasure, in days. */
const DAYS_PER_UNIT: Record<string, number> = { DAY: 1, WEE: 7 };

/**
 * The CII discount terms as DiscountTerms. A level needs a percentage above 0 and a period in days
 * or weeks; others (no period, months) are left out, since their deadline is not certain.
 */
export function discountTermsFromCii(terms: PaymentDiscountTerms[] | undefined): DiscountTerm[] {
  return (terms ?? []).flatMap((t): DiscountTerm[] => {
    const percent = t.percent !== undefined ? germanOrDotDecimal(t.percent) : undefined;
    const unitDays = DAYS_PER_UNIT[(t.periodUnit ?? 'DAY').toUpperCase()];
    const period = t.period !== undefined ? germanOrDotDecimal(t.period) : undefined;
    if (percent === undefined || dec(percent).lessThanOrEqualTo(0)) return [];
    if (period === undefined || unitDays === undefined || !dec(period).isInteger()) return [];
    return [
      {
        percent,
        days: dec(period).times(unitDays).toNumber(),
        ...(t.basisDate ? { baseDate: t.basisDate } : {}),
        ...(t.basisAmount && isDecimalLiteral(t.basisAmount)
          ? { baseAmount: normalizeDecimal(t.basisAmount) }
          : {}),
        ...(t.amount && isDecimalLiteral(t.amount) ? { amount: normalizeDecimal(t.amount) } : {}),
        source: 'cii',
      },
    ];
  });
}

/** "2,00" or "2.00" as a canonical decimal; undefined when it is not a number. */
export function germanOrDotDecimal(text: string): DecimalString | undefined {
  const candidate = text.trim().replace(',', '.');
  return isDecimalLiteral(candidate) ? normalizeDecimal(candidate) : undefined;
}
