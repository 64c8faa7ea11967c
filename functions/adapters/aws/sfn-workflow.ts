import { type SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WorkflowStarter } from '../../core/ports/messaging';

/** Starts executions by deterministic name: a redelivered event finds the existing one. */
export class SfnWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: unknown): Promise<{ started: boolean; executionId: string }> {
    const executionArn = `${this.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
    try {
      const result = await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      // Same name and input while running: AWS returns the existing execution (idempotent).
      return { started: true, executionId: result.executionArn ?? executionArn };
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionAlreadyExists')
        return { started: false, executionId: executionArn };
      throw error;
    }
  }
}
