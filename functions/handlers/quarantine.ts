import { z } from 'zod';
import { quarantineInvoice, quarantineMail } from '../core/workflow/quarantine';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

const caughtError = z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional();

/** The whole state arrives: a Map item ({invoiceId, error}) or the mail ({mailId, key, error}). */
const invoiceFailure = z.looseObject({ invoiceId: z.string().min(1), error: caughtError });
const mailFailure = z.looseObject({
  mailId: z.string().min(1),
  bucket: z.string(),
  key: z.string().min(1),
  receivedAt: z.string(),
  error: caughtError,
});
const quarantineInput = z.union([invoiceFailure, mailFailure]);

export const quarantineStep = defineStep('Quarantine', quarantineInput, (input, ports) => {
  const deps = { ...ports, policy: ports.settings.policy };
  return typeof input.invoiceId === 'string'
    ? quarantineInvoice(input.invoiceId, input.error, deps)
    : quarantineMail(input as z.infer<typeof mailFailure>, input.error, deps);
});

export const handler = lambdaEntry(quarantineStep.create, awsPorts);
