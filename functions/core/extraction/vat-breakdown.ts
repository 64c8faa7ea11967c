import type { FieldEvidence, VatBreakdown } from '../invoice/model';
import { type Dec, type DecimalString, dec } from '../money';
import { evidenceOf } from './fields';
import type { TextLayout, TextLine } from './layout';
import type { ReadContext } from './readers';
import { findAmounts } from './values';

/**
 * The VAT breakdown (BG-23) from what the page prints: rows of a VAT summary table
 * ("Steuersatz | Basisbetrag | Steuerbetrag", with or without a % sign) and lines such as
 * "zzgl. 19 % USt auf 198,00 € | 37,62 €". A row counts only when its own arithmetic holds
 * (basis × rate = tax, to the cent); the set of rows is then checked against the net and VAT
 * totals. A single printed rate with net and VAT that fit gives a one-row breakdown. Nothing is
 * computed: every amount in the result is printed.
 */

export interface BreakdownResult {
  breakdown: VatBreakdown[];
  /** Evidence per row, same order. */
  rowEvidence: FieldEvidence[];
  confidence: number;
}

interface RowCandidate {
  rate: Dec;
  taxable: DecimalString;
  tax: DecimalString;
  line: TextLine;
  /** Printed with a % sign (stronger) or read from a rate column. */
  withPercent: boolean;
}

const VAT_WORDS = /(ust|mwst|umsatzsteuer|mehrwertsteuer|steuer|vat|tax|tva|btw|iva)/i;
const RATE_WITH_PERCENT = /(?<![\d,.])(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g;
/** VAT rates of EU member states (standard, reduced, parking). */
const KNOWN_RATES = new Set([
  '0',
  '2.1',
  '3',
  '4',
  '5',
  '5.5',
  '6',
  '7',
  '8',
  '8.5',
  '9',
  '10',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '20',
  '21',
  '22',
  '23',
  '24',
  '25',
  '27',
]);

export function findVatBreakdown(
  layout: TextLayout,
  context: ReadContext,
  totals: { net?: DecimalString; vat?: DecimalString },
): BreakdownResult {
  const candidates = rowCandidates(layout, context);
  const chosen = choose(candidates, totals);
  if (chosen) return chosen;
  return singleRate(layout, totals) ?? { breakdown: [], rowEvidence: [], confidence: 0 };
}

function rowCandidates(layout: TextLayout, context: ReadContext): RowCandidate[] {
  const candidates: RowCandidate[] = [];
  let vatContextUntil = -1;
  for (const line of layout.lines) {
    if (VAT_WORDS.test(line.text)) vatContextUntil = line.order + 8;
    if (line.order > vatContextUntil) continue;
    const masked = line.text.replace(RATE_WITH_PERCENT, (m) => ' '.repeat(m.length));
    const amounts = findAmounts(masked, context.mark).map((a) => a.value);
    const rates: { rate: Dec; withPercent: boolean }[] = [];
    for (const m of line.text.matchAll(RATE_WITH_PERCENT))
      rates.push({ rate: dec((m[1] ?? '').replace(',', '.')), withPercent: true });
    // a rate column without % sign: a known rate printed among the amounts
    for (const value of amounts)
      if (KNOWN_RATES.has(dec(value).toFixed()) && !value.startsWith('-'))
        rates.push({ rate: dec(value), withPercent: false });
    for (const { rate, withPercent } of rates) {
      if (rate.gt(30)) continue;
      for (const taxable of amounts) {
        for (const tax of amounts) {
          if (taxable === tax && !rate.isZero()) continue;
          if (!withPercent && (dec(taxable).equals(rate) || dec(tax).equals(rate))) continue;
          if (dec(taxable).abs().lt(dec(tax).abs())) continue;
          if (rate.isZero() ? !dec(tax).isZero() || !withPercent : dec(tax).isZero()) continue;
          if (!fits(taxable, rate, tax)) continue;
          candidates.push({ rate, taxable, tax, line, withPercent });
        }
      }
    }
  }
  return candidates;
}

/** basis × rate = tax to the cent (either rounding direction). */
function fits(taxable: DecimalString, rate: Dec, tax: DecimalString): boolean {
  return dec(taxable).times(rate).dividedBy(100).minus(dec(tax)).abs().lte(0.0101);
}

/**
 * One row per rate, chosen so the rows add up to the VAT total (and the net, where the rows are
 * the whole net). Table rows with % signs win ties; a single row with a rate needs its sums to fit.
 */
function choose(
  candidates: RowCandidate[],
  totals: { net?: DecimalString; vat?: DecimalString },
): BreakdownResult | undefined {
  const byRate = new Map<string, RowCandidate[]>();
  for (const candidate of candidates) {
    const key = candidate.rate.toFixed();
    const list = byRate.get(key) ?? [];
    if (!list.some((c) => c.taxable === candidate.taxable && c.tax === candidate.tax)) list.push(candidate);
    byRate.set(key, list);
  }
  if (byRate.size === 0 || byRate.size > 6) return undefined;
  const rates = [...byRate.keys()];
  let best: { rows: RowCandidate[]; score: number } | undefined;
  // every subset of rates, with every option per rate (small: a few rates, a few options)
  const search = (index: number, rows: RowCandidate[]) => {
    if (index === rates.length) {
      if (rows.length === 0) return;
      const score = scoreOf(rows, totals);
      if (score > 0 && (!best || score > best.score)) best = { rows: [...rows], score };
      return;
    }
    search(index + 1, rows);
    for (const option of (byRate.get(rates[index]!) ?? []).slice(0, 4)) search(index + 1, [...rows, option]);
  };
  search(0, []);
  if (!best) return undefined;
  const rows = [...best.rows].sort((a, b) => b.rate.comparedTo(a.rate));
  const sumsFit = best.score >= 3;
  const confidence = sumsFit ? 0.95 : 0.6;
  return {
    breakdown: rows.map((r) => ({
      category: r.rate.isZero() ? 'Z' : 'S',
      rate: r.rate.toFixed(),
      taxable: r.taxable,
      tax: r.tax,
    })),
    rowEvidence: rows.map((r) => evidenceOf(r.line, r.line.cells, confidence)),
    confidence,
  };
}

/** 3: VAT total fits (and net, when the rows cover it); 2: VAT total fits alone; 1: no totals to check. */
function scoreOf(rows: RowCandidate[], totals: { net?: DecimalString; vat?: DecimalString }): number {
  const tax = rows.reduce((s, r) => s.plus(dec(r.tax)), dec(0));
  const taxable = rows.reduce((s, r) => s.plus(dec(r.taxable)), dec(0));
  const percentBonus = rows.filter((r) => r.withPercent).length * 0.01 + rows.length * 0.001;
  const vatFits = totals.vat !== undefined && tax.equals(dec(totals.vat));
  const netFits = totals.net !== undefined && taxable.equals(dec(totals.net));
  if (vatFits && netFits) return 3 + percentBonus;
  if (vatFits) return 2 + percentBonus;
  if (totals.vat === undefined && totals.net === undefined) return 1 + percentBonus;
  if (totals.vat === undefined && netFits) return 2 + percentBonus;
  return 0;
}

/** One printed rate, and net × rate = VAT: a single standard-rated group. */
function singleRate(
  layout: TextLayout,
  totals: { net?: DecimalString; vat?: DecimalString },
): BreakdownResult | undefined {
  const { net, vat } = totals;
  if (net === undefined || vat === undefined) return undefined;
  const rates = new Map<string, TextLine>();
  for (const line of layout.lines) {
    if (!VAT_WORDS.test(line.text)) continue;
    for (const m of line.text.matchAll(RATE_WITH_PERCENT)) {
      const rate = dec((m[1] ?? '').replace(',', '.'));
      if (rate.gt(0) && rate.lt(30) && !rates.has(rate.toFixed())) rates.set(rate.toFixed(), line);
    }
  }
  const fitting = [...rates.entries()].filter(([rate]) => fits(net, dec(rate), vat));
  if (fitting.length === 1) {
    const [rate, line] = fitting[0]!;
    return {
      breakdown: [{ category: 'S', rate, taxable: net, tax: vat }],
      rowEvidence: [evidenceOf(line, line.cells, 0.85)],
      confidence: 0.85,
    };
  }
  if (dec(vat).isZero() && rates.size === 0) {
    const text = layout.lines.map((l) => l.text).join('\n');
    return {
      breakdown: [{ category: exemptCategory(text), rate: '0', taxable: net, tax: vat }],
      rowEvidence: [],
      confidence: 0.6,
    };
  }
  return undefined;
}

/** BT-118 for a printed zero rate, from the exemption wording. */
function exemptCategory(text: string): string {
  if (/reverse.?charge|steuerschuldnerschaft des leistungsempfängers|§\s?13b/i.test(text)) return 'AE';
  if (/innergemeinschaftlich|intra-?community|§\s?4 nr\.?\s?1b/i.test(text)) return 'K';
  if (/ausfuhrlieferung|export/i.test(text)) return 'G';
  if (/steuerfrei|steuerbefreit|befreit|exempt|§\s?19 ustg|kleinunternehmer/i.test(text)) return 'E';
  return 'Z';
}
