import { fail, pass, skip, warn } from './result';
import type { CheckResult, MailContext } from './types';

/**
 * What the receiving mail server said about the mail: sender authentication (SPF, DKIM, DMARC) and
 * the spam verdict. A virus FAIL never gets here: ParseMail quarantines such a mail unopened.
 */
export function mailChecks(mail: MailContext): CheckResult[] {
  return [mailAuthentication(mail), spamVerdict(mail)];
}

const verdict = (v: string | undefined) => v?.trim().toLowerCase() || undefined;

/** DMARC fail, SPF and DKIM both failing, or (where the intake stamps verdicts) no verdicts at all. */
function mailAuthentication(mail: MailContext): CheckResult {
  const id = 'mail.authentication';
  const auth = mail.authentication ?? {};
  const dmarc = verdict(auth.dmarc);
  const spf = verdict(auth.spf);
  const dkim = verdict(auth.dkim);
  const spam = verdict(auth.spam);
  const virus = verdict(auth.virus);
  const evidence = { spf, dkim, dmarc, spam, virus };
  if (mail.verdictsRequired && (spam === undefined || virus === undefined)) {
    return fail(
      id,
      'SENDER_NOT_AUTHENTICATED',
      'The mail carries no verdicts of the receiving mail server (SES spam and virus verdict): it did not come through the intake as expected and counts as not authenticated',
      'Die Mail trägt keine Prüfergebnisse des Empfangsservers (SES-Spam- und Virenprüfung): sie kam nicht wie vorgesehen über den Eingang und gilt als nicht authentifiziert',
      { ...evidence, verdictsRequired: true },
    );
  }
  if (dmarc === undefined && spf === undefined && dkim === undefined) {
    return skip(
      id,
      'No mail authentication results',
      'Keine Ergebnisse der Mail-Authentifizierung',
      evidence,
    );
  }
  if (dmarc === 'fail' || (spf === 'fail' && dkim === 'fail')) {
    return fail(
      id,
      'SENDER_NOT_AUTHENTICATED',
      `The sender address failed mail authentication (SPF ${spf ?? '-'}, DKIM ${dkim ?? '-'}, DMARC ${dmarc ?? '-'}): possibly forged`,
      `Absenderadresse hat die Mail-Authentifizierung nicht bestanden (SPF ${spf ?? '-'}, DKIM ${dkim ?? '-'}, DMARC ${dmarc ?? '-'}): möglicherweise gefälscht`,
      evidence,
    );
  }
  return pass(
    id,
    'Mail authentication passed or was inconclusive',
    'Mail-Authentifizierung bestanden oder ohne Befund',
    evidence,
  );
}

/** SES spam verdict FAIL holds the invoice for a person; GRAY or a failed scan is shown as a warning. */
function spamVerdict(mail: MailContext): CheckResult {
  const id = 'mail.spam';
  const spam = verdict(mail.authentication?.spam);
  const evidence = { spam };
  if (spam === undefined) return skip(id, 'No spam verdict', 'Kein Spam-Prüfergebnis', evidence);
  if (spam === 'fail') {
    return fail(
      id,
      'SPAM_SUSPECTED',
      'The mail server classified the mail as spam: a person must confirm the invoice is genuine',
      'Der Mailserver hat die Mail als Spam eingestuft: ein Mensch muss bestätigen, dass die Rechnung echt ist',
      evidence,
    );
  }
  if (spam !== 'pass') {
    return warn(
      id,
      `Spam verdict ${spam.toUpperCase()}: inconclusive`,
      `Spam-Prüfergebnis ${spam.toUpperCase()}: ohne klaren Befund`,
      evidence,
    );
  }
  return pass(id, 'Not classified as spam', 'Nicht als Spam eingestuft', evidence);
}
