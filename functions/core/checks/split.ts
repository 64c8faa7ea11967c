import { type Invoice, isCreditNote } from '../invoice/model';
import { type Dec, dec, str, sum, tryDec } from '../money';
import type { PolicyConfig } from '../policy/config';
import type { InvoiceHistory, InvoiceSummary } from '../ports/history';
import { addDays, isIsoDate } from './dates';
import { fail, pass, skip } from './result';
import type { CheckResult, SplitThreshold } from './types';

/**
 * Splitting: several invoices of one vendor, each just under an approval threshold, within a window.
 * "Just under" means within splitMarginPercent below the threshold: for autoApproveMaxGross (inclusive
 * limit) gross in [T × (1 − m), T]; for fourEyesMinGross (limit starts at T) gross in [T × (1 − m), T).
 * Trigger: the current invoice and at least splitMinCount − 1 others of the vendor, issue dates within
 * ±splitWindowDays, are all just under the same threshold. Credit notes, other currencies, rejected,
 * quarantined and same-number invoices (duplicates) do not count.
 */

export interface SplitOutcome {
  result: CheckResult;
  split?: { threshold: SplitThreshold; combinedGross: string; invoiceIds: string[] };
}

export async function splitCheck(
  input: { invoiceId: string; invoice: Invoice; vendorKey: string; normalizedNumber: string },
  history: InvoiceHistory,
  policy: PolicyConfig,
): Promise<SplitOutcome> {
  const id = 'split';
  const { invoice } = input;
  const gross = tryDec(invoice.totals.gross);
  if (
    isCreditNote(invoice) ||
    gross === undefined ||
    invoice.currency !== policy.currency ||
    !isIsoDate(invoice.issueDate)
  ) {
    return {
      result: skip(
        id,
        'Not applicable (credit note, other currency or no amount/date)',
        'Nicht anwendbar (Gutschrift, Fremdwährung oder Betrag/Datum fehlt)',
      ),
    };
  }
  const thresholds = [
    { name: 'autoApproveMaxGross' as const, limit: dec(policy.autoApproveMaxGross), inclusive: true },
    { name: 'fourEyesMinGross' as const, limit: dec(policy.fourEyesMinGross), inclusive: false },
  ];
  const margin = dec(policy.splitMarginPercent).dividedBy(100);
  const justUnder = (value: Dec, t: (typeof thresholds)[number]) =>
    value.greaterThanOrEqualTo(t.limit.times(dec(1).minus(margin))) &&
    (t.inclusive ? value.lessThanOrEqualTo(t.limit) : value.lessThan(t.limit));

  const threshold = thresholds.find((t) => justUnder(gross, t));
  if (!threshold) {
    return {
      result: pass(
        id,
        'Amount is not just under an approval threshold',
        'Betrag liegt nicht knapp unter einer Freigabegrenze',
        { gross: invoice.totals.gross },
      ),
    };
  }
  const window = policy.splitWindowDays;
  const nearby = await history.findByVendorBetween(
    input.vendorKey,
    addDays(invoice.issueDate, -window),
    addDays(invoice.issueDate, window),
  );
  const series = nearby.filter((e: InvoiceSummary) => {
    const other = tryDec(e.gross);
    return (
      e.invoiceId !== input.invoiceId &&
      e.status !== 'REJECTED' &&
      e.status !== 'QUARANTINED' &&
      !isCreditNote(e) &&
      e.currency === invoice.currency &&
      e.normalizedNumber !== input.normalizedNumber &&
      other !== undefined &&
      justUnder(other, threshold)
    );
  });
  const evidence = {
    threshold: threshold.name,
    limit: threshold.limit.toFixed(),
    marginPercent: policy.splitMarginPercent,
    windowDays: window,
    gross: invoice.totals.gross,
    others: series.map((e) => ({
      invoiceId: e.invoiceId,
      invoiceNumber: e.invoiceNumber,
      gross: e.gross,
      issueDate: e.issueDate,
    })),
  };
  if (series.length + 1 < policy.splitMinCount) {
    return {
      result: pass(
        id,
        'No series of invoices just under a threshold',
        'Keine Serie knapp unter einer Freigabegrenze',
        evidence,
      ),
    };
  }
  const combined = str(sum([gross, ...series.map((e) => e.gross)]));
  const names = series.map((e) => e.invoiceNumber).join(', ');
  return {
    split: { threshold: threshold.name, combinedGross: combined, invoiceIds: series.map((e) => e.invoiceId) },
    result: fail(
      id,
      'SPLIT_SUSPECTED',
      `Possible splitting: this invoice and ${series.length} more of the vendor (${names}) are each just under ${threshold.name} ${threshold.limit.toFixed()} within ±${window} days; together ${combined} ${invoice.currency}`,
      `Mögliche Stückelung: diese und ${series.length} weitere Rechnung(en) des Lieferanten (${names}) liegen je knapp unter der Grenze ${threshold.limit.toFixed()} innerhalb ±${window} Tagen; zusammen ${combined} ${invoice.currency}`,
      { ...evidence, combinedGross: combined },
    ),
  };
}
