import { twoPeopleApproved } from '../bankdetails/verify';
import { settlePurchaseOrder } from '../checks/po-ledger';
import { ConflictError } from '../errors';
import { sameAmount } from '../money';
import type { Coding } from '../records';
import { parseTypedAmount } from './amount';
import { needsBankVerification } from './await-human';
import { type ApprovalDeps, type InvoiceState, loadInvoiceState, PAGE_DOCUMENT_LINK_SECONDS } from './deps';
import { isApprovalId, linkMessage, newNonce, parseLinkParams } from './link';
import type { ApprovalRequest, DecisionChoice, HumanResult } from './model';
import { approves, isChoiceFor, resultFor } from './outcome';
import { renderDecisionPage, renderMessagePage } from './page';
import { formatWhen, type Lang, type Texts, textsFor } from './texts';
import { buildInvoiceView } from './view';

/** What the approval endpoint touches: no mail, no master data. */
export type EndpointDeps = Pick<
  ApprovalDeps,
  | 'invoices'
  | 'audit'
  | 'approvals'
  | 'links'
  | 'secrets'
  | 'tasks'
  | 'clock'
  | 'documents'
  | 'logger'
  | 'ledger'
>;

/**
 * The decision logic behind approval links, free of HTTP (the handler layer routes, parses forms and
 * sets headers):
 * - showDecisionPage: GET/HEAD only render (and, for GET, issue a per-view nonce). Nothing else
 *   changes, whoever or whatever opens the link (mail scanners open every link).
 * - submitDecision: valid signature (constant time), unexpired, request still PENDING, invoice
 *   unchanged, the view's nonce consumed once, an explicit choice (with a reason, a question, a
 *   corrected coding or the typed gross where needed). Then the conditional single-use write, and only
 *   after it the workflow is resumed (SendTaskSuccess). Everything is audited.
 */

/** A rendered page and its status (the HTTP layer adds the security headers). */
export interface PageResult {
  status: number;
  html: string;
}

/** Who sent the request, for the audit trail. */
export interface Client {
  ip?: string;
  userAgent?: string;
}

/** The fields of a decision form (and the link parameters, which may come from the query). */
export type DecisionForm = Pick<URLSearchParams, 'get'>;

const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const CODING_PATTERN = /^[A-Za-z0-9._-]{1,20}$/;
/** A form stays usable this long after the page was rendered (bounded by the link's expiry). */
const NONCE_TTL_SECONDS = 2 * 3600;
/** Step Functions and the local runtime report a closed task with these names. */
const CLOSED_TASK_ERRORS = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist', 'TaskClosedError']);

const page = (status: number, html: string): PageResult => ({ status, html });

/** Why a link or form was refused: shown as a page, audited, nothing changed. */
interface Refusal {
  status: number;
  reason: string;
  heading: string;
  detail: string;
}

// ---- GET / HEAD -------------------------------------------------------------------------------------

/** GET/HEAD of a link: renders the decision page; GET also issues the form's single-use nonce. */
export async function showDecisionPage(
  deps: EndpointDeps,
  approvalId: string,
  query: { exp?: string; sig?: string },
  client: Client,
  method: 'GET' | 'HEAD',
): Promise<PageResult> {
  const checked = await checkLink(deps, approvalId, query.exp, query.sig, client, method);
  if ('refusal' in checked) return checked.response;
  const { request, state, link } = checked;
  const now = deps.clock.now();
  let nonce = '';
  if (method === 'GET') {
    nonce = newNonce();
    const expires = Math.min(now.getTime() + NONCE_TTL_SECONDS * 1000, link.exp * 1000);
    await deps.approvals.issueNonce({
      approvalId,
      nonce,
      issuedAt: now.toISOString(),
      expiresAt: new Date(expires).toISOString(),
    });
  }
  await deps.audit.append({
    invoiceId: request.invoiceId,
    at: now.toISOString(),
    type: 'approval.viewed',
    actor: request.approver,
    step: 'ApprovalEndpoint',
    summary: `Decision page opened (${method}) by a holder of ${request.approver}'s link`,
    inputs: { approvalId, invoiceHash: state.hash },
    details: { method, ip: client.ip, userAgent: client.userAgent },
  });
  return page(200, await renderPage(deps, request, state, link, nonce));
}

async function renderPage(
  deps: EndpointDeps,
  request: ApprovalRequest,
  state: InvoiceState,
  link: { exp: number; sig: string },
  nonce: string,
  error?: string,
  values?: { comment?: string; glAccount?: string; costCenter?: string },
): Promise<string> {
  const documentUrl = state.record.document
    ? await deps.documents.viewUrl(state.record.document.key, PAGE_DOCUMENT_LINK_SECONDS)
    : undefined;
  return renderDecisionPage({
    request,
    view: buildInvoiceView(state.record, state.invoice, request.language),
    documentUrl,
    link,
    nonce,
    error,
    values,
  });
}

// ---- POST -------------------------------------------------------------------------------------------

/** POST of a decision form: every gate, the single-use write, then the workflow resumes. */
export async function submitDecision(
  deps: EndpointDeps,
  approvalId: string,
  form: DecisionForm,
  query: { exp?: string; sig?: string },
  client: Client,
): Promise<PageResult> {
  const checked = await checkLink(
    deps,
    approvalId,
    form.get('exp') ?? query.exp,
    form.get('sig') ?? query.sig,
    client,
    'POST',
  );
  if ('refusal' in checked) return checked.response;
  const { request, state, link } = checked;
  const t = textsFor(request.language);
  const now = deps.clock.now();

  // Something a scanner cannot supply: the nonce of a rendered page.
  const nonce = form.get('nonce') ?? '';
  if (!NONCE_PATTERN.test(nonce)) {
    return refuse(deps, request, client, 'POST', {
      status: 403,
      reason: 'no nonce',
      heading: t.errNonce,
      detail: t.errNonceHelp,
    });
  }

  const values = {
    comment: (form.get('comment') ?? '').trim().slice(0, 2000),
    glAccount: (form.get('glAccount') ?? '').trim(),
    costCenter: (form.get('costCenter') ?? '').trim(),
  };
  const choice = form.get('choice') ?? '';
  const problem = validate(request, state, choice, values, form.get('confirmAmount') ?? '', t);
  if (problem) {
    // The person can correct the form: a fresh page with a new nonce, the refused one stays unused.
    await deps.audit.append(
      auditOf(request, state, client, now, 'approval.form-refused', `Form refused: ${problem.reason}`, {
        choice,
      }),
    );
    const fresh = newNonce();
    await deps.approvals.issueNonce({
      approvalId,
      nonce: fresh,
      issuedAt: now.toISOString(),
      expiresAt: new Date(Math.min(now.getTime() + NONCE_TTL_SECONDS * 1000, link.exp * 1000)).toISOString(),
    });
    return page(problem.status, await renderPage(deps, request, state, link, fresh, problem.message, values));
  }
  const decidedChoice = choice as DecisionChoice;

  if (!(await deps.approvals.consumeNonce(approvalId, nonce, now.toISOString()))) {
    return refuse(deps, request, client, 'POST', {
      status: 409,
      reason: 'nonce unknown, expired or used',
      heading: t.errNonce,
      detail: t.errNonceHelp,
    });
  }

  const coding = codingOf(decidedChoice, values, state);
  const result = resultFor(request, decidedChoice);
  const at = now.toISOString();
  const { won, request: stored } = await deps.approvals.decide(approvalId, {
    choice: decidedChoice,
    by: request.approver,
    at,
    ...(values.comment && { comment: values.comment }),
    ...(coding && { coding }),
    ...(client.ip && { ip: client.ip }),
    ...(client.userAgent && { userAgent: client.userAgent }),
    result,
  });
  if (!won) return refuse(deps, stored, client, 'POST', decidedRefusal(stored, t));

  // The single-use gate is passed: record the outcome, then resume the workflow.
  try {
    await applyToInvoice(deps, request, result, at, values.comment, coding);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    await deps.audit.append(
      auditOf(
        request,
        state,
        client,
        now,
        'approval.decision-unapplied',
        `Decision ${decidedChoice} not applied: ${error.message}`,
        {},
      ),
    );
    return page(409, renderMessagePage(request.language, 'alert', t.errRevoked, t.errRevokedHelp));
  }
  await deps.audit.append(
    auditOf(request, state, client, now, 'approval.decided', summaryOf(request, decidedChoice, result), {
      choice: decidedChoice,
      next: result.next,
      round: request.round,
      ...(values.comment && { comment: values.comment }),
      ...(coding && { coding }),
    }),
  );
  deps.logger.info('approval decided', {
    approvalId,
    invoiceId: request.invoiceId,
    choice: decidedChoice,
    next: result.next,
  });

  const late = !(await resume(deps, request, result));
  return page(
    200,
    renderMessagePage(request.language, 'ok', late ? t.doneLate : doneText(t, decidedChoice, result)),
  );
}

/** Hands the result to the waiting task; false when the task had already closed (timed out). */
async function resume(deps: EndpointDeps, request: ApprovalRequest, result: HumanResult): Promise<boolean> {
  const token = await deps.secrets.open(request.sealedToken, {
    approvalId: request.approvalId,
    invoiceId: request.invoiceId,
  });
  try {
    await deps.tasks.succeed(token, result);
    return true;
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (!CLOSED_TASK_ERRORS.has(name)) throw error;
    await deps.audit.append({
      invoiceId: request.invoiceId,
      at: deps.clock.now().toISOString(),
      type: 'approval.task-closed',
      actor: 'system',
      step: 'ApprovalEndpoint',
      summary: `The wait had closed (${name}); the recorded decision is handed to the next wait`,
      inputs: { approvalId: request.approvalId },
    });
    return false;
  }
}

async function applyToInvoice(
  deps: EndpointDeps,
  request: ApprovalRequest,
  result: HumanResult,
  at: string,
  comment: string,
  coding: Coding | undefined,
): Promise<void> {
  if (result.next !== 'ARCHIVE') return;
  const status = approves(result.choice) ? 'APPROVED' : 'REJECTED';
  const current = await deps.invoices.get(request.invoiceId);
  if (status === 'APPROVED' && current && needsBankVerification(current)) {
    // Defence in depth: a changed bank account is never released by one person.
    const people = [...request.previousApprovers, request.approver];
    if (!twoPeopleApproved({ approvers: people })) {
      throw new ConflictError(
        `Invoice ${request.invoiceId} pays to an unverified bank account: a second person must act (${people.join(', ')} so far)`,
      );
    }
  }
  await deps.invoices.update(
    request.invoiceId,
    {
      status,
      updatedAt: at,
      decidedAt: at,
      outcome: {
        status,
        decidedBy: request.approver,
        decidedAt: at,
        ...(comment && { comment }),
        ...(coding && { coding }),
      },
    },
    { expectStatus: ['AWAITING_APPROVAL'] },
  );
  if (current) await settlePurchaseOrder(deps.ledger, current, status, at);
}

interface FormProblem {
  status: number;
  reason: string;
  message: string;
}

function validate(
  request: ApprovalRequest,
  state: InvoiceState,
  choice: string,
  values: { comment: string; glAccount: string; costCenter: string },
  typedAmount: string,
  t: Texts,
): FormProblem | undefined {
  if (!isChoiceFor(request.kind, choice))
    return { status: 400, reason: 'no explicit choice', message: t.errChoice };
  if (choice === 'reject' && !values.comment)
    return { status: 422, reason: 'reject without reason', message: t.errReason };
  if (choice === 'clarify' && !values.comment)
    return { status: 422, reason: 'question missing', message: t.errQuestion };
  if ((choice === 'answer' || choice === 'forward') && !values.comment) {
    return { status: 422, reason: 'answer missing', message: t.errAnswer };
  }
  if (!approves(choice)) return undefined;
  if (request.previousApprovers.some((p) => p.toLowerCase() === request.approver.toLowerCase())) {
    return { status: 403, reason: 'same approver twice', message: t.errSameApprover };
  }
  for (const field of [values.glAccount, values.costCenter]) {
    if (field && !CODING_PATTERN.test(field))
      return { status: 422, reason: 'coding format', message: t.errCodingFormat };
  }
  if (choice === 'correct' && !codingChanged(values, state)) {
    return { status: 422, reason: 'coding unchanged', message: t.errCoding };
  }
  if (request.requiresTypedAmount) {
    const typed = parseTypedAmount(typedAmount);
    const gross = state.invoice?.totals.gross ?? state.record.gross;
    if (!typed || !gross || !sameAmount(typed, gross)) {
      return { status: 422, reason: 'typed amount does not match', message: t.errAmount };
    }
  }
  return undefined;
}

function proposedCoding(state: InvoiceState): Coding {
  return {
    glAccount: state.record.reasoning?.coding.glAccount ?? state.record.match?.glAccount,
    costCenter: state.record.reasoning?.coding.costCenter ?? state.record.match?.costCenter,
  };
}

function codingChanged(values: { glAccount: string; costCenter: string }, state: InvoiceState): boolean {
  const proposed = proposedCoding(state);
  return (
    (values.glAccount !== '' && values.glAccount !== (proposed.glAccount ?? '')) ||
    (values.costCenter !== '' && values.costCenter !== (proposed.costCenter ?? ''))
  );
}

/** The coding an approval books with: the form's values over the proposal. */
function codingOf(
  choice: DecisionChoice,
  values: { glAccount: string; costCenter: string },
  state: InvoiceState,
): Coding | undefined {
  if (!approves(choice)) return undefined;
  const proposed = proposedCoding(state);
  const coding: Coding = {
    ...((values.glAccount || proposed.glAccount) && { glAccount: values.glAccount || proposed.glAccount }),
    ...((values.costCenter || proposed.costCenter) && {
      costCenter: values.costCenter || proposed.costCenter,
    }),
  };
  return Object.keys(coding).length ? coding : undefined;
}

// ---- link checks ------------------------------------------------------------------------------------

type LinkCheck =
  | { request: ApprovalRequest; state: InvoiceState; link: { exp: number; sig: string } }
  | { refusal: Refusal; response: PageResult };

/**
 * The order matters: nothing about a request is revealed before its signature is verified.
 * unknown/malformed -> 404, bad signature -> 403, expired or revoked -> 410, decided or changed -> 409.
 */
async function checkLink(
  deps: EndpointDeps,
  approvalId: string,
  exp: string | undefined,
  sig: string | undefined,
  client: Client,
  method: string,
): Promise<LinkCheck> {
  const t = textsFor('de');
  const invalid = (status: number, reason: string): LinkCheck => ({
    refusal: { status, reason, heading: t.errInvalid, detail: t.errInvalidHelp },
    response: page(status, renderMessagePage('de', 'alert', t.errInvalid, t.errInvalidHelp)),
  });
  const link = parseLinkParams(exp, sig);
  if (!isApprovalId(approvalId) || !link) return invalid(404, 'malformed link');
  const request = await deps.approvals.get(approvalId);
  if (!request) return invalid(404, 'unknown approval');
  const signed = linkMessage({
    approvalId,
    approver: request.approver,
    invoiceHash: request.invoiceHash,
    expiresAtSeconds: link.exp,
  });
  if (!(await deps.links.verify(signed, link.sig))) {
    const response = await refuse(deps, request, client, method, {
      status: 403,
      reason: 'bad signature',
      heading: t.errInvalid,
      detail: t.errInvalidHelp,
    });
    return { refusal: { status: 403, reason: 'bad signature', heading: t.errInvalid, detail: '' }, response };
  }
  const lt = textsFor(request.language);
  const refusal = async (r: Refusal): Promise<LinkCheck> => ({
    refusal: r,
    response: await refuse(deps, request, client, method, r),
  });
  if (link.exp * 1000 <= deps.clock.now().getTime()) {
    return refusal({ status: 410, reason: 'expired', heading: lt.errExpired, detail: lt.errExpiredHelp });
  }
  if (request.status === 'DECIDED') return refusal(decidedRefusal(request, lt));
  if (request.status === 'REVOKED') {
    return refusal({
      status: 410,
      reason: `revoked (${request.revokedReason ?? ''})`,
      heading: lt.errRevoked,
      detail: lt.errRevokedHelp,
    });
  }
  const state = await loadInvoiceState(deps, request.invoiceId);
  if (state.hash !== request.invoiceHash) {
    return refusal({
      status: 409,
      reason: 'invoice changed',
      heading: lt.errChanged,
      detail: lt.errChangedHelp,
    });
  }
  return { request, state, link };
}

function decidedRefusal(request: ApprovalRequest, t: Texts): Refusal {
  if (request.status === 'REVOKED' || !request.decision) {
    return { status: 410, reason: 'revoked', heading: t.errRevoked, detail: t.errRevokedHelp };
  }
  return {
    status: 409,
    reason: 'already decided',
    heading: t.errDecided(request.decision.by, formatWhen(request.decision.at, request.language)),
    detail: t.errDecidedHelp,
  };
}

/** Audits a refused link or form (nothing else changes) and renders the explanation. */
async function refuse(
  deps: EndpointDeps,
  request: ApprovalRequest,
  client: Client,
  method: string,
  refusal: Refusal,
): Promise<PageResult> {
  const now = deps.clock.now();
  await deps.audit.append({
    invoiceId: request.invoiceId,
    at: now.toISOString(),
    type: 'approval.link-refused',
    actor: request.approver,
    step: 'ApprovalEndpoint',
    summary: `${method} refused: ${refusal.reason}`,
    inputs: { approvalId: request.approvalId, invoiceHash: request.invoiceHash },
    details: { method, status: refusal.status, ip: client.ip, userAgent: client.userAgent },
  });
  deps.logger.warn('approval link refused', {
    approvalId: request.approvalId,
    reason: refusal.reason,
    method,
  });
  return page(
    refusal.status,
    renderMessagePage(request.language as Lang, 'alert', refusal.heading, refusal.detail),
  );
}

function auditOf(
  request: ApprovalRequest,
  state: InvoiceState,
  client: Client,
  now: Date,
  type: string,
  summary: string,
  details: Record<string, unknown>,
) {
  return {
    invoiceId: request.invoiceId,
    at: now.toISOString(),
    type,
    actor: request.approver,
    step: 'ApprovalEndpoint',
    summary,
    inputs: {
      approvalId: request.approvalId,
      invoiceHash: state.hash,
      round: request.round,
      kind: request.kind,
    },
    details: { ...details, ip: client.ip, userAgent: client.userAgent },
  };
}

function summaryOf(request: ApprovalRequest, choice: DecisionChoice, result: HumanResult): string {
  const who = request.approver;
  switch (choice) {
    case 'approve':
    case 'correct':
      return result.next === 'NEXT_APPROVER'
        ? `Approved by ${who} (round ${request.round} of ${request.requiredApprovals}); next approver follows`
        : `Approved by ${who}${choice === 'correct' ? ' with a corrected coding' : ''}`;
    case 'reject':
      return `Rejected by ${who}`;
    case 'clarify':
      return `${who} asked a question`;
    case 'answer':
      return `${who} answered; the invoice is checked again`;
    case 'forward':
      return `${who} answered; on to approval`;
  }
}

function doneText(t: Texts, choice: DecisionChoice, result: HumanResult): string {
  if (approves(choice)) return result.next === 'NEXT_APPROVER' ? t.doneNextApprover : t.doneApproved;
  return {
    reject: t.doneRejected,
    clarify: t.doneClarify,
    answer: t.doneAnswer,
    forward: t.doneForward,
    approve: '',
    correct: '',
  }[choice];
}
