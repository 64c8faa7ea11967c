import * as z from 'zod';
import { archiveStep } from '../core/workflow/archive-invoice';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Archive',
  description: 'Copies the original into the write-once archive',
  input: z.object({ invoiceId: z.string().min(1) }),
  uses: { documents: 'read', archive: 'write', invoices: 'readWrite', audit: 'append' },
  settings: ['archiveRetentionYears'],
  run: ({ invoiceId }, { settings, ...ports }) =>
    archiveStep(invoiceId, { ...ports, retainYears: settings.archiveRetentionYears }),
});
