import { formatAmountDe, isDecimalLiteral, sameAmount } from '../money';
import type { OutgoingMail } from '../ports/messaging';
import type { InvoiceRecord } from '../records';
import { html } from './html';

/** Short label of an invoice for subjects: vendor, number, amount. */
export function invoiceLabel(record: InvoiceRecord): string {
  const parts = [
    record.seller || record.mail.from || 'Unbekannter Absender',
    record.invoiceNumber ? `Nr. ${record.invoiceNumber}` : record.document?.fileName,
    record.gross ? formatAmountDe(record.gross, record.currency) : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

const STATUS_TEXT: Record<string, { subject: string; line: string }> = {
  APPROVED: { subject: 'Freigegeben', line: 'Die Rechnung ist freigegeben und kann bezahlt werden.' },
  REJECTED: { subject: 'Abgelehnt', line: 'Die Rechnung wurde abgelehnt.' },
  QUARANTINED: {
    subject: 'Quarantäne',
    line: 'Die Rechnung konnte nicht automatisch verarbeitet werden und wartet in der Quarantäne auf Sie. Nichts ist verloren.',
  },
  PARKED: {
    subject: 'Geparkt',
    line: 'Niemand hat rechtzeitig entschieden. Die Rechnung ist geparkt und wird nicht automatisch freigegeben.',
  },
};

/** The outcome mail to the finance team. */
export function outcomeNotification(record: InvoiceRecord, to: string, viewUrl?: string): OutgoingMail {
  const status = STATUS_TEXT[record.status] ?? { subject: record.status, line: `Status: ${record.status}` };
  const reasons = [
    ...(record.quarantine ? [`${record.quarantine.code}: ${record.quarantine.reason}`] : []),
    ...(record.decision?.reasons ?? []).map((r) => `${r.code}: ${r.messageDe}`),
  ];
  const amounts = amountsLine(record);
  const decidedBy = record.outcome
    ? `Entschieden von ${record.outcome.decidedBy} am ${record.outcome.decidedAt}`
    : '';
  const text = [
    status.line,
    '',
    `Rechnung: ${invoiceLabel(record)}`,
    `Eingang: ${record.receivedAt} von ${record.mail.from || 'unbekannt'} (Betreff: ${record.mail.subject})`,
    `Datei: ${record.document?.fileName ?? '—'}`,
    amounts ? `Beträge: ${amounts}` : '',
    decidedBy,
    reasons.length ? `Gründe:\n${reasons.map((r) => `- ${r}`).join('\n')}` : '',
    viewUrl ? `Dokument ansehen: ${viewUrl}` : '',
    '',
    `Vorgang: ${record.id}`,
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const body = html`<p>${status.line}</p>
<table>
<tr><th align="left">Rechnung</th><td>${invoiceLabel(record)}</td></tr>
<tr><th align="left">Eingang</th><td>${record.receivedAt} von ${record.mail.from || 'unbekannt'}</td></tr>
<tr><th align="left">Datei</th><td>${record.document?.fileName ?? '—'}</td></tr>
${amounts ? html`<tr><th align="left">Beträge</th><td>${amounts}</td></tr>` : ''}
${decidedBy ? html`<tr><th align="left">Entscheidung</th><td>${decidedBy}</td></tr>` : ''}
</table>
${reasons.length ? html`<p>Gründe:</p><ul>${reasons.map((r) => html`<li>${r}</li>`)}</ul>` : ''}
${viewUrl ? html`<p><a href="${viewUrl}">Dokument ansehen</a></p>` : ''}
<p style="color:#555">Vorgang ${record.id}</p>`;
  return {
    to: [to],
    subject: `[invoice-agent] ${status.subject}: ${invoiceLabel(record)}`,
    text,
    html: body.value,
    headers: { 'X-Invoice-Id': record.id, 'X-Invoice-Status': record.status },
  };
}

/** Gross, prepaid (BT-113, when stated) and payable (BT-115): payment uses the payable amount. */
export function amountsLine(
  record: Pick<InvoiceRecord, 'gross' | 'prepaid' | 'payable' | 'currency'>,
): string {
  const money = (v: string | undefined) =>
    v && isDecimalLiteral(v) ? formatAmountDe(v, record.currency) : undefined;
  const gross = money(record.gross);
  if (!gross) return '';
  const prepaid = record.prepaid && !sameAmount(record.prepaid, '0') ? money(record.prepaid) : undefined;
  const payable = money(record.payable);
  return [
    `brutto ${gross}`,
    ...(prepaid ? [`bereits bezahlt ${prepaid}`] : []),
    ...(payable ? [`Zahlbetrag ${payable}`] : []),
  ].join(' · ');
}
