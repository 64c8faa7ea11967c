import type * as z from 'zod';
import { DEFAULTS, type SettingName, type Settings } from '../core/config/settings';
import type { PortName, Ports, PortUses, RuntimeServices } from '../core/ports';

/**
 * A step is declared once: its name (the ASL's `${<Name>FunctionArn}`), its input schema, the ports it
 * uses with their access level, the settings it reads, its sizing and the core function it runs. The
 * Lambda handler, the local runtime's task map and the CDK function (entry, grants, env) derive from it.
 */

/** How the function is invoked: a state machine task, an EventBridge rule, or a Function URL. */
export type Trigger = 'task' | 'event' | 'url';

export interface Sizing {
  memoryMb: number;
  /** Lambda timeout; the state's TimeoutSeconds is derived from it (always longer). */
  timeoutSeconds: number;
}

/** What a step's core function receives: exactly its declared ports and settings, plus clock and logger. */
export type StepContext<U extends PortUses, S extends SettingName> = {
  [P in keyof U & PortName]: Ports[P];
} & RuntimeServices & { settings: Pick<Settings, S> };

export interface StepDeclaration<
  I extends z.ZodType = z.ZodType,
  U extends PortUses = PortUses,
  S extends SettingName = SettingName,
  R = unknown,
> {
  name: string;
  description: string;
  trigger: Trigger;
  input: I;
  uses: U;
  settings: readonly S[];
  sizing: Sizing;
  run(input: z.output<I>, context: StepContext<U, S>): Promise<R>;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of steps holds every combination of type parameters.
export type AnyStep = StepDeclaration<any, any, any, any>;

export function defineStep<
  I extends z.ZodType,
  const U extends PortUses,
  S extends SettingName = never,
  R = unknown,
>(
  declaration: Omit<StepDeclaration<I, U, S, R>, 'trigger' | 'sizing' | 'settings'> & {
    trigger?: Trigger;
    sizing?: Partial<Sizing>;
    settings?: readonly S[];
  },
): StepDeclaration<I, U, S, R> {
  return {
    ...declaration,
    trigger: declaration.trigger ?? 'task',
    settings: declaration.settings ?? [],
    sizing: {
      memoryMb: declaration.sizing?.memoryMb ?? DEFAULTS.memoryMb,
      timeoutSeconds: declaration.sizing?.timeoutSeconds ?? DEFAULTS.timeoutSeconds,
    },
  };
}

/** The ports a step declared, in a stable order. */
export function declaredPorts(step: AnyStep): PortName[] {
  return (Object.keys(step.uses) as PortName[]).sort();
}
