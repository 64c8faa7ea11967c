import type { Invoice, InvoiceLine } from '../invoice/model';
import { type Dec, dec, round, str, sum, tryDec } from '../money';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';

/**
 * Arithmetic of the invoice: line amounts (quantity × price / base quantity − allowances + charges,
 * allowing a cent plus the rounding of the printed price, see lineTolerance),
 * the VAT breakdown per category and rate, and the document totals BT-106 .. BT-115.
 * Real invoices round each line to cents from 4-decimal prices, so a sum over n lines may be off by up
 * to n × 0.01 (e.g. lines summing to 87.40 with a printed net of 87.39 over 8 lines). Single relations
 * (net + VAT = gross, ...) allow 0.01.
 */

export const CENT = dec('0.01');

interface Deviation {
  relation: string;
  expected: string;
  actual: string;
  tolerance: string;
}

export function arithmeticChecks(invoice: Invoice): CheckResult[] {
  return [lineAmounts(invoice), vatBreakdown(invoice), documentTotals(invoice)];
}

/** Net amount a line should have (BT-131), or undefined if its numbers are unreadable. */
export function expectedLineNet(line: InvoiceLine): Dec | undefined {
  const quantity = tryDec(line.quantity);
  const price = tryDec(line.price);
  const base = line.baseQuantity === undefined ? dec(1) : tryDec(line.baseQuantity);
  if (quantity === undefined || price === undefined || base === undefined || base.isZero()) return undefined;
  const allowances = line.allowances.map((a) => tryDec(a.amount));
  const charges = line.charges.map((c) => tryDec(c.amount));
  if ([...allowances, ...charges].some((a) => a === undefined)) return undefined;
  return quantity
    .times(price)
    .dividedBy(base)
    .minus(sum(allowances as Dec[]))
    .plus(sum(charges as Dec[]));
}

/**
 * A line may differ from quantity × price by a cent of rounding, plus what the printed price itself
 * hides: a price printed with d decimals was rounded by up to half a unit of its last decimal, and
 * that error is multiplied by the quantity (486 × 4.9715 = 2416.149, printed 2416.16 from 4.97152).
 */
export function lineTolerance(line: InvoiceLine): Dec {
  const decimals = /\.(\d+)$/.exec(line.price.trim())?.[1]?.length ?? 0;
  const halfUnit = dec(5).dividedBy(dec(10).pow(decimals + 1));
  const quantity = (tryDec(line.quantity) ?? dec(0)).abs();
  const base = line.baseQuantity === undefined ? dec(1) : (tryDec(line.baseQuantity) ?? dec(1));
  return base.isZero() ? CENT : CENT.plus(quantity.dividedBy(base.abs()).times(halfUnit));
}

function lineAmounts(invoice: Invoice): CheckResult {
  const id = 'arithmetic.lines';
  if (invoice.lines.length === 0)
    return skip(id, 'No lines to recompute', 'Keine Positionen zum Nachrechnen');
  const deviations: Deviation[] = [];
  const unreadable: string[] = [];
  for (const line of invoice.lines) {
    const expected = expectedLineNet(line);
    const actual = tryDec(line.net);
    if (expected === undefined || actual === undefined) {
      unreadable.push(line.id);
      continue;
    }
    const tolerance = lineTolerance(line);
    if (actual.minus(expected).abs().greaterThan(tolerance)) {
      deviations.push({
        relation: `line ${line.id}: ${line.quantity} × ${line.price}${line.baseQuantity ? ` / ${line.baseQuantity}` : ''}`,
        expected: str(round(expected), 2),
        actual: line.net,
        tolerance: tolerance.toFixed(),
      });
    }
  }
  if (unreadable.length > 0) {
    deviations.push({
      relation: `lines ${unreadable.join(', ')}: amounts are not numbers`,
      expected: '-',
      actual: '-',
      tolerance: '-',
    });
  }
  return verdict(
    id,
    deviations,
    `All ${invoice.lines.length} line amounts are consistent`,
    `Alle ${invoice.lines.length} Positionsbeträge stimmen`,
  );
}

function vatBreakdown(invoice: Invoice): CheckResult {
  const id = 'arithmetic.vat';
  if (invoice.vatBreakdown.length === 0)
    return skip(id, 'No VAT breakdown to recompute', 'Keine Steueraufschlüsselung zum Nachrechnen');
  const deviations: Deviation[] = [];
  // Category and rate identify a group; VAT-free categories without a rate count as 0 %.
  const groupKey = (category: string | undefined, rate: string | undefined) => {
    const cat = (category ?? 'S').toUpperCase();
    const r = rate === undefined ? (cat === 'S' ? undefined : dec(0)) : tryDec(rate);
    return `${cat}|${r === undefined ? '' : r.toFixed()}`;
  };
  // Taxable base per category and rate, from lines and document-level allowances and charges.
  const bases = new Map<string, { amount: Dec; parts: number }>();
  const add = (key: string, amount: Dec | undefined) => {
    const entry = bases.get(key) ?? { amount: dec(0), parts: 0 };
    bases.set(key, { amount: entry.amount.plus(amount ?? 0), parts: entry.parts + 1 });
  };
  for (const line of invoice.lines) add(groupKey(line.vatCategory, line.vatRate), tryDec(line.net));
  for (const a of invoice.allowances) add(groupKey(a.vatCategory, a.vatRate), tryDec(a.amount)?.negated());
  for (const c of invoice.charges) add(groupKey(c.vatCategory, c.vatRate), tryDec(c.amount));

  const linesHaveCategories = invoice.lines.every((l) => l.vatCategory !== undefined);
  for (const b of invoice.vatBreakdown) {
    const key = groupKey(b.category, b.rate);
    const taxable = tryDec(b.taxable);
    const tax = tryDec(b.tax);
    if (taxable === undefined || tax === undefined) {
      deviations.push({
        relation: `VAT ${b.category} ${b.rate ?? ''}: amounts are not numbers`,
        expected: '-',
        actual: '-',
        tolerance: '-',
      });
      continue;
    }
    const base = bases.get(key);
    const parts = Math.max(1, base?.parts ?? 1);
    if (linesHaveCategories && invoice.lines.length > 0) {
      const expectedTaxable = base?.amount ?? dec(0);
      const tolerance = CENT.times(parts);
      if (taxable.minus(expectedTaxable).abs().greaterThan(tolerance)) {
        deviations.push({
          relation: `taxable amount ${b.category} ${b.rate ?? ''} % (BT-116) = sum of its lines, allowances, charges`,
          expected: str(round(expectedTaxable), 2),
          actual: b.taxable,
          tolerance: tolerance.toFixed(2),
        });
      }
    }
    const rate = b.rate === undefined ? dec(0) : tryDec(b.rate);
    if (rate === undefined) continue;
    const expectedTax = round(taxable.times(rate).dividedBy(100));
    // VAT computed per line and summed may differ by half a cent per line.
    const tolerance = CENT.times(parts);
    if (tax.minus(expectedTax).abs().greaterThan(tolerance)) {
      deviations.push({
        relation: `VAT ${b.category} (BT-117) = ${b.taxable} × ${rate.toFixed()} %`,
        expected: str(expectedTax, 2),
        actual: b.tax,
        tolerance: tolerance.toFixed(2),
      });
    }
  }
  // Every category/rate used by a line must have a breakdown entry.
  if (linesHaveCategories) {
    const declared = new Set(invoice.vatBreakdown.map((b) => groupKey(b.category, b.rate)));
    for (const line of invoice.lines) {
      const key = groupKey(line.vatCategory, line.vatRate);
      if (!declared.has(key)) {
        deviations.push({
          relation: `line ${line.id}: VAT ${key.replace('|', ' ')} % has no breakdown entry`,
          expected: '-',
          actual: '-',
          tolerance: '-',
        });
      }
    }
  }
  return verdict(id, dedupe(deviations), 'VAT breakdown is consistent', 'Steueraufschlüsselung stimmt');
}

function documentTotals(invoice: Invoice): CheckResult {
  const id = 'arithmetic.totals';
  const t = invoice.totals;
  const deviations: Deviation[] = [];
  const check = (relation: string, expected: Dec | undefined, actual: string | undefined, tolerance: Dec) => {
    const value = actual === undefined ? undefined : tryDec(actual);
    if (expected === undefined || value === undefined) return;
    if (value.minus(expected).abs().greaterThan(tolerance)) {
      deviations.push({
        relation,
        expected: str(round(expected), 2),
        actual: actual!,
        tolerance: tolerance.toFixed(2),
      });
    }
  };
  const lineNets = invoice.lines.map((l) => tryDec(l.net));
  const linesReadable = invoice.lines.length > 0 && lineNets.every((n) => n !== undefined);
  const allowanceSum = sumOrUndefined(invoice.allowances.map((a) => a.amount));
  const chargeSum = sumOrUndefined(invoice.charges.map((c) => c.amount));

  if (linesReadable) {
    check(
      'BT-106 = sum of line net amounts',
      sum(lineNets as Dec[]),
      t.lineNet,
      CENT.times(invoice.lines.length),
    );
  }
  check('BT-107 = sum of allowances', allowanceSum, t.allowances, CENT);
  check('BT-108 = sum of charges', chargeSum, t.charges, CENT);
  const lineNet = tryDec(t.lineNet);
  const allowances = t.allowances !== undefined ? tryDec(t.allowances) : allowanceSum;
  const charges = t.charges !== undefined ? tryDec(t.charges) : chargeSum;
  if (lineNet && allowances && charges) {
    check('BT-109 = BT-106 − BT-107 + BT-108', lineNet.minus(allowances).plus(charges), t.net, CENT);
  }
  const breakdownTax = sumOrUndefined(invoice.vatBreakdown.map((b) => b.tax));
  if (invoice.vatBreakdown.length > 0)
    check('BT-110 = sum of VAT per rate (BT-117)', breakdownTax, t.vat ?? '0', CENT);
  const net = tryDec(t.net);
  const vat = tryDec(t.vat ?? '0');
  if (net && vat) check('BT-112 = BT-109 + BT-110', net.plus(vat), t.gross, CENT);
  const gross = tryDec(t.gross);
  const prepaid = tryDec(t.prepaid ?? '0');
  const rounding = tryDec(t.rounding ?? '0');
  if (gross && prepaid && rounding)
    check('BT-115 = BT-112 − BT-113 + BT-114', gross.minus(prepaid).plus(rounding), t.payable, CENT);
  if (gross === undefined) {
    deviations.push({
      relation: 'BT-112 total with VAT is not a number',
      expected: '-',
      actual: String(t.gross),
      tolerance: '-',
    });
  }
  return verdict(id, deviations, 'Document totals are consistent', 'Summen der Rechnung stimmen');
}

function sumOrUndefined(values: string[]): Dec | undefined {
  const parsed = values.map((v) => tryDec(v));
  return parsed.every((v) => v !== undefined) ? sum(parsed as Dec[]) : undefined;
}

function dedupe(deviations: Deviation[]): Deviation[] {
  const seen = new Set<string>();
  return deviations.filter((d) => !seen.has(d.relation) && seen.add(d.relation));
}

function verdict(id: string, deviations: Deviation[], ok: string, okDe: string): CheckResult {
  if (deviations.length === 0) return pass(id, ok, okDe);
  const describe = (d: Deviation) =>
    d.expected === '-' ? d.relation : `${d.relation}: expected ${d.expected}, found ${d.actual}`;
  const describeDe = (d: Deviation) =>
    d.expected === '-' ? d.relation : `${d.relation}: erwartet ${d.expected}, gefunden ${d.actual}`;
  return fail(
    id,
    'ARITHMETIC',
    `Amounts do not add up: ${deviations.map(describe).join('; ')}`,
    `Beträge rechnen nicht: ${deviations.map(describeDe).join('; ')}`,
    { deviations },
  );
}
