import { describe, expect, it } from 'vitest';
import {
  type AllowanceChargeSpec,
  ciiInvoice,
  fatalRules,
  type InvoiceSpec,
  swap,
  ublInvoice,
} from './fixtures';

/**
 * The VAT category rules (BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O and IGIC/IPSI), in both
 * syntaxes. CII numbers IGIC/IPSI BR-AF/BR-AG, UBL BR-IG/BR-IP.
 */

const builders = { cii: ciiInvoice, ubl: ublInvoice };

/** A correct single-category invoice: line, breakdown and the parties the category needs. */
function categoryInvoice(code: string, rate: string | null, extra: Partial<InvoiceSpec> = {}): InvoiceSpec {
  return {
    lines: [{ net: '100.00', category: code, rate }],
    buyerVatId: code === 'O' ? undefined : 'FR12345678901',
    sellerVatId: code === 'O' ? null : undefined,
    sellerLegalId: code === 'O' ? 'HRB 12345' : undefined,
    ...extra,
  };
}

const CATEGORIES: { code: string; rate: string | null; cii: string; ubl: string }[] = [
  { code: 'S', rate: '19', cii: 'S', ubl: 'S' },
  { code: 'Z', rate: '0', cii: 'Z', ubl: 'Z' },
  { code: 'E', rate: '0', cii: 'E', ubl: 'E' },
  { code: 'AE', rate: '0', cii: 'AE', ubl: 'AE' },
  { code: 'K', rate: '0', cii: 'IC', ubl: 'IC' },
  { code: 'G', rate: '0', cii: 'G', ubl: 'G' },
  { code: 'O', rate: null, cii: 'O', ubl: 'O' },
  { code: 'L', rate: '7', cii: 'AF', ubl: 'IG' },
  { code: 'M', rate: '4', cii: 'AG', ubl: 'IP' },
];

describe.each(['cii', 'ubl'] as const)('VAT category rules in %s', (syntax) => {
  const build = builders[syntax];

  it.each(CATEGORIES)('accepts a correct invoice in category $code', ({ code, rate }) => {
    expect(fatalRules(build(categoryInvoice(code, rate)))).toEqual([]);
  });

  it('flags BR-O-01 when "not subject to VAT" has two breakdown groups', () => {
    const group = { category: 'O', rate: null, basis: '50.00', tax: '0.00', exemptionReason: 'x' };
    const spec = categoryInvoice('O', null, { breakdown: [group, group] });

    expect(fatalRules(build(spec))).toContain('BR-O-01');
  });

  it.each(CATEGORIES.filter((c) => !['S', 'L', 'M', 'O'].includes(c.code)))(
    'flags the -01 rule of $code when a line uses it without a breakdown',
    ({ code, rate, cii, ubl }) => {
      const spec = categoryInvoice(code, rate, {
        breakdown: [{ category: 'S', rate: '19', basis: '100.00', tax: '0.00' }],
      });
      const prefix = syntax === 'cii' ? cii : ubl;

      expect(fatalRules(build(spec))).toContain(`BR-${prefix}-01`);
    },
  );

  it.each(CATEGORIES.filter((c) => c.rate !== null && c.code !== 'M'))(
    'flags the -05 rule of $code when the line rate is wrong',
    ({ code, cii, ubl }) => {
      const wrongRate = code === 'S' || code === 'L' ? '0' : '5';
      const spec = categoryInvoice(code, wrongRate, {
        breakdown: [{ category: code, rate: wrongRate, basis: '100.00', tax: '0.00' }],
      });
      const prefix = syntax === 'cii' ? cii : ubl;
      // UBL IGIC accepts a zero rate (>= 0), CII does not (> 0).
      const expected = syntax === 'ubl' && code === 'L' ? 'none' : `BR-${prefix}-05`;

      const rules = fatalRules(build(spec));

      if (expected === 'none') expect(rules).not.toContain(`BR-${prefix}-05`);
      else expect(rules).toContain(expected);
    },
  );

  it('flags BR-S-08 when the standard-rated taxable amount differs from its lines', () => {
    const broken = build({
      breakdown: [{ category: 'S', rate: '19', basis: '90.00', tax: '17.10' }],
      totals: { vat: '17.10', gross: '117.10', due: '117.10' },
    });

    expect(fatalRules(broken)).toContain('BR-S-08');
  });

  it('keeps one BR-S-08 sum per VAT rate', () => {
    const spec: InvoiceSpec = {
      lines: [
        { net: '100.00', category: 'S', rate: '19' },
        { net: '50.00', category: 'S', rate: '7' },
      ],
    };
    const swapped: InvoiceSpec = {
      ...spec,
      breakdown: [
        { category: 'S', rate: '19', basis: '50.00', tax: '19.00' },
        { category: 'S', rate: '7', basis: '100.00', tax: '3.50' },
      ],
    };

    expect(fatalRules(build(spec))).toEqual([]);
    expect(fatalRules(build(swapped))).toContain('BR-S-08');
  });

  it('flags BR-S-09 when the standard-rated tax is not taxable amount times rate', () => {
    const broken = build({ breakdown: [{ category: 'S', rate: '19', basis: '100.00', tax: '21.00' }] });

    expect(fatalRules(broken)).toContain('BR-S-09');
  });

  it('flags BR-S-02 when a standard-rated invoice has no seller VAT or tax identifier', () => {
    const broken = build({ sellerVatId: null, sellerLegalId: 'HRB 1' });

    expect(fatalRules(broken)).toContain('BR-S-02');
  });

  it('flags BR-S-10 when a standard-rated breakdown carries an exemption reason', () => {
    const broken = build({
      breakdown: [{ category: 'S', rate: '19', basis: '100.00', tax: '19.00', exemptionReason: 'none' }],
    });

    expect(fatalRules(broken)).toContain('BR-S-10');
  });

  it('flags BR-E-10 when an exempt breakdown has no exemption reason', () => {
    const spec = categoryInvoice('E', '0', {
      breakdown: [{ category: 'E', rate: '0', basis: '100.00', tax: '0.00' }],
    });

    expect(fatalRules(build(spec))).toContain('BR-E-10');
  });

  it('flags BR-E-09 when an exempt breakdown carries tax', () => {
    const spec = categoryInvoice('E', '0', {
      breakdown: [{ category: 'E', rate: '0', basis: '100.00', tax: '1.00', exemptionReason: 'x' }],
    });

    expect(fatalRules(build(spec))).toContain('BR-E-09');
  });

  it('flags BR-AE-02 when a reverse-charge invoice names no buyer VAT or legal identifier', () => {
    const spec = categoryInvoice('AE', '0', { buyerVatId: null });

    expect(fatalRules(build(spec))).toContain('BR-AE-02');
  });

  it('flags BR-IC-02 when an intra-community supply names no buyer VAT identifier', () => {
    const spec = categoryInvoice('K', '0', { buyerVatId: null });

    expect(fatalRules(build(spec))).toContain('BR-IC-02');
  });

  it('flags BR-IC-11 and BR-IC-12 when an intra-community supply has no delivery date and country', () => {
    let xml = build(categoryInvoice('K', '0'));
    xml =
      syntax === 'cii'
        ? xml.replace(
            /<ram:ApplicableHeaderTradeDelivery>[\s\S]*?<\/ram:ApplicableHeaderTradeDelivery>/,
            '<ram:ApplicableHeaderTradeDelivery/>',
          )
        : xml.replace(/<cac:Delivery>[\s\S]*?<\/cac:Delivery>/, '');

    expect(fatalRules(xml)).toEqual(expect.arrayContaining(['BR-IC-11', 'BR-IC-12']));
  });

  it('flags BR-O-02 when a not-subject-to-VAT invoice carries the seller VAT identifier', () => {
    const spec = categoryInvoice('O', null, { sellerVatId: 'DE123456789' });

    expect(fatalRules(build(spec))).toContain('BR-O-02');
  });

  it('flags BR-O-11 when a not-subject-to-VAT invoice has another breakdown', () => {
    const spec = categoryInvoice('O', null, {
      lines: [
        { net: '100.00', category: 'O', rate: null },
        { net: '10.00', category: 'Z', rate: '0' },
      ],
    });

    expect(fatalRules(build(spec))).toContain('BR-O-11');
  });

  it('flags BR-S-06 when a standard-rated allowance has a zero rate', () => {
    const allowance: AllowanceChargeSpec = { charge: false, amount: '10.00', category: 'S', rate: '0' };
    const spec: InvoiceSpec = {
      allowanceCharges: [allowance],
      breakdown: [
        { category: 'S', rate: '19', basis: '100.00', tax: '19.00' },
        { category: 'S', rate: '0', basis: '-10.00', tax: '0.00' },
      ],
      totals: { vat: '19.00', net: '90.00', gross: '109.00', due: '109.00', allowances: '10.00' },
    };

    expect(fatalRules(build(spec))).toContain('BR-S-06');
  });

  it('flags BR-Z-07 when a zero-rated charge has a positive rate', () => {
    const charge: AllowanceChargeSpec = {
      charge: true,
      amount: '5.00',
      category: 'Z',
      rate: '19',
      reasonCode: 'FC',
    };
    const spec: InvoiceSpec = {
      allowanceCharges: [charge],
      breakdown: [
        { category: 'S', rate: '19', basis: '100.00', tax: '19.00' },
        { category: 'Z', rate: '0', basis: '5.00', tax: '0.00' },
      ],
    };

    expect(fatalRules(build(spec))).toContain('BR-Z-07');
  });

  it('flags BR-CO-17 when a breakdown tax amount is off by more than the tolerance', () => {
    const broken = build({
      breakdown: [{ category: 'S', rate: '19', basis: '100.00', tax: '25.00' }],
      totals: { vat: '25.00', gross: '125.00', due: '125.00' },
    });

    expect(fatalRules(broken)).toContain('BR-CO-17');
  });

  it('flags BR-48 when a standard-rated breakdown has no rate', () => {
    const broken = build({ breakdown: [{ category: 'S', rate: null, basis: '100.00', tax: '19.00' }] });

    expect(fatalRules(broken)).toContain('BR-48');
  });
});

describe('tolerances that differ between the bindings', () => {
  it('allows the exempt taxable amount within one unit in CII but demands equality in UBL (BR-E-08)', () => {
    const spec = categoryInvoice('E', '0', {
      breakdown: [{ category: 'E', rate: '0', basis: '100.50', tax: '0.00', exemptionReason: 'x' }],
      totals: { net: '100.00' },
    });

    expect(fatalRules(ciiInvoice(spec))).not.toContain('BR-E-08');
    expect(fatalRules(ublInvoice(spec))).toContain('BR-E-08');
  });

  it('demands an exact standard-rated taxable amount in CII but allows one unit in UBL (BR-S-08)', () => {
    const spec: InvoiceSpec = { breakdown: [{ category: 'S', rate: '19', basis: '100.50', tax: '19.10' }] };

    expect(fatalRules(ciiInvoice(spec))).toContain('BR-S-08');
    expect(fatalRules(ublInvoice(spec))).not.toContain('BR-S-08');
  });

  it('skips the breakdown checks (BR-45..48) of a CII "not subject to VAT" group, as the official rule order does', () => {
    const spec = categoryInvoice('O', null);
    const xml = swap(ciiInvoice(spec), '<ram:BasisAmount>100.00</ram:BasisAmount>', '');

    const rules = fatalRules(xml);

    expect(rules).toContain('BR-O-08');
    expect(rules).not.toContain('BR-45');
  });
});
