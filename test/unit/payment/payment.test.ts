import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../functions/core/invoice/model';
import type { Vendor } from '../../../functions/core/masterdata/types';
import {
  amountToPay,
  buildPayment,
  PaymentError,
  paymentSchedule,
  resolvePaymentTerms,
} from '../../../functions/core/payment';
import { sampleInvoice } from '../../../samples/einvoice-writer';

/** The sample invoice (net 279.70, gross and due 332.84 EUR, issued 2024-03-15) with the given terms and amount due. */
function invoiceWith(overrides: Partial<Invoice> & { payable?: string } = {}): Invoice {
  const { payable, ...rest } = overrides;
  const base = sampleInvoice({ dueDate: undefined, paymentTerms: undefined, ...rest });
  return payable === undefined ? base : { ...base, totals: { ...base.totals, payable } };
}

const VENDOR: Vendor = {
  vendorId: 'V100',
  name: 'Muster Bürobedarf GmbH',
  ibans: ['DE89370400440532013000'],
  emailDomains: ['muster-buerobedarf.de'],
  requiresPo: false,
};

describe('resolvePaymentTerms', () => {
  it('takes CII discount terms before the BT-20 syntax and the free text', () => {
    const terms = resolvePaymentTerms(
      invoiceWith({
        paymentTerms: '#SKONTO#TAGE=14#PROZENT=2.00#\n3 % Skonto innerhalb 7 Tagen',
        paymentDiscountTerms: [{ period: '10', periodUnit: 'DAY', percent: '1.5' }],
      }),
    );

    expect(terms.discounts).toEqual([{ percent: '1.5', until: '2024-03-25', source: 'cii' }]);
  });

  it('takes the BT-20 syntax before the free text, and counts the days from the issue date', () => {
    const terms = resolvePaymentTerms(
      invoiceWith({ paymentTerms: '3 % Skonto innerhalb 7 Tagen\n#SKONTO#TAGE=14#PROZENT=2.00#\n' }),
    );

    expect(terms.discounts).toEqual([{ percent: '2', until: '2024-03-29', source: 'xrechnung' }]);
  });

  it('reads the free text, then the notes, then the vendor master', () => {
    const text = resolvePaymentTerms(
      invoiceWith({ paymentTerms: '2 % Skonto bei Zahlung innerhalb von 14 Tagen' }),
    );
    const notes = resolvePaymentTerms(
      invoiceWith({ notes: [{ text: 'Bei Zahlung bis 20.03.2024 gewähren wir 3 % Skonto.' }] }),
    );
    const vendor = resolvePaymentTerms(invoiceWith(), {
      skontoPercent: '2',
      skontoDays: 10,
      paymentTermsDays: 30,
    });

    expect(text.discounts).toEqual([{ percent: '2', until: '2024-03-29', source: 'text' }]);
    expect(notes.discounts).toEqual([{ percent: '3', until: '2024-03-20', source: 'text' }]);
    expect(vendor).toEqual({
      discounts: [{ percent: '2', until: '2024-03-25', source: 'vendor' }],
      dueDate: '2024-04-14',
      dueDateSource: 'vendor',
    });
  });

  it('prefers the invoice terms to the vendor master', () => {
    const terms = resolvePaymentTerms(invoiceWith({ paymentTerms: '3 % Skonto innerhalb 5 Tagen' }), {
      skontoPercent: '2',
      skontoDays: 10,
    });

    expect(terms.discounts).toEqual([{ percent: '3', until: '2024-03-20', source: 'text' }]);
  });

  it.each([
    [{ dueDate: '2024-04-30', paymentTerms: '30 Tage netto' }, undefined, '2024-04-30', 'invoice'],
    [{ paymentTerms: 'zahlbar bis 02.04.2024 ohne Abzug' }, undefined, '2024-04-02', 'text'],
    [{ paymentTerms: 'innerhalb 10 Tagen 2 % Skonto, 30 Tage netto' }, undefined, '2024-04-14', 'text'],
    [
      { paymentTerms: '#SKONTO#TAGE=7#PROZENT=2.00#\n#SKONTO#TAGE=30#PROZENT=0.00#\n' },
      undefined,
      '2024-04-14',
      'text',
    ],
    [{}, { paymentTermsDays: 14 }, '2024-03-29', 'vendor'],
    [{ paymentTerms: 'zahlbar bis 01.04.2024 abzüglich 3 % Skonto' }, undefined, '2024-04-01', 'discount'],
    [{}, undefined, '2024-03-15', 'issue-date'],
  ] as const)('finds the due date from %j (vendor %j): %s by %s', (fields, vendor, dueDate, source) => {
    const terms = resolvePaymentTerms(invoiceWith(fields), vendor);

    expect(terms.dueDate).toBe(dueDate);
    expect(terms.dueDateSource).toBe(source);
  });
});

describe('paymentSchedule and buildPayment', () => {
  it('builds the payment object: amount due, due date, discount, account and the invoice number', () => {
    const payment = buildPayment({
      invoice: invoiceWith({ paymentTerms: '2 % Skonto bei Zahlung innerhalb von 14 Tagen, 30 Tage netto' }),
      vendor: VENDOR,
      asOf: '2024-03-18',
    });

    expect(payment).toEqual({
      amount: '332.84',
      dueDate: '2024-04-14',
      discount: { percent: '2', amount: '6.66', until: '2024-03-29' }, // 6.6568
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
      remittance: 'RE-2024-0815',
    });
  });

  it.each([
    ['100.25', '2', '2.01'], // 2.005 rounds half up
    ['1234.57', '2', '24.69'], // 24.6914
    ['0.10', '3', undefined], // 0.003 rounds to nothing: no discount
    ['99999999.99', '3', '3000000.00'],
    ['1000.00', '2.5', '25.00'],
    ['333.33', '1.75', '5.83'], // 5.833275
  ])('computes the discount on %s at %s %% to the cent: %s', (payable, percent, amount) => {
    const schedule = paymentSchedule(
      invoiceWith({ payable, paymentTerms: `#SKONTO#TAGE=14#PROZENT=${percent}#\n` }),
      undefined,
      '2024-03-15',
    );

    expect(schedule.amount).toBe(dec2(payable));
    expect(schedule.discount?.amount).toBe(amount);
  });

  it('computes the discount on the amount due (BT-115), not on the gross, when part was prepaid', () => {
    const invoice = invoiceWith({ paymentTerms: '#SKONTO#TAGE=14#PROZENT=2.00#\n' });
    const prepaid = { ...invoice, totals: { ...invoice.totals, prepaid: '132.84', payable: '200.00' } };

    expect(paymentSchedule(prepaid, undefined, '2024-03-15').discount).toEqual({
      percent: '2',
      amount: '4.00',
      until: '2024-03-29',
    });
  });

  it('computes the discount on BASISBETRAG when the syntax names one', () => {
    const schedule = paymentSchedule(
      invoiceWith({ paymentTerms: '#SKONTO#TAGE=14#PROZENT=3.00#BASISBETRAG=150.00#\n' }),
      undefined,
      '2024-03-15',
    );

    expect(schedule.discount?.amount).toBe('4.50');
  });

  it('takes the discount amount the CII states', () => {
    const schedule = paymentSchedule(
      invoiceWith({
        paymentDiscountTerms: [{ period: '14', periodUnit: 'DAY', percent: '2', amount: '5.80' }],
      }),
      undefined,
      '2024-03-15',
    );

    expect(schedule.discount?.amount).toBe('5.80');
  });

  it('keeps every level and chooses the best one still open on the reference date', () => {
    const invoice = invoiceWith({
      paymentTerms: '#SKONTO#TAGE=7#PROZENT=3.00#\n#SKONTO#TAGE=14#PROZENT=2.00#\n',
    });

    const early = paymentSchedule(invoice, undefined, '2024-03-20');
    const later = paymentSchedule(invoice, undefined, '2024-03-25');
    const late = paymentSchedule(invoice, undefined, '2024-04-10');

    expect(early.discount).toEqual({ percent: '3', amount: '9.99', until: '2024-03-22' }); // 9.9852
    expect(later.discount).toEqual({ percent: '2', amount: '6.66', until: '2024-03-29' });
    expect(late.discount).toEqual(later.discount); // lost, kept for the report
    expect(early.discountLevels).toHaveLength(2);
  });

  it.each([
    [{ typeCode: '381' }, 'NOTHING_TO_PAY'],
    [{ payable: '0.00' }, 'NOTHING_TO_PAY'],
    [{ payable: '' }, 'NO_AMOUNT'],
  ] as const)('refuses %j with %s', (fields, code) => {
    const invoice = invoiceWith(fields);

    expect(() => paymentSchedule(invoice, undefined, '2024-03-15')).toThrowError(PaymentError);
    expect(() => paymentSchedule(invoice, undefined, '2024-03-15')).toThrowError(
      expect.objectContaining({ code }),
    );
  });

  it('never pays an account the vendor master does not know', () => {
    const invoice = invoiceWith({
      payment: { accounts: [{ iban: 'DE02120300000000202051' }] },
    });

    expect(() => buildPayment({ invoice, vendor: VENDOR, asOf: '2024-03-15' })).toThrowError(
      expect.objectContaining({ code: 'ACCOUNT_NOT_VERIFIED' }),
    );
    expect(() => buildPayment({ invoice, asOf: '2024-03-15' })).toThrowError(
      expect.objectContaining({ code: 'ACCOUNT_NOT_VERIFIED' }),
    );
  });

  it('pays a verified account given by the caller, or the vendor account when the invoice names none', () => {
    const foreign = invoiceWith({ payment: { accounts: [{ iban: 'DE02 1203 0000 0000 2020 51' }] } });
    const none = invoiceWith({ payment: { accounts: [] } });

    expect(
      buildPayment({ invoice: foreign, asOf: '2024-03-15', account: { iban: 'DE02 1203 0000 0000 2020 51' } })
        .iban,
    ).toBe('DE02120300000000202051');
    expect(buildPayment({ invoice: none, vendor: VENDOR, asOf: '2024-03-15' })).toMatchObject({
      iban: 'DE89370400440532013000',
    });
    expect(() => buildPayment({ invoice: none, asOf: '2024-03-15' })).toThrowError(
      expect.objectContaining({ code: 'NO_ACCOUNT' }),
    );
  });
});

describe('amountToPay', () => {
  const payment = buildPayment({
    invoice: invoiceWith({ paymentTerms: '#SKONTO#TAGE=7#PROZENT=3.00#\n#SKONTO#TAGE=14#PROZENT=2.00#\n' }),
    vendor: VENDOR,
    asOf: '2024-03-15',
  });

  it.each([
    ['2024-03-15', '322.85', '3'],
    ['2024-03-22', '322.85', '3'], // the last day counts
    ['2024-03-23', '326.18', '2'],
    ['2024-03-29', '326.18', '2'],
    ['2024-03-30', '332.84', undefined],
  ])('on %s pays %s (discount percent %s)', (date, amount, percent) => {
    const due = amountToPay(payment, date);

    expect(due.amount).toBe(amount);
    expect(due.discount?.percent).toBe(percent);
  });

  it('pays the full amount when there is no discount', () => {
    expect(amountToPay({ amount: '119.00', dueDate: '2024-04-01' }, '2024-03-01')).toEqual({
      amount: '119.00',
    });
  });
});

function dec2(value: string): string {
  const [int, frac = ''] = value.split('.');
  return `${int}.${frac.padEnd(2, '0').slice(0, 2)}`;
}
