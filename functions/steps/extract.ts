import * as z from 'zod';
import { extractStep } from '../core/workflow/extract-invoice';
import { defineStep } from './define';

export const step = defineStep({
  name: 'Extract',
  description: 'Reads the invoice: e-invoice XML, PDF text or OCR',
  input: z.object({ invoiceId: z.string().min(1) }),
  uses: { documents: 'readWrite', invoices: 'readWrite', audit: 'append', pdf: 'use', ocr: 'use' },
  sizing: { memoryMb: 1536, timeoutSeconds: 600 },
  run: ({ invoiceId }, ports) => extractStep(invoiceId, ports),
});
