import type { BankAccountChange, BankDetailsCase, BankDetailsDecision } from '../bankdetails/model';

/** Bank-details verification cases and the vendor's bank history (master-data table). */
export interface BankDetailsRepository {
  /** Opens the case unless the invoice has one; returns the stored case either way. */
  open(bankCase: BankDetailsCase): Promise<BankDetailsCase>;
  get(invoiceId: string): Promise<BankDetailsCase | undefined>;
  /**
   * Adds an approver of the invoice, in one conditional write that fails when that person already
   * decided the bank details. `ok: false` when they did (nobody approves and verifies).
   */
  addApprover(invoiceId: string, approver: string): Promise<{ ok: boolean; bankCase?: BankDetailsCase }>;
  /**
   * The single decision, in one conditional write: only while PENDING and only by someone who did not
   * approve the invoice. `won: false` with the stored case otherwise.
   */
  decide(
    invoiceId: string,
    decision: BankDetailsDecision,
  ): Promise<{ won: boolean; reason?: 'decided' | 'approver' | 'missing'; bankCase?: BankDetailsCase }>;
  /**
   * Puts a confirmed IBAN into the vendor master (first, ahead of the earlier ones, which stay) and
   * appends the change to the vendor's bank history. Idempotent: an IBAN already there is not added twice.
   */
  confirmIban(vendorId: string, change: BankAccountChange): Promise<void>;
  /** Appends a rejected change to the vendor's bank history (the vendor's IBANs stay as they are). */
  recordRejection(vendorId: string, change: BankAccountChange): Promise<void>;
  /** The vendor's bank history, oldest first. */
  history(vendorId: string): Promise<BankAccountChange[]>;
}
