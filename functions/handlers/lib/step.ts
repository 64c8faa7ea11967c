import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { InvoiceError } from '../../core/errors';
import type { Ports } from './ports';

/** The state machine sent something this step cannot work with. */
export class InvalidStepInputError extends InvoiceError {
  constructor(step: string, detail: string) {
    super('INVALID_STEP_INPUT', `${step} received invalid input: ${detail}`);
  }
}

export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

export interface Step<S extends z.ZodType, R> {
  name: string;
  /** Builds the middy-wrapped handler on the given ports (AWS or local). */
  create(ports: Ports): LambdaHandler<unknown, R>;
  schema: S;
}

/**
 * Declares a workflow step: input schema, then the work. Handlers only wire: parse the event,
 * call the core with ports, return a small result. Errors propagate, so Step Functions retries or catches them.
 */
export function defineStep<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.infer<S>, ports: Ports) => Promise<R>,
): Step<S, R> {
  return {
    name,
    schema,
    create(ports) {
      const work = async (event: unknown): Promise<R> => {
        const parsed = schema.safeParse(event);
        if (!parsed.success) {
          throw new InvalidStepInputError(
            name,
            parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          );
        }
        try {
          return await run(parsed.data, ports);
        } catch (error) {
          throw withCodeInMessage(error);
        }
      };
      return middy<unknown, R>(work).use(
        injectLambdaContext(ports.logger, { resetKeys: true, logEvent: false }),
      );
    },
  };
}

/** The Lambda entry point: ports are built once, on the first (cold) invocation. */
export function lambdaEntry<R>(
  create: (ports: Ports) => LambdaHandler<unknown, R>,
  ports: () => Ports,
): LambdaHandler<unknown, R> {
  let handler: LambdaHandler<unknown, R> | undefined;
  return (event, context) => {
    handler ??= create(ports());
    return handler(event, context);
  };
}

/**
 * Lambda reports only a name and a message to Step Functions; the typed error's code travels as a
 * message prefix ("[NEEDS_OCR] ...") so that Quarantine can record it.
 */
function withCodeInMessage(error: unknown): unknown {
  if (error instanceof InvoiceError && !error.message.startsWith(`[${error.code}]`)) {
    error.message = `[${error.code}] ${error.message}`;
  }
  return error;
}
