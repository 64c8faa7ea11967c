import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LambdaHandler } from '../../functions/handlers/lambda';
import { TASK_STEPS } from '../../functions/steps';
import { LocalWorkflow, TaskTokenError } from '../../local/workflow';
import { type HumanWaitTimeouts, renderDefinition } from '../../statemachines/definition';

/**
 * The real ASL on the local interpreter, with recording handlers in place of the steps: which states
 * run for each route, how a paused task resumes, times out, survives a restart, and how errors end.
 */

const WAITS: HumanWaitTimeouts = {
  ApprovalRemindAfterSeconds: 3600,
  ApprovalEscalateAfterSeconds: 3600,
  ApprovalParkAfterSeconds: 3600,
  ClarificationTimeoutSeconds: 3600,
};

const STEP_FUNCTIONS = TASK_STEPS.map((s) => s.name);
type StepFunctionName = string;
type Behaviour = Partial<Record<StepFunctionName, (event: Record<string, unknown>) => unknown>>;

function harness(behaviour: Behaviour, options: { dir?: string; waits?: HumanWaitTimeouts } = {}) {
  const calls: { step: StepFunctionName; event: Record<string, unknown> }[] = [];
  const tokens: string[] = [];
  const lambdas: Record<string, LambdaHandler> = {};
  for (const step of STEP_FUNCTIONS) {
    lambdas[`fn-${step}`] = async (event) => {
      const e = event as Record<string, unknown>;
      calls.push({ step, event: e });
      if (step === 'AwaitHuman') tokens.push(String(e.taskToken));
      const act = behaviour[step];
      if (act) return act(e);
      if (step === 'ParseMail')
        return { mailId: 'm1', documents: [{ invoiceId: 'm1-1', fileName: 'a.xml' }] };
      return { ok: true };
    };
  }
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'workflow-'));
  const workflow = new LocalWorkflow({
    definition: renderDefinition(
      options.waits ?? WAITS,
      Object.fromEntries(STEP_FUNCTIONS.map((s) => [s, `fn-${s}`])),
    ),
    lambdas,
    dir,
    isFinished: async () => false,
  });
  const steps = () => calls.map((c) => c.step);
  return { workflow, calls, steps, tokens, dir };
}

const mailInput = { mailId: 'm1', bucket: 'b', key: 'raw/1', receivedAt: '2026-11-24T10:00:00Z' };
const route = (r: string) => () => ({ route: r, reasons: [], holds: [] });

async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('local workflow on the real ASL', () => {
  it('auto-approves, archives and notifies a routine invoice', async () => {
    const { workflow, steps } = harness({ Check: route('AUTO_APPROVE') });
    await workflow.start('mail-1', mailInput);
    await workflow.settled();
    expect(steps()).toEqual([
      'ParseMail',
      'Extract',
      'Check',
      'Reason',
      'RecordOutcome',
      'Archive',
      'Notify',
    ]);
  });

  it('passes AUTO_APPROVED for the auto route and REJECTED_BY_POLICY for the reject route', async () => {
    for (const [r, outcome] of [
      ['AUTO_APPROVE', 'AUTO_APPROVED'],
      ['REJECT', 'REJECTED_BY_POLICY'],
    ]) {
      const { workflow, calls } = harness({ Check: route(r as string) });
      await workflow.start('mail-1', mailInput);
      await workflow.settled();
      expect(calls.find((c) => c.step === 'RecordOutcome')?.event).toEqual({ invoiceId: 'm1-1', outcome });
    }
  });

  it('still decides when the reasoning step fails (advice only)', async () => {
    const { workflow, steps } = harness({
      Check: route('AUTO_APPROVE'),
      Reason: () => {
        throw Object.assign(new Error('throttled'), { name: 'ReasoningUnavailableError' });
      },
    });
    await workflow.start('mail-1', mailInput);
    await workflow.settled();
    expect(steps()).toContain('RecordOutcome');
    expect(steps()).not.toContain('Quarantine');
  });

  it('quarantines with the typed error when a step fails, then notifies', async () => {
    const { workflow, calls, steps } = harness({
      Extract: () => {
        throw Object.assign(new Error('[NEEDS_OCR] The PDF has no text layer'), {
          name: 'UnreadableDocumentError',
        });
      },
    });
    await workflow.start('mail-1', mailInput);
    await workflow.settled();
    expect(steps()).toEqual(['ParseMail', 'Extract', 'Quarantine', 'Notify']);
    const error = calls.find((c) => c.step === 'Quarantine')?.event.error as { Error: string; Cause: string };
    expect(error.Error).toBe('UnreadableDocumentError');
    expect(JSON.parse(error.Cause)).toEqual({
      errorType: 'UnreadableDocumentError',
      errorMessage: '[NEEDS_OCR] The PDF has no text layer',
    });
  });

  it('quarantines the mail itself when ParseMail fails and notifies about it', async () => {
    const { workflow, calls, steps } = harness({
      ParseMail: () => {
        throw Object.assign(new Error('no attachment'), { name: 'NoInvoiceDocumentError' });
      },
      Quarantine: (e) => ({ invoiceId: `${e.mailId}-0`, code: 'NO_INVOICE_DOCUMENT' }),
    });
    await workflow.start('mail-1', mailInput);
    await workflow.settled();
    expect(steps()).toEqual(['ParseMail', 'Quarantine', 'Notify']);
    expect(calls.at(-1)?.event).toEqual({ invoiceId: 'm1-0' });
  });

  it('starts an execution once per name (a redelivered event runs nothing)', async () => {
    const { workflow, steps } = harness({ Check: route('REJECT') });
    expect((await workflow.start('mail-1', mailInput)).started).toBe(true);
    expect((await workflow.start('mail-1', mailInput)).started).toBe(false);
    await workflow.settled();
    expect(steps().filter((s) => s === 'ParseMail')).toHaveLength(1);
  });

  it('pauses for a person with a fresh token and continues with the decision', async () => {
    const { workflow, calls, steps, tokens } = harness({ Check: route('APPROVE') });
    await workflow.start('mail-1', mailInput);
    await until(() => tokens.length === 1);
    const request = calls.find((c) => c.step === 'AwaitHuman')?.event;
    expect(request).toMatchObject({ invoiceId: 'm1-1', kind: 'approval', stage: 'initial', round: 1 });
    expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{64}$/);

    await workflow.succeed(tokens[0] as string, { next: 'ARCHIVE', round: 1 });
    await workflow.settled();
    expect(steps().slice(-2)).toEqual(['Archive', 'Notify']);
    await expect(workflow.succeed(tokens[0] as string, { next: 'ARCHIVE', round: 1 })).rejects.toBeInstanceOf(
      TaskTokenError,
    );
  });

  it('asks the second person of four eyes in round 2', async () => {
    const { workflow, calls, tokens } = harness({ Check: route('APPROVE_FOUR_EYES') });
    await workflow.start('mail-1', mailInput);
    await until(() => tokens.length === 1);
    await workflow.succeed(tokens[0] as string, { next: 'NEXT_APPROVER', round: 2 });
    await until(() => tokens.length === 2);
    expect(calls.filter((c) => c.step === 'AwaitHuman').map((c) => c.event.round)).toEqual([1, 2]);
    await workflow.succeed(tokens[1] as string, { next: 'ARCHIVE', round: 2 });
    await workflow.settled();
  });

  it('goes back to the checks after a clarification answer', async () => {
    let checks = 0;
    const { workflow, calls, tokens } = harness({
      Check: () => ({ route: ++checks === 1 ? 'CLARIFY' : 'AUTO_APPROVE', reasons: [], holds: [] }),
    });
    await workflow.start('mail-1', mailInput);
    await until(() => tokens.length === 1);
    expect(calls.find((c) => c.step === 'AwaitHuman')?.event.kind).toBe('clarification');
    await workflow.succeed(tokens[0] as string, { next: 'RECHECK', round: 1 });
    await workflow.settled();
    expect(checks).toBe(2);
    expect(calls.find((c) => c.step === 'RecordOutcome')?.event.outcome).toBe('AUTO_APPROVED');
  });

  it('reminds, escalates and finally parks when nobody decides (never approves)', async () => {
    const { workflow, calls, steps } = harness(
      { Check: route('APPROVE') },
      {
        waits: {
          ApprovalRemindAfterSeconds: 1,
          ApprovalEscalateAfterSeconds: 1,
          ApprovalParkAfterSeconds: 1,
          ClarificationTimeoutSeconds: 1,
        },
      },
    );
    await workflow.start('mail-1', mailInput);
    await workflow.settled();
    expect(steps()).toEqual([
      'ParseMail',
      'Extract',
      'Check',
      'Reason',
      'AwaitHuman',
      'Escalate',
      'AwaitHuman',
      'Escalate',
      'AwaitHuman',
      'Escalate',
    ]);
    expect(calls.filter((c) => c.step === 'Escalate').map((c) => c.event.action)).toEqual([
      'remind',
      'escalate',
      'park',
    ]);
    expect(calls.filter((c) => c.step === 'AwaitHuman').map((c) => c.event.stage)).toEqual([
      'initial',
      'reminded',
      'escalated',
    ]);
    expect(steps()).not.toContain('RecordOutcome');
  }, 15_000);

  it('resumes a paused invoice after a restart from the state after the wait', async () => {
    const first = harness({ Check: route('APPROVE') });
    await first.workflow.start('mail-1', mailInput);
    await until(() => first.tokens.length === 1);
    first.workflow.stop();

    const second = harness({ Check: route('APPROVE') }, { dir: first.dir });
    const recovered = await second.workflow.recover();
    expect(recovered.resumedWaits).toBe(1);
    await second.workflow.succeed(first.tokens[0] as string, { next: 'ARCHIVE', round: 1 });
    await second.workflow.settled();
    expect(second.steps()).toEqual(['Archive', 'Notify']);
    second.workflow.stop();
  });

  it('runs an unfinished invoice again after a restart', async () => {
    const first = harness({ Check: () => new Promise(() => undefined) });
    await first.workflow.start('mail-1', mailInput);
    await until(() => first.steps().includes('Check'));
    first.workflow.stop();

    const second = harness({ Check: route('REJECT') }, { dir: first.dir });
    expect(await second.workflow.recover()).toMatchObject({ rerunInvoices: 1 });
    await second.workflow.settled();
    expect(second.steps()).toEqual(['Extract', 'Check', 'Reason', 'RecordOutcome', 'Archive', 'Notify']);
  });
});
