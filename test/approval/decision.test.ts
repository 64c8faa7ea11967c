import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';

import type { HumanResult } from '../../functions/core/approval/model';
import {
  createApprovalService,
  createHarness,
  decisionLinkIn,
  fakeTaskToken,
  formFields,
  type Harness,
  postFor,
  requestFor,
  sampleDecision,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** Puts an invoice into the approval wait and returns its decision link and the task token. */
async function waitingInvoice(options: Parameters<Harness['addInvoice']>[0] = {}, round = 1) {
  const record = await h.addInvoice(options);
  const taskToken = fakeTaskToken();
  const mailsBefore = h.mailer.sent.length;
  const result = await awaitHuman(
    { invoiceId: record.id, taskToken, kind: 'approval', stage: 'initial', round },
    h.deps,
  );
  const mail = h.mailer.sent[mailsBefore]!;
  return { record, taskToken, link: decisionLinkIn(mail), mail, approvalId: result.approvalId };
}

async function openPage(link: string) {
  const http = createApprovalService(h.deps);
  const page = await http(requestFor(link));
  return { page, fields: formFields(page.body), http };
}

describe('the decision page (GET)', () => {
  it('renders the summary, checks, explanation and a form without changing anything', async () => {
    // Prepare
    const { record, link, approvalId } = await waitingInvoice();
    const before = await h.deps.approvals.get(approvalId);
    const calls = h.tasks.calls;
    // Act
    const { page, fields } = await openPage(link);
    // Assess
    expect(page.status).toBe(200);
    expect(page.body).toContain('Muster Bürobedarf GmbH');
    expect(page.body).toContain('RE-2025-0042');
    expect(page.body).toContain('1.190,00 EUR');
    expect(page.body).toContain('DE89 **** 3000');
    expect(page.body).toContain('Known vendor, usual amount. &lt;script&gt;');
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).toContain('<form method="post"');
    expect(fields.nonce).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(await h.deps.approvals.get(approvalId)).toEqual(before);
    expect((await h.deps.invoices.get(record.id))?.status).toBe('AWAITING_APPROVAL');
    expect(h.tasks.calls).toBe(calls);
  });

  it('sends the security headers and audits the view with IP, user agent and invoice hash', async () => {
    // Prepare
    const { record, link } = await waitingInvoice();
    // Act
    const { page } = await openPage(link);
    // Assess
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-robots-tag']).toContain('noindex');
    const viewed = (await h.deps.audit.list(record.id)).find((e) => e.type === 'approval.viewed');
    expect(viewed?.details).toMatchObject({ ip: '192.0.2.10', userAgent: 'vitest', method: 'GET' });
    expect(viewed?.inputs?.invoiceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('renders English for an approver whose language is en', async () => {
    // Prepare: ben is the English-speaking approver
    const { link } = await waitingInvoice({
      decision: sampleDecision('APPROVE', { approvers: ['ben@firma.example'] }),
    });
    // Act
    const { page } = await openPage(link);
    // Assess
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Approve');
    expect(page.body).toContain('1,190.00 EUR');
  });
});

describe('deciding (POST)', () => {
  it('approves: records the outcome, then resumes the workflow with ARCHIVE', async () => {
    // Prepare
    const { record, link, taskToken } = await waitingInvoice();
    const { fields, http } = await openPage(link);
    // Act
    const response = await http(postFor(link, { ...fields, choice: 'approve', comment: 'passt' }));
    // Assess
    expect(response.status).toBe(200);
    const stored = await h.deps.invoices.get(record.id);
    expect(stored?.status).toBe('APPROVED');
    expect(stored?.outcome).toMatchObject({
      status: 'APPROVED',
      decidedBy: 'anna@firma.example',
      coding: { glAccount: '4930', costCenter: '4711' },
    });
    const call = h.tasks.succeeded.find((s) => s.token === taskToken);
    expect(call?.output).toMatchObject({ next: 'ARCHIVE', round: 1, choice: 'approve' });
  });

  it('rejects only with a reason', async () => {
    // Prepare
    const { record, link, taskToken } = await waitingInvoice();
    const { fields, http } = await openPage(link);
    // Act
    const withoutReason = await http(postFor(link, { ...fields, choice: 'reject' }));
    const again = formFields(withoutReason.body);
    const withReason = await http(
      postFor(link, { ...again, choice: 'reject', comment: 'Doppelt berechnet' }),
    );
    // Assess
    expect(withoutReason.status).toBe(422);
    expect(withoutReason.body).toContain('Bitte geben Sie eine Begründung an.');
    expect(withReason.status).toBe(200);
    const stored = await h.deps.invoices.get(record.id);
    expect(stored?.status).toBe('REJECTED');
    expect(stored?.outcome?.comment).toBe('Doppelt berechnet');
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
  });

  it('asks for clarification with a comment: CLARIFY, the invoice stays open', async () => {
    // Prepare
    const { record, link, taskToken } = await waitingInvoice();
    const { fields, http } = await openPage(link);
    // Act
    const response = await http(
      postFor(link, { ...fields, choice: 'clarify', comment: 'Welche Bestellung?' }),
    );
    // Assess
    expect(response.status).toBe(200);
    expect(h.tasks.succeeded.find((s) => s.token === taskToken)?.output).toMatchObject({
      next: 'CLARIFY',
      round: 1,
    });
    expect((await h.deps.invoices.get(record.id))?.status).toBe('AWAITING_APPROVAL');
  });

  it('corrects the coding only when it differs, and approves with it', async () => {
    // Prepare
    const { record, link } = await waitingInvoice();
    const { fields, http } = await openPage(link);
    // Act
    const unchanged = await http(
      postFor(link, { ...fields, choice: 'correct', glAccount: '4930', costCenter: '4711' }),
    );
    const changed = await http(
      postFor(link, {
        ...formFields(unchanged.body),
        choice: 'correct',
        glAccount: '4980',
        costCenter: '4711',
      }),
    );
    // Assess
    expect(unchanged.status).toBe(422);
    expect(changed.status).toBe(200);
    expect((await h.deps.invoices.get(record.id))?.outcome?.coding).toEqual({
      glAccount: '4980',
      costCenter: '4711',
    });
  });

  it('refuses a POST without an explicit choice and changes nothing', async () => {
    // Prepare
    const { record, link, approvalId } = await waitingInvoice();
    const { fields, http } = await openPage(link);
    // Act
    const response = await http(postFor(link, fields));
    // Assess
    expect(response.status).toBe(400);
    expect((await h.deps.approvals.get(approvalId))?.status).toBe('PENDING');
    expect((await h.deps.invoices.get(record.id))?.status).toBe('AWAITING_APPROVAL');
  });

  it('needs the typed gross for a large amount: a wrong amount is refused, the right one accepted', async () => {
    // Prepare
    const { record, link } = await waitingInvoice({
      gross: '12345.67',
      decision: sampleDecision('APPROVE', { requiresTypedAmount: true }),
    });
    const { page, fields, http } = await openPage(link);
    // Act
    const wrong = await http(postFor(link, { ...fields, choice: 'approve', confirmAmount: '12345,76' }));
    const statusAfterWrong = (await h.deps.invoices.get(record.id))?.status;
    const right = await http(
      postFor(link, { ...formFields(wrong.body), choice: 'approve', confirmAmount: '12.345,67' }),
    );
    // Assess
    expect(page.body).toContain('name="confirmAmount"');
    expect(wrong.status).toBe(422);
    expect(statusAfterWrong).toBe('AWAITING_APPROVAL');
    expect(right.status).toBe(200);
    expect((await h.deps.invoices.get(record.id))?.status).toBe('APPROVED');
  });

  it('shows "already decided by X at T" to a second valid submission', async () => {
    // Prepare
    const { link, taskToken } = await waitingInvoice();
    const first = await openPage(link);
    const second = await openPage(link);
    await first.http(postFor(link, { ...first.fields, choice: 'approve' }));
    // Act
    const late = await second.http(postFor(link, { ...second.fields, choice: 'reject', comment: 'nein' }));
    // Assess
    expect(late.status).toBe(409);
    expect(late.body).toContain('Bereits entschieden von anna@firma.example am 24.11.2025, 09:00 UTC');
    expect(h.tasks.succeeded.filter((s) => s.token === taskToken)).toHaveLength(1);
  });
});

describe('four eyes', () => {
  it('sends round 1 on to a second, different approver and approves only after round 2', async () => {
    // Prepare
    const decision = sampleDecision('APPROVE_FOUR_EYES', { amount: { gross: '6000', currency: 'EUR' } });
    const one = await waitingInvoice({ gross: '6000.00', decision });
    const p1 = await openPage(one.link);
    // Act: round 1
    await p1.http(postFor(one.link, { ...p1.fields, choice: 'approve' }));
    const afterRound1 = (await h.deps.invoices.get(one.record.id))?.status;
    const output1 = h.tasks.succeeded.find((s) => s.token === one.taskToken)?.output as HumanResult;
    // Act: round 2 (the state machine's NextApprovalRound)
    const token2 = fakeTaskToken();
    const mails = h.mailer.sent.length;
    await awaitHuman(
      {
        invoiceId: one.record.id,
        taskToken: token2,
        kind: 'approval',
        stage: 'initial',
        round: output1.round,
      },
      h.deps,
    );
    const mail2 = h.mailer.sent[mails]!;
    const link2 = decisionLinkIn(mail2);
    const p2 = await openPage(link2);
    await p2.http(postFor(link2, { ...p2.fields, choice: 'approve' }));
    // Assess
    expect(output1).toMatchObject({ next: 'NEXT_APPROVER', round: 2 });
    expect(afterRound1).toBe('AWAITING_APPROVAL');
    expect(mail2.to).toEqual(['ben@firma.example']);
    expect(p2.page.body).toContain('anna@firma.example');
    expect(h.tasks.succeeded.find((s) => s.token === token2)?.output).toMatchObject({ next: 'ARCHIVE' });
    const stored = await h.deps.invoices.get(one.record.id);
    expect(stored?.status).toBe('APPROVED');
    expect(stored?.outcome?.decidedBy).toBe('ben@firma.example');
  });

  it('never asks the round-1 approver again, even when the policy lists them for round 2', async () => {
    // Prepare: the policy names anna twice (e.g. after a recheck); round 1 approved by anna
    const decision = sampleDecision('APPROVE_FOUR_EYES', {
      approvers: ['anna@firma.example', 'anna@firma.example'],
    });
    const one = await waitingInvoice({ gross: '6000.00', decision });
    const p1 = await openPage(one.link);
    await p1.http(postFor(one.link, { ...p1.fields, choice: 'approve' }));
    // Act
    const mails = h.mailer.sent.length;
    await awaitHuman(
      { invoiceId: one.record.id, taskToken: fakeTaskToken(), kind: 'approval', stage: 'initial', round: 2 },
      h.deps,
    );
    // Assess
    expect(h.mailer.sent[mails]?.to).not.toContain('anna@firma.example');
  });
});

describe('a changed bank account (IBAN_MISMATCH)', () => {
  it('is not APPROVED after one person; the bank verifier (finance) is asked next and releases it', async () => {
    // Prepare
    const decision = sampleDecision('APPROVE', { holds: ['IBAN_MISMATCH'] });
    const one = await waitingInvoice({ decision });
    const p1 = await openPage(one.link);

    // Act: the approver approves
    await p1.http(postFor(one.link, { ...p1.fields, choice: 'approve' }));
    const afterOne = await h.deps.invoices.get(one.record.id);
    const output1 = h.tasks.succeeded.find((s) => s.token === one.taskToken)?.output as HumanResult;
    const token2 = fakeTaskToken();
    const mails = h.mailer.sent.length;
    await awaitHuman(
      {
        invoiceId: one.record.id,
        taskToken: token2,
        kind: 'approval',
        stage: 'initial',
        round: output1.round,
      },
      h.deps,
    );
    const mail2 = h.mailer.sent[mails]!;
    const link2 = decisionLinkIn(mail2);
    const p2 = await openPage(link2);
    await p2.http(postFor(link2, { ...p2.fields, choice: 'approve' }));

    // Assess
    expect(output1).toMatchObject({ next: 'NEXT_APPROVER', round: 2 });
    expect(afterOne?.status).toBe('AWAITING_APPROVAL');
    expect(mail2.to).toEqual(['ap@firma.example']);
    const stored = await h.deps.invoices.get(one.record.id);
    expect(stored?.status).toBe('APPROVED');
    expect(stored?.outcome?.decidedBy).toBe('ap@firma.example');
  });
});
