import { describe, expect, it } from 'vitest';
import { formalChecks } from '../../../functions/core/checks/formal';
import type { Invoice } from '../../../functions/core/invoice/model';
import { defaultPolicy } from '../../../functions/core/policy/config';
import { invoice, SELLER } from './fixtures';

const policy = defaultPolicy();

function formal(inv: Invoice, receivedAt = '2024-03-16T09:00:00Z') {
  const outcome = formalChecks(inv, receivedAt, policy);
  return { ...outcome, byId: (id: string) => outcome.results.find((r) => r.id === id)! };
}

describe('formal checks: mandatory fields (§14 (4) UStG, §33 UStDV)', () => {
  it('passes a complete invoice', () => {
    expect(formal(invoice()).byId('formal.mandatory-fields').status).toBe('pass');
  });

  it('flags MANDATORY_FIELD_MISSING when an invoice above 250 EUR lacks VAT id and tax number', () => {
    // Prepare
    const inv = invoice({
      seller: { ...SELLER, vatId: undefined },
      lines: [{ name: 'Regal', quantity: '1', price: '300.00' }],
    });

    // Act
    const result = formal(inv).byId('formal.mandatory-fields');

    // Assess
    expect(result).toMatchObject({ status: 'fail', code: 'MANDATORY_FIELD_MISSING' });
    expect(result.evidence.missing).toEqual(['seller VAT id or tax number (BT-31/BT-32)']);
  });

  it('relaxes the fields for a Kleinbetragsrechnung up to 250 EUR gross', () => {
    // Prepare: 210.08 net + 19 % = 250.00 gross, no buyer, no tax id, no invoice number
    const inv = invoice({
      number: '',
      seller: { ...SELLER, vatId: undefined },
      buyer: null,
      lines: [{ name: 'Toner', quantity: '1', price: '210.08' }],
    });

    // Act
    const outcome = formal(inv);

    // Assess
    expect(inv.totals.gross).toBe('250.00');
    expect(outcome.smallInvoice).toBe(true);
    expect(outcome.byId('formal.mandatory-fields').status).toBe('pass');
  });

  it('does not relax the fields one cent above the limit', () => {
    // Prepare
    const inv = invoice({
      seller: { ...SELLER, vatId: undefined },
      buyer: null,
      lines: [{ name: 'Toner', quantity: '1', price: '210.09' }],
    });

    // Act
    const result = formal(inv).byId('formal.mandatory-fields');

    // Assess
    expect(result.status).toBe('fail');
    expect(result.evidence.missing).toEqual([
      'buyer name (BT-44)',
      'buyer address (BG-8)',
      'seller VAT id or tax number (BT-31/BT-32)',
    ]);
  });

  it('requires the buyer VAT id for a reverse-charge supply', () => {
    // Prepare
    const inv = invoice({
      buyer: { vatId: undefined },
      lines: [{ name: 'Montage', quantity: '1', price: '800', vatCategory: 'AE' }],
    });

    // Act
    const result = formal(inv).byId('formal.mandatory-fields');

    // Assess
    expect(result.evidence.missing).toEqual(['buyer VAT id for reverse charge / intra-EU supply (BT-48)']);
  });

  it('only warns when the date of supply is missing, and accepts it from a note', () => {
    // Prepare
    const without = invoice({ deliveryDate: null, lines: [{ name: 'Regal', quantity: '1', price: '300' }] });
    const withNote = invoice({
      deliveryDate: null,
      notes: ['Leistungsdatum entspricht Rechnungsdatum'],
      lines: [{ name: 'Regal', quantity: '1', price: '300' }],
    });

    // Act + Assess
    expect(formal(without).byId('formal.supply-date')).toMatchObject({
      status: 'warn',
      code: 'MANDATORY_FIELD_MISSING',
    });
    expect(formal(withNote).byId('formal.supply-date').status).toBe('pass');
  });
});

describe('formal checks: VAT rates', () => {
  it.each([
    ['2020-06-30', '16', 'fail'],
    ['2020-07-01', '16', 'pass'],
    ['2020-07-01', '5', 'pass'],
    ['2020-12-31', '19', 'fail'],
    ['2021-01-01', '16', 'fail'],
    ['2021-01-01', '19', 'pass'],
    ['2024-05-01', '7', 'pass'],
    ['2024-05-01', '10', 'fail'],
  ])('on a supply of %s judges %s %% as %s', (date, rate, status) => {
    // Prepare
    const inv = invoice({
      issueDate: '2024-05-02',
      deliveryDate: date,
      lines: [{ name: 'Ware', quantity: '1', price: '100', vatRate: rate }],
    });

    // Act
    const result = formal(inv, '2024-05-03T00:00:00Z').byId('formal.vat-rate');

    // Assess
    expect(result.status).toBe(status);
    if (status === 'fail') expect(result.code).toBe('VAT_RATE_INVALID');
  });

  it('uses the end of the service period as the date of supply', () => {
    // Prepare: service July-December 2020 invoiced in 2021 at 16 %
    const inv = invoice({
      issueDate: '2021-01-10',
      deliveryDate: null,
      lines: [{ name: 'Wartung 2. Hj.', quantity: '1', price: '100', vatRate: '16' }],
    });
    inv.delivery = { periodStart: '2020-07-01', periodEnd: '2020-12-31' };

    // Act
    const result = formal(inv, '2021-01-11T00:00:00Z').byId('formal.vat-rate');

    // Assess
    expect(result.status).toBe('pass');
    expect(result.evidence.supplyDate).toBe('2020-12-31');
  });

  it('requires rate 0 for VAT-free categories and a positive rate for S', () => {
    // Prepare
    const exemptWithRate = invoice({
      lines: [{ name: 'Miete', quantity: '1', price: '100', vatCategory: 'E', vatRate: '7' }],
    });
    const standardZero = invoice({
      lines: [{ name: 'Ware', quantity: '1', price: '100', vatCategory: 'S', vatRate: '0' }],
    });
    const zeroRated = invoice({
      lines: [{ name: 'PV-Anlage', quantity: '1', price: '100', vatCategory: 'Z', vatRate: '0' }],
    });

    // Act + Assess
    expect(formal(exemptWithRate).byId('formal.vat-rate').status).toBe('fail');
    expect(formal(standardZero).byId('formal.vat-rate').status).toBe('fail');
    expect(formal(zeroRated).byId('formal.vat-rate').status).toBe('pass');
  });

  it("does not judge a foreign seller's own VAT rate by German rates", () => {
    // Prepare
    const inv = invoice({
      seller: { ...SELLER, vatId: 'ATU12345678', countryCode: 'AT' },
      lines: [{ name: 'Hotel', quantity: '1', price: '100', vatRate: '20' }],
    });

    // Act
    const result = formal(inv).byId('formal.vat-rate');

    // Assess
    expect(result.status).toBe('pass');
    expect(result.evidence.germanVat).toBe(false);
  });
});

describe('formal checks: reverse charge (§14a UStG)', () => {
  const euSeller = { ...SELLER, vatId: 'NL123456789B01', countryCode: 'NL', iban: 'NL91ABNA0417164300' };

  it('flags REVERSE_CHARGE_NOTE_MISSING when VAT is 0, the buyer has a foreign VAT id and no statement is made', () => {
    // Prepare
    const inv = invoice({
      seller: euSeller,
      exemptionReason: null,
      lines: [{ name: 'Teile', quantity: '1', price: '500', vatCategory: 'AE' }],
    });

    // Act
    const result = formal(inv).byId('formal.reverse-charge');

    // Assess
    expect(result).toMatchObject({ status: 'fail', code: 'REVERSE_CHARGE_NOTE_MISSING' });
  });

  it.each([
    ['a note', { notes: ['Reverse charge'] }],
    ['the exemption reason', { exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers' }],
    ['the exemption reason code', { exemptionReason: 'VATEX-EU-AE' }],
  ])('accepts the statement in %s', (_where, extra) => {
    // Prepare
    const inv = invoice({
      seller: euSeller,
      exemptionReason: null,
      lines: [{ name: 'Teile', quantity: '1', price: '500', vatCategory: 'AE' }],
      ...extra,
    });

    // Act + Assess
    expect(formal(inv).byId('formal.reverse-charge').status).toBe('pass');
  });

  it('applies to a cross-border invoice without VAT even under another category', () => {
    // Prepare: category O without any reason, seller NL, buyer DE
    const inv = invoice({
      seller: euSeller,
      exemptionReason: null,
      lines: [{ name: 'Beratung', quantity: '1', price: '500', vatCategory: 'O' }],
    });

    // Act + Assess
    expect(formal(inv).byId('formal.reverse-charge').status).toBe('fail');
  });

  it('does not apply to a domestic invoice with VAT', () => {
    expect(formal(invoice()).byId('formal.reverse-charge').status).toBe('skip');
  });
});

describe('formal checks: IBAN, VAT id and dates', () => {
  it('flags IBAN_INVALID for a bank account with a wrong checksum', () => {
    // Prepare
    const inv = invoice({ seller: { ...SELLER, iban: 'DE89370400440532013001' } });

    // Act + Assess
    expect(formal(inv).byId('formal.iban')).toMatchObject({ status: 'fail', code: 'IBAN_INVALID' });
  });

  it('flags VAT_ID_INVALID for a malformed seller VAT id', () => {
    // Prepare
    const inv = invoice({ seller: { ...SELLER, vatId: 'DE81190798' } });

    // Act + Assess
    expect(formal(inv).byId('formal.vat-id')).toMatchObject({ status: 'fail', code: 'VAT_ID_INVALID' });
  });

  it.each([
    [-1, 'fail'],
    [0, 'pass'],
    [180, 'pass'],
    [181, 'fail'],
  ])('judges a due date %i days after the issue date as %s', (days, status) => {
    expect(formal(invoice({ dueInDays: days })).byId('formal.due-date').status).toBe(status);
  });

  it('warns when neither due date nor payment terms are given', () => {
    // Prepare
    const inv = invoice({ dueInDays: null });
    inv.paymentTerms = undefined;

    // Act + Assess
    expect(formal(inv).byId('formal.due-date')).toMatchObject({ status: 'warn', code: 'DUE_DATE_INVALID' });
  });

  it('flags ISSUE_DATE_INVALID for an issue date after the day of receipt', () => {
    // Prepare
    const inv = invoice({ issueDate: '2024-03-20' });

    // Act + Assess
    expect(formal(inv, '2024-03-16T23:00:00Z').byId('formal.issue-date')).toMatchObject({
      status: 'fail',
      code: 'ISSUE_DATE_INVALID',
    });
    expect(formal(inv, '2024-03-19T08:00:00Z').byId('formal.issue-date').status).toBe('pass');
  });
});
