import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REASON_CODES, type ReasonCode } from '../../../functions/core/checks/reason-codes';
import type { CheckContext, CheckOutcome, CheckResult } from '../../../functions/core/checks/types';
import { parsePolicyConfig } from '../../../functions/core/policy/config';
import { decide, decideUnreadable } from '../../../functions/core/policy/decide';
import { isHold, REASON_EFFECTS } from '../../../functions/core/policy/effects';
import { APPROVERS, VENDOR } from '../checks/fixtures';

/** A check outcome with the given failing codes, for a known vendor. */
function outcome(codes: ReasonCode[] = [], context: Partial<CheckContext> = {}): CheckOutcome {
  const checks: CheckResult[] = codes.map((code, i) => ({
    id: `check.${i}`,
    status: 'fail',
    code,
    message: `${code} happened`,
    messageDe: `${code} passiert`,
    evidence: {},
  }));
  return {
    checks,
    context: {
      vendor: VENDOR,
      historyVendorKey: 'V1',
      normalizedNumber: 'RE1',
      poMatched: true,
      costCenter: '1000',
      amount: { gross: '500.00', currency: 'EUR', creditNote: false },
      smallInvoice: false,
      ...context,
    },
  };
}

const level = (autonomyLevel: number, extra: Record<string, unknown> = {}) =>
  parsePolicyConfig({ autonomyLevel, ...extra });
const codesOf = (decision: ReturnType<typeof decide>) => decision.reasons.map((r) => r.code);

describe('decide: autonomy levels', () => {
  it('level 0 sends even a clean PO-matched invoice to a person', () => {
    // Act
    const decision = decide(outcome(), level(0), APPROVERS);

    // Assess
    expect(decision).toMatchObject({ route: 'APPROVE', approvers: ['anna@firma.de'], autonomyLevel: 0 });
    expect(codesOf(decision)).toEqual(['AUTONOMY_LEVEL']);
  });

  it('level 1 auto-approves a clean PO-matched invoice below the limit, not one without PO', () => {
    expect(decide(outcome(), level(1), APPROVERS).route).toBe('AUTO_APPROVE');
    expect(decide(outcome([], { poMatched: false }), level(1), APPROVERS).route).toBe('APPROVE');
  });

  it('level 2 also auto-approves a clean invoice of a known vendor without PO, unless the vendor requires one', () => {
    expect(decide(outcome([], { poMatched: false }), level(2), APPROVERS).route).toBe('AUTO_APPROVE');
    expect(
      decide(outcome([], { poMatched: false, vendor: { ...VENDOR, requiresPo: true } }), level(2), APPROVERS)
        .route,
    ).toBe('APPROVE');
    expect(decide(outcome([], { poMatched: false, vendor: undefined }), level(2), APPROVERS).route).toBe(
      'APPROVE',
    );
  });

  it('records the policy version with every decision', () => {
    // Prepare
    const policy = level(1);

    // Act + Assess
    expect(decide(outcome(), policy, APPROVERS).policyVersion).toBe(policy.policyVersion);
  });
});

describe('decide: amount tiers', () => {
  it.each([
    ['1000.00', 'AUTO_APPROVE', []],
    ['1000.01', 'APPROVE', ['AMOUNT_ABOVE_THRESHOLD']],
    ['4999.99', 'APPROVE', ['AMOUNT_ABOVE_THRESHOLD']],
    ['5000.00', 'APPROVE_FOUR_EYES', ['AMOUNT_ABOVE_THRESHOLD']],
  ])('routes a clean PO-matched gross of %s to %s', (gross, route, codes) => {
    // Act
    const decision = decide(
      outcome([], { amount: { gross, currency: 'EUR', creditNote: false } }),
      level(1),
      APPROVERS,
    );

    // Assess
    expect(decision.route).toBe(route);
    expect(codesOf(decision)).toEqual(codes);
  });

  it('gives four eyes two distinct approvers and asks for the typed amount from the limit on', () => {
    // Act
    const decision = decide(
      outcome([], { amount: { gross: '12000', currency: 'EUR', creditNote: false } }),
      level(1),
      APPROVERS,
    );

    // Assess
    expect(decision.approvers).toEqual(['ben@firma.de', 'clara@firma.de']);
    expect(decision.requiresTypedAmount).toBe(true);
  });

  it('escalates a suspected split just under the four-eyes limit to four eyes', () => {
    // Prepare
    const context = {
      amount: { gross: '4900.00', currency: 'EUR', creditNote: false },
      split: { threshold: 'fourEyesMinGross' as const, combinedGross: '9800', invoiceIds: ['a'] },
    };

    // Act
    const decision = decide(outcome(['SPLIT_SUSPECTED'], context), level(1), APPROVERS);

    // Assess
    expect(decision.route).toBe('APPROVE_FOUR_EYES');
    expect(decision.amount).toEqual({ gross: '9800', currency: 'EUR' });
  });
});

describe('decide: holds, clarifications, rejections', () => {
  it('holds an IBAN change for a person at every level, whatever the amount', () => {
    for (const autonomy of [0, 1, 2]) {
      // Act
      const decision = decide(
        outcome(['IBAN_MISMATCH'], { amount: { gross: '10.00', currency: 'EUR', creditNote: false } }),
        level(autonomy),
        APPROVERS,
      );

      // Assess
      expect(decision.route).toBe('APPROVE');
      expect(decision.holds).toEqual(['IBAN_MISMATCH']);
    }
  });

  it('rejects an exact duplicate before anything else', () => {
    expect(
      decide(outcome(['VENDOR_UNKNOWN', 'DUPLICATE_EXACT', 'IBAN_MISMATCH']), level(2), APPROVERS).route,
    ).toBe('REJECT');
  });

  it('clarifies a missing PO with the requester and a formal defect with finance, in German and English', () => {
    // Act
    const poMissing = decide(
      outcome(['PO_MISSING'], { poMatched: false, requesterEmail: 'erik@firma.de' }),
      level(1),
      APPROVERS,
    );
    const arithmetic = decide(outcome(['ARITHMETIC']), level(1), APPROVERS);

    // Assess
    expect(poMissing.clarification).toMatchObject({ with: 'erik@firma.de', role: 'requester' });
    expect(poMissing.clarification?.questionDe).toContain('Zu welcher Bestellung');
    expect(poMissing.clarification?.questionEn).toContain('Which order');
    expect(arithmetic.clarification).toMatchObject({ with: 'frieda@firma.de', role: 'finance' });
    expect(arithmetic.clarification?.question).toContain('korrigierte Rechnung');
  });

  it('asks the vendor manager, then the cost-centre approver, when no requester is known', () => {
    // Act
    const manager = decide(
      outcome(['PO_MISSING'], {
        poMatched: false,
        vendor: { ...VENDOR, vendorManagerEmail: 'einkauf@firma.de' },
      }),
      level(1),
      APPROVERS,
    );
    const costCentre = decide(outcome(['PO_MISSING'], { poMatched: false }), level(1), APPROVERS);

    // Assess
    expect(manager.clarification?.with).toBe('einkauf@firma.de');
    expect(costCentre.clarification?.with).toBe('anna@firma.de');
  });

  it('falls back to the configured finance mailbox when no approver has a finance role', () => {
    // Prepare
    const noFinance = APPROVERS.filter((a) => a.role !== 'Buchhaltung');

    // Act
    const decision = decide(
      outcome(['VENDOR_UNKNOWN'], { vendor: undefined }),
      level(1, { financeTeamEmail: 'ap@firma.de' }),
      noFinance,
    );

    // Assess
    expect(decision.clarification?.with).toBe('ap@firma.de');
  });

  it('lists one reason per code, most severe first, with the messages of all its checks', () => {
    // Act
    const decision = decide(
      outcome(['SENDER_DOMAIN_UNKNOWN', 'ARITHMETIC', 'ARITHMETIC']),
      level(1),
      APPROVERS,
    );

    // Assess
    expect(codesOf(decision)).toEqual(['ARITHMETIC', 'SENDER_DOMAIN_UNKNOWN']);
    expect(decision.reasons[0]!.message).toBe('ARITHMETIC happened; ARITHMETIC happened');
  });

  it('quarantines an unreadable document with reason UNREADABLE', () => {
    // Act
    const decision = decideUnreadable('UNSAFE_INPUT', 'DOCTYPE is not allowed', level(1));

    // Assess
    expect(decision).toMatchObject({
      route: 'QUARANTINE',
      holds: ['UNREADABLE'],
      requiresTypedAmount: false,
    });
    expect(decision.reasons).toEqual([
      {
        code: 'UNREADABLE',
        message: 'The document could not be read (UNSAFE_INPUT): DOCTYPE is not allowed',
        messageDe: 'Das Dokument konnte nicht gelesen werden (UNSAFE_INPUT): DOCTYPE is not allowed',
      },
    ]);
  });
});

describe('decide: invariants', () => {
  const raisedByChecks = REASON_CODES.filter(
    (c) => REASON_EFFECTS[c].effect !== 'info' && c !== 'UNREADABLE' && c !== 'AMOUNT_ABOVE_THRESHOLD',
  );

  it('never auto-approves an invoice with a failing check or a hold, at any level or amount', () => {
    fc.assert(
      fc.property(
        fc.subarray(raisedByChecks, { minLength: 1 }),
        fc.constantFrom(0, 1, 2),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.boolean(),
        (codes, autonomy, cents, poMatched) => {
          const gross = (cents / 100).toFixed(2);
          const decision = decide(
            outcome(codes, { poMatched, amount: { gross, currency: 'EUR', creditNote: false } }),
            level(autonomy),
            APPROVERS,
          );
          const heldCodes = codes.filter(isHold);
          return decision.route !== 'AUTO_APPROVE' && heldCodes.every((c) => decision.holds.includes(c));
        },
      ),
    );
  });

  it('routes every decision to a contract route and gives every person-route an approver', () => {
    fc.assert(
      fc.property(
        fc.subarray(raisedByChecks),
        fc.constantFrom(0, 1, 2),
        fc.integer({ min: 0, max: 2_000_000 }),
        (codes, autonomy, cents) => {
          const decision = decide(
            outcome(codes, {
              amount: { gross: (cents / 100).toFixed(2), currency: 'EUR', creditNote: false },
            }),
            level(autonomy),
            APPROVERS,
          );
          if (decision.route === 'APPROVE') return decision.approvers?.length === 1;
          if (decision.route === 'APPROVE_FOUR_EYES') return new Set(decision.approvers).size === 2;
          if (decision.route === 'CLARIFY') return Boolean(decision.clarification?.with);
          return ['AUTO_APPROVE', 'REJECT'].includes(decision.route);
        },
      ),
    );
  });
});
