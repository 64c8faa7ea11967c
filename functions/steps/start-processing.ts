import * as z from 'zod';
import { startForStoredMail } from '../core/workflow/start-processing';
import { defineStep } from './define';

/** EventBridge "Object Created" from the intake bucket (the local SMTP intake sends the same event). */
const objectCreated = z.object({
  time: z.string(),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});

export const step = defineStep({
  name: 'StartProcessing',
  description: 'Starts one execution per stored mail; the name is derived from the object key',
  trigger: 'event',
  input: objectCreated,
  uses: { workflow: 'start' },
  run: (event, ports) =>
    startForStoredMail(
      {
        bucket: event.detail.bucket.name,
        // EventBridge delivers keys URL-encoded like S3 notifications do.
        key: decodeURIComponent(event.detail.object.key.replace(/\+/g, ' ')),
        receivedAt: event.time,
      },
      ports.workflow,
    ),
});
