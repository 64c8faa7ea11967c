import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { InvoiceStatus } from './invoice/status';
import { ibanProblem, maskIban } from './masterdata/iban';

/**
 * Events for the ERP: one per state change, the same JSON on EventBridge (AWS) and on the local
 * webhook. They carry the invoice's summary and never a full IBAN.
 */
export const INVOICE_EVENT_TYPES = [
  'InvoiceReceived',
  'InvoiceDecided',
  'InvoiceApproved',
  'InvoiceRejected',
  'InvoiceReleased',
  'InvoiceExported',
  'InvoiceQuarantined',
  'InvoiceParked',
] as const;

export type InvoiceEventType = (typeof INVOICE_EVENT_TYPES)[number];

/** The event JSON (issue 13). Every key is always present; unknown values are null. */
export interface InvoiceEvent {
  type: InvoiceEventType;
  invoiceId: string;
  /** When the state changed, ISO timestamp. */
  at: string;
  status: InvoiceStatus;
  invoiceNumber: string | null;
  seller: string | null;
  /** Total with VAT (BT-112), decimal string. */
  gross: string | null;
  /** Amount due (BT-115), decimal string. */
  payable: string | null;
  currency: string | null;
}

/** What an event is built from: the invoice record (only these fields are read). */
export interface InvoiceEventSource {
  id: string;
  status: InvoiceStatus;
  invoiceNumber?: string;
  seller?: string;
  gross?: string;
  currency?: string;
  /** Amount due, when the record keeps it. */
  payable?: string;
  /** The record's payment object, once released: its amount is the amount due. */
  payment?: { amount: string };
}

/** The event a status change emits; statuses without an event (EXTRACTED, CHECKED) give undefined. */
export const EVENT_TYPE_BY_STATUS: Partial<Record<InvoiceStatus, InvoiceEventType>> = {
  RECEIVED: 'InvoiceReceived',
  AWAITING_APPROVAL: 'InvoiceDecided',
  AWAITING_CLARIFICATION: 'InvoiceDecided',
  APPROVED: 'InvoiceApproved',
  REJECTED: 'InvoiceRejected',
  RELEASED: 'InvoiceReleased',
  EXPORTED: 'InvoiceExported',
  QUARANTINED: 'InvoiceQuarantined',
  PARKED: 'InvoiceParked',
};

/** Port: where events go (EventBridge in AWS; the webhook and the events log locally). */
export interface InvoiceEventPublisher {
  publish(event: InvoiceEvent): Promise<void>;
}

export function invoiceEvent(type: InvoiceEventType, record: InvoiceEventSource, at: string): InvoiceEvent {
  const text = (value: string | undefined) =>
    value === undefined || value === '' ? null : redactIbans(value);
  return {
    type,
    invoiceId: record.id,
    at,
    status: record.status,
    invoiceNumber: text(record.invoiceNumber),
    seller: text(record.seller),
    gross: text(record.gross),
    payable: text(record.payment?.amount ?? record.payable),
    currency: text(record.currency),
  };
}

/** The event as JSON, keys in contract order. */
export function serializeEvent(event: InvoiceEvent): string {
  const { type, invoiceId, at, status, invoiceNumber, seller, gross, payable, currency } = event;
  return JSON.stringify({ type, invoiceId, at, status, invoiceNumber, seller, gross, payable, currency });
}

/** Stable id of an event (the same on every retry), so a receiver can drop duplicates. */
export function eventId(event: InvoiceEvent): string {
  return createHash('sha256')
    .update(`${event.type}|${event.invoiceId}|${event.at}|${event.status}`)
    .digest('hex')
    .slice(0, 32);
}

/** IBANs as written: compact, or in groups of four with single spaces. */
const IBAN_CANDIDATES = [
  /\b[A-Z]{2}\d{2}[A-Z0-9]{11,30}\b/g,
  /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?\b/g,
];

/** Masks every valid IBAN in a text ("DE89 **** 3000"), e.g. one a seller put into its name. */
export function redactIbans(text: string): string {
  return IBAN_CANDIDATES.reduce(
    (current, pattern) =>
      current.replace(pattern, (candidate) => {
        const valid = [candidate, candidate.replace(/ [A-Z0-9]{1,4}$/, '')]
          .map((c) => c.replace(/ /g, ''))
          .find((iban) => ibanProblem(iban) === undefined);
        if (!valid) return candidate;
        const rest = candidate.replace(/ /g, '').slice(valid.length);
        return `${maskIban(valid)}${rest ? ` ${candidate.slice(candidate.length - rest.length)}` : ''}`;
      }),
    text,
  );
}

// ---- Webhook signature (local): HMAC-SHA256 over "<timestamp>.<body>" ----

export const SIGNATURE_HEADER = 'X-Invoice-Agent-Signature';
export const TIMESTAMP_HEADER = 'X-Invoice-Agent-Timestamp';
export const EVENT_ID_HEADER = 'X-Invoice-Agent-Event-Id';
/** A signature older or newer than this is refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** Headers for one webhook POST of `body` at `timestampSeconds` (Unix time). */
export function signWebhook(body: string, secret: string, timestampSeconds: number): Record<string, string> {
  return {
    [SIGNATURE_HEADER]: `sha256=${hmac(secret, timestampSeconds, body)}`,
    [TIMESTAMP_HEADER]: String(timestampSeconds),
  };
}

export type SignatureVerdict =
  | { valid: true }
  | { valid: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/**
 * Checks a received webhook: both headers present (names in any case), a timestamp within the
 * tolerance of `nowSeconds`, and the HMAC compared in constant time.
 */
export function verifyWebhookSignature(input: {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  secret: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): SignatureVerdict {
  const header = (name: string) => {
    const entry = Object.entries(input.headers).find(
      ([key]) => key.toLowerCase() === name.toLowerCase(),
    )?.[1];
    return Array.isArray(entry) ? entry[0] : entry;
  };
  const signature = header(SIGNATURE_HEADER);
  const timestamp = header(TIMESTAMP_HEADER);
  if (!signature || !timestamp) return { valid: false, reason: 'missing' };
  const match = /^sha256=([0-9a-f]{64})$/.exec(signature.trim());
  if (!match || !/^\d{1,12}$/.test(timestamp.trim())) return { valid: false, reason: 'malformed' };
  const seconds = Number(timestamp);
  if (Math.abs(input.nowSeconds - seconds) > (input.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS))
    return { valid: false, reason: 'stale' };
  const expected = Buffer.from(hmac(input.secret, seconds, input.body), 'hex');
  const given = Buffer.from(match[1]!, 'hex');
  return timingSafeEqual(expected, given) ? { valid: true } : { valid: false, reason: 'mismatch' };
}

function hmac(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
