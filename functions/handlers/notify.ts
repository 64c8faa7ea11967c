import { z } from 'zod';
import { notifyStep } from '../core/workflow/notify';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const notifyInvoiceStep = defineStep(
  'Notify',
  z.object({ invoiceId: z.string().min(1) }),
  ({ invoiceId }, ports) =>
    notifyStep(invoiceId, { ...ports, financeTeamEmail: ports.settings.financeTeamEmail }),
);

export const handler = lambdaEntry(notifyInvoiceStep.create, awsPorts);
