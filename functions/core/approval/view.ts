import type { Invoice } from '../invoice/model';
import { maskIban, normalizeIban } from '../masterdata/iban';
import { sameAmount } from '../money';
import type { Coding, InvoiceRecord } from '../records';
import { formatAmount, type Lang, type Texts, textsFor } from './texts';

/**
 * What an approver sees about an invoice, in mails and on the page: the summary, the checks with
 * their results, why a person is asked, and the agent's explanation and recommendation. Full IBANs
 * never appear: account numbers are masked, and free text is scrubbed of anything IBAN-shaped.
 */
export interface InvoiceView {
  invoiceId: string;
  lang: Lang;
  rows: { label: string; value: string }[];
  /** Subject label: vendor · number · amount. */
  label: string;
  grossText: string;
  checks: { status: string; statusText: string; message: string }[];
  passedCount: number;
  reasons: string[];
  agent?: { recommendation: string; explanation: string; engine: string };
  coding: Coding;
  fileName?: string;
  /** Where each field was read (text and OCR paths only; e-invoice XML is exact). */
  evidence?: { format: string; rows: EvidenceRow[] };
}

export interface EvidenceRow {
  label: string;
  page?: number;
  text: string;
  /** Confidence in percent. */
  confidence: number;
  /** Listed by the extraction check as below the policy's minimum. */
  weak: boolean;
}

const IBAN_LIKE = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;

/** Masks every IBAN-shaped sequence in free text ("DE89 3704 0044 0532 0130 00" -> "DE89 **** 3000"). */
export function scrubIbans(text: string): string {
  return text.replace(IBAN_LIKE, (match) => maskIban(normalizeIban(match)));
}

export function buildInvoiceView(
  record: InvoiceRecord,
  invoice: Invoice | undefined,
  lang: Lang,
): InvoiceView {
  const t = textsFor(lang);
  const currency = invoice?.currency ?? record.currency;
  const gross = invoice?.totals.gross ?? record.gross;
  const grossText = formatAmount(gross, currency, lang);
  const payable = invoice?.totals.payable ?? record.payable;
  const prepaidValue = invoice?.totals.prepaid ?? record.prepaid;
  const prepaid = prepaidValue && !sameAmount(prepaidValue, '0') ? prepaidValue : undefined;
  const vendor = invoice?.seller.name ?? record.seller ?? record.mail.from ?? '—';
  const number = invoice?.invoiceNumber ?? record.invoiceNumber;
  const ibans = (invoice?.payment.accounts ?? []).map((a) => maskIban(normalizeIban(a.iban)));
  const coding: Coding = {
    glAccount: record.reasoning?.coding.glAccount ?? record.match?.glAccount,
    costCenter: record.reasoning?.coding.costCenter ?? record.match?.costCenter,
  };
  const rows = [
    { label: t.vendor, value: vendor },
    { label: t.invoiceNumber, value: number ?? '—' },
    { label: t.issueDate, value: invoice?.issueDate ?? record.issueDate ?? '—' },
    ...(invoice?.dueDate ? [{ label: t.dueDate, value: invoice.dueDate }] : []),
    { label: t.gross, value: grossText },
    ...(invoice ? [{ label: t.net, value: formatAmount(invoice.totals.net, currency, lang) }] : []),
    ...(invoice?.totals.vat
      ? [{ label: t.vat, value: formatAmount(invoice.totals.vat, currency, lang) }]
      : []),
    // BT-113 and BT-115: what was paid before and what is to be paid now.
    ...(prepaid ? [{ label: t.prepaid, value: formatAmount(prepaid, currency, lang) }] : []),
    ...(payable ? [{ label: t.payable, value: formatAmount(payable, currency, lang) }] : []),
    ...(ibans.length ? [{ label: t.iban, value: ibans.join(', ') }] : []),
    ...(record.match?.poNumber || invoice?.purchaseOrderReference
      ? [{ label: t.purchaseOrder, value: record.match?.poNumber ?? invoice?.purchaseOrderReference ?? '' }]
      : []),
    ...(coding.costCenter ? [{ label: t.costCenter, value: coding.costCenter }] : []),
    ...(coding.glAccount ? [{ label: t.glAccount, value: coding.glAccount }] : []),
    ...(record.document ? [{ label: t.fileName, value: record.document.fileName }] : []),
    { label: t.receivedFrom, value: `${record.mail.from || '—'} (${record.receivedAt.slice(0, 10)})` },
  ].map((r) => ({ label: r.label, value: scrubIbans(r.value) }));

  const results = record.checks ?? [];
  const order: Record<string, number> = { fail: 0, warn: 1 };
  const notable = results
    .filter((c) => c.status === 'fail' || c.status === 'warn')
    .sort((a, b) => (order[a.status] ?? 2) - (order[b.status] ?? 2))
    .map((c) => ({
      status: c.status,
      statusText: t.checkStatus[c.status] ?? c.status,
      message: scrubIbans(lang === 'en' ? c.message : c.messageDe),
    }));
  const reasons = (record.decision?.reasons ?? []).map((r) =>
    scrubIbans(lang === 'en' ? r.message : r.messageDe),
  );
  const agent = record.reasoning
    ? {
        recommendation: t.recommendation[record.reasoning.recommendation] ?? record.reasoning.recommendation,
        explanation: scrubIbans(record.reasoning.explanation),
        engine: record.reasoning.engine,
      }
    : undefined;
  return {
    invoiceId: record.id,
    lang,
    rows,
    label: scrubIbans(
      [vendor, number ? `${lang === 'en' ? 'No.' : 'Nr.'} ${number}` : record.document?.fileName, grossText]
        .filter(Boolean)
        .join(' · '),
    ),
    grossText,
    checks: notable,
    passedCount: results.filter((c) => c.status === 'pass').length,
    reasons,
    agent,
    coding,
    fileName: record.document?.fileName,
    ...(invoice ? evidenceView(record, invoice, t) : {}),
  };
}

/** The summary fields with where they were read, for invoices read from text or OCR. */
function evidenceView(record: InvoiceRecord, invoice: Invoice, t: Texts): Pick<InvoiceView, 'evidence'> {
  const fields = invoice.source.fields;
  if (!fields || invoice.source.confidence >= 1) return {};
  const weakCheck = (record.checks ?? []).find((c) => c.id === 'extraction.confidence');
  const weakFields = new Set(
    ((weakCheck?.evidence.weakFields as { field: string }[] | undefined) ?? []).map((w) => w.field),
  );
  const shown: [string, string][] = [
    ['seller.name', t.vendor],
    ['invoiceNumber', t.invoiceNumber],
    ['issueDate', t.issueDate],
    ['dueDate', t.dueDate],
    ['totals.net', t.net],
    ['totals.vat', t.vat],
    ['totals.gross', t.gross],
    ['payment.accounts[0].iban', t.iban],
    ['buyer.name', t.buyer],
    ['paymentTerms', t.paymentTerms],
  ];
  const rows: EvidenceRow[] = [];
  for (const [path, label] of shown) {
    const evidence = fields[path];
    if (!evidence) continue;
    rows.push({
      label,
      ...(evidence.page !== undefined ? { page: evidence.page } : {}),
      text: scrubIbans(evidence.text ?? '—'),
      confidence: Math.round(evidence.confidence * 100),
      weak: weakFields.has(path),
    });
  }
  return rows.length ? { evidence: { format: invoice.source.format, rows } } : {};
}

/** Plain-text block of the view, for the text part of mails. */
export function viewAsText(view: InvoiceView, t: Texts): string {
  const lines = [`${t.summary}:`, ...view.rows.map((r) => `  ${r.label}: ${r.value}`)];
  if (view.reasons.length) lines.push('', `${t.reasons}:`, ...view.reasons.map((r) => `  - ${r}`));
  lines.push('', `${t.checks}:`);
  for (const c of view.checks) lines.push(`  [${c.statusText}] ${c.message}`);
  if (view.passedCount) lines.push(`  ${t.checksPassed(view.passedCount)}`);
  lines.push('', `${t.agent}:`);
  if (view.agent) lines.push(`  ${view.agent.recommendation}`, `  ${view.agent.explanation}`);
  else lines.push(`  ${t.noReasoning}`);
  return lines.join('\n');
}
