import { z } from 'zod';
import { recordPolicyOutcome } from '../core/workflow/record-outcome';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const recordOutcomeStep = defineStep(
  'RecordOutcome',
  z.object({ invoiceId: z.string().min(1), outcome: z.enum(['AUTO_APPROVED', 'REJECTED_BY_POLICY']) }),
  ({ invoiceId, outcome }, ports) => recordPolicyOutcome(invoiceId, outcome, ports),
);

export const handler = lambdaEntry(recordOutcomeStep.create, awsPorts);
