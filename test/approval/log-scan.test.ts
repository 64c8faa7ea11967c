import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_TABLE_NAMES } from '../../functions/adapters/local/dynalite';
import { awaitHuman } from '../../functions/core/approval/await-human';
import { escalate } from '../../functions/core/approval/escalate';

import {
  createApprovalService,
  createHarness,
  decisionLinkIn,
  FULL_IBAN,
  FULL_IBAN_SPACED,
  fakeTaskToken,
  formFields,
  type Harness,
  type HttpResponse,
  postFor,
  requestFor,
  sampleDecision,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('secrets stay out of logs, mails, links and the audit trail', () => {
  it('a full flow (four eyes, reminder, deputy, refusals, parking) never shows a task token, the HMAC key or a full IBAN', async () => {
    // Prepare
    const tokens: string[] = [];
    const responses: HttpResponse[] = [];
    const http = createApprovalService(h.deps);
    const wait = async (invoiceId: string, stage: 'initial' | 'reminded' | 'escalated', round = 1) => {
      const token = fakeTaskToken();
      tokens.push(token);
      const before = h.mailer.sent.length;
      await awaitHuman({ invoiceId, taskToken: token, kind: 'approval', stage, round }, h.deps);
      return h.mailer.sent.length > before ? decisionLinkIn(h.mailer.sent.at(-1)!) : undefined;
    };
    const decide = async (link: string, fields: Record<string, string>) => {
      const page = await http(requestFor(link));
      responses.push(page);
      const post = await http(postFor(link, { ...formFields(page.body), ...fields }));
      responses.push(post);
    };

    // Act: four eyes with a typed amount
    const big = await h.addInvoice({
      gross: '12000.00',
      decision: sampleDecision('APPROVE_FOUR_EYES', { requiresTypedAmount: true }),
    });
    const l1 = (await wait(big.id, 'initial'))!;
    await decide(l1, { choice: 'approve', confirmAmount: '12.000,00' });
    const l2 = (await wait(big.id, 'initial', 2))!;
    await decide(l2, { choice: 'approve', confirmAmount: '999' });
    responses.push(await http(postFor(l2, { choice: 'approve' })));
    responses.push(await http(requestFor(l2.replace(/sig=./, 'sig=A'))));
    await decide(l2, { choice: 'approve', confirmAmount: '12000' });
    // Act: reminder, deputy, parking
    const slow = await h.addInvoice();
    await wait(slow.id, 'initial');
    await escalate({ invoiceId: slow.id, action: 'remind' }, h.deps);
    await wait(slow.id, 'reminded');
    await escalate({ invoiceId: slow.id, action: 'escalate' }, h.deps);
    const deputyLink = (await wait(slow.id, 'escalated'))!;
    responses.push(await http(requestFor(deputyLink)));
    await escalate({ invoiceId: slow.id, action: 'park' }, h.deps);

    // Assess
    const audit = [...(await h.deps.audit.list(big.id)), ...(await h.deps.audit.list(slow.id))];
    const approvalItems = await h.dynamo.client.send(
      new ScanCommand({ TableName: LOCAL_TABLE_NAMES.approvals }),
    );
    const haystack = [
      ...h.logger.lines,
      ...h.mailer.sent.map((m) => JSON.stringify(m)),
      ...h.mailer.sent.flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []),
      ...responses.map((r) => JSON.stringify(r)),
      ...audit.map((e) => JSON.stringify(e)),
      ...(approvalItems.Items ?? []).map((i) => JSON.stringify(i)),
    ].join('\n');
    expect(h.logger.lines.length).toBeGreaterThan(5);
    expect(h.mailer.sent.length).toBeGreaterThanOrEqual(5);
    expect(audit.some((e) => e.type === 'approval.decided')).toBe(true);
    for (const token of tokens) {
      expect(haystack).not.toContain(token);
      expect(haystack).not.toContain(encodeURIComponent(token));
      expect(haystack).not.toContain(token.slice(3, 40));
    }
    for (const encoding of ['base64', 'base64url', 'hex'] as const) {
      expect(haystack).not.toContain(h.linkKey.toString(encoding));
    }
    expect(haystack).not.toContain(FULL_IBAN);
    expect(haystack).not.toContain(FULL_IBAN_SPACED);
    expect(haystack).toContain('DE89 **** 3000');
  }, 30_000);
});
