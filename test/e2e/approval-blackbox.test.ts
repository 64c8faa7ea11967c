import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseForms, submitForm } from '../../local/html-form';
import type { LocalStack } from '../../local/stack';
import { workshopOrder } from '../../samples/demo-invoices';
import { writeUbl } from '../../samples/einvoice-writer';
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
 * Issue 5's black-box check against the local stack: the approval link from /api/outbox, fetched and
 * posted as a browser would, moves exactly one invoice to APPROVED; tampered and replayed variants
 * change nothing.
 */

let stack: LocalStack;

async function statuses(): Promise<Record<string, string>> {
  const list = await getJson<{ id: string; status: string }[]>(stack, '/api/invoices');
  return Object.fromEntries(list.map((i) => [i.id, i.status]));
}

async function decisionLink(invoiceId: string): Promise<string> {
  const outbox = await getJson<{ links: string[]; headers?: Record<string, string> }[]>(stack, '/api/outbox');
  const links = outbox.filter((m) => m.headers?.['X-Invoice-Id'] === invoiceId).flatMap((m) => m.links);
  const link = links.find((l) => new URL(l).pathname.startsWith('/approvals/'));
  if (!link) throw new Error(`no decision link for ${invoiceId}`);
  return link;
}

beforeAll(async () => {
  stack = await startTestStack(tempDataDir('approval-'));
  await importMasterData(stack, sampleMasterDataFiles());
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('approval through the mailed link (black box)', () => {
  it('GET shows the page and changes nothing; the posted form approves exactly one invoice', async () => {
    await sendMail(stack, {
      from: 'rechnung@schmidt-schrauben.de',
      subject: 'black box approve',
      attachments: [
        {
          filename: 'SR-1.xml',
          content: writeUbl(workshopOrder('SR-90001')),
          contentType: 'application/xml',
        },
      ],
    });
    const waiting = await waitForInvoice(stack, 'black box approve');
    expect(waiting.status).toBe('AWAITING_APPROVAL');
    const link = await decisionLink(waiting.id);
    expect(link).not.toMatch(/token/i);

    const before = await statuses();
    for (let i = 0; i < 5; i++) {
      expect((await fetch(link)).status).toBe(200);
      expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
    }
    expect(await statuses()).toEqual(before);

    const page = await (await fetch(link)).text();
    expect(parseForms(page).some((f) => f.method === 'post')).toBe(true);
    const response = await submitForm(link, page, { choice: 'approve' });
    expect(response.status).toBeLessThan(400);

    const approved = await waitForInvoice(stack, 'black box approve', (s) => s === 'APPROVED');
    const after = await statuses();
    const changed = Object.keys(after).filter((id) => after[id] !== before[id]);
    expect(changed).toEqual([approved.id]);
    const detail = await getJson<ApiInvoice & { outcome: { decidedBy: string } }>(
      stack,
      `/api/invoices/${approved.id}`,
    );
    expect(detail.outcome.decidedBy).toBe('thomas.klein@holzmann-schreinerei.de');

    // Replaying the same form, and posting again through the used link, change nothing.
    const replay = await submitForm(link, page, { choice: 'approve' });
    expect(replay.status).toBeGreaterThanOrEqual(400);
    const again = await fetch(link);
    const againPage = await again.text();
    if (parseForms(againPage).some((f) => f.method === 'post')) {
      expect(
        (await submitForm(link, againPage, { choice: 'reject', reason: 'zu spät' })).status,
      ).toBeGreaterThanOrEqual(400);
    }
    expect(await statuses()).toEqual(after);
  });

  it('tampered links show a clear page and change nothing', async () => {
    await sendMail(stack, {
      from: 'rechnung@schmidt-schrauben.de',
      subject: 'black box tamper',
      attachments: [
        {
          filename: 'SR-2.xml',
          content: writeUbl(workshopOrder('SR-90002')),
          contentType: 'application/xml',
        },
      ],
    });
    const waiting = await waitForInvoice(stack, 'black box tamper');
    const link = new URL(await decisionLink(waiting.id));
    const before = await statuses();

    /** The text with its middle character replaced by a different one. */
    const flipped = (text: string) => {
      const middle = Math.floor(text.length / 2);
      return `${text.slice(0, middle)}${text[middle] === 'A' ? 'B' : 'A'}${text.slice(middle + 1)}`;
    };
    const variants: URL[] = [];
    const badSignature = new URL(link);
    badSignature.searchParams.set('sig', flipped(link.searchParams.get('sig') ?? ''));
    const longerLife = new URL(link);
    longerLife.searchParams.set('exp', String(Number(link.searchParams.get('exp')) + 7 * 24 * 3600));
    const otherId = new URL(link);
    otherId.pathname = `/approvals/${flipped(link.pathname.split('/').pop() ?? '')}`;
    variants.push(badSignature, longerLife, otherId);
    for (const variant of variants) expect(variant.toString()).not.toBe(link.toString());

    for (const variant of variants) {
      const page = await fetch(variant);
      expect(page.status, variant.toString()).toBeGreaterThanOrEqual(400);
      const html = await page.text();
      expect(html.length).toBeGreaterThan(50);
      // A forged page offers no form, and a blind POST to it is refused.
      const post = await fetch(variant, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ choice: 'approve' }),
      });
      expect(post.status).toBeGreaterThanOrEqual(400);
    }
    expect(await statuses()).toEqual(before);
    expect((await getJson<ApiInvoice>(stack, `/api/invoices/${waiting.id}`)).status).toBe(
      'AWAITING_APPROVAL',
    );
  });
});
