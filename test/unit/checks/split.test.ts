import { describe, expect, it } from 'vitest';
import { check, invoice, summary } from './fixtures';

/** 820.00 net = 975.80 gross: just under autoApproveMaxGross 1000 (margin 10 %). */
const JUST_UNDER = [{ name: 'Regal Teil 2', quantity: '1', price: '820.00' }];

describe('split check', () => {
  it('flags SPLIT_SUSPECTED for two invoices each just under the auto-approval limit within the window', async () => {
    // Prepare
    const history = [summary({ invoiceNumber: 'RE-0', gross: '990.00', issueDate: '2024-03-05' })];

    // Act
    const outcome = await check(invoice({ lines: JUST_UNDER }), { history });

    // Assess
    expect(outcome.byId('split')).toMatchObject({ status: 'fail', code: 'SPLIT_SUSPECTED' });
    expect(outcome.context.split).toEqual({
      threshold: 'autoApproveMaxGross',
      combinedGross: '1965.8',
      invoiceIds: ['earlier'],
    });
  });

  it('does not flag a lone invoice just under the limit, nor a series outside the window or the margin', async () => {
    // Prepare
    const outsideWindow = [summary({ gross: '990.00', issueDate: '2024-02-29' })];
    const outsideMargin = [summary({ gross: '880.00', issueDate: '2024-03-14' })];

    // Act
    const results = await Promise.all([
      check(invoice({ lines: JUST_UNDER })),
      check(invoice({ lines: JUST_UNDER }), { history: outsideWindow }),
      check(invoice({ lines: JUST_UNDER }), { history: outsideMargin }),
    ]);

    // Assess
    expect(results.map((r) => r.byId('split').status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('records the four-eyes threshold for a series just under fourEyesMinGross', async () => {
    // Prepare: 4150 net = 4938.50 gross
    const history = [summary({ gross: '4879.00', issueDate: '2024-03-12' })];

    // Act
    const outcome = await check(invoice({ lines: [{ name: 'Möbel', quantity: '1', price: '4150.00' }] }), {
      history,
    });

    // Assess
    expect(outcome.context.split?.threshold).toBe('fourEyesMinGross');
    expect(outcome.context.split?.combinedGross).toBe('9817.5');
  });

  it('respects splitMinCount and ignores credit notes and rejected invoices', async () => {
    // Prepare
    const history = [
      summary({ invoiceId: 'a', gross: '990.00', issueDate: '2024-03-10' }),
      summary({ invoiceId: 'b', gross: '980.00', issueDate: '2024-03-11', typeCode: '381' }),
      summary({ invoiceId: 'c', gross: '970.00', issueDate: '2024-03-12', status: 'REJECTED' }),
    ];

    // Act
    const needsThree = await check(invoice({ lines: JUST_UNDER }), { history, policy: { splitMinCount: 3 } });

    // Assess
    expect(needsThree.byId('split').status).toBe('pass');
  });
});
