import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The invoice workflow is defined once, in invoice-processing.asl.json, with `${Name}` placeholders.
 * The file stays valid JSON: numeric settings are written as "${Name}" strings and become numbers when
 * rendered (CloudFormation's DefinitionSubstitutions only insert text, so CDK renders numbers at synth).
 */
export const DEFINITION_PATH = fileURLToPath(new URL('./invoice-processing.asl.json', import.meta.url));

/** Function placeholders: `${<Name>FunctionArn}` per Lambda step. */
export const STEP_FUNCTIONS = [
  'ParseMail',
  'Extract',
  'Check',
  'Reason',
  'RecordOutcome',
  'AwaitHuman',
  'Escalate',
  'Quarantine',
  'Archive',
  'Notify',
] as const;
export type StepFunctionName = (typeof STEP_FUNCTIONS)[number];

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
  remindAfterHours: 48,
  escalateAfterHours: 96,
  parkAfterHours: 168,
  // As long as the clarification link lives (72 h): then the invoice is parked for finance.
  clarificationTimeoutHours: 72,
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

export function readDefinitionTemplate(path = DEFINITION_PATH): string {
  return readFileSync(path, 'utf8');
}

/** All placeholder names in the template. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

/** Replaces "${Name}" (quoted) with the bare number for numeric values. */
export function renderNumbers(template: string, numbers: Record<string, number>): string {
  return template.replace(/"\$\{([A-Za-z0-9_]+)\}"/g, (whole, name: string) => {
    const value = numbers[name];
    if (value === undefined) return whole;
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`Substitution ${name} must be a positive integer, got ${value}`);
    return String(value);
  });
}

/** Replaces every remaining ${Name} with text; throws naming any placeholder left without a value. */
export function renderText(template: string, values: Record<string, string>): string {
  const missing = placeholders(template).filter((name) => values[name] === undefined);
  if (missing.length) throw new Error(`No value for state machine placeholder(s): ${missing.join(', ')}`);
  return template.replace(PLACEHOLDER, (_m, name: string) => values[name]!);
}

/** Fully rendered definition as an object (local runtime and tests). */
export function renderDefinition(
  numbers: HumanWaitTimeouts,
  functionArns: Record<StepFunctionName, string>,
  template = readDefinitionTemplate(),
): StateMachineDefinition {
  const text: Record<string, string> = {};
  for (const [name, arn] of Object.entries(functionArns)) text[`${name}FunctionArn`] = arn;
  return JSON.parse(renderText(renderNumbers(template, { ...numbers }), text)) as StateMachineDefinition;
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
