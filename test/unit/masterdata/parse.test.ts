import { describe, expect, it } from 'vitest';
import { parseMasterData } from '../../../functions/core/masterdata/parse';

const VENDOR_HEADER = 'vendorId;name;vatId;iban;emailDomains;glAccount;costCenter;requiresPo';
const PO_HEADER = 'poNumber;vendorId;line;description;quantity;unitPrice;currency;costCenter;requesterEmail';
const GR_HEADER = 'poNumber;line;quantityReceived;receivedAt';
const APPROVER_HEADER = 'email;name;role;costCenters;limit;deputyEmail;language';

describe('parseMasterData: vendors.csv', () => {
  it('turns rows into normalised vendor records', () => {
    // Prepare
    const vendors = `${VENDOR_HEADER};taxNumber;paymentTermsDays;vendorManagerEmail
V1;Muster GmbH;de 811 907 980;DE89 3704 0044 0532 0130 00|DE02120300000000202051;@Muster.DE|shop.muster.de;4930;1000;ja;143/123/45678;30;Einkauf@Firma.de`;

    // Act
    const { records, errors } = parseMasterData({ vendors });

    // Assess
    expect(errors).toEqual([]);
    expect(records.vendors).toEqual([
      {
        vendorId: 'V1',
        name: 'Muster GmbH',
        vatId: 'DE811907980',
        taxNumber: '143/123/45678',
        ibans: ['DE89370400440532013000', 'DE02120300000000202051'],
        emailDomains: ['muster.de', 'shop.muster.de'],
        glAccount: '4930',
        costCenter: '1000',
        requiresPo: true,
        paymentTermsDays: 30,
        vendorManagerEmail: 'einkauf@firma.de',
      },
    ]);
  });

  it('reports bad rows with their line numbers and imports the good ones', () => {
    // Prepare
    const vendors = `${VENDOR_HEADER}
V1;Gut GmbH;;DE89370400440532013000;gut.de;;;nein
V2;Schlecht GmbH;DE123;DE89370400440532013001;gut.de;;;vielleicht
;Ohne Id;;;;;;
V1;Doppelt GmbH;;;;;;nein`;

    // Act
    const { records, errors } = parseMasterData({ vendors });

    // Assess
    expect(records.vendors.map((v) => v.vendorId)).toEqual(['V1']);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['vendors.csv', 3],
      ['vendors.csv', 4],
      ['vendors.csv', 5],
    ]);
    expect(errors[0]!.message).toMatch(
      /vatId "DE123".*iban "DE89370400440532013001" is invalid \(checksum\).*requiresPo/,
    );
    expect(errors[1]!.message).toContain('vendorId is empty');
    expect(errors[2]!.message).toContain('already defined on line 2');
  });

  it('refuses a file that lacks a required column, naming it', () => {
    // Act
    const { records, errors } = parseMasterData({ vendors: 'vendorId;name;vatId\nV1;Muster;' });

    // Assess
    expect(records.vendors).toEqual([]);
    expect(errors).toEqual([
      {
        file: 'vendors.csv',
        line: 1,
        message: 'missing required column(s): iban, emailDomains, glAccount, costCenter, requiresPo',
      },
    ]);
  });

  it('accepts extra columns in any order and reports rows with too few fields', () => {
    // Prepare
    const vendors = `requiresPo;comment;${VENDOR_HEADER.replace(';requiresPo', '')}
nein;egal;V1;Muster GmbH;;;;;
nein;zu kurz`;

    // Act
    const { records, errors } = parseMasterData({ vendors });

    // Assess
    expect(records.vendors.map((v) => v.name)).toEqual(['Muster GmbH']);
    expect(errors).toEqual([{ file: 'vendors.csv', line: 3, message: 'row has 2 fields, the header has 9' }]);
  });
});

describe('parseMasterData: purchase orders and goods receipts', () => {
  const vendors = `${VENDOR_HEADER}\nV1;Muster GmbH;;;;;;ja`;

  it('groups PO lines into orders and reads decimal commas', () => {
    // Prepare
    const purchaseOrders = `${PO_HEADER}
PO-1;V1;1;Schrauben;1.000;0,12;eur;2000;Erik@Firma.de
PO-1;V1;02;Dübel;500;0.08;EUR;2000;`;

    // Act
    const { records, errors } = parseMasterData({ vendors, purchaseOrders });

    // Assess
    expect(errors).toEqual([]);
    expect(records.purchaseOrders).toEqual([
      {
        poNumber: 'PO-1',
        vendorId: 'V1',
        currency: 'EUR',
        lines: [
          {
            line: '1',
            description: 'Schrauben',
            quantity: '1',
            unitPrice: '0.12',
            costCenter: '2000',
            requesterEmail: 'erik@firma.de',
          },
          { line: '2', description: 'Dübel', quantity: '500', unitPrice: '0.08', costCenter: '2000' },
        ],
      },
    ]);
  });

  it('drops a whole order when one of its rows is bad, so no order is half-written', () => {
    // Prepare
    const purchaseOrders = `${PO_HEADER}
PO-1;V1;1;Schrauben;10;1;EUR;;
PO-1;V1;2;Dübel;zehn;1;EUR;;
PO-1;V1;3;Muttern;10;1;EUR;;
PO-2;V1;1;Bits;5;2;EUR;;`;

    // Act
    const { records, errors } = parseMasterData({ vendors, purchaseOrders });

    // Assess
    expect(records.purchaseOrders.map((po) => po.poNumber)).toEqual(['PO-2']);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(errors[1]!.message).toContain('quantity');
    expect(errors[0]!.message).toBe('purchase order PO-1 not imported: its row on line 3 is invalid');
  });

  it('checks vendor references against the import and the known vendors', () => {
    // Prepare
    const purchaseOrders = `${PO_HEADER}\nPO-1;V9;1;Schrauben;10;1;EUR;;`;

    // Act
    const withVendors = parseMasterData({ vendors, purchaseOrders });
    const withKnown = parseMasterData({ purchaseOrders }, { knownVendorIds: ['V9'] });

    // Assess
    expect(withVendors.errors).toEqual([
      { file: 'purchase-orders.csv', line: 2, message: 'vendorId "V9" is not a known vendor' },
    ]);
    expect(withKnown.errors).toEqual([]);
    expect(withKnown.records.purchaseOrders).toHaveLength(1);
  });

  it('rejects rows of one order that disagree on vendor, currency or line number', () => {
    // Prepare
    const purchaseOrders = `${PO_HEADER}
PO-1;V1;1;Schrauben;10;1;EUR;;
PO-1;V1;1;Dübel;10;1;USD;;`;

    // Act
    const { errors } = parseMasterData({ vendors, purchaseOrders });

    // Assess
    expect(errors.find((e) => e.line === 3)!.message).toMatch(
      /currency USD differs from EUR on line 2; PO line 1 is already defined on line 2/,
    );
  });

  it('accepts goods receipts only for known PO lines', () => {
    // Prepare
    const purchaseOrders = `${PO_HEADER}\nPO-1;V1;1;Schrauben;10;1;EUR;;`;
    const goodsReceipts = `${GR_HEADER}
po 1;01;6;2024-03-01
PO-1;2;4;2024-03-02
PO-1;1;0;2024-03-03
PO-1;1;4;31.02.2024`;

    // Act
    const { records, errors } = parseMasterData({ vendors, purchaseOrders, goodsReceipts });

    // Assess
    expect(records.goodsReceipts).toEqual([
      { poNumber: 'po 1', line: '1', quantityReceived: '6', receivedAt: '2024-03-01' },
    ]);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      ['goods-receipts.csv', 3],
      ['goods-receipts.csv', 4],
      ['goods-receipts.csv', 5],
    ]);
  });
});

describe('parseMasterData: approvers.csv', () => {
  it('reads cost centres, grouped limits and languages', () => {
    // Prepare
    const approvers = `${APPROVER_HEADER}
Anna@Firma.de;Anna;Teamleitung;1000|2000;2.500,00;ben@firma.de;
ben@firma.de;Ben;Geschäftsführung;*;1000000;;EN`;

    // Act
    const { records, errors } = parseMasterData({ approvers });

    // Assess
    expect(errors).toEqual([]);
    expect(records.approvers).toEqual([
      {
        email: 'anna@firma.de',
        name: 'Anna',
        role: 'Teamleitung',
        costCenters: ['1000', '2000'],
        limit: '2500',
        deputyEmail: 'ben@firma.de',
        language: 'de',
      },
      {
        email: 'ben@firma.de',
        name: 'Ben',
        role: 'Geschäftsführung',
        costCenters: ['*'],
        limit: '1000000',
        language: 'en',
      },
    ]);
  });

  it('requires a deputy to be an approver, and never the person themselves', () => {
    // Prepare
    const approvers = `${APPROVER_HEADER}
anna@firma.de;Anna;TL;1000;100;nobody@firma.de;de
ben@firma.de;Ben;GF;*;100;ben@firma.de;de
carl@firma.de;Carl;GF;*;100;dora@firma.de;fr`;

    // Act
    const { records, errors } = parseMasterData({ approvers }, { knownApproverEmails: [] });

    // Assess
    expect(records.approvers).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      'deputyEmail nobody@firma.de is not an approver',
      'deputyEmail must be another person',
      'language: "fr" is not a supported language (de or en)',
    ]);
  });
});
