/** Where an invoice stands in the workflow. */
export type InvoiceStatus =
  | 'RECEIVED'
  | 'EXTRACTED'
  | 'CHECKED'
  | 'AWAITING_APPROVAL'
  | 'AWAITING_CLARIFICATION'
  | 'APPROVED'
  | 'REJECTED'
  | 'QUARANTINED'
  | 'PARKED';

export const FINAL_STATUSES: ReadonlySet<InvoiceStatus> = new Set([
  'APPROVED',
  'REJECTED',
  'QUARANTINED',
  'PARKED',
]);
