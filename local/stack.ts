import { mkdir } from 'node:fs/promises';
import { startLocalDynamo } from '../functions/adapters/local/dynalite';
import { FINAL_STATUSES } from '../functions/core/invoice/status';
import { type LambdaHandler, stepHandler } from '../functions/handlers/lambda';
import { STEPS, stepNamed, TASK_STEPS } from '../functions/steps';
import type { AnyStep } from '../functions/steps/define';
import { renderDefinition } from '../statemachines/definition';
import { type LocalConfig, localPaths } from './config';
import { asFunctionUrl } from './function-url';
import { createLocalApi, startHttpServer } from './http-server';
import { invokeLocally } from './lambda-runtime';
import { createLocalPorts, type LocalPorts, portsFor } from './ports';
import { rawMailKey, type StoredMail, startSmtpIntake } from './smtp-intake';
import { LocalWorkflow } from './workflow';

export const LOCAL_BUCKET = 'local-intake';
const functionName = (step: string) => `invoice-agent-${step}`;

export interface LocalStack {
  config: LocalConfig;
  ports: LocalPorts;
  workflow: LocalWorkflow;
  httpUrl: string;
  smtpPort: number;
  dynamoEndpoint: string;
  /** What the SMTP intake does with a received message (also usable without SMTP). */
  receive(raw: Buffer, receivedAt?: Date): Promise<StoredMail>;
  stop(): Promise<void>;
}

/**
 * Starts the whole product on one machine: dynalite, file stores, the outbox, the ASL interpreter
 * with the handler modules, the approval pages and API on HTTP, and the SMTP intake.
 */
export async function startLocalStack(
  config: LocalConfig,
  hooks: { onError?(message: string, error: unknown): void } = {},
): Promise<LocalStack> {
  const paths = localPaths(config.dataDir);
  await mkdir(config.dataDir, { recursive: true });
  const dynamo = await startLocalDynamo({ path: paths.dynamo });
  const cleanup: (() => Promise<void> | void)[] = [() => dynamo.close()];
  try {
    let httpUrl = '';
    let workflow: LocalWorkflow | undefined;
    const ports = await createLocalPorts(config, dynamo, {
      baseUrl: () => config.publicUrl ?? httpUrl,
      workflow: () => {
        if (!workflow) throw new Error('The local workflow is not started yet');
        return workflow;
      },
    });
    cleanup.push(() => ports.pdf.close());

    // Every declared function, as the handler AWS runs, on the ports it declared.
    const handlers = new Map<string, LambdaHandler>(
      STEPS.map((step: AnyStep) => {
        const stepPorts = portsFor(step, ports);
        return [step.name, stepHandler(step, stepPorts, stepPorts.logger)];
      }),
    );
    const invoke = (name: string, event: unknown) =>
      invokeLocally(functionName(name), handlers.get(stepNamed(name).name) as LambdaHandler, event);
    workflow = new LocalWorkflow({
      definition: renderDefinition(
        config.waits,
        Object.fromEntries(TASK_STEPS.map((step) => [step.name, functionName(step.name)])),
      ),
      lambdas: Object.fromEntries(
        TASK_STEPS.map((step) => [functionName(step.name), handlers.get(step.name) as LambdaHandler]),
      ),
      dir: paths.workflow,
      isFinished: async (id) => FINAL_STATUSES.has((await ports.invoices.get(id))?.status ?? 'RECEIVED'),
      onError: hooks.onError,
    });
    const runningWorkflow = workflow;
    cleanup.push(() => runningWorkflow.stop());

    const http = await startHttpServer({ host: config.host, port: config.httpPort, onError: hooks.onError }, [
      { prefix: '/approvals/', app: asFunctionUrl((event) => invoke('ApprovalEndpoint', event)) },
      { prefix: '/', app: createLocalApi(ports, paths.outbox) },
    ]);
    httpUrl = http.url;
    cleanup.push(() => http.close());

    const receive = async (raw: Buffer, receivedAt = new Date()): Promise<StoredMail> => {
      const key = rawMailKey(receivedAt);
      await ports.documents.put(key, raw, { contentType: 'message/rfc822' });
      // The S3 "Object Created" event EventBridge delivers in AWS, to the same StartProcessing step.
      await invoke('StartProcessing', objectCreatedEvent(LOCAL_BUCKET, key, receivedAt));
      return { key, receivedAt: receivedAt.toISOString(), size: raw.byteLength };
    };
    const smtp = await startSmtpIntake({
      host: config.host,
      port: config.smtpPort,
      intakeAddress: config.intakeAddress,
      maxBytes: config.maxMailBytes,
      store: receive,
      onError: hooks.onError,
    });
    cleanup.push(() => smtp.close());

    await workflow.recover();
    return {
      config,
      ports,
      workflow,
      httpUrl,
      smtpPort: smtp.port,
      dynamoEndpoint: dynamo.endpoint,
      receive,
      stop: () => runCleanup(cleanup),
    };
  } catch (error) {
    await runCleanup(cleanup);
    throw error;
  }
}

/** The EventBridge "Object Created" event of an S3 object (keys URL-encoded, as S3 sends them). */
function objectCreatedEvent(bucket: string, key: string, at: Date) {
  return {
    source: 'aws.s3',
    'detail-type': 'Object Created',
    time: at.toISOString(),
    detail: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, '/') } },
  };
}

async function runCleanup(steps: (() => Promise<void> | void)[]): Promise<void> {
  for (const step of steps.reverse()) {
    try {
      await step();
    } catch {
      // Best effort: the others still close.
    }
  }
  steps.length = 0;
}
