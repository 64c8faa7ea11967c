import { formatAmountDe, isDecimalLiteral } from '../money';

/** Texts of the approval mails and pages: German by default, English per approver setting. */

export type Lang = 'de' | 'en';

const de = {
  lang: 'de',
  title: 'Rechnungsfreigabe',
  titleClarification: 'Rückfrage zu einer Rechnung',
  vendor: 'Lieferant',
  invoiceNumber: 'Rechnungsnummer',
  issueDate: 'Rechnungsdatum',
  dueDate: 'Fällig am',
  gross: 'Betrag brutto',
  net: 'Netto',
  vat: 'Umsatzsteuer',
  prepaid: 'Bereits bezahlt (Anzahlung)',
  payable: 'Zahlbetrag',
  iban: 'Bankverbindung',
  purchaseOrder: 'Bestellung',
  costCenter: 'Kostenstelle',
  glAccount: 'Sachkonto',
  fileName: 'Datei',
  receivedFrom: 'Eingegangen von',
  summary: 'Rechnung',
  evidence: 'Wo die Daten im Dokument stehen',
  evidenceNote: (format: string) =>
    `Die Daten wurden aus dem sichtbaren Text gelesen (${format}), nicht aus einer E-Rechnung. Je Feld: Seite, gelesener Text und Sicherheit.`,
  evidenceField: 'Feld',
  evidencePage: 'Seite',
  evidenceText: 'Gelesener Text',
  evidenceConfidence: 'Sicherheit',
  evidenceWeak: 'unsicher, bitte prüfen',
  buyer: 'Rechnungsempfänger',
  paymentTerms: 'Zahlungsbedingungen',
  checks: 'Prüfungen',
  checkStatus: { pass: 'ok', warn: 'Hinweis', fail: 'Problem', skip: 'nicht anwendbar' } as Record<
    string,
    string
  >,
  checksPassed: (n: number) => `${n} weitere Prüfungen ohne Befund`,
  reasons: 'Warum Sie gefragt werden',
  agent: 'Einschätzung des Agenten',
  recommendation: {
    approve: 'Empfehlung: freigeben',
    review: 'Empfehlung: genau prüfen',
    reject: 'Empfehlung: ablehnen',
  } as Record<string, string>,
  noReasoning: 'Keine Einschätzung des Agenten verfügbar; die Prüfungen oben sind maßgeblich.',
  document: 'Originaldokument ansehen',
  documentNote: (hours: number) =>
    `Der Dokumentlink ist ${hours} Stunden gültig; die Entscheidungsseite enthält immer einen frischen Link.`,
  openPage: 'Zur Entscheidungsseite',
  pageNote:
    'Der Link öffnet nur die Seite; entschieden wird erst dort mit einem Klick auf eine Schaltfläche.',
  linkValid: (until: string) => `Der Link ist gültig bis ${until}.`,
  question: 'Frage',
  clarified: 'Rückfrage und Antwort',
  answeredBy: (who: string) => `Antwort von ${who}`,
  askedBy: (who: string) => `Gefragt von ${who}`,
  fourEyes: (round: number, of: number) => `Vier-Augen-Prinzip: Freigabe ${round} von ${of}.`,
  previousApprovers: (who: string) => `Bereits freigegeben von: ${who}`,
  subjectApproval: 'Freigabe erbeten',
  subjectReminder: 'Erinnerung: Freigabe erbeten',
  subjectEscalated: 'Vertretung: Freigabe erbeten',
  subjectClarification: 'Rückfrage',
  subjectParked: 'Geparkt, keine Entscheidung',
  greeting: (name?: string) => (name ? `Hallo ${name},` : 'Hallo,'),
  introApproval: 'bitte entscheiden Sie über die folgende Rechnung.',
  introReminder: (since: string) => `die folgende Rechnung wartet seit ${since} auf Ihre Entscheidung.`,
  introEscalated: (who: string) =>
    `${who} hat nicht rechtzeitig entschieden. Sie sind als Vertretung eingetragen; bitte entscheiden Sie über die folgende Rechnung. Der frühere Link ist nicht mehr gültig.`,
  introClarification: 'zu der folgenden Rechnung gibt es eine Rückfrage, die nur Sie beantworten können.',
  parkedIntro: (hours: string) =>
    `Zu der folgenden Rechnung hat niemand rechtzeitig entschieden (${hours}). Sie ist geparkt und wird nicht automatisch freigegeben. Bitte klären Sie sie manuell.`,
  parkedAsked: 'Gefragt wurden',
  // page
  yourDecision: 'Ihre Entscheidung',
  yourAnswer: 'Ihre Antwort',
  comment: 'Begründung oder Kommentar',
  commentHelp: 'Pflicht bei Ablehnung und Rückfrage.',
  answerHelp: 'Pflicht: Ihre Antwort auf die Frage.',
  coding: 'Kontierung',
  codingHelp:
    'Nur ändern, wenn die vorgeschlagene Kontierung falsch ist; dann „Kontierung korrigieren und freigeben“ wählen.',
  typedAmount: (amount: string) => `Zur Bestätigung den Bruttobetrag eintippen (${amount})`,
  typedAmountHelp: 'Pflicht bei Freigabe: hohe Beträge werden durch Eintippen bestätigt.',
  approve: 'Freigeben',
  reject: 'Ablehnen',
  clarify: 'Rückfrage stellen',
  correct: 'Kontierung korrigieren und freigeben',
  answer: 'Beantworten und erneut prüfen lassen',
  forward: 'Beantworten und zur Freigabe weiterleiten',
  // results
  doneApproved: 'Danke. Die Rechnung ist freigegeben.',
  doneNextApprover: 'Danke. Ihre Freigabe ist erfasst; als Nächstes gibt eine zweite Person frei.',
  doneRejected: 'Danke. Die Rechnung ist abgelehnt.',
  doneClarify: 'Danke. Ihre Rückfrage ist weitergeleitet.',
  doneAnswer: 'Danke. Die Rechnung wird mit Ihrer Antwort erneut geprüft.',
  doneForward: 'Danke. Die Rechnung geht mit Ihrer Antwort zur Freigabe.',
  doneLate:
    'Ihre Entscheidung ist erfasst. Der Workflow hatte inzwischen eine Erinnerung ausgelöst und übernimmt sie beim nächsten Schritt.',
  // errors
  errInvalid: 'Dieser Link ist ungültig.',
  errInvalidHelp: 'Bitte öffnen Sie den Link aus der neuesten Mail unverändert. Es wurde nichts geändert.',
  errExpired: 'Dieser Link ist abgelaufen.',
  errExpiredHelp:
    'Es wurde nichts geändert. Sie erhalten eine Erinnerung mit einem neuen Link, oder die Anfrage geht an Ihre Vertretung.',
  errRevoked: 'Diese Anfrage gilt nicht mehr.',
  errRevokedHelp:
    'Die Entscheidung liegt inzwischen bei einer anderen Person (Vertretung) oder die Rechnung wurde geparkt. Es wurde nichts geändert.',
  errDecided: (who: string, when: string) => `Bereits entschieden von ${who} am ${when}.`,
  errDecidedHelp: 'Es wurde nichts geändert.',
  errChanged: 'Die Rechnung hat sich seit dieser Anfrage geändert.',
  errChangedHelp:
    'Lieferant, Nummer, Betrag oder Bankverbindung weichen ab. Es wurde nichts geändert; bitte wenden Sie sich an die Buchhaltung.',
  errNonce: 'Dieses Formular wurde bereits verwendet oder ist abgelaufen.',
  errNonceHelp:
    'Bitte laden Sie die Seite über den Link neu und entscheiden Sie dort. Es wurde nichts geändert.',
  errChoice: 'Bitte wählen Sie eine der Schaltflächen.',
  errReason: 'Bitte geben Sie eine Begründung an.',
  errQuestion: 'Bitte schreiben Sie Ihre Frage in das Kommentarfeld.',
  errAnswer: 'Bitte schreiben Sie Ihre Antwort in das Kommentarfeld.',
  errAmount: 'Der eingetippte Betrag stimmt nicht mit dem Bruttobetrag überein. Es wurde nichts geändert.',
  errCoding: 'Bitte geben Sie eine geänderte Kontierung (Sachkonto oder Kostenstelle) an.',
  errCodingFormat:
    'Sachkonto und Kostenstelle: nur Buchstaben, Ziffern, Punkt, Binde- und Unterstrich (max. 20 Zeichen).',
  errSameApprover:
    'Sie haben diese Rechnung bereits freigegeben; die zweite Freigabe muss eine andere Person geben.',
  errNotFound: 'Seite nicht gefunden.',
  errMethod: 'Diese Anfrage ist hier nicht erlaubt.',
  errTooLarge: 'Die Anfrage ist zu groß.',
  errServer: 'Ein Fehler ist aufgetreten. Es wurde nichts geändert; bitte versuchen Sie es später erneut.',
  footer: 'invoice-agent · Diese Seite verwendet kein JavaScript.',
  process: 'Vorgang',
};

export type Texts = typeof de;

const en: Texts = {
  lang: 'en',
  title: 'Invoice approval',
  titleClarification: 'Question about an invoice',
  vendor: 'Vendor',
  invoiceNumber: 'Invoice number',
  issueDate: 'Invoice date',
  dueDate: 'Due',
  gross: 'Gross amount',
  net: 'Net',
  vat: 'VAT',
  prepaid: 'Already paid (prepayment)',
  payable: 'Amount due',
  iban: 'Bank account',
  purchaseOrder: 'Purchase order',
  costCenter: 'Cost centre',
  glAccount: 'GL account',
  fileName: 'File',
  receivedFrom: 'Received from',
  summary: 'Invoice',
  evidence: 'Where the data stands in the document',
  evidenceNote: (format: string) =>
    `The data was read from the visible text (${format}), not from an e-invoice. Per field: page, text read and confidence.`,
  evidenceField: 'Field',
  evidencePage: 'Page',
  evidenceText: 'Text read',
  evidenceConfidence: 'Confidence',
  evidenceWeak: 'uncertain, please check',
  buyer: 'Invoice recipient',
  paymentTerms: 'Payment terms',
  checks: 'Checks',
  checkStatus: { pass: 'ok', warn: 'note', fail: 'problem', skip: 'not applicable' },
  checksPassed: (n: number) => `${n} more checks without findings`,
  reasons: 'Why you are asked',
  agent: "The agent's assessment",
  recommendation: {
    approve: 'Recommendation: approve',
    review: 'Recommendation: review carefully',
    reject: 'Recommendation: reject',
  },
  noReasoning: 'No assessment by the agent is available; the checks above are what counts.',
  document: 'View the original document',
  documentNote: (hours: number) =>
    `The document link is valid for ${hours} hours; the decision page always has a fresh one.`,
  openPage: 'Open the decision page',
  pageNote: 'The link only opens the page; you decide there by pressing a button.',
  linkValid: (until: string) => `The link is valid until ${until}.`,
  question: 'Question',
  clarified: 'Question and answer',
  answeredBy: (who: string) => `Answer from ${who}`,
  askedBy: (who: string) => `Asked by ${who}`,
  fourEyes: (round: number, of: number) => `Four eyes: approval ${round} of ${of}.`,
  previousApprovers: (who: string) => `Already approved by: ${who}`,
  subjectApproval: 'Approval requested',
  subjectReminder: 'Reminder: approval requested',
  subjectEscalated: 'Deputy: approval requested',
  subjectClarification: 'Question',
  subjectParked: 'Parked, no decision',
  greeting: (name?: string) => (name ? `Hello ${name},` : 'Hello,'),
  introApproval: 'please decide on the following invoice.',
  introReminder: (since: string) =>
    `the following invoice has been waiting for your decision since ${since}.`,
  introEscalated: (who: string) =>
    `${who} did not decide in time. You are the deputy; please decide on the following invoice. The earlier link no longer works.`,
  introClarification: 'there is a question about the following invoice that only you can answer.',
  parkedIntro: (hours: string) =>
    `Nobody decided on the following invoice in time (${hours}). It is parked and will never be approved automatically. Please resolve it by hand.`,
  parkedAsked: 'Asked were',
  yourDecision: 'Your decision',
  yourAnswer: 'Your answer',
  comment: 'Reason or comment',
  commentHelp: 'Required to reject or to ask a question.',
  answerHelp: 'Required: your answer to the question.',
  coding: 'Coding',
  codingHelp: 'Only change it if the proposed coding is wrong; then choose “Correct the coding and approve”.',
  typedAmount: (amount: string) => `Type the gross amount to confirm (${amount})`,
  typedAmountHelp: 'Required to approve: large amounts are confirmed by typing them.',
  approve: 'Approve',
  reject: 'Reject',
  clarify: 'Ask a question',
  correct: 'Correct the coding and approve',
  answer: 'Answer and check again',
  forward: 'Answer and forward for approval',
  doneApproved: 'Thank you. The invoice is approved.',
  doneNextApprover: 'Thank you. Your approval is recorded; a second person approves next.',
  doneRejected: 'Thank you. The invoice is rejected.',
  doneClarify: 'Thank you. Your question has been passed on.',
  doneAnswer: 'Thank you. The invoice is checked again with your answer.',
  doneForward: 'Thank you. The invoice goes on for approval with your answer.',
  doneLate:
    'Your decision is recorded. The workflow had meanwhile sent a reminder and picks it up at its next step.',
  errInvalid: 'This link is not valid.',
  errInvalidHelp: 'Please open the link from the newest mail unchanged. Nothing was changed.',
  errExpired: 'This link has expired.',
  errExpiredHelp:
    'Nothing was changed. You will get a reminder with a new link, or the request goes to your deputy.',
  errRevoked: 'This request is no longer open.',
  errRevokedHelp: 'Another person (your deputy) decides now, or the invoice was parked. Nothing was changed.',
  errDecided: (who: string, when: string) => `Already decided by ${who} at ${when}.`,
  errDecidedHelp: 'Nothing was changed.',
  errChanged: 'The invoice has changed since this request.',
  errChangedHelp:
    'Vendor, number, amount or bank account differ. Nothing was changed; please contact accounts payable.',
  errNonce: 'This form was already used or has expired.',
  errNonceHelp: 'Please reload the page from the link and decide there. Nothing was changed.',
  errChoice: 'Please choose one of the buttons.',
  errReason: 'Please give a reason.',
  errQuestion: 'Please write your question in the comment field.',
  errAnswer: 'Please write your answer in the comment field.',
  errAmount: 'The amount you typed does not match the gross amount. Nothing was changed.',
  errCoding: 'Please enter a changed coding (GL account or cost centre).',
  errCodingFormat: 'GL account and cost centre: letters, digits, dot, dash and underscore only (at most 20).',
  errSameApprover: 'You already approved this invoice; the second approval must come from another person.',
  errNotFound: 'Page not found.',
  errMethod: 'This request is not allowed here.',
  errTooLarge: 'The request is too large.',
  errServer: 'Something went wrong. Nothing was changed; please try again later.',
  footer: 'invoice-agent · This page uses no JavaScript.',
  process: 'Case',
};

export function textsFor(lang: Lang | undefined): Texts {
  return lang === 'en' ? en : de;
}

/** Dates for people: "24.11.2025, 14:05 UTC" (de) or "2025-11-24 14:05 UTC" (en). */
export function formatWhen(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
  return lang === 'en'
    ? `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${time}`
    : `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}, ${time}`;
}

/** Amounts for people: 1.234,56 EUR (de) or 1,234.56 EUR (en). */
export function formatAmount(amount: string | undefined, currency: string | undefined, lang: Lang): string {
  if (!amount || !isDecimalLiteral(amount)) return amount ?? '—';
  const german = formatAmountDe(amount, currency);
  if (lang === 'de') return german;
  return german.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}
