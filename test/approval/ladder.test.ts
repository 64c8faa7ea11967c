import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';
import { escalate } from '../../functions/core/approval/escalate';

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

const start = (
  invoiceId: string,
  taskToken: string,
  stage: 'initial' | 'reminded' | 'escalated' = 'initial',
) => awaitHuman({ invoiceId, taskToken, kind: 'approval', stage, round: 1 }, h.deps);

describe('awaitHuman (the waitForTaskToken step)', () => {
  it('stores the request with the token sealed, sets AWAITING_APPROVAL and mails one decision link', async () => {
    // Prepare
    const record = await h.addInvoice();
    const token = fakeTaskToken();
    const before = h.mailer.sent.length;
    // Act
    const result = await start(record.id, token);
    // Assess
    const request = await h.deps.approvals.get(result.approvalId);
    expect(request?.status).toBe('PENDING');
    expect(request?.approver).toBe('anna@firma.example');
    expect(JSON.stringify(request)).not.toContain(token);
    expect(
      await h.deps.secrets.open(request!.sealedToken, {
        approvalId: result.approvalId,
        invoiceId: record.id,
      }),
    ).toBe(token);
    expect((await h.deps.invoices.get(record.id))?.status).toBe('AWAITING_APPROVAL');
    const mail = h.mailer.sent[before]!;
    expect(h.mailer.sent.length - before).toBe(1);
    expect(mail.to).toEqual(['anna@firma.example']);
    expect(mail.subject).toContain('Muster Bürobedarf GmbH');
    expect(mail.subject).toContain('RE-2025-0042');
    expect(mail.subject).toContain('1.190,00 EUR');
    expect(mail.html).toBeDefined();
    expect(mail.text.match(/\/approvals\//g)).toHaveLength(1);
    expect(mail.text).toContain('https://documents.example.test/view/');
    expect(mail.text).toContain('Known vendor, usual amount.');
    expect(mail.text).toContain('[Hinweis]');
  });

  it('is idempotent on a Lambda retry with the same token: one request, one mail', async () => {
    // Prepare
    const record = await h.addInvoice();
    const token = fakeTaskToken();
    const before = h.mailer.sent.length;
    // Act
    const first = await start(record.id, token);
    const retry = await start(record.id, token);
    // Assess
    expect(retry.approvalId).toBe(first.approvalId);
    expect(await h.deps.approvals.listForInvoice(record.id)).toHaveLength(1);
    expect(h.mailer.sent.length - before).toBe(1);
  });

  it('asks the person the clarification names, with the question, on a page with answer choices', async () => {
    // Prepare
    const decision = sampleDecision('CLARIFY', {
      approvers: undefined,
      clarification: {
        with: 'req@firma.example',
        question: 'Welche Bestellung?\n\nWhich order?',
        questionDe: 'Welche Bestellung?',
        questionEn: 'Which order?',
        language: 'de',
        role: 'requester',
      },
    });
    const record = await h.addInvoice({ decision });
    const token = fakeTaskToken();
    const before = h.mailer.sent.length;
    // Act
    await awaitHuman(
      { invoiceId: record.id, taskToken: token, kind: 'clarification', stage: 'initial', round: 1 },
      h.deps,
    );
    const mail = h.mailer.sent[before]!;
    const http = createApprovalService(h.deps);
    const link = decisionLinkIn(mail);
    const page = await http(requestFor(link));
    const answered = await http(
      postFor(link, { ...formFields(page.body), choice: 'answer', comment: 'PO-4711' }),
    );
    // Assess
    expect(mail.to).toEqual(['req@firma.example']);
    expect(mail.text).toContain('Welche Bestellung?');
    expect((await h.deps.invoices.get(record.id))?.status).toBe('AWAITING_CLARIFICATION');
    expect(page.body).toContain('value="answer"');
    expect(page.body).not.toContain('value="approve"');
    expect(answered.status).toBe(200);
    expect(h.tasks.succeeded.find((s) => s.token === token)?.output).toMatchObject({
      next: 'RECHECK',
      round: 1,
    });
  });

  it("routes an approver's question to the requester and returns to that approver after 'forward'", async () => {
    // Prepare: anna asks a question in round 1
    const record = await h.addInvoice();
    const token1 = fakeTaskToken();
    let before = h.mailer.sent.length;
    await start(record.id, token1);
    const http = createApprovalService(h.deps);
    const link1 = decisionLinkIn(h.mailer.sent[before]!);
    const page1 = await http(requestFor(link1));
    await http(
      postFor(link1, {
        ...formFields(page1.body),
        choice: 'clarify',
        comment: 'Ist das die Lieferung vom Oktober?',
      }),
    );
    // Act: the state machine's RequestClarification
    const token2 = fakeTaskToken();
    before = h.mailer.sent.length;
    await awaitHuman(
      { invoiceId: record.id, taskToken: token2, kind: 'clarification', stage: 'initial', round: 1 },
      h.deps,
    );
    const mail = h.mailer.sent[before]!;
    const link2 = decisionLinkIn(mail);
    const page2 = await http(requestFor(link2));
    await http(postFor(link2, { ...formFields(page2.body), choice: 'forward', comment: 'Ja, Oktober.' }));
    // Assess
    expect(mail.to).toEqual(['req@firma.example']);
    expect(mail.text).toContain('Ist das die Lieferung vom Oktober?');
    expect(mail.text).toContain('anna@firma.example');
    expect(h.tasks.succeeded.find((s) => s.token === token2)?.output).toMatchObject({
      next: 'NEXT_APPROVER',
      round: 1,
    });
  });
});

describe('reminder, escalation and parking', () => {
  it('reminds with a fresh link to the same request once the new wait has its token', async () => {
    // Prepare
    const record = await h.addInvoice();
    const first = await start(record.id, fakeTaskToken());
    h.clock.advanceHours(48);
    // Act
    const remind = await escalate({ invoiceId: record.id, action: 'remind' }, h.deps);
    const token2 = fakeTaskToken();
    const before = h.mailer.sent.length;
    const reminded = await start(record.id, token2, 'reminded');
    // Assess
    expect(remind.approvalId).toBe(first.approvalId);
    expect(reminded.approvalId).toBe(first.approvalId);
    const mail = h.mailer.sent[before]!;
    expect(mail.subject).toContain('Erinnerung');
    const request = await h.deps.approvals.get(first.approvalId);
    expect(request?.stage).toBe('reminded');
    expect(
      await h.deps.secrets.open(request!.sealedToken, { approvalId: first.approvalId, invoiceId: record.id }),
    ).toBe(token2);
  });

  it('escalates to the deputy: the old link stops working, the deputy gets a new one', async () => {
    // Prepare
    const record = await h.addInvoice();
    let before = h.mailer.sent.length;
    const first = await start(record.id, fakeTaskToken());
    const oldLink = decisionLinkIn(h.mailer.sent[before]!);
    h.clock.advanceHours(96);
    // Act
    const escalation = await escalate({ invoiceId: record.id, action: 'escalate' }, h.deps);
    before = h.mailer.sent.length;
    const deputyWait = await start(record.id, fakeTaskToken(), 'escalated');
    const deputyMail = h.mailer.sent[before]!;
    const http = createApprovalService(h.deps);
    const oldPage = await http(requestFor(oldLink));
    const newPage = await http(requestFor(decisionLinkIn(deputyMail)));
    // Assess
    expect(escalation.deputy).toBe('dora@firma.example');
    expect((await h.deps.approvals.get(first.approvalId))?.status).toBe('REVOKED');
    expect(deputyWait.approvalId).not.toBe(first.approvalId);
    expect(deputyMail.to).toEqual(['dora@firma.example']);
    expect(deputyMail.text).toContain('anna@firma.example');
    expect(oldPage.status).toBe(410);
    expect(newPage.status).toBe(200);
  });

  it('parks after the last timeout: never approved, decided by system, finance told', async () => {
    // Prepare
    const record = await h.addInvoice();
    await start(record.id, fakeTaskToken());
    h.clock.advanceHours(168);
    const before = h.mailer.sent.length;
    // Act
    const parked = await escalate({ invoiceId: record.id, action: 'park' }, h.deps);
    const retry = await escalate({ invoiceId: record.id, action: 'park' }, h.deps);
    // Assess
    expect(parked).toMatchObject({ parked: true, status: 'PARKED' });
    expect(retry.status).toBe('PARKED');
    const stored = await h.deps.invoices.get(record.id);
    expect(stored?.status).toBe('PARKED');
    expect(stored?.outcome?.decidedBy).toBe('system');
    expect((await h.deps.approvals.listForInvoice(record.id)).every((r) => r.status === 'REVOKED')).toBe(
      true,
    );
    expect(h.mailer.sent.length - before).toBe(1);
    expect(h.mailer.sent[before]?.to).toEqual(['ap@firma.example']);
    expect(h.mailer.sent[before]?.cc).toEqual(['anna@firma.example']);
  });

  it('keeps a decision made just after a timeout: the next wait fails by name and Escalate delivers it', async () => {
    // Prepare: the first wait timed out (its token is closed) before the approver clicked
    const record = await h.addInvoice();
    const token1 = fakeTaskToken();
    const before = h.mailer.sent.length;
    await start(record.id, token1);
    const link = decisionLinkIn(h.mailer.sent[before]!);
    h.tasks.closed.add(token1);
    const http = createApprovalService(h.deps);
    const page = await http(requestFor(link));
    // Act
    const late = await http(postFor(link, { ...formFields(page.body), choice: 'approve' }));
    await escalate({ invoiceId: record.id, action: 'remind' }, h.deps);
    const mailsBeforeReminder = h.mailer.sent.length;
    const taskCallsBefore = h.tasks.calls;
    const reminded = start(record.id, fakeTaskToken(), 'reminded');
    // Assess
    expect(late.status).toBe(200);
    expect((await h.deps.invoices.get(record.id))?.status).toBe('APPROVED');
    await expect(reminded).rejects.toMatchObject({ name: 'DecidedMeanwhileError' });
    expect(h.mailer.sent.length).toBe(mailsBeforeReminder);
    const delivered = await escalate({ invoiceId: record.id, action: 'deliver' }, h.deps);
    expect(delivered.decision).toMatchObject({
      next: 'ARCHIVE',
      choice: 'approve',
      by: 'anna@firma.example',
    });
    expect(h.tasks.calls).toBe(taskCallsBefore);
  });
});
