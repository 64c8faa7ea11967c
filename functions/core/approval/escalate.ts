import { ConflictError, NotFoundError } from '../errors';
import { FINAL_STATUSES } from '../invoice/status';
import { deputyFor } from './await-human';
import { type ApprovalDeps, loadInvoiceState, MAIL_DOCUMENT_LINK_HOURS, newestFirst } from './deps';
import { parkedMail } from './mail';
import type { ApprovalRequest, HumanResult } from './model';
import { buildInvoiceView } from './view';

export type EscalationAction = 'remind' | 'escalate' | 'park' | 'deliver';

/** What the steps between waits touch. */
export type EscalateDeps = Pick<
  ApprovalDeps,
  'approvals' | 'audit' | 'clock' | 'documents' | 'invoices' | 'logger' | 'mailer' | 'masterData'
> & { settings: { financeTeamEmail: string } };

export interface EscalateInput {
  invoiceId: string;
  action: EscalationAction;
}

export interface EscalateResult {
  action: EscalationAction;
  /** The request acted on (the open one), if any. */
  approvalId?: string;
  approver?: string;
  deputy?: string;
  parked?: boolean;
  /** Status of the invoice afterwards. */
  status: string;
  /** 'deliver': the decision made while no wait was open, for the state machine to continue with. */
  decision?: HumanResult;
}

/**
 * Escalate: the steps between waits when nobody decided in time (the state machine's States.Timeout).
 * - remind: notes the reminder; the next wait (AwaitAfterReminder) mails it with a fresh link once
 *   its new task token is stored, so the reminder link always reaches a waiting task.
 * - escalate: revokes the open request at once (its links stop working); the next wait (AwaitDeputy)
 *   creates the deputy's request and mails the deputy a new link.
 * - park: revokes every open request, parks the invoice (decided by 'system', never approved) and
 *   mails the finance team, copying the people who were asked.
 * - deliver: the person decided while no wait was open (AwaitHuman failed with DecidedMeanwhile);
 *   returns that decision so the state machine continues with it.
 * A decision that won the race against the timeout is kept: nothing is revoked or parked then.
 */
export async function escalate(input: EscalateInput, deps: EscalateDeps): Promise<EscalateResult> {
  const now = deps.clock.now().toISOString();
  const all = await deps.approvals.listForInvoice(input.invoiceId);
  const open = newestFirst(all).find((r) => r.status === 'PENDING');

  if (input.action === 'deliver') return deliverEarlierDecision(input.invoiceId, all, deps, now);

  if (input.action === 'remind' || input.action === 'escalate') {
    const record = (await deps.invoices.get(input.invoiceId)) ?? undefined;
    if (!open || !record) {
      return { action: input.action, status: record?.status ?? 'UNKNOWN' };
    }
    if (input.action === 'remind') {
      await deps.audit.append({
        invoiceId: input.invoiceId,
        at: now,
        type: 'approval.reminder-due',
        actor: 'system',
        step: 'Escalate',
        summary: `No decision from ${open.approver} yet; a reminder with a fresh link follows`,
        inputs: { approvalId: open.approvalId, invoiceHash: open.invoiceHash },
      });
      return {
        action: 'remind',
        approvalId: open.approvalId,
        approver: open.approver,
        status: record.status,
      };
    }
    const deputy = await deputyFor(record, open.approver, open.previousApprovers, deps);
    const revoked = await deps.approvals.revoke(open.approvalId, `escalated to deputy ${deputy}`, now);
    await deps.audit.append({
      invoiceId: input.invoiceId,
      at: now,
      type: 'approval.revoked',
      actor: 'system',
      step: 'Escalate',
      summary: revoked
        ? `No decision from ${open.approver}; request revoked, the deputy ${deputy} is asked next`
        : `Request of ${open.approver} was decided meanwhile; nothing revoked`,
      inputs: { approvalId: open.approvalId, invoiceHash: open.invoiceHash },
    });
    return {
      action: 'escalate',
      approvalId: open.approvalId,
      approver: open.approver,
      deputy,
      status: record.status,
    };
  }

  // park
  const state = await loadInvoiceState(deps, input.invoiceId);
  if (FINAL_STATUSES.has(state.record.status)) {
    // Decided at the last moment (or parked by an earlier attempt of this step): keep it.
    const alreadyMailed = (await deps.audit.list(input.invoiceId)).some((e) => e.type === 'invoice.parked');
    if (state.record.status !== 'PARKED' || alreadyMailed) {
      return { action: 'park', parked: state.record.status === 'PARKED', status: state.record.status };
    }
  }
  const pending = all.filter((r) => r.status === 'PENDING');
  for (const request of pending) await deps.approvals.revoke(request.approvalId, 'parked', now);
  if (state.record.status !== 'PARKED') {
    try {
      await deps.invoices.update(
        input.invoiceId,
        {
          status: 'PARKED',
          updatedAt: now,
          decidedAt: now,
          outcome: {
            status: 'PARKED',
            decidedBy: 'system',
            decidedAt: now,
            comment: 'Nobody decided in time; parked, never approved automatically',
          },
        },
        { expectStatus: ['CHECKED', 'AWAITING_APPROVAL', 'AWAITING_CLARIFICATION'] },
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const current = await deps.invoices.get(input.invoiceId);
      return { action: 'park', parked: false, status: current?.status ?? 'UNKNOWN' };
    }
  }
  const asked = newestFirst(all).reverse();
  const first = asked[0]?.createdAt ?? state.record.receivedAt;
  const waitedHours = Math.round((new Date(now).getTime() - new Date(first).getTime()) / 3600_000);
  const documentUrl = state.record.document
    ? await deps.documents.viewUrl(state.record.document.key, MAIL_DOCUMENT_LINK_HOURS * 3600)
    : undefined;
  const people = [...new Set(asked.map((r) => r.approver.toLowerCase()))];
  const mail = parkedMail({
    view: buildInvoiceView(state.record, state.invoice, 'de'),
    to: deps.settings.financeTeamEmail,
    cc: people.filter((p) => p !== deps.settings.financeTeamEmail.toLowerCase()),
    asked: asked.map((r) => ({ who: r.approver, since: r.createdAt })),
    waited: `${waitedHours} h`,
    documentUrl,
  });
  const { messageId } = await deps.mailer.send(mail);
  await deps.audit.append({
    invoiceId: input.invoiceId,
    at: now,
    type: 'invoice.parked',
    actor: 'system',
    step: 'Escalate',
    summary: `Nobody decided within ${waitedHours} h; parked (never approved automatically), finance team told`,
    inputs: { invoiceHash: state.hash, revoked: pending.map((r) => r.approvalId) },
    details: { messageId, asked: people },
  });
  deps.logger.info('invoice parked', { invoiceId: input.invoiceId, revoked: pending.length });
  return { action: 'park', parked: true, status: 'PARKED' };
}

async function deliverEarlierDecision(
  invoiceId: string,
  all: ApprovalRequest[],
  deps: EscalateDeps,
  now: string,
): Promise<EscalateResult> {
  const decided = newestFirst(all).find((r) => r.status === 'DECIDED' && r.decision?.result);
  if (!decided?.decision?.result)
    throw new NotFoundError(`No recorded decision to deliver for invoice ${invoiceId}`);
  await deps.audit.append({
    invoiceId,
    at: now,
    type: 'approval.decision-delivered',
    actor: 'system',
    step: 'Escalate',
    summary: `Decision of ${decided.decision.by} (${decided.decision.choice}) made while no wait was open; handed to the workflow`,
    inputs: { approvalId: decided.approvalId, invoiceHash: decided.invoiceHash },
  });
  const record = await deps.invoices.get(invoiceId);
  return {
    action: 'deliver',
    approvalId: decided.approvalId,
    approver: decided.approver,
    status: record?.status ?? 'UNKNOWN',
    decision: decided.decision.result,
  };
}
