import { InvoiceError } from '../errors';
import type { MasterDataRepository } from '../ports/masterdata';
import type { Clock } from '../ports/messaging';
import type { Reasoner } from '../ports/reasoner';
import type { AuditLog, InvoiceRepository } from '../ports/records';
import type { Coding } from '../records';
import { loadExtracted, loadRecord } from './invoice-records';

interface Deps {
  documents: Parameters<typeof loadExtracted>[0];
  invoices: InvoiceRepository;
  audit: AuditLog;
  masterData: MasterDataRepository;
  reasoner: Reasoner;
  clock: Clock;
}

/** Reason ran before the decision existed (a wiring error). */
export class NotCheckedError extends InvoiceError {
  constructor(invoiceId: string) {
    super('NOT_CHECKED', `Invoice ${invoiceId} has no decision yet; Reason runs after Check`);
  }
}

/**
 * Reason: asks the reasoner (Bedrock in AWS, rules locally) to explain the decided route and to
 * propose the coding. It advises only: the route stays the policy's.
 */
export async function reasonStep(
  invoiceId: string,
  deps: Deps,
): Promise<{ engine: string; recommendation: string }> {
  const record = await loadRecord(deps.invoices, invoiceId);
  if (!record.decision) throw new NotCheckedError(invoiceId);
  const { invoice } = await loadExtracted(deps.documents, invoiceId);
  const vendor = record.match?.vendorId ? await deps.masterData.getVendor(record.match.vendorId) : undefined;
  const allVendors = await deps.masterData.listVendors();
  const defaultCoding: Coding = {
    glAccount: record.match?.glAccount ?? vendor?.glAccount,
    costCenter: record.match?.costCenter ?? vendor?.costCenter,
  };
  const reasoning = await deps.reasoner.reason({
    invoice,
    decision: record.decision,
    checks: (record.checks ?? []).map((c) => ({
      id: c.id,
      status: c.status,
      code: c.code,
      message: c.message,
    })),
    vendor: vendor && { id: vendor.vendorId, name: vendor.name, defaultCoding },
    allowedCoding: {
      glAccounts: unique(allVendors.map((v) => v.glAccount)),
      costCenters: unique([...allVendors.map((v) => v.costCenter), record.match?.costCenter]),
    },
  });
  const now = deps.clock.now().toISOString();
  await deps.invoices.update(invoiceId, { reasoning, updatedAt: now });
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'reasoning.completed',
    actor: reasoning.engine,
    step: 'Reason',
    summary: `Recommends ${reasoning.recommendation} (route ${record.decision.route} stays as decided by policy)`,
    inputs: { route: record.decision.route, reasons: record.decision.reasons.map((r) => r.code) },
    details: { coding: reasoning.coding, confidence: reasoning.confidence },
  });
  return { engine: reasoning.engine, recommendation: reasoning.recommendation };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
}
