import { describe, expect, it } from 'vitest';
import { check, failingCodes, invoice, summary } from './fixtures';

describe('duplicate checks', () => {
  it('flags DUPLICATE_EXACT for the same vendor, normalised number and gross', async () => {
    // Prepare: "RE-0001" was received before with the same 119.00
    const history = [summary({ invoiceNumber: 'RE-0001', normalizedNumber: 'RE1', issueDate: '2024-02-01' })];

    // Act
    const outcome = await check(invoice({ number: 're 1' }), { history });

    // Assess
    expect(outcome.byId('duplicate.number')).toMatchObject({ status: 'fail', code: 'DUPLICATE_EXACT' });
  });

  it('flags DUPLICATE_EXACT for the same file, whatever the vendor', async () => {
    // Prepare
    const history = [summary({ vendorId: 'other', fileHash: 'hash-current', issueDate: '2023-01-01' })];

    // Act + Assess
    expect((await check(invoice(), { history })).byId('duplicate.file-hash').code).toBe('DUPLICATE_EXACT');
  });

  it('suspects a duplicate when a number is reused with another amount', async () => {
    // Prepare
    const history = [
      summary({ invoiceNumber: 'RE-1', normalizedNumber: 'RE1', gross: '238.00', issueDate: '2024-01-01' }),
    ];

    // Act + Assess
    expect((await check(invoice(), { history })).byId('duplicate.number').code).toBe('DUPLICATE_SUSPECTED');
  });

  it('only suspects a duplicate when the earlier invoice with that number was rejected', async () => {
    // Prepare
    const history = [
      summary({
        invoiceNumber: 'RE-1',
        normalizedNumber: 'RE1',
        status: 'REJECTED',
        issueDate: '2024-01-01',
      }),
    ];

    // Act + Assess
    expect((await check(invoice(), { history })).byId('duplicate.number').code).toBe('DUPLICATE_SUSPECTED');
  });

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

describe('duplicate checks: corrections', () => {
  it('only suspects a duplicate when another file with the same number arrives while the first awaits clarification', async () => {
    // Prepare
    const pending = summary({
      invoiceNumber: 'RE-1',
      normalizedNumber: 'RE1',
      status: 'AWAITING_CLARIFICATION',
      issueDate: '2024-03-15',
    });

    // Act
    const corrected = await check(invoice(), { history: [pending] });
    const sameFile = await check(invoice(), { history: [{ ...pending, fileHash: 'hash-current' }] });

    // Assess
    expect(corrected.byId('duplicate.number').code).toBe('DUPLICATE_SUSPECTED');
    expect(sameFile.byId('duplicate.number').code).toBe('DUPLICATE_EXACT');
  });
});
