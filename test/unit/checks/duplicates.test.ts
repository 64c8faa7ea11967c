import { describe, expect, it } from 'vitest';
import { check, failingCodes, invoice, summary } from './fixtures';

describe('near-duplicate checks (history)', () => {
  it('does not treat a credit note as a duplicate of its invoice', async () => {
    // Prepare: the invoice RE-1 over 119.00 exists; a credit note with the same number and amount arrives
    const history = [summary({ invoiceNumber: 'RE-1', normalizedNumber: 'RE1', issueDate: '2024-03-14' })];

    // Act
    const outcome = await check(invoice({ typeCode: '381' }), { history });

    // Assess
    expect(failingCodes(outcome)).not.toContain('DUPLICATE_EXACT');
    expect(failingCodes(outcome)).not.toContain('DUPLICATE_SUSPECTED');
  });

  it('suspects a duplicate for the same vendor and gross within ±7 days, not beyond', async () => {
    // Prepare
    const near = [summary({ issueDate: '2024-03-08' })];
    const far = [summary({ issueDate: '2024-03-07' })];

    // Act
    const nearOutcome = await check(invoice(), { history: near });
    const farOutcome = await check(invoice(), { history: far });

    // Assess
    expect(nearOutcome.byId('duplicate.near')).toMatchObject({ status: 'fail', code: 'DUPLICATE_SUSPECTED' });
    expect(farOutcome.byId('duplicate.near').status).toBe('pass');
  });

  it('never makes an invoice the suspect of one received after it (a re-run keeps the original clean)', async () => {
    // Prepare: another number, same gross and vendor, but it arrived later than the invoice being checked
    const history = [summary({ issueDate: '2024-03-14', receivedAt: '2024-03-17T09:00:00Z' })];

    // Act + Assess
    expect((await check(invoice(), { history })).byId('duplicate.near').status).toBe('pass');
  });

  it('ignores quarantined invoices and the invoice itself', async () => {
    // Prepare
    const history = [
      summary({
        invoiceId: 'current',
        invoiceNumber: 'RE-1',
        normalizedNumber: 'RE1',
        fileHash: 'hash-current',
        issueDate: '2024-03-15',
      }),
      summary({ invoiceId: 'q', status: 'QUARANTINED', fileHash: 'hash-current', issueDate: '2024-03-15' }),
    ];

    // Act
    const outcome = await check(invoice(), { history });

    // Assess
    expect(failingCodes(outcome)).toEqual([]);
  });
});
