import { type Invoice, type InvoiceLine, isCreditNote } from '../invoice/model';
import { canonicalName } from '../masterdata/names';
import { normalizeLineId } from '../masterdata/parse';
import type { GoodsReceipt, PurchaseOrder, PurchaseOrderLine, Vendor } from '../masterdata/types';
import { type Dec, dec, round, str, sum, tryDec } from '../money';
import type { PolicyConfig } from '../policy/config';
import type { MasterDataRepository } from '../ports/masterdata';
import type { PoUsage } from './po-ledger';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';

/**
 * Purchase-order matching.
 * - Reference: BT-13 (order reference), else BT-10 when it names an existing PO.
 * - No PO although the vendor requires one -> PO_MISSING; a PO number that does not exist -> PO_UNKNOWN;
 *   a PO of another vendor -> PO_VENDOR_MISMATCH.
 * - 2-way match: each invoice line is matched to a PO line (BT-132 line reference, else description,
 *   else the only line, else the same unit price). Lines and the invoice net total may exceed the
 *   ordered value by max(priceTolerancePercent %, priceToleranceAbs) -> else PRICE_DEVIATION; invoiced
 *   quantity per PO line must not exceed the ordered quantity -> else QTY_ABOVE_ORDERED.
 * - 3-way match: invoiced quantity per PO line must not exceed the received quantity -> QTY_NOT_RECEIVED.
 * Lower prices than ordered are fine. Credit notes are not matched.
 */

export interface PurchaseOrderOutcome {
  results: CheckResult[];
  purchaseOrder?: PurchaseOrder;
  poMatched: boolean;
  costCenter?: string;
  requesterEmail?: string;
  /** What the invoice takes from the order per matched line, for the PO ledger. */
  usage?: PoUsage;
}

export async function purchaseOrderChecks(
  invoice: Invoice,
  vendor: Vendor | undefined,
  masterData: MasterDataRepository,
  policy: PolicyConfig,
): Promise<PurchaseOrderOutcome> {
  const reference = invoice.purchaseOrderReference?.trim();
  const found = await findPurchaseOrder(invoice, masterData);

  if (!found) {
    if (reference) {
      return {
        poMatched: false,
        results: [
          fail(
            'po.reference',
            'PO_UNKNOWN',
            `Purchase order "${reference}" named on the invoice does not exist`,
            `Die auf der Rechnung genannte Bestellung "${reference}" existiert nicht`,
            { reference },
          ),
        ],
      };
    }
    // Credit notes rarely cite an order; a missing PO matters only for invoices.
    if (vendor?.requiresPo && !isCreditNote(invoice)) {
      return {
        poMatched: false,
        results: [
          fail(
            'po.reference',
            'PO_MISSING',
            `Vendor ${vendor.vendorId} requires a purchase order, but the invoice names none`,
            `Lieferant ${vendor.vendorId} erfordert eine Bestellung, die Rechnung nennt keine`,
            { vendorId: vendor.vendorId, requiresPo: true },
          ),
        ],
      };
    }
    return {
      poMatched: false,
      results: [
        skip('po.reference', 'No purchase order referenced', 'Keine Bestellung referenziert', {
          requiresPo: vendor?.requiresPo ?? null,
        }),
      ],
    };
  }

  const { po, via } = found;
  const context = {
    purchaseOrder: po,
    requesterEmail: po.lines.find((l) => l.requesterEmail)?.requesterEmail,
    costCenter: po.lines.find((l) => l.costCenter)?.costCenter,
  };
  if (vendor && po.vendorId !== vendor.vendorId) {
    return {
      ...context,
      poMatched: false,
      results: [
        fail(
          'po.reference',
          'PO_VENDOR_MISMATCH',
          `Purchase order ${po.poNumber} belongs to vendor ${po.vendorId}, not to ${vendor.vendorId}`,
          `Bestellung ${po.poNumber} gehört zu Lieferant ${po.vendorId}, nicht zu ${vendor.vendorId}`,
          { poNumber: po.poNumber, poVendorId: po.vendorId, vendorId: vendor.vendorId },
        ),
      ],
    };
  }
  const referenceResult = pass(
    'po.reference',
    `Purchase order ${po.poNumber} found (${via})`,
    `Bestellung ${po.poNumber} gefunden (${via})`,
    {
      poNumber: po.poNumber,
      via,
    },
  );
  if (isCreditNote(invoice)) {
    return {
      ...context,
      poMatched: false,
      results: [
        referenceResult,
        skip(
          'po.match',
          'Credit note: not matched against the order',
          'Gutschrift: kein Abgleich mit der Bestellung',
        ),
      ],
    };
  }
  if (po.currency !== invoice.currency) {
    return {
      ...context,
      poMatched: false,
      results: [
        referenceResult,
        fail(
          'po.currency',
          'CURRENCY_MISMATCH',
          `Invoice currency ${invoice.currency} differs from the order currency ${po.currency}`,
          `Rechnungswährung ${invoice.currency} weicht von der Bestellwährung ${po.currency} ab`,
          { invoiceCurrency: invoice.currency, poCurrency: po.currency },
        ),
      ],
    };
  }

  const matches = matchLines(invoice.lines, po.lines);
  const receipts = await masterData.listGoodsReceipts(po.poNumber);
  const price = priceMatch(invoice, matches, policy);
  const [ordered, received] = quantityMatch(matches, receipts);
  const results = [referenceResult, price, ordered, received];
  const firstMatched = matches.find((m) => m.poLine)?.poLine;
  return {
    ...(firstMatched && { usage: usageOf(po, matches) }),
    purchaseOrder: po,
    requesterEmail: firstMatched?.requesterEmail ?? context.requesterEmail,
    costCenter: firstMatched?.costCenter ?? context.costCenter,
    poMatched: firstMatched !== undefined && results.every((r) => r.status !== 'fail'),
    results,
  };
}

async function findPurchaseOrder(
  invoice: Invoice,
  masterData: MasterDataRepository,
): Promise<{ po: PurchaseOrder; via: string } | undefined> {
  const candidates: [string | undefined, string][] = [
    [invoice.purchaseOrderReference, 'order reference BT-13'],
    [invoice.buyerReference, 'buyer reference BT-10'],
  ];
  for (const [reference, via] of candidates) {
    const value = reference?.trim();
    if (!value) continue;
    const po = await masterData.getPurchaseOrder(value);
    if (po) return { po, via };
  }
  return undefined;
}

/** Quantity and net amount per matched PO line (BT-129, BT-131). */
function usageOf(po: PurchaseOrder, matches: LineMatch[]): PoUsage {
  const byLine = new Map<string, { quantity: Dec; amount: Dec }>();
  for (const m of matches) {
    if (!m.poLine) continue;
    const entry = byLine.get(m.poLine.line) ?? { quantity: dec(0), amount: dec(0) };
    entry.quantity = entry.quantity.plus(tryDec(m.line.quantity) ?? dec(0));
    entry.amount = entry.amount.plus(tryDec(m.line.net) ?? dec(0));
    byLine.set(m.poLine.line, entry);
  }
  return {
    poNumber: po.poNumber,
    lines: [...byLine].map(([line, u]) => ({ line, quantity: str(u.quantity), amount: str(u.amount) })),
  };
}

// ---- Line matching ----

interface LineMatch {
  line: InvoiceLine;
  poLine?: PurchaseOrderLine;
  by?: 'line reference' | 'description' | 'single line' | 'unit price';
}

export function matchLines(lines: InvoiceLine[], poLines: PurchaseOrderLine[]): LineMatch[] {
  return lines.map((line) => {
    const reference = line.orderLineReference?.trim();
    if (reference) {
      const byReference = poLines.find((p) => p.line === normalizeLineId(reference));
      if (byReference) return { line, poLine: byReference, by: 'line reference' };
    }
    const described = bestByDescription(line, poLines);
    if (described) return { line, poLine: described, by: 'description' };
    if (poLines.length === 1 && lines.length === 1) return { line, poLine: poLines[0], by: 'single line' };
    const price = unitPrice(line);
    const samePrice = price ? poLines.filter((p) => dec(p.unitPrice).equals(price)) : [];
    if (samePrice.length === 1) return { line, poLine: samePrice[0], by: 'unit price' };
    return { line };
  });
}

/** Words of a description that carry meaning (two or more characters). */
function words(text: string): Set<string> {
  return new Set(
    canonicalName(text)
      .split(' ')
      .filter((w) => w.length >= 2),
  );
}

/** PO line whose description shares most words with the invoice line (overlap coefficient ≥ 0.5). */
function bestByDescription(line: InvoiceLine, poLines: PurchaseOrderLine[]): PurchaseOrderLine | undefined {
  const mine = words(`${line.name} ${line.description ?? ''}`);
  if (mine.size === 0) return undefined;
  let best: { poLine: PurchaseOrderLine; score: number } | undefined;
  for (const poLine of poLines) {
    const theirs = words(poLine.description);
    if (theirs.size === 0) continue;
    const shared = [...theirs].filter((w) => mine.has(w)).length;
    const score = shared / Math.min(mine.size, theirs.size);
    if (score >= 0.5 && (!best || score > best.score)) best = { poLine, score };
  }
  return best?.poLine;
}

/** Net price per one unit (BT-146 / BT-149). */
function unitPrice(line: InvoiceLine): Dec | undefined {
  const price = tryDec(line.price);
  const base = line.baseQuantity === undefined ? dec(1) : tryDec(line.baseQuantity);
  return price && base && !base.isZero() ? price.dividedBy(base) : undefined;
}

// ---- 2-way: prices ----

function priceMatch(invoice: Invoice, matches: LineMatch[], policy: PolicyConfig): CheckResult {
  const id = 'po.price';
  const percent = dec(policy.priceTolerancePercent).dividedBy(100);
  const absolute = dec(policy.priceToleranceAbs);
  const tolerance = (expected: Dec) => maxOf(expected.abs().times(percent), absolute);

  const lineDeviations: Record<string, string>[] = [];
  let expectedTotal = dec(0);
  for (const m of matches) {
    if (!m.poLine) continue;
    const quantity = tryDec(m.line.quantity) ?? dec(0);
    const expected = quantity.times(dec(m.poLine.unitPrice));
    expectedTotal = expectedTotal.plus(expected);
    const actual = tryDec(m.line.net);
    if (actual === undefined) continue;
    const excess = actual.minus(expected);
    if (excess.greaterThan(tolerance(expected))) {
      lineDeviations.push({
        line: m.line.id,
        poLine: m.poLine.line,
        expected: str(round(expected), 2),
        invoiced: m.line.net,
        excess: str(round(excess), 2),
        tolerance: str(round(tolerance(expected)), 2),
      });
    }
  }
  const unmatched = matches
    .filter((m) => !m.poLine)
    .map((m) => ({ line: m.line.id, name: m.line.name, net: m.line.net }));
  // The whole invoice (incl. unordered lines, allowances and charges) against the ordered value.
  const net = tryDec(invoice.totals.net) ?? sum(matches.map((m) => tryDec(m.line.net) ?? dec(0)));
  const totalExcess = net.minus(expectedTotal);
  const totalOver = totalExcess.greaterThan(tolerance(expectedTotal));
  const evidence = {
    tolerancePercent: policy.priceTolerancePercent,
    toleranceAbs: policy.priceToleranceAbs,
    expectedNet: str(round(expectedTotal), 2),
    invoicedNet: invoice.totals.net,
    matchedBy: matches.map((m) => ({ line: m.line.id, poLine: m.poLine?.line ?? null, by: m.by ?? null })),
    lineDeviations,
    unmatchedLines: unmatched,
  };
  if (lineDeviations.length === 0 && !totalOver) {
    return pass(
      id,
      'Prices agree with the order within tolerance',
      'Preise stimmen im Rahmen der Toleranz mit der Bestellung überein',
      evidence,
    );
  }
  const parts = lineDeviations.map((d) => `line ${d.line}: ${d.invoiced} instead of ${d.expected}`);
  const partsDe = lineDeviations.map((d) => `Position ${d.line}: ${d.invoiced} statt ${d.expected}`);
  if (totalOver) {
    parts.push(
      `net total ${invoice.totals.net} exceeds the ordered ${str(round(expectedTotal), 2)} by ${str(round(totalExcess), 2)}`,
    );
    partsDe.push(
      `Nettosumme ${invoice.totals.net} übersteigt den Bestellwert ${str(round(expectedTotal), 2)} um ${str(round(totalExcess), 2)}`,
    );
  }
  if (unmatched.length > 0) {
    parts.push(`not on the order: ${unmatched.map((u) => u.name).join(', ')}`);
    partsDe.push(`nicht bestellt: ${unmatched.map((u) => u.name).join(', ')}`);
  }
  return fail(
    id,
    'PRICE_DEVIATION',
    `Prices exceed the order beyond tolerance (${policy.priceTolerancePercent} % or ${policy.priceToleranceAbs}): ${parts.join('; ')}`,
    `Preise übersteigen die Bestellung über die Toleranz (${policy.priceTolerancePercent} % bzw. ${policy.priceToleranceAbs}): ${partsDe.join('; ')}`,
    evidence,
  );
}

function maxOf(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

// ---- 2-way and 3-way: quantities ----

function quantityMatch(matches: LineMatch[], receipts: GoodsReceipt[]): [CheckResult, CheckResult] {
  const invoiced = new Map<string, { poLine: PurchaseOrderLine; quantity: Dec }>();
  for (const m of matches) {
    if (!m.poLine) continue;
    const entry = invoiced.get(m.poLine.line) ?? { poLine: m.poLine, quantity: dec(0) };
    entry.quantity = entry.quantity.plus(tryDec(m.line.quantity) ?? dec(0));
    invoiced.set(m.poLine.line, entry);
  }
  const receivedByLine = new Map<string, Dec>();
  for (const r of receipts) {
    const line = normalizeLineId(r.line);
    receivedByLine.set(line, (receivedByLine.get(line) ?? dec(0)).plus(dec(r.quantityReceived)));
  }
  const rows = [...invoiced.values()].map(({ poLine, quantity }) => ({
    poLine: poLine.line,
    description: poLine.description,
    invoiced: quantity.toFixed(),
    ordered: poLine.quantity,
    received: (receivedByLine.get(poLine.line) ?? dec(0)).toFixed(),
  }));
  if (rows.length === 0) {
    const none = skip(
      'po.quantity',
      'No invoice line matched an order line',
      'Keine Rechnungsposition passt zu einer Bestellposition',
    );
    return [
      none,
      skip(
        'po.goods-receipt',
        'No invoice line matched an order line',
        'Keine Rechnungsposition passt zu einer Bestellposition',
      ),
    ];
  }
  const overOrdered = rows.filter((r) => dec(r.invoiced).greaterThan(dec(r.ordered)));
  const overReceived = rows.filter((r) => dec(r.invoiced).greaterThan(dec(r.received)));
  const evidence = { lines: rows };
  const ordered =
    overOrdered.length === 0
      ? pass(
          'po.quantity',
          'Invoiced quantities are within the ordered quantities',
          'Berechnete Mengen liegen innerhalb der Bestellmengen',
          evidence,
        )
      : fail(
          'po.quantity',
          'QTY_ABOVE_ORDERED',
          `More invoiced than ordered: ${overOrdered.map((r) => `PO line ${r.poLine} ${r.invoiced} > ${r.ordered}`).join('; ')}`,
          `Mehr berechnet als bestellt: ${overOrdered.map((r) => `Bestellposition ${r.poLine} ${r.invoiced} > ${r.ordered}`).join('; ')}`,
          evidence,
        );
  const received =
    overReceived.length === 0
      ? pass(
          'po.goods-receipt',
          'Invoiced quantities have been received',
          'Berechnete Mengen sind eingegangen',
          evidence,
        )
      : fail(
          'po.goods-receipt',
          'QTY_NOT_RECEIVED',
          `More invoiced than received: ${overReceived.map((r) => `PO line ${r.poLine} (${r.description}) invoiced ${r.invoiced}, received ${r.received}`).join('; ')}`,
          `Mehr berechnet als geliefert: ${overReceived.map((r) => `Bestellposition ${r.poLine} (${r.description}) berechnet ${r.invoiced}, geliefert ${r.received}`).join('; ')}`,
          evidence,
        );
  return [ordered, received];
}
