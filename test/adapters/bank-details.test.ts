import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../functions/adapters/aws/dynamo-audit-log';
import { DynamoBankDetails } from '../../functions/adapters/aws/dynamo-bank-details';
import { DynamoMasterData } from '../../functions/adapters/aws/dynamo-master-data';
import {
  LOCAL_TABLE_NAMES,
  type LocalDynamo,
  startLocalDynamo,
} from '../../functions/adapters/local/dynalite';
import {
  bankCaseFor,
  decideBankDetails,
  InvalidBankDecisionError,
  twoPeopleApproved,
} from '../../functions/core/bankdetails/verify';
import type { Vendor } from '../../functions/core/masterdata/types';
import { fixedClock } from '../support/memory-stores';

/** Bank details need a second person: the rules as conditional writes on dynalite. */

let dynamo: LocalDynamo;
let bank: DynamoBankDetails;
let masterData: DynamoMasterData;
let audit: DynamoAuditLog;
let n = 0;
const OLD_IBAN = 'DE89370400440532013000';
const NEW_IBAN = 'DE34760100850987654321';

function vendor(): Vendor {
  n += 1;
  return {
    vendorId: `V-bank-${n}`,
    name: 'Muster Bürobedarf GmbH',
    vatId: `DE81190${String(7980 + n).padStart(4, '0')}`,
    ibans: [OLD_IBAN],
    emailDomains: ['muster.de'],
    requiresPo: false,
  };
}

async function openCase(v: Vendor, invoiceId = `inv-${v.vendorId}`) {
  await masterData.upsert({ vendors: [v], purchaseOrders: [], goodsReceipts: [], approvers: [] });
  const bankCase = bankCaseFor(
    invoiceId,
    { payment: { accounts: [{ iban: NEW_IBAN }] } },
    v,
    '2026-12-01T09:00:00.000Z',
  );
  return bank.open(bankCase!);
}

const deps = () => ({ bankDetails: bank, audit, clock: fixedClock('2026-12-02T10:00:00.000Z') });

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  bank = new DynamoBankDetails(dynamo.client, LOCAL_TABLE_NAMES.masterData);
  masterData = new DynamoMasterData(dynamo.client, LOCAL_TABLE_NAMES.masterData);
  audit = new DynamoAuditLog(dynamo.client, LOCAL_TABLE_NAMES.audit);
}, 60_000);

afterAll(async () => {
  await dynamo?.close();
});

describe('bank-details verification (dynalite)', () => {
  it('refuses the approver as verifier; another person confirms, and the vendor master keeps who, when and how', async () => {
    // Prepare
    const v = vendor();
    const opened = await openCase(v);
    expect(opened).toMatchObject({ status: 'PENDING', ibans: [NEW_IBAN], knownIbans: [OLD_IBAN] });
    expect((await bank.addApprover(opened.invoiceId, 'Anna.Berg@firma.de')).ok).toBe(true);

    // Act
    const same = await decideBankDetails(
      { invoiceId: opened.invoiceId, by: 'anna.berg@firma.de', choice: 'verify', method: 'callback' },
      deps(),
    );
    const other = await decideBankDetails(
      { invoiceId: opened.invoiceId, by: 'frieda.lang@firma.de', choice: 'verify', method: 'callback' },
      deps(),
    );
    const late = await decideBankDetails(
      { invoiceId: opened.invoiceId, by: 'ben.koch@firma.de', choice: 'reject', note: 'zu spät' },
      deps(),
    );

    // Assess
    expect(same).toMatchObject({ recorded: false, reason: 'approver' });
    expect(other).toMatchObject({ recorded: true, bankCase: { status: 'VERIFIED' } });
    expect(late).toMatchObject({ recorded: false, reason: 'decided' });
    const stored = await masterData.getVendor(v.vendorId);
    expect(stored?.ibans).toEqual([NEW_IBAN, OLD_IBAN]);
    expect((await masterData.findVendorsByIban(NEW_IBAN)).map((x) => x.vendorId)).toContain(v.vendorId);
    expect(await bank.history(v.vendorId)).toEqual([
      {
        iban: NEW_IBAN,
        status: 'verified',
        by: 'frieda.lang@firma.de',
        at: '2026-12-02T10:00:00.000Z',
        method: 'callback',
        invoiceId: opened.invoiceId,
        previousIbans: [OLD_IBAN],
      },
    ]);
    const events = await audit.list(opened.invoiceId);
    expect(events.map((e) => [e.type, e.actor])).toEqual([['bank_details.verified', 'frieda.lang@firma.de']]);
    expect(JSON.stringify(events)).not.toContain(NEW_IBAN);
    // A master data import without the new account keeps it: it was confirmed by a second person.
    await masterData.upsert({ vendors: [v], purchaseOrders: [], goodsReceipts: [], approvers: [] });
    expect((await masterData.getVendor(v.vendorId))?.ibans).toEqual([NEW_IBAN, OLD_IBAN]);
  });

  it('a rejection keeps the vendor master as it was and is audited with the person as actor', async () => {
    // Prepare
    const v = vendor();
    const opened = await openCase(v);

    // Act
    const rejected = await decideBankDetails(
      {
        invoiceId: opened.invoiceId,
        by: 'frieda.lang@firma.de',
        choice: 'reject',
        note: 'Rückruf: Lieferant kennt das Konto nicht',
      },
      deps(),
    );

    // Assess
    expect(rejected).toMatchObject({ recorded: true, bankCase: { status: 'REJECTED' } });
    expect((await masterData.getVendor(v.vendorId))?.ibans).toEqual([OLD_IBAN]);
    expect((await bank.history(v.vendorId)).map((c) => c.status)).toEqual(['rejected']);
    expect((await audit.list(opened.invoiceId)).map((e) => [e.type, e.actor])).toEqual([
      ['bank_details.rejected', 'frieda.lang@firma.de'],
    ]);
    // Once decided, the verifier cannot become an approver of the same invoice either.
    expect((await bank.addApprover(opened.invoiceId, 'frieda.lang@firma.de')).ok).toBe(false);
  });

  it('needs a method to confirm (a note for "other") and a reason to reject', async () => {
    // Prepare
    const opened = await openCase(vendor());
    const decide = (input: Record<string, string>) =>
      decideBankDetails(
        { invoiceId: opened.invoiceId, by: 'x@firma.de', choice: 'verify', ...input } as never,
        deps(),
      );

    // Act + Assess
    await expect(decide({})).rejects.toBeInstanceOf(InvalidBankDecisionError);
    await expect(decide({ method: 'email' })).rejects.toBeInstanceOf(InvalidBankDecisionError);
    await expect(decide({ method: 'other' })).rejects.toBeInstanceOf(InvalidBankDecisionError);
    await expect(decide({ choice: 'reject' })).rejects.toBeInstanceOf(InvalidBankDecisionError);
    expect((await bank.get(opened.invoiceId))?.status).toBe('PENDING');
  });

  it('property: whatever the interleaving, nobody both approves an invoice and verifies its bank details', async () => {
    const people = ['anna@firma.de', 'ben@firma.de', 'frieda@firma.de'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ kind: fc.constantFrom('approve', 'verify'), who: fc.constantFrom(...people) }), {
          minLength: 1,
          maxLength: 8,
        }),
        async (actions) => {
          const opened = await openCase(vendor());
          await Promise.all(
            actions.map((a) =>
              a.kind === 'approve'
                ? bank.addApprover(opened.invoiceId, a.who)
                : bank.decide(opened.invoiceId, {
                    choice: 'verify',
                    by: a.who,
                    at: '2026-12-02T10:00:00Z',
                    method: 'callback',
                  }),
            ),
          );
          const final = (await bank.get(opened.invoiceId))!;
          if (final.decision) expect(final.approvers).not.toContain(final.decision.by);
          expect(new Set(final.approvers).size).toBe(final.approvers.length);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the rule of two people for a changed IBAN', () => {
  it('holds with two distinct approvers, or one approver and another person who verified', () => {
    const verified = {
      invoiceId: 'i',
      vendorId: 'v',
      ibans: [NEW_IBAN],
      knownIbans: [OLD_IBAN],
      status: 'VERIFIED' as const,
      openedAt: '',
      approvers: ['anna@firma.de'],
      decision: { choice: 'verify' as const, by: 'frieda@firma.de', at: '', method: 'callback' as const },
    };
    expect(twoPeopleApproved({ approvers: ['anna@firma.de'] })).toBe(false);
    expect(twoPeopleApproved({ approvers: ['anna@firma.de', 'ANNA@firma.de '] })).toBe(false);
    expect(twoPeopleApproved({ approvers: ['anna@firma.de', 'ben@firma.de'] })).toBe(true);
    expect(twoPeopleApproved({ approvers: ['anna@firma.de'], bankCase: verified })).toBe(true);
    expect(
      twoPeopleApproved({
        approvers: ['frieda@firma.de'],
        bankCase: { ...verified, approvers: ['frieda@firma.de'] },
      }),
    ).toBe(false);
  });
});
