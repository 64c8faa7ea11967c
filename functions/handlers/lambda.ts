import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { InvoiceError } from '../core/errors';
import type { AnyStep } from '../steps/define';

/** The state machine (or trigger) sent something this step cannot work with. */
export class InvalidStepInputError extends InvoiceError {
  constructor(step: string, detail: string) {
    super('INVALID_STEP_INPUT', `${step} received invalid input: ${detail}`);
  }
}

export type LambdaHandler<E = unknown, R = unknown> = (event: E, context: Context) => Promise<R>;

/**
 * The handler of a declared step, the same in both runtimes: parse the event with the step's schema,
 * run its core function on the ports it declared, return the result. Errors propagate (with their
 * code in the message), so Step Functions retries or catches them by name.
 */
export function stepHandler(step: AnyStep, ports: object, logger: Logger): LambdaHandler {
  const work = async (event: unknown): Promise<unknown> => {
    const parsed = step.input.safeParse(event);
    if (!parsed.success) {
      throw new InvalidStepInputError(
        step.name,
        parsed.error.issues
          .map((i: { path: PropertyKey[]; message: string }) => `${i.path.join('.')}: ${i.message}`)
          .join('; '),
      );
    }
    try {
      return await step.run(parsed.data, ports as never);
    } catch (error) {
      throw withCodeInMessage(error);
    }
  };
  return middy(work).use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }));
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
