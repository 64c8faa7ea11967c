import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoApprovalRepository } from '../functions/adapters/aws/dynamo-approval-repository';
import { DynamoAuditLog } from '../functions/adapters/aws/dynamo-audit-log';
import { DynamoBankDetails } from '../functions/adapters/aws/dynamo-bank-details';
import { DynamoInvoiceClaims } from '../functions/adapters/aws/dynamo-invoice-claims';
import { DynamoInvoiceHistory } from '../functions/adapters/aws/dynamo-invoice-history';
import { DynamoInvoiceRepository } from '../functions/adapters/aws/dynamo-invoice-repository';
import { DynamoMasterData } from '../functions/adapters/aws/dynamo-master-data';
import { DynamoPoLedger } from '../functions/adapters/aws/dynamo-po-ledger';
import { LOCAL_TABLE_NAMES, type LocalDynamo } from '../functions/adapters/local/dynalite';
import { FileArchive, FileDocumentStore } from '../functions/adapters/local/file-stores';
import { LocalLinkSigner } from '../functions/adapters/local/local-link-signer';
import { LocalSecretBox } from '../functions/adapters/local/local-secret-box';
import { OutboxMailer } from '../functions/adapters/local/outbox';
import { TesseractOcr } from '../functions/adapters/local/tesseract-ocr';
import { BoundedPdfReader } from '../functions/adapters/pdf';
import type { Settings } from '../functions/core/config/settings';
import type { PortName, Ports, RuntimeServices } from '../functions/core/ports';
import type { TaskResponder, WorkflowStarter } from '../functions/core/ports/messaging';
import { systemClock } from '../functions/core/ports/messaging';
import { createRuleReasoner } from '../functions/core/reasoning/rule-reasoner';
import { type AnyStep, declaredPorts } from '../functions/steps/define';
import type { LocalConfig } from './config';
import { localPaths } from './config';

/** Every port of the local runtime, built once from the embedded stand-ins. */
export interface LocalPorts extends Ports, RuntimeServices {
  documents: FileDocumentStore;
  pdf: BoundedPdfReader;
  masterData: DynamoMasterData;
  logger: Logger;
  settings: Settings;
}

/**
 * The local composition root: dynalite behind the DynamoDB adapters, files for S3, an outbox for SES,
 * local keys for KMS, the rule reasoner for Bedrock, tesseract for Textract. Each step receives only
 * the ports it declared (portsFor), so a missing declaration fails here before it fails in AWS.
 */
export async function createLocalPorts(
  config: LocalConfig,
  dynamo: LocalDynamo,
  runtime: { baseUrl: () => string; workflow: () => WorkflowStarter & TaskResponder },
): Promise<LocalPorts> {
  const paths = localPaths(config.dataDir);
  const links = await LocalLinkSigner.fromKeyFile(`${paths.keys}/link-signing.key`);
  const secrets = await LocalSecretBox.fromKeyFile(`${paths.keys}/secret-box.key`);
  const settings: Settings = {
    senderAddress: config.senderAddress,
    financeTeamEmail: config.financeTeamEmail,
    intakeAddress: config.intakeAddress,
    // The SMTP intake has no spam or virus scanner; SES stamps verdicts in AWS.
    mailVerdictsRequired: false,
    defaultApprovers: [],
    get approvalBaseUrl() {
      return runtime.baseUrl();
    },
    approvalLinkTtlHours: config.approvalLinkTtlHours,
    archiveRetentionYears: config.archiveRetentionYears,
    // Read on each use: a changed policy applies to the next invoice.
    get policy() {
      return config.policy;
    },
    get company() {
      return config.company;
    },
  };
  const db = dynamo.client;
  return {
    settings,
    logger: new Logger({ serviceName: 'invoice-agent-local', logLevel: config.logLevel }),
    clock: systemClock,
    documents: new FileDocumentStore(paths.intake, { baseUrl: runtime.baseUrl, signer: links }),
    archive: new FileArchive(paths.archive),
    invoices: new DynamoInvoiceRepository(db, LOCAL_TABLE_NAMES.invoices),
    history: new DynamoInvoiceHistory(db, LOCAL_TABLE_NAMES.invoices),
    audit: new DynamoAuditLog(db, LOCAL_TABLE_NAMES.audit),
    masterData: new DynamoMasterData(db, LOCAL_TABLE_NAMES.masterData),
    claims: new DynamoInvoiceClaims(db, LOCAL_TABLE_NAMES.invoices),
    ledger: new DynamoPoLedger(db, LOCAL_TABLE_NAMES.masterData),
    bankDetails: new DynamoBankDetails(db, LOCAL_TABLE_NAMES.masterData),
    approvals: new DynamoApprovalRepository(db, LOCAL_TABLE_NAMES.approvals),
    links,
    secrets,
    mailer: new OutboxMailer(paths.outbox, config.senderAddress),
    reasoner: createRuleReasoner(),
    get tasks() {
      return runtime.workflow();
    },
    get workflow() {
      return runtime.workflow();
    },
    pdf: new BoundedPdfReader(),
    ocr: new TesseractOcr(),
  };
}

/**
 * What one step may touch: its declared ports and settings, the clock, and a logger of its own (as
 * each Lambda has), so concurrent steps never mix their log context.
 */
export function portsFor(step: AnyStep, all: LocalPorts): { logger: Logger } {
  const settings = {};
  for (const name of step.settings as (keyof Settings)[]) {
    Object.defineProperty(settings, name, { enumerable: true, get: () => all.settings[name] });
  }
  const logger = all.logger.createChild();
  const ports: Record<string, unknown> & { logger: Logger } = { clock: all.clock, logger, settings };
  for (const name of declaredPorts(step) as PortName[]) {
    Object.defineProperty(ports, name, { enumerable: true, get: () => all[name] });
  }
  return ports;
}
