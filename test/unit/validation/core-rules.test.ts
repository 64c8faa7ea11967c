import { describe, expect, it } from 'vitest';
import { ciiInvoice, fatalRules, reportedRules, swap, ublInvoice } from './fixtures';

/**
 * The core business rules (BR-01..BR-65, BR-CO-03/04/09/18/19/20/26), each in both syntaxes:
 * the correct invoice does not raise the rule, the invoice with one defect does.
 */

type Edit = (xml: string) => string;
interface Case {
  rule: string;
  when: string;
  cii: Edit;
  ubl: Edit;
}

const CII_SETTLEMENT = '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>';
const CII_AGREEMENT = '<ram:ApplicableHeaderTradeAgreement>';
const UBL_HEADER = '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>';
const UBL_BEFORE_TAX = '<cac:TaxTotal>';
const ciiAfter =
  (anchor: string, xml: string): Edit =>
  (doc) =>
    swap(doc, anchor, anchor + xml);
const ublBefore =
  (anchor: string, xml: string): Edit =>
  (doc) =>
    swap(doc, anchor, xml + anchor);

const CASES: Case[] = [
  {
    rule: 'BR-01',
    when: 'the specification identifier (BT-24) is blank',
    cii: (x) => swap(x, 'urn:cen.eu:en16931:2017</ram:ID>', ' </ram:ID>'),
    ubl: (x) => swap(x, 'urn:cen.eu:en16931:2017</cbc:CustomizationID>', '</cbc:CustomizationID>'),
  },
  {
    rule: 'BR-02',
    when: 'the invoice number (BT-1) is missing',
    cii: (x) => swap(x, '<ram:ID>INV-1</ram:ID>', ''),
    ubl: (x) => swap(x, '<cbc:ID>INV-1</cbc:ID>', ''),
  },
  {
    rule: 'BR-03',
    when: 'the issue date (BT-2) is missing',
    cii: (x) =>
      swap(
        x,
        '<udt:DateTimeString format="102">20240131</udt:DateTimeString>',
        '<udt:DateTimeString format="102"></udt:DateTimeString>',
      ),
    ubl: (x) => swap(x, '<cbc:IssueDate>2024-01-31</cbc:IssueDate>', ''),
  },
  {
    rule: 'BR-04',
    when: 'the invoice type code (BT-3) is missing',
    cii: (x) => swap(x, '<ram:TypeCode>380</ram:TypeCode>', '<ram:TypeCode></ram:TypeCode>'),
    ubl: (x) => swap(x, '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', ''),
  },
  {
    rule: 'BR-05',
    when: 'the currency code (BT-5) is missing',
    cii: (x) => swap(x, CII_SETTLEMENT, ''),
    ubl: (x) => swap(x, UBL_HEADER, ''),
  },
  {
    rule: 'BR-06',
    when: 'the seller name (BT-27) is missing',
    cii: (x) => swap(x, '<ram:Name>Seller GmbH</ram:Name>', ''),
    ubl: (x) => swap(x, '<cbc:RegistrationName>Seller GmbH</cbc:RegistrationName>', ''),
  },
  {
    rule: 'BR-07',
    when: 'the buyer name (BT-44) is missing',
    cii: (x) => swap(x, '<ram:Name>Buyer AG</ram:Name>', ''),
    ubl: (x) => swap(x, '<cbc:RegistrationName>Buyer AG</cbc:RegistrationName>', ''),
  },
  {
    rule: 'BR-09',
    when: 'the seller country (BT-40) is blank',
    cii: (x) => swap(x, '<ram:CountryID>DE</ram:CountryID>', '<ram:CountryID> </ram:CountryID>'),
    ubl: (x) =>
      swap(
        x,
        '<cbc:IdentificationCode>DE</cbc:IdentificationCode>',
        '<cbc:IdentificationCode></cbc:IdentificationCode>',
      ),
  },
  {
    rule: 'BR-10',
    when: 'the buyer postal address (BG-8) is missing',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Buyer AG</ram:Name>\n        <ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>',
        '<ram:Name>Buyer AG</ram:Name>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:AccountingCustomerParty><cac:Party>\n    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>',
        '<cac:AccountingCustomerParty><cac:Party>',
      ),
  },
  {
    rule: 'BR-16',
    when: 'the invoice has no line (BG-25)',
    cii: (x) =>
      x.replace(/<ram:IncludedSupplyChainTradeLineItem>[\s\S]*<\/ram:IncludedSupplyChainTradeLineItem>/, ''),
    ubl: (x) => x.replace(/<cac:InvoiceLine>[\s\S]*<\/cac:InvoiceLine>/, ''),
  },
  {
    rule: 'BR-21',
    when: 'a line has no identifier (BT-126)',
    cii: (x) => swap(x, '<ram:LineID>1</ram:LineID>', '<ram:LineID/>'),
    ubl: (x) => swap(x, '<cbc:ID>1</cbc:ID>', ''),
  },
  {
    rule: 'BR-23',
    when: 'the invoiced quantity has no unit (BT-130)',
    cii: (x) => swap(x, '<ram:BilledQuantity unitCode="C62">', '<ram:BilledQuantity>'),
    ubl: (x) => swap(x, '<cbc:InvoicedQuantity unitCode="C62">', '<cbc:InvoicedQuantity>'),
  },
  {
    rule: 'BR-25',
    when: 'the item name (BT-153) is missing',
    cii: (x) => swap(x, '<ram:Name>Item 1</ram:Name>', ''),
    ubl: (x) => swap(x, '<cbc:Name>Item 1</cbc:Name>', ''),
  },
  {
    rule: 'BR-27',
    when: 'the item net price (BT-146) is negative',
    cii: (x) =>
      swap(x, '<ram:ChargeAmount>100.00</ram:ChargeAmount>', '<ram:ChargeAmount>-100.00</ram:ChargeAmount>'),
    ubl: (x) =>
      swap(
        x,
        '<cbc:PriceAmount currencyID="EUR">100.00</cbc:PriceAmount>',
        '<cbc:PriceAmount currencyID="EUR">-100.00</cbc:PriceAmount>',
      ),
  },
  {
    rule: 'BR-CO-04',
    when: 'a line carries no VAT category (BT-151)',
    cii: (x) =>
      swap(
        x,
        '<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>19</ram:RateApplicablePercent></ram:ApplicableTradeTax>',
        '<ram:TypeCode>VAT</ram:TypeCode></ram:ApplicableTradeTax>',
      ),
    ubl: (x) => swap(x, '<cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>', '<cac:ClassifiedTaxCategory>'),
  },
  {
    rule: 'BR-CO-26',
    when: 'the seller has no identifier, legal registration or VAT identifier',
    cii: (x) =>
      swap(
        x,
        '<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>',
        '',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:PartyTaxScheme><cbc:CompanyID>DE123456789</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>',
        '',
      ),
  },
  {
    rule: 'BR-CO-09',
    when: 'the seller VAT identifier (BT-31) has no ISO 3166 prefix',
    cii: (x) => swap(x, 'DE123456789', 'XX123456789'),
    ubl: (x) => swap(x, 'DE123456789', 'XX123456789'),
  },
  {
    rule: 'BR-29',
    when: 'the invoicing period ends before it starts',
    cii: ciiAfter(
      CII_SETTLEMENT,
      '<ram:BillingSpecifiedPeriod><ram:StartDateTime><udt:DateTimeString format="102">20240201</udt:DateTimeString></ram:StartDateTime><ram:EndDateTime><udt:DateTimeString format="102">20240101</udt:DateTimeString></ram:EndDateTime></ram:BillingSpecifiedPeriod>',
    ),
    ubl: ublBefore(
      '<cac:AccountingSupplierParty>',
      '<cac:InvoicePeriod><cbc:StartDate>2024-02-01</cbc:StartDate><cbc:EndDate>2024-01-01</cbc:EndDate></cac:InvoicePeriod>',
    ),
  },
  {
    rule: 'BR-CO-19',
    when: 'the invoicing period has neither start nor end date',
    cii: ciiAfter(CII_SETTLEMENT, '<ram:BillingSpecifiedPeriod></ram:BillingSpecifiedPeriod>'),
    ubl: ublBefore('<cac:AccountingSupplierParty>', '<cac:InvoicePeriod></cac:InvoicePeriod>'),
  },
  {
    rule: 'BR-49',
    when: 'a payment instruction has no payment means code (BT-81)',
    cii: ciiAfter(
      CII_SETTLEMENT,
      '<ram:SpecifiedTradeSettlementPaymentMeans><ram:Information>cash</ram:Information></ram:SpecifiedTradeSettlementPaymentMeans>',
    ),
    ubl: ublBefore(UBL_BEFORE_TAX, '<cac:PaymentMeans><cbc:PaymentID>x</cbc:PaymentID></cac:PaymentMeans>'),
  },
  {
    rule: 'BR-61',
    when: 'a credit transfer has no account identifier (BT-84)',
    cii: ciiAfter(
      CII_SETTLEMENT,
      '<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode><ram:PayeePartyCreditorFinancialAccount><ram:AccountName>Seller</ram:AccountName></ram:PayeePartyCreditorFinancialAccount></ram:SpecifiedTradeSettlementPaymentMeans>',
    ),
    ubl: ublBefore(
      UBL_BEFORE_TAX,
      '<cac:PaymentMeans><cbc:PaymentMeansCode>58</cbc:PaymentMeansCode></cac:PaymentMeans>',
    ),
  },
  {
    rule: 'BR-52',
    when: 'a supporting document (BG-24) has no reference (BT-122)',
    cii: ciiAfter(
      CII_AGREEMENT,
      '<ram:AdditionalReferencedDocument><ram:TypeCode>916</ram:TypeCode></ram:AdditionalReferencedDocument>',
    ),
    ubl: ublBefore(
      '<cac:AccountingSupplierParty>',
      '<cac:AdditionalDocumentReference><cbc:DocumentDescription>x</cbc:DocumentDescription></cac:AdditionalDocumentReference>',
    ),
  },
  {
    rule: 'BR-55',
    when: 'a preceding invoice reference (BG-3) has no number (BT-25)',
    cii: ciiAfter(CII_SETTLEMENT, '<ram:InvoiceReferencedDocument></ram:InvoiceReferencedDocument>'),
    ubl: ublBefore(
      '<cac:AccountingSupplierParty>',
      '<cac:BillingReference><cac:InvoiceDocumentReference><cbc:IssueDate>2024-01-01</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>',
    ),
  },
  {
    rule: 'BR-57',
    when: 'the deliver-to address (BG-15) has no country (BT-80)',
    cii: (x) =>
      swap(
        x,
        '<ram:ShipToTradeParty><ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>',
        '<ram:ShipToTradeParty><ram:PostalTradeAddress></ram:PostalTradeAddress>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:Address><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:Address>',
        '<cac:Address></cac:Address>',
      ),
  },
  {
    rule: 'BR-62',
    when: 'the seller electronic address (BT-34) has no scheme',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Seller GmbH</ram:Name>',
        '<ram:Name>Seller GmbH</ram:Name><ram:URIUniversalCommunication><ram:URIID>a@b.de</ram:URIID></ram:URIUniversalCommunication>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:AccountingSupplierParty><cac:Party>',
        '<cac:AccountingSupplierParty><cac:Party><cbc:EndpointID>a@b.de</cbc:EndpointID>',
      ),
  },
  {
    rule: 'BR-63',
    when: 'the buyer electronic address (BT-49) has no scheme',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Buyer AG</ram:Name>',
        '<ram:Name>Buyer AG</ram:Name><ram:URIUniversalCommunication><ram:URIID schemeID=" ">a@b.de</ram:URIID></ram:URIUniversalCommunication>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cac:AccountingCustomerParty><cac:Party>',
        '<cac:AccountingCustomerParty><cac:Party><cbc:EndpointID>a@b.de</cbc:EndpointID>',
      ),
  },
  {
    rule: 'BR-64',
    when: 'the item standard identifier (BT-157) has no scheme',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Item 1</ram:Name>',
        '<ram:GlobalID>4000001000005</ram:GlobalID><ram:Name>Item 1</ram:Name>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:Name>Item 1</cbc:Name>',
        '<cbc:Name>Item 1</cbc:Name><cac:StandardItemIdentification><cbc:ID>4000001000005</cbc:ID></cac:StandardItemIdentification>',
      ),
  },
  {
    rule: 'BR-65',
    when: 'the item classification (BT-158) has no scheme',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Item 1</ram:Name>',
        '<ram:Name>Item 1</ram:Name><ram:DesignatedProductClassification><ram:ClassCode>123</ram:ClassCode></ram:DesignatedProductClassification>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:Name>Item 1</cbc:Name>',
        '<cbc:Name>Item 1</cbc:Name><cac:CommodityClassification><cbc:ItemClassificationCode>123</cbc:ItemClassificationCode></cac:CommodityClassification>',
      ),
  },
  {
    rule: 'BR-54',
    when: 'an item attribute (BG-32) has no value (BT-161)',
    cii: (x) =>
      swap(
        x,
        '<ram:Name>Item 1</ram:Name>',
        '<ram:Name>Item 1</ram:Name><ram:ApplicableProductCharacteristic><ram:Description>Colour</ram:Description></ram:ApplicableProductCharacteristic>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:Name>Item 1</cbc:Name>',
        '<cbc:Name>Item 1</cbc:Name><cac:AdditionalItemProperty><cbc:Name>Colour</cbc:Name></cac:AdditionalItemProperty>',
      ),
  },
  {
    rule: 'BR-17',
    when: 'a payee (BG-10) has no name (BT-59)',
    cii: ciiAfter(CII_SETTLEMENT, '<ram:PayeeTradeParty><ram:ID>P1</ram:ID></ram:PayeeTradeParty>'),
    ubl: ublBefore(
      '<cac:Delivery>',
      '<cac:PayeeParty><cac:PartyIdentification><cbc:ID>P1</cbc:ID></cac:PartyIdentification></cac:PayeeParty>',
    ),
  },
  {
    rule: 'BR-56',
    when: 'the tax representative (BG-11) has no VAT identifier (BT-63)',
    cii: ciiAfter(
      CII_AGREEMENT,
      '<ram:SellerTaxRepresentativeTradeParty><ram:Name>Rep</ram:Name><ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress></ram:SellerTaxRepresentativeTradeParty>',
    ),
    ubl: ublBefore(
      '<cac:Delivery>',
      '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>Rep</cbc:Name></cac:PartyName><cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress></cac:TaxRepresentativeParty>',
    ),
  },
  {
    rule: 'BR-CO-03',
    when: 'both the VAT point date (BT-7) and its code (BT-8) are given',
    cii: (x) =>
      swap(
        x,
        '<ram:CalculatedAmount>19.00</ram:CalculatedAmount>',
        '<ram:CalculatedAmount>19.00</ram:CalculatedAmount><ram:TaxPointDate><udt:DateString format="102">20240131</udt:DateString></ram:TaxPointDate><ram:DueDateTypeCode>5</ram:DueDateTypeCode>',
      ),
    ubl: (x) =>
      swap(
        x,
        '<cbc:IssueDate>2024-01-31</cbc:IssueDate>',
        '<cbc:IssueDate>2024-01-31</cbc:IssueDate><cbc:TaxPointDate>2024-01-31</cbc:TaxPointDate><cac:InvoicePeriod><cbc:DescriptionCode>3</cbc:DescriptionCode></cac:InvoicePeriod>',
      ),
  },
];

describe.each(['cii', 'ubl'] as const)('core business rules in %s', (syntax) => {
  const build = syntax === 'cii' ? ciiInvoice : ublInvoice;

  it.each(CASES)('flags $rule when $when', ({ rule, cii, ubl }) => {
    // Prepare
    const correct = build();
    const broken = (syntax === 'cii' ? cii : ubl)(correct);
    // Act
    const before = reportedRules(correct);
    const after = fatalRules(broken);
    // Assess
    expect(before).not.toContain(rule);
    expect(after).toContain(rule);
  });
});

describe('rule differences between the bindings', () => {
  it('reports BR-51 (full card number) as fatal in CII and as a warning in UBL', () => {
    const cii = swap(
      ciiInvoice(),
      CII_SETTLEMENT,
      `${CII_SETTLEMENT}<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>48</ram:TypeCode><ram:ApplicableTradeSettlementFinancialCard><ram:ID>4111111111111111</ram:ID></ram:ApplicableTradeSettlementFinancialCard></ram:SpecifiedTradeSettlementPaymentMeans>`,
    );
    const ubl = swap(
      ublInvoice(),
      UBL_BEFORE_TAX,
      `<cac:PaymentMeans><cbc:PaymentMeansCode>48</cbc:PaymentMeansCode><cac:CardAccount><cbc:PrimaryAccountNumberID>4111111111111111</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount></cac:PaymentMeans>${UBL_BEFORE_TAX}`,
    );

    expect(fatalRules(cii)).toContain('BR-51');
    expect(fatalRules(ubl)).not.toContain('BR-51');
    expect(reportedRules(ubl)).toContain('BR-51');
  });

  it('accepts a card number cut to its last digits in both bindings', () => {
    const cii = swap(
      ciiInvoice(),
      CII_SETTLEMENT,
      `${CII_SETTLEMENT}<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>48</ram:TypeCode><ram:ApplicableTradeSettlementFinancialCard><ram:ID>1111</ram:ID></ram:ApplicableTradeSettlementFinancialCard></ram:SpecifiedTradeSettlementPaymentMeans>`,
    );

    expect(reportedRules(cii)).not.toContain('BR-51');
  });
});
