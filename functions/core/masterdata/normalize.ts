/**
 * Normalisers that make master data and invoice data comparable: document numbers (invoice and PO
 * numbers), e-mail domains.
 */

/**
 * Invoice and PO numbers compared the way people write them: case, spaces, dashes and other
 * separators are ignored, and so are leading zeros of every digit run.
 * "RE-2024-0042", "re 2024 42" and "RE2024/042" all become "RE202442".
 */
export function normalizeDocumentNumber(raw: string): string {
  // Repeat until stable, so that normalising a normalised number changes nothing ("0-1" -> "01" -> "1").
  let current = raw;
  for (;;) {
    const next = normalizeOnce(current);
    if (next === current) return next;
    current = next;
  }
}

function normalizeOnce(raw: string): string {
  const tokens = raw
    .normalize('NFKC')
    .toUpperCase()
    .match(/[A-Z\u00C0-\u024F]+|\d+/g);
  if (!tokens) return '';
  return tokens.map((t) => (/^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, '') : t)).join('');
}

/** Lower case, no leading '@' or 'www.', no trailing dot: "@Mail.Example.COM." -> "mail.example.com". */
export function normalizeDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

export function isDomain(domain: string): boolean {
  return DOMAIN_PATTERN.test(domain);
}

/** Domain part of an address ("Name <a@b.de>" or "a@b.de"), normalised; undefined if there is none. */
export function domainOfEmail(address: string): string | undefined {
  const match = /@([^\s>@]+)>?\s*$/.exec(address.trim());
  return match ? normalizeDomain(match[1]!) : undefined;
}

/** The sender domain equals a known domain or is a subdomain of it ("billing.acme.de" matches "acme.de"). */
export function domainMatches(senderDomain: string, knownDomains: readonly string[]): string | undefined {
  const sender = normalizeDomain(senderDomain);
  return knownDomains.find((known) => sender === known || sender.endsWith(`.${known}`));
}
