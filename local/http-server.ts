import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readOutbox } from '../functions/adapters/local/outbox';
import type { InvoiceRecord } from '../functions/core/records';
import { loadExtracted } from '../functions/core/workflow/invoice-records';
import type { LocalPorts } from './ports';

/** A request as the local server hands it to an app. */
export interface HttpRequestLike {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  ip?: string;
}

export interface HttpResponseLike {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export type HttpApp = (request: HttpRequestLike) => Promise<HttpResponseLike>;

const MAX_BODY_BYTES = 64 * 1024;

/** The list view of an invoice (`GET /api/invoices`). */
export function invoiceSummary(record: InvoiceRecord) {
  return {
    id: record.id,
    status: record.status,
    invoiceNumber: record.invoiceNumber ?? null,
    seller: record.seller ?? null,
    gross: record.gross ?? null,
    payable: record.payable ?? null,
    currency: record.currency ?? null,
    receivedAt: record.receivedAt,
    decidedAt: record.decidedAt ?? null,
    route: record.decision?.route ?? null,
    fileName: record.document?.fileName ?? null,
  };
}

const json = (status: number, value: unknown): HttpResponseLike => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: `${JSON.stringify(value, null, 2)}\n`,
});

/** The read-only JSON API of the local stack, and the signed document view. */
export function createLocalApi(ports: LocalPorts, outboxDir: string): HttpApp {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return json(405, { error: 'Method not allowed: the local API is read-only' });
    }
    if (request.path === '/api/invoices') {
      const limit = Math.min(Number(request.query.limit) || 500, 5000);
      return json(200, (await ports.invoices.list({ limit })).map(invoiceSummary));
    }
    const one = /^\/api\/invoices\/([A-Za-z0-9_-]{1,100})$/.exec(request.path);
    if (one) {
      const record = await ports.invoices.get(one[1] as string);
      if (!record) return json(404, { error: `No invoice ${one[1]}` });
      const extracted = record.extractedKey
        ? await loadExtracted(ports.documents, record.id).catch(() => undefined)
        : undefined;
      const audit = await ports.audit.list(record.id);
      return json(200, {
        ...record,
        invoice: extracted?.invoice ?? null,
        validation: extracted?.validation ?? null,
        extractionWarnings: extracted?.warnings ?? [],
        audit,
      });
    }
    if (request.path === '/api/outbox') {
      const mails = await readOutbox(outboxDir);
      return json(
        200,
        mails.map(({ id, messageId, sentAt, from, to, cc, subject, text, links, headers }) => ({
          id,
          messageId,
          sentAt,
          from,
          to,
          cc,
          subject,
          text,
          links,
          headers,
        })),
      );
    }
    if (request.path === '/documents') {
      const key = await ports.documents.verifyView(new URLSearchParams(request.query));
      if (!key) return json(403, { error: 'This document link is invalid or has expired' });
      return {
        status: 200,
        headers: {
          'content-type': await ports.documents.contentType(key),
          'content-disposition': 'inline',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
        },
        body: await ports.documents.get(key),
      };
    }
    if (request.path === '/' || request.path === '/api') {
      return json(200, {
        service: 'invoice-agent local stack',
        routes: [
          'GET /api/invoices',
          'GET /api/invoices/{id}',
          'GET /api/outbox',
          'GET|POST /approvals/{approvalId}',
        ],
      });
    }
    return json(404, { error: `No route ${request.path}` });
  };
}

/** Serves the apps on 127.0.0.1: each app gets the requests under its path prefix. */
export async function startHttpServer(
  options: { host: string; port: number; onError?(message: string, error: unknown): void },
  routes: { prefix: string; app: HttpApp }[],
): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      options.onError?.('HTTP request failed', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = await readBody(req);
    if (body === undefined) {
      res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8' }).end('Request body too large');
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: HttpRequestLike = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body,
      ip: req.socket.remoteAddress,
    };
    const route = routes.find(
      (r) => request.path === r.prefix.replace(/\/$/, '') || request.path.startsWith(r.prefix),
    );
    const response = route
      ? await route.app(request)
      : { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Not found' };
    res.writeHead(response.status, response.headers);
    res.end(request.method === 'HEAD' ? undefined : response.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
