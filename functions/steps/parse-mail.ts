import * as z from 'zod';
import { receiveMail } from '../core/workflow/receive-mail';
import { defineStep } from './define';

export const step = defineStep({
  name: 'ParseMail',
  description: 'Reads the raw mail, its verdicts and attachments',
  input: z.object({
    mailId: z.string().min(1),
    bucket: z.string(),
    key: z.string().min(1),
    receivedAt: z.string(),
  }),
  uses: { documents: 'readWrite', invoices: 'readWrite', audit: 'append' },
  run: (input, ports) => receiveMail(input, ports),
});
