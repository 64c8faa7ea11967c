import { z } from 'zod';
import { awaitHuman } from '../core/approval/await-human';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

/** Payload of the waitForTaskToken states (RequestApproval, AwaitAfterReminder, AwaitDeputy, RequestClarification). */
const awaitHumanInput = z.object({
  invoiceId: z.string().min(1),
  taskToken: z.string().min(1).max(8192),
  kind: z.enum(['approval', 'clarification']),
  stage: z.enum(['initial', 'reminded', 'escalated']),
  round: z.coerce.number().int().min(1).max(5).default(1),
});

export const awaitHumanStep = defineStep('AwaitHuman', awaitHumanInput, (input, ports) =>
  awaitHuman(input, ports),
);

export const handler = lambdaEntry(awaitHumanStep.create, awsPorts);
