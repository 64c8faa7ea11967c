import { z } from 'zod';
import { receiveMail } from '../core/workflow/receive-mail';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

export const parseMailStep = defineStep(
  'ParseMail',
  z.object({ mailId: z.string().min(1), bucket: z.string(), key: z.string().min(1), receivedAt: z.string() }),
  (input, ports) => receiveMail(input, ports),
);

export const handler = lambdaEntry(parseMailStep.create, awsPorts);
