import * as z from 'zod';
import { checkStep } from '../core/workflow/check-invoice';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Check',
  description: 'Validates, checks against master data and decides the route',
  input: z.object({ invoiceId: z.string().min(1) }),
  uses: {
    documents: 'read',
    invoices: 'readWrite',
    history: 'read',
    masterData: 'read',
    claims: 'claim',
    ledger: 'readWrite',
    audit: 'append',
  },
  settings: ['policy', 'financeTeamEmail', 'mailVerdictsRequired', 'company'],
  sizing: { memoryMb: 1024 },
  run: ({ invoiceId }, { settings, ...ports }) => checkStep(invoiceId, { ...ports, ...settings }),
});
