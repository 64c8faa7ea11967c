import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../functions/core/checks/run';
import { CheckInputError } from '../../../functions/core/checks/types';
import type { Invoice } from '../../../functions/core/invoice/model';
import { defaultPolicy } from '../../../functions/core/policy/config';
import { InMemoryHistory, InMemoryMasterData } from '../../scenarios/in-memory-ports';
import { check, failingCodes, invoice, VENDOR } from './fixtures';

describe('runChecks', () => {
  it('passes every check of a clean invoice and reports the context', async () => {
    // Act
    const outcome = await check(invoice());

    // Assess
    expect(failingCodes(outcome)).toEqual([]);
    expect(outcome.context).toMatchObject({
      historyVendorKey: 'V1',
      normalizedNumber: 'RE1',
      poMatched: false,
      costCenter: '1000',
      amount: { gross: '119.00', currency: 'EUR', creditNote: false },
      smallInvoice: true,
      supplyDate: '2024-03-15',
    });
    expect(new Set(outcome.checks.map((c) => c.id)).size).toBe(outcome.checks.length);
    for (const c of outcome.checks) expect(c.messageDe.length).toBeGreaterThan(0);
  });

  it('reports garbage amounts as failing checks instead of throwing', async () => {
    // Prepare
    const inv = invoice();
    inv.totals = { lineNet: 'x', net: '', gross: 'NaN', payable: '' };
    inv.lines[0]!.quantity = 'viele';

    // Act
    const outcome = await check(inv);

    // Assess
    expect(failingCodes(outcome)).toEqual(expect.arrayContaining(['ARITHMETIC', 'MANDATORY_FIELD_MISSING']));
  });

  it('refuses a malformed input with a one-line typed error', async () => {
    // Prepare
    const ports = {
      masterData: new InMemoryMasterData({ vendors: [VENDOR] }),
      history: new InMemoryHistory(),
    };
    const broken = { ...invoice(), lines: undefined } as unknown as Invoice;

    // Act
    const run = runChecks(
      {
        invoiceId: 'x',
        invoice: broken,
        document: { sha256: 'h' },
        mail: { from: 'a@b.de', senderDomain: 'b.de' },
        receivedAt: '2024-03-16T00:00:00Z',
      },
      ports,
      defaultPolicy(),
    );

    // Assess
    await expect(run).rejects.toThrow(CheckInputError);
    await expect(run).rejects.toThrow('Invoice x: the invoice model lacks lines');
  });

  it('lets port failures propagate so the workflow retries', async () => {
    // Prepare
    const masterData = new InMemoryMasterData({ vendors: [VENDOR] });
    masterData.findVendorsByVatId = async () => {
      throw new Error('DynamoDB throttled');
    };

    // Act
    const run = runChecks(
      {
        invoiceId: 'x',
        invoice: invoice(),
        document: { sha256: 'h' },
        mail: { from: 'a@b.de', senderDomain: 'b.de' },
        receivedAt: '2024-03-16T00:00:00Z',
      },
      { masterData, history: new InMemoryHistory() },
      defaultPolicy(),
    );

    // Assess
    await expect(run).rejects.toThrow('DynamoDB throttled');
  });
});
