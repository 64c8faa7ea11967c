import './quiet-node20';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { FINAL_STATUSES } from '../functions/core/invoice/status';
import { parseMasterData } from '../functions/core/masterdata/parse';
import { type DemoMail, demoMails } from '../samples/demo-invoices';
import { apiClientFor } from './api-client';
import { loadLocalConfig } from './config';
import { submitForm } from './html-form';
import { dataDir } from './runtime-info';
import { type LocalStack, startLocalStack } from './stack';

/**
 * `npm run demo`: starts the local stack in a fresh data folder, imports the sample master data,
 * mails the sample invoices to the SMTP intake, lets the routine ones pass, decides the ones that
 * need a person through the mailed link (GET the page, POST the form) and prints the outcomes.
 * Exits 0 only if every invoice reached its expected end state.
 */

const WAIT_LIMIT_MS = 120_000;
const MASTER_DATA_DIR = resolve(import.meta.dirname, '../samples/masterdata');

interface InvoiceRow {
  id: string;
  status: string;
  invoiceNumber: string | null;
  seller: string | null;
  gross: string | null;
  currency: string | null;
  receivedAt: string;
  decidedAt: string | null;
}

interface InvoiceDetail extends InvoiceRow {
  mail: { subject: string };
  decision?: { route: string; reasons: { code: string; message: string }[] };
}

async function main(): Promise<void> {
  const runDir = join(dataDir(), 'demo', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(runDir, { recursive: true });
  const config = loadLocalConfig({
    ...process.env,
    DATA_DIR: runDir,
    // Free ports unless given: the demo runs beside a running `npm start`.
    PORT: process.env.PORT ?? '0',
    INTAKE_SMTP_PORT: process.env.INTAKE_SMTP_PORT ?? '0',
  });
  const errors: string[] = [];
  const started = Date.now();
  const stack = await startLocalStack(config, {
    onError: (message, error) => errors.push(`${message}: ${(error as Error)?.message}`),
  });
  try {
    console.log(`invoice-agent demo · data in ${runDir}`);
    console.log(
      `  SMTP intake smtp://127.0.0.1:${stack.smtpPort} → ${config.intakeAddress} · web ${stack.httpUrl}\n`,
    );
    await importMasterData(stack);
    const mails = await demoMails();
    const outcomes = await runMails(stack, mails);
    printTable(outcomes);
    const failed = outcomes.filter((o) => !o.ok);
    for (const error of errors) console.error(`  runtime error: ${error}`);
    console.log(
      `\n${outcomes.length - failed.length}/${outcomes.length} invoices reached their expected end state in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    console.log(`Look around: ${stack.httpUrl}/api/invoices · outbox in ${join(runDir, 'outbox')}`);
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

async function importMasterData(stack: LocalStack): Promise<void> {
  const files: Record<string, string> = {};
  for (const file of await readdir(MASTER_DATA_DIR)) {
    if (file.endsWith('.csv'))
      files[file.replace(/\.csv$/, '')] = await readFile(join(MASTER_DATA_DIR, file), 'utf8');
  }
  const { records, errors } = parseMasterData({
    vendors: files.vendors,
    purchaseOrders: files['purchase-orders'],
    goodsReceipts: files['goods-receipts'],
    approvers: files.approvers,
  });
  if (errors.length)
    throw new Error(
      `Sample master data has errors: ${errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('; ')}`,
    );
  const written = await stack.ports.masterData.upsert(records);
  console.log(
    `Imported master data: ${written.vendors} vendors, ${written.purchaseOrders} purchase orders, ${written.goodsReceipts} goods receipts, ${written.approvers} approvers`,
  );
}

interface Outcome {
  mail: DemoMail;
  detail?: InvoiceDetail;
  seconds?: number;
  ok: boolean;
  problem?: string;
}

async function runMails(stack: LocalStack, mails: DemoMail[]): Promise<Outcome[]> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: stack.smtpPort,
    secure: false,
    ignoreTLS: true,
  });
  const outcomes: Outcome[] = [];
  for (const mail of mails) {
    await transport.sendMail({
      from: mail.from,
      to: stack.config.intakeAddress,
      subject: mail.subject,
      text: 'Anbei unsere Rechnung. Mit freundlichen Grüßen',
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        content: Buffer.from(a.content),
        contentType: a.contentType,
      })),
    });
    // One after the other, as mail arrives: the duplicate must find the first invoice already recorded.
    const first = await waitFor(
      stack,
      mail,
      (s) => FINAL_STATUSES.has(s as never) || s.startsWith('AWAITING'),
    );
    outcomes.push({ mail, detail: first, ok: false });
  }
  transport.close();

  for (const outcome of outcomes) {
    const { mail, detail } = outcome;
    if (!detail) {
      outcome.problem = 'no invoice record appeared';
      continue;
    }
    try {
      if (mail.expect.human && detail.status.startsWith('AWAITING'))
        await decideAsAPerson(stack, detail, mail);
      outcome.detail = await waitFor(stack, mail, (s) => FINAL_STATUSES.has(s as never));
    } catch (error) {
      outcome.problem = (error as Error).message;
    }
    const final = outcome.detail;
    if (final?.decidedAt)
      outcome.seconds = (Date.parse(final.decidedAt) - Date.parse(final.receivedAt)) / 1000;
    const codes = new Set(final?.decision?.reasons.map((r) => r.code));
    const missing = (mail.expect.codes ?? []).filter((c) => !codes.has(c));
    if (!outcome.problem && final) {
      if (final.decision?.route !== mail.expect.route)
        outcome.problem = `route ${final.decision?.route}, expected ${mail.expect.route}`;
      else if (final.status !== mail.expect.status)
        outcome.problem = `status ${final.status}, expected ${mail.expect.status}`;
      else if (missing.length) outcome.problem = `reason codes missing: ${missing.join(', ')}`;
    }
    outcome.ok = !outcome.problem;
  }
  return outcomes;
}

/** Opens the decision link from the approver's mail and submits the form, as a person in a browser would. */
async function decideAsAPerson(stack: LocalStack, invoice: InvoiceDetail, mail: DemoMail): Promise<void> {
  const human = mail.expect.human;
  if (!human) return;
  const outbox = (await (await fetch(`${stack.httpUrl}/api/outbox`)).json()) as {
    subject: string;
    links: string[];
    headers?: Record<string, string>;
  }[];
  const request = outbox.find(
    (m) => m.headers?.['X-Invoice-Id'] === invoice.id && m.links.some((l) => l.includes('/approvals/')),
  );
  const link = request?.links.find((l) => l.includes('/approvals/'));
  if (!link) throw new Error(`no approval mail with a decision link for ${invoice.id}`);
  const page = await fetch(link);
  if (page.status !== 200) throw new Error(`decision page answered ${page.status}`);
  const response = await submitForm(link, await page.text(), {
    choice: human.choice,
    reason: human.reason,
    typedAmount: invoice.gross ?? undefined,
  });
  if (response.status >= 400) throw new Error(`submitting the decision answered ${response.status}`);
  console.log(
    `  ${human.choice === 'approve' ? 'Approved' : 'Rejected'} ${invoice.invoiceNumber} through ${new URL(link).pathname}`,
  );
}

async function waitFor(
  stack: LocalStack,
  mail: DemoMail,
  done: (status: string) => boolean,
): Promise<InvoiceDetail | undefined> {
  return (await apiClientFor(stack.httpUrl).waitForSubject<InvoiceDetail>(mail.subject, done, WAIT_LIMIT_MS))
    .invoice;
}

function printTable(outcomes: Outcome[]): void {
  const rows = outcomes.map((o, i) => [
    String(i + 1),
    o.mail.format,
    o.detail?.invoiceNumber ?? '—',
    (o.detail?.seller ?? '—').slice(0, 24),
    o.detail?.gross ? `${o.detail.gross} ${o.detail.currency ?? ''}`.trim() : '—',
    o.detail?.decision?.route ?? '—',
    (o.detail?.decision?.reasons ?? []).map((r) => r.code).join(',') || '—',
    o.detail?.status ?? '—',
    o.seconds === undefined ? '—' : `${o.seconds.toFixed(1)} s`,
    o.ok ? 'ok' : `FAIL: ${o.problem}`,
  ]);
  const header = ['#', 'Format', 'Invoice', 'Seller', 'Gross', 'Route', 'Reasons', 'Status', 'Time', 'Check'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c] as number)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error)?.stack ?? error}`);
  process.exit(1);
});
