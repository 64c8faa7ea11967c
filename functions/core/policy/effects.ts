import type { ReasonCode } from '../checks/reason-codes';

/**
 * What each reason code does to the route. The record is exhaustive: adding a code without deciding
 * its effect does not compile.
 * - quarantine: nothing could be read                     -> QUARANTINE
 * - reject:     must not be processed at all               -> REJECT (also a hold)
 * - clarify:    someone must answer a question first       -> CLARIFY (with `clarifyWith`)
 * - hold:       fraud or duplicate suspicion               -> a person, never automatic, at any level
 * - review:     a person must look                         -> APPROVE / APPROVE_FOUR_EYES
 * - info:       explains a route, never raised by a check
 */
export type Effect = 'quarantine' | 'reject' | 'clarify' | 'hold' | 'review' | 'info';
export type ClarifyWith = 'requester' | 'finance';

export interface ReasonEffect {
  effect: Effect;
  clarifyWith?: ClarifyWith;
}

export const REASON_EFFECTS: Record<ReasonCode, ReasonEffect> = {
  UNREADABLE: { effect: 'quarantine' },
  DUPLICATE_EXACT: { effect: 'reject' },
  VENDOR_UNKNOWN: { effect: 'clarify', clarifyWith: 'finance' },
  MANDATORY_FIELD_MISSING: { effect: 'clarify', clarifyWith: 'finance' },
  ARITHMETIC: { effect: 'clarify', clarifyWith: 'finance' },
  VAT_RATE_INVALID: { effect: 'clarify', clarifyWith: 'finance' },
  REVERSE_CHARGE_NOTE_MISSING: { effect: 'clarify', clarifyWith: 'finance' },
  PO_UNKNOWN: { effect: 'clarify', clarifyWith: 'requester' },
  PO_VENDOR_MISMATCH: { effect: 'clarify', clarifyWith: 'requester' },
  PO_MISSING: { effect: 'clarify', clarifyWith: 'requester' },
  QTY_NOT_RECEIVED: { effect: 'clarify', clarifyWith: 'requester' },
  IBAN_MISMATCH: { effect: 'hold' },
  DUPLICATE_SUSPECTED: { effect: 'hold' },
  VENDOR_LOOKALIKE: { effect: 'hold' },
  SENDER_NOT_AUTHENTICATED: { effect: 'hold' },
  SPAM_SUSPECTED: { effect: 'hold' },
  ACTIVE_CONTENT: { effect: 'hold' },
  BUYER_MISMATCH: { effect: 'hold' },
  PO_OVER_INVOICED: { effect: 'hold' },
  PRICE_DEVIATION: { effect: 'review' },
  QTY_ABOVE_ORDERED: { effect: 'review' },
  AMOUNT_ABOVE_THRESHOLD: { effect: 'review' },
  SENDER_DOMAIN_UNKNOWN: { effect: 'review' },
  SPLIT_SUSPECTED: { effect: 'review' },
  VAT_ID_MISMATCH: { effect: 'review' },
  IBAN_INVALID: { effect: 'review' },
  VAT_ID_INVALID: { effect: 'review' },
  DUE_DATE_INVALID: { effect: 'review' },
  ISSUE_DATE_INVALID: { effect: 'review' },
  CURRENCY_MISMATCH: { effect: 'review' },
  EINVOICE_INVALID: { effect: 'review' },
  EXTRACTION_UNCERTAIN: { effect: 'review' },
  APPROVER_LIMIT_EXCEEDED: { effect: 'review' },
  AUTONOMY_LEVEL: { effect: 'info' },
};

/** Order in which reasons are listed and clarifications are addressed: most severe first. */
export const EFFECT_ORDER: readonly Effect[] = ['quarantine', 'reject', 'clarify', 'hold', 'review', 'info'];

/** Codes that hold an invoice: never automatic, whatever the amount or autonomy level. */
export function isHold(code: ReasonCode): boolean {
  const { effect } = REASON_EFFECTS[code];
  return effect === 'hold' || effect === 'reject' || effect === 'quarantine';
}
