import { type Invoice, isCreditNote } from '../invoice/model';
import { sameAmount } from '../money';
import type { PolicyConfig } from '../policy/config';
import type { InvoiceHistory, InvoiceSummary } from '../ports/history';
import { addDays, isIsoDate } from './dates';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';

/**
 * Near-duplicates against earlier invoices: same vendor, gross and currency with issue dates within
 * ±duplicateWindowDays, under another number -> DUPLICATE_SUSPECTED (a person decides).
 * Copies of the same file or the same invoice number are found by the atomic claim (claim.ts), not here.
 * Only invoices received before this one count (so a re-run never turns the original into a suspect of
 * a later invoice). A credit note is never a duplicate of an invoice (and vice versa); quarantined
 * invoices were never read and do not count.
 */

export interface DuplicateInput {
  invoiceId: string;
  invoice: Invoice;
  vendorKey: string;
  normalizedNumber: string;
  receivedAt: string;
}

export async function duplicateChecks(
  input: DuplicateInput,
  history: InvoiceHistory,
  policy: PolicyConfig,
): Promise<CheckResult[]> {
  const creditNote = isCreditNote(input.invoice);
  const issueDate = input.invoice.issueDate;
  const window = policy.duplicateWindowDays;
  const nearby = isIsoDate(issueDate)
    ? (
        await history.findByVendorBetween(
          input.vendorKey,
          addDays(issueDate, -window),
          addDays(issueDate, window),
        )
      ).filter(
        (e) =>
          e.invoiceId !== input.invoiceId &&
          e.status !== 'QUARANTINED' &&
          isCreditNote(e) === creditNote &&
          receivedBefore(e, input),
      )
    : [];
  return [sameAmountNearby(input, nearby, window)];
}

function receivedBefore(earlier: InvoiceSummary, input: DuplicateInput): boolean {
  return (
    earlier.receivedAt < input.receivedAt ||
    (earlier.receivedAt === input.receivedAt && earlier.invoiceId < input.invoiceId)
  );
}

function describe(e: InvoiceSummary): Record<string, unknown> {
  return {
    invoiceId: e.invoiceId,
    invoiceNumber: e.invoiceNumber,
    gross: e.gross,
    currency: e.currency,
    issueDate: e.issueDate,
    status: e.status,
  };
}

function sameAmountNearby(input: DuplicateInput, nearby: InvoiceSummary[], window: number): CheckResult {
  const id = 'duplicate.near';
  const { gross, currency, issueDate } = {
    gross: input.invoice.totals.gross,
    currency: input.invoice.currency,
    issueDate: input.invoice.issueDate,
  };
  if (!isIsoDate(issueDate)) return skip(id, 'No issue date', 'Kein Rechnungsdatum');
  // Same number is the exact check's business; rejected invoices will not be paid twice.
  const matches = nearby.filter(
    (e) =>
      e.status !== 'REJECTED' &&
      e.normalizedNumber !== input.normalizedNumber &&
      e.currency === currency &&
      sameAmount(e.gross, gross),
  );
  const evidence = { gross, currency, windowDays: window, matches: matches.map(describe) };
  const first = matches[0];
  if (!first)
    return pass(
      id,
      `No other invoice of this vendor over ${gross} ${currency} within ±${window} days`,
      `Keine andere Rechnung dieses Lieferanten über ${gross} ${currency} innerhalb ±${window} Tagen`,
      evidence,
    );
  return fail(
    id,
    'DUPLICATE_SUSPECTED',
    `Invoice ${first.invoiceNumber} of ${first.issueDate} from this vendor has the same amount ${gross} ${currency} (within ±${window} days)`,
    `Rechnung ${first.invoiceNumber} vom ${first.issueDate} dieses Lieferanten hat denselben Betrag ${gross} ${currency} (innerhalb ±${window} Tagen)`,
    evidence,
  );
}
