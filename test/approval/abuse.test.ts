import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';

import { approvalUrl } from '../../functions/core/approval/link';
import {
  createApprovalService,
  createHarness,
  decisionLinkIn,
  fakeTaskToken,
  formFields,
  type Harness,
  postFor,
  requestFor,
} from './harness';

/** Races, forged and replayed links: none of them may change anything beyond one decision. */

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function waiting(options: Parameters<Harness['addInvoice']>[0] = {}) {
  const record = await h.addInvoice(options);
  const taskToken = fakeTaskToken();
  const before = h.mailer.sent.length;
  const { approvalId } = await awaitHuman(
    { invoiceId: record.id, taskToken, kind: 'approval', stage: 'initial', round: 1 },
    h.deps,
  );
  return { record, taskToken, approvalId, link: decisionLinkIn(h.mailer.sent[before]!) };
}

/** What must stay as it is: the request, the invoice record and the task. */
async function snapshot(invoiceId: string, approvalId: string) {
  const request = await h.deps.approvals.get(approvalId);
  const record = await h.deps.invoices.get(invoiceId);
  return { request, record, taskCalls: h.tasks.calls };
}

describe('a race', () => {
  it('100 concurrent valid POSTs (each with its own nonce) make exactly one decision and one SendTask call', async () => {
    // Prepare: 100 views, so every POST carries a valid, unused nonce
    const { record, taskToken, link } = await waiting();
    const http = createApprovalService(h.deps);
    const pages = await Promise.all(Array.from({ length: 100 }, () => http(requestFor(link))));
    const forms = pages.map((p) => formFields(p.body));
    // Act
    const responses = await Promise.all(
      forms.map((fields, i) =>
        http(postFor(link, { ...fields, choice: i % 2 ? 'approve' : 'reject', comment: `attempt ${i}` })),
      ),
    );
    // Assess
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(99);
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
    const decided = (await h.deps.audit.list(record.id)).filter((e) => e.type === 'approval.decided');
    expect(decided).toHaveLength(1);
    expect(['APPROVED', 'REJECTED']).toContain((await h.deps.invoices.get(record.id))?.status);
  }, 60_000);

  it('100 concurrent POSTs replaying one nonce are accepted once', async () => {
    // Prepare
    const { taskToken, link } = await waiting();
    const http = createApprovalService(h.deps);
    const fields = formFields((await http(requestFor(link))).body);
    // Act
    const responses = await Promise.all(
      Array.from({ length: 100 }, () => http(postFor(link, { ...fields, choice: 'approve' }))),
    );
    // Assess
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
  }, 60_000);
});

describe('forged, expired and replayed links', () => {
  it('accepts no mutated link (fast-check): each is refused with 4xx and nothing changes', async () => {
    // Prepare
    const { record, approvalId, link } = await waiting();
    const http = createApprovalService(h.deps);
    const url = new URL(link);
    const exp = url.searchParams.get('exp')!;
    const sig = url.searchParams.get('sig')!;
    const before = await snapshot(record.id, approvalId);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
    const mutateChar = (text: string, at: number, ch: string) => {
      const i = at % text.length;
      const replacement = text[i] === ch ? alphabet[(alphabet.indexOf(ch) + 1) % alphabet.length]! : ch;
      return text.slice(0, i) + replacement + text.slice(i + 1);
    };
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('sig'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('id'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({
        kind: fc.constant('exp'),
        delta: fc.integer({ min: -10_000_000, max: 10_000_000 }).filter((d) => d !== 0),
      }),
      fc.record({ kind: fc.constant('random'), sig: fc.string({ minLength: 0, maxLength: 60 }) }),
    );
    let accepted = 0;
    // Act
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let forged: string;
        if (m.kind === 'sig')
          forged = approvalUrl(
            'https://approve.example.test',
            approvalId,
            Number(exp),
            mutateChar(sig, m.at, m.ch),
          );
        else if (m.kind === 'id')
          forged = approvalUrl(
            'https://approve.example.test',
            mutateChar(approvalId, m.at, m.ch),
            Number(exp),
            sig,
          );
        else if (m.kind === 'exp')
          forged = approvalUrl('https://approve.example.test', approvalId, Number(exp) + m.delta, sig);
        else
          forged = `https://approve.example.test/approvals/${approvalId}?exp=${exp}&sig=${encodeURIComponent(m.sig)}`;
        const page = await http(requestFor(forged));
        const post = await http(
          postFor(forged, {
            exp,
            sig: new URL(forged).searchParams.get('sig') ?? '',
            choice: 'approve',
            nonce: 'x'.repeat(32),
          }),
        );
        if (page.status < 400 || post.status < 400) accepted++;
        return page.status >= 400 && page.status < 500 && post.status >= 400 && post.status < 500;
      }),
      { numRuns: 150 },
    );
    // Assess
    expect(accepted).toBe(0);
    expect(await snapshot(record.id, approvalId)).toEqual(before);
  }, 60_000);

  it('refuses an expired link with 410, even with a valid signature and nonce', async () => {
    // Prepare
    const { record, approvalId, link } = await waiting();
    const http = createApprovalService(h.deps);
    const fields = formFields((await http(requestFor(link))).body);
    const before = await snapshot(record.id, approvalId);
    h.clock.advanceHours(73);
    // Act
    const page = await http(requestFor(link));
    const post = await http(postFor(link, { ...fields, choice: 'approve' }));
    // Assess
    expect(page.status).toBe(410);
    expect(page.body).toContain('abgelaufen');
    expect(post.status).toBe(410);
    expect(await snapshot(record.id, approvalId)).toEqual(before);
  });

  it('refuses a replayed POST after the decision ("already decided")', async () => {
    // Prepare
    const { approvalId, link, taskToken } = await waiting();
    const http = createApprovalService(h.deps);
    const fields = formFields((await http(requestFor(link))).body);
    const first = await http(postFor(link, { ...fields, choice: 'approve' }));
    const after = await h.deps.approvals.get(approvalId);
    // Act
    const replay = await http(postFor(link, { ...fields, choice: 'approve' }));
    const reopened = await http(requestFor(link));
    // Assess
    expect(first.status).toBe(200);
    expect(replay.status).toBe(409);
    expect(reopened.status).toBe(409);
    expect(reopened.body).toContain('Bereits entschieden von anna@firma.example');
    expect(await h.deps.approvals.get(approvalId)).toEqual(after);
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
  });

  it('refuses a link whose invoice changed since the request (new IBAN)', async () => {
    // Prepare
    const { record, approvalId, link } = await waiting();
    const http = createApprovalService(h.deps);
    const fields = formFields((await http(requestFor(link))).body);
    const extracted = JSON.parse(new TextDecoder().decode(await h.documents.get(record.extractedKey!)));
    extracted.invoice.payment.accounts[0].iban = 'DE02120300000000202051';
    await h.documents.put(record.extractedKey!, JSON.stringify(extracted));
    const before = await snapshot(record.id, approvalId);
    // Act
    const page = await http(requestFor(link));
    const post = await http(postFor(link, { ...fields, choice: 'approve' }));
    // Assess
    expect(page.status).toBe(409);
    expect(page.body).toContain('Die Rechnung hat sich seit dieser Anfrage geändert.');
    expect(post.status).toBe(409);
    expect(await snapshot(record.id, approvalId)).toEqual(before);
  });

  it('answers unknown paths with 404 and other methods with 405', async () => {
    // Prepare
    const http = createApprovalService(h.deps);
    // Act
    const unknown = await http(requestFor('https://approve.example.test/approvals/x/y'));
    const put = await http({
      ...requestFor('https://approve.example.test/approvals/abcdefghijklmnopqrstuv'),
      method: 'PUT',
    });
    // Assess
    expect(unknown.status).toBe(404);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
  });
});
