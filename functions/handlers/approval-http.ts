import type { LambdaFunctionURLEvent } from 'aws-lambda';
import {
  type Client,
  type EndpointDeps,
  type PageResult,
  showDecisionPage,
  submitDecision,
} from '../core/approval/decision-service';
import { PAGE_STYLE_HASH, renderMessagePage } from '../core/approval/page';
import { textsFor } from '../core/approval/texts';
import { errorMessage } from '../core/errors';

/**
 * The HTTP side of the approval endpoint: routing, methods, form parsing, size cap and security
 * headers. GET/HEAD /approvals/{id}?exp&sig render; POST /approvals/{id} decides. The Lambda Function
 * URL and the local web server both hand it a Function URL event.
 */

const MAX_FORM_BYTES = 16 * 1024;

/** A Function URL response (structured form). */
export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src '${PAGE_STYLE_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function respond({ status, html }: PageResult, extra: Record<string, string> = {}): HttpResult {
  return {
    statusCode: status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...SECURITY_HEADERS, ...extra },
    body: html,
  };
}

const message = (status: number, text: string): PageResult => ({
  status,
  html: renderMessagePage('de', 'alert', text),
});

export async function handleApprovalRequest(
  deps: EndpointDeps,
  event: LambdaFunctionURLEvent,
): Promise<HttpResult> {
  const method = event.requestContext.http.method.toUpperCase();
  const headers = lowerCaseKeys(event.headers ?? {});
  const query = definedValues(event.queryStringParameters ?? {});
  const client: Client = {
    ip: event.requestContext.http.sourceIp || headers['x-forwarded-for']?.split(',')[0]?.trim(),
    userAgent: headers['user-agent']?.slice(0, 300),
  };
  const t = textsFor('de');
  const match = /^\/approvals\/([^/?#]+)\/?$/.exec(event.rawPath);
  if (!match) return respond(message(404, t.errNotFound));
  if (!['GET', 'HEAD', 'POST'].includes(method)) {
    return respond(message(405, t.errMethod), { allow: 'GET, HEAD, POST' });
  }
  const approvalId = safeDecode(match[1] as string);
  try {
    if (method === 'POST') {
      const body = bodyText(event);
      if (Buffer.byteLength(body, 'utf8') > MAX_FORM_BYTES) return respond(message(413, t.errTooLarge));
      const contentType = headers['content-type'] ?? '';
      const isForm = contentType === '' || contentType.startsWith('application/x-www-form-urlencoded');
      const form = new URLSearchParams(isForm ? body : '');
      return respond(await submitDecision(deps, approvalId, form, query, client));
    }
    const page = await showDecisionPage(deps, approvalId, query, client, method === 'HEAD' ? 'HEAD' : 'GET');
    return method === 'HEAD' ? { ...respond(page), body: '' } : respond(page);
  } catch (error) {
    deps.logger.error('approval endpoint failed', { approvalId, error: errorMessage(error), method });
    return respond(message(500, t.errServer));
  }
}

function bodyText(event: LambdaFunctionURLEvent): string {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

function definedValues(values: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}

function lowerCaseKeys(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
