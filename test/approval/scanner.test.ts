import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';

import {
  createApprovalService,
  createHarness,
  decisionLinkIn,
  fakeTaskToken,
  type Harness,
  postFor,
  requestFor,
} from './harness';

/** Mail scanners open every link and sometimes submit forms: none of that may change anything. */

let h: Harness;
beforeAll(async () => {
  // Invoices and audit in memory (1,000 requests); approvals and nonces on dynalite.
  h = await createHarness({ memoryRecords: true });
});
afterAll(() => h.close());

async function waiting() {
  const record = await h.addInvoice();
  const taskToken = fakeTaskToken();
  const before = h.mailer.sent.length;
  const { approvalId } = await awaitHuman(
    { invoiceId: record.id, taskToken, kind: 'approval', stage: 'initial', round: 1 },
    h.deps,
  );
  return { record, taskToken, approvalId, link: decisionLinkIn(h.mailer.sent[before]!) };
}

async function snapshot(invoiceId: string, approvalId: string) {
  const request = await h.deps.approvals.get(approvalId);
  const record = await h.deps.invoices.get(invoiceId);
  return { request, record, taskCalls: h.tasks.calls };
}

describe('a mail scanner', () => {
  it('opening the link 1,000 times with GET/HEAD and posting script-less forms without a nonce changes nothing', async () => {
    // Prepare
    const { record, approvalId, link } = await waiting();
    const http = createApprovalService(h.deps);
    const before = await snapshot(record.id, approvalId);
    const url = new URL(link);
    const formWithoutNonce = {
      exp: url.searchParams.get('exp')!,
      sig: url.searchParams.get('sig')!,
      choice: 'approve',
    };
    // Act: 1,000 GET/HEAD, in batches like a scanner farm; plus POSTs a form-submitting scanner would send
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) => http(requestFor(link, (batch * 50 + i) % 2 ? 'HEAD' : 'GET'))),
      );
      statuses.push(...responses.map((r) => r.status));
    }
    const posts = await Promise.all([
      http(postFor(link, formWithoutNonce)),
      http(postFor(link, { ...formWithoutNonce, choice: 'reject', comment: 'x' })),
      http(postFor(link, {})),
      http({ ...postFor(link, formWithoutNonce), body: '' }),
      http(postFor(link, { ...formWithoutNonce, nonce: 'made-up-nonce-value-1234' })),
    ]);
    // Assess
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(posts.map((p) => p.status).every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await snapshot(record.id, approvalId)).toEqual(before);
    expect(before.request?.status).toBe('PENDING');
    expect(h.tasks.calls).toBe(before.taskCalls);
  }, 60_000);
});
