import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import { InvalidStepInputError, stepHandler } from '../../functions/handlers/lambda';
import { step as checkInvoiceStep } from '../../functions/steps/check';
import type { AnyStep } from '../../functions/steps/define';
import { step as quarantineStep } from '../../functions/steps/quarantine';
import { step as recordOutcomeStep } from '../../functions/steps/record-outcome';
import { lambdaContext } from '../../local/lambda-runtime';
import { fixedClock, MemoryAudit, MemoryDocuments, MemoryInvoices } from '../support/memory-stores';

/** Handlers only wire: they validate the event, call the core with ports and let typed errors through. */

const logger = new Logger({ logLevel: 'SILENT' });
const handlerOf = (step: AnyStep, p: ReturnType<typeof ports>) => stepHandler(step, p, logger);

function ports() {
  return {
    settings: { policy: parsePolicyConfig({}), financeTeamEmail: 'ap@test.example' },
    logger,
    clock: fixedClock(),
    documents: new MemoryDocuments(),
    invoices: new MemoryInvoices(),
    audit: new MemoryAudit(),
  };
}

describe('step handlers', () => {
  it('refuse an event that does not match the step schema, naming the field', async () => {
    const handler = handlerOf(checkInvoiceStep, ports());
    await expect(handler({ invoice: 'x' }, lambdaContext('Check'))).rejects.toBeInstanceOf(
      InvalidStepInputError,
    );
    await expect(handler({}, lambdaContext('Check'))).rejects.toThrow(/invoiceId/);
  });

  it('put the typed error code in front of the message for Quarantine to read', async () => {
    const handler = handlerOf(recordOutcomeStep, ports());
    const error = await handler(
      { invoiceId: 'missing', outcome: 'AUTO_APPROVED' },
      lambdaContext('RecordOutcome'),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('NotFoundError');
    expect((error as Error).message).toMatch(/^\[NOT_FOUND\] /);
  });

  it('quarantine a mail-level failure as its own record', async () => {
    const p = ports();
    await p.documents.put('raw/1', 'From: a@example.org\r\nSubject: hi\r\n\r\nno attachment');
    const result = await handlerOf(quarantineStep, p)(
      {
        mailId: 'm9',
        bucket: 'b',
        key: 'raw/1',
        receivedAt: '2026-11-24T10:00:00Z',
        error: {
          Error: 'NoInvoiceDocumentError',
          Cause: '{"errorMessage":"[NO_INVOICE_DOCUMENT] The mail has no attachment"}',
        },
      },
      lambdaContext('Quarantine'),
    );
    expect(result).toEqual({ invoiceId: 'm9-0', code: 'NO_INVOICE_DOCUMENT' });
    const record = await p.invoices.get('m9-0');
    expect(record?.status).toBe('QUARANTINED');
    expect(record?.mail.subject).toBe('hi');
  });
});
