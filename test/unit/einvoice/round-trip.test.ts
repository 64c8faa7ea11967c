import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import type { Invoice } from '../../../functions/core/invoice/model';
import { sameAmount, sum } from '../../../functions/core/money';
import {
  CII_GUIDELINE_IDS,
  sampleInvoice,
  sampleLine,
  withComputedTotals,
  writeCii,
  writeUbl,
  XRECHNUNG_3_CUSTOMIZATION,
  XRECHNUNG_3_EXTENSION_CUSTOMIZATION,
} from '../../../samples/einvoice-writer';

/** Everything but the extraction metadata, which the reader sets itself. */
function content(invoice: Invoice): Omit<Invoice, 'source'> {
  const { source: _source, ...rest } = invoice;
  return rest;
}

/** An invoice that uses nearly every business term the writers and the reader support. */
function richInvoice(): Invoice {
  const base = sampleInvoice();
  const invoice = sampleInvoice({
    vatAccountingCurrency: 'USD',
    taxPointDate: '2024-03-10',
    projectReference: 'PRJ-2024-7',
    contractReference: 'RV-2023-11',
    salesOrderReference: 'AB-555',
    receivingAdviceReference: 'WE-88',
    despatchAdviceReference: 'LS-4711',
    tenderOrLotReference: 'LOS-3',
    invoicedObjectId: 'ZAEHLER-42',
    buyerAccountingReference: '4711-KST',
    notes: [
      { subjectCode: 'AAI', text: 'Rechnung gemäß Bestellung & Lieferschein <LS-4711>.' },
      { text: 'Danke.' },
    ],
    precedingInvoices: [{ number: 'RE-2024-0700', issueDate: '2024-02-01' }],
    seller: {
      ...base.seller,
      tradingName: 'Muster Büro',
      identifiers: [{ value: 'LIEF-12' }, { value: '4000001123452', scheme: '0088' }],
      legalInfo: 'Geschäftsführer: Max Muster',
    },
    buyer: {
      ...base.buyer,
      vatId: 'DE136695976',
      legalRegistrationId: { value: 'HRB 999' },
      contact: { name: 'Hans Holzmann', phone: '+49 221 555', email: 'hans@holzmann-schreinerei.de' },
      address: { ...base.buyer.address, line2: 'Halle 3', line3: 'Tor B', countrySubdivision: 'NRW' },
    },
    payee: {
      name: 'Factoring AG',
      identifiers: [{ value: 'FAC-1', scheme: '0088' }],
      legalRegistrationId: { value: 'HRB 77' },
    },
    taxRepresentative: {
      name: 'Steuervertreter GmbH',
      identifiers: [],
      vatId: 'DE811569869',
      address: { line1: 'Am Markt 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' },
    },
    delivery: {
      partyName: 'Baustelle Nord',
      locationId: { value: '4000001000005', scheme: '0088' },
      date: '2024-03-12',
      periodStart: '2024-03-01',
      periodEnd: '2024-03-31',
      address: { line1: 'Baustraße 1', city: 'Bonn', postalCode: '53111', countryCode: 'DE' },
    },
    payment: {
      meansCode: '58',
      meansText: 'SEPA-Überweisung',
      remittanceInformation: 'RE-2024-0815',
      accounts: [
        { iban: 'DE89370400440532013000', name: 'Factoring AG', bic: 'COBADEFFXXX' },
        { iban: 'DE02120300000000202051' },
      ],
      cardPrimaryAccountNumber: '1234',
      mandateReference: 'MANDAT-1',
      creditorId: 'DE98ZZZ09999999999',
      debitedAccount: 'DE02500105170137075030',
    },
    allowances: [
      {
        amount: '10.00',
        baseAmount: '100.00',
        percent: '10',
        vatCategory: 'S',
        vatRate: '19',
        reason: 'Treuerabatt',
        reasonCode: '95',
      },
    ],
    charges: [{ amount: '5.00', vatCategory: 'S', vatRate: '19', reason: 'Verpackung', reasonCode: 'ABL' }],
    attachments: [
      { id: 'STUNDENZETTEL-3', description: 'Stundennachweis', uri: 'https://example.com/sz3.pdf' },
    ],
    totals: { lineNet: '0', net: '0', gross: '0', payable: '0', prepaid: '50.00', rounding: '0.01' },
    lines: [
      sampleLine({
        id: '10',
        note: 'Lieferung in zwei Teilen',
        objectId: { value: 'OBJ-1', scheme: 'AAB' },
        quantity: '3',
        unit: 'H87',
        price: '25.00',
        priceDiscount: '5.00',
        grossPrice: '30.00',
        baseQuantity: '1',
        baseQuantityUnit: 'H87',
        orderLineReference: '7',
        accountingReference: '4400',
        periodStart: '2024-03-01',
        periodEnd: '2024-03-10',
        allowances: [{ amount: '5.00', reason: 'Mengenrabatt', reasonCode: '95' }],
        charges: [{ amount: '2.50', reason: 'Eilzuschlag', reasonCode: 'FC' }],
        name: 'Schrauben & Dübel <Set>',
        description: 'Edelstahl, "A2"',
        sellerItemId: 'SD-100',
        buyerItemId: 'K-200',
        standardItemId: { value: '4012345001235', scheme: '0160' },
        classifications: [{ value: '31161500', scheme: 'STI' }],
        originCountry: 'DE',
      }),
      sampleLine({
        id: '20',
        quantity: '1',
        price: '40.00',
        vatCategory: 'AE',
        vatRate: '0',
        name: 'Montage',
      }),
    ],
  });
  return withComputedTotals(invoice); // keeps prepaid and rounding, computes the rest
}

describe('sample writers and reader round trip', () => {
  it('reads back every field of the sample invoice written as XRechnung CII', () => {
    // Prepare
    const invoice = sampleInvoice();

    // Act
    const { invoice: read } = readEInvoiceXml(writeCii(invoice));

    // Assess
    expect(content(read)).toEqual(content(invoice));
    expect(read.source).toMatchObject({ format: 'xrechnung-cii', syntax: 'CII', profile: 'XRECHNUNG 3.0' });
  });

  it('reads back every field of the sample invoice written as XRechnung UBL', () => {
    // Prepare
    const invoice = sampleInvoice();

    // Act
    const { invoice: read } = readEInvoiceXml(writeUbl(invoice));

    // Assess
    expect(content(read)).toEqual(content(invoice));
    expect(read.source).toMatchObject({ format: 'xrechnung-ubl', syntax: 'UBL', documentKind: 'Invoice' });
  });

  it('reads back a rich invoice (parties, references, allowances, line details) from CII', () => {
    // Prepare
    const invoice = richInvoice();

    // Act
    const { invoice: read } = readEInvoiceXml(writeCii(invoice));

    // Assess
    expect(content(read)).toEqual(content(invoice));
  });

  it('reads back a rich invoice (parties, references, allowances, line details) from UBL', () => {
    // Prepare
    const invoice = richInvoice();

    // Act
    const { invoice: read } = readEInvoiceXml(writeUbl(invoice));

    // Assess
    expect(content(read)).toEqual(content(invoice));
  });

  it('writes a credit note type as a UBL CreditNote and reads it back unchanged', () => {
    // Prepare
    const invoice = richInvoice();
    const creditNote = { ...invoice, typeCode: '381', invoiceNumber: 'GS-2024-0003' };

    // Act
    const xml = writeUbl(creditNote);
    const { invoice: read } = readEInvoiceXml(xml);

    // Assess
    expect(xml).toContain('<cac:CreditNoteLine>');
    expect(xml).toContain('<cbc:CreditedQuantity unitCode="H87">3</cbc:CreditedQuantity>');
    expect(read.source.documentKind).toBe('CreditNote');
    expect(content(read)).toEqual(content(creditNote));
  });

  it('writes sub-lines as UBL SubInvoiceLine under the extension customization and as CII ParentLineID', () => {
    // Prepare
    const parent = sampleLine({
      id: '1',
      quantity: '1',
      price: '100.00',
      name: 'Sanitär',
      subLines: [
        sampleLine({ id: '1.1', price: '60.00', name: 'Demontage' }),
        sampleLine({ id: '1.2', price: '40.00', name: 'Montage' }),
      ],
    });
    const invoice = sampleInvoice({ lines: [parent] });

    // Act
    const fromUbl = readEInvoiceXml(writeUbl(invoice)).invoice;
    const fromCii = readEInvoiceXml(writeCii(invoice)).invoice;

    // Assess
    expect(fromUbl.specificationId).toBe(XRECHNUNG_3_EXTENSION_CUSTOMIZATION);
    expect(fromUbl.lines).toEqual(invoice.lines);
    expect(fromCii.lines).toEqual(invoice.lines);
  });

  it.each([
    ['EN16931', 'EN16931', 2],
    ['EXTENDED', 'EXTENDED', 2],
    ['BASIC', 'BASIC', 2],
    ['BASIC WL', 'BASIC WL', 0],
    ['MINIMUM', 'MINIMUM', 0],
  ] as const)(
    'writes the %s guideline id and reads it back as Factur-X profile %s',
    (profile, expected, lines) => {
      // Prepare
      const invoice = sampleInvoice({ lines: [sampleLine({ id: '1' }), sampleLine({ id: '2' })] });

      // Act
      const xml = writeCii(invoice, { profile });
      const { invoice: read } = readEInvoiceXml(xml, { embeddedFileName: 'factur-x.xml' });

      // Assess
      expect(read.specificationId).toBe(CII_GUIDELINE_IDS[profile]);
      expect(read.source).toMatchObject({ format: 'factur-x', profile: expected });
      expect(read.lines).toHaveLength(lines);
      expect(read.totals).toMatchObject({ net: invoice.totals.net, gross: invoice.totals.gross });
    },
  );

  it('keeps any decimal string and any text exactly through both syntaxes', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }))
      .map(([negative, digits, places]) => {
        const text = digits.toString().padStart(places + 1, '0');
        const value = places ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
        return negative ? `-${value}` : value;
      });
    const text = fc
      .string({ minLength: 1, maxLength: 40 })
      .filter((s) => s.trim() === s && /^[\P{Cc}]+$/u.test(s));

    fc.assert(
      fc.property(decimal, decimal, text, text, (price, gross, name, number) => {
        // Prepare
        const invoice = sampleInvoice({ invoiceNumber: number, lines: [sampleLine({ name, price })] });
        invoice.totals.gross = gross;

        // Act
        const fromCii = readEInvoiceXml(writeCii(invoice)).invoice;
        const fromUbl = readEInvoiceXml(writeUbl(invoice)).invoice;

        // Assess
        for (const read of [fromCii, fromUbl]) {
          expect(read.invoiceNumber).toBe(number);
          expect(read.lines[0]?.name).toBe(name);
          expect(read.lines[0]?.price).toBe(price);
          expect(read.totals.gross).toBe(gross);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('sampleInvoice', () => {
  it('builds a consistent German B2B invoice: lines sum to BT-106 and 19 % VAT gives the gross total', () => {
    // Act
    const invoice = sampleInvoice();

    // Assess
    expect(invoice.specificationId).toBe(XRECHNUNG_3_CUSTOMIZATION);
    expect(invoice.seller.vatId).toMatch(/^DE\d{9}$/);
    expect(invoice.payment.accounts[0]?.iban).toMatch(/^DE\d{20}$/);
    expect(sameAmount(sum(invoice.lines.map((l) => l.net)).toFixed(2), invoice.totals.lineNet)).toBe(true);
    expect(invoice.vatBreakdown).toEqual([{ category: 'S', rate: '19', taxable: '279.70', tax: '53.14' }]);
    expect(invoice.totals).toEqual({
      lineNet: '279.70',
      net: '279.70',
      vat: '53.14',
      gross: '332.84',
      payable: '332.84',
    });
  });

  it('recomputes totals and the VAT breakdown from overridden lines, allowances and charges', () => {
    // Act
    const invoice = sampleInvoice({
      lines: [
        sampleLine({ id: '1', quantity: '2', price: '50.00', vatRate: '19' }),
        sampleLine({ id: '2', quantity: '1', price: '10.00', vatRate: '7' }),
      ],
      allowances: [{ amount: '10.00', vatCategory: 'S', vatRate: '19', reason: 'Rabatt' }],
    });

    // Assess
    expect(invoice.vatBreakdown).toEqual([
      { category: 'S', rate: '19', taxable: '90.00', tax: '17.10' },
      { category: 'S', rate: '7', taxable: '10.00', tax: '0.70' },
    ]);
    expect(invoice.totals).toEqual({
      lineNet: '110.00',
      allowances: '10.00',
      net: '100.00',
      vat: '17.80',
      gross: '117.80',
      payable: '117.80',
    });
  });
});
