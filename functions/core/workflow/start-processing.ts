import { INTAKE_PREFIXES } from '../config/settings';
import { executionNameForMail, mailIdFromObjectKey } from '../intake/ids';
import type { WorkflowStarter } from '../ports/messaging';
import type { ReceiveMailInput } from './receive-mail';

/**
 * Starts the workflow for a mail SES stored (or the local SMTP intake). The execution name is derived
 * from the object key, so a redelivered event finds the execution already there and starts nothing.
 */
export async function startForStoredMail(
  object: { bucket: string; key: string; receivedAt: string },
  workflow: WorkflowStarter,
): Promise<{ started: boolean; executionId: string; mailId: string } | { skipped: string }> {
  if (!object.key.startsWith(INTAKE_PREFIXES.rawMail)) return { skipped: `not a raw mail: ${object.key}` };
  const mailId = mailIdFromObjectKey(object.bucket, object.key);
  const input: ReceiveMailInput = {
    mailId,
    bucket: object.bucket,
    key: object.key,
    receivedAt: object.receivedAt,
  };
  const result = await workflow.start(executionNameForMail(mailId), input);
  return { ...result, mailId };
}
