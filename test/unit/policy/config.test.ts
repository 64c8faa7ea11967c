import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../functions/core/errors';
import { defaultPolicy, parsePolicyConfig } from '../../../functions/core/policy/config';

describe('policy config', () => {
  it('fills documented defaults', () => {
    // Act
    const policy = defaultPolicy();

    // Assess
    expect(policy).toMatchObject({
      autonomyLevel: 1,
      currency: 'EUR',
      autoApproveMaxGross: '1000',
      fourEyesMinGross: '5000',
      priceTolerancePercent: '2',
      priceToleranceAbs: '5',
      smallInvoiceMaxGross: '250',
      duplicateWindowDays: 7,
      splitWindowDays: 14,
      splitMarginPercent: '10',
      splitMinCount: 2,
      confirmTypedAmountMinGross: '10000',
    });
    expect(policy.policyVersion).toMatch(/^pv-[0-9a-f]{12}$/);
  });

  it('derives a stable version: key order and number formatting do not matter, values do', () => {
    // Act
    const a = parsePolicyConfig({ autonomyLevel: 2, autoApproveMaxGross: '500.00', fourEyesMinGross: 8000 });
    const b = parsePolicyConfig({ fourEyesMinGross: '8000', autoApproveMaxGross: 500, autonomyLevel: 2 });
    const c = parsePolicyConfig({ fourEyesMinGross: '8000', autoApproveMaxGross: 500, autonomyLevel: 1 });

    // Assess
    expect(a.policyVersion).toBe(b.policyVersion);
    expect(a.policyVersion).not.toBe(c.policyVersion);
    expect(a.autoApproveMaxGross).toBe('500');
  });

  it.each([
    [{ autonomyLevel: 3 }, 'autonomyLevel: must be 0, 1 or 2, received 3'],
    [
      { autoApproveMaxGross: '1.000,00' },
      'autoApproveMaxGross must be a non-negative decimal, received "1.000,00"',
    ],
    [{ priceToleranceAbs: -1 }, 'priceToleranceAbs must be a non-negative decimal, received -1'],
    [{ autoAproveMaxGross: 5 }, 'Unrecognized key: "autoAproveMaxGross"'],
    [{ autoApproveMaxGross: 6000 }, 'autoApproveMaxGross (6000) must be below fourEyesMinGross (5000)'],
    [{ currency: 'euro' }, 'currency must be an ISO 4217 code'],
  ])('refuses %j with a ConfigError naming the key and value', (raw, message) => {
    expect(() => parsePolicyConfig(raw)).toThrow(ConfigError);
    expect(() => parsePolicyConfig(raw)).toThrow(message);
  });
});
