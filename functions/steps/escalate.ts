import * as z from 'zod';
import { escalate } from '../core/approval/escalate';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Escalate',
  description: 'Reminds, escalates to the deputy, parks a waiting invoice, or hands over an earlier decision',
  input: z.object({
    invoiceId: z.string().min(1),
    action: z.enum(['remind', 'escalate', 'park', 'deliver']),
  }),
  uses: {
    documents: 'read',
    invoices: 'readWrite',
    approvals: 'readWrite',
    masterData: 'read',
    audit: 'append',
    mailer: 'send',
  },
  settings: ['financeTeamEmail'],
  run: (input, ports) => escalate(input, ports),
});
