import { z } from 'zod';
import { escalate } from '../core/approval/escalate';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

const escalateInput = z.object({
  invoiceId: z.string().min(1),
  action: z.enum(['remind', 'escalate', 'park']),
});

export const escalateStep = defineStep('Escalate', escalateInput, (input, ports) => escalate(input, ports));

export const handler = lambdaEntry(escalateStep.create, awsPorts);
