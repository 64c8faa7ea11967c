import { describe, expect, it } from 'vitest';
import { ciiInvoice, fatalRules, ublInvoice } from './fixtures';

/** Document totals (BG-22): BR-12..15 and the calculation rules BR-CO-10..BR-CO-16. */

const builders = { cii: ciiInvoice, ubl: ublInvoice };

describe.each(['cii', 'ubl'] as const)('document totals in %s', (syntax) => {
  const build = builders[syntax];

  it('flags BR-CO-10 when the line sum (BT-106) differs from the sum of line amounts (BT-131)', () => {
    const broken = build({ totals: { lines: '100.01' } });

    expect(fatalRules(build())).not.toContain('BR-CO-10');
    expect(fatalRules(broken)).toContain('BR-CO-10');
  });

  it('accepts BR-CO-10 when line amounts add up only after rounding to two decimals', () => {
    // Three lines of 33.333 are not allowed (BR-DEC-23), but the sum rule itself rounds: 99.999 -> 100.00.
    const lines = [
      { net: '33.333', category: 'S', rate: '19' },
      { net: '33.333', category: 'S', rate: '19' },
      { net: '33.333', category: 'S', rate: '19' },
    ];
    const rules = fatalRules(
      build({ lines, totals: { lines: '100.00', net: '100.00', gross: '119.00', due: '119.00' } }),
    );

    expect(rules).not.toContain('BR-CO-10');
    expect(rules).toContain('BR-DEC-23');
  });

  it('rounds half-cent sums towards positive infinity as XPath round() does', () => {
    // Lines of -0.005 and 0 sum to -0.005, which rounds to -0.00 (not -0.01).
    const lines = [
      { net: '-0.005', category: 'S', rate: '19' },
      { net: '0.00', category: 'S', rate: '19' },
    ];
    const zero = build({
      lines,
      totals: { lines: '0.00', net: '0.00', vat: '0.00', gross: '0.00', due: '0.00' },
    });
    const minusCent = build({
      lines,
      totals: { lines: '-0.01', net: '-0.01', vat: '0.00', gross: '-0.01', due: '-0.01' },
    });

    expect(fatalRules(zero)).not.toContain('BR-CO-10');
    expect(fatalRules(minusCent)).toContain('BR-CO-10');
  });

  it('flags BR-CO-11 when the allowance total (BT-107) differs from the allowances (BT-92)', () => {
    const allowanceCharges = [{ charge: false, amount: '10.00' }];
    const broken = build({ allowanceCharges, totals: { allowances: '9.00' } });

    expect(fatalRules(build({ allowanceCharges }))).not.toContain('BR-CO-11');
    expect(fatalRules(broken)).toContain('BR-CO-11');
  });

  it('flags BR-CO-12 when a charge is given without the charge total (BT-108)', () => {
    const allowanceCharges = [{ charge: true, amount: '5.00', reasonCode: 'FC' }];
    const broken = build({ allowanceCharges, totals: { charges: undefined, net: '105.00' } });

    expect(fatalRules(build({ allowanceCharges }))).not.toContain('BR-CO-12');
    expect(fatalRules(broken)).toContain('BR-CO-12');
  });

  it('flags BR-CO-13 when the net total (BT-109) is not lines - allowances + charges', () => {
    const broken = build({ totals: { net: '90.00' } });

    expect(fatalRules(build())).not.toContain('BR-CO-13');
    expect(fatalRules(broken)).toContain('BR-CO-13');
  });

  it('flags BR-CO-14 when the VAT total (BT-110) differs from the breakdown (BT-117)', () => {
    const broken = build({ totals: { vat: '18.00', gross: '118.00', due: '118.00' } });

    expect(fatalRules(broken)).toContain('BR-CO-14');
    expect(fatalRules(broken)).not.toContain('BR-CO-15');
  });

  it('flags BR-CO-15 when the gross total (BT-112) is not net + VAT', () => {
    const broken = build({ totals: { gross: '120.00', due: '120.00' } });

    expect(fatalRules(build())).not.toContain('BR-CO-15');
    expect(fatalRules(broken)).toContain('BR-CO-15');
  });

  it('flags BR-CO-16 when the amount due (BT-115) ignores the paid amount (BT-113)', () => {
    const correct = build({ totals: { paid: '19.00', due: '100.00' } });
    const broken = build({ totals: { paid: '19.00', due: '119.00' } });

    expect(fatalRules(correct)).not.toContain('BR-CO-16');
    expect(fatalRules(broken)).toContain('BR-CO-16');
  });

  it('accepts BR-CO-16 with a rounding amount (BT-114)', () => {
    const correct = build({ totals: { rounding: '0.01', gross: '119.00', due: '119.01' } });

    expect(fatalRules(correct)).not.toContain('BR-CO-16');
  });

  it('flags BR-12..BR-15 when the document totals lack their amounts', () => {
    const summation =
      syntax === 'cii'
        ? /<ram:SpecifiedTradeSettlementHeaderMonetarySummation>[\s\S]*?<\/ram:SpecifiedTradeSettlementHeaderMonetarySummation>/
        : /<cac:LegalMonetaryTotal>[\s\S]*?<\/cac:LegalMonetaryTotal>/;
    const empty =
      syntax === 'cii'
        ? '<ram:SpecifiedTradeSettlementHeaderMonetarySummation/>'
        : '<cac:LegalMonetaryTotal/>';

    const rules = fatalRules(build().replace(summation, empty));

    expect(rules).toEqual(expect.arrayContaining(['BR-12', 'BR-13', 'BR-14', 'BR-15']));
  });
});

describe('binding differences in the totals', () => {
  it('does not require rounding in UBL BR-CO-13 without allowances and charges, only equality', () => {
    const ubl = ublInvoice({ totals: { net: '100.001', gross: '119.00', due: '119.00' } });

    expect(fatalRules(ubl)).toContain('BR-CO-13');
  });

  it('accepts a TaxTotalAmount in the accounting currency (BT-111) for BR-53 in CII', () => {
    const correct = ciiInvoice()
      .replace(
        '<ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount>',
        '<ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount><ram:TaxTotalAmount currencyID="CHF">18.00</ram:TaxTotalAmount>',
      )
      .replace(
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
        '<ram:TaxCurrencyCode>CHF</ram:TaxCurrencyCode><ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
      );
    const broken = correct.replace('<ram:TaxTotalAmount currencyID="CHF">18.00</ram:TaxTotalAmount>', '');

    expect(fatalRules(correct)).not.toContain('BR-53');
    expect(fatalRules(broken)).toContain('BR-53');
  });
});
