import { randomBytes } from 'node:crypto';
import { DynamoApprovalRepository } from '../../functions/adapters/aws/dynamo-approval-repository';
import { DynamoAuditLog } from '../../functions/adapters/aws/dynamo-audit-log';
import { DynamoInvoiceRepository } from '../../functions/adapters/aws/dynamo-invoice-repository';
import { DynamoPoLedger } from '../../functions/adapters/aws/dynamo-po-ledger';
import {
  LOCAL_TABLE_NAMES,
  type LocalDynamo,
  startLocalDynamo,
} from '../../functions/adapters/local/dynalite';
import { LocalLinkSigner } from '../../functions/adapters/local/local-link-signer';
import { LocalSecretBox } from '../../functions/adapters/local/local-secret-box';
import type { EndpointDeps } from '../../functions/core/approval/decision-service';
import type { ApprovalDeps, ApprovalLogger } from '../../functions/core/approval/deps';
import { ConflictError, NotFoundError } from '../../functions/core/errors';
import type { Invoice } from '../../functions/core/invoice/model';
import type { InvoiceStatus } from '../../functions/core/invoice/status';
import type { Approver, Vendor } from '../../functions/core/masterdata/types';
import type { Decision } from '../../functions/core/policy/decide';
import type { DocumentStore } from '../../functions/core/ports/documents';
import type { MasterDataRepository } from '../../functions/core/ports/masterdata';
import type { Clock, Mailer, OutgoingMail, TaskResponder } from '../../functions/core/ports/messaging';
import type { AuditLog, InvoiceRepository } from '../../functions/core/ports/records';
import type { AuditEvent, InvoiceRecord } from '../../functions/core/records';
import { extractedKey } from '../../functions/core/workflow/invoice-records';
import { handleApprovalRequest } from '../../functions/handlers/approval-http';
import { functionUrlEvent } from '../../local/function-url';
import type { HttpRequestLike } from '../../local/http-server';

/**
 * Test harness for the approval services: real dynalite behind the DynamoDB adapters (conditional
 * writes are real), the local signer and secret box, and small recording fakes for the rest.
 */

export const FULL_IBAN = 'DE89370400440532013000';
export const FULL_IBAN_SPACED = 'DE89 3704 0044 0532 0130 00';

export class MemoryDocuments implements DocumentStore {
  readonly objects = new Map<string, Uint8Array>();
  async put(key: string, body: Uint8Array | string): Promise<void> {
    this.objects.set(key, typeof body === 'string' ? new TextEncoder().encode(body) : body);
  }
  async get(key: string): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (!body) throw new NotFoundError(`No object ${key}`);
    return body;
  }
  async exists(key: string): Promise<boolean> {
    return this.objects.has(key);
  }
  async contentType(): Promise<string> {
    return 'application/pdf';
  }
  async viewUrl(key: string, seconds: number): Promise<string> {
    return `https://documents.example.test/view/${encodeURIComponent(key)}?expires=${seconds}`;
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    this.sent.push(mail);
    return { messageId: `m-${this.sent.length}` };
  }
}

/** Counts SendTaskSuccess/Failure; can play a task that timed out. */
export class RecordingTasks implements TaskResponder {
  readonly succeeded: { token: string; output: unknown }[] = [];
  readonly failed: { token: string; error: string }[] = [];
  closed = new Set<string>();
  async succeed(token: string, output: unknown): Promise<void> {
    if (this.closed.has(token)) throw Object.assign(new Error('Task timed out'), { name: 'TaskTimedOut' });
    this.succeeded.push({ token, output });
  }
  async fail(token: string, error: string): Promise<void> {
    this.failed.push({ token, error });
  }
  get calls(): number {
    return this.succeeded.length + this.failed.length;
  }
}

export class MemoryMasterData implements MasterDataRepository {
  constructor(
    readonly approvers: Approver[],
    readonly vendors: Vendor[] = [],
  ) {}
  async getVendor(id: string) {
    return this.vendors.find((v) => v.vendorId === id);
  }
  async findVendorsByVatId() {
    return [];
  }
  async findVendorsByIban() {
    return [];
  }
  async listVendors() {
    return this.vendors;
  }
  async getPurchaseOrder() {
    return undefined;
  }
  async listGoodsReceipts() {
    return [];
  }
  async getApprover(email: string) {
    return this.approvers.find((a) => a.email === email);
  }
  async listApprovers() {
    return this.approvers;
  }
}

/** In-memory invoice records (for the load tests; the others use the DynamoDB adapter). */
export class MemoryInvoices implements InvoiceRepository {
  readonly records = new Map<string, InvoiceRecord>();
  async create(record: InvoiceRecord): Promise<boolean> {
    if (this.records.has(record.id)) return false;
    this.records.set(record.id, structuredClone(record));
    return true;
  }
  async get(id: string): Promise<InvoiceRecord | undefined> {
    const record = this.records.get(id);
    return record && structuredClone(record);
  }
  async update(id: string, fields: Partial<InvoiceRecord>, options: { expectStatus?: InvoiceStatus[] } = {}) {
    const current = this.records.get(id);
    if (!current) throw new NotFoundError(`No invoice record ${id}`);
    if (options.expectStatus && !options.expectStatus.includes(current.status)) {
      throw new ConflictError(`Invoice ${id} is ${current.status}`);
    }
    const next = { ...current, ...structuredClone(fields) };
    this.records.set(id, next);
    return structuredClone(next);
  }
  async list(): Promise<InvoiceRecord[]> {
    return [...this.records.values()];
  }
}

export class MemoryAudit implements AuditLog {
  readonly events: AuditEvent[] = [];
  async append(event: AuditEvent): Promise<void> {
    this.events.push(structuredClone(event));
  }
  async list(invoiceId: string): Promise<AuditEvent[]> {
    return this.events.filter((e) => e.invoiceId === invoiceId);
  }
}

export class CapturingLogger implements ApprovalLogger {
  readonly lines: string[] = [];
  info(message: string, extra: Record<string, unknown>) {
    this.lines.push(JSON.stringify({ level: 'INFO', message, ...extra }));
  }
  warn(message: string, extra: Record<string, unknown>) {
    this.lines.push(JSON.stringify({ level: 'WARN', message, ...extra }));
  }
  error(message: string, extra: Record<string, unknown>) {
    this.lines.push(JSON.stringify({ level: 'ERROR', message, ...extra }));
  }
}

export class TestClock implements Clock {
  constructor(public current = new Date('2025-11-24T09:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceHours(hours: number): void {
    this.current = new Date(this.current.getTime() + hours * 3600_000);
  }
}

export const APPROVERS: Approver[] = [
  {
    email: 'anna@firma.example',
    name: 'Anna Albers',
    role: 'Teamleitung',
    costCenters: ['4711'],
    limit: '20000',
    deputyEmail: 'dora@firma.example',
    language: 'de',
  },
  {
    email: 'ben@firma.example',
    name: 'Ben Brown',
    role: 'Head of Ops',
    costCenters: ['*'],
    limit: '100000',
    deputyEmail: 'dora@firma.example',
    language: 'en',
  },
  {
    email: 'dora@firma.example',
    name: 'Dora Deputy',
    role: 'Teamleitung',
    costCenters: ['4711'],
    limit: '50000',
    language: 'de',
  },
  {
    email: 'fin@firma.example',
    name: 'Finn Finance',
    role: 'Buchhaltung',
    costCenters: ['*'],
    limit: '1000',
    language: 'de',
  },
];

export function sampleInvoice(overrides: { gross?: string; iban?: string; number?: string } = {}): Invoice {
  const gross = overrides.gross ?? '1190.00';
  return {
    invoiceNumber: overrides.number ?? 'RE-2025-0042',
    issueDate: '2025-11-20',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2025-12-20',
    notes: [],
    precedingInvoices: [],
    seller: { name: 'Muster Bürobedarf GmbH', identifiers: [], vatId: 'DE123456789' },
    buyer: { name: 'Firma GmbH', identifiers: [] },
    payment: { accounts: [{ iban: overrides.iban ?? FULL_IBAN }] },
    allowances: [],
    charges: [],
    totals: { lineNet: '1000.00', net: '1000.00', vat: '190.00', gross, payable: gross },
    vatBreakdown: [],
    attachments: [],
    lines: [],
    source: { format: 'xrechnung-cii', confidence: 1 } as unknown as Invoice['source'],
  } as Invoice;
}

export function sampleDecision(route: Decision['route'], overrides: Partial<Decision> = {}): Decision {
  return {
    route,
    reasons: [
      {
        code: 'AMOUNT_ABOVE_THRESHOLD',
        message: 'Gross is above the auto-approval limit',
        messageDe: 'Brutto liegt über der Grenze für automatische Freigabe',
      },
    ],
    policyVersion: 'test',
    autonomyLevel: 1,
    holds: [],
    approvers:
      route === 'APPROVE_FOUR_EYES' ? ['anna@firma.example', 'ben@firma.example'] : ['anna@firma.example'],
    deputies: { 'anna@firma.example': 'dora@firma.example' },
    requiresTypedAmount: false,
    ...overrides,
  } as Decision;
}

export interface Harness {
  deps: ApprovalDeps;
  dynamo: LocalDynamo;
  documents: MemoryDocuments;
  mailer: RecordingMailer;
  tasks: RecordingTasks;
  logger: CapturingLogger;
  clock: TestClock;
  linkKey: Buffer;
  /** Creates a CHECKED invoice with its extracted document. */
  addInvoice(options?: {
    decision?: Decision;
    gross?: string;
    iban?: string;
    id?: string;
  }): Promise<InvoiceRecord>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * `memoryRecords`: invoices and audit in memory (load tests); approvals always on dynalite, so the
 * single-use gate and the nonces are real conditional writes.
 */
export async function createHarness(options: { memoryRecords?: boolean } = {}): Promise<Harness> {
  const dynamo = await startLocalDynamo();
  const documents = new MemoryDocuments();
  const mailer = new RecordingMailer();
  const tasks = new RecordingTasks();
  const logger = new CapturingLogger();
  const clock = new TestClock();
  const linkKey = randomBytes(32);
  const deps: ApprovalDeps = {
    invoices: options.memoryRecords
      ? new MemoryInvoices()
      : new DynamoInvoiceRepository(dynamo.client, LOCAL_TABLE_NAMES.invoices),
    audit: options.memoryRecords
      ? new MemoryAudit()
      : new DynamoAuditLog(dynamo.client, LOCAL_TABLE_NAMES.audit),
    approvals: new DynamoApprovalRepository(dynamo.client, LOCAL_TABLE_NAMES.approvals),
    links: LocalLinkSigner.fromKey(linkKey),
    secrets: LocalSecretBox.fromKey(randomBytes(32)),
    mailer,
    tasks,
    clock,
    documents,
    masterData: new MemoryMasterData(APPROVERS),
    ledger: new DynamoPoLedger(dynamo.client, LOCAL_TABLE_NAMES.masterData),
    logger,
    settings: {
      approvalBaseUrl: 'https://approve.example.test',
      approvalLinkTtlHours: 72,
      financeTeamEmail: 'ap@firma.example',
      policy: {
        fourEyesMinGross: '5000',
        confirmTypedAmountMinGross: '10000',
        bankVerificationEmail: undefined,
        financeTeamEmail: undefined,
      },
    },
  };
  return {
    deps,
    dynamo,
    documents,
    mailer,
    tasks,
    logger,
    clock,
    linkKey,
    async addInvoice(options = {}) {
      const id = options.id ?? `inv-${Date.now().toString(36)}-${++counter}`;
      const invoice = sampleInvoice({ gross: options.gross, iban: options.iban });
      await documents.put(extractedKey(id), JSON.stringify({ invoice, warnings: [] }));
      await documents.put(`attachments/${id}/rechnung.pdf`, 'pdf');
      const now = clock.now().toISOString();
      const record: InvoiceRecord = {
        id,
        status: 'CHECKED',
        receivedAt: now,
        updatedAt: now,
        mail: {
          mailId: `mail-${id}`,
          from: 'rechnung@muster.example',
          senderDomain: 'muster.example',
          subject: 'Rechnung',
          receivedAt: now,
          rawKey: `raw/${id}`,
          authentication: {},
        },
        document: {
          key: `attachments/${id}/rechnung.pdf`,
          fileName: 'rechnung.pdf',
          contentType: 'application/pdf',
          sha256: 'abc',
          size: 3,
        },
        extractedKey: extractedKey(id),
        invoiceNumber: invoice.invoiceNumber,
        seller: invoice.seller.name,
        gross: invoice.totals.gross,
        currency: 'EUR',
        checks: [
          {
            id: 'vendor.iban',
            status: 'warn',
            message: `IBAN ${FULL_IBAN_SPACED} is new for this vendor`,
            messageDe: `IBAN ${FULL_IBAN_SPACED} ist neu für diesen Lieferanten`,
            evidence: {},
          },
          {
            id: 'arithmetic.totals',
            status: 'pass',
            message: 'Totals add up',
            messageDe: 'Summen stimmen',
            evidence: {},
          },
        ],
        decision: options.decision ?? sampleDecision('APPROVE'),
        reasoning: {
          engine: 'rules:test',
          recommendation: 'approve',
          explanation: 'Known vendor, usual amount. <script>alert(1)</script>',
          coding: { glAccount: '4930', costCenter: '4711' },
          confidence: 0.9,
        },
        match: {
          vendorId: 'V1',
          poMatched: false,
          costCenter: '4711',
          glAccount: '4930',
          requesterEmail: 'req@firma.example',
        },
      };
      await deps.invoices.create(record);
      return record;
    },
    close: () => dynamo.close(),
  };
}

/** A task token shaped like Step Functions' (long, with + / =). */
export function fakeTaskToken(): string {
  return `AQC${randomBytes(600).toString('base64')}==`;
}

/** The decision link from a mail's text part. */
export function decisionLinkIn(mail: OutgoingMail): string {
  const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
  const link = links.find((l) => l.includes('/approvals/'));
  if (!link) throw new Error(`no decision link in mail "${mail.subject}"`);
  return link;
}

/** Splits a link into what the HTTP service receives. */
export function requestFor(link: string, method = 'GET') {
  const url = new URL(link);
  return {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { 'user-agent': 'vitest' },
    body: '',
    ip: '192.0.2.10',
  };
}

/** Reads the hidden form fields of a rendered page (nonce, exp, sig). */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[m[1]!] = m[2]!;
  return fields;
}

export function postFor(link: string, fields: Record<string, string>) {
  const url = new URL(link);
  return {
    method: 'POST',
    path: url.pathname,
    query: {},
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vitest' },
    body: new URLSearchParams(fields).toString(),
    ip: '192.0.2.10',
  };
}

/** A request to the approval endpoint in the shape the local web server sees it. */
export type HttpRequest = HttpRequestLike;

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The approval endpoint as AWS runs it: the Function URL HTTP layer over the decision service. */
export function createApprovalService(deps: EndpointDeps): (request: HttpRequest) => Promise<HttpResponse> {
  return async (request) => {
    const result = await handleApprovalRequest(deps, functionUrlEvent(request));
    return { status: result.statusCode, headers: result.headers, body: result.body };
  };
}
