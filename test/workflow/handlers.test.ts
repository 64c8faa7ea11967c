import { Logger } from '@aws-lambda-powertools/logger';
import { describe, expect, it } from 'vitest';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import { checkInvoiceStep } from '../../functions/handlers/check';
import type { Ports } from '../../functions/handlers/lib/ports';
import { InvalidStepInputError } from '../../functions/handlers/lib/step';
import { quarantineStep } from '../../functions/handlers/quarantine';
import { recordOutcomeStep } from '../../functions/handlers/record-outcome';
import { lambdaContext } from '../../local/lambda-runtime';
import { fixedClock, MemoryAudit, MemoryDocuments, MemoryInvoices } from '../support/memory-stores';

/** Handlers only wire: they validate the event, call the core with ports and let typed errors through. */

function ports(): Ports {
  return {
    settings: { policy: parsePolicyConfig({}), financeTeamEmail: 'ap@test.example' },
    logger: new Logger({ logLevel: 'SILENT' }),
    clock: fixedClock(),
    documents: new MemoryDocuments(),
    invoices: new MemoryInvoices(),
    audit: new MemoryAudit(),
  } as unknown as Ports;
}

describe('step handlers', () => {
  it('refuse an event that does not match the step schema, naming the field', async () => {
    const handler = checkInvoiceStep.create(ports());
    await expect(handler({ invoice: 'x' }, lambdaContext('Check'))).rejects.toBeInstanceOf(
      InvalidStepInputError,
    );
    await expect(handler({}, lambdaContext('Check'))).rejects.toThrow(/invoiceId/);
  });

  it('put the typed error code in front of the message for Quarantine to read', async () => {
    const handler = recordOutcomeStep.create(ports());
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
    const result = await quarantineStep.create(p)(
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
