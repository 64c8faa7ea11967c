import { z } from 'zod';
import { checkStep } from '../core/workflow/check-invoice';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const checkInvoiceStep = defineStep(
  'Check',
  z.object({ invoiceId: z.string().min(1) }),
  ({ invoiceId }, ports) =>
    checkStep(invoiceId, {
      ...ports,
      policy: ports.settings.policy,
      financeTeamEmail: ports.settings.financeTeamEmail,
    }),
);

export const handler = lambdaEntry(checkInvoiceStep.create, awsPorts);
