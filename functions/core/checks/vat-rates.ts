import { type Dec, dec } from '../money';

/**
 * German VAT rates (§12 UStG) by date of supply, and which rates each VAT category (BT-118/BT-151)
 * allows. The temporary cut of the second half of 2020 (16 % / 5 %) is the case that matters most.
 */

interface RatePeriod {
  from: string;
  to: string;
  /** Standard and reduced rate. */
  rates: readonly string[];
}

const GERMAN_RATE_PERIODS: readonly RatePeriod[] = [
  { from: '1998-04-01', to: '2006-12-31', rates: ['16', '7'] },
  { from: '2007-01-01', to: '2020-06-30', rates: ['19', '7'] },
  { from: '2020-07-01', to: '2020-12-31', rates: ['16', '5'] },
  { from: '2021-01-01', to: '9999-12-31', rates: ['19', '7'] },
];

/** Standard and reduced German rates valid on the date, or undefined before 1998-04-01. */
export function germanRatesOn(isoDate: string): readonly string[] | undefined {
  return GERMAN_RATE_PERIODS.find((p) => p.from <= isoDate && isoDate <= p.to)?.rates;
}

/** Categories whose rate must be 0 (or absent): zero-rated, exempt, reverse charge, intra-EU, export, out of scope. */
export const ZERO_RATE_CATEGORIES = new Set(['Z', 'E', 'AE', 'K', 'G', 'O']);
/** Categories that need a statement why no VAT is charged (§14 (4) Nr. 8, §14a UStG). */
export const EXEMPTION_NOTE_CATEGORIES = new Set(['E', 'AE', 'K', 'G', 'O']);
/** All categories of UNTDID 5305 that EN 16931 allows. */
export const KNOWN_CATEGORIES = new Set(['S', 'Z', 'E', 'AE', 'K', 'G', 'O', 'L', 'M']);

export type RateVerdict = { ok: true } | { ok: false; problem: string; problemDe: string };

/**
 * Is `rate` right for `category`? For S under German VAT, the rate must be one valid on the supply
 * date; elsewhere S only needs a positive rate (foreign rates are not checked here).
 */
export function checkRate(
  category: string,
  rate: Dec | undefined,
  supplyDate: string | undefined,
  germanVat: boolean,
): RateVerdict {
  if (!KNOWN_CATEGORIES.has(category)) {
    return {
      ok: false,
      problem: `unknown VAT category "${category}"`,
      problemDe: `unbekannte Steuerkategorie "${category}"`,
    };
  }
  if (ZERO_RATE_CATEGORIES.has(category)) {
    if (rate === undefined || rate.isZero()) return { ok: true };
    return {
      ok: false,
      problem: `category ${category} requires rate 0, not ${rate.toFixed()} %`,
      problemDe: `Kategorie ${category} verlangt 0 %, nicht ${rate.toFixed()} %`,
    };
  }
  if (category !== 'S') return { ok: true }; // L, M: Canary Islands, Ceuta/Melilla
  if (rate === undefined || !rate.isPositive()) {
    return {
      ok: false,
      problem: 'category S requires a positive rate',
      problemDe: 'Kategorie S verlangt einen Steuersatz über 0 %',
    };
  }
  if (!germanVat || supplyDate === undefined) return { ok: true };
  const valid = germanRatesOn(supplyDate);
  if (!valid || valid.some((r) => dec(r).equals(rate))) return { ok: true };
  return {
    ok: false,
    problem: `${rate.toFixed()} % is not a German VAT rate on ${supplyDate} (valid: ${valid.join(' % / ')} %)`,
    problemDe: `${rate.toFixed()} % ist am ${supplyDate} kein deutscher Steuersatz (gültig: ${valid.join(' % / ')} %)`,
  };
}
