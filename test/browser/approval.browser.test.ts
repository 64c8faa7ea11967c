import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';
import {
  createApprovalService,
  createHarness,
  fakeTaskToken,
  type Harness,
  sampleDecision,
} from '../approval/harness';
import { launchChromium } from '../support/chromium';
import { FileOutbox } from './file-outbox';

/**
 * The decision page in real headless Chromium (from npm, driven by playwright-core), served by
 * node:http over the real approval ports: dynalite, the local signer and secret box, a file outbox.
 */

const SCREENSHOTS = join(process.cwd(), 'test-results');

let h: Harness;
let outbox: FileOutbox;
let server: Server;
let browser: Browser;

beforeAll(async () => {
  h = await createHarness();
  outbox = new FileOutbox(join(await mkdtemp(join(tmpdir(), 'outbox-')), 'outbox'));
  h.deps.mailer = outbox;
  const app = createApprovalService(h.deps);
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const response = await app({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString('utf8'),
      ip: req.socket.remoteAddress,
    });
    res.writeHead(response.status, response.headers).end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  h.deps.settings.approvalBaseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await h?.close();
});

/** Runs a browser scenario; on failure a screenshot goes to test-results/. */
async function inBrowser(name: string, scenario: (page: Page) => Promise<void>): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  try {
    await scenario(page);
  } catch (error) {
    await mkdir(SCREENSHOTS, { recursive: true });
    await page
      .screenshot({ path: join(SCREENSHOTS, `approval-${name}.png`), fullPage: true })
      .catch(() => {});
    throw error;
  } finally {
    await page.close();
  }
}

/** Starts the wait for a new invoice and returns the decision link from the mail in the outbox. */
async function requestApproval(options: Parameters<Harness['addInvoice']>[0] = {}) {
  const record = await h.addInvoice(options);
  const taskToken = fakeTaskToken();
  await awaitHuman({ invoiceId: record.id, taskToken, kind: 'approval', stage: 'initial', round: 1 }, h.deps);
  const mail = (await outbox.read()).filter((m) => m.headers?.['X-Invoice-Id'] === record.id).at(-1);
  const link = mail?.links.find((l) => l.includes('/approvals/'));
  if (!link) throw new Error(`no decision link in the outbox for ${record.id}`);
  return { record, taskToken, link };
}

describe('the decision page in Chromium', () => {
  it('opens the link from the outbox, shows the invoice and approves', async () => {
    // Prepare
    const { record, taskToken, link } = await requestApproval();
    await inBrowser('approve', async (page) => {
      // Act
      await page.goto(link);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      const summary = await page.locator('dl').textContent();
      const approve = page.getByRole('button', { name: 'Freigeben', exact: true });
      const styled = await approve.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(el).backgroundColor,
      );
      await approve.click();
      const result = await page.getByRole('status').textContent();
      // Assess
      expect(heading).toBe('Rechnungsfreigabe');
      expect(styled).toBe('rgb(11, 93, 30)'); // the stylesheet passed the CSP hash
      expect(summary).toContain('RE-2025-0042');
      expect(summary).toContain('DE89 **** 3000');
      expect(result).toContain('Die Rechnung ist freigegeben.');
    });
    expect((await h.deps.invoices.get(record.id))?.status).toBe('APPROVED');
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
  });

  it('rejects only with a reason', async () => {
    // Prepare
    const { record, link } = await requestApproval();
    await inBrowser('reject', async (page) => {
      // Act: first without a reason, then with one
      await page.goto(link);
      await page.getByRole('button', { name: 'Ablehnen' }).click();
      const refusal = await page.getByRole('alert').textContent();
      await page.getByLabel('Begründung oder Kommentar').fill('Leistung nicht erbracht');
      await page.getByRole('button', { name: 'Ablehnen' }).click();
      const result = await page.getByRole('status').textContent();
      // Assess
      expect(refusal).toContain('Bitte geben Sie eine Begründung an.');
      expect(result).toContain('Die Rechnung ist abgelehnt.');
    });
    const stored = await h.deps.invoices.get(record.id);
    expect(stored?.status).toBe('REJECTED');
    expect(stored?.outcome?.comment).toBe('Leistung nicht erbracht');
  });

  it('confirms a large amount by typing it: a wrong amount is refused, the right one accepted', async () => {
    // Prepare
    const { record, link } = await requestApproval({
      gross: '25000.00',
      decision: sampleDecision('APPROVE', { requiresTypedAmount: true }),
    });
    await inBrowser('typed-amount', async (page) => {
      // Act
      await page.goto(link);
      const amountField = page.getByLabel(/Bruttobetrag eintippen/);
      await amountField.fill('2.500,00');
      await page.getByRole('button', { name: 'Freigeben', exact: true }).click();
      const refusal = await page.getByRole('alert').textContent();
      const statusAfterWrong = (await h.deps.invoices.get(record.id))?.status;
      await page.getByLabel(/Bruttobetrag eintippen/).fill('25.000,00');
      await page.getByRole('button', { name: 'Freigeben', exact: true }).click();
      const result = await page.getByRole('status').textContent();
      // Assess
      expect(refusal).toContain('stimmt nicht');
      expect(statusAfterWrong).toBe('AWAITING_APPROVAL');
      expect(result).toContain('Die Rechnung ist freigegeben.');
    });
    expect((await h.deps.invoices.get(record.id))?.status).toBe('APPROVED');
  });
});
