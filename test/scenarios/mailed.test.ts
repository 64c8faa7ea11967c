import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import type { LocalStack } from '../../local/stack';
import { writeCii } from '../../samples/einvoice-writer';
import {
  type ApiInvoice,
  importMasterData,
  sendMail,
  startTestStack,
  tempDataDir,
  waitForInvoice,
} from '../support/local-stack';
import { masterDataCsv, type ScenarioStep, scenarios } from './suite';

/**
 * The labelled scenario suite mailed into the running local stack: SMTP → ParseMail → Extract →
 * Check → Decide, one mail per step in suite order (a shared invoice history), read back through the
 * JSON API. Measures what issue 4 is checked by.
 */

let stack: LocalStack;

beforeAll(async () => {
  stack = await startTestStack(tempDataDir('scenarios-'));
  await importMasterData(stack, masterDataCsv);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function attachmentOf(step: ScenarioStep, subject: string) {
  if (step.invoice) {
    return {
      filename: `${step.invoice.invoiceNumber || 'rechnung'}.xml`,
      content: writeCii(step.invoice),
      contentType: 'application/xml',
    };
  }
  // An unreadable document: a PDF that is cut off after its header.
  return {
    filename: `${subject}.pdf`,
    content: '%PDF-1.7\n1 0 obj << /Type /Catalog',
    contentType: 'application/pdf',
  };
}

interface Outcome {
  step: ScenarioStep;
  label: string;
  invoice: ApiInvoice;
}

describe('scenario suite mailed into the local stack', () => {
  it('routes ≥ 98 % correctly, holds every IBAN change and exact duplicate, auto-approves nothing held', async () => {
    const outcomes: Outcome[] = [];
    const skipped: string[] = [];
    for (const scenario of scenarios) {
      if (!scenario.mailable) {
        skipped.push(scenario.id);
        continue;
      }
      // The suite's invoices are dated 2021-2024 and mailed today: the age limit would hold them all.
      stack.config.policy = parsePolicyConfig({ maxInvoiceAgeDays: 3660, ...scenario.policy });
      for (const [index, step] of scenario.steps.entries()) {
        const subject = `${scenario.id}-${index + 1} ${step.label}`;
        await sendMail(stack, { from: step.mail.from, subject, attachments: [attachmentOf(step, subject)] });
        outcomes.push({ step, label: subject, invoice: await waitForInvoice(stack, subject) });
      }
    }

    const wrongRoutes = outcomes.filter((o) => o.invoice.decision?.route !== o.step.expect.route);
    const wrongCodes = outcomes.filter((o) => {
      const codes = [...new Set(o.invoice.decision?.reasons.map((r) => r.code))].sort();
      return JSON.stringify(codes) !== JSON.stringify([...o.step.expect.codes].sort());
    });
    const mustHold = outcomes.filter((o) =>
      o.step.expect.codes.some((c) => c === 'IBAN_MISMATCH' || c === 'DUPLICATE_EXACT'),
    );
    const held = mustHold.filter(
      (o) => o.invoice.decision?.route !== 'AUTO_APPROVE' && o.invoice.status !== 'APPROVED',
    );
    const heldAutoApproved = outcomes.filter(
      (o) => (o.invoice.decision?.holds.length ?? 0) > 0 && o.invoice.decision?.route === 'AUTO_APPROVE',
    );
    const routeRate = (outcomes.length - wrongRoutes.length) / outcomes.length;
    console.log(
      `scenario suite via SMTP: ${outcomes.length} invoices (${skipped.length} scenarios not mailable: ${skipped.join(', ')}); ` +
        `routes ${(routeRate * 100).toFixed(1)} %, reason codes exact ${outcomes.length - wrongCodes.length}/${outcomes.length}, ` +
        `IBAN changes and exact duplicates held ${held.length}/${mustHold.length}, held auto-approved ${heldAutoApproved.length}`,
    );
    for (const o of wrongRoutes)
      console.log(
        `  wrong route ${o.label}: ${o.invoice.decision?.route} (${o.invoice.decision?.reasons.map((r) => r.code)}) expected ${o.step.expect.route}`,
      );

    expect(outcomes.length).toBeGreaterThanOrEqual(50);
    expect(mustHold.length).toBeGreaterThan(0);
    expect(routeRate).toBeGreaterThanOrEqual(0.98);
    expect(held.length).toBe(mustHold.length);
    expect(heldAutoApproved).toEqual([]);
  }, 300_000);
});
