import { createHash } from 'node:crypto';
import type { CheckOutcome } from '../../functions/core/checks/types';
import type { InvoiceStatus } from '../../functions/core/invoice/status';
import { normalizeDocumentNumber } from '../../functions/core/masterdata/normalize';
import { parseMasterData } from '../../functions/core/masterdata/parse';
import type { MasterDataError } from '../../functions/core/masterdata/types';
import { parsePolicyConfig } from '../../functions/core/policy/config';
import { type Decision, decideUnreadable, type Route } from '../../functions/core/policy/decide';
import { assessInvoice } from '../../functions/core/workflow/assess-invoice';
import { InMemoryClaims, InMemoryHistory, InMemoryLedger, InMemoryMasterData } from './in-memory-ports';
import type { Scenario, ScenarioStep } from './suite';
import { masterDataCsv, suiteCompany } from './suite';

/**
 * Runs scenarios through the core exactly as the Check step does: assessInvoice (checks, claim,
 * decision, PO ledger) or decideUnreadable, then records the invoice in the history with the status its route leads to.
 */

export interface StepResult {
  scenario: string;
  step: string;
  /** 0-based position of the step in its scenario. */
  index: number;
  decision: Decision;
  outcome?: CheckOutcome;
}

/** The status an invoice has after its route (what the history then shows to later invoices). */
const STATUS_AFTER: Record<Route, InvoiceStatus> = {
  AUTO_APPROVE: 'APPROVED',
  APPROVE: 'AWAITING_APPROVAL',
  APPROVE_FOUR_EYES: 'AWAITING_APPROVAL',
  CLARIFY: 'AWAITING_CLARIFICATION',
  REJECT: 'REJECTED',
  QUARANTINE: 'QUARANTINED',
};

export interface ScenarioWorld {
  masterData: InMemoryMasterData;
  history: InMemoryHistory;
  claims: InMemoryClaims;
  ledger: InMemoryLedger;
  importErrors: MasterDataError[];
}

/** Master data from the suite's CSV through the real parser, and an empty history. */
export function createWorld(): ScenarioWorld {
  const { records, errors } = parseMasterData(masterDataCsv);
  return {
    masterData: new InMemoryMasterData(records),
    history: new InMemoryHistory(),
    claims: new InMemoryClaims(),
    ledger: new InMemoryLedger(),
    importErrors: errors,
  };
}

export function fileHashOf(step: ScenarioStep): string {
  return (
    step.fileHash ??
    createHash('sha256')
      .update(JSON.stringify(step.invoice ?? step.unreadable))
      .digest('hex')
  );
}

export async function runScenario(scenario: Scenario, world: ScenarioWorld): Promise<StepResult[]> {
  const policy = parsePolicyConfig(scenario.policy);
  const approvers = await world.masterData.listApprovers();
  const results: StepResult[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const invoiceId = `${scenario.id}-${index + 1}`;
    if (!step.invoice) {
      const cause = step.unreadable?.cause ?? 'UNREADABLE';
      results.push({
        scenario: scenario.id,
        step: step.label,
        index,
        decision: decideUnreadable(cause, step.unreadable?.message ?? '', policy),
      });
      continue;
    }
    const fileHash = fileHashOf(step);
    const { outcome, decision } = await assessInvoice(
      {
        invoiceId,
        invoice: step.invoice,
        document: { sha256: fileHash },
        mail: step.mail,
        ...(step.validation && { validation: step.validation }),
        ...(step.findings && { findings: step.findings }),
        company: suiteCompany,
        receivedAt: step.receivedAt,
      },
      world,
      policy,
      { approvers, at: step.receivedAt },
    );
    world.history.add({
      invoiceId,
      vendorId: outcome.context.historyVendorKey,
      invoiceNumber: step.invoice.invoiceNumber,
      normalizedNumber: normalizeDocumentNumber(step.invoice.invoiceNumber),
      typeCode: step.invoice.typeCode,
      gross: step.invoice.totals.gross,
      currency: step.invoice.currency,
      issueDate: step.invoice.issueDate,
      receivedAt: step.receivedAt,
      status: STATUS_AFTER[decision.route],
      fileHash,
    });
    results.push({ scenario: scenario.id, step: step.label, index, decision, outcome });
  }
  return results;
}
