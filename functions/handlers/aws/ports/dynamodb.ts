import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoApprovalRepository } from '../../../adapters/aws/dynamo-approval-repository';
import { DynamoAuditLog } from '../../../adapters/aws/dynamo-audit-log';
import { DynamoBankDetails } from '../../../adapters/aws/dynamo-bank-details';
import { createDocumentClient } from '../../../adapters/aws/dynamo-client';
import { DynamoInvoiceClaims } from '../../../adapters/aws/dynamo-invoice-claims';
import { DynamoInvoiceHistory } from '../../../adapters/aws/dynamo-invoice-history';
import { DynamoInvoiceRepository } from '../../../adapters/aws/dynamo-invoice-repository';
import { DynamoMasterData } from '../../../adapters/aws/dynamo-master-data';
import { DynamoPoLedger } from '../../../adapters/aws/dynamo-po-ledger';
import { REGION } from '../catalog';
import { portEnv } from '../env';

let client: DynamoDBDocumentClient | undefined;
const db = () => (client ??= createDocumentClient({ region: REGION }));

export const invoices = () => new DynamoInvoiceRepository(db(), portEnv('invoices'));
export const history = () => new DynamoInvoiceHistory(db(), portEnv('history'));
export const audit = () => new DynamoAuditLog(db(), portEnv('audit'));
export const masterData = () => new DynamoMasterData(db(), portEnv('masterData'));
export const claims = () => new DynamoInvoiceClaims(db(), portEnv('claims'));
export const ledger = () => new DynamoPoLedger(db(), portEnv('ledger'));
export const bankDetails = () => new DynamoBankDetails(db(), portEnv('bankDetails'));
export const approvals = () => new DynamoApprovalRepository(db(), portEnv('approvals'));
