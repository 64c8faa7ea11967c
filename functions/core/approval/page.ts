import { createHash } from 'node:crypto';
import { html, raw, type SafeHtml } from '../mail/html';
import { approvalPath } from './link';
import type { ApprovalRequest } from './model';
import { CHOICES } from './outcome';
import { formatWhen, type Lang, type Texts, textsFor } from './texts';
import type { InvoiceView } from './view';

/**
 * The decision page: plain server-rendered HTML with one small stylesheet, readable on a phone,
 * labelled for screen readers, high contrast, and no JavaScript at all. GET/HEAD only render it;
 * deciding is a POST of the form with a per-view nonce and an explicit button.
 */

export const PAGE_STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#111;background:#f4f4f4}
main{max-width:42rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ccc}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem .75rem;margin:0}
dt{font-weight:600;overflow-wrap:anywhere}
@media (max-width:22rem){dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.5rem}}
dd{margin:0;overflow-wrap:anywhere}
ul{padding-left:1.2rem}
.fail{color:#8a0000}
.warn{color:#6b4700}
.tag{font-weight:700}
.note{color:#333;font-size:.95rem}
.alert{border:2px solid #8a0000;background:#fff0f0;padding:.75rem;margin:1rem 0}
.ok{border:2px solid #0b5d1e;background:#effaf1;padding:.75rem;margin:1rem 0}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px}
textarea{min-height:5rem}
fieldset{border:1px solid #999;padding:.75rem;margin:1rem 0}
legend{font-weight:700}
.buttons{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:1rem}
button{font:inherit;font-weight:600;padding:.7rem 1rem;border-radius:4px;border:2px solid #111;background:#fff;color:#111;cursor:pointer;min-height:44px}
button.primary{background:#0b5d1e;border-color:#0b5d1e;color:#fff}
button.danger{background:#8a0000;border-color:#8a0000;color:#fff}
a{color:#0645ad}
:focus{outline:3px solid #1a73e8;outline-offset:2px}
footer{margin-top:2rem;color:#444;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .4rem;border-bottom:1px solid #ddd;overflow-wrap:anywhere}
`;

/** For the Content-Security-Policy: only this exact stylesheet may apply. */
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}`;

function layout(t: Texts, title: string, body: SafeHtml): string {
  return `<!doctype html>\n${
    html`<html lang="${t.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${raw(PAGE_STYLE)}</style>
</head>
<body>
<main>
${body}
<footer>${t.footer}</footer>
</main>
</body>
</html>`.value
  }\n`;
}

export interface DecisionPageInput {
  request: ApprovalRequest;
  view: InvoiceView;
  /** Fresh short-lived link to the original document. */
  documentUrl?: string;
  link: { exp: number; sig: string };
  nonce: string;
  /** Shown above the form after a refused submission (the person corrects and submits again). */
  error?: string;
  /** Values to keep after a refused submission. */
  values?: { comment?: string; glAccount?: string; costCenter?: string };
}

export function renderDecisionPage(input: DecisionPageInput): string {
  const { request, view } = input;
  const t = textsFor(request.language);
  const clarification = request.kind === 'clarification';
  const title = clarification ? t.titleClarification : t.title;
  const values = input.values ?? {};
  const summary = html`<section aria-labelledby="h-summary">
<h2 id="h-summary">${t.summary}</h2>
<dl>${view.rows.map((r) => html`<dt>${r.label}</dt><dd>${r.value}</dd>`)}</dl>
${input.documentUrl ? html`<p><a href="${input.documentUrl}" rel="noreferrer noopener" target="_blank">${t.document}</a></p>` : ''}
</section>`;
  const evidence = view.evidence
    ? html`<section aria-labelledby="h-evidence">
<h2 id="h-evidence">${t.evidence}</h2>
<p class="note">${t.evidenceNote(view.evidence.format)}</p>
<table><thead><tr><th scope="col">${t.evidenceField}</th><th scope="col">${t.evidencePage}</th><th scope="col">${t.evidenceText}</th><th scope="col">${t.evidenceConfidence}</th></tr></thead>
<tbody>${view.evidence.rows.map(
        (r) =>
          html`<tr${r.weak ? raw(' class="warn"') : ''}><th scope="row">${r.label}</th><td>${r.page === undefined ? '—' : String(r.page)}</td><td>${r.text}</td><td>${`${r.confidence} %`}${r.weak ? html` <strong>(${t.evidenceWeak})</strong>` : ''}</td></tr>`,
      )}</tbody></table>
</section>`
    : '';
  const question =
    clarification && request.question
      ? html`<section aria-labelledby="h-question"><h2 id="h-question">${t.question}</h2>
<p class="note">${request.askedBy ? t.askedBy(request.askedBy) : ''}</p>
<p>${multiline(request.question)}</p></section>`
      : '';
  const note = request.clarificationNote;
  const clarified = note
    ? html`<section aria-labelledby="h-clarified"><h2 id="h-clarified">${t.clarified}</h2>
<p>${multiline(note.question)}</p>
<p><strong>${t.answeredBy(note.by)}:</strong> ${multiline(note.answer)}</p></section>`
    : '';
  const reasons = view.reasons.length
    ? html`<section aria-labelledby="h-reasons"><h2 id="h-reasons">${t.reasons}</h2>
<ul>${view.reasons.map((r) => html`<li>${r}</li>`)}</ul></section>`
    : '';
  const checks = html`<section aria-labelledby="h-checks"><h2 id="h-checks">${t.checks}</h2>
<ul>${view.checks.map((c) => html`<li class="${c.status}"><span class="tag">${c.statusText}:</span> ${c.message}</li>`)}${
    view.passedCount ? html`<li>${t.checksPassed(view.passedCount)}</li>` : ''
  }</ul></section>`;
  const agent = html`<section aria-labelledby="h-agent"><h2 id="h-agent">${t.agent}</h2>
${view.agent ? html`<p><strong>${view.agent.recommendation}</strong></p><p>${multiline(view.agent.explanation)}</p>` : html`<p>${t.noReasoning}</p>`}
</section>`;
  const fourEyes =
    request.kind === 'approval' && request.requiredApprovals > 1
      ? html`<p class="note">${t.fourEyes(request.round, request.requiredApprovals)}${
          request.previousApprovers.length
            ? html` ${t.previousApprovers(request.previousApprovers.join(', '))}`
            : ''
        }</p>`
      : '';
  const form = html`<form method="post" action="${approvalPath(request.approvalId)}" aria-labelledby="h-form">
<h2 id="h-form">${clarification ? t.yourAnswer : t.yourDecision}</h2>
${input.error ? html`<p class="alert" role="alert">${input.error}</p>` : ''}
<input type="hidden" name="exp" value="${String(input.link.exp)}">
<input type="hidden" name="sig" value="${input.link.sig}">
<input type="hidden" name="nonce" value="${input.nonce}">
<label for="comment">${clarification ? t.yourAnswer : t.comment}</label>
<textarea id="comment" name="comment" maxlength="2000" aria-describedby="comment-help">${values.comment ?? ''}</textarea>
<p id="comment-help" class="note">${clarification ? t.answerHelp : t.commentHelp}</p>
${
  !clarification && request.requiresTypedAmount
    ? html`<label for="confirmAmount">${t.typedAmount(view.grossText)}</label>
<input id="confirmAmount" name="confirmAmount" type="text" inputmode="decimal" autocomplete="off" aria-describedby="amount-help">
<p id="amount-help" class="note">${t.typedAmountHelp}</p>`
    : ''
}
${
  !clarification
    ? html`<fieldset><legend>${t.coding}</legend>
<p class="note">${t.codingHelp}</p>
<label for="glAccount">${t.glAccount}</label>
<input id="glAccount" name="glAccount" type="text" maxlength="20" autocomplete="off" value="${values.glAccount ?? view.coding.glAccount ?? ''}">
<label for="costCenter">${t.costCenter}</label>
<input id="costCenter" name="costCenter" type="text" maxlength="20" autocomplete="off" value="${values.costCenter ?? view.coding.costCenter ?? ''}">
</fieldset>`
    : ''
}
<div class="buttons">
${CHOICES[request.kind].map(
  (choice) =>
    html`<button type="submit" name="choice" value="${choice}" class="${choice === 'approve' || choice === 'forward' ? 'primary' : choice === 'reject' ? 'danger' : ''}">${t[choice]}</button>`,
)}
</div>
<p class="note">${t.linkValid(formatWhen(new Date(input.link.exp * 1000).toISOString(), request.language))}</p>
</form>`;
  return layout(
    t,
    `${title}: ${view.label}`,
    html`<h1>${title}</h1>
<p>${view.label}</p>
${fourEyes}
${question}
${clarified}
${summary}
${evidence}
${reasons}
${checks}
${agent}
${form}
<p class="note">${t.process} ${request.invoiceId}</p>`,
  );
}

/** A page with one message: the result of a decision, or why a link does not work. */
export function renderMessagePage(
  lang: Lang,
  kind: 'ok' | 'alert',
  heading: string,
  detail?: string,
): string {
  const t = textsFor(lang);
  return layout(
    t,
    heading,
    html`<h1>${kind === 'ok' ? t.title : heading}</h1>
<div class="${kind}" role="${kind === 'ok' ? 'status' : 'alert'}"><p><strong>${heading}</strong></p>${detail ? html`<p>${detail}</p>` : ''}</div>`,
  );
}

function multiline(text: string): SafeHtml {
  return html`${text.split('\n').map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`))}`;
}
