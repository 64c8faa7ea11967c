/** Where an invoice stands in the workflow. */
export type InvoiceStatus =
  | 'RECEIVED'
  | 'EXTRACTED'
  | 'CHECKED'
  | 'AWAITING_APPROVAL'
  | 'AWAITING_CLARIFICATION'
  | 'APPROVED'
  | 'RELEASED' // approved, bank details verified, the record carries `payment`
  | 'EXPORTED' // in a SEPA file (its id and hash on the record)
  | 'REJECTED'
  | 'QUARANTINED'
  | 'PARKED';

export const FINAL_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'APPROVED',
  'RELEASED',
  'EXPORTED',
  'REJECTED',
  'QUARANTINED',
  'PARKED',
]);
