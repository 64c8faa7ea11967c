import { describe, expect, it } from 'vitest';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import type { InvoiceRecord } from '../../functions/core/records';
import { archiveStep } from '../../functions/core/workflow/archive-invoice';
import { checkStep } from '../../functions/core/workflow/check-invoice';
import { extractedKey } from '../../functions/core/workflow/invoice-records';
import { notifyStep } from '../../functions/core/workflow/notify';
import { quarantineCause, quarantineInvoice } from '../../functions/core/workflow/quarantine';
import { OutcomeNotAllowedError, recordPolicyOutcome } from '../../functions/core/workflow/record-outcome';
import { startForStoredMail } from '../../functions/core/workflow/start-processing';
import { sampleInvoice } from '../../samples/einvoice-writer';
import { createWorld } from '../scenarios/runner';
import {
  fixedClock,
  MemoryArchive,
  MemoryAudit,
  MemoryDocuments,
  MemoryInvoices,
  MemoryMailer,
} from '../support/memory-stores';

const policy = parsePolicyConfig({});

function received(id: string, overrides: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return {
    id,
    status: 'EXTRACTED',
    receivedAt: '2026-11-24T09:00:00.000Z',
    updatedAt: '2026-11-24T09:00:00.000Z',
    mail: {
      mailId: 'm1',
      from: 'buchhaltung@muster-buerobedarf.de',
      senderDomain: 'muster-buerobedarf.de',
      subject: 'Rechnung',
      receivedAt: '2026-11-24T09:00:00.000Z',
      rawKey: 'raw/1',
      authentication: {},
    },
    document: {
      key: `attachments/${id}/a.xml`,
      fileName: 'a.xml',
      contentType: 'application/xml',
      sha256: 'ab'.repeat(32),
      size: 10,
    },
    extractedKey: extractedKey(id),
    ...overrides,
  };
}

async function world() {
  const { masterData, history, claims, ledger } = createWorld();
  const deps = {
    documents: new MemoryDocuments(),
    archive: new MemoryArchive(),
    invoices: new MemoryInvoices(),
    audit: new MemoryAudit(),
    mailer: new MemoryMailer(),
    clock: fixedClock(),
    masterData,
    history,
    claims,
    ledger,
    policy,
    financeTeamEmail: 'ap@holzmann.test',
  };
  return deps;
}

describe('Check step', () => {
  it('records checks, the decision, the vendor key and an audit entry per decision', async () => {
    const deps = await world();
    const invoice = sampleInvoice({
      invoiceNumber: 'RE-0042',
      issueDate: '2026-11-20',
      purchaseOrderReference: undefined,
    });
    await deps.invoices.create(received('m1-1'));
    await deps.documents.put(extractedKey('m1-1'), JSON.stringify({ invoice, warnings: [] }));

    const result = await checkStep('m1-1', deps);

    const record = await deps.invoices.get('m1-1');
    expect(record?.status).toBe('CHECKED');
    expect(record?.decision?.route).toBe(result.route);
    expect(record?.decision?.policyVersion).toBe(policy.policyVersion);
    expect(record?.vendorId).toBe('V100');
    expect(record?.normalizedNumber).toBe('RE42');
    expect(record?.match?.vendorName).toBe('Muster Bürobedarf GmbH');
    expect(record?.checks?.length).toBeGreaterThan(5);
    const decision = deps.audit.events.find((e) => e.type === 'decision.made');
    expect(decision?.actor).toBe(`policy:${policy.policyVersion}`);
    expect(decision?.summary).toContain(result.route);
  });
});

describe('AutoApprove / Reject', () => {
  it('never auto-approves a record whose decision holds it', async () => {
    const deps = await world();
    await deps.invoices.create(
      received('m1-1', {
        status: 'CHECKED',
        decision: {
          route: 'AUTO_APPROVE',
          reasons: [],
          policyVersion: 'p1',
          autonomyLevel: 1,
          holds: ['IBAN_MISMATCH'],
          requiresTypedAmount: false,
        },
      }),
    );
    await expect(recordPolicyOutcome('m1-1', 'AUTO_APPROVED', deps)).rejects.toBeInstanceOf(
      OutcomeNotAllowedError,
    );
    expect((await deps.invoices.get('m1-1'))?.status).toBe('CHECKED');
  });

  it('refuses an outcome that does not match the recorded route', async () => {
    const deps = await world();
    await deps.invoices.create(
      received('m1-1', {
        status: 'CHECKED',
        decision: {
          route: 'APPROVE',
          reasons: [],
          policyVersion: 'p1',
          autonomyLevel: 1,
          holds: [],
          requiresTypedAmount: false,
        },
      }),
    );
    await expect(recordPolicyOutcome('m1-1', 'AUTO_APPROVED', deps)).rejects.toThrow(
      /needs route AUTO_APPROVE/,
    );
  });

  it('records the policy as the decider of an auto-approval', async () => {
    const deps = await world();
    await deps.invoices.create(
      received('m1-1', {
        status: 'CHECKED',
        decision: {
          route: 'AUTO_APPROVE',
          reasons: [],
          policyVersion: 'p1',
          autonomyLevel: 1,
          holds: [],
          requiresTypedAmount: false,
        },
      }),
    );
    await recordPolicyOutcome('m1-1', 'AUTO_APPROVED', deps);
    const record = await deps.invoices.get('m1-1');
    expect(record?.status).toBe('APPROVED');
    expect(record?.outcome).toMatchObject({ decidedBy: 'policy:p1', status: 'APPROVED' });
  });
});

describe('Quarantine', () => {
  it('reads the code from a Lambda error cause', () => {
    const cause = JSON.stringify({
      errorType: 'UnreadableDocumentError',
      errorMessage: '[NEEDS_OCR] no text layer',
    });
    expect(quarantineCause({ Error: 'UnreadableDocumentError', Cause: cause })).toEqual({
      code: 'NEEDS_OCR',
      reason: 'no text layer',
    });
    expect(quarantineCause({ Error: 'States.Timeout', Cause: 'Task timed out' })).toEqual({
      code: 'TIMEOUT',
      reason: 'Task timed out',
    });
    expect(quarantineCause({ Error: 'Error', Cause: '{"errorMessage":"boom"}' })).toEqual({
      code: 'PROCESSING_FAILED',
      reason: 'boom',
    });
  });

  it('keeps the invoice with reason, step and an UNREADABLE decision when extraction failed', async () => {
    const deps = await world();
    await deps.invoices.create(received('m1-1', { status: 'RECEIVED' }));
    await quarantineInvoice(
      'm1-1',
      { Error: 'UnreadableDocumentError', Cause: '{"errorMessage":"[NEEDS_OCR] scan"}' },
      deps,
    );
    const record = await deps.invoices.get('m1-1');
    expect(record?.status).toBe('QUARANTINED');
    expect(record?.quarantine).toMatchObject({ code: 'NEEDS_OCR', reason: 'scan', step: 'Extract' });
    expect(record?.decision?.route).toBe('QUARANTINE');
    expect(record?.decision?.reasons.map((r) => r.code)).toEqual(['UNREADABLE']);
    expect(record?.document).toBeDefined();
  });
});

describe('Archive and Notify', () => {
  it('archives original, extraction and record write-once, and a retry changes nothing', async () => {
    const deps = await world();
    await deps.invoices.create(received('m1-1', { status: 'APPROVED' }));
    await deps.documents.put('attachments/m1-1/a.xml', '<Invoice/>');
    await deps.documents.put(extractedKey('m1-1'), '{}');
    const first = await archiveStep('m1-1', { ...deps, retainYears: 8 });
    expect([...deps.archive.objects.keys()]).toEqual([
      `${first.archiveKey}/original/a.xml`,
      `${first.archiveKey}/extracted.json`,
      `${first.archiveKey}/record.json`,
    ]);
    // As if the first run stored the objects but failed before recording the key.
    delete deps.invoices.records.get('m1-1')?.archiveKey;
    await expect(archiveStep('m1-1', { ...deps, retainYears: 8 })).resolves.toEqual(first);
  });

  it('refuses to archive an undecided invoice', async () => {
    const deps = await world();
    await deps.invoices.create(received('m1-1', { status: 'AWAITING_APPROVAL' }));
    await expect(archiveStep('m1-1', { ...deps, retainYears: 8 })).rejects.toThrow(/only decided invoices/);
  });

  it('tells the finance team the outcome with the reasons', async () => {
    const deps = await world();
    await deps.invoices.create(
      received('m1-1', {
        status: 'QUARANTINED',
        quarantine: { code: 'NEEDS_OCR', reason: 'scan', step: 'Extract', at: 'x' },
      }),
    );
    await notifyStep('m1-1', deps);
    expect(deps.mailer.sent).toHaveLength(1);
    expect(deps.mailer.sent[0]?.to).toEqual(['ap@holzmann.test']);
    expect(deps.mailer.sent[0]?.text).toContain('NEEDS_OCR: scan');
  });
});

describe('StartProcessing', () => {
  it('derives the execution name from the object key, so a redelivery maps to the same execution', async () => {
    const names: string[] = [];
    const workflow = {
      start: async (name: string) => {
        names.push(name);
        return { started: names.length === 1, executionId: name };
      },
    };
    const object = { bucket: 'intake', key: 'raw/abc', receivedAt: '2026-11-24T10:00:00Z' };
    await startForStoredMail(object, workflow);
    await startForStoredMail(object, workflow);
    expect(names[0]).toBe(names[1]);
    expect(names[0]).toMatch(/^mail-[0-9a-f]{20}$/);
    expect(await startForStoredMail({ ...object, key: 'attachments/x' }, workflow)).toHaveProperty('skipped');
  });
});
