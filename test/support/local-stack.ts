import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { type MasterDataFiles, parseMasterData } from '../../functions/core/masterdata/parse';
import { apiClientFor } from '../../local/api-client';
import { loadLocalConfig } from '../../local/config';
import { type LocalStack, startLocalStack } from '../../local/stack';

/** Helpers for tests that run the whole local stack: start it, import master data, mail, poll the API. */

export function tempDataDir(prefix = 'invoice-agent-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestStack(dataDir: string, env: Record<string, string> = {}): Promise<LocalStack> {
  const config = loadLocalConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    INTAKE_SMTP_PORT: '0',
    LOG_LEVEL: 'ERROR',
    ...env,
  });
  return startLocalStack(config);
}

export const SAMPLE_MASTER_DATA = new URL('../../samples/masterdata/', import.meta.url);

export function sampleMasterDataFiles(): MasterDataFiles {
  const read = (name: string) => readFileSync(new URL(name, SAMPLE_MASTER_DATA), 'utf8');
  return {
    vendors: read('vendors.csv'),
    purchaseOrders: read('purchase-orders.csv'),
    goodsReceipts: read('goods-receipts.csv'),
    approvers: read('approvers.csv'),
  };
}

export async function importMasterData(stack: LocalStack, files: MasterDataFiles): Promise<void> {
  const { records, errors } = parseMasterData(files);
  if (errors.length) throw new Error(`master data errors: ${JSON.stringify(errors)}`);
  await stack.ports.masterData.upsert(records);
}

export interface MailToSend {
  from: string;
  subject: string;
  attachments: { filename: string; content: Uint8Array | string; contentType: string }[];
  to?: string;
}

export async function sendMail(stack: LocalStack, mail: MailToSend): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to ?? stack.config.intakeAddress,
      subject: mail.subject,
      text: 'Anbei die Rechnung.',
      attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.from(a.content) })),
    });
  } finally {
    transport.close();
  }
}

export function getJson<T>(stack: LocalStack, path: string): Promise<T> {
  return apiClientFor(stack.httpUrl).get<T>(path);
}

export interface ApiInvoice {
  id: string;
  status: string;
  invoiceNumber: string | null;
  seller: string | null;
  gross: string | null;
  currency: string | null;
  receivedAt: string;
  decidedAt: string | null;
  mail: { subject: string; from: string };
  decision?: {
    route: string;
    reasons: { code: string; message: string }[];
    policyVersion: string;
    holds: string[];
  };
  checks?: { id: string; status: string; code?: string }[];
  audit: { type: string; actor: string; step: string }[];
  invoice: unknown;
}

const SETTLED = new Set([
  'AWAITING_APPROVAL',
  'AWAITING_CLARIFICATION',
  'APPROVED',
  'REJECTED',
  'QUARANTINED',
  'PARKED',
]);

/** Polls the API until the invoice mailed with this subject has left the automatic steps. */
export async function waitForInvoice(
  stack: LocalStack,
  subject: string,
  done: (status: string) => boolean = (s) => SETTLED.has(s),
  timeoutMs = 30_000,
): Promise<ApiInvoice> {
  const { invoice, settled } = await apiClientFor(stack.httpUrl).waitForSubject<ApiInvoice>(
    subject,
    done,
    timeoutMs,
  );
  if (!settled || !invoice) {
    throw new Error(`invoice "${subject}" did not settle in time (last status ${invoice?.status ?? 'none'})`);
  }
  return invoice;
}
