import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoInvoiceClaims } from '../../functions/adapters/aws/dynamo-invoice-claims';
import { DynamoMasterData } from '../../functions/adapters/aws/dynamo-master-data';
import { DynamoPoLedger } from '../../functions/adapters/aws/dynamo-po-ledger';
import {
  LOCAL_TABLE_NAMES,
  type LocalDynamo,
  startLocalDynamo,
} from '../../functions/adapters/local/dynalite';
import { claimInvoice } from '../../functions/core/checks/claim';
import {
  bookInvoiced,
  type PoUsage,
  releaseReservation,
  reserveOnPurchaseOrder,
} from '../../functions/core/checks/po-ledger';
import type { PurchaseOrder } from '../../functions/core/masterdata/types';
import { dec, sum } from '../../functions/core/money';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import { invoice } from '../unit/checks/fixtures';

/**
 * The money-safety invariants against the real storage adapters on dynalite: one claim per invoice
 * identity and a PO ledger that cannot be over-booked, under concurrent writers (Promise.all) and for
 * generated inputs (fast-check).
 */

let dynamo: LocalDynamo;
let claims: DynamoInvoiceClaims;
let ledger: DynamoPoLedger;
let masterData: DynamoMasterData;
const policy = parsePolicyConfig({});
let run = 0;
/** A fresh key space per test and property run. */
const unique = (label: string) => `${label}-${++run}-${Date.now()}`;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  claims = new DynamoInvoiceClaims(dynamo.client, LOCAL_TABLE_NAMES.invoices);
  ledger = new DynamoPoLedger(dynamo.client, LOCAL_TABLE_NAMES.masterData);
  masterData = new DynamoMasterData(dynamo.client, LOCAL_TABLE_NAMES.masterData);
}, 60_000);

afterAll(async () => {
  await dynamo?.close();
});

describe('DynamoInvoiceClaims (dynalite)', () => {
  it('lets exactly one of 25 concurrent claimants of a key win; every loser sees that one, unchanged', async () => {
    // Prepare
    const key = unique('key');
    const claimants = Array.from({ length: 25 }, (_, i) => ({
      key,
      invoiceId: `inv-${i}`,
      sha256: `hash-${i}`,
      claimedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
    }));

    // Act
    const results = await Promise.all(claimants.map((c) => claims.claim(c)));

    // Assess
    const winners = results.filter((r) => r.won);
    expect(winners).toHaveLength(1);
    const holder = winners[0]!.holder;
    for (const r of results) expect(r.holder).toEqual(holder);
    // The winner claiming again (a retry) still holds it; a newcomer still loses.
    expect(await claims.claim({ ...holder, claimedAt: '2027-01-01T00:00:00Z' })).toEqual({
      won: true,
      holder,
    });
    expect((await claims.claim({ ...holder, invoiceId: 'late' })).won).toBe(false);
  });

  it('property: for any concurrent mix of claimants and keys, each key has exactly one holder', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ key: fc.integer({ min: 0, max: 3 }), invoice: fc.integer({ min: 0, max: 6 }) }),
          {
            minLength: 1,
            maxLength: 24,
          },
        ),
        async (attempts) => {
          const space = unique('prop');
          const results = await Promise.all(
            attempts.map((a) =>
              claims.claim({
                key: `${space}:${a.key}`,
                invoiceId: `i${a.invoice}`,
                sha256: `h${a.invoice}`,
                claimedAt: '2026-01-01T00:00:00Z',
              }),
            ),
          );
          const holders = new Map<number, string>();
          attempts.forEach((a, i) => {
            const r = results[i]!;
            const known = holders.get(a.key);
            if (known) expect(r.holder.invoiceId).toBe(known);
            holders.set(a.key, r.holder.invoiceId);
            expect(r.won).toBe(r.holder.invoiceId === `i${a.invoice}`);
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('of 5 identical files checked at once, exactly 1 proceeds and 4 are DUPLICATE_EXACT naming it', async () => {
    // Prepare
    const inv = invoice({ number: unique('RE') });
    const ids = ['m1-1', 'm2-1', 'm3-1', 'm4-1', 'm5-1'].map((id) => unique(id));

    // Act
    const outcomes = await Promise.all(
      ids.map((invoiceId) =>
        claimInvoice({ invoiceId, invoice: inv, sha256: 'same-bytes', at: '2026-01-01T00:00:00Z' }, claims),
      ),
    );

    // Assess
    const proceeding = outcomes.filter((o) => !o.duplicateOf);
    expect(proceeding).toHaveLength(1);
    const original = ids[outcomes.indexOf(proceeding[0]!)]!;
    for (const o of outcomes.filter((x) => x.duplicateOf)) {
      expect(o.duplicateOf).toBe(original);
      expect(o.results.filter((r) => r.status === 'fail').map((r) => r.code)).toEqual(['DUPLICATE_EXACT']);
    }
  });

  it('of 5 near-identical files (other bytes, same invoice) at once, exactly 1 proceeds and 4 are DUPLICATE_SUSPECTED', async () => {
    // Prepare
    const inv = invoice({ number: unique('RE') });
    const ids = Array.from({ length: 5 }, (_, i) => unique(`near-${i}`));

    // Act
    const outcomes = await Promise.all(
      ids.map((invoiceId, i) =>
        claimInvoice(
          { invoiceId, invoice: inv, sha256: `bytes-${i}-${invoiceId}`, at: '2026-01-01T00:00:00Z' },
          claims,
        ),
      ),
    );

    // Assess
    const proceeding = outcomes.filter((o) => !o.duplicateOf);
    expect(proceeding).toHaveLength(1);
    const held = outcomes.filter((o) => o.duplicateOf);
    expect(held).toHaveLength(4);
    for (const o of held)
      expect(o.results.filter((r) => r.status === 'fail').map((r) => r.code)).toEqual([
        'DUPLICATE_SUSPECTED',
      ]);
  });
});

function order(poNumber: string, quantity: string, unitPrice: string): PurchaseOrder {
  return {
    poNumber,
    vendorId: 'V1',
    currency: 'EUR',
    lines: [{ line: '1', description: 'Kopierpapier A4', quantity, unitPrice }],
  };
}

function usage(po: PurchaseOrder, quantity: string, amount: string): PoUsage {
  return { poNumber: po.poNumber, lines: [{ line: '1', quantity, amount }] };
}

describe('DynamoPoLedger (dynalite)', () => {
  it('of 8 concurrent invoices of 3 against an order of 10, exactly 3 pass and 5 are over-invoiced', async () => {
    // Prepare
    const po = order(unique('PO'), '10', '4.50');

    // Act
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        reserveOnPurchaseOrder(
          ledger,
          { po, usage: usage(po, '3', '13.50'), invoiceId: `inv-${i}`, at: '2026-01-01T00:00:00Z' },
          policy,
        ),
      ),
    );

    // Assess
    expect(results.filter((r) => r.status === 'pass')).toHaveLength(3);
    expect(results.filter((r) => r.code === 'PO_OVER_INVOICED')).toHaveLength(5);
    const stored = await ledger.get(po.poNumber);
    expect(Object.keys(stored!.entries)).toHaveLength(8);
    expect(stored!.lines['1']).toEqual({
      ordered: { quantity: '10', amount: '45' },
      reserved: { quantity: '24', amount: '108' },
      invoiced: { quantity: '0', amount: '0' },
    });
  });

  it('property: amounts — accepted reservations never exceed the order plus tolerance; totals are exact sums', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 12 }),
        async (orderedCents, shares) => {
          // Prepare: one unit ordered at `ordered`; each invoice a tiny quantity, so the amount binds
          const ordered = dec(orderedCents).dividedBy(100);
          const po = order(unique('POA'), '1', ordered.toFixed(2));
          const amounts = shares.map((s) => dec(Math.min(s, orderedCents)).dividedBy(100).toFixed(2));

          // Act
          const results = await Promise.all(
            amounts.map((amount, i) =>
              reserveOnPurchaseOrder(
                ledger,
                { po, usage: usage(po, '0.001', amount), invoiceId: `i${i}`, at: '2026-01-01T00:00:00Z' },
                policy,
              ),
            ),
          );

          // Assess
          const tolerance = ordered.times('0.02').greaterThan(5) ? ordered.times('0.02') : dec(5);
          const accepted = amounts.filter((_, i) => results[i]!.status === 'pass');
          expect(accepted.length).toBeGreaterThanOrEqual(1);
          expect(sum(accepted).lessThanOrEqualTo(ordered.plus(tolerance))).toBe(true);
          const stored = (await ledger.get(po.poNumber))!;
          expect(stored.lines['1']!.reserved.amount).toBe(sum(amounts).toFixed());
        },
      ),
      { numRuns: 20 },
    );
  });

  it('property: quantities — of concurrent invoices each within the order, accepted ones stay within it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        async (orderedQty, quantities) => {
          const po = order(unique('POQ'), String(orderedQty), '1.00');
          const each = quantities.map((q) => String(Math.min(q, orderedQty)));
          const results = await Promise.all(
            each.map((q, i) =>
              reserveOnPurchaseOrder(
                ledger,
                { po, usage: usage(po, q, q), invoiceId: `q${i}`, at: '2026-01-01T00:00:00Z' },
                policy,
              ),
            ),
          );
          const accepted = each.filter((_, i) => results[i]!.status === 'pass');
          // Every accepted invoice fitted with all invoices written before it, so their sum fits too.
          const limit = dec(orderedQty).times('1.02');
          expect(sum(accepted).lessThanOrEqualTo(limit)).toBe(true);
          expect(accepted.length).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('a rejection releases, an approval books as invoiced; partial invoices pass until the order is used up', async () => {
    // Prepare
    const po = order(unique('PO'), '10', '4.50');
    const reserve = (invoiceId: string, q: string) =>
      reserveOnPurchaseOrder(
        ledger,
        { po, usage: usage(po, q, dec(q).times('4.50').toFixed(2)), invoiceId, at: '2026-01-02T00:00:00Z' },
        policy,
      );

    // Act + Assess
    expect((await reserve('a', '4')).status).toBe('pass');
    expect((await reserve('b', '4')).status).toBe('pass');
    expect((await reserve('c', '4')).code).toBe('PO_OVER_INVOICED');
    expect(await releaseReservation(ledger, po.poNumber, 'c', '2026-01-03T00:00:00Z')).toBe(true);
    expect(await releaseReservation(ledger, po.poNumber, 'a', '2026-01-03T00:00:00Z')).toBe(true);
    expect(await bookInvoiced(ledger, po.poNumber, 'b', '2026-01-03T00:00:00Z')).toBe(true);
    expect((await reserve('d', '6')).status).toBe('pass');
    expect((await reserve('e', '1')).code).toBe('PO_OVER_INVOICED');
    // A re-run of the same invoice replaces its own share, never adds a second one.
    expect((await reserve('d', '6')).status).toBe('pass');
    const line = (await ledger.get(po.poNumber))!.lines['1']!;
    expect(line.invoiced).toEqual({ quantity: '4', amount: '18' });
    expect(line.reserved).toEqual({ quantity: '7', amount: '31.5' });
  });

  it('a master data import of the order keeps its ledger', async () => {
    // Prepare
    const po = order(unique('PO'), '10', '4.50');
    await masterData.upsert({ vendors: [], purchaseOrders: [po], goodsReceipts: [], approvers: [] });
    await reserveOnPurchaseOrder(
      ledger,
      { po, usage: usage(po, '5', '22.50'), invoiceId: 'kept', at: '2026-01-01T00:00:00Z' },
      policy,
    );

    // Act
    await masterData.upsert({ vendors: [], purchaseOrders: [po], goodsReceipts: [], approvers: [] });

    // Assess
    expect((await ledger.get(po.poNumber))!.entries.kept?.state).toBe('reserved');
    expect(await masterData.getPurchaseOrder(po.poNumber)).toEqual(po);
  });
});
