import { settlePurchaseOrder } from '../checks/po-ledger';
import { InvoiceError } from '../errors';
import type { InvoiceStatus } from '../invoice/status';
import type { PoLedgerStore } from '../ports/ledger';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import { loadRecord } from './invoice-records';

export type PolicyOutcome = 'AUTO_APPROVED' | 'REJECTED_BY_POLICY';

/** The workflow asked for an outcome the recorded decision does not allow. */
export class OutcomeNotAllowedError extends InvoiceError {
  constructor(message: string) {
    super('OUTCOME_NOT_ALLOWED', message);
  }
}

const EXPECTED_ROUTE: Record<PolicyOutcome, string> = {
  AUTO_APPROVED: 'AUTO_APPROVE',
  REJECTED_BY_POLICY: 'REJECT',
};
const STATUS: Record<PolicyOutcome, InvoiceStatus> = {
  AUTO_APPROVED: 'APPROVED',
  REJECTED_BY_POLICY: 'REJECTED',
};

/**
 * AutoApprove / Reject: records the policy's own outcome. Re-checks the recorded decision first, so a
 * held invoice can never be approved by a wiring mistake (defence in depth). Books (approval) or
 * releases (rejection) the invoice's share of its purchase order.
 */
export async function recordPolicyOutcome(
  invoiceId: string,
  outcome: PolicyOutcome,
  deps: { invoices: InvoiceRepository; audit: AuditLog; clock: Clock; ledger: PoLedgerStore },
): Promise<{ status: InvoiceStatus }> {
  const record = await loadRecord(deps.invoices, invoiceId);
  const decision = record.decision;
  if (!decision || decision.route !== EXPECTED_ROUTE[outcome]) {
    throw new OutcomeNotAllowedError(
      `${outcome} needs route ${EXPECTED_ROUTE[outcome]}, but invoice ${invoiceId} has ${decision?.route ?? 'no decision'}`,
    );
  }
  if (outcome === 'AUTO_APPROVED' && decision.holds.length > 0) {
    throw new OutcomeNotAllowedError(
      `Invoice ${invoiceId} has holds (${decision.holds.join(', ')}); never auto-approved`,
    );
  }
  const status = STATUS[outcome];
  const now = deps.clock.now().toISOString();
  if (record.status === status) {
    // A retry after the status was written: the ledger may still lack the booking.
    await settlePurchaseOrder(deps.ledger, record, status, now);
    return { status };
  }
  const decidedBy = `policy:${decision.policyVersion}`;
  await deps.invoices.update(
    invoiceId,
    {
      status,
      updatedAt: now,
      decidedAt: now,
      outcome: { status, decidedBy, decidedAt: now, coding: record.reasoning?.coding },
    },
    { expectStatus: ['CHECKED'] },
  );
  await deps.audit.append({
    invoiceId,
    at: now,
    type: outcome === 'AUTO_APPROVED' ? 'invoice.auto-approved' : 'invoice.rejected',
    actor: decidedBy,
    step: outcome === 'AUTO_APPROVED' ? 'AutoApprove' : 'Reject',
    summary:
      outcome === 'AUTO_APPROVED'
        ? `Approved by policy at autonomy level ${decision.autonomyLevel}: all checks passed, amount within the limit`
        : `Rejected by policy: ${decision.reasons.map((r) => r.code).join(', ')}`,
    inputs: { route: decision.route, reasons: decision.reasons.map((r) => r.code), gross: record.gross },
  });
  await settlePurchaseOrder(deps.ledger, record, status, now);
  return { status };
}
