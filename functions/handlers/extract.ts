import { z } from 'zod';
import { extractStep } from '../core/workflow/extract-invoice';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const extractInvoiceStep = defineStep(
  'Extract',
  z.object({ invoiceId: z.string().min(1) }),
  ({ invoiceId }, ports) => extractStep(invoiceId, ports),
);

export const handler = lambdaEntry(extractInvoiceStep.create, awsPorts);
