import type { CompanyConfig } from '../config/company';
import { NotFoundError } from '../errors';
import type { PolicyConfig } from '../policy/config';
import type { Route } from '../policy/decide';
import type { InvoiceClaims } from '../ports/claims';
import type { InvoiceHistory } from '../ports/history';
import type { PoLedgerStore } from '../ports/ledger';
import type { MasterDataRepository } from '../ports/masterdata';
import type { Clock } from '../ports/messaging';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { InvoiceMatch } from '../records';
import { assessInvoice } from './assess-invoice';
import { loadExtracted, loadRecord } from './invoice-records';
import { findOriginal } from './rendition';

interface Deps {
  documents: Parameters<typeof loadExtracted>[0];
  invoices: InvoiceRepository;
  audit: AuditLog;
  masterData: MasterDataRepository;
  history: InvoiceHistory;
  claims: InvoiceClaims;
  ledger: PoLedgerStore;
  clock: Clock;
  policy: PolicyConfig;
  financeTeamEmail: string;
  /** The intake stamps mail verdicts (SES in AWS): a mail without them is not authenticated. */
  mailVerdictsRequired?: boolean;
  /** Who we are: the invoice's buyer must be this company (BUYER_MISMATCH otherwise). */
  company?: CompanyConfig;
}

export interface CheckStepResult {
  route: Route;
  reasons: string[];
  holds: string[];
}

/**
 * Check: runs the deterministic checks and the decision policy on the extracted invoice and records
 * both. Also runs again after a clarification (RECHECK), with the master data as it is then.
 */
export async function checkStep(invoiceId: string, deps: Deps): Promise<CheckStepResult> {
  const record = await loadRecord(deps.invoices, invoiceId);
  if (!record.document) throw new NotFoundError(`Invoice ${invoiceId} has no document`);
  const { invoice, validation, findings } = await loadExtracted(deps.documents, invoiceId);

  const now = deps.clock.now().toISOString();
  const renditionOf = await findOriginal(record, invoice, deps);
  const { outcome, decision, duplicateOf } = await assessInvoice(
    {
      invoiceId,
      invoice,
      document: { sha256: record.document.sha256, fileName: record.document.fileName },
      mail: {
        from: record.mail.from,
        senderDomain: record.mail.senderDomain,
        authentication: record.mail.authentication,
        verdictsRequired: deps.mailVerdictsRequired ?? false,
      },
      ...(validation && { validation }),
      ...(findings && { findings }),
      ...(deps.company && { company: deps.company }),
      receivedAt: record.receivedAt,
    },
    deps,
    deps.policy,
    {
      approvers: await deps.masterData.listApprovers(),
      financeTeamEmail: deps.financeTeamEmail,
      at: now,
      ...(renditionOf && { renditionOf }),
    },
  );

  const { context } = outcome;
  const match: InvoiceMatch = {
    vendorId: context.vendor?.vendorId,
    vendorName: context.vendor?.name,
    vendorMatchedBy: context.vendorMatchedBy,
    poNumber: context.purchaseOrder?.poNumber,
    poMatched: context.poMatched,
    costCenter: context.costCenter,
    glAccount: context.glAccount,
    requesterEmail: context.requesterEmail,
  };
  await deps.invoices.update(invoiceId, {
    status: 'CHECKED',
    updatedAt: now,
    // The history's vendor key and normalised number: later invoices find this one as a duplicate.
    vendorId: context.historyVendorKey,
    normalizedNumber: context.normalizedNumber,
    checks: outcome.checks,
    decision,
    match,
    ...(duplicateOf && { duplicateOf }),
  });

  const failing = outcome.checks.filter((c) => c.status === 'fail');
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'checks.completed',
    actor: 'rules:checks',
    step: 'Check',
    summary: `${outcome.checks.length} checks, ${failing.length} failed${failing.length ? `: ${[...new Set(failing.map((c) => c.code))].join(', ')}` : ''}`,
    inputs: {
      sha256: record.document.sha256,
      extractedKey: record.extractedKey,
      vendorId: context.vendor?.vendorId,
      poNumber: context.purchaseOrder?.poNumber,
    },
    details: { failed: failing.map((c) => ({ id: c.id, code: c.code, evidence: c.evidence })) },
  });
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'decision.made',
    actor: `policy:${decision.policyVersion}`,
    step: 'Check',
    summary: `Route ${decision.route}${decision.reasons.length ? ` (${decision.reasons.map((r) => r.code).join(', ')})` : ''}`,
    inputs: {
      gross: context.amount.gross,
      currency: context.amount.currency,
      autonomyLevel: decision.autonomyLevel,
      failedChecks: failing.map((c) => c.id),
    },
    details: { approvers: decision.approvers, holds: decision.holds, clarification: decision.clarification },
  });
  return { route: decision.route, reasons: decision.reasons.map((r) => r.code), holds: decision.holds };
}
