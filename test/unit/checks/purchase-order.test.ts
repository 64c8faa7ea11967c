import { describe, expect, it } from 'vitest';
import { check, failingCodes, invoice, PO, RECEIVED_ALL, VENDOR } from './fixtures';

const world = { purchaseOrders: [PO], goodsReceipts: RECEIVED_ALL };
const poInvoice = (
  lines = [{ name: 'Kopierpapier A4', quantity: '100', price: '4.50' }],
  reference = 'PO-1',
) => invoice({ purchaseOrderReference: reference, lines });

describe('purchase order: reference', () => {
  it('finds the PO under another spelling and takes coding from it', async () => {
    // Act
    const outcome = await check(poInvoice(undefined, 'po 0001'), world);

    // Assess
    expect(outcome.context.poMatched).toBe(true);
    expect(outcome.context.costCenter).toBe('2000');
    expect(outcome.context.requesterEmail).toBe('erik@firma.de');
    expect(failingCodes(outcome)).toEqual([]);
  });

  it('flags PO_UNKNOWN for a PO number that does not exist', async () => {
    expect((await check(poInvoice(undefined, 'PO-9'), world)).byId('po.reference').code).toBe('PO_UNKNOWN');
  });

  it('flags PO_MISSING when the vendor requires a PO and none is named, but not for a credit note', async () => {
    // Prepare
    const vendors = [{ ...VENDOR, requiresPo: true }];

    // Act
    const invoiceOutcome = await check(invoice(), { ...world, vendors });
    const creditOutcome = await check(invoice({ typeCode: '381' }), { ...world, vendors });

    // Assess
    expect(invoiceOutcome.byId('po.reference').code).toBe('PO_MISSING');
    expect(creditOutcome.byId('po.reference').status).toBe('skip');
  });

  it('uses the buyer reference (BT-10) when it names an existing PO', async () => {
    // Prepare
    const inv = invoice({
      buyerReference: 'PO-1',
      lines: [{ name: 'Kopierpapier A4', quantity: '100', price: '4.50' }],
    });

    // Act + Assess
    expect((await check(inv, world)).context.poMatched).toBe(true);
  });

  it("flags PO_VENDOR_MISMATCH for another vendor's PO", async () => {
    // Prepare
    const purchaseOrders = [{ ...PO, vendorId: 'V2' }];

    // Act + Assess
    expect((await check(poInvoice(), { ...world, purchaseOrders })).byId('po.reference').code).toBe(
      'PO_VENDOR_MISMATCH',
    );
  });
});

describe('purchase order: 2-way match (prices and ordered quantities)', () => {
  it('accepts a price up to 2 % above the order', async () => {
    // Prepare: 100 × 4.59 = 459.00 vs 450.00 ordered (+2 %)
    const outcome = await check(
      poInvoice([{ name: 'Kopierpapier A4', quantity: '100', price: '4.59' }]),
      world,
    );

    // Assess
    expect(outcome.byId('po.price').status).toBe('pass');
  });

  it('accepts up to 5 EUR above the order when that is more than 2 %', async () => {
    // Prepare: 2 toner at 92.40 = 184.80 vs 179.80 (+5.00, 2.8 %)
    const outcome = await check(poInvoice([{ name: 'Toner schwarz', quantity: '2', price: '92.40' }]), world);

    // Assess
    expect(outcome.byId('po.price').status).toBe('pass');
  });

  it('flags PRICE_DEVIATION beyond both tolerances', async () => {
    // Prepare: 100 × 4.70 = 470.00 vs 450.00 (+20.00, 4.4 %)
    const outcome = await check(
      poInvoice([{ name: 'Kopierpapier A4', quantity: '100', price: '4.70' }]),
      world,
    );

    // Assess
    const result = outcome.byId('po.price');
    expect(result).toMatchObject({ status: 'fail', code: 'PRICE_DEVIATION' });
    expect(result.evidence.lineDeviations).toEqual([
      { line: '1', poLine: '1', expected: '450.00', invoiced: '470.00', excess: '20.00', tolerance: '9.00' },
    ]);
    expect(outcome.context.poMatched).toBe(false);
  });

  it('does not flag a price below the order', async () => {
    expect(
      (await check(poInvoice([{ name: 'Kopierpapier A4', quantity: '100', price: '3.90' }]), world)).byId(
        'po.price',
      ).status,
    ).toBe('pass');
  });

  it('counts lines that are not on the order against the tolerance', async () => {
    // Prepare
    const lines = [
      { name: 'Kopierpapier A4', quantity: '100', price: '4.50' },
      { name: 'Expresszuschlag', quantity: '1', price: '25.00' },
    ];

    // Act
    const result = (await check(poInvoice(lines), world)).byId('po.price');

    // Assess
    expect(result.code).toBe('PRICE_DEVIATION');
    expect(result.evidence.unmatchedLines).toEqual([{ line: '2', name: 'Expresszuschlag', net: '25.00' }]);
  });

  it('matches lines by the order line reference (BT-132) before the description', async () => {
    // Prepare
    const lines = [{ name: 'Artikel 4711', quantity: '2', price: '89.90', orderLineReference: '2' }];

    // Act
    const result = (await check(poInvoice(lines), world)).byId('po.price');

    // Assess
    expect(result.evidence.matchedBy).toEqual([{ line: '1', poLine: '2', by: 'line reference' }]);
  });

  it('flags QTY_ABOVE_ORDERED when more is invoiced than ordered', async () => {
    // Prepare
    const goodsReceipts = [
      { poNumber: 'PO-1', line: '1', quantityReceived: '120', receivedAt: '2024-03-01' },
    ];

    // Act
    const outcome = await check(poInvoice([{ name: 'Kopierpapier A4', quantity: '120', price: '4.50' }]), {
      ...world,
      goodsReceipts,
    });

    // Assess
    expect(failingCodes(outcome)).toEqual(['QTY_ABOVE_ORDERED']);
  });
});

describe('purchase order: 3-way match (goods receipts)', () => {
  it('flags QTY_NOT_RECEIVED when more is invoiced than received', async () => {
    // Prepare: two receipts of 30 and 30 against 100 invoiced
    const goodsReceipts = [
      { poNumber: 'PO-1', line: '1', quantityReceived: '30', receivedAt: '2024-03-01' },
      { poNumber: 'PO-1', line: '1', quantityReceived: '30', receivedAt: '2024-03-05' },
    ];

    // Act
    const result = (await check(poInvoice(), { ...world, goodsReceipts })).byId('po.goods-receipt');

    // Assess
    expect(result).toMatchObject({ status: 'fail', code: 'QTY_NOT_RECEIVED' });
    expect(result.message).toContain('invoiced 100, received 60');
  });

  it('flags QTY_NOT_RECEIVED when nothing was received, and counts returns', async () => {
    // Prepare
    const returned = [
      { poNumber: 'PO-1', line: '1', quantityReceived: '100', receivedAt: '2024-03-01' },
      { poNumber: 'PO-1', line: '1', quantityReceived: '-10', receivedAt: '2024-03-05' },
    ];

    // Act
    const nothing = await check(poInvoice(), { ...world, goodsReceipts: [] });
    const afterReturn = await check(poInvoice(), { ...world, goodsReceipts: returned });

    // Assess
    expect(nothing.byId('po.goods-receipt').code).toBe('QTY_NOT_RECEIVED');
    expect(afterReturn.byId('po.goods-receipt').code).toBe('QTY_NOT_RECEIVED');
  });
});

describe('purchase order: currency and credit notes', () => {
  it('flags CURRENCY_MISMATCH when the invoice is in another currency than the PO', async () => {
    // Act
    const outcome = await check(invoice({ purchaseOrderReference: 'PO-1', currency: 'USD' }), world);

    // Assess
    expect(outcome.byId('po.currency').code).toBe('CURRENCY_MISMATCH');
    expect(outcome.context.poMatched).toBe(false);
  });

  it('does not match a credit note against the order', async () => {
    // Act
    const outcome = await check(invoice({ purchaseOrderReference: 'PO-1', typeCode: '381' }), world);

    // Assess
    expect(outcome.byId('po.match').status).toBe('skip');
    expect(outcome.context.poMatched).toBe(false);
  });
});
