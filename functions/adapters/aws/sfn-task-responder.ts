import { SendTaskFailureCommand, SendTaskSuccessCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { InvoiceError } from '../../core/errors';
import type { TaskResponder } from '../../core/ports/messaging';

/** Step Functions' names for a token that can no longer be answered. */
const CLOSED = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/** The waiting task is gone: it timed out, was answered already, or the token is unknown. */
export class TaskClosedError extends InvoiceError {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, `The waiting task can no longer be answered (${reason})`, options);
  }
}

/** Resumes a waitForTaskToken state. The token is only passed to the SDK, never logged. */
export class SfnTaskResponder implements TaskResponder {
  constructor(private readonly sfn: SFNClient) {}

  async succeed(taskToken: string, output: unknown): Promise<void> {
    await this.call(() =>
      this.sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output ?? null) })),
    );
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    await this.call(() =>
      this.sfn.send(
        new SendTaskFailureCommand({ taskToken, error: error.slice(0, 256), cause: cause.slice(0, 32_768) }),
      ),
    );
  }

  private async call(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (error instanceof Error && CLOSED.has(error.name))
        throw new TaskClosedError(error.name, { cause: error });
      throw error;
    }
  }
}
