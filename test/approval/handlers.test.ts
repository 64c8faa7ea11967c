import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitHuman } from '../../functions/core/approval/await-human';
import { handleApprovalRequest } from '../../functions/handlers/approval-http';
import { step as awaitHumanStep } from '../../functions/steps/await-human';
import { step as escalateStep } from '../../functions/steps/escalate';
import { createHarness, decisionLinkIn, fakeTaskToken, formFields, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe('the approval endpoint as a Function URL', () => {
  it('decides from a base64 form body with mixed-case headers and records the source IP', async () => {
    // Prepare
    const record = await h.addInvoice();
    const before = h.mailer.sent.length;
    await awaitHuman(
      { invoiceId: record.id, taskToken: fakeTaskToken(), kind: 'approval', stage: 'initial', round: 1 },
      h.deps,
    );
    const link = new URL(decisionLinkIn(h.mailer.sent[before]!));
    const page = await handleApprovalRequest(h.deps, urlEvent('GET', link));
    const form = new URLSearchParams({ ...formFields(page.body), choice: 'approve' }).toString();
    const event = {
      ...urlEvent('POST', link, '198.51.100.7'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'phone' },
      body: Buffer.from(form).toString('base64'),
      isBase64Encoded: true,
    } as LambdaFunctionURLEvent;
    // Act
    const response = await handleApprovalRequest(h.deps, event);
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await h.deps.invoices.get(record.id))?.status).toBe('APPROVED');
    const decided = (await h.deps.audit.list(record.id)).find((e) => e.type === 'approval.decided');
    expect(decided?.details).toMatchObject({ ip: '198.51.100.7', userAgent: 'phone' });
  });

  it('answers HEAD without a body, other methods with 405 and unknown paths with 404', async () => {
    // Prepare
    const link = new URL('https://x.example/approvals/abcdefghijklmnopqrstuvwx?exp=1&sig=s');
    // Act
    const head = await handleApprovalRequest(h.deps, urlEvent('HEAD', link));
    const put = await handleApprovalRequest(h.deps, urlEvent('PUT', link));
    const other = await handleApprovalRequest(h.deps, urlEvent('GET', new URL('https://x.example/admin')));
    // Assess
    expect(head.body).toBe('');
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect(other.statusCode).toBe(404);
  });
});

describe('step declarations', () => {
  it('accept the inputs the state machine sends and refuse others', () => {
    // Act
    const wait = awaitHumanStep.input.safeParse({
      invoiceId: 'i',
      taskToken: 't',
      kind: 'approval',
      stage: 'reminded',
      round: 2,
    });
    const badStage = awaitHumanStep.input.safeParse({
      invoiceId: 'i',
      taskToken: 't',
      kind: 'approval',
      stage: 'later',
    });
    const park = escalateStep.input.safeParse({ invoiceId: 'i', action: 'park' });
    const deliver = escalateStep.input.safeParse({ invoiceId: 'i', action: 'deliver' });
    const approve = escalateStep.input.safeParse({ invoiceId: 'i', action: 'approve' });
    // Assess
    expect(wait.success).toBe(true);
    expect(badStage.success).toBe(false);
    expect(park.success).toBe(true);
    expect(deliver.success).toBe(true);
    expect(approve.success).toBe(false);
  });
});

function urlEvent(method: string, url: URL, sourceIp = '203.0.113.9'): LambdaFunctionURLEvent {
  return {
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    queryStringParameters: Object.fromEntries(url.searchParams),
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method, path: url.pathname, sourceIp } },
  } as unknown as LambdaFunctionURLEvent;
}
