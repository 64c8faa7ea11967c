import { z } from 'zod';
import { startForStoredMail } from '../core/workflow/start-processing';
import { awsPorts } from './lib/aws-ports';
import { defineStep, lambdaEntry } from './lib/step';

/** EventBridge "Object Created" from the intake bucket. */
const objectCreated = z.object({
  time: z.string(),
  detail: z.object({ bucket: z.object({ name: z.string() }), object: z.object({ key: z.string() }) }),
});

export const startProcessingStep = defineStep('StartProcessing', objectCreated, (event, ports) =>
  startForStoredMail(
    // EventBridge delivers keys URL-encoded like S3 notifications do.
    {
      bucket: event.detail.bucket.name,
      key: decodeURIComponent(event.detail.object.key.replace(/\+/g, ' ')),
      receivedAt: event.time,
    },
    ports.workflow,
  ),
);

export const handler = lambdaEntry(startProcessingStep.create, awsPorts);
