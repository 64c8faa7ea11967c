/**
 * The stable reason codes (contract). Checks report them, the policy maps each to a route effect
 * (policy/effects.ts), and docs/reason-codes.md describes all of them. Never rename a code.
 */
export const REASON_CODES = [
  // Contract codes named by the issue.
  'IBAN_MISMATCH',
  'DUPLICATE_EXACT',
  'DUPLICATE_SUSPECTED',
  'PO_MISSING',
  'PO_UNKNOWN',
  'PRICE_DEVIATION',
  'QTY_NOT_RECEIVED',
  'VENDOR_UNKNOWN',
  'ARITHMETIC',
  'MANDATORY_FIELD_MISSING',
  'VAT_RATE_INVALID',
  'AMOUNT_ABOVE_THRESHOLD',
  'SENDER_DOMAIN_UNKNOWN',
  'SPLIT_SUSPECTED',
  'UNREADABLE',
  // Added codes.
  'VENDOR_LOOKALIKE',
  'VAT_ID_MISMATCH',
  'SENDER_NOT_AUTHENTICATED',
  'IBAN_INVALID',
  'VAT_ID_INVALID',
  'REVERSE_CHARGE_NOTE_MISSING',
  'DUE_DATE_INVALID',
  'ISSUE_DATE_INVALID',
  'PO_VENDOR_MISMATCH',
  'QTY_ABOVE_ORDERED',
  'CURRENCY_MISMATCH',
  'EINVOICE_INVALID',
  'EXTRACTION_UNCERTAIN',
  'AUTONOMY_LEVEL',
  // Money safety.
  'PO_OVER_INVOICED',
  'SPAM_SUSPECTED',
  'ACTIVE_CONTENT',
  'BUYER_MISMATCH',
  'APPROVER_LIMIT_EXCEEDED',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export function isReasonCode(value: string): value is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(value);
}
