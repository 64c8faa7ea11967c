import { sha256Hex } from './hash';

/**
 * Identifiers derived from the stored mail's object key, so that a redelivered event maps to the
 * same execution and the same records.
 */
export function mailIdFromObjectKey(bucket: string, key: string): string {
  return sha256Hex(`${bucket}/${key}`).slice(0, 20);
}

/** Step Functions execution names: up to 80 characters of [A-Za-z0-9-_]. */
export function executionNameForMail(mailId: string): string {
  return `mail-${mailId}`;
}

/** One mail may carry several invoices: 1-based position of the document in the mail. */
export function invoiceIdFor(mailId: string, position: number): string {
  return `${mailId}-${position}`;
}
