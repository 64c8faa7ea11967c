import { runChecks } from '../../../functions/core/checks/run';
import type { CheckInput, CheckOutcome, CheckResult } from '../../../functions/core/checks/types';
import type { Invoice } from '../../../functions/core/invoice/model';
import type { Approver, GoodsReceipt, PurchaseOrder, Vendor } from '../../../functions/core/masterdata/types';
import { type PolicyConfig, parsePolicyConfig } from '../../../functions/core/policy/config';
import type { InvoiceSummary } from '../../../functions/core/ports/history';
import { buildInvoice, type InvoiceSpec, type SellerSpec } from '../../scenarios/builder';
import { InMemoryHistory, InMemoryMasterData } from '../../scenarios/in-memory-ports';

/** Small, readable fixtures for the check and policy unit tests. */

export const SELLER: SellerSpec = {
  name: 'Muster Bürobedarf GmbH',
  vatId: 'DE811907980',
  iban: 'DE89370400440532013000',
  email: 'rechnung@muster.de',
};

export const VENDOR: Vendor = {
  vendorId: 'V1',
  name: 'Muster Bürobedarf GmbH',
  vatId: 'DE811907980',
  ibans: ['DE89370400440532013000'],
  emailDomains: ['muster.de'],
  glAccount: '4930',
  costCenter: '1000',
  requiresPo: false,
};

export const PO: PurchaseOrder = {
  poNumber: 'PO-1',
  vendorId: 'V1',
  currency: 'EUR',
  lines: [
    {
      line: '1',
      description: 'Kopierpapier A4',
      quantity: '100',
      unitPrice: '4.50',
      costCenter: '2000',
      requesterEmail: 'erik@firma.de',
    },
    {
      line: '2',
      description: 'Toner schwarz',
      quantity: '2',
      unitPrice: '89.90',
      costCenter: '2000',
      requesterEmail: 'erik@firma.de',
    },
  ],
};

export const RECEIVED_ALL: GoodsReceipt[] = [
  { poNumber: 'PO-1', line: '1', quantityReceived: '100', receivedAt: '2024-03-01' },
  { poNumber: 'PO-1', line: '2', quantityReceived: '2', receivedAt: '2024-03-01' },
];

export const APPROVERS: Approver[] = [
  {
    email: 'anna@firma.de',
    name: 'Anna',
    role: 'Teamleitung',
    costCenters: ['1000'],
    limit: '2500',
    deputyEmail: 'ben@firma.de',
    language: 'de',
  },
  {
    email: 'ben@firma.de',
    name: 'Ben',
    role: 'Bereichsleitung',
    costCenters: ['1000', '2000'],
    limit: '15000',
    deputyEmail: 'clara@firma.de',
    language: 'de',
  },
  {
    email: 'clara@firma.de',
    name: 'Clara',
    role: 'Geschäftsführung',
    costCenters: ['*'],
    limit: '1000000',
    deputyEmail: 'ben@firma.de',
    language: 'en',
  },
  {
    email: 'erik@firma.de',
    name: 'Erik',
    role: 'Werkstatt',
    costCenters: ['2000'],
    limit: '3000',
    deputyEmail: 'ben@firma.de',
    language: 'de',
  },
  {
    email: 'frieda@firma.de',
    name: 'Frieda',
    role: 'Buchhaltung',
    costCenters: ['*'],
    limit: '0',
    language: 'de',
  },
];

/** An invoice of the fixture seller: one line of 100.00 net at 19 %, issued 2024-03-15. */
export function invoice(overrides: Partial<InvoiceSpec> = {}): Invoice {
  return buildInvoice({
    number: 'RE-1',
    issueDate: '2024-03-15',
    seller: SELLER,
    lines: [{ name: 'Büromaterial', quantity: '1', price: '100.00' }],
    ...overrides,
  });
}

export function summary(overrides: Partial<InvoiceSummary>): InvoiceSummary {
  return {
    invoiceId: 'earlier',
    vendorId: 'V1',
    invoiceNumber: 'RE-0',
    normalizedNumber: 'RE0',
    typeCode: '380',
    gross: '119.00',
    currency: 'EUR',
    issueDate: '2024-03-10',
    receivedAt: '2024-03-11T09:00:00Z',
    status: 'APPROVED',
    fileHash: 'hash-earlier',
    ...overrides,
  };
}

export interface World {
  vendors?: Vendor[];
  purchaseOrders?: PurchaseOrder[];
  goodsReceipts?: GoodsReceipt[];
  history?: InvoiceSummary[];
  policy?: Record<string, unknown>;
  input?: Partial<CheckInput>;
}

export async function check(
  inv: Invoice,
  world: World = {},
): Promise<CheckOutcome & { policy: PolicyConfig; byId: (id: string) => CheckResult }> {
  const masterData = new InMemoryMasterData({
    vendors: world.vendors ?? [VENDOR],
    purchaseOrders: world.purchaseOrders ?? [],
    goodsReceipts: world.goodsReceipts ?? [],
    approvers: APPROVERS,
  });
  const history = new InMemoryHistory();
  for (const entry of world.history ?? []) history.add(entry);
  const policy = parsePolicyConfig(world.policy ?? {});
  const outcome = await runChecks(
    {
      invoiceId: 'current',
      invoice: inv,
      document: { sha256: 'hash-current' },
      mail: {
        from: 'rechnung@muster.de',
        senderDomain: 'muster.de',
        authentication: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      },
      receivedAt: '2024-03-16T09:00:00Z',
      ...world.input,
    },
    { masterData, history },
    policy,
  );
  const byId = (id: string) => {
    const found = outcome.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id}; have ${outcome.checks.map((c) => c.id).join(', ')}`);
    return found;
  };
  return { ...outcome, policy, byId };
}

/** Codes of all failing checks. */
export function failingCodes(outcome: CheckOutcome): string[] {
  return outcome.checks.filter((c) => c.status === 'fail').map((c) => c.code!);
}
