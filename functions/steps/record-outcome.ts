import * as z from 'zod';
import { recordPolicyOutcome } from '../core/workflow/record-outcome';
import { defineStep } from './define';

export const step = defineStep({
  name: 'RecordOutcome',
  description: 'Records a policy outcome (auto-approval, rejection)',
  input: z.object({
    invoiceId: z.string().min(1),
    outcome: z.enum(['AUTO_APPROVED', 'REJECTED_BY_POLICY']),
  }),
  uses: { invoices: 'readWrite', ledger: 'readWrite', audit: 'append' },
  run: ({ invoiceId, outcome }, ports) => recordPolicyOutcome(invoiceId, outcome, ports),
});
