import { describe, expect, it } from 'vitest';
import { arithmeticChecks } from '../../../functions/core/checks/arithmetic';
import type { Invoice } from '../../../functions/core/invoice/model';
import { invoice } from './fixtures';

function arithmetic(inv: Invoice) {
  const results = arithmeticChecks(inv);
  return (id: string) => results.find((r) => r.id === id)!;
}

/** 8 lines of 4-decimal prices: rounded lines sum to 87.40, the printed net is 87.39. */
const ROUNDED_LINES = [
  ['CX22', '4.5150'],
  ['CX32', '7.0550'],
  ['Backup', '0.9000'],
  ['Backup 2', '1.4100'],
  ['Volume', '4.4000'],
  ['IP', '3.0000'],
  ['LB11', '5.3900'],
  ['AX41', '60.7200'],
].map(([name, price]) => ({ name: name!, quantity: '1', price: price! }));

describe('arithmetic checks', () => {
  it('passes an invoice whose amounts add up', () => {
    // Act
    const byId = arithmetic(invoice());

    // Assess
    expect(['arithmetic.lines', 'arithmetic.vat', 'arithmetic.totals'].map((id) => byId(id).status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });

  it('tolerates 0.01 per line between the line sum (87.40) and the printed net (87.39) over 8 lines', () => {
    // Prepare
    const inv = invoice({ lines: ROUNDED_LINES, totals: { net: '87.39' } });

    // Act
    const byId = arithmetic(inv);

    // Assess
    expect(inv.totals.lineNet).toBe('87.39');
    expect(byId('arithmetic.totals').status).toBe('pass');
    expect(byId('arithmetic.vat').status).toBe('pass');
  });

  it('flags BR-CO-10 (ARITHMETIC) when the line sum differs from BT-106 by more than 0.01 per line', () => {
    // Prepare: 8 lines allow 0.08; 87.30 is 0.10 away
    const inv = invoice({ lines: ROUNDED_LINES, totals: { lineNet: '87.30' } });

    // Act
    const result = arithmetic(inv)('arithmetic.totals');

    // Assess
    expect(result).toMatchObject({ status: 'fail', code: 'ARITHMETIC' });
    expect(result.message).toContain('BT-106 = sum of line net amounts: expected 87.40, found 87.30');
  });

  it('flags a line whose net is not quantity × price', () => {
    // Prepare
    const inv = invoice({ lines: [{ name: 'Papier', quantity: '20', price: '4.50', net: '95.00' }] });

    // Act
    const result = arithmetic(inv)('arithmetic.lines');

    // Assess
    expect(result.code).toBe('ARITHMETIC');
    expect(result.message).toContain('line 1: 20 × 4.50: expected 90.00, found 95.00');
  });

  it('respects the base quantity (price per 100 pieces)', () => {
    // Prepare: 250 pieces at 12.00 per 100 = 30.00
    const inv = invoice({
      lines: [{ name: 'Schrauben', quantity: '250', price: '12.00', baseQuantity: '100' }],
    });

    // Act + Assess
    expect(inv.lines[0]!.net).toBe('30.00');
    expect(arithmetic(inv)('arithmetic.lines').status).toBe('pass');
  });

  it('allows for the rounding hidden in a printed 4-decimal price (486 × 4.9715 printed as 2416.16)', () => {
    // Prepare
    const inv = invoice({ lines: [{ name: 'Strom', quantity: '486', price: '4.9715', net: '2416.16' }] });

    // Act + Assess
    expect(arithmetic(inv)('arithmetic.lines').status).toBe('pass');
  });

  it('flags VAT per rate that is not taxable amount × rate', () => {
    // Prepare
    const inv = invoice();
    inv.vatBreakdown[0]!.tax = '20.00';

    // Act
    const result = arithmetic(inv)('arithmetic.vat');

    // Assess
    expect(result.status).toBe('fail');
    expect(result.message).toContain('expected 19.00, found 20.00');
  });

  it('flags a line whose VAT rate has no breakdown entry', () => {
    // Prepare
    const inv = invoice({
      lines: [
        { name: 'A', quantity: '1', price: '10' },
        { name: 'B', quantity: '1', price: '10', vatRate: '7' },
      ],
    });
    inv.vatBreakdown = inv.vatBreakdown.filter((b) => b.rate === '19');

    // Act + Assess
    expect(arithmetic(inv)('arithmetic.vat').message).toContain('line 2: VAT S 7 % has no breakdown entry');
  });

  it('checks gross = net + VAT and payable = gross − prepaid + rounding', () => {
    // Prepare
    const wrongGross = invoice({ totals: { gross: '120.00', payable: '120.00' } });
    const prepaid = invoice({ totals: { prepaid: '19.00', payable: '100.00' } });
    const wrongPayable = invoice({ totals: { prepaid: '19.00', payable: '119.00' } });

    // Act + Assess
    expect(arithmetic(wrongGross)('arithmetic.totals').message).toContain(
      'BT-112 = BT-109 + BT-110: expected 119.00, found 120.00',
    );
    expect(arithmetic(prepaid)('arithmetic.totals').status).toBe('pass');
    expect(arithmetic(wrongPayable)('arithmetic.totals').message).toContain('BT-115');
  });

  it('includes document allowances and charges in the net total', () => {
    // Prepare: lines 100, allowance 10, charge 5 -> net 95
    const inv = invoice({
      totals: {
        allowances: '10.00',
        charges: '5.00',
        net: '95.00',
        lineNet: '100.00',
        vat: '18.05',
        gross: '113.05',
        payable: '113.05',
      },
    });
    inv.allowances = [{ amount: '10.00', vatCategory: 'S', vatRate: '19', reason: 'Rabatt' }];
    inv.charges = [{ amount: '5.00', vatCategory: 'S', vatRate: '19', reason: 'Fracht' }];
    inv.vatBreakdown = [{ category: 'S', rate: '19', taxable: '95.00', tax: '18.05' }];

    // Act
    const byId = arithmetic(inv);

    // Assess
    expect(byId('arithmetic.totals').status).toBe('pass');
    expect(byId('arithmetic.vat').status).toBe('pass');
  });

  it('reports unreadable amounts as failures instead of throwing', () => {
    // Prepare
    const inv = invoice();
    inv.lines[0]!.net = 'n/a';
    inv.totals.gross = '';

    // Act
    const byId = arithmetic(inv);

    // Assess
    expect(byId('arithmetic.lines').status).toBe('fail');
    expect(byId('arithmetic.totals').message).toContain('BT-112 total with VAT is not a number');
  });
});
