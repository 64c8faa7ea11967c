import { z } from 'zod';
import { reasonStep } from '../core/workflow/reason-invoice';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const reasonInvoiceStep = defineStep(
  'Reason',
  z.object({ invoiceId: z.string().min(1) }),
  ({ invoiceId }, ports) => reasonStep(invoiceId, ports),
);

export const handler = lambdaEntry(reasonInvoiceStep.create, awsPorts);
