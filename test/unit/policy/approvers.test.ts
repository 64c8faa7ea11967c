import { describe, expect, it } from 'vitest';
import { selectApprovers } from '../../../functions/core/policy/approvers';
import { APPROVERS } from '../checks/fixtures';

const emails = (selection: ReturnType<typeof selectApprovers>) => selection.approvers.map((a) => a.email);

describe('selectApprovers', () => {
  it('picks the closest authority of the cost centre whose limit covers the amount', () => {
    expect(emails(selectApprovers({ costCenter: '1000', amount: '1500', count: 1 }, APPROVERS))).toEqual([
      'anna@firma.de',
    ]);
    expect(emails(selectApprovers({ costCenter: '1000', amount: '2500.01', count: 1 }, APPROVERS))).toEqual([
      'ben@firma.de',
    ]);
    expect(emails(selectApprovers({ costCenter: '2000', amount: '1500', count: 1 }, APPROVERS))).toEqual([
      'erik@firma.de',
    ]);
  });

  it('takes someone responsible for all cost centres when the own ones do not cover the amount', () => {
    expect(emails(selectApprovers({ costCenter: '1000', amount: '20000', count: 1 }, APPROVERS))).toEqual([
      'clara@firma.de',
    ]);
    expect(emails(selectApprovers({ costCenter: undefined, amount: '100', count: 1 }, APPROVERS))).toEqual([
      'clara@firma.de',
    ]);
  });

  it('gives four eyes two distinct people, and deputies that are not the other approver', () => {
    // Act
    const selection = selectApprovers({ costCenter: '1000', amount: '6000', count: 2 }, APPROVERS);

    // Assess
    expect(emails(selection)).toEqual(['ben@firma.de', 'clara@firma.de']);
    expect(selection.deputies).toEqual({});
    expect(selection.limitSufficient).toBe(true);
  });

  it('names a deputy for escalation', () => {
    expect(selectApprovers({ costCenter: '1000', amount: '100', count: 1 }, APPROVERS).deputies).toEqual({
      'anna@firma.de': 'ben@firma.de',
    });
  });

  it('falls back to the highest limits and says so when nobody covers the amount', () => {
    // Act
    const selection = selectApprovers({ costCenter: '1000', amount: '5000000', count: 2 }, APPROVERS);

    // Assess
    expect(emails(selection)).toEqual(['clara@firma.de', 'ben@firma.de']);
    expect(selection.limitSufficient).toBe(false);
  });

  it('leaves out excluded people (earlier rounds)', () => {
    expect(
      emails(
        selectApprovers(
          { costCenter: '1000', amount: '100', count: 1, exclude: ['Anna@Firma.de'] },
          APPROVERS,
        ),
      ),
    ).toEqual(['ben@firma.de']);
  });
});
