import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULTS } from '../functions/core/config/settings';
import { TASK_STEPS } from '../functions/steps';

/**
 * The invoice workflow is defined once, in invoice-processing.asl.json, with `${Name}` placeholders.
 * The file holds the path and the human waits; what would repeat is added when it is rendered:
 * - the retry policy (RETRY_POLICY) on every Lambda task,
 * - each Lambda task's TimeoutSeconds, from its step's declared Lambda timeout plus a margin,
 * - the human-wait TimeoutSeconds (numbers: CloudFormation's DefinitionSubstitutions only insert text).
 * Function ARNs stay `${<Step>FunctionArn}` for CloudFormation, or are filled in locally.
 */
export const DEFINITION_PATH = fileURLToPath(new URL('./invoice-processing.asl.json', import.meta.url));

/** Transient Lambda failures are retried with backoff and jitter; everything else is caught by name. */
export const RETRY_POLICY = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'Lambda.ClientExecutionTimeoutException',
      'TransientError',
    ],
    IntervalSeconds: 2,
    BackoffRate: 2,
    MaxAttempts: 4,
    MaxDelaySeconds: 30,
    JitterStrategy: 'FULL',
  },
] as const;

/** A Lambda task's state timeout exceeds the function's own timeout by this much (invoke and init). */
export const STATE_TIMEOUT_MARGIN_SECONDS = 30;

/** Durations of the human-in-the-loop waits, in seconds. */
export interface HumanWaitTimeouts {
  ApprovalRemindAfterSeconds: number;
  ApprovalEscalateAfterSeconds: number;
  ApprovalParkAfterSeconds: number;
  ClarificationTimeoutSeconds: number;
}

/** The human-wait ladder, in hours after the request: remind, escalate to the deputy, park. */
export interface HumanWaitHours {
  remindAfterHours: number;
  escalateAfterHours: number;
  parkAfterHours: number;
  clarificationTimeoutHours: number;
}

export const DEFAULT_HUMAN_WAITS_HOURS: HumanWaitHours = {
  remindAfterHours: DEFAULTS.approvalRemindAfterHours,
  escalateAfterHours: DEFAULTS.approvalEscalateAfterHours,
  parkAfterHours: DEFAULTS.approvalParkAfterHours,
  clarificationTimeoutHours: DEFAULTS.clarificationTimeoutHours,
};

/**
 * Each wait state's TimeoutSeconds: the ladder's points are cumulative (48 h, 96 h, 7 days), the
 * states wait one after the other, so each waits the difference.
 */
export function humanWaitTimeouts(h: HumanWaitHours): HumanWaitTimeouts {
  if (!(h.remindAfterHours < h.escalateAfterHours && h.escalateAfterHours < h.parkAfterHours)) {
    throw new Error(
      `Reminder (${h.remindAfterHours} h) < escalation (${h.escalateAfterHours} h) < parking (${h.parkAfterHours} h) is required`,
    );
  }
  const seconds = (hours: number) => Math.max(1, Math.round(hours * 3600));
  return {
    ApprovalRemindAfterSeconds: seconds(h.remindAfterHours),
    ApprovalEscalateAfterSeconds: seconds(h.escalateAfterHours - h.remindAfterHours),
    ApprovalParkAfterSeconds: seconds(h.parkAfterHours - h.escalateAfterHours),
    ClarificationTimeoutSeconds: seconds(h.clarificationTimeoutHours),
  };
}

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;
const FUNCTION_PLACEHOLDER = /^\$\{([A-Za-z0-9]+)FunctionArn\}$/;

export function readDefinitionTemplate(path = DEFINITION_PATH): StateMachineDefinition {
  return JSON.parse(readFileSync(path, 'utf8')) as StateMachineDefinition;
}

/** All placeholder names in a definition. */
export function placeholders(definition: StateMachineDefinition | string): string[] {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** The step a Lambda task state invokes (from its `${<Step>FunctionArn}` placeholder). */
export function invokedStep(state: StateDefinition): string | undefined {
  const name = (state.Parameters as { FunctionName?: unknown } | undefined)?.FunctionName;
  return typeof name === 'string' ? FUNCTION_PLACEHOLDER.exec(name)?.[1] : undefined;
}

const isLambdaTask = (state: StateDefinition) =>
  state.Type === 'Task' && typeof state.Resource === 'string' && state.Resource.includes(':lambda:invoke');

/**
 * The deployable definition: the retry policy on every Lambda task, each plain task's TimeoutSeconds
 * from its step's sizing, the human waits as numbers. Function ARNs stay placeholders.
 */
export function expandDefinition(
  waits: HumanWaitTimeouts,
  template: StateMachineDefinition = readDefinitionTemplate(),
): StateMachineDefinition {
  const lambdaTimeout = new Map(TASK_STEPS.map((s) => [s.name, s.sizing.timeoutSeconds]));
  const definition = structuredClone(template);
  for (const [name, state] of allStates(definition)) {
    if (typeof state.TimeoutSeconds === 'string') {
      const key = /^\$\{(\w+)\}$/.exec(state.TimeoutSeconds)?.[1] as keyof HumanWaitTimeouts | undefined;
      const value = key && waits[key];
      if (!value || !Number.isInteger(value) || value < 1) {
        throw new Error(`State ${name}: no positive whole number for TimeoutSeconds ${state.TimeoutSeconds}`);
      }
      state.TimeoutSeconds = value;
    }
    if (!isLambdaTask(state)) continue;
    const step = invokedStep(state);
    const seconds = step && lambdaTimeout.get(step);
    if (!seconds)
      throw new Error(`State ${name} invokes no declared task step (${step ?? 'no placeholder'})`);
    state.Retry = structuredClone(RETRY_POLICY) as unknown as unknown[];
    if (!String(state.Resource).endsWith('.waitForTaskToken')) {
      state.TimeoutSeconds = seconds + STATE_TIMEOUT_MARGIN_SECONDS;
    }
  }
  return definition;
}

/** Fills in the function ARNs (local runtime and tests); throws naming any placeholder left without a value. */
export function renderDefinition(
  waits: HumanWaitTimeouts,
  functionArns: Record<string, string>,
  template?: StateMachineDefinition,
): StateMachineDefinition {
  const text = JSON.stringify(expandDefinition(waits, template));
  const values: Record<string, string> = {};
  for (const [name, arn] of Object.entries(functionArns)) values[`${name}FunctionArn`] = arn;
  const missing = placeholders(text).filter((name) => values[name] === undefined);
  if (missing.length) throw new Error(`No value for state machine placeholder(s): ${missing.join(', ')}`);
  return JSON.parse(text.replace(PLACEHOLDER, (_m, name: string) => values[name]!)) as StateMachineDefinition;
}

export interface StateDefinition {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, unknown>;
  TimeoutSeconds?: number | string;
  Catch?: { ErrorEquals: string[]; Next: string; ResultPath?: string | null }[];
  Retry?: unknown[];
  Next?: string;
  End?: boolean;
  Choices?: { Next: string }[];
  Default?: string;
  ItemProcessor?: StateMachineDefinition;
  [key: string]: unknown;
}

export interface StateMachineDefinition {
  Comment?: string;
  StartAt: string;
  States: Record<string, StateDefinition>;
  [key: string]: unknown;
}

/** Visits every state, including those nested in Map item processors. */
export function allStates(definition: StateMachineDefinition): [string, StateDefinition][] {
  const out: [string, StateDefinition][] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    out.push([name, state]);
    if (state.ItemProcessor) out.push(...allStates(state.ItemProcessor));
  }
  return out;
}
