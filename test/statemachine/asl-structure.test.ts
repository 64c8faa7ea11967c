import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/core/policy/decide';
import { TASK_STEPS } from '../../functions/steps';
import {
  allStates,
  DEFAULT_HUMAN_WAITS_HOURS,
  DEFINITION_PATH,
  expandDefinition,
  humanWaitTimeouts,
  invokedStep,
  placeholders,
  RETRY_POLICY,
  readDefinitionTemplate,
} from '../../statemachines/definition';

/** Invariants of the workflow definition that the product's promises rest on. */

const template = readDefinitionTemplate();
const states = allStates(template);
const byName = new Map(states);
const expanded = new Map(allStates(expandDefinition(humanWaitTimeouts(DEFAULT_HUMAN_WAITS_HOURS))));
const tasks = states.filter(([, s]) => s.Type === 'Task');
const waits = tasks.filter(([, s]) => s.Resource?.endsWith('.waitForTaskToken'));

describe('invoice-processing.asl.json', () => {
  it('invokes exactly the declared task steps, and has placeholders only for them and the human waits', () => {
    const invoked = new Set(tasks.map(([, state]) => invokedStep(state)));
    expect([...invoked].sort()).toEqual(TASK_STEPS.map((s) => s.name).sort());
    expect(placeholders(template)).toEqual(
      [
        ...TASK_STEPS.map((s) => `${s.name}FunctionArn`),
        'ApprovalEscalateAfterSeconds',
        'ApprovalParkAfterSeconds',
        'ApprovalRemindAfterSeconds',
        'ClarificationTimeoutSeconds',
      ].sort(),
    );
    expect(DEFINITION_PATH).toMatch(/statemachines\/invoice-processing\.asl\.json$/);
  });

  it('runs ParseMail → Extract → Check → Reason → Decide in order', () => {
    expect(template.StartAt).toBe('ParseMail');
    const item = Object.values(template.States).find((s) => s.ItemProcessor)?.ItemProcessor;
    expect(item?.StartAt).toBe('Extract');
    expect(byName.get('Extract')?.Next).toBe('Check');
    expect(byName.get('Check')?.Next).toBe('Reason');
    expect(byName.get('Reason')?.Next).toBe('Decide');
    expect(byName.get('Decide')?.Type).toBe('Choice');
  });

  it('routes every policy route from Decide, and nothing unknown falls through', () => {
    const decide = byName.get('Decide') as unknown as {
      Choices: { StringEquals: string; Next: string }[];
      Default?: string;
    };
    const routed = Object.fromEntries(decide.Choices.map((c) => [c.StringEquals, c.Next]));
    expect(Object.keys(routed).sort()).toEqual([...ROUTES].sort());
    expect(routed).toMatchObject({
      AUTO_APPROVE: 'AutoApprove',
      APPROVE: 'RequestApproval',
      APPROVE_FOUR_EYES: 'RequestApproval',
      CLARIFY: 'RequestClarification',
      REJECT: 'Reject',
      QUARANTINE: 'Quarantine',
    });
    expect(decide.Default).toBe('Quarantine');
  });

  it('points every transition at an existing state', () => {
    for (const [name, state] of states) {
      const targets = [
        state.Next,
        state.Default,
        ...(state.Choices ?? []).map((c) => c.Next),
        ...(state.Catch ?? []).map((c) => c.Next),
      ].filter(Boolean);
      for (const target of targets) expect(byName.has(target as string), `${name} → ${target}`).toBe(true);
    }
  });

  it('states the retry policy once and expands it onto every Lambda task at render', () => {
    for (const [name, state] of tasks) {
      expect(state.Retry, `${name} in the template`).toBeUndefined();
      expect(expanded.get(name)?.Retry, name).toEqual(RETRY_POLICY);
    }
    expect(RETRY_POLICY[0].ErrorEquals).toContain('Lambda.ClientExecutionTimeoutException');
  });

  it("gives every Lambda task a state timeout longer than its step's Lambda timeout", () => {
    const lambdaTimeout = new Map(TASK_STEPS.map((s) => [s.name, s.sizing.timeoutSeconds]));
    for (const [name, state] of tasks.filter(([, s]) => !s.Resource?.endsWith('.waitForTaskToken'))) {
      const stateTimeout = Number(expanded.get(name)?.TimeoutSeconds);
      expect(stateTimeout, name).toBeGreaterThan(lambdaTimeout.get(invokedStep(state) ?? '') ?? Infinity);
    }
  });

  it('continues with a decision made while no wait was open, instead of waiting again', () => {
    for (const [name, state] of waits) {
      const meanwhile = state.Catch?.find((c) => c.ErrorEquals.includes('DecidedMeanwhileError'));
      expect(meanwhile?.Next, name).toBe('TakeEarlierDecision');
    }
    expect(invokedStep(byName.get('TakeEarlierDecision')!)).toBe('Escalate');
    expect(byName.get('TakeEarlierDecision')?.Next).toBe('UseEarlierDecision');
    expect(byName.get('UseEarlierDecision')?.Next).toBe('AfterHumanDecision');
  });

  it('ends every failing task in Quarantine (an invoice is never lost)', () => {
    const exempt = new Set(['Quarantine', 'QuarantineMail', 'Notify', 'NotifyQuarantinedMail', 'Reason']);
    for (const [name, state] of tasks.filter(([n]) => !exempt.has(n))) {
      const catchAll = state.Catch?.find((c) => c.ErrorEquals.includes('States.ALL'));
      expect(catchAll?.Next, name).toMatch(/^Quarantine/);
    }
    // The reasoning step only advises: its failure leads on to the decision.
    expect(byName.get('Reason')?.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'Decide' });
  });

  it('waits for people with task tokens, timeouts and a Catch of States.Timeout into the reminder ladder', () => {
    expect(waits.map(([n]) => n).sort()).toEqual(
      ['AwaitAfterReminder', 'AwaitDeputy', 'RequestApproval', 'RequestClarification'].sort(),
    );
    for (const [name, state] of waits) {
      expect(state.Resource, name).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(String(state.TimeoutSeconds), name).toMatch(/^\$\{\w+Seconds\}$/);
      expect((state.Parameters as { Payload: Record<string, string> }).Payload['taskToken.$']).toBe(
        '$$.Task.Token',
      );
      expect(
        state.Catch?.some((c) => c.ErrorEquals.includes('States.Timeout')),
        name,
      ).toBe(true);
    }
    const timeoutNext = (n: string) =>
      byName.get(n)?.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'))?.Next;
    expect(timeoutNext('RequestApproval')).toBe('RemindApprover');
    expect(timeoutNext('AwaitAfterReminder')).toBe('EscalateToDeputy');
    expect(timeoutNext('AwaitDeputy')).toBe('Park');
  });

  it('renders the wait durations as numbers from the cumulative ladder', () => {
    const timeouts = humanWaitTimeouts({
      remindAfterHours: 48,
      escalateAfterHours: 96,
      parkAfterHours: 168,
      clarificationTimeoutHours: 168,
    });
    expect(timeouts).toEqual({
      ApprovalRemindAfterSeconds: 172800,
      ApprovalEscalateAfterSeconds: 172800,
      ApprovalParkAfterSeconds: 259200,
      ClarificationTimeoutSeconds: 604800,
    });
    const rendered = expandDefinition(timeouts);
    expect(new Map(allStates(rendered)).get('RequestApproval')?.TimeoutSeconds).toBe(172800);
    expect(() =>
      humanWaitTimeouts({
        remindAfterHours: 96,
        escalateAfterHours: 48,
        parkAfterHours: 168,
        clarificationTimeoutHours: 1,
      }),
    ).toThrow(/Reminder/);
  });
});
