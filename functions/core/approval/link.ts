import { createHash, randomBytes } from 'node:crypto';
import type { Invoice } from '../invoice/model';
import { normalizeIban } from '../masterdata/iban';
import { normalizeDecimal, tryDec } from '../money';
import type { ApprovalRequest } from './model';

/**
 * Approval links: `${base}/approvals/<approvalId>?exp=<unix seconds>&sig=<base64url HMAC>`.
 * The HMAC covers approval id, approver, invoice hash and expiry; approver and hash are not in the
 * URL but come from the server's records, so a link for another person or a changed invoice fails.
 * The task token is never part of a link.
 */

const LINK_DOMAIN = 'invoice-agent/approval-link/v1';

/** What the signature covers, with a domain prefix so no other signed message can be replayed as a link. */
export function linkMessage(fields: {
  approvalId: string;
  approver: string;
  invoiceHash: string;
  expiresAtSeconds: number;
}): string {
  return [
    LINK_DOMAIN,
    fields.approvalId,
    fields.approver.toLowerCase(),
    fields.invoiceHash,
    fields.expiresAtSeconds,
  ].join('|');
}

export function approvalPath(approvalId: string): string {
  return `/approvals/${encodeURIComponent(approvalId)}`;
}

export function approvalUrl(
  baseUrl: string,
  approvalId: string,
  expiresAtSeconds: number,
  signature: string,
): string {
  const query = new URLSearchParams({ exp: String(expiresAtSeconds), sig: signature });
  return `${baseUrl.replace(/\/+$/, '')}${approvalPath(approvalId)}?${query}`;
}

/** Signs a fresh link for a request (expiry from the request). */
export async function signedLink(
  request: Pick<ApprovalRequest, 'approvalId' | 'approver' | 'invoiceHash' | 'expiresAt'>,
  baseUrl: string,
  signer: { sign(message: string): Promise<string> },
): Promise<string> {
  const exp = Math.floor(new Date(request.expiresAt).getTime() / 1000);
  const signature = await signer.sign(linkMessage({ ...request, expiresAtSeconds: exp }));
  return approvalUrl(baseUrl, request.approvalId, exp, signature);
}

const APPROVAL_ID = /^[A-Za-z0-9_-]{16,64}$/;
const SIGNATURE = /^[A-Za-z0-9_-]{16,128}$/;

export function isApprovalId(value: string): boolean {
  return APPROVAL_ID.test(value);
}

/** Link parameters as received; undefined when they cannot be a link of ours. */
export function parseLinkParams(
  exp: string | undefined,
  sig: string | undefined,
): { exp: number; sig: string } | undefined {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !SIGNATURE.test(sig)) return undefined;
  return { exp: Number(exp), sig };
}

/**
 * Identity of the invoice as the approver saw it: vendor (name, VAT id), number (BT-1), gross
 * (BT-112) with currency (BT-5) and the payee IBANs (BT-84). Any change makes old links invalid.
 */
export function invoiceHash(
  invoice: Pick<Invoice, 'seller' | 'invoiceNumber' | 'totals' | 'currency' | 'payment'>,
): string {
  const gross = invoice.totals?.gross;
  const canonical = JSON.stringify([
    (invoice.seller?.name ?? '').trim().toLowerCase(),
    (invoice.seller?.vatId ?? '').replace(/\s/g, '').toUpperCase(),
    (invoice.invoiceNumber ?? '').trim(),
    gross && tryDec(gross) ? normalizeDecimal(gross) : (gross ?? ''),
    invoice.currency ?? '',
    (invoice.payment?.accounts ?? []).map((a) => normalizeIban(a.iban)).sort(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Id of a request, derived from the wait's task token: a Lambda retry finds the same request. */
export function approvalIdFor(tokenRef: string): string {
  return createHash('sha256').update(`approval-id|${tokenRef}`).digest('base64url').slice(0, 24);
}

/** SHA-256 of a task token (the token itself is only ever stored sealed). */
export function tokenRefOf(taskToken: string): string {
  return createHash('sha256').update(taskToken).digest('hex');
}

/** A per-view nonce for the decision form. */
export function newNonce(): string {
  return randomBytes(24).toString('base64url');
}
