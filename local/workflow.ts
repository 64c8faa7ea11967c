import './polyfills';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { InvoiceError } from '../functions/core/errors';
import type { TaskResponder, WorkflowStarter } from '../functions/core/ports/messaging';
import type { LambdaHandler } from '../functions/handlers/lambda';
import { allStates, type StateDefinition, type StateMachineDefinition } from '../statemachines/definition';
import { invokeLocally, LambdaInvocationError } from './lambda-runtime';

/** SendTask* for a token that is unknown, answered already, or timed out (as Step Functions reports it). */
export class TaskTokenError extends InvoiceError {
  constructor(name: 'TaskTimedOut' | 'InvalidToken' | 'TaskDoesNotExist', message: string) {
    super(name, message);
    this.name = name;
  }
}

interface ExecutionFile {
  name: string;
  input: unknown;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  startedAt: string;
  stoppedAt?: string;
  error?: string;
  /** Map items (invoice ids) once ParseMail has run, for recovery after a restart. */
  invoiceIds?: string[];
}

/** A paused waitForTaskToken state. Only the token's hash is kept, like a password. */
interface WaitFile {
  tokenHash: string;
  execution: string;
  state: string;
  invoiceId: string;
  round: number;
  createdAt: string;
  timeoutAt: string;
  status: 'WAITING' | 'ANSWERED' | 'TIMED_OUT';
}

interface Waiter {
  resolve(output: unknown): void;
  reject(error: Error): void;
}

export interface LocalWorkflowOptions {
  definition: StateMachineDefinition;
  /** Handler per FunctionName as it appears in the rendered definition. */
  lambdas: Record<string, LambdaHandler>;
  /** Where executions and paused tasks are kept (survives restarts). */
  dir: string;
  /** Whether an invoice already reached a final status (recovery skips it). */
  isFinished(invoiceId: string): Promise<boolean>;
  onError?(message: string, error: unknown): void;
  now?(): Date;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * The local Step Functions: runs the same ASL with aws-local-stepfunctions. Task states call the
 * handler modules in-process; waitForTaskToken states get a fresh token, persist the pause and resume
 * on succeed/fail (the approval endpoint) or time out into their Catch. After a restart, paused
 * invoices resume from the state after the wait, and unfinished ones are run again (steps are idempotent).
 */
export class LocalWorkflow implements WorkflowStarter, TaskResponder {
  private readonly machine: StateMachine;
  private readonly itemProcessor: StateMachineDefinition;
  private readonly states: Map<string, StateDefinition>;
  private readonly waiters = new Map<string, Waiter>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborts = new Set<() => void>();
  private readonly running = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private stopped = false;

  constructor(private readonly options: LocalWorkflowOptions) {
    this.machine = new StateMachine(options.definition as never, { validationOptions: { checkArn: false } });
    const map = Object.values(options.definition.States).find((s) => s.ItemProcessor);
    if (!map?.ItemProcessor) throw new Error('The definition has no Map state with an ItemProcessor');
    this.itemProcessor = map.ItemProcessor;
    this.states = new Map(allStates(options.definition));
    this.now = options.now ?? (() => new Date());
  }

  private executionFile(name: string) {
    return join(this.options.dir, 'executions', `${name}.json`);
  }
  private waitFile(tokenHash: string) {
    return join(this.options.dir, 'waits', `${tokenHash}.json`);
  }

  async start(name: string, input: unknown): Promise<{ started: boolean; executionId: string }> {
    await mkdir(join(this.options.dir, 'executions'), { recursive: true });
    const file: ExecutionFile = { name, input, status: 'RUNNING', startedAt: this.now().toISOString() };
    try {
      await writeFile(this.executionFile(name), JSON.stringify(file, null, 2), { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { started: false, executionId: name };
      throw error;
    }
    this.track(this.runExecution(file));
    return { started: true, executionId: name };
  }

  async succeed(taskToken: string, output: unknown): Promise<void> {
    await this.answer(taskToken, { output });
  }

  async fail(taskToken: string, error: string, cause: string): Promise<void> {
    const failure = new Error(cause);
    failure.name = error;
    await this.answer(taskToken, { failure });
  }

  /** Resumes what a previous process left: paused waits and unfinished invoices. */
  async recover(): Promise<{ resumedWaits: number; rerunInvoices: number; rerunExecutions: number }> {
    const counts = { resumedWaits: 0, rerunInvoices: 0, rerunExecutions: 0 };
    const waiting = new Map<string, WaitFile[]>();
    for (const wait of await this.readAll<WaitFile>('waits')) {
      if (wait.status !== 'WAITING') continue;
      waiting.set(wait.execution, [...(waiting.get(wait.execution) ?? []), wait]);
      this.armOrphanTimeout(wait);
      counts.resumedWaits++;
    }
    for (const execution of await this.readAll<ExecutionFile>('executions')) {
      if (execution.status !== 'RUNNING') continue;
      if (!execution.invoiceIds) {
        this.track(this.runExecution(execution));
        counts.rerunExecutions++;
        continue;
      }
      const paused = new Set((waiting.get(execution.name) ?? []).map((w) => w.invoiceId));
      for (const invoiceId of execution.invoiceIds) {
        if (paused.has(invoiceId) || (await this.options.isFinished(invoiceId))) continue;
        this.track(this.runItem(execution.name, this.itemProcessor.StartAt, { invoiceId, round: 1 }));
        counts.rerunInvoices++;
      }
    }
    return counts;
  }

  /** Resolves when nothing runs except paused waits (for tests and the demo). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  stop(): void {
    this.stopped = true;
    for (const abort of this.aborts) abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  // ---- execution ---------------------------------------------------------------------------------

  private track(promise: Promise<unknown>): void {
    const tracked = promise.catch((error) => this.options.onError?.('workflow run failed', error));
    this.running.add(tracked);
    void tracked.finally(() => this.running.delete(tracked));
  }

  private async runExecution(file: ExecutionFile): Promise<void> {
    const run = this.machine.run(file.input as never, {
      overrides: { taskResourceLocalHandlers: this.overrides(file.name) as never },
      context: this.context(file.name, file.input),
      noThrowOnAbort: true,
    });
    await this.finish(file.name, run);
  }

  /** Runs the per-invoice part of the definition from a given state (recovery and resumed waits). */
  private async runItem(execution: string, startAt: string, input: unknown): Promise<void> {
    const machine = new StateMachine({ ...this.itemProcessor, StartAt: startAt } as never, {
      validationOptions: { noValidate: true },
    });
    const run = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: this.overrides(execution) as never },
      context: this.context(execution, input),
      noThrowOnAbort: true,
    });
    await this.finish(execution, run, { partial: true });
  }

  private async finish(
    name: string,
    run: { abort: () => void; result: Promise<unknown> },
    options: { partial?: boolean } = {},
  ): Promise<void> {
    this.aborts.add(run.abort);
    let error: unknown;
    try {
      await run.result;
    } catch (e) {
      error = e;
    } finally {
      this.aborts.delete(run.abort);
    }
    if (this.stopped) return;
    if (options.partial && !error && (await this.hasOpenWaits(name))) return;
    await this.updateExecution(name, {
      status: error ? 'FAILED' : 'SUCCEEDED',
      stoppedAt: this.now().toISOString(),
      ...(error !== undefined && {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      }),
    });
    if (error) this.options.onError?.(`execution ${name} failed`, error);
  }

  private context(name: string, input: unknown) {
    return {
      Execution: {
        Id: `arn:aws:states:eu-central-1:000000000000:execution:invoice-agent-processing:${name}`,
        Name: name,
        StartTime: this.now().toISOString(),
        Input: input,
      },
      StateMachine: { Id: 'local:invoice-agent-processing', Name: 'invoice-agent-processing' },
      // Replaced per waiting state by a fresh token (see waitForToken).
      Task: { Token: 'local-task-token' },
    } as never;
  }

  /** One local handler per Task state, by its FunctionName. */
  private overrides(execution: string): Record<string, (input: unknown) => Promise<unknown>> {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of this.states) {
      if (state.Type !== 'Task' || !state.Resource) continue;
      handlers[stateName] = state.Resource.endsWith('.waitForTaskToken')
        ? (input) => this.waitForToken(execution, stateName, state, input as LambdaParameters)
        : (input) => this.invoke(execution, stateName, input as LambdaParameters);
    }
    return handlers;
  }

  private handlerFor(functionName: string): LambdaHandler {
    const handler = this.options.lambdas[functionName];
    if (!handler)
      throw new LambdaInvocationError(
        'Lambda.ResourceNotFoundException',
        `No local function ${functionName}`,
      );
    return handler;
  }

  private async invoke(execution: string, stateName: string, input: LambdaParameters): Promise<unknown> {
    const payload = await invokeLocally(
      input.FunctionName,
      this.handlerFor(input.FunctionName),
      input.Payload,
    );
    if (stateName === this.options.definition.StartAt) await this.rememberItems(execution, payload);
    return { ExecutedVersion: '$LATEST', Payload: payload, StatusCode: 200 };
  }

  private async waitForToken(
    execution: string,
    stateName: string,
    state: StateDefinition,
    input: LambdaParameters,
  ): Promise<unknown> {
    const token = randomBytes(48).toString('base64url');
    const payload: Record<string, unknown> = {
      ...(input.Payload as Record<string, unknown>),
      taskToken: token,
    };
    const timeoutSeconds = Number(state.TimeoutSeconds);
    const created = this.now();
    const wait: WaitFile = {
      tokenHash: hash(token),
      execution,
      state: stateName,
      invoiceId: String(payload.invoiceId),
      round: Number(payload.round ?? 1),
      createdAt: created.toISOString(),
      timeoutAt: new Date(created.getTime() + timeoutSeconds * 1000).toISOString(),
      status: 'WAITING',
    };
    const answered = new Promise<unknown>((resolve, reject) =>
      this.waiters.set(wait.tokenHash, { resolve, reject }),
    );
    await this.writeWait(wait);
    try {
      await invokeLocally(input.FunctionName, this.handlerFor(input.FunctionName), payload);
    } catch (error) {
      this.waiters.delete(wait.tokenHash);
      await this.writeWait({ ...wait, status: 'ANSWERED' });
      throw error;
    }
    // The interpreter races this against the state's TimeoutSeconds (States.Timeout -> Catch).
    const timer = setTimeout(() => void this.expire(wait), timeoutSeconds * 1000);
    this.timers.add(timer);
    return answered.finally(() => {
      clearTimeout(timer);
      this.timers.delete(timer);
    });
  }

  private async answer(token: string, answer: { output?: unknown; failure?: Error }): Promise<void> {
    const tokenHash = hash(token);
    const wait = await this.readWait(tokenHash);
    if (!wait) throw new TaskTokenError('InvalidToken', 'Invalid task token');
    if (wait.status === 'TIMED_OUT' || new Date(wait.timeoutAt) <= this.now()) {
      throw new TaskTokenError('TaskTimedOut', 'Task timed out');
    }
    if (wait.status !== 'WAITING') throw new TaskTokenError('TaskDoesNotExist', 'Task already answered');
    await this.writeWait({ ...wait, status: 'ANSWERED' });
    const waiter = this.waiters.get(tokenHash);
    this.waiters.delete(tokenHash);
    if (waiter) {
      if (answer.failure) waiter.reject(answer.failure);
      else waiter.resolve(answer.output ?? null);
      return;
    }
    // The process that paused is gone: continue from the state after the wait.
    const state = this.states.get(wait.state);
    if (!state) throw new TaskTokenError('TaskDoesNotExist', `Unknown state ${wait.state}`);
    if (answer.failure) {
      const catcher = state.Catch?.find((c) =>
        c.ErrorEquals.some((e) => e === answer.failure?.name || e === 'States.ALL'),
      );
      if (!catcher) return;
      const error = { Error: answer.failure.name, Cause: answer.failure.message };
      this.track(this.runItem(wait.execution, catcher.Next, resumeInput(wait, catcher.ResultPath, error)));
      return;
    }
    if (!state.Next) return;
    this.track(
      this.runItem(wait.execution, state.Next, resumeInput(wait, state.ResultPath as string, answer.output)),
    );
  }

  private async expire(wait: WaitFile): Promise<void> {
    const current = await this.readWait(wait.tokenHash);
    if (current?.status === 'WAITING') await this.writeWait({ ...current, status: 'TIMED_OUT' });
    this.waiters.delete(wait.tokenHash);
  }

  /** After a restart: a paused wait still times out into its Catch at the original time. */
  private armOrphanTimeout(wait: WaitFile): void {
    const delay = Math.max(0, new Date(wait.timeoutAt).getTime() - this.now().getTime());
    const timer = setTimeout(
      async () => {
        this.timers.delete(timer);
        const current = await this.readWait(wait.tokenHash);
        if (current?.status !== 'WAITING') return;
        await this.writeWait({ ...current, status: 'TIMED_OUT' });
        const catcher = this.states
          .get(wait.state)
          ?.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'));
        if (!catcher) return;
        const error = {
          Error: 'States.Timeout',
          Cause: 'The task timed out while the runtime was restarted',
        };
        this.track(this.runItem(wait.execution, catcher.Next, resumeInput(wait, catcher.ResultPath, error)));
      },
      Math.min(delay, 2_147_000_000),
    );
    this.timers.add(timer);
  }

  // ---- persistence -------------------------------------------------------------------------------

  private async rememberItems(execution: string, payload: unknown): Promise<void> {
    const documents = (payload as { documents?: { invoiceId: string }[] } | null)?.documents ?? [];
    await this.updateExecution(execution, { invoiceIds: documents.map((d) => d.invoiceId) });
  }

  private async hasOpenWaits(execution: string): Promise<boolean> {
    return (await this.readAll<WaitFile>('waits')).some(
      (w) => w.execution === execution && w.status === 'WAITING',
    );
  }

  private async updateExecution(name: string, fields: Partial<ExecutionFile>): Promise<void> {
    const current = JSON.parse(await readFile(this.executionFile(name), 'utf8')) as ExecutionFile;
    await writeFile(this.executionFile(name), JSON.stringify({ ...current, ...fields }, null, 2));
  }

  private async writeWait(wait: WaitFile): Promise<void> {
    await mkdir(join(this.options.dir, 'waits'), { recursive: true });
    await writeFile(this.waitFile(wait.tokenHash), JSON.stringify(wait, null, 2));
  }

  private async readWait(tokenHash: string): Promise<WaitFile | undefined> {
    try {
      return JSON.parse(await readFile(this.waitFile(tokenHash), 'utf8')) as WaitFile;
    } catch {
      return undefined;
    }
  }

  private async readAll<T>(folder: string): Promise<T[]> {
    const dir = join(this.options.dir, folder);
    const files = await readdir(dir).catch(() => [] as string[]);
    return Promise.all(
      files
        .filter((f) => f.endsWith('.json'))
        .map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as T),
    );
  }
}

interface LambdaParameters {
  FunctionName: string;
  Payload: unknown;
}

/** The state input to continue with after a wait: what later states read ($.invoiceId, $.round) plus the result. */
function resumeInput(
  wait: WaitFile,
  resultPath: string | null | undefined,
  value: unknown,
): Record<string, unknown> {
  const input: Record<string, unknown> = { invoiceId: wait.invoiceId, round: wait.round };
  const field = resultPath?.startsWith('$.') ? resultPath.slice(2) : undefined;
  if (field && !field.includes('.')) input[field] = value;
  return input;
}
