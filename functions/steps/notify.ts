import * as z from 'zod';
import { notifyStep } from '../core/workflow/notify';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Notify',
  description: 'Tells finance the outcome',
  input: z.object({ invoiceId: z.string().min(1) }),
  uses: { documents: 'read', invoices: 'read', audit: 'append', mailer: 'send' },
  settings: ['financeTeamEmail'],
  run: ({ invoiceId }, { settings, ...ports }) => notifyStep(invoiceId, { ...ports, ...settings }),
});
