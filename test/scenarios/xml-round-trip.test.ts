import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../functions/core/einvoice/index';
import { validateEInvoice } from '../../functions/core/validation/index';
import { writeCii } from '../../samples/einvoice-writer';
import { createWorld, runScenario } from './runner';
import { type Scenario, scenarios } from './suite';

/**
 * The suite as the local stack will see it: every step of a mailable scenario is written as XRechnung
 * CII, read back by the e-invoice reader and validated, then checked and decided. Routes and reason
 * codes must stay exactly as labelled, so mailing the suite measures the core, not the rendering.
 */
function asMailed(scenario: Scenario): Scenario {
  return {
    ...scenario,
    steps: scenario.steps.map((step) => {
      if (!step.invoice) return step;
      const xml = writeCii(step.invoice, { profile: 'XRECHNUNG' });
      const { invoice, root } = readEInvoiceXml(xml);
      return { ...step, invoice, validation: validateEInvoice(root), fileHash: undefined };
    }),
  };
}

describe('scenario suite as XRechnung CII', () => {
  it('routes every mailable step as labelled after writing, reading and validating the XML', async () => {
    // Prepare
    const mailable = scenarios.filter((s) => s.mailable).map(asMailed);
    const world = createWorld();

    // Act
    const wrong: string[] = [];
    for (const scenario of mailable) {
      const results = await runScenario(scenario, world);
      for (const r of results) {
        const want = scenario.steps[r.index]!.expect;
        const got = r.decision.reasons.map((x) => x.code).sort();
        if (r.decision.route !== want.route || got.join() !== [...want.codes].sort().join()) {
          wrong.push(
            `${r.scenario}/${r.step}: got ${r.decision.route} [${got}], want ${want.route} [${want.codes}]`,
          );
        }
      }
    }

    // Assess
    expect(mailable.length).toBeGreaterThanOrEqual(40);
    expect(wrong).toEqual([]);
  });
});
