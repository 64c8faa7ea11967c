import { mkdir } from 'node:fs/promises';
import { startLocalDynamo } from '../functions/adapters/local/dynalite';
import { FINAL_STATUSES } from '../functions/core/invoice/status';
import { startForStoredMail } from '../functions/core/workflow/start-processing';
import { createApprovalHttp } from '../functions/handlers/approval-http';
import { archiveInvoiceStep } from '../functions/handlers/archive';
import { awaitHumanStep } from '../functions/handlers/await-human';
import { checkInvoiceStep } from '../functions/handlers/check';
import { escalateStep } from '../functions/handlers/escalate';
import { extractInvoiceStep } from '../functions/handlers/extract';
import type { LambdaHandler } from '../functions/handlers/lib/step';
import { notifyInvoiceStep } from '../functions/handlers/notify';
import { parseMailStep } from '../functions/handlers/parse-mail';
import { quarantineStep } from '../functions/handlers/quarantine';
import { reasonInvoiceStep } from '../functions/handlers/reason';
import { recordOutcomeStep } from '../functions/handlers/record-outcome';
import { renderDefinition, STEP_FUNCTIONS, type StepFunctionName } from '../statemachines/definition';
import { type LocalConfig, localPaths } from './config';
import { createLocalApi, type HttpApp, startHttpServer } from './http-server';
import { lambdaContext } from './lambda-runtime';
import { createLocalPorts, type LocalPorts } from './ports';
import { rawMailKey, type StoredMail, startSmtpIntake } from './smtp-intake';
import { LocalWorkflow } from './workflow';

/** The same step modules the CDK stack deploys as Lambdas, by their state machine placeholder. */
const STEPS: Record<StepFunctionName, { create(ports: LocalPorts): LambdaHandler }> = {
  ParseMail: parseMailStep,
  Extract: extractInvoiceStep,
  Check: checkInvoiceStep,
  Reason: reasonInvoiceStep,
  RecordOutcome: recordOutcomeStep,
  AwaitHuman: awaitHumanStep,
  Escalate: escalateStep,
  Quarantine: quarantineStep,
  Archive: archiveInvoiceStep,
  Notify: notifyInvoiceStep,
};

export const LOCAL_BUCKET = 'local-intake';
const functionName = (step: StepFunctionName) => `invoice-agent-${step}`;

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

    const functionArns = Object.fromEntries(STEP_FUNCTIONS.map((s) => [s, functionName(s)])) as Record<
      StepFunctionName,
      string
    >;
    workflow = new LocalWorkflow({
      definition: renderDefinition(config.waits, functionArns),
      lambdas: Object.fromEntries(STEP_FUNCTIONS.map((s) => [functionName(s), STEPS[s].create(ports)])),
      dir: paths.workflow,
      isFinished: async (id) => FINAL_STATUSES.has((await ports.invoices.get(id))?.status ?? 'RECEIVED'),
      onError: hooks.onError,
    });
    const runningWorkflow = workflow;
    cleanup.push(() => runningWorkflow.stop());

    const http = await startHttpServer({ host: config.host, port: config.httpPort, onError: hooks.onError }, [
      { prefix: '/approvals/', app: asApprovalEndpoint(ports, createApprovalHttp(ports)) },
      { prefix: '/', app: createLocalApi(ports, paths.outbox) },
    ]);
    httpUrl = http.url;
    cleanup.push(() => http.close());

    const receive = async (raw: Buffer, receivedAt = new Date()): Promise<StoredMail> => {
      const key = rawMailKey(receivedAt);
      await ports.documents.put(key, raw, { contentType: 'message/rfc822' });
      // The S3 object-created event of the AWS stack: start by a name derived from the key.
      await startForStoredMail(
        { bucket: LOCAL_BUCKET, key, receivedAt: receivedAt.toISOString() },
        runningWorkflow,
      );
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

/** Log lines of a page request carry the endpoint's Lambda context, as in AWS (the logger is shared). */
function asApprovalEndpoint(ports: LocalPorts, app: HttpApp): HttpApp {
  return (request) => {
    ports.logger.addContext(lambdaContext('invoice-agent-ApprovalEndpoint'));
    return app(request);
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
