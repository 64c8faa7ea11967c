import { describe, expect, it } from 'vitest';
import { claimInvoice, identityKey, invoiceIdentity } from '../../../functions/core/checks/claim';
import type { Vendor } from '../../../functions/core/masterdata/types';
import { InMemoryClaims } from '../../scenarios/in-memory-ports';
import { invoice, SELLER, VENDOR } from './fixtures';

const at = '2024-03-16T09:00:00Z';

function claimAs(
  claims: InMemoryClaims,
  invoiceId: string,
  sha256: string,
  inv = invoice(),
  vendor?: Vendor,
) {
  return claimInvoice({ invoiceId, invoice: inv, sha256, vendor, at }, claims);
}

const codeOf = (outcome: Awaited<ReturnType<typeof claimInvoice>>) =>
  outcome.results.filter((r) => r.status === 'fail').map((r) => r.code);

describe('invoice identity', () => {
  it('is VAT id, else tax number, else a verified IBAN, else the normalised name, with number and year', () => {
    // Prepare
    const noVat = { ...SELLER, vatId: undefined };
    const withTax = invoice({ seller: { ...noVat, taxNumber: '143/123/45678' } });

    // Act + Assess
    expect(invoiceIdentity(invoice({ number: 'RE-0001' }), undefined)).toEqual({
      seller: 'vat:DE811907980',
      number: 'RE1',
      year: '2024',
      kind: 'invoice',
    });
    expect(invoiceIdentity(withTax, undefined)?.seller).toBe('tax:14312345678');
    expect(invoiceIdentity(invoice({ seller: noVat }), { ...VENDOR, vatId: undefined })?.seller).toBe(
      'iban:DE89370400440532013000',
    );
    // An IBAN no vendor master vouches for is no identity: the name is used.
    expect(invoiceIdentity(invoice({ seller: noVat }), undefined)?.seller).toBe('name:muster buerobedarf');
  });

  it('fills in the VAT id from the vendor master, so copies with and without it are the same invoice', () => {
    // Prepare
    const without = invoice({ seller: { ...SELLER, vatId: undefined } });

    // Act + Assess
    expect(identityKey(invoiceIdentity(without, VENDOR)!)).toBe(
      identityKey(invoiceIdentity(invoice(), VENDOR)!),
    );
  });

  it('keeps credit notes apart from invoices and has none without a number', () => {
    // Act + Assess
    expect(invoiceIdentity(invoice({ typeCode: '381' }), VENDOR)?.kind).toBe('credit-note');
    expect(invoiceIdentity(invoice({ number: '' }), VENDOR)).toBeUndefined();
  });
});

describe('claiming an invoice', () => {
  it('lets the first claimant proceed and holds a later copy of the same file as DUPLICATE_EXACT, naming the original', async () => {
    // Prepare
    const claims = new InMemoryClaims();

    // Act
    const first = await claimAs(claims, 'A', 'hash-1');
    const copy = await claimAs(claims, 'B', 'hash-1');

    // Assess
    expect(codeOf(first)).toEqual([]);
    expect(first.duplicateOf).toBeUndefined();
    expect(codeOf(copy)).toEqual(['DUPLICATE_EXACT']);
    expect(copy.duplicateOf).toBe('A');
    expect(copy.results[0]?.messageDe).toContain('(A)');
  });

  it('holds another document of the same invoice identity as DUPLICATE_SUSPECTED', async () => {
    // Prepare
    const claims = new InMemoryClaims();
    await claimAs(claims, 'A', 'hash-1');

    // Act: same number spelt differently, another file
    const other = await claimAs(claims, 'B', 'hash-2', invoice({ number: 're 0001' }));

    // Assess
    expect(codeOf(other)).toEqual(['DUPLICATE_SUSPECTED']);
    expect(other.duplicateOf).toBe('A');
  });

  it('finds its own claims when the same invoice runs again (retry, restart, re-check)', async () => {
    // Prepare
    const claims = new InMemoryClaims();
    await claimAs(claims, 'A', 'hash-1');
    await claimAs(claims, 'B', 'hash-1');

    // Act
    const again = await claimAs(claims, 'A', 'hash-1');

    // Assess
    expect(codeOf(again)).toEqual([]);
    expect(claims.held.size).toBe(2);
  });

  it('does not hold a credit note with the invoice number, nor the next year with the same number', async () => {
    // Prepare
    const claims = new InMemoryClaims();
    await claimAs(claims, 'A', 'hash-1');

    // Act
    const credit = await claimAs(claims, 'C', 'hash-2', invoice({ typeCode: '381' }));
    const nextYear = await claimAs(claims, 'D', 'hash-3', invoice({ issueDate: '2025-01-03' }));

    // Assess
    expect(codeOf(credit)).toEqual([]);
    expect(codeOf(nextYear)).toEqual([]);
  });
});
