/**
 * Bank details need a second person. When an invoice pays to an IBAN the vendor master does not know
 * (IBAN_MISMATCH), a verification case is opened. A verifier other than every approver of the invoice
 * confirms the new account, recording how (a call-back to a number already on file, a signed letter, …),
 * or rejects it. A confirmed IBAN goes into the vendor master with who, when and how; the earlier ones
 * stay, and the history keeps every change.
 */

/** How the new account was confirmed (contract strings). */
export const CONFIRMATION_METHODS = ['callback', 'signed-letter', 'in-person', 'other'] as const;
export type ConfirmationMethod = (typeof CONFIRMATION_METHODS)[number];

export function isConfirmationMethod(value: string): value is ConfirmationMethod {
  return (CONFIRMATION_METHODS as readonly string[]).includes(value);
}

export const METHOD_TEXT: Record<ConfirmationMethod, { de: string; en: string }> = {
  callback: {
    de: 'Rückruf unter einer bereits hinterlegten Telefonnummer',
    en: 'Call-back to a phone number already on file',
  },
  'signed-letter': {
    de: 'Unterschriebenes Schreiben des Lieferanten auf Geschäftspapier',
    en: "Signed letter on the vendor's letterhead",
  },
  'in-person': { de: 'Persönlich bestätigt', en: 'Confirmed in person' },
  other: { de: 'Anders (siehe Bemerkung)', en: 'Other (see note)' },
};

export type BankCaseStatus = 'PENDING' | 'VERIFIED' | 'REJECTED';
export type BankDecisionChoice = 'verify' | 'reject';

export interface BankDetailsDecision {
  choice: BankDecisionChoice;
  /** The verifier (lower-case e-mail). */
  by: string;
  at: string;
  /** Required for 'verify'. */
  method?: ConfirmationMethod;
  /** Required for a rejection and for method 'other'. */
  note?: string;
}

export interface BankDetailsCase {
  invoiceId: string;
  vendorId: string;
  vendorName?: string;
  /** The IBANs on the invoice that the vendor master does not know (normalised). */
  ibans: string[];
  /** The vendor's IBANs when the case was opened. */
  knownIbans: string[];
  status: BankCaseStatus;
  openedAt: string;
  /** Everyone who approved the invoice (lower-case); none of them may verify. */
  approvers: string[];
  decision?: BankDetailsDecision;
}

/** One change of a vendor's bank details, kept forever in the vendor master. */
export interface BankAccountChange {
  iban: string;
  status: 'verified' | 'rejected';
  by: string;
  at: string;
  method?: ConfirmationMethod;
  note?: string;
  /** The invoice that brought the account. */
  invoiceId: string;
  /** The accounts the vendor had before. */
  previousIbans: string[];
}
