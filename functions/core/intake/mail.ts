import PostalMime, { type Address, type Email } from 'postal-mime';
import { DEFAULTS } from '../config/settings';
import { LimitExceededError, UnreadableDocumentError } from '../errors';
import type { MailAuthentication } from '../records';
import { sha256Hex } from './hash';

/** More attachments than this is not an invoice mail. */
export const MAX_ATTACHMENTS = 20;

export interface MailAttachment {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  sha256: string;
  inline: boolean;
}

export interface ParsedMail {
  messageId?: string;
  from: string;
  senderDomain: string;
  subject: string;
  date?: string;
  authentication: MailAuthentication;
  attachments: MailAttachment[];
  /** Plain-text body (for the audit trail and the reasoning step's context), capped. */
  text: string;
}

/** Parses raw MIME as SES stores it. Throws typed errors for oversize or garbage. */
export async function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  if (raw.byteLength > DEFAULTS.maxMailBytes) {
    throw new LimitExceededError(`Mail is ${raw.byteLength} bytes, more than ${DEFAULTS.maxMailBytes}`);
  }
  let parsed: Email;
  try {
    parsed = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (cause) {
    throw new UnreadableDocumentError('The mail could not be parsed as MIME', { cause });
  }
  if (parsed.headerLines.length === 0) throw new UnreadableDocumentError('The input has no mail headers');
  if (parsed.attachments.length > MAX_ATTACHMENTS) {
    throw new LimitExceededError(
      `Mail has ${parsed.attachments.length} attachments, more than ${MAX_ATTACHMENTS}`,
    );
  }
  const from = firstAddress(parsed.from) ?? '';
  const date = parsed.date && !Number.isNaN(Date.parse(parsed.date)) ? new Date(parsed.date) : undefined;
  return {
    messageId: parsed.messageId,
    from,
    senderDomain: from.includes('@') ? from.split('@')[1]!.toLowerCase() : '',
    subject: (parsed.subject ?? '').slice(0, 500),
    date: date?.toISOString(),
    authentication: readVerdicts(parsed.headerLines),
    attachments: parsed.attachments.map((a, index) => {
      const bytes = contentBytes(a.content);
      return {
        fileName: safeFileName(a.filename ?? `attachment-${index + 1}`),
        contentType: (a.mimeType || 'application/octet-stream').toLowerCase(),
        bytes,
        sha256: sha256Hex(bytes),
        inline: a.disposition === 'inline' || Boolean(a.related),
      };
    }),
    text: (parsed.text ?? '').slice(0, 20_000),
  };
}

function contentBytes(content: ArrayBuffer | Uint8Array | string): Uint8Array {
  if (typeof content === 'string') return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

function firstAddress(field: Address | undefined): string | undefined {
  const boxes = !field ? [] : field.group ? field.group : [field];
  return boxes.find((b) => b.address)?.address?.toLowerCase();
}

/**
 * SES prepends its verdict headers; a sender can forge copies further down, so only the topmost
 * occurrence of each header counts.
 */
function readVerdicts(headerLines: readonly { key: string; line: string }[]): MailAuthentication {
  const top = (key: string): string | undefined => {
    const line = headerLines.find((h) => h.key === key)?.line;
    return line?.slice(line.indexOf(':') + 1).trim();
  };
  const verdict = (key: string) => top(key)?.toUpperCase();
  const results = top('authentication-results') ?? '';
  const pick = (method: string) => new RegExp(`${method}=(\\w+)`, 'i').exec(results)?.[1]?.toLowerCase();
  return {
    spam: verdict('x-ses-spam-verdict'),
    virus: verdict('x-ses-virus-verdict'),
    spf: pick('spf') ?? verdict('x-ses-spf-verdict')?.toLowerCase(),
    dkim: pick('dkim') ?? verdict('x-ses-dkim-verdict')?.toLowerCase(),
    dmarc: pick('dmarc') ?? verdict('x-ses-dmarc-verdict')?.toLowerCase(),
  };
}

/** File names come from attackers: keep letters, digits, dot, dash, underscore; cap the length. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^\.+/, '')
    .slice(-120);
  return cleaned || 'attachment';
}

const NEVER_INVOICES = [
  /^text\/(calendar|vcard|x-vcard)$/,
  /^application\/(pkcs7-signature|x-pkcs7-signature|pgp-signature|ics)$/,
  /^message\/delivery-status$/,
];

/**
 * Which attachments may be invoices. Everything plausible goes on to extraction, which decides (and
 * quarantines unsupported types with a reason). Left out: signatures, calendar entries, and small inline
 * images such as logos in the signature.
 */
export function invoiceCandidates(attachments: MailAttachment[]): MailAttachment[] {
  return attachments.filter((a) => {
    if (NEVER_INVOICES.some((pattern) => pattern.test(a.contentType))) return false;
    if (a.inline && a.contentType.startsWith('image/') && a.bytes.byteLength < 100_000) return false;
    if (/\.(p7s|asc|sig|ics|vcf)$/i.test(a.fileName)) return false;
    return true;
  });
}
