import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { sampleInvoice, writeCii } from '../../samples/einvoice-writer';
import {
  type ApiInvoice,
  getJson,
  importMasterData,
  sampleMasterDataFiles,
  sendMail,
  startTestStack,
  tempDataDir,
  waitForInvoice,
} from '../support/local-stack';

/**
 * The whole product on one machine, driven from outside: SMTP in, JSON API out, as a user's scripts
 * would use it. Same ASL, same handlers, embedded stand-ins.
 */

const dataDir = tempDataDir();
let stack: LocalStack;

const routine = () =>
  sampleInvoice({
    invoiceNumber: 'RE-2026-1101',
    issueDate: '2026-11-16',
    dueDate: '2026-12-16',
    delivery: { date: '2026-11-10' },
    purchaseOrderReference: 'PO-2026-101',
  });

beforeAll(async () => {
  stack = await startTestStack(dataDir);
  await importMasterData(stack, sampleMasterDataFiles());
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('local stack end to end', () => {
  it('takes a mailed XRechnung through to APPROVED and shows it in the API', async () => {
    await sendMail(stack, {
      from: 'buchhaltung@muster-buerobedarf.de',
      subject: 'e2e routine',
      attachments: [
        { filename: 'RE-2026-1101.xml', content: writeCii(routine()), contentType: 'application/xml' },
      ],
    });
    const invoice = await waitForInvoice(stack, 'e2e routine', (s) => s === 'APPROVED');

    expect(invoice.decision).toMatchObject({
      route: 'AUTO_APPROVE',
      reasons: [],
      policyVersion: expect.stringMatching(/^pv-/),
    });
    expect(invoice.invoice).toMatchObject({ invoiceNumber: 'RE-2026-1101' });
    expect(invoice.audit.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'mail.received',
        'invoice.extracted',
        'checks.completed',
        'decision.made',
        'reasoning.completed',
        'invoice.auto-approved',
      ]),
    );
    const list = await getJson<Record<string, unknown>[]>(stack, '/api/invoices');
    expect(list.find((i) => i.id === invoice.id)).toMatchObject({
      id: invoice.id,
      status: 'APPROVED',
      invoiceNumber: 'RE-2026-1101',
      seller: 'Muster Bürobedarf GmbH',
      gross: '332.84',
      currency: 'EUR',
      receivedAt: expect.any(String),
      decidedAt: expect.any(String),
    });
    // Archive and finance notice happen after the decision.
    await expect
      .poll(
        async () =>
          (await getJson<ApiInvoice>(stack, `/api/invoices/${invoice.id}`)).audit.map((e) => e.type),
        {
          timeout: 10_000,
        },
      )
      .toContain('notification.sent');
    const outbox = await getJson<{ to: string[]; subject: string; text: string; links: string[] }[]>(
      stack,
      '/api/outbox',
    );
    expect(outbox.some((m) => m.subject.includes('Freigegeben') && m.text.includes(invoice.id))).toBe(true);
  });

  it('quarantines a mail without any invoice attachment and tells finance', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'someone@example.org',
      to: stack.config.intakeAddress,
      subject: 'e2e no attachment',
      text: 'Rechnung folgt',
    });
    transport.close();
    const invoice = await waitForInvoice(stack, 'e2e no attachment', (s) => s === 'QUARANTINED');
    expect(invoice.decision?.reasons.map((r) => r.code)).toEqual(['UNREADABLE']);
    expect((invoice as unknown as { quarantine: { code: string } }).quarantine.code).toBe(
      'NO_INVOICE_DOCUMENT',
    );
    const notified = async () =>
      (await getJson<{ subject: string; text: string }[]>(stack, '/api/outbox')).some(
        (m) => m.subject.includes('Quarantäne') && m.text.includes(invoice.id),
      );
    await expect.poll(notified, { timeout: 10_000 }).toBe(true);
  });

  it('quarantines an unsupported file type with its reason', async () => {
    await sendMail(stack, {
      from: 'buchhaltung@muster-buerobedarf.de',
      subject: 'e2e unsupported',
      attachments: [
        {
          filename: 'rechnung.docx',
          content: 'PK\u0003\u0004 not really a document',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        },
      ],
    });
    const invoice = await waitForInvoice(stack, 'e2e unsupported', (s) => s === 'QUARANTINED');
    expect(invoice.decision?.route).toBe('QUARANTINE');
    expect((invoice as unknown as { quarantine: { reason: string } }).quarantine.reason).toMatch(/\S/);
  });

  it('refuses mail over 40 MB with 552 and keeps running', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    const big = Buffer.alloc(41 * 1024 * 1024, 65);
    await expect(
      transport.sendMail({
        from: 'a@example.org',
        to: stack.config.intakeAddress,
        subject: 'too big',
        text: 'x',
        attachments: [{ filename: 'big.pdf', content: big }],
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    transport.close();
    expect((await fetch(`${stack.httpUrl}/api/invoices`)).status).toBe(200);
  }, 60_000);

  it('refuses mail for any other recipient with 550', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: stack.smtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await expect(
      transport.sendMail({
        from: 'a@example.org',
        to: 'someone-else@invoice-agent.local',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
    transport.close();
  });

  it('keeps finished invoices across a restart', async () => {
    const before = await getJson<{ id: string; status: string }[]>(stack, '/api/invoices');
    await stack.stop();
    stack = await startTestStack(dataDir);
    const after = await getJson<{ id: string; status: string }[]>(stack, '/api/invoices');
    expect(after.map((i) => [i.id, i.status]).sort()).toEqual(before.map((i) => [i.id, i.status]).sort());
  }, 60_000);
});
