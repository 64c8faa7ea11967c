import { Logger } from '@aws-lambda-powertools/logger';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { TextractClient } from '@aws-sdk/client-textract';
import { BedrockReasoner } from '../../adapters/aws/bedrock-reasoner';
import { DynamoApprovalRepository } from '../../adapters/aws/dynamo-approval-repository';
import { DynamoAuditLog } from '../../adapters/aws/dynamo-audit-log';
import { createDocumentClient } from '../../adapters/aws/dynamo-client';
import { DynamoInvoiceHistory } from '../../adapters/aws/dynamo-invoice-history';
import { DynamoInvoiceRepository } from '../../adapters/aws/dynamo-invoice-repository';
import { DynamoMasterData } from '../../adapters/aws/dynamo-master-data';
import { KmsLinkSigner } from '../../adapters/aws/kms-link-signer';
import { KmsSecretBox } from '../../adapters/aws/kms-secret-box';
import { S3Archive } from '../../adapters/aws/s3-archive';
import { S3DocumentStore } from '../../adapters/aws/s3-document-store';
import { SesMailer } from '../../adapters/aws/ses-mailer';
import { SfnTaskResponder } from '../../adapters/aws/sfn-task-responder';
import { SfnWorkflowStarter } from '../../adapters/aws/sfn-workflow';
import { TextractOcr } from '../../adapters/aws/textract-ocr';
import { BoundedPdfReader } from '../../adapters/pdf';
import { systemClock } from '../../core/ports/messaging';
import { lazyObject, requireEnv } from './env';
import type { Ports } from './ports';
import { settingsFromEnv } from './settings';

/** The region is pinned: data stays in eu-central-1 whatever the environment says. */
const REGION = 'eu-central-1';

/**
 * The AWS composition of the ports. Every client and adapter is created on first use, so a function
 * only needs the environment (and IAM grants) of the ports it actually touches.
 */
export function awsPorts(): Ports {
  const clients = lazyObject({
    s3: () => new S3Client({ region: REGION }),
    db: () => createDocumentClient({ region: REGION }),
    kms: () => new KMSClient({ region: REGION }),
    sfn: () => new SFNClient({ region: REGION }),
    ses: () => new SESv2Client({ region: REGION }),
    textract: () => new TextractClient({ region: REGION }),
    bedrock: () => new BedrockRuntimeClient({ region: REGION }),
  });
  const settings = settingsFromEnv();
  return lazyObject<Ports>({
    settings: () => settings,
    logger: () => new Logger({ serviceName: 'invoice-agent' }),
    clock: () => systemClock,
    documents: () => new S3DocumentStore(clients.s3, requireEnv('INTAKE_BUCKET')),
    archive: () => new S3Archive(clients.s3, requireEnv('ARCHIVE_BUCKET')),
    invoices: () => new DynamoInvoiceRepository(clients.db, requireEnv('INVOICES_TABLE')),
    history: () => new DynamoInvoiceHistory(clients.db, requireEnv('INVOICES_TABLE')),
    audit: () => new DynamoAuditLog(clients.db, requireEnv('AUDIT_TABLE')),
    masterData: () => new DynamoMasterData(clients.db, requireEnv('MASTER_DATA_TABLE')),
    approvals: () => new DynamoApprovalRepository(clients.db, requireEnv('APPROVALS_TABLE')),
    links: () => new KmsLinkSigner(clients.kms, requireEnv('LINK_KEY_ID')),
    secrets: () => new KmsSecretBox(clients.kms, requireEnv('DATA_KEY_ID')),
    mailer: () => new SesMailer(clients.ses, settings.senderAddress),
    reasoner: () => new BedrockReasoner(clients.bedrock, requireEnv('BEDROCK_MODEL_ID')),
    tasks: () => new SfnTaskResponder(clients.sfn),
    workflow: () => new SfnWorkflowStarter(clients.sfn, requireEnv('STATE_MACHINE_ARN')),
    pdf: () => new BoundedPdfReader(),
    ocr: () =>
      new TextractOcr({
        textract: clients.textract,
        // Multi-page PDFs go through the asynchronous API from the intake bucket.
        staging: { s3: clients.s3, bucket: requireEnv('INTAKE_BUCKET'), keyPrefix: 'textract/' },
      }),
  });
}
