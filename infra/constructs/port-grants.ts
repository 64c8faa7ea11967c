import { type Stack, Token } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { INTAKE_PREFIXES, type SettingName, settingEnv } from '../../functions/core/config/settings';
import type { PortName } from '../../functions/core/ports';
import { AWS_PORTS } from '../../functions/handlers/aws/catalog';
import { declaredPorts } from '../../functions/steps/define';
import type { InvoiceFunction } from './invoice-function';

/** The deployed resources behind the ports. */
export interface PortResources {
  stack: Stack;
  intakeBucket: s3.IBucket;
  archiveBucket: s3.IBucket;
  tables: Record<'invoices' | 'audit' | 'masterData' | 'approvals', dynamodb.ITable>;
  /** HMAC key that signs approval links. */
  linkKey: kms.IKey;
  /** The data key: seals task tokens. */
  dataKey: kms.IKey;
  stateMachineArn: string;
  senderAddress: string;
  modelId: string;
}

/** The value of each setting in this deployment (infra/config.ts decides them). */
export type SettingValues = Record<SettingName, string>;

/**
 * Grants a function exactly the access its step declared and sets exactly the environment variables
 * its ports and settings read. Nothing else is granted anywhere (a test reads the template to prove it).
 */
export function bindPorts(fn: InvoiceFunction, resources: PortResources, settings: SettingValues): void {
  const step = fn.step;
  for (const port of declaredPorts(step)) {
    const access = (step.uses as Record<PortName, string>)[port];
    for (const [name, value] of Object.entries(envFor(port, resources))) fn.addEnvironment(name, value);
    grant(fn, port, access, resources);
  }
  for (const name of step.settings as SettingName[]) fn.addEnvironment(settingEnv(name), settings[name]);
}

function envFor(port: PortName, r: PortResources): Record<string, string> {
  const values: Record<PortName, string[]> = {
    documents: [r.intakeBucket.bucketName],
    archive: [r.archiveBucket.bucketName],
    invoices: [r.tables.invoices.tableName],
    history: [r.tables.invoices.tableName],
    audit: [r.tables.audit.tableName],
    masterData: [r.tables.masterData.tableName],
    claims: [r.tables.invoices.tableName],
    ledger: [r.tables.masterData.tableName],
    bankDetails: [r.tables.masterData.tableName],
    approvals: [r.tables.approvals.tableName],
    links: [r.linkKey.keyId],
    secrets: [r.dataKey.keyId],
    mailer: [r.senderAddress],
    reasoner: [r.modelId],
    tasks: [],
    workflow: [r.stateMachineArn],
    pdf: [],
    ocr: [r.intakeBucket.bucketName],
  };
  const names = AWS_PORTS[port].env as readonly string[];
  return Object.fromEntries(names.map((name, i) => [name, values[port][i] as string]));
}

function grant(fn: InvoiceFunction, port: PortName, access: string, r: PortResources): void {
  const role = fn.fn;
  const statement = (actions: string[], resources: string[]) =>
    role.addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
  switch (port) {
    case 'documents':
      // Raw mail is never deleted: read, and for readWrite put; no s3:DeleteObject*.
      r.intakeBucket.grantRead(role);
      if (access === 'readWrite') r.intakeBucket.grantPut(role);
      return;
    case 'archive':
      r.archiveBucket.grantPut(role);
      statement(['s3:PutObjectRetention'], [r.archiveBucket.arnForObjects('*')]);
      return;
    case 'invoices':
    case 'masterData':
    case 'approvals': {
      const table = r.tables[port];
      if (access === 'read') table.grantReadData(role);
      else table.grantReadWriteData(role);
      return;
    }
    case 'history':
      r.tables.invoices.grantReadData(role);
      return;
    case 'claims':
      // A claim is put once (conditionally) and read back; never updated or deleted.
      r.tables.invoices.grant(role, 'dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:DescribeTable');
      r.tables.invoices.encryptionKey?.grantEncryptDecrypt(role);
      return;
    case 'ledger':
    case 'bankDetails':
      r.tables.masterData.grantReadWriteData(role);
      return;
    case 'audit':
      // Append and read back; never update or delete.
      r.tables.audit.grant(role, 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DescribeTable');
      r.tables.audit.encryptionKey?.grantEncryptDecrypt(role);
      return;
    case 'links':
      r.linkKey.grant(role, 'kms:GenerateMac', ...(access === 'signAndVerify' ? ['kms:VerifyMac'] : []));
      return;
    case 'secrets':
      if (access === 'seal') r.dataKey.grantEncrypt(role);
      else r.dataKey.grantDecrypt(role);
      return;
    case 'mailer':
      role.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: [r.stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' })],
          conditions: { StringEquals: { 'ses:FromAddress': r.senderAddress } },
        }),
      );
      return;
    case 'reasoner':
      grantBedrock(fn, r);
      return;
    case 'tasks':
      statement(['states:SendTaskSuccess', 'states:SendTaskFailure'], [r.stateMachineArn]);
      return;
    case 'workflow':
      statement(['states:StartExecution'], [r.stateMachineArn]);
      return;
    case 'pdf':
      return;
    case 'ocr':
      // Textract has no resource-level permissions; pages are staged under textract/.
      statement(
        ['textract:AnalyzeDocument', 'textract:StartDocumentAnalysis', 'textract:GetDocumentAnalysis'],
        ['*'],
      );
      r.intakeBucket.grantRead(role, `${INTAKE_PREFIXES.textract}*`);
      r.intakeBucket.grantPut(role, `${INTAKE_PREFIXES.textract}*`);
      return;
  }
}

/** Converse is authorised by bedrock:InvokeModel; only the configured EU profile and its models. */
function grantBedrock(fn: InvoiceFunction, r: PortResources): void {
  const foundationModel = Token.isUnresolved(r.modelId) ? '*' : r.modelId.replace(/^eu\./, '');
  fn.fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['bedrock:InvokeModel'],
      resources: [
        r.stack.formatArn({ service: 'bedrock', resource: 'inference-profile', resourceName: r.modelId }),
        `arn:aws:bedrock:eu-*::foundation-model/${foundationModel}`,
      ],
    }),
  );
  // Global and non-EU profiles may route outside the EU.
  fn.fn.addToRolePolicy(
    new iam.PolicyStatement({
      effect: iam.Effect.DENY,
      actions: ['bedrock:*'],
      resources: [
        'arn:aws:bedrock:*:*:inference-profile/global.*',
        'arn:aws:bedrock:*:*:inference-profile/us.*',
        'arn:aws:bedrock:*:*:inference-profile/apac.*',
      ],
    }),
  );
}
