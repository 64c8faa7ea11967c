import { step as approvalEndpoint } from './approval-endpoint';
import { step as archive } from './archive';
import { step as awaitHuman } from './await-human';
import { step as check } from './check';
import type { AnyStep } from './define';
import { step as escalate } from './escalate';
import { step as extract } from './extract';
import { step as notify } from './notify';
import { step as parseMail } from './parse-mail';
import { step as quarantine } from './quarantine';
import { step as reason } from './reason';
import { step as recordOutcome } from './record-outcome';
import { step as startProcessing } from './start-processing';

/**
 * Every function of the product. Infra creates one Lambda per entry, the local runtime one in-process
 * handler per entry, and the state machine's `${<Name>FunctionArn}` placeholders name exactly the 'task'
 * entries. Each step lives in functions/steps/<kebab-case name>.ts as `export const step`; a Lambda's
 * bundle imports only that module, never this list.
 */
export const STEPS = [
  startProcessing,
  parseMail,
  extract,
  check,
  reason,
  recordOutcome,
  awaitHuman,
  escalate,
  quarantine,
  archive,
  notify,
  approvalEndpoint,
] as const satisfies readonly AnyStep[];

export type StepName = (typeof STEPS)[number]['name'];

/** The module that declares a step: ParseMail -> functions/steps/parse-mail.ts. */
export function stepModuleName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export function stepNamed(name: string): AnyStep {
  const step = STEPS.find((s) => s.name === name);
  if (!step) throw new Error(`No step named ${name}; known: ${STEPS.map((s) => s.name).join(', ')}`);
  return step;
}

/** The state machine's Lambda tasks. */
export const TASK_STEPS: readonly AnyStep[] = STEPS.filter((s) => s.trigger === 'task');
