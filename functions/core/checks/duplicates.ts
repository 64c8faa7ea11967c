import { type Invoice, isCreditNote } from '../invoice/model';
import { sameAmount } from '../money';
import type { PolicyConfig } from '../policy/config';
import type { InvoiceHistory, InvoiceSummary } from '../ports/history';
import { addDays, isIsoDate } from './dates';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';

/**
 * Duplicate detection against earlier invoices:
 * - same file (SHA-256)                                   -> DUPLICATE_EXACT (reject)
 * - same vendor, same normalised number, same gross       -> DUPLICATE_EXACT (reject)
 * - same vendor and number but another gross, the earlier
 *   one was rejected, or it awaits clarification and this
 *   is another file (possibly the vendor's correction)    -> DUPLICATE_SUSPECTED (a person decides)
 * - same vendor and gross, issue dates within the window  -> DUPLICATE_SUSPECTED
 * A credit note is never a duplicate of an invoice (and vice versa). Quarantined invoices were never
 * read, so they do not count; the invoice being checked is ignored by id.
 */

export interface DuplicateInput {
  invoiceId: string;
  invoice: Invoice;
  sha256: string;
  vendorKey: string;
  normalizedNumber: string;
}

export async function duplicateChecks(
  input: DuplicateInput,
  history: InvoiceHistory,
  policy: PolicyConfig,
): Promise<CheckResult[]> {
  const creditNote = isCreditNote(input.invoice);
  const relevant = (earlier: InvoiceSummary[]) =>
    earlier.filter(
      (e) => e.invoiceId !== input.invoiceId && e.status !== 'QUARANTINED' && isCreditNote(e) === creditNote,
    );
  const byHash = input.sha256 ? relevant(await history.findByFileHash(input.sha256)) : [];
  const byNumber = input.normalizedNumber
    ? relevant(await history.findByVendorAndNumber(input.vendorKey, input.normalizedNumber))
    : [];
  const issueDate = input.invoice.issueDate;
  const window = policy.duplicateWindowDays;
  const nearby = isIsoDate(issueDate)
    ? relevant(
        await history.findByVendorBetween(
          input.vendorKey,
          addDays(issueDate, -window),
          addDays(issueDate, window),
        ),
      )
    : [];
  return [sameFile(input, byHash), sameNumber(input, byNumber), sameAmountNearby(input, nearby, window)];
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

function sameFile(input: DuplicateInput, earlier: InvoiceSummary[]): CheckResult {
  const id = 'duplicate.file-hash';
  if (!input.sha256) return skip(id, 'No file hash', 'Kein Datei-Hash');
  const first = earlier[0];
  if (!first) return pass(id, 'File not received before', 'Datei wurde noch nicht empfangen');
  return fail(
    id,
    'DUPLICATE_EXACT',
    `The same file was received before as invoice ${first.invoiceNumber} (${first.invoiceId})`,
    `Dieselbe Datei ging bereits als Rechnung ${first.invoiceNumber} (${first.invoiceId}) ein`,
    { sha256: input.sha256, earlier: earlier.map(describe) },
  );
}

function sameNumber(input: DuplicateInput, earlier: InvoiceSummary[]): CheckResult {
  const id = 'duplicate.number';
  const number = input.invoice.invoiceNumber;
  if (!input.normalizedNumber) return skip(id, 'No invoice number', 'Keine Rechnungsnummer');
  const { gross, currency } = { gross: input.invoice.totals.gross, currency: input.invoice.currency };
  const active = earlier.filter((e) => e.status !== 'REJECTED');
  const sameContent = active.filter((e) => sameAmount(e.gross, gross) && e.currency === currency);
  // A different file for an invoice still awaiting clarification may be the vendor's correction.
  const identical = sameContent.find(
    (e) => e.status !== 'AWAITING_CLARIFICATION' || e.fileHash === input.sha256,
  );
  const possibleCorrection = identical ? undefined : sameContent[0];
  const evidence = {
    normalizedNumber: input.normalizedNumber,
    vendorKey: input.vendorKey,
    earlier: earlier.map(describe),
  };
  if (identical) {
    return fail(
      id,
      'DUPLICATE_EXACT',
      `Invoice ${number} of this vendor with the same amount ${gross} ${currency} was received before (${identical.invoiceId})`,
      `Rechnung ${number} dieses Lieferanten über denselben Betrag ${gross} ${currency} ging bereits ein (${identical.invoiceId})`,
      evidence,
    );
  }
  if (possibleCorrection) {
    return fail(
      id,
      'DUPLICATE_SUSPECTED',
      `Invoice ${number} over ${gross} ${currency} was received before and awaits clarification (${possibleCorrection.invoiceId}); this may be the corrected version`,
      `Rechnung ${number} über ${gross} ${currency} ging bereits ein und wartet auf Klärung (${possibleCorrection.invoiceId}); dies kann die korrigierte Fassung sein`,
      evidence,
    );
  }
  const first = earlier[0];
  if (first) {
    const rejectedOnly = active.length === 0;
    return fail(
      id,
      'DUPLICATE_SUSPECTED',
      rejectedOnly
        ? `Invoice number ${number} was received before and rejected (${first.invoiceId})`
        : `Invoice number ${number} was used before by this vendor with another amount (${first.gross} ${first.currency}, ${first.invoiceId})`,
      rejectedOnly
        ? `Rechnungsnummer ${number} ging bereits ein und wurde abgelehnt (${first.invoiceId})`
        : `Rechnungsnummer ${number} wurde von diesem Lieferanten bereits mit anderem Betrag verwendet (${first.gross} ${first.currency}, ${first.invoiceId})`,
      evidence,
    );
  }
  return pass(
    id,
    'Invoice number not seen before for this vendor',
    'Rechnungsnummer für diesen Lieferanten neu',
    evidence,
  );
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
