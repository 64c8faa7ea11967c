import { claimInvoice } from '../checks/claim';
import { releaseReservation, reserveOnPurchaseOrder } from '../checks/po-ledger';
import { runChecks } from '../checks/run';
import type { CheckInput, CheckOutcome, CheckPorts, CheckResult } from '../checks/types';
import type { Approver } from '../masterdata/types';
import type { PolicyConfig } from '../policy/config';
import { type Decision, decide } from '../policy/decide';
import type { InvoiceClaims } from '../ports/claims';
import type { PoLedgerStore } from '../ports/ledger';

/**
 * From the extracted invoice to a decision, in the order that keeps money safe:
 * 1. the deterministic checks (read-only);
 * 2. the atomic claim of the file and the invoice identity (duplicates: exactly one proceeds);
 * 3. the policy decision;
 * 4. the PO ledger: an invoice that goes on reserves its share of the order (PO_OVER_INVOICED when
 *    earlier invoices already use the order up, and the policy decides again); one that is rejected
 *    releases a reservation an earlier run made.
 * The Check step and the scenario runner both call this, so the suite tests what the workflow does.
 */

export interface AssessPorts extends CheckPorts {
  claims: InvoiceClaims;
  ledger: PoLedgerStore;
}

export interface AssessOptions {
  approvers: readonly Approver[];
  financeTeamEmail?: string;
  /** ISO timestamp of the decision. */
  at: string;
  /** The XML e-invoice of the same mail that this PDF renders (see rendition.ts). */
  renditionOf?: string;
}

export interface Assessment {
  outcome: CheckOutcome;
  decision: Decision;
  /** The original this invoice lost its claim to. */
  duplicateOf?: string;
}

export async function assessInvoice(
  input: CheckInput,
  ports: AssessPorts,
  policy: PolicyConfig,
  options: AssessOptions,
): Promise<Assessment> {
  const outcome = await runChecks(input, ports, policy);
  const { context } = outcome;
  const claim = await claimInvoice(
    {
      invoiceId: input.invoiceId,
      invoice: input.invoice,
      sha256: input.document.sha256,
      vendor: context.vendor,
      at: options.at,
      ...(options.renditionOf && { renditionOf: options.renditionOf }),
    },
    ports.claims,
  );
  let checks: CheckResult[] = [...outcome.checks, ...claim.results];
  const decideOn = (results: CheckResult[]) =>
    decide({ checks: results, context }, policy, options.approvers, {
      financeTeamEmail: options.financeTeamEmail,
      invoice: input.invoice,
    });
  let decision = decideOn(checks);

  const po = context.purchaseOrder;
  if (po && context.poUsage) {
    if (decision.route === 'REJECT' || decision.route === 'QUARANTINE') {
      await releaseReservation(ports.ledger, po.poNumber, input.invoiceId, options.at);
    } else {
      const ledger = await reserveOnPurchaseOrder(
        ports.ledger,
        { po, usage: context.poUsage, invoiceId: input.invoiceId, at: options.at },
        policy,
      );
      checks = [...checks, ledger];
      if (ledger.status === 'fail') decision = decideOn(checks);
    }
  }
  return {
    outcome: { checks, context },
    decision,
    ...(claim.duplicateOf && { duplicateOf: claim.duplicateOf }),
  };
}
