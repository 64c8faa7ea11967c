import * as z from 'zod';
import { awaitHuman } from '../core/approval/await-human';
import { defineStep } from './define';

/** Payload of the waitForTaskToken states (RequestApproval, AwaitAfterReminder, AwaitDeputy, RequestClarification). */
export const step = defineStep({
  name: 'AwaitHuman',
  description: 'Asks a person: stores the sealed task token, mails a signed link',
  input: z.object({
    invoiceId: z.string().min(1),
    taskToken: z.string().min(1).max(8192),
    kind: z.enum(['approval', 'clarification']),
    stage: z.enum(['initial', 'reminded', 'escalated']),
    round: z.coerce.number().int().min(1).max(5).default(1),
  }),
  uses: {
    documents: 'read',
    invoices: 'readWrite',
    approvals: 'readWrite',
    masterData: 'read',
    audit: 'append',
    links: 'sign',
    secrets: 'seal',
    mailer: 'send',
  },
  settings: ['approvalBaseUrl', 'approvalLinkTtlHours', 'financeTeamEmail', 'policy'],
  run: (input, ports) => awaitHuman(input, ports),
});
