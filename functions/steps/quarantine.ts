import * as z from 'zod';
import { quarantineInvoice, quarantineMail } from '../core/workflow/quarantine';
import { defineStep } from './define';

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

export const step = defineStep({
  name: 'Quarantine',
  description: 'Keeps an unprocessable invoice with its reason for a person',
  input: z.union([invoiceFailure, mailFailure]),
  uses: { documents: 'read', invoices: 'readWrite', ledger: 'readWrite', audit: 'append' },
  settings: ['policy'],
  run: (input, { settings, ...ports }) => {
    const deps = { ...ports, ...settings };
    return 'invoiceId' in input && typeof input.invoiceId === 'string'
      ? quarantineInvoice(input.invoiceId, input.error, deps)
      : quarantineMail(input as z.infer<typeof mailFailure>, input.error, deps);
  },
});
