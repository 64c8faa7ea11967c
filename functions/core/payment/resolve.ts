import { addDays } from '../checks/dates';
import type { Invoice } from '../invoice/model';
import type { Vendor } from '../masterdata/types';
import { type DecimalString, isDecimalLiteral } from '../money';
import {
  type DiscountTerm,
  discountTermsFromCii,
  parseXRechnungSkonto,
  type TermsSource,
  xrechnungNetDays,
} from './terms';
import { parsePaymentTermsText } from './text-terms';

export type InvoiceTermsFields = Pick<
  Invoice,
  'issueDate' | 'dueDate' | 'paymentTerms' | 'paymentDiscountTerms' | 'notes'
>;
export type VendorTermsFields = Pick<Vendor, 'paymentTermsDays' | 'skontoPercent' | 'skontoDays'>;

/** A discount level with its deadline as a date. */
export interface DatedDiscount {
  percent: DecimalString;
  /** The last day the discount may be taken (inclusive). */
  until: string;
  baseAmount?: DecimalString;
  amount?: DecimalString;
  source: TermsSource;
}

export type DueDateSource = 'invoice' | 'text' | 'vendor' | 'discount' | 'issue-date';

export interface ResolvedTerms {
  /** Discount levels by deadline, earliest first. */
  discounts: DatedDiscount[];
  dueDate: string;
  dueDateSource: DueDateSource;
}

/**
 * The invoice's discount levels and due date, from the most exact source that states them:
 * discounts from CII ApplicableTradePaymentDiscountTerms, else the XRechnung BT-20 syntax, else the
 * free text of BT-20 (and of the notes, BT-22, when BT-20 says nothing), else the vendor master.
 * Due date: BT-9, else a date or period in the text (or a 0 % Skonto line), else the vendor's
 * paymentTermsDays, else the
 * last discount deadline, else the issue date (due at once, § 271 Abs. 1 BGB).
 * Periods count from the issue date (BT-2) unless CII names another start (BasisDateTime).
 */
export function resolvePaymentTerms(invoice: InvoiceTermsFields, vendor?: VendorTermsFields): ResolvedTerms {
  const termsText = invoice.paymentTerms ?? '';
  const freeText = parsePaymentTermsText(withoutSkontoSyntax(termsText));
  const notesText =
    freeText.discounts.length === 0 && freeText.netDays === undefined && freeText.dueDate === undefined
      ? parsePaymentTermsText(invoice.notes.map((n) => n.text).join('\n'))
      : undefined;
  const text = notesText ?? freeText;

  const candidates: DiscountTerm[][] = [
    discountTermsFromCii(invoice.paymentDiscountTerms),
    parseXRechnungSkonto(termsText),
    text.discounts,
    vendorDiscount(vendor),
  ];
  const chosen = candidates.find((list) => list.length > 0) ?? [];
  const discounts = chosen
    .map((term) => datedDiscount(term, invoice.issueDate))
    .filter((d): d is DatedDiscount => d !== undefined)
    .sort((a, b) => (a.until < b.until ? -1 : a.until > b.until ? 1 : 0));

  const due = dueDateOf(invoice, text, vendor, discounts);
  return { discounts, ...due };
}

function dueDateOf(
  invoice: InvoiceTermsFields,
  text: { netDays?: number; dueDate?: string },
  vendor: VendorTermsFields | undefined,
  discounts: DatedDiscount[],
): { dueDate: string; dueDateSource: DueDateSource } {
  if (invoice.dueDate) return { dueDate: invoice.dueDate, dueDateSource: 'invoice' };
  if (text.dueDate) return { dueDate: text.dueDate, dueDateSource: 'text' };
  if (text.netDays !== undefined && invoice.issueDate)
    return { dueDate: addDays(invoice.issueDate, text.netDays), dueDateSource: 'text' };
  const netDays = xrechnungNetDays(invoice.paymentTerms);
  if (netDays !== undefined && invoice.issueDate)
    return { dueDate: addDays(invoice.issueDate, netDays), dueDateSource: 'text' };
  if (vendor?.paymentTermsDays !== undefined && invoice.issueDate)
    return { dueDate: addDays(invoice.issueDate, vendor.paymentTermsDays), dueDateSource: 'vendor' };
  const lastDeadline = discounts.at(-1)?.until;
  if (lastDeadline) return { dueDate: lastDeadline, dueDateSource: 'discount' };
  return { dueDate: invoice.issueDate, dueDateSource: 'issue-date' };
}

function vendorDiscount(vendor: VendorTermsFields | undefined): DiscountTerm[] {
  if (vendor?.skontoPercent === undefined || vendor.skontoDays === undefined) return [];
  return [{ percent: vendor.skontoPercent, days: vendor.skontoDays, source: 'vendor' }];
}

function datedDiscount(term: DiscountTerm, issueDate: string): DatedDiscount | undefined {
  const start = term.baseDate ?? issueDate;
  const until = term.until ?? (term.days !== undefined && start ? addDays(start, term.days) : undefined);
  if (!until) return undefined;
  return {
    percent: term.percent,
    until,
    ...(term.baseAmount !== undefined && isDecimalLiteral(term.baseAmount)
      ? { baseAmount: term.baseAmount }
      : {}),
    ...(term.amount !== undefined ? { amount: term.amount } : {}),
    source: term.source,
  };
}

/** The free text without the XRechnung '#SKONTO#…#' / '#VERZUG#…#' segments (read separately). */
function withoutSkontoSyntax(text: string): string {
  return text.replace(/#(?:SKONTO|VERZUG)#[^\n\r]*/gi, ' ');
}
