import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../functions/core/checks/reason-codes';
import { ROUTES } from '../../functions/core/policy/decide';
import { createWorld, runScenario, type StepResult } from './runner';
import { scenarios } from './suite';

/**
 * The labelled scenario suite through the pure core (runChecks + decide) with in-memory ports.
 * Bars: 100 % correct routes and reason codes, every IBAN change and exact duplicate held,
 * no automatic approval of anything held.
 */

async function runAll(shared: boolean): Promise<StepResult[]> {
  let world = createWorld();
  const results: StepResult[] = [];
  for (const scenario of scenarios) {
    if (!shared) world = createWorld();
    results.push(...(await runScenario(scenario, world)));
  }
  return results;
}

function expectationOf(result: StepResult) {
  const scenario = scenarios.find((s) => s.id === result.scenario)!;
  return scenario.steps[result.index]!.expect;
}

describe('scenario suite', () => {
  it('imports the suite master data without errors', () => {
    // Prepare + Act
    const world = createWorld();

    // Assess
    expect(world.importErrors).toEqual([]);
  });

  it('has at least 40 scenarios with unique ids covering every reason code and route', () => {
    // Prepare
    const steps = scenarios.flatMap((s) => s.steps);
    const codes = new Set(steps.flatMap((s) => s.expect.codes));
    const routes = new Set(steps.map((s) => s.expect.route));

    // Assess
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    expect(new Set(scenarios.map((s) => s.id)).size).toBe(scenarios.length);
    expect(REASON_CODES.filter((c) => !codes.has(c))).toEqual([]);
    expect(ROUTES.filter((r) => !routes.has(r))).toEqual([]);
    for (const level of [0, 1, 2]) {
      const atLevel = scenarios
        .filter((s) => (s.policy.autonomyLevel ?? 1) === level)
        .flatMap((s) => s.steps.map((x) => x.expect.route));
      expect(new Set(atLevel).size, `routes at level ${level}`).toBeGreaterThanOrEqual(3);
    }
  });

  for (const mode of ['isolated', 'shared history'] as const) {
    it(`routes every step as labelled (${mode})`, async () => {
      // Act
      const results = await runAll(mode === 'shared history');

      // Assess
      const wrong = results
        .map((r) => ({ r, want: expectationOf(r) }))
        .filter(
          ({ r, want }) =>
            r.decision.route !== want.route ||
            [...r.decision.reasons.map((x) => x.code)].sort().join() !== [...want.codes].sort().join(),
        )
        .map(
          ({ r, want }) =>
            `${r.scenario}/${r.step}: got ${r.decision.route} [${r.decision.reasons.map((x) => x.code)}], want ${want.route} [${want.codes}]`,
        );
      expect(wrong).toEqual([]);
    });
  }

  it('chooses the labelled approvers and clarification partners', async () => {
    // Act
    const results = await runAll(false);

    // Assess
    for (const r of results) {
      const want = expectationOf(r);
      if (want.approvers) expect(r.decision.approvers, `${r.scenario}/${r.step}`).toEqual(want.approvers);
      if (want.clarifyWith)
        expect(r.decision.clarification?.with, `${r.scenario}/${r.step}`).toBe(want.clarifyWith);
    }
  });

  it('holds every IBAN change and every exact duplicate, and auto-approves nothing held', async () => {
    // Act
    const results = await runAll(true);

    // Assess
    const codesOf = (r: StepResult) => r.decision.reasons.map((x) => x.code);
    const ibanChanges = results.filter((r) => codesOf(r).includes('IBAN_MISMATCH'));
    const exactDuplicates = results.filter((r) => codesOf(r).includes('DUPLICATE_EXACT'));
    expect(ibanChanges.length).toBeGreaterThanOrEqual(4);
    expect(exactDuplicates.length).toBeGreaterThanOrEqual(3);
    for (const r of ibanChanges) expect(r.decision.holds).toContain('IBAN_MISMATCH');
    for (const r of exactDuplicates) expect(r.decision.route).toBe('REJECT');
    const heldButAutomatic = results.filter(
      (r) => r.decision.holds.length > 0 && r.decision.route === 'AUTO_APPROVE',
    );
    expect(heldButAutomatic).toEqual([]);
  });

  it('gives four-eyes routes two distinct approvers', async () => {
    // Act
    const results = await runAll(false);

    // Assess
    const fourEyes = results.filter((r) => r.decision.route === 'APPROVE_FOUR_EYES');
    expect(fourEyes.length).toBeGreaterThan(0);
    for (const r of fourEyes) expect(new Set(r.decision.approvers).size).toBe(2);
  });
});
