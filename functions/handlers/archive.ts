import { z } from 'zod';
import { archiveStep } from '../core/workflow/archive-invoice';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const archiveInvoiceStep = defineStep(
  'Archive',
  z.object({ invoiceId: z.string().min(1) }),
  ({ invoiceId }, ports) =>
    archiveStep(invoiceId, { ...ports, retainYears: ports.settings.archiveRetentionYears }),
);

export const handler = lambdaEntry(archiveInvoiceStep.create, awsPorts);
