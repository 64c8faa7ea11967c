import type { LambdaFunctionURLEvent } from 'aws-lambda';
import * as z from 'zod';
import { handleApprovalRequest } from '../handlers/approval-http';
import { defineStep } from './define';

/** A Lambda Function URL request (the local web server builds the same event). */
const functionUrlEvent = z.looseObject({
  rawPath: z.string(),
  requestContext: z.looseObject({ http: z.looseObject({ method: z.string(), sourceIp: z.string() }) }),
});

export const step = defineStep({
  name: 'ApprovalEndpoint',
  description: 'Approval pages (GET renders, POST decides) behind signed links',
  trigger: 'url',
  input: functionUrlEvent,
  uses: {
    documents: 'read',
    invoices: 'readWrite',
    approvals: 'readWrite',
    ledger: 'readWrite',
    audit: 'append',
    links: 'signAndVerify',
    secrets: 'open',
    tasks: 'respond',
  },
  run: (event, ports) => handleApprovalRequest(ports, event as unknown as LambdaFunctionURLEvent),
});
