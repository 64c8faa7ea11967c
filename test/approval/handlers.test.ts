import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fromFunctionUrlEvent } from '../../functions/handlers/approval-endpoint';
import { awaitHumanStep } from '../../functions/handlers/await-human';
import { escalateStep } from '../../functions/handlers/escalate';

describe('approval handlers', () => {
  it('maps a Function URL event (base64 form body, mixed-case headers, source IP) to the approval request', () => {
    // Prepare
    const event = {
      rawPath: '/approvals/abcdefghijklmnopqrstuvwx',
      queryStringParameters: { exp: '1', sig: 's' },
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': 'phone' },
      body: Buffer.from('choice=approve&nonce=n').toString('base64'),
      isBase64Encoded: true,
      requestContext: { http: { method: 'POST', sourceIp: '198.51.100.7' } },
    } as unknown as LambdaFunctionURLEvent;
    // Act
    const request = fromFunctionUrlEvent(event);
    // Assess
    expect(request).toEqual({
      method: 'POST',
      path: '/approvals/abcdefghijklmnopqrstuvwx',
      query: { exp: '1', sig: 's' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'phone' },
      body: 'choice=approve&nonce=n',
      ip: '198.51.100.7',
    });
  });

  it('declares the step inputs the state machine sends', () => {
    // Act
    const wait = awaitHumanStep.schema.safeParse({
      invoiceId: 'i',
      taskToken: 't',
      kind: 'approval',
      stage: 'reminded',
      round: 2,
    });
    const badStage = awaitHumanStep.schema.safeParse({
      invoiceId: 'i',
      taskToken: 't',
      kind: 'approval',
      stage: 'later',
    });
    const park = escalateStep.schema.safeParse({ invoiceId: 'i', action: 'park' });
    const approve = escalateStep.schema.safeParse({ invoiceId: 'i', action: 'approve' });
    // Assess
    expect(wait.success).toBe(true);
    expect(badStage.success).toBe(false);
    expect(park.success).toBe(true);
    expect(approve.success).toBe(false);
  });
});
