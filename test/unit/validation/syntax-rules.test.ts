import { describe, expect, it } from 'vitest';
import { ciiInvoice, fatalRules, swap, ublInvoice } from './fixtures';

/** The fatal syntax-binding rules: CII-SR / CII-DT for CII, UBL-SR / UBL-DT / UBL-CR for UBL. */

const SETTLEMENT = '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>';

describe('CII syntax rules', () => {
  it('flags CII-DT-031 when an amount other than TaxTotalAmount carries a currencyID', () => {
    const broken = swap(ciiInvoice(), '<ram:GrandTotalAmount>', '<ram:GrandTotalAmount currencyID="EUR">');

    expect(fatalRules(ciiInvoice())).not.toContain('CII-DT-031');
    expect(fatalRules(broken)).toEqual(['CII-DT-031']);
  });

  it('flags CII-SR-010 when the specification identifier occurs twice', () => {
    const broken = swap(
      ciiInvoice(),
      '<ram:ID>urn:cen.eu:en16931:2017</ram:ID>',
      '<ram:ID>urn:cen.eu:en16931:2017</ram:ID><ram:ID>x</ram:ID>',
    );

    expect(fatalRules(broken)).toContain('CII-SR-010');
  });

  it('flags CII-SR-439 when a line has no net price', () => {
    const broken = ciiInvoice().replace(
      /<ram:NetPriceProductTradePrice>.*?<\/ram:NetPriceProductTradePrice>/,
      '',
    );

    expect(fatalRules(broken)).toEqual(expect.arrayContaining(['BR-26', 'CII-SR-439']));
  });

  it('flags CII-SR-463 when an allowance or charge has no charge indicator', () => {
    const broken = ciiInvoice({ allowanceCharges: [{ charge: false, amount: '10.00' }] }).replace(
      /<ram:ChargeIndicator>.*?<\/ram:ChargeIndicator>/,
      '',
    );

    expect(fatalRules(broken)).toContain('CII-SR-463');
  });

  it('flags CII-SR-467 when two payment instructions name different payment means', () => {
    const means = (code: string) =>
      `<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>${code}</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>`;
    const same = swap(ciiInvoice(), SETTLEMENT, SETTLEMENT + means('10') + means('10'));
    const different = swap(ciiInvoice(), SETTLEMENT, SETTLEMENT + means('10') + means('48'));

    expect(fatalRules(same)).not.toContain('CII-SR-467');
    expect(fatalRules(different)).toContain('CII-SR-467');
  });

  it('flags CII-SR-470 when a credit transfer has no IBAN or proprietary account id', () => {
    const broken = swap(
      ciiInvoice(),
      SETTLEMENT,
      `${SETTLEMENT}<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode></ram:SpecifiedTradeSettlementPaymentMeans>`,
    );

    expect(fatalRules(broken)).toContain('CII-SR-470');
  });

  it('flags CII-SR-487 when the amount due occurs twice', () => {
    const broken = swap(
      ciiInvoice(),
      '<ram:DuePayableAmount>119.00</ram:DuePayableAmount>',
      '<ram:DuePayableAmount>119.00</ram:DuePayableAmount><ram:DuePayableAmount>119.00</ram:DuePayableAmount>',
    );

    expect(fatalRules(broken)).toContain('CII-SR-487');
  });

  it('flags CII-DT-088 when a postal address uses StreetName', () => {
    const broken = swap(
      ciiInvoice(),
      '<ram:CountryID>DE</ram:CountryID>',
      '<ram:StreetName>Main</ram:StreetName><ram:CountryID>DE</ram:CountryID>',
    );

    expect(fatalRules(broken)).toContain('CII-DT-088');
  });

  it('flags CII-DT-097 when a format-102 date is not YYYYMMDD', () => {
    const broken = swap(ciiInvoice(), '20240131', '2024-01-31');

    expect(fatalRules(broken)).toContain('CII-DT-097');
  });

  it('flags CII-DT-037 when a trade tax has a type code other than VAT', () => {
    const broken = swap(ciiInvoice(), '<ram:TypeCode>VAT</ram:TypeCode>', '<ram:TypeCode>GST</ram:TypeCode>');

    expect(fatalRules(broken)).toContain('CII-DT-037');
  });

  it('flags CII-DT-005 on the invoice number with a schemeID and CII-DT-101 on other identifiers with a schemeName', () => {
    const scoped = swap(ciiInvoice(), '<ram:ID>INV-1</ram:ID>', '<ram:ID schemeID="x">INV-1</ram:ID>');
    const other = swap(ciiInvoice(), '<ram:ID schemeID="VA">', '<ram:ID schemeID="VA" schemeName="vat">');

    expect(fatalRules(scoped)).toContain('CII-DT-005');
    expect(fatalRules(other)).toContain('CII-DT-101');
    expect(fatalRules(other)).not.toContain('CII-DT-001');
  });

  it('lets the //ram:TypeCode rule claim the document type code, so CII-DT-010 never fires', () => {
    const xml = swap(
      ciiInvoice(),
      '<ram:TypeCode>380</ram:TypeCode>',
      '<ram:TypeCode listID="1001">380</ram:TypeCode>',
    );

    expect(fatalRules(xml)).not.toContain('CII-DT-010');
  });
});

describe('UBL syntax rules', () => {
  it('flags UBL-SR-48 when a line has no classified tax category', () => {
    const broken = ublInvoice().replace(/<cac:ClassifiedTaxCategory>.*?<\/cac:ClassifiedTaxCategory>/, '');

    expect(fatalRules(ublInvoice())).not.toContain('UBL-SR-48');
    expect(fatalRules(broken)).toEqual(expect.arrayContaining(['UBL-SR-48', 'BR-CO-04']));
  });

  it('flags UBL-DT-01 on an amount with three decimals, but not on a price', () => {
    const amount = swap(
      ublInvoice(),
      '<cbc:PayableAmount currencyID="EUR">119.00',
      '<cbc:PayableAmount currencyID="EUR">119.000',
    );
    const price = swap(
      ublInvoice(),
      '<cbc:PriceAmount currencyID="EUR">100.00',
      '<cbc:PriceAmount currencyID="EUR">100.0001',
    );

    expect(fatalRules(amount)).toContain('UBL-DT-01');
    expect(fatalRules(price)).not.toContain('UBL-DT-01');
  });

  it('flags UBL-DT-06 and UBL-DT-07 on an attachment without mime code and file name', () => {
    const broken = swap(
      ublInvoice(),
      '<cac:AccountingSupplierParty>',
      '<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject>AAAA</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>',
    );

    expect(fatalRules(broken)).toEqual(expect.arrayContaining(['UBL-DT-06', 'UBL-DT-07']));
  });

  it('flags UBL-SR-47 when payment means codes differ', () => {
    const means = (code: string) =>
      `<cac:PaymentMeans><cbc:PaymentMeansCode>${code}</cbc:PaymentMeansCode></cac:PaymentMeans>`;
    const broken = swap(ublInvoice(), '<cac:TaxTotal>', `${means('10')}${means('48')}<cac:TaxTotal>`);

    expect(fatalRules(broken)).toContain('UBL-SR-47');
  });

  it('flags UBL-SR-53 when a party tax scheme has no company identifier', () => {
    const broken = swap(ublInvoice(), '<cbc:CompanyID>DE123456789</cbc:CompanyID>', '');

    expect(fatalRules(broken)).toContain('UBL-SR-53');
  });

  it('flags UBL-SR-51 when an address has two extra address lines', () => {
    const broken = swap(
      ublInvoice(),
      '<cac:PostalAddress>',
      '<cac:PostalAddress><cac:AddressLine><cbc:Line>a</cbc:Line></cac:AddressLine><cac:AddressLine><cbc:Line>b</cbc:Line></cac:AddressLine>',
    );

    expect(fatalRules(broken)).toContain('UBL-SR-51');
  });

  it('flags UBL-CR-666 when an invoiced object identifier carries an attachment', () => {
    const broken = swap(
      ublInvoice(),
      '<cac:AccountingSupplierParty>',
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="ABT">O1</cbc:ID><cbc:DocumentTypeCode>130</cbc:DocumentTypeCode><cac:Attachment/></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>',
    );

    expect(fatalRules(broken)).toContain('UBL-CR-666');
  });

  it('flags UBL-SR-43 when a supporting document carries a scheme identifier', () => {
    const broken = swap(
      ublInvoice(),
      '<cac:AccountingSupplierParty>',
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="ABT">D1</cbc:ID></cac:AdditionalDocumentReference><cac:AccountingSupplierParty>',
    );

    expect(fatalRules(broken)).toContain('UBL-SR-43');
  });
});
