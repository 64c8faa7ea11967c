/** Outgoing mail (SES in AWS, a file outbox locally). */
export interface OutgoingMail {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. X-Invoice-Id for threading and tests. */
  headers?: Record<string, string>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** Resumes a paused workflow step (SendTaskSuccess/Failure in AWS, the local interpreter's token registry). */
export interface TaskResponder {
  succeed(taskToken: string, output: unknown): Promise<void>;
  fail(taskToken: string, error: string, cause: string): Promise<void>;
}

/** Starts one workflow execution per mail; a second start with the same name is a no-op. */
export interface WorkflowStarter {
  start(name: string, input: unknown): Promise<{ started: boolean; executionId: string }>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
