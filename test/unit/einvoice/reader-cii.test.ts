import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import { ciiInvoice, ciiLine } from './fixtures';

describe('readEInvoiceXml: CII D16B', () => {
  it('reads the key fields exactly as written, with the issue date in ISO form', () => {
    // Prepare
    const xml = ciiInvoice({ number: 'R-2024/0042', issueDate: '20240229' });

    // Act
    const { invoice, root } = readEInvoiceXml(xml);

    // Assess
    expect(root.name).toBe('CrossIndustryInvoice');
    expect(invoice).toMatchObject({
      invoiceNumber: 'R-2024/0042',
      issueDate: '2024-02-29',
      typeCode: '380',
      currency: 'EUR',
      seller: { name: 'Lieferant GmbH', vatId: 'DE811907980' },
      buyer: { name: 'Kunde AG' },
      totals: { lineNet: '100.00', net: '100.00', vat: '19.00', gross: '119.00', payable: '119.00' },
      vatBreakdown: [{ category: 'S', rate: '19', taxable: '100.00', tax: '19.00' }],
    });
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.source).toMatchObject({ format: 'cii', syntax: 'CII', profile: 'EN16931', confidence: 1 });
  });

  it('takes BT-110 from the TaxTotalAmount in the invoice currency and BT-111 from the one in the VAT currency', () => {
    // Prepare
    const xml = ciiInvoice({
      currency: 'USD',
      taxCurrency: 'EUR',
      summation: `<ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">17.55</ram:TaxTotalAmount>
        <ram:TaxTotalAmount currencyID="USD">19.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>119.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>119.00</ram:DuePayableAmount>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.currency).toBe('USD');
    expect(invoice.vatAccountingCurrency).toBe('EUR');
    expect(invoice.totals.vat).toBe('19.00');
    expect(invoice.totals.vatInAccountingCurrency).toBe('17.55');
  });

  it('maps the VA tax registration to the VAT id and FC to the tax number', () => {
    // Prepare
    const xml = ciiInvoice({
      seller: `<ram:SellerTradeParty><ram:Name>Handwerk Meier</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE 123 456 789</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.seller.taxNumber).toBe('201/113/40209');
    expect(invoice.seller.vatId).toBe('DE 123 456 789');
  });

  it('leaves the VAT id absent when only a tax number (FC) is registered', () => {
    // Prepare
    const xml = ciiInvoice({
      seller: `<ram:SellerTradeParty><ram:Name>Kleinunternehmer</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">DE122...</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA"></ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.seller.vatId).toBeUndefined();
    expect(invoice.seller.taxNumber).toBe('DE122...');
  });

  it('keeps missing mandatory totals as empty strings instead of failing', () => {
    // Prepare
    const xml = ciiInvoice({
      summation: `<ram:LineTotalAmount>100</ram:LineTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">19</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>119</ram:GrandTotalAmount>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.totals).toEqual({ lineNet: '100', net: '', vat: '19', gross: '119', payable: '' });
  });

  it('nests lines that name a ParentLineID under their parent as sub-lines', () => {
    // Prepare
    const xml = ciiInvoice({
      lines: [
        ciiLine('1', '100.00'),
        ciiLine('1.1', '60.00', { parentId: '1' }),
        ciiLine('1.1.1', '60.00', { parentId: '1.1' }),
        ciiLine('1.2', '40.00', { parentId: '1' }),
        ciiLine('2', '0.00'),
      ].join('\n'),
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.lines.map((l) => l.id)).toEqual(['1', '2']);
    expect(invoice.lines[0]?.subLines?.map((l) => l.id)).toEqual(['1.1', '1.2']);
    expect(invoice.lines[0]?.subLines?.[0]?.subLines?.map((l) => l.net)).toEqual(['60.00']);
    expect(invoice.lines[1]?.subLines).toBeUndefined();
  });

  it('keeps a line at top level with a warning when its parent line does not precede it', () => {
    // Prepare
    const xml = ciiInvoice({
      lines: [ciiLine('2', '10.00', { parentId: '9' }), ciiLine('9', '90.00')].join(''),
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.lines.map((l) => l.id)).toEqual(['2', '9']);
    expect(invoice.source.warnings).toContain(
      'BG-25: line "2" names parent line "9", which does not precede it',
    );
  });

  it.each([
    ['102', '20240315', '2024-03-15'],
    ['610', '202412', '2024-12-01'],
    ['616', '202401', '2024-01-01'],
    ['616', '202101', '2021-01-04'],
  ])('reads a date in format %s (%s) as %s', (format, value, iso) => {
    // Prepare
    const xml = ciiInvoice({
      issueDateElement: `<udt:DateTimeString format="${format}">${value}</udt:DateTimeString>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.issueDate).toBe(iso);
  });

  it('notes the reduced precision when a month (format 610) stands for a date', () => {
    // Prepare
    const xml = ciiInvoice({
      issueDateElement: '<udt:DateTimeString format="610">201412</udt:DateTimeString>',
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.source.warnings).toEqual(['BT-2: month 201412 (format 610) read as 2014-12-01']);
  });

  it('keeps an impossible date as written and warns instead of inventing one', () => {
    // Prepare
    const xml = ciiInvoice({
      issueDateElement: '<udt:DateTimeString format="102">20230230</udt:DateTimeString>',
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.issueDate).toBe('20230230');
    expect(invoice.source.warnings).toEqual(['BT-2: "20230230" is not a calendar date']);
  });

  it('warns when an amount is not a plain decimal but keeps its text for validation', () => {
    // Prepare
    const xml = ciiInvoice({
      summation: `<ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>100,00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">19.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>119.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>119.00</ram:DuePayableAmount>`,
    });

    // Act
    const { invoice } = readEInvoiceXml(xml);

    // Assess
    expect(invoice.totals.net).toBe('100,00');
    expect(invoice.source.warnings).toEqual(['BT-109: "100,00" is not a plain decimal number']);
  });

  it.each([
    [
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
      undefined,
      'xrechnung-cii',
      'XRECHNUNG 3.0',
    ],
    ['urn:cen.eu:en16931:2017', 'factur-x.xml', 'factur-x', 'EN16931'],
    ['urn:cen.eu:en16931:2017', 'zugferd-invoice.xml', 'zugferd', 'EN16931'],
    ['urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended', 'factur-x.xml', 'zugferd', 'EXTENDED'],
    ['urn:factur-x.eu:1p0:basicwl', 'invoice.xml', 'factur-x', 'BASIC WL'],
    ['urn:factur-x.eu:1p0:minimum', 'factur-x.xml', 'factur-x', 'MINIMUM'],
    ['urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic', 'factur-x.xml', 'factur-x', 'BASIC'],
    [
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
      'xrechnung.xml',
      'zugferd',
      'XRECHNUNG 3.0',
    ],
  ])(
    'names guideline %s embedded as %s format %s, profile %s',
    (guideline, embeddedFileName, format, profile) => {
      // Prepare
      const xml = ciiInvoice({ guideline });

      // Act
      const { invoice } = readEInvoiceXml(xml, embeddedFileName ? { embeddedFileName } : {});

      // Assess
      expect(invoice.source).toMatchObject({ format, profile, syntax: 'CII' });
      expect(invoice.source.embeddedFileName).toBe(embeddedFileName);
    },
  );
});
