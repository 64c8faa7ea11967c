import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import {
  discountTermsFromCii,
  parsePaymentTermsText,
  parseXRechnungSkonto,
} from '../../../functions/core/payment';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';

describe('parseXRechnungSkonto (BT-20 syntax)', () => {
  it('reads one level with its days and percentage', () => {
    expect(parseXRechnungSkonto('#SKONTO#TAGE=14#PROZENT=2.00#\n')).toEqual([
      { percent: '2', days: 14, source: 'xrechnung' },
    ]);
  });

  it('reads several levels, each line one level, with an optional base amount', () => {
    const text = '#SKONTO#TAGE=7#PROZENT=3.00#\n#SKONTO#TAGE=14#PROZENT=1.50#BASISBETRAG=200.00#\n';

    expect(parseXRechnungSkonto(text)).toEqual([
      { percent: '3', days: 7, source: 'xrechnung' },
      { percent: '1.5', days: 14, baseAmount: '200', source: 'xrechnung' },
    ]);
  });

  it('keeps free text around the lines and ignores 0 % levels and late-payment interest (VERZUG)', () => {
    const text =
      'Zahlbar innerhalb 30 Tagen.\n#SKONTO#TAGE=10#PROZENT=2.00#\n#SKONTO#TAGE=30#PROZENT=0.00#\n#VERZUG#TAGE=31#PROZENT=5.00#\n';

    expect(parseXRechnungSkonto(text)).toEqual([{ percent: '2', days: 10, source: 'xrechnung' }]);
  });

  it('reads the KoSIT business case 01.10a payment terms (three levels, last one 0 %)', () => {
    const text =
      '#SKONTO#TAGE=7#PROZENT=2.00#\n#SKONTO#TAGE=14#PROZENT=1.00#\n#SKONTO#TAGE=30#PROZENT=0.00#\n';

    expect(parseXRechnungSkonto(text).map((t) => [t.days, t.percent])).toEqual([
      [7, '2'],
      [14, '1'],
    ]);
  });

  it('finds nothing in text without the syntax', () => {
    expect(parseXRechnungSkonto('2 % Skonto bei Zahlung innerhalb von 14 Tagen')).toEqual([]);
    expect(parseXRechnungSkonto(undefined)).toEqual([]);
  });
});

describe('CII ApplicableTradePaymentDiscountTerms', () => {
  it('round-trips through the CII writer and reader and becomes a discount term', () => {
    // Prepare
    const xml = writeCii(
      sampleInvoice({
        paymentTerms: 'Skonto',
        paymentDiscountTerms: [
          {
            basisDate: '2024-03-15',
            period: '10',
            periodUnit: 'DAY',
            basisAmount: '250.00',
            percent: '2.00',
          },
          { period: '2', periodUnit: 'WEE', percent: '1.00', amount: '2.92' },
        ],
      }),
      { profile: 'EXTENDED' },
    );

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.paymentDiscountTerms).toEqual([
      { basisDate: '2024-03-15', period: '10', periodUnit: 'DAY', basisAmount: '250.00', percent: '2.00' },
      { period: '2', periodUnit: 'WEE', percent: '1.00', amount: '2.92' },
    ]);
    expect(discountTermsFromCii(invoice.paymentDiscountTerms)).toEqual([
      { percent: '2', days: 10, baseDate: '2024-03-15', baseAmount: '250', source: 'cii' },
      { percent: '1', days: 14, amount: '2.92', source: 'cii' },
    ]);
  });

  it('leaves the field out when the invoice has no discount terms', () => {
    expect(readEInvoiceXml(writeCii(sampleInvoice())).invoice.paymentDiscountTerms).toBeUndefined();
  });

  it('drops levels without a percentage, without a period or counted in months', () => {
    expect(
      discountTermsFromCii([
        { period: '10', periodUnit: 'DAY' },
        { percent: '2' },
        { period: '1', periodUnit: 'MON', percent: '2' },
        { period: '0', periodUnit: 'DAY', percent: '0' },
      ]),
    ).toEqual([]);
  });
});

describe('parsePaymentTermsText (German free text on PDFs)', () => {
  it.each([
    ['2 % Skonto bei Zahlung innerhalb von 14 Tagen', { discounts: [{ percent: '2', days: 14 }] }],
    ['zahlbar bis 15.01.2027 abzüglich 3 % Skonto', { discounts: [{ percent: '3', until: '2027-01-15' }] }],
    [
      'Bei Zahlung bis 10.01.2027 2 % Skonto, danach netto bis 31.01.2027',
      { discounts: [{ percent: '2', until: '2027-01-10' }], dueDate: '2027-01-31' },
    ],
    [
      'innerhalb 10 Tagen 2 % Skonto, 30 Tage netto',
      { discounts: [{ percent: '2', days: 10 }], netDays: 30 },
    ],
    [
      'Zahlbar innerhalb von 14 Tagen mit 2,5 % Skonto oder innerhalb von 30 Tagen ohne Abzug.',
      { discounts: [{ percent: '2.5', days: 14 }], netDays: 30 },
    ],
    [
      'Bei Zahlung innerhalb von 8 Tagen, 3 % Skonto. Zahlungsziel 30 Tage.',
      { discounts: [{ percent: '3', days: 8 }], netDays: 30 },
    ],
    [
      '3 % Skonto innerhalb 7 Tagen, 2 % innerhalb 14 Tagen, 45 Tage netto',
      {
        discounts: [
          { percent: '3', days: 7 },
          { percent: '2', days: 14 },
        ],
        netDays: 45,
      },
    ],
    ['Skonto: 2 % bis 12.12.2026', { discounts: [{ percent: '2', until: '2026-12-12' }] }],
    ['Bei Zahlung innerhalb 14 Tagen gewähren wir 2,0% Skonto.', { discounts: [{ percent: '2', days: 14 }] }],
    [
      'Skontovereinbarung: 2% bei Zahlung innerhalb 10 Tagen nach Rechnungsdatum',
      { discounts: [{ percent: '2', days: 10 }] },
    ],
    ['2 Prozent Skonto bei Zahlung binnen 2 Wochen', { discounts: [{ percent: '2', days: 14 }] }],
    [
      '2% discount if paid within 10 days, net 30 days',
      { discounts: [{ percent: '2', days: 10 }], netDays: 30 },
    ],
    ['Zahlbar innerhalb von 30 Tagen ohne Abzug.', { discounts: [], netDays: 30 }],
    ['Zahlbar bis zum 15. Januar 2027 ohne Abzug', { discounts: [], dueDate: '2027-01-15' }],
    ['Der Rechnungsbetrag ist sofort fällig.', { discounts: [], netDays: 0 }],
  ])('reads "%s"', (text, expected) => {
    const parsed = parsePaymentTermsText(text);

    expect(parsed).toEqual({
      ...expected,
      discounts: expected.discounts.map((d) => ({ ...d, source: 'text' })),
    });
  });

  it.each([
    'Im Rechnungsbetrag sind 19 % USt enthalten. Zahlbar innerhalb 14 Tagen.',
    'Bei Zahlungsverzug berechnen wir Verzugszinsen von 9 % über dem Basiszinssatz nach 30 Tagen.',
    'Rabatt 10 % auf alle Artikel',
  ])('reads no discount from "%s"', (text) => {
    expect(parsePaymentTermsText(text).discounts).toEqual([]);
  });

  it('reads net days but no discount when the VAT sentence sits next to the terms', () => {
    expect(
      parsePaymentTermsText('Im Rechnungsbetrag sind 19 % USt enthalten. Zahlbar innerhalb 14 Tagen.'),
    ).toEqual({
      discounts: [],
      netDays: 14,
    });
  });

  it('finds nothing in empty text', () => {
    expect(parsePaymentTermsText('')).toEqual({ discounts: [] });
    expect(parsePaymentTermsText(undefined)).toEqual({ discounts: [] });
  });
});
