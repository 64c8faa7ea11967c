import { InvoiceError } from '../errors';
import { type Invoice, isCreditNote } from '../invoice/model';
import { normalizeIban } from '../masterdata/iban';
import type { Vendor } from '../masterdata/types';
import { type DecimalString, dec, round, str, tryDec } from '../money';
import {
  type DatedDiscount,
  type DueDateSource,
  resolvePaymentTerms,
  type VendorTermsFields,
} from './resolve';

/** A discount as the record keeps it: the percentage, the amount it saves and its last day. */
export interface PaymentDiscount {
  percent: DecimalString;
  /** Amount saved, 2 decimals. */
  amount: DecimalString;
  /** Last day the discount may be taken (inclusive), YYYY-MM-DD. */
  until: string;
}

/** When and how much to pay, without the account (shown in approvals before release). */
export interface PaymentSchedule {
  /** Amount due for payment (BT-115), 2 decimals. */
  amount: DecimalString;
  dueDate: string;
  /** The discount level that counts: the best one still open on the reference date, else the last one. */
  discount?: PaymentDiscount;
  /** All levels by deadline, only when there is more than one. */
  discountLevels?: PaymentDiscount[];
}

/** The record's `payment` object (issue 13): {amount, dueDate, discount?, iban, bic?, remittance}. */
export interface Payment extends PaymentSchedule {
  iban: string;
  bic?: string;
  /** Remittance information for the transfer: the invoice number (BT-1). */
  remittance: string;
}

export type PaymentProblem = 'NO_AMOUNT' | 'NOTHING_TO_PAY' | 'NO_ACCOUNT' | 'ACCOUNT_NOT_VERIFIED';

/** The invoice cannot be paid as it stands; `code` says why. */
export class PaymentError extends InvoiceError {
  constructor(code: PaymentProblem, message: string) {
    super(code, message);
  }
}

export type InvoicePaymentFields = Pick<
  Invoice,
  | 'invoiceNumber'
  | 'issueDate'
  | 'dueDate'
  | 'typeCode'
  | 'paymentTerms'
  | 'paymentDiscountTerms'
  | 'notes'
  | 'totals'
  | 'payment'
>;

/**
 * Amount, due date and discount of an invoice on `asOf` (YYYY-MM-DD). The discount is computed on
 * its base (BASISBETRAG / BasisAmount, else the amount due BT-115) and rounded half-up to the cent,
 * unless the invoice states the amount. Throws PaymentError when there is nothing to pay.
 */
export function paymentSchedule(
  invoice: InvoicePaymentFields,
  vendor: VendorTermsFields | undefined,
  asOf: string,
): PaymentSchedule & { dueDateSource: DueDateSource } {
  const payable = tryDec(invoice.totals.payable);
  if (payable === undefined)
    throw new PaymentError('NO_AMOUNT', `Invoice ${invoice.invoiceNumber} states no amount due (BT-115)`);
  if (isCreditNote(invoice) || payable.lessThanOrEqualTo(0))
    throw new PaymentError(
      'NOTHING_TO_PAY',
      `Invoice ${invoice.invoiceNumber} leaves nothing to pay (amount due ${invoice.totals.payable}, type ${invoice.typeCode})`,
    );
  const terms = resolvePaymentTerms(invoice, vendor);
  const levels = terms.discounts
    .map((d) => priced(d, str(round(payable), 2)))
    .filter((d): d is PaymentDiscount => d !== undefined);
  const discount = chooseDiscount(levels, asOf);
  return {
    amount: str(round(payable), 2),
    dueDate: terms.dueDate,
    ...(discount ? { discount } : {}),
    ...(levels.length > 1 ? { discountLevels: levels } : {}),
    dueDateSource: terms.dueDateSource,
  };
}

export interface BuildPaymentInput {
  invoice: InvoicePaymentFields;
  /** The vendor from master data: its terms are the fallback, its IBANs the verified accounts. */
  vendor?: Pick<Vendor, 'ibans'> & VendorTermsFields;
  /** The reference date for choosing the discount level (the release date). */
  asOf: string;
  /** An account verified elsewhere (e.g. by a bank-details verification); skips the vendor check. */
  account?: { iban: string; bic?: string };
}

/**
 * The record's `payment` object. The account is the given verified one, else the invoice's account
 * that the vendor master knows, else the vendor's own account when the invoice names none; an
 * invoice account the master does not know is never paid (ACCOUNT_NOT_VERIFIED).
 */
export function buildPayment(input: BuildPaymentInput): Payment {
  const { invoice, vendor, asOf } = input;
  const { dueDateSource: _source, ...schedule } = paymentSchedule(invoice, vendor, asOf);
  const account = input.account
    ? { iban: normalizeIban(input.account.iban), bic: input.account.bic }
    : payeeAccount(invoice, vendor);
  return {
    ...schedule,
    iban: account.iban,
    ...(account.bic ? { bic: account.bic.replace(/\s/g, '').toUpperCase() } : {}),
    remittance: invoice.invoiceNumber,
  };
}

function payeeAccount(
  invoice: InvoicePaymentFields,
  vendor: Pick<Vendor, 'ibans'> | undefined,
): { iban: string; bic?: string } {
  const known = new Set(vendor?.ibans ?? []);
  const accounts = invoice.payment.accounts.map((a) => ({ ...a, iban: normalizeIban(a.iban) }));
  const verified = accounts.find((a) => known.has(a.iban));
  if (verified) return { iban: verified.iban, ...(verified.bic ? { bic: verified.bic } : {}) };
  if (accounts.length > 0)
    throw new PaymentError(
      'ACCOUNT_NOT_VERIFIED',
      `Invoice ${invoice.invoiceNumber}: its bank account is not a verified account of the vendor`,
    );
  const fromMaster = vendor?.ibans[0];
  if (fromMaster) return { iban: fromMaster };
  throw new PaymentError('NO_ACCOUNT', `Invoice ${invoice.invoiceNumber} names no bank account to pay to`);
}

export interface AmountOnDate {
  /** What to transfer on that date, 2 decimals. */
  amount: DecimalString;
  /** The discount taken, when one is still open on that date. */
  discount?: PaymentDiscount;
}

/**
 * Which amount to pay on `date` (YYYY-MM-DD): the amount less the largest discount whose last day
 * is on or after `date`, else the full amount.
 */
export function amountToPay(payment: PaymentSchedule, date: string): AmountOnDate {
  const open = (payment.discountLevels ?? (payment.discount ? [payment.discount] : []))
    .filter((d) => d.until >= date)
    .sort((a, b) => dec(b.amount).comparedTo(dec(a.amount)));
  const best = open[0];
  if (!best) return { amount: str(round(dec(payment.amount)), 2) };
  return { amount: str(round(dec(payment.amount).minus(best.amount)), 2), discount: best };
}

/** A level's amount: as stated, else base × percent / 100 rounded half-up to the cent. */
function priced(level: DatedDiscount, payable: DecimalString): PaymentDiscount | undefined {
  const base = dec(level.baseAmount ?? payable);
  const stated = level.amount !== undefined ? tryDec(level.amount) : undefined;
  const amount = round(stated ?? base.times(level.percent).dividedBy(100), 2);
  if (amount.lessThanOrEqualTo(0) || amount.greaterThanOrEqualTo(dec(payable))) return undefined;
  return { percent: level.percent, amount: str(amount, 2), until: level.until };
}

function chooseDiscount(levels: PaymentDiscount[], asOf: string): PaymentDiscount | undefined {
  const open = levels.filter((l) => l.until >= asOf);
  if (open.length > 0) return open.reduce((best, l) => (dec(l.amount).greaterThan(best.amount) ? l : best));
  return levels.at(-1);
}
