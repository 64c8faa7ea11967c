import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { settingsFromEnv } from '../../core/config/settings';
import type { PortName, Ports } from '../../core/ports';
import { systemClock } from '../../core/ports/messaging';
import type { StepDeclaration } from '../../steps/define';
import { type LambdaHandler, stepHandler } from '../lambda';

/** A factory for each port the step declared (and no other). */
export type PortFactories<U> = { [P in keyof U & PortName]: () => Ports[P] };

/**
 * The AWS composition root of one step: the Lambda entry that infra generates calls this with the
 * step and the factories of exactly its declared ports. Ports are built on first use and kept.
 */
// biome-ignore lint/suspicious/noExplicitAny: any input schema, settings and result.
export function lambdaEntry<U extends object>(
  step: StepDeclaration<any, U, any, any>,
  factories: PortFactories<U>,
) {
  let handler: LambdaHandler | undefined;
  return (event: unknown, context: Context) => {
    handler ??= create(step, factories);
    return handler(event, context);
  };
}

// biome-ignore lint/suspicious/noExplicitAny: see lambdaEntry.
function create(step: StepDeclaration<any, any, any, any>, factories: Record<string, () => unknown>) {
  const logger = new Logger({ serviceName: 'invoice-agent' });
  const ports: Record<string, unknown> = {
    clock: systemClock,
    logger,
    settings: settingsFromEnv(step.settings, process.env),
  };
  for (const [name, factory] of Object.entries(factories)) {
    let port: unknown;
    Object.defineProperty(ports, name, { enumerable: true, get: () => (port ??= factory()) });
  }
  return stepHandler(step, ports, logger);
}
