import { ConflictError, InvoiceError } from '../errors';
import { dec, tryDec } from '../money';
import { selectApprovers } from '../policy/approvers';
import { bankVerifierAddress } from '../policy/config';
import type { InvoiceRecord } from '../records';
import {
  type ApprovalDeps,
  type InvoiceState,
  loadInvoiceState,
  MAIL_DOCUMENT_LINK_HOURS,
  newestFirst,
  sameEmail,
} from './deps';
import { approvalIdFor, signedLink, tokenRefOf } from './link';
import { requestMail } from './mail';
import type { ApprovalKind, ApprovalRequest, ApprovalStage } from './model';
import { approves } from './outcome';
import { buildInvoiceView } from './view';

/** What asking a person touches: no task responder (only the approval endpoint resumes waits). */
export type AwaitHumanDeps = Omit<ApprovalDeps, 'tasks' | 'ledger'>;

/**
 * The person decided while no wait was open (between a timeout and this wait). The state machine
 * catches it by name and continues with that decision (Escalate 'deliver'), so no link is mailed.
 */
export class DecidedMeanwhileError extends InvoiceError {
  constructor(request: ApprovalRequest) {
    super(
      'DECIDED_MEANWHILE',
      `Approval ${request.approvalId} was decided by ${request.decision?.by ?? 'someone'} while no wait was open`,
    );
  }
}

/** Nobody is left who may decide (everyone eligible already approved, or no address is configured). */
export class NoApproverError extends InvoiceError {
  constructor(message: string) {
    super('NO_APPROVER', message);
  }
}

export interface AwaitHumanInput {
  invoiceId: string;
  taskToken: string;
  kind: ApprovalKind;
  stage: ApprovalStage;
  round: number;
}

export interface AwaitHumanResult {
  approvalId: string;
  approver: string;
  stage: ApprovalStage;
}

/**
 * AwaitHuman: runs inside a waitForTaskToken state. Creates (initial), refreshes (reminded) or hands
 * over to the deputy (escalated) the approval request, seals the task token, sets the invoice to
 * AWAITING_APPROVAL / AWAITING_CLARIFICATION, and mails the person one link to the decision page.
 * Idempotent: a Lambda retry with the same token finds the same request and does not mail twice.
 * If the person decided while no wait was open (between a timeout and this wait), it fails with
 * DecidedMeanwhileError and the state machine takes that decision instead of waiting.
 */
export async function awaitHuman(input: AwaitHumanInput, deps: AwaitHumanDeps): Promise<AwaitHumanResult> {
  const now = deps.clock.now();
  const tokenRef = tokenRefOf(input.taskToken);
  const approvalId = approvalIdFor(tokenRef);
  const state = await loadInvoiceState(deps, input.invoiceId);
  const expiresAt = new Date(now.getTime() + deps.settings.approvalLinkTtlHours * 3600_000).toISOString();
  const all = await deps.approvals.listForInvoice(input.invoiceId);

  let request = all.find((r) => r.approvalId === approvalId || r.tokenRef === tokenRef);
  let replaced: ApprovalRequest | undefined;
  if (!request && input.stage !== 'initial') {
    // Reminder and escalation continue the newest request of this kind and round.
    const current = newestFirst(all, input.kind, input.round)[0];
    if (current?.status === 'DECIDED' && current.decision?.result) {
      // Decided while no wait was open: the state machine catches this and takes that decision.
      throw new DecidedMeanwhileError(current);
    }
    if (input.stage === 'reminded' && current?.status === 'PENDING') {
      const update = {
        sealedToken: await reseal(input.taskToken, current, deps),
        tokenRef,
        expiresAt,
        stage: input.stage,
      };
      if (!(await deps.approvals.replaceToken(current.approvalId, update))) {
        throw new ConflictError(
          `Approval ${current.approvalId} was decided or revoked while reminding; retry`,
        );
      }
      request = { ...current, ...update };
    } else {
      // Escalation (or a reminder without an open request): a new request for the deputy.
      replaced = current;
      if (current?.status === 'PENDING') {
        await deps.approvals.revoke(current.approvalId, 'escalated to deputy', now.toISOString());
      }
    }
  }
  if (!request) {
    const sealedToken = await deps.secrets.seal(input.taskToken, { approvalId, invoiceId: input.invoiceId });
    request = await newRequest(
      input,
      state,
      all,
      replaced,
      { approvalId, tokenRef, sealedToken, expiresAt, now },
      deps,
    );
    await deps.approvals.create(request);
  } else if (request.tokenRef !== tokenRef) {
    throw new ConflictError(`Approval ${request.approvalId} belongs to another wait`);
  }

  await deps.invoices.update(
    input.invoiceId,
    {
      status: input.kind === 'clarification' ? 'AWAITING_CLARIFICATION' : 'AWAITING_APPROVAL',
      updatedAt: now.toISOString(),
    },
    { expectStatus: ['CHECKED', 'AWAITING_APPROVAL', 'AWAITING_CLARIFICATION'] },
  );

  if (request.notifiedRef !== tokenRef) {
    const view = buildInvoiceView(state.record, state.invoice, request.language);
    const documentUrl = state.record.document
      ? await deps.documents.viewUrl(state.record.document.key, MAIL_DOCUMENT_LINK_HOURS * 3600)
      : undefined;
    const decisionUrl = await signedLink(request, deps.settings.approvalBaseUrl, deps.links);
    const first = newestFirst(all, input.kind, input.round).at(-1);
    const mail = requestMail({
      request,
      view,
      decisionUrl,
      documentUrl,
      documentLinkHours: MAIL_DOCUMENT_LINK_HOURS,
      waitingSince: first?.createdAt,
      standingInFor: replaced?.approver,
    });
    const { messageId } = await deps.mailer.send(mail);
    await deps.approvals.markNotified(request.approvalId, tokenRef);
    await deps.audit.append({
      invoiceId: input.invoiceId,
      at: now.toISOString(),
      type: auditType(request),
      actor: 'system',
      step: 'AwaitHuman',
      summary: `${request.kind === 'clarification' ? 'Asked' : 'Asked for approval'} ${request.approver} (round ${request.round}/${request.requiredApprovals}, ${request.stage}); link valid until ${request.expiresAt}`,
      inputs: { approvalId: request.approvalId, invoiceHash: request.invoiceHash },
      details: {
        messageId,
        subject: mail.subject,
        previousApprovers: request.previousApprovers,
        ...(replaced && { replaces: replaced.approvalId, replacedApprover: replaced.approver }),
      },
    });
    deps.logger.info('approval requested', {
      invoiceId: input.invoiceId,
      approvalId: request.approvalId,
      kind: request.kind,
      stage: request.stage,
      round: request.round,
    });
  }
  return { approvalId: request.approvalId, approver: request.approver, stage: request.stage };
}

/** The sealed token is bound to the request it belongs to (encryption context). */
function reseal(taskToken: string, request: ApprovalRequest, deps: AwaitHumanDeps): Promise<string> {
  return deps.secrets.seal(taskToken, { approvalId: request.approvalId, invoiceId: request.invoiceId });
}

function auditType(request: ApprovalRequest): string {
  if (request.kind === 'clarification') return 'clarification.requested';
  return {
    initial: 'approval.requested',
    reminded: 'approval.reminded',
    escalated: 'approval.escalated-to-deputy',
  }[request.stage];
}

async function newRequest(
  input: AwaitHumanInput,
  state: InvoiceState,
  all: ApprovalRequest[],
  replaced: ApprovalRequest | undefined,
  ids: { approvalId: string; tokenRef: string; sealedToken: string; expiresAt: string; now: Date },
  deps: AwaitHumanDeps,
): Promise<ApprovalRequest> {
  const { record } = state;
  const base = {
    approvalId: ids.approvalId,
    invoiceId: input.invoiceId,
    kind: input.kind,
    round: input.round,
    stage: input.stage,
    invoiceHash: state.hash,
    sealedToken: ids.sealedToken,
    tokenRef: ids.tokenRef,
    status: 'PENDING' as const,
    createdAt: ids.now.toISOString(),
    expiresAt: ids.expiresAt,
  };
  if (input.kind === 'clarification') {
    const target = await clarificationTarget(record, all, deps);
    const person = await deps.masterData.getApprover(target.with.toLowerCase());
    const language = person?.language ?? target.language ?? 'de';
    return {
      ...base,
      ...(replaced && { replaces: replaced.approvalId }),
      requiredApprovals: 1,
      approver: target.with,
      ...(person?.name && { approverName: person.name }),
      language,
      requiresTypedAmount: false,
      question: language === 'en' ? (target.questionEn ?? target.question) : target.question,
      askedBy: target.askedBy,
      returnRound: target.returnRound,
      previousApprovers: [],
    };
  }

  const previousApprovers = approvedEarlierRounds(all, input.round);
  const answered = newestFirst(all)[0];
  const clarificationNote =
    answered?.kind === 'clarification' && answered.decision?.choice === 'forward'
      ? { question: answered.question ?? '', answer: answered.decision.comment ?? '', by: answered.approver }
      : undefined;
  const email =
    input.stage === 'escalated' && replaced
      ? await deputyFor(record, replaced.approver, previousApprovers, deps)
      : await approverFor(record, input.round, previousApprovers, deps);
  const person = await deps.masterData.getApprover(email.toLowerCase());
  return {
    ...base,
    ...(replaced && { replaces: replaced.approvalId }),
    requiredApprovals: requiredApprovals(record, deps),
    approver: email,
    ...(person?.name && { approverName: person.name }),
    language: person?.language ?? 'de',
    requiresTypedAmount: requiresTypedAmount(record, deps),
    previousApprovers,
    ...(clarificationNote && { clarificationNote }),
  };
}

/**
 * Four eyes: two people when the policy routed so, or when the amount reaches the limit. A changed
 * bank account (IBAN_MISMATCH) always needs a second person, who verifies the account (the bank
 * verifier, finance by default): one person's approval never releases it.
 */
function requiredApprovals(record: InvoiceRecord, deps: AwaitHumanDeps): number {
  if (record.decision?.route === 'APPROVE_FOUR_EYES') return 2;
  if (record.decision?.route === 'APPROVE') return needsBankVerification(record) ? 2 : 1;
  const gross = tryDec(record.decision?.amount?.gross ?? record.gross)?.abs();
  return gross?.greaterThanOrEqualTo(dec(deps.settings.policy.fourEyesMinGross)) ? 2 : 1;
}

function requiresTypedAmount(record: InvoiceRecord, deps: AwaitHumanDeps): boolean {
  if (record.decision && record.decision.route !== 'CLARIFY') return record.decision.requiresTypedAmount;
  const gross = tryDec(record.gross)?.abs();
  return gross?.greaterThanOrEqualTo(dec(deps.settings.policy.confirmTypedAmountMinGross)) ?? false;
}

/** Who approved the rounds before this one (the newest request per round, approved). */
function approvedEarlierRounds(all: ApprovalRequest[], round: number): string[] {
  const people: string[] = [];
  for (let r = 1; r < round; r++) {
    const latest = newestFirst(all, 'approval', r).find((a) => a.status === 'DECIDED');
    if (latest?.decision && approves(latest.decision.choice)) people.push(latest.approver);
  }
  return people;
}

/** The policy's approver for the round, else someone else eligible; never one who approved before. */
async function approverFor(
  record: InvoiceRecord,
  round: number,
  previous: string[],
  deps: AwaitHumanDeps,
): Promise<string> {
  const excluded = (email: string) => previous.some((p) => sameEmail(p, email));
  const planned = record.decision?.approvers ?? [];
  const verifier = bankVerifierAddress(deps.settings.policy, deps.settings.financeTeamEmail);
  // The last round of a changed bank account goes to the bank verifier (a different person).
  if (round > 1 && round >= requiredApprovals(record, deps) && needsBankVerification(record) && verifier) {
    if (!excluded(verifier)) return verifier;
  }
  const candidate = [planned[round - 1], ...planned].find((e): e is string => !!e && !excluded(e));
  if (candidate) return candidate;
  const selection = selectApprovers(
    {
      costCenter: record.match?.costCenter,
      amount: tryDec(record.gross)?.abs().toFixed() ?? '0',
      count: 1,
      exclude: previous.map((p) => p.toLowerCase()),
    },
    await deps.masterData.listApprovers(),
  );
  const chosen = selection.approvers[0]?.email ?? deps.settings.financeTeamEmail;
  if (!chosen || excluded(chosen)) {
    throw new NoApproverError(
      `No approver left for invoice ${record.id} round ${round} (already approved: ${previous.join(', ')})`,
    );
  }
  return chosen;
}

/** The deputy of the person who did not decide; finance when no deputy is known. */
export async function deputyFor(
  record: InvoiceRecord,
  approver: string,
  previous: string[],
  deps: { masterData: ApprovalDeps['masterData']; settings: { financeTeamEmail: string } },
): Promise<string> {
  const excluded = (email: string) => sameEmail(email, approver) || previous.some((p) => sameEmail(p, email));
  const candidates = [
    record.decision?.deputies?.[approver],
    (await deps.masterData.getApprover(approver.toLowerCase()))?.deputyEmail,
    deps.settings.financeTeamEmail,
  ];
  const deputy = candidates.find((e): e is string => !!e && !excluded(e));
  if (!deputy) throw new NoApproverError(`No deputy for ${approver} on invoice ${record.id}`);
  return deputy;
}

interface ClarificationTarget {
  with: string;
  question: string;
  questionEn?: string;
  language?: 'de' | 'en';
  askedBy: string;
  returnRound: number;
}

/**
 * Who is asked and what. An approver's question ('clarify' on the page) goes to the PO's requester,
 * the vendor manager or finance (never back to the asker); otherwise the policy's clarification.
 */
async function clarificationTarget(
  record: InvoiceRecord,
  all: ApprovalRequest[],
  deps: AwaitHumanDeps,
): Promise<ClarificationTarget> {
  const latest = newestFirst(all)[0];
  if (latest?.kind === 'approval' && latest.status === 'DECIDED' && latest.decision?.choice === 'clarify') {
    const asker = latest.approver;
    const vendor = record.match?.vendorId
      ? await deps.masterData.getVendor(record.match.vendorId)
      : undefined;
    const candidates = [
      record.decision?.clarification?.with,
      record.match?.requesterEmail,
      vendor?.vendorManagerEmail,
      deps.settings.financeTeamEmail,
    ];
    const target = candidates.find((e): e is string => !!e && !sameEmail(e, asker));
    if (!target) throw new NoApproverError(`Nobody to ask about invoice ${record.id} besides ${asker}`);
    return {
      with: target,
      question: latest.decision.comment ?? '',
      askedBy: asker,
      returnRound: latest.round,
    };
  }
  const clarification = record.decision?.clarification;
  const target = clarification?.with || deps.settings.financeTeamEmail;
  if (!target) throw new NoApproverError(`Nobody to ask about invoice ${record.id}`);
  return {
    with: target,
    question:
      clarification?.questionDe ??
      clarification?.question ??
      (record.decision?.reasons ?? []).map((r) => r.messageDe).join('\n'),
    questionEn: clarification?.questionEn,
    language: clarification?.language,
    askedBy: 'invoice-agent',
    returnRound: 1,
  };
}

/** The invoice pays to an IBAN the vendor master does not know. */
export function needsBankVerification(record: Pick<InvoiceRecord, 'decision'>): boolean {
  return record.decision?.holds.includes('IBAN_MISMATCH') ?? false;
}
