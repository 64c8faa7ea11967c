import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import { NS_DECLS, ublInvoice, ublLine } from './fixtures';

describe('readEInvoiceXml: UBL Invoice', () => {
  it('reads the key fields of a UBL invoice exactly as written', () => {
    // Prepare
    const xml = ublInvoice();

    // Act
    const { invoice, root } = readEInvoiceXml(xml);

    // Assess
    expect(root.name).toBe('Invoice');
    expect(invoice).toMatchObject({
      invoiceNumber: 'U-200',
      issueDate: '2024-03-15',
      currency: 'EUR',
      seller: { name: 'Lieferant GmbH', vatId: 'DE811907980' },
      totals: { lineNet: '100.00', net: '100.00', vat: '19.00', gross: '119.00', payable: '119.00' },
      vatBreakdown: [{ category: 'S', rate: '19', taxable: '100.00', tax: '19.00' }],
      lines: [{ id: '1', quantity: '1', unit: 'C62', net: '100.00', price: '100.00', name: 'Position 1' }],
    });
    expect(invoice.source).toMatchObject({
      format: 'ubl',
      syntax: 'UBL',
      documentKind: 'Invoice',
      profile: 'EN16931',
    });
  });

  it('takes BT-110 from the TaxTotal in the document currency even when the other one comes first', () => {
    // Prepare
    const xml = ublInvoice({
      header: '<cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>',
      taxTotals: `<cac:TaxTotal><cbc:TaxAmount currencyID="SEK">210.50</cbc:TaxAmount></cac:TaxTotal>
        <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount>
          <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">19.00</cbc:TaxAmount>
          <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
        </cac:TaxTotal>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.totals.vat).toBe('19.00');
    expect(invoice.totals.vatInAccountingCurrency).toBe('210.50');
    expect(invoice.vatBreakdown).toEqual([{ category: 'S', rate: '19', taxable: '100.00', tax: '19.00' }]);
  });

  it('separates the VAT id (tax scheme VAT) from the tax number and the SEPA creditor id from party ids', () => {
    // Prepare
    const xml = ublInvoice({
      sellerParty: `<cbc:EndpointID schemeID="EM">rechnung@lieferant.de</cbc:EndpointID>
        <cac:PartyIdentification><cbc:ID schemeID="0088">4000001123452</cbc:ID></cac:PartyIdentification>
        <cac:PartyIdentification><cbc:ID schemeID="SEPA">DE98ZZZ09999999999</cbc:ID></cac:PartyIdentification>
        <cac:PartyName><cbc:Name>Lieferant</cbc:Name></cac:PartyName>
        <cac:PartyTaxScheme><cbc:CompanyID>201/113/40209</cbc:CompanyID><cac:TaxScheme><cbc:ID>FC</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
        <cac:PartyTaxScheme><cbc:CompanyID>DE811907980</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
        <cac:PartyLegalEntity><cbc:RegistrationName>Lieferant GmbH</cbc:RegistrationName><cbc:CompanyID>HRB 1</cbc:CompanyID></cac:PartyLegalEntity>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.seller).toMatchObject({
      name: 'Lieferant GmbH',
      tradingName: 'Lieferant',
      vatId: 'DE811907980',
      taxNumber: '201/113/40209',
      identifiers: [{ value: '4000001123452', scheme: '0088' }],
      legalRegistrationId: { value: 'HRB 1' },
      electronicAddress: { value: 'rechnung@lieferant.de', scheme: 'EM' },
    });
    expect(invoice.payment.creditorId).toBe('DE98ZZZ09999999999');
  });

  it('reads a "#CODE#" prefix of a note as its subject code', () => {
    // Prepare
    const xml = ublInvoice({
      header: '<cbc:Note>#ADU#Es gelten unsere AGB.</cbc:Note><cbc:Note>Danke!</cbc:Note>',
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.notes).toEqual([
      { subjectCode: 'ADU', text: 'Es gelten unsere AGB.' },
      { text: 'Danke!' },
    ]);
  });

  it('reads nested SubInvoiceLine elements of the XRechnung extension as sub-lines', () => {
    // Prepare
    const subLines = ublLine(
      '1.1',
      '60.00',
      ublLine('1.1.1', '60.00', '', 'SubInvoiceLine'),
      'SubInvoiceLine',
    );
    const xml = ublInvoice({
      customization:
        'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0',
      lines: ublLine('1', '100.00', subLines + ublLine('1.2', '40.00', '', 'SubInvoiceLine')),
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0]?.subLines?.map((l) => [l.id, l.net])).toEqual([
      ['1.1', '60.00'],
      ['1.2', '40.00'],
    ]);
    expect(invoice.lines[0]?.subLines?.[0]?.subLines?.[0]?.id).toBe('1.1.1');
    expect(invoice.source).toMatchObject({ format: 'xrechnung-ubl', profile: 'XRECHNUNG 3.0 EXTENSION' });
  });

  it('reads the construction invoice type code 877 as written', () => {
    // Prepare
    const xml = ublInvoice().replace('<cbc:InvoiceTypeCode>380<', '<cbc:InvoiceTypeCode>877<');

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.typeCode).toBe('877');
  });

  it('keeps the XML a PDF carried as UBL format (not ZUGFeRD) when it is UBL', () => {
    // Prepare
    const xml = ublInvoice();

    // Act
    const { invoice } = readEInvoiceXml(xml, { embeddedFileName: 'UBL-Invoice-2.1.xml' });

    // Assess
    expect(invoice.source).toMatchObject({ format: 'ubl', embeddedFileName: 'UBL-Invoice-2.1.xml' });
  });
});

describe('readEInvoiceXml: UBL CreditNote', () => {
  const creditNote = `<?xml version="1.0" encoding="UTF-8"?>
<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" ${NS_DECLS.ubl}>
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ID>GS-7</cbc:ID>
  <cbc:IssueDate>2024-04-02</cbc:IssueDate>
  <cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:BillingReference><cac:InvoiceDocumentReference><cbc:ID>R-100</cbc:ID><cbc:IssueDate>2024-03-15</cbc:IssueDate></cac:InvoiceDocumentReference></cac:BillingReference>
  <cac:AdditionalDocumentReference><cbc:ID>PRJ-9</cbc:ID><cbc:DocumentTypeCode>50</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>
  <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Lieferant GmbH</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Kunde AG</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode><cbc:PaymentDueDate>2024-04-16</cbc:PaymentDueDate></cac:PaymentMeans>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">3.80</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">20.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">3.80</cbc:TaxAmount>
    <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">20.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">20.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">23.80</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">23.80</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:CreditNoteLine>
    <cbc:ID>1</cbc:ID>
    <cbc:CreditedQuantity unitCode="C62">2</cbc:CreditedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">20.00</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Rücknahme Toner</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price>
  </cac:CreditNoteLine>
</CreditNote>`;

  it('reads credit note lines with their credited quantity', () => {
    // Act (prepared: the fixture document above)
    const { invoice } = readEInvoiceXml(creditNote);

    // Assess
    expect(invoice.typeCode).toBe('381');
    expect(invoice.lines).toEqual([
      {
        id: '1',
        quantity: '2',
        unit: 'C62',
        net: '20.00',
        allowances: [],
        charges: [],
        price: '10.00',
        vatCategory: 'S',
        vatRate: '19',
        name: 'Rücknahme Toner',
        classifications: [],
      },
    ]);
    expect(invoice.source).toMatchObject({
      syntax: 'UBL',
      documentKind: 'CreditNote',
      profile: 'PEPPOL BIS 3.0',
    });
  });

  it('takes the due date from PaymentMeans and the project reference from document type 50', () => {
    // Act (prepared: the fixture document above)
    const { invoice } = readEInvoiceXml(creditNote);

    // Assess
    expect(invoice.dueDate).toBe('2024-04-16');
    expect(invoice.projectReference).toBe('PRJ-9');
    expect(invoice.attachments).toEqual([]);
    expect(invoice.precedingInvoices).toEqual([{ number: 'R-100', issueDate: '2024-03-15' }]);
    expect(invoice.totals).toMatchObject({ net: '20.00', vat: '3.80', gross: '23.80', payable: '23.80' });
  });
});
