import { invoiceIbans } from '../checks/vendor';
import { InvoiceError } from '../errors';
import type { Invoice } from '../invoice/model';
import { maskIban } from '../masterdata/iban';
import type { Vendor } from '../masterdata/types';
import type { BankDetailsRepository } from '../ports/bank-details';
import type { Clock } from '../ports/messaging';
import type { AuditLog } from '../ports/records';
import {
  type BankAccountChange,
  type BankDecisionChoice,
  type BankDetailsCase,
  type ConfirmationMethod,
  isConfirmationMethod,
} from './model';

/** A verification form that cannot be recorded as it is (missing method, note or reason). */
export class InvalidBankDecisionError extends InvoiceError {
  constructor(message: string) {
    super('INVALID_BANK_DECISION', message);
  }
}

/** The case for an invoice that pays to IBANs its vendor does not know; undefined when all are known. */
export function bankCaseFor(
  invoiceId: string,
  invoice: Pick<Invoice, 'payment'>,
  vendor: Pick<Vendor, 'vendorId' | 'name' | 'ibans'>,
  openedAt: string,
): BankDetailsCase | undefined {
  const unknown = invoiceIbans(invoice as Invoice).filter((iban) => !vendor.ibans.includes(iban));
  if (unknown.length === 0) return undefined;
  return {
    invoiceId,
    vendorId: vendor.vendorId,
    vendorName: vendor.name,
    ibans: unknown,
    knownIbans: [...vendor.ibans],
    status: 'PENDING',
    openedAt,
    approvers: [],
  };
}

export interface BankDecisionInput {
  invoiceId: string;
  by: string;
  choice: BankDecisionChoice;
  method?: string;
  note?: string;
}

export type BankDecisionOutcome =
  | { recorded: true; bankCase: BankDetailsCase }
  | { recorded: false; reason: 'decided' | 'approver' | 'missing'; bankCase?: BankDetailsCase };

/**
 * Records the verifier's decision: one conditional write decides (PENDING, and the verifier approved
 * nothing of this invoice). A confirmation puts the IBANs into the vendor master with who, when and how;
 * either way the vendor's bank history gets the change and the audit trail `bank_details.verified` or
 * `bank_details.rejected` with the person as actor.
 */
export async function decideBankDetails(
  input: BankDecisionInput,
  deps: { bankDetails: BankDetailsRepository; audit: AuditLog; clock: Clock },
): Promise<BankDecisionOutcome> {
  const by = input.by.trim().toLowerCase();
  const note = input.note?.trim() || undefined;
  let method: ConfirmationMethod | undefined;
  if (input.choice === 'verify') {
    if (!input.method || !isConfirmationMethod(input.method))
      throw new InvalidBankDecisionError('Say how the new account was confirmed');
    method = input.method;
    if (method === 'other' && !note)
      throw new InvalidBankDecisionError('Describe how the account was confirmed');
  } else if (!note) {
    throw new InvalidBankDecisionError('A rejection needs a reason');
  }
  const at = deps.clock.now().toISOString();
  const decided = await deps.bankDetails.decide(input.invoiceId, {
    choice: input.choice,
    by,
    at,
    ...(method && { method }),
    ...(note && { note }),
  });
  if (!decided.won || !decided.bankCase) {
    return { recorded: false, reason: decided.reason ?? 'missing', bankCase: decided.bankCase };
  }
  const bankCase = decided.bankCase;
  for (const iban of bankCase.ibans) {
    const change: BankAccountChange = {
      iban,
      status: input.choice === 'verify' ? 'verified' : 'rejected',
      by,
      at,
      ...(method && { method }),
      ...(note && { note }),
      invoiceId: bankCase.invoiceId,
      previousIbans: bankCase.knownIbans,
    };
    if (input.choice === 'verify') await deps.bankDetails.confirmIban(bankCase.vendorId, change);
    else await deps.bankDetails.recordRejection(bankCase.vendorId, change);
  }
  const masked = bankCase.ibans.map(maskIban);
  await deps.audit.append({
    invoiceId: bankCase.invoiceId,
    at,
    type: input.choice === 'verify' ? 'bank_details.verified' : 'bank_details.rejected',
    actor: by,
    step: 'BankDetailsVerification',
    summary:
      input.choice === 'verify'
        ? `${by} confirmed ${masked.join(', ')} for vendor ${bankCase.vendorId} (${method})`
        : `${by} rejected ${masked.join(', ')} for vendor ${bankCase.vendorId}: ${note}`,
    inputs: { vendorId: bankCase.vendorId, ibans: masked, approvers: bankCase.approvers },
    details: { ...(method && { method }), ...(note && { note }) },
  });
  return { recorded: true, bankCase };
}

/**
 * The rule behind IBAN_MISMATCH: the invoice may become APPROVED only when two different people acted,
 * i.e. a verifier who is none of its approvers confirmed the account, or (until that is recorded) a
 * second distinct approver approved.
 */
export function twoPeopleApproved(input: {
  approvers: readonly string[];
  bankCase?: BankDetailsCase;
}): boolean {
  const approvers = new Set(input.approvers.map((a) => a.trim().toLowerCase()));
  const decision = input.bankCase?.decision;
  if (input.bankCase?.status === 'VERIFIED' && decision && !approvers.has(decision.by))
    return approvers.size >= 1;
  return approvers.size >= 2;
}
