import type { ReasonCode } from '../../functions/core/checks/reason-codes';
import type { Decision, Route } from '../../functions/core/policy/decide';
import type { ReasoningInput } from '../../functions/core/ports/reasoner';
import { sampleInvoice } from '../../samples/einvoice-writer';

/** A reasoning input for a known vendor with default coding 4930 / 1000; overrides per test. */
export function reasoningInput(
  options: {
    route?: Route;
    reasons?: ReasonCode[];
    holds?: ReasonCode[];
    checks?: ReasoningInput['checks'];
    invoice?: ReasoningInput['invoice'];
    vendor?: ReasoningInput['vendor'] | null;
    allowedCoding?: ReasoningInput['allowedCoding'];
  } = {},
): ReasoningInput {
  const decision: Decision = {
    route: options.route ?? 'AUTO_APPROVE',
    reasons: (options.reasons ?? []).map((code) => ({
      code,
      message: `${code} message`,
      messageDe: `${code} Meldung`,
    })),
    policyVersion: 'test-1',
    autonomyLevel: 1,
    holds: options.holds ?? [],
    requiresTypedAmount: false,
  };
  return {
    invoice: options.invoice ?? sampleInvoice(),
    decision,
    checks: options.checks ?? [{ id: 'vendor.iban', status: 'pass', message: 'IBAN known' }],
    ...(options.vendor !== null && {
      vendor: options.vendor ?? {
        id: 'V1',
        name: 'Muster Bürobedarf GmbH',
        defaultCoding: { glAccount: '4930', costCenter: '1000' },
      },
    }),
    allowedCoding: options.allowedCoding ?? { glAccounts: ['4930', '4400'], costCenters: ['1000', '2000'] },
  };
}
