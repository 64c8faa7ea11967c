import {
  APPROVALS_TABLE,
  AUDIT_TABLE,
  INVOICES_TABLE,
  MASTER_DATA_TABLE,
} from '../../adapters/aws/table-schemas';
import { SETTINGS } from '../../core/config/settings';
import type { PortName } from '../../core/ports';

/**
 * How AWS builds each port: the module under ./ports/ that exports its factory, and the environment
 * variables the factory reads. Infra sets exactly these for the ports a step declares (data only: no
 * adapter is imported here, so a bundle pulls in just the modules its entry names).
 */
export const AWS_PORTS = {
  documents: { module: 's3', env: ['INTAKE_BUCKET'] },
  archive: { module: 's3', env: ['ARCHIVE_BUCKET'] },
  invoices: { module: 'dynamodb', env: [INVOICES_TABLE.envVar] },
  history: { module: 'dynamodb', env: [INVOICES_TABLE.envVar] },
  audit: { module: 'dynamodb', env: [AUDIT_TABLE.envVar] },
  masterData: { module: 'dynamodb', env: [MASTER_DATA_TABLE.envVar] },
  claims: { module: 'dynamodb', env: [INVOICES_TABLE.envVar] },
  ledger: { module: 'dynamodb', env: [MASTER_DATA_TABLE.envVar] },
  bankDetails: { module: 'dynamodb', env: [MASTER_DATA_TABLE.envVar] },
  approvals: { module: 'dynamodb', env: [APPROVALS_TABLE.envVar] },
  links: { module: 'kms', env: ['LINK_KEY_ID'] },
  secrets: { module: 'kms', env: ['DATA_KEY_ID'] },
  mailer: { module: 'ses', env: [SETTINGS.senderAddress.env] },
  reasoner: { module: 'bedrock', env: ['BEDROCK_MODEL_ID'] },
  tasks: { module: 'sfn', env: [] },
  workflow: { module: 'sfn', env: ['STATE_MACHINE_ARN'] },
  pdf: { module: 'pdf', env: [] },
  ocr: { module: 'textract', env: ['INTAKE_BUCKET'] },
} as const satisfies Record<PortName, { module: string; env: readonly string[] }>;

/** The region is pinned: data stays in eu-central-1 whatever the environment says. */
export const REGION = 'eu-central-1';
