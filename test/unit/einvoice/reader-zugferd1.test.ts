import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import { ZUGFERD1_COMFORT, ZUGFERD1_PRE_RELEASE } from './fixtures';

describe('readEInvoiceXml: ZUGFeRD 1.0', () => {
  it('reads a ZUGFeRD 1.0 COMFORT invoice with its own element names', () => {
    // Prepare
    const bytes = new TextEncoder().encode(ZUGFERD1_COMFORT);

    // Act
    const { invoice, root } = readEInvoiceXml(bytes, { embeddedFileName: 'ZUGFeRD-invoice.xml' });

    // Assess
    expect(root.name).toBe('CrossIndustryDocument');
    expect(invoice).toMatchObject({
      invoiceNumber: 'ZF1-2014-007',
      issueDate: '2014-03-05',
      dueDate: '2014-04-04',
      currency: 'EUR',
      purchaseOrderReference: 'B-42',
      despatchAdviceReference: 'LS-9',
      paymentTerms: 'Zahlbar innerhalb 30 Tagen',
      notes: [{ subjectCode: 'AAI', text: 'Rechnung gemäß Bestellung.' }],
      precedingInvoices: [{ number: 'ZF1-2014-001' }],
      seller: { name: 'Lieferant GmbH', vatId: 'DE811907980', taxNumber: '201/113/40209' },
      delivery: { date: '2014-03-03' },
      payment: {
        meansCode: '42',
        remittanceInformation: 'ZF1-2014-007',
        accounts: [{ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' }],
      },
      charges: [{ amount: '5.00', reason: 'Versandkosten', vatCategory: 'S', vatRate: '7.00' }],
      totals: {
        lineNet: '95.00',
        charges: '5.00',
        net: '100.00',
        vat: '7.00',
        gross: '107.00',
        payable: '107.00',
      },
      vatBreakdown: [{ category: 'S', rate: '7.00', taxable: '100.00', tax: '7.00' }],
    });
    expect(invoice.attachments).toEqual([]);
    expect(invoice.source).toMatchObject({
      format: 'zugferd1',
      syntax: 'ZUGFeRD1',
      profile: 'COMFORT',
      embeddedFileName: 'ZUGFeRD-invoice.xml',
    });
  });

  it('reads ZUGFeRD 1.0 line items: quantity, net price with base quantity, gross price, product', () => {
    // Act (prepared: the fixture document in fixtures.ts)
    const { invoice } = readEInvoiceXml(ZUGFERD1_COMFORT);

    // Assess
    expect(invoice.lines).toEqual([
      {
        id: '1',
        quantity: '10.0000',
        unit: 'KGM',
        net: '95.00',
        allowances: [],
        charges: [],
        price: '9.5000',
        grossPrice: '10.0000',
        baseQuantity: '1.0000',
        baseQuantityUnit: 'KGM',
        vatCategory: 'S',
        vatRate: '7.00',
        name: 'Äpfel',
        sellerItemId: 'APF-1',
        classifications: [],
      },
    ]);
  });

  it('reads the 2013/2014 pre-release whose root is rsm:Invoice without mistaking it for UBL', () => {
    // Act (prepared: the fixture document in fixtures.ts)
    const { invoice } = readEInvoiceXml(ZUGFERD1_PRE_RELEASE, { embeddedFileName: 'ZUGFeRD-invoice.xml' });

    // Assess
    expect(invoice).toMatchObject({
      invoiceNumber: 'RC-2014/001',
      issueDate: '2014-05-19',
      dueDate: '2014-06-09',
      totals: { net: '160.00', vat: '30.40', gross: '190.40', payable: '190.40' },
      lines: [
        {
          id: '1',
          quantity: '1',
          unit: 'HUR',
          net: '160.00',
          vatRate: '19.000000',
          name: 'Gestaltung (Stunde)',
        },
      ],
    });
    expect(invoice.seller.vatId).toBeUndefined();
    expect(invoice.source).toMatchObject({ format: 'zugferd1', syntax: 'ZUGFeRD1', profile: 'COMFORT' });
    expect(invoice.source.warnings).toContain(
      'ZUGFeRD 1.0 pre-release (2013/2014) document: read with the ZUGFeRD 1.0 mapping',
    );
  });
});
