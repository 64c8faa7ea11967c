import { describe, expect, it } from 'vitest';
import {
  ISO_6523_ICD,
  inList,
  UNECE_REC20_REC21,
  VATEX,
} from '../../../functions/core/validation/en16931/codelists';
import { ciiInvoice, fatalRules, swap, ublInvoice } from './fixtures';

/** The code-list rules (BR-CL-*) and the two-decimal rules (BR-DEC-*), in both syntaxes. */

type Edit = (xml: string) => string;
const CASES: { rule: string; when: string; cii: Edit; ubl: Edit }[] = [
  {
    rule: 'BR-CL-01',
    when: 'the invoice type code is not in UNTDID 1001',
    cii: (x) => swap(x, '<ram:TypeCode>380</ram:TypeCode>', '<ram:TypeCode>999</ram:TypeCode>'),
    ubl: (x) =>
      swap(
        x,
        '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>',
        '<cbc:InvoiceTypeCode>381</cbc:InvoiceTypeCode>',
      ),
  },
  {
    rule: 'BR-CL-04',
    when: 'the invoice currency is not ISO 4217',
    cii: (x) =>
      swap(
        x,
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
        '<ram:InvoiceCurrencyCode>EURO</ram:InvoiceCurrencyCode>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
        '<cbc:DocumentCurrencyCode>EURO</cbc:DocumentCurrencyCode>',
      ),
  },
  {
    rule: 'BR-CL-03',
    when: 'an amount currency is not ISO 4217',
    cii: (x) => swap(x, '<ram:TaxTotalAmount currencyID="EUR">', '<ram:TaxTotalAmount currencyID="XYZ">'),
    ubl: (x) => swap(x, '<cbc:PayableAmount currencyID="EUR">', '<cbc:PayableAmount currencyID="XYZ">'),
  },
  {
    rule: 'BR-CL-14',
    when: 'a country code is not ISO 3166-1',
    cii: (x) => swap(x, '<ram:CountryID>DE</ram:CountryID>', '<ram:CountryID>DEU</ram:CountryID>'),
    ubl: (x) =>
      swap(
        x,
        '<cbc:IdentificationCode>DE</cbc:IdentificationCode>',
        '<cbc:IdentificationCode>DEU</cbc:IdentificationCode>',
      ),
  },
  {
    rule: 'BR-CL-18',
    when: 'a line VAT category is not UNTDID 5305',
    cii: (x) => swap(x, '<ram:CategoryCode>S</ram:CategoryCode>', '<ram:CategoryCode>X</ram:CategoryCode>'),
    ubl: (x) =>
      swap(
        x,
        '<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>',
        '<cac:ClassifiedTaxCategory><cbc:ID>X</cbc:ID>',
      ),
  },
  {
    rule: 'BR-CL-23',
    when: 'a unit code is not UN/ECE Rec 20/21',
    cii: (x) => swap(x, 'unitCode="C62"', 'unitCode="PCS"'),
    ubl: (x) => swap(x, 'unitCode="C62"', 'unitCode="PCS"'),
  },
  {
    rule: 'BR-CL-25',
    when: 'an electronic address scheme is not in the EAS list',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Buyer AG</ram:Name>',
        '<ram:Name>Buyer AG</ram:Name><ram:URIUniversalCommunication><ram:URIID schemeID="9958">x</ram:URIID></ram:URIUniversalCommunication>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:AccountingCustomerParty><cac:Party>',
        '<cac:AccountingCustomerParty><cac:Party><cbc:EndpointID schemeID="9958">x</cbc:EndpointID>',
      ),
  },
  {
    rule: 'BR-CL-16',
    when: 'a payment means code is not UNTDID 4461',
    cii: (x) =>
      swap(
        x,
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
        '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>99</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:TaxTotal>',
        '<cac:PaymentMeans><cbc:PaymentMeansCode>99</cbc:PaymentMeansCode></cac:PaymentMeans><cac:TaxTotal>',
      ),
  },
  {
    rule: 'BR-CL-22',
    when: 'an exemption reason code is not VATEX',
    cii: (x) =>
      swap(
        x,
        '<ram:TypeCode>VAT</ram:TypeCode><ram:BasisAmount>',
        '<ram:TypeCode>VAT</ram:TypeCode><ram:ExemptionReasonCode>VATEX-XX</ram:ExemptionReasonCode><ram:BasisAmount>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:Percent>19</cbc:Percent><cac:TaxScheme>',
        '<cbc:Percent>19</cbc:Percent><cbc:TaxExemptionReasonCode>VATEX-XX</cbc:TaxExemptionReasonCode><cac:TaxScheme>',
      ),
  },
];

// The allowance reason case needs an allowance: build it from the spec instead of editing.
const withAllowanceReason = (code: string) => ({
  allowanceCharges: [{ charge: false, amount: '10.00', reasonCode: code }],
});

describe.each(['cii', 'ubl'] as const)('code-list rules in %s', (syntax) => {
  const build = syntax === 'cii' ? ciiInvoice : ublInvoice;

  it.each(CASES)('flags $rule when $when', ({ rule, cii, ubl }) => {
    const correct = build();
    const broken = (syntax === 'cii' ? cii : ubl)(correct);

    expect(fatalRules(correct)).not.toContain(rule);
    expect(fatalRules(broken)).toContain(rule);
  });

  it('flags BR-CL-19 when an allowance reason code is not UNTDID 5189', () => {
    expect(fatalRules(build(withAllowanceReason('95')))).not.toContain('BR-CL-19');
    expect(fatalRules(build(withAllowanceReason('ZZZ')))).toContain('BR-CL-19');
  });

  it('flags BR-DEC-23 when a line net amount has three decimals', () => {
    const broken = build({
      lines: [{ net: '100.001', category: 'S', rate: '19' }],
      totals: { lines: '100.00', net: '100.00' },
    });

    expect(fatalRules(broken)).toContain('BR-DEC-23');
  });

  it('flags BR-DEC-01 when a document allowance amount has three decimals', () => {
    const broken = build({
      allowanceCharges: [{ charge: false, amount: '10.005' }],
      totals: { allowances: '10.01', net: '89.99' },
    });

    expect(fatalRules(broken)).toContain('BR-DEC-01');
  });

  it('flags BR-DEC-12 and BR-DEC-18 on totals with more than two decimals', () => {
    const broken = build({ totals: { net: '100.000', due: '119.000' } });

    expect(fatalRules(broken)).toEqual(expect.arrayContaining(['BR-DEC-12', 'BR-DEC-18']));
  });

  it('flags BR-DEC-19 and BR-DEC-20 on a breakdown with more than two decimals', () => {
    const broken = build({ breakdown: [{ category: 'S', rate: '19', basis: '100.000', tax: '19.000' }] });

    expect(fatalRules(broken)).toEqual(expect.arrayContaining(['BR-DEC-19', 'BR-DEC-20']));
  });
});

describe('code lists', () => {
  it('matches a code only as a whole normalised token', () => {
    expect(inList(VATEX, ' VATEX-EU-IC ')).toBe(true);
    expect(inList(VATEX, 'VATEX-EU')).toBe(false);
    expect(inList(UNECE_REC20_REC21, 'C62 H87')).toBe(false);
    expect(inList(UNECE_REC20_REC21, '')).toBe(false);
  });

  it('lists the ISO 6523 ICD codes 0002-0238 without the withdrawn ones', () => {
    expect(ISO_6523_ICD.has('0002')).toBe(true);
    expect(ISO_6523_ICD.has('0238')).toBe(true);
    expect(ISO_6523_ICD.has('0092')).toBe(false);
    expect(ISO_6523_ICD.has('0239')).toBe(false);
  });

  it('accepts the SEPA creditor identifier only for the seller or payee in UBL (BR-CL-10)', () => {
    const seller = swap(
      ublInvoice(),
      '<cac:AccountingSupplierParty><cac:Party>',
      '<cac:AccountingSupplierParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>',
    );
    const buyer = swap(
      ublInvoice(),
      '<cac:AccountingCustomerParty><cac:Party>',
      '<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>',
    );

    expect(fatalRules(seller)).not.toContain('BR-CL-10');
    expect(fatalRules(buyer)).toContain('BR-CL-10');
  });
});
