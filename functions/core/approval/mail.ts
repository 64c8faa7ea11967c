import { html, type SafeHtml } from '../mail/html';
import type { OutgoingMail } from '../ports/messaging';
import type { ApprovalRequest } from './model';
import { formatWhen, type Texts, textsFor } from './texts';
import { type InvoiceView, viewAsText } from './view';

/**
 * Mails to people: approval requests (initial, reminder, deputy), clarification questions and the
 * parked notice. Each has a text and an HTML part; the subject names vendor, number and amount.
 * A request mail has exactly one link to the decision page (which only renders) and one to the
 * document; no link in a mail changes anything.
 */

export interface RequestMailInput {
  request: ApprovalRequest;
  view: InvoiceView;
  decisionUrl: string;
  documentUrl?: string;
  documentLinkHours: number;
  /** For a reminder: when the request was first sent. For a deputy: whom they stand in for. */
  waitingSince?: string;
  standingInFor?: string;
}

export function requestMail(input: RequestMailInput): OutgoingMail {
  const { request, view } = input;
  const t = textsFor(request.language);
  const subjectKind =
    request.kind === 'clarification'
      ? t.subjectClarification
      : request.stage === 'reminded'
        ? t.subjectReminder
        : request.stage === 'escalated'
          ? t.subjectEscalated
          : t.subjectApproval;
  const intro =
    request.kind === 'clarification'
      ? t.introClarification
      : request.stage === 'reminded'
        ? t.introReminder(formatWhen(input.waitingSince ?? request.createdAt, request.language))
        : request.stage === 'escalated'
          ? t.introEscalated(input.standingInFor ?? '—')
          : t.introApproval;
  const validUntil = t.linkValid(formatWhen(request.expiresAt, request.language));
  const fourEyes =
    request.kind === 'approval' && request.requiredApprovals > 1
      ? `${t.fourEyes(request.round, request.requiredApprovals)}${request.previousApprovers.length ? ` ${t.previousApprovers(request.previousApprovers.join(', '))}` : ''}`
      : '';
  const question = request.kind === 'clarification' && request.question ? request.question : '';
  const note = request.clarificationNote;
  const clarified = note ? `${note.question}\n${t.answeredBy(note.by)}: ${note.answer}` : '';

  const text = [
    t.greeting(request.approverName),
    '',
    intro,
    ...(fourEyes ? ['', fourEyes] : []),
    ...(question
      ? ['', `${t.question}${request.askedBy ? ` (${t.askedBy(request.askedBy)})` : ''}:`, question]
      : []),
    '',
    viewAsText(view, t),
    '',
    ...(input.documentUrl
      ? [`${t.document}: ${input.documentUrl}`, t.documentNote(input.documentLinkHours), '']
      : []),
    `${t.openPage}: ${input.decisionUrl}`,
    t.pageNote,
    validUntil,
    '',
    `${t.process}: ${request.invoiceId}`,
  ].join('\n');

  const body = html`<p>${t.greeting(request.approverName)}</p>
<p>${intro}</p>
${fourEyes ? html`<p>${fourEyes}</p>` : ''}
${question ? html`<p><strong>${t.question}</strong>${request.askedBy ? html` (${t.askedBy(request.askedBy)})` : ''}:</p><p>${lines(question)}</p>` : ''}
${clarified ? html`<p><strong>${t.clarified}:</strong></p><p>${lines(clarified)}</p>` : ''}
${viewAsHtml(view, t)}
${input.documentUrl ? html`<p><a href="${input.documentUrl}">${t.document}</a><br><small>${t.documentNote(input.documentLinkHours)}</small></p>` : ''}
<p><a href="${input.decisionUrl}"><strong>${t.openPage}</strong></a><br><small>${t.pageNote} ${validUntil}</small></p>
<p style="color:#555">${t.process} ${request.invoiceId}</p>`;

  return {
    to: [request.approver],
    subject: `[invoice-agent] ${subjectKind}: ${view.label}`,
    text,
    html: body.value,
    headers: {
      'X-Invoice-Id': request.invoiceId,
      'X-Approval-Kind': request.kind,
      'X-Approval-Stage': request.stage,
    },
  };
}

/** To the finance team when nobody decided in time: parked, never approved automatically. */
export function parkedMail(input: {
  view: InvoiceView;
  to: string;
  cc: string[];
  asked: { who: string; since: string }[];
  waited: string;
  documentUrl?: string;
}): OutgoingMail {
  const t = textsFor('de');
  const asked = input.asked.map((a) => `${a.who} (${formatWhen(a.since, 'de')})`);
  const text = [
    t.parkedIntro(input.waited),
    '',
    viewAsText(input.view, t),
    '',
    `${t.parkedAsked}: ${asked.join(', ') || '—'}`,
    ...(input.documentUrl ? ['', `${t.document}: ${input.documentUrl}`] : []),
    '',
    `${t.process}: ${input.view.invoiceId}`,
  ].join('\n');
  const body = html`<p>${t.parkedIntro(input.waited)}</p>
${viewAsHtml(input.view, t)}
<p>${t.parkedAsked}: ${asked.join(', ') || '—'}</p>
${input.documentUrl ? html`<p><a href="${input.documentUrl}">${t.document}</a></p>` : ''}
<p style="color:#555">${t.process} ${input.view.invoiceId}</p>`;
  return {
    to: [input.to],
    ...(input.cc.length ? { cc: input.cc } : {}),
    subject: `[invoice-agent] ${t.subjectParked}: ${input.view.label}`,
    text,
    html: body.value,
    headers: { 'X-Invoice-Id': input.view.invoiceId, 'X-Invoice-Status': 'PARKED' },
  };
}

function viewAsHtml(view: InvoiceView, t: Texts): SafeHtml {
  return html`<table role="presentation">
${view.rows.map((r) => html`<tr><th align="left" valign="top">${r.label}</th><td>${r.value}</td></tr>`)}
</table>
${view.reasons.length ? html`<p><strong>${t.reasons}</strong></p><ul>${view.reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
<p><strong>${t.checks}</strong></p>
<ul>${view.checks.map((c) => html`<li>[${c.statusText}] ${c.message}</li>`)}${view.passedCount ? html`<li>${t.checksPassed(view.passedCount)}</li>` : ''}</ul>
<p><strong>${t.agent}</strong></p>
${view.agent ? html`<p>${view.agent.recommendation}</p><p>${lines(view.agent.explanation)}</p>` : html`<p>${t.noReasoning}</p>`}`;
}

function lines(text: string): SafeHtml {
  return html`${text.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
