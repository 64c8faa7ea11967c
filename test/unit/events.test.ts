import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPE_BY_STATUS,
  eventId,
  INVOICE_EVENT_TYPES,
  type InvoiceEventSource,
  invoiceEvent,
  redactIbans,
  SIGNATURE_HEADER,
  serializeEvent,
  signWebhook,
  TIMESTAMP_HEADER,
  verifyWebhookSignature,
} from '../../functions/core/events';
import type { InvoiceStatus } from '../../functions/core/invoice/status';
import { ibanProblem } from '../../functions/core/masterdata/iban';

const IBANS = [
  'DE89370400440532013000',
  'DE02120300000000202051',
  'GB82WEST12345698765432',
  'AT611904300234573201',
];

/** A released record as the store keeps it, with more than an event may show. */
const RECORD = {
  id: 'inv-7f3a',
  status: 'RELEASED' as InvoiceStatus,
  invoiceNumber: 'RE-2026-0815',
  seller: 'Muster Bürobedarf GmbH',
  gross: '332.84',
  currency: 'EUR',
  payment: {
    amount: '332.84',
    dueDate: '2026-12-31',
    discount: { percent: '2', amount: '6.66', until: '2026-12-17' },
    iban: IBANS[0]!,
    bic: 'COBADEFFXXX',
    remittance: 'RE-2026-0815',
  },
  invoice: { payment: { accounts: [{ iban: IBANS[1] }] } },
  match: { vendorId: 'V100' },
};

/** Every substring that is a valid IBAN, compact or grouped. */
function fullIbansIn(text: string): string[] {
  const candidates = text.match(/[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/g) ?? [];
  return candidates.flatMap((c) => {
    const compact = c.replace(/ /g, '');
    const found: string[] = [];
    for (let end = 15; end <= compact.length; end++)
      if (ibanProblem(compact.slice(0, end)) === undefined) found.push(compact.slice(0, end));
    return found;
  });
}

describe('invoiceEvent', () => {
  it('builds the contract JSON from a record, keys in order, nothing else', () => {
    const event = invoiceEvent('InvoiceReleased', RECORD, '2026-12-05T10:00:00.000Z');

    expect(serializeEvent(event)).toBe(
      '{"type":"InvoiceReleased","invoiceId":"inv-7f3a","at":"2026-12-05T10:00:00.000Z","status":"RELEASED",' +
        '"invoiceNumber":"RE-2026-0815","seller":"Muster Bürobedarf GmbH","gross":"332.84","payable":"332.84","currency":"EUR"}',
    );
  });

  it('writes null for what the record does not know yet', () => {
    const event = invoiceEvent(
      'InvoiceReceived',
      { id: 'inv-1', status: 'RECEIVED' },
      '2026-12-05T10:00:00.000Z',
    );

    expect(JSON.parse(serializeEvent(event))).toEqual({
      type: 'InvoiceReceived',
      invoiceId: 'inv-1',
      at: '2026-12-05T10:00:00.000Z',
      status: 'RECEIVED',
      invoiceNumber: null,
      seller: null,
      gross: null,
      payable: null,
      currency: null,
    });
  });

  it('takes the amount due from the payment object, else from the record', () => {
    const prepaid: InvoiceEventSource = { id: 'i', status: 'APPROVED', gross: '500.00', payable: '300.00' };

    expect(invoiceEvent('InvoiceApproved', prepaid, 't').payable).toBe('300.00');
    expect(invoiceEvent('InvoiceReleased', { ...prepaid, payment: { amount: '300.00' } }, 't').payable).toBe(
      '300.00',
    );
  });

  it('has an event for each state change, and every type is used', () => {
    expect(new Set(Object.values(EVENT_TYPE_BY_STATUS))).toEqual(new Set(INVOICE_EVENT_TYPES));
    expect(EVENT_TYPE_BY_STATUS.RELEASED).toBe('InvoiceReleased');
    expect(EVENT_TYPE_BY_STATUS.EXTRACTED).toBeUndefined();
  });

  it('carries no full IBAN in any event, even when a seller writes one into its name', () => {
    // Prepare: every type, from records whose text fields contain IBANs in several spellings
    const sellers = [
      RECORD.seller,
      `Muster GmbH ${IBANS[0]}`,
      'Muster GmbH, IBAN DE02 1203 0000 0000 2020 51 AG',
      `${IBANS[2]} Ltd`,
      `Bank ${IBANS[3]}`,
    ];
    const events = INVOICE_EVENT_TYPES.flatMap((type) =>
      sellers.map((seller, i) =>
        invoiceEvent(
          type,
          { ...RECORD, seller, invoiceNumber: i === 4 ? IBANS[3] : RECORD.invoiceNumber },
          't',
        ),
      ),
    );

    // Act
    const json = events.map(serializeEvent);

    // Assess
    expect(json).toHaveLength(40);
    expect(fullIbansIn(JSON.stringify(RECORD))).toContain(IBANS[0]); // the scan finds IBANs where they are
    for (const text of json) expect(fullIbansIn(text), text).toEqual([]);
    expect(json[1]).toContain('"seller":"Muster GmbH DE89 **** 3000"');
    expect(json[2]).toContain('"seller":"Muster GmbH, IBAN DE02 **** 2051 AG"');
  });

  it('leaves text alone that only looks like an IBAN', () => {
    expect(redactIbans('Auftrag DE12345678901234567890 vom 3.12.')).toBe(
      'Auftrag DE12345678901234567890 vom 3.12.',
    );
    expect(redactIbans('RE-2026-0815')).toBe('RE-2026-0815');
  });

  it('gives an event the same id on every retry', () => {
    const event = invoiceEvent('InvoiceReleased', RECORD, '2026-12-05T10:00:00.000Z');

    expect(eventId(event)).toBe(eventId({ ...event }));
    expect(eventId(event)).not.toBe(eventId({ ...event, type: 'InvoiceExported', status: 'EXPORTED' }));
    expect(eventId(event)).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('webhook signature', () => {
  const secret = 'whsec-test-3b9d1c';
  const body = serializeEvent(invoiceEvent('InvoiceReleased', RECORD, '2026-12-05T10:00:00.000Z'));
  const now = 1_796_464_800;

  it('signs "<timestamp>.<body>" with HMAC-SHA256 and verifies it', () => {
    const headers = signWebhook(body, secret, now);

    expect(headers[SIGNATURE_HEADER]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(headers[TIMESTAMP_HEADER]).toBe(String(now));
    expect(verifyWebhookSignature({ body, headers, secret, nowSeconds: now + 30 })).toEqual({ valid: true });
  });

  it('reads the headers in any case, as HTTP servers lower-case them', () => {
    const lower = Object.fromEntries(
      Object.entries(signWebhook(body, secret, now)).map(([k, v]) => [k.toLowerCase(), v]),
    );

    expect(verifyWebhookSignature({ body, headers: lower, secret, nowSeconds: now })).toEqual({
      valid: true,
    });
  });

  it.each([
    ['a changed body', { body: body.replace('332.84', '3332.84') }, 'mismatch'],
    ['another secret', { secret: 'other' }, 'mismatch'],
    ['a replay with a fresh timestamp', { timestamp: now + 400, nowSeconds: now + 400 }, 'mismatch'],
    ['a replay after the tolerance', { nowSeconds: now + 301 }, 'stale'],
    ['a timestamp from the future', { nowSeconds: now - 301 }, 'stale'],
    ['no signature', { drop: SIGNATURE_HEADER }, 'missing'],
    ['a signature without sha256=', { signature: 'abc' }, 'malformed'],
  ] as const)('refuses %s', (_name, change, reason) => {
    const headers: Record<string, string> = { ...signWebhook(body, secret, now) };
    if ('timestamp' in change) headers[TIMESTAMP_HEADER] = String(change.timestamp);
    if ('signature' in change) headers[SIGNATURE_HEADER] = change.signature;
    if ('drop' in change) delete headers[change.drop];

    const verdict = verifyWebhookSignature({
      body: 'body' in change ? change.body : body,
      headers,
      secret: 'secret' in change ? change.secret : secret,
      nowSeconds: 'nowSeconds' in change ? change.nowSeconds : now,
    });

    expect(verdict).toEqual({ valid: false, reason });
  });
});
