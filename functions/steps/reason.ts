import * as z from 'zod';
import { reasonStep } from '../core/workflow/reason-invoice';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Reason',
  description: 'Explains and codes the invoice (Bedrock in AWS; advisory only)',
  input: z.object({ invoiceId: z.string().min(1) }),
  uses: { documents: 'read', invoices: 'readWrite', masterData: 'read', audit: 'append', reasoner: 'invoke' },
  sizing: { timeoutSeconds: 120 },
  run: ({ invoiceId }, ports) => reasonStep(invoiceId, ports),
});
