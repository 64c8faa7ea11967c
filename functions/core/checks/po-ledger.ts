import { normalizeLineId } from '../masterdata/parse';
import type { PurchaseOrder } from '../masterdata/types';
import { type DecimalString, dec, str } from '../money';
import type { PolicyConfig } from '../policy/config';
import type { PoLedgerStore } from '../ports/ledger';
import { fail, pass } from './result';
import type { CheckResult } from './types';

/**
 * The purchase-order ledger: per PO line the ordered, reserved and invoiced quantity and amount.
 * - A decision reserves the invoice's share (its matched lines' quantities and net amounts).
 * - A rejection releases it; an approval turns it into invoiced.
 * - An invoice that, together with the order's earlier invoices (reserved, held or invoiced, in the
 *   order they first reserved), would take a line beyond the ordered quantity or amount plus tolerance
 *   is held with PO_OVER_INVOICED; its share is still recorded, so that a person's approval is booked
 *   too. A re-run keeps its place, so a later invoice never turns an earlier one into the over one. One invoice alone over the order is the PO match's
 *   business (QTY_ABOVE_ORDERED, PRICE_DEVIATION), not the ledger's.
 * Tolerance: quantity priceTolerancePercent %; amount max(priceTolerancePercent %, priceToleranceAbs).
 * Every change is one conditional write on the ledger's version (PoLedgerStore.update); the rules
 * below are pure, so a retried write re-applies them to what the other writer left.
 */

export interface LedgerAmounts {
  quantity: DecimalString;
  amount: DecimalString;
}

export interface PoLedgerLine {
  ordered: LedgerAmounts;
  reserved: LedgerAmounts;
  invoiced: LedgerAmounts;
}

export type LedgerEntryState = 'reserved' | 'invoiced';

export interface PoLedgerEntry {
  /** Order of first reservation: only earlier entries count against this one (a re-run keeps it). */
  seq: number;
  state: LedgerEntryState;
  /** Held with PO_OVER_INVOICED when it was reserved. */
  over: boolean;
  at: string;
  /** Share per PO line (normalised line id). */
  lines: Record<string, LedgerAmounts>;
}

export interface PoLedger {
  poNumber: string;
  currency: string;
  lines: Record<string, PoLedgerLine>;
  /** By invoice id. */
  entries: Record<string, PoLedgerEntry>;
  updatedAt: string;
}

/** What one invoice takes from its order, per matched PO line. */
export interface PoUsage {
  poNumber: string;
  lines: { line: string; quantity: DecimalString; amount: DecimalString }[];
}

export interface OverLine {
  line: string;
  measure: 'quantity' | 'amount';
  ordered: DecimalString;
  /** Reserved and invoiced by the order's other invoices. */
  before: DecimalString;
  invoice: DecimalString;
  tolerance: DecimalString;
}

export interface ReservationResult {
  over: OverLine[];
  /** The ledger lines the invoice touches, after the change. */
  lines: Record<string, PoLedgerLine>;
  /** True when an approval had already booked the share (nothing changed). */
  alreadyInvoiced: boolean;
}

const ZERO: LedgerAmounts = { quantity: '0', amount: '0' };

function add(a: LedgerAmounts, b: LedgerAmounts): LedgerAmounts {
  return {
    quantity: str(dec(a.quantity).plus(dec(b.quantity))),
    amount: str(dec(a.amount).plus(dec(b.amount))),
  };
}

/** Ordered quantity and amount (quantity × unit price) per PO line. */
export function orderedLines(po: PurchaseOrder): Record<string, LedgerAmounts> {
  const lines: Record<string, LedgerAmounts> = {};
  for (const line of po.lines) {
    const id = normalizeLineId(line.line);
    const amount = dec(line.quantity).times(dec(line.unitPrice));
    lines[id] = add(lines[id] ?? ZERO, { quantity: line.quantity, amount: str(amount) });
  }
  return lines;
}

/** Recomputes reserved and invoiced per line from the entries. */
function withTotals(ledger: Omit<PoLedger, 'lines'>, ordered: Record<string, LedgerAmounts>): PoLedger {
  const lines: Record<string, PoLedgerLine> = {};
  const ensure = (id: string) => {
    lines[id] ??= { ordered: ordered[id] ?? ZERO, reserved: ZERO, invoiced: ZERO };
    return lines[id];
  };
  for (const id of Object.keys(ordered)) ensure(id);
  for (const entry of Object.values(ledger.entries)) {
    for (const [id, share] of Object.entries(entry.lines)) {
      const line = ensure(id);
      line[entry.state] = add(line[entry.state], share);
    }
  }
  return { ...ledger, lines };
}

function orderedOf(ledger: PoLedger | undefined): Record<string, LedgerAmounts> {
  return Object.fromEntries(Object.entries(ledger?.lines ?? {}).map(([id, l]) => [id, l.ordered]));
}

/** The reservation rule (pure): records the invoice's share and says which lines it takes over the order. */
export function applyReservation(
  current: PoLedger | undefined,
  request: { po: PurchaseOrder; usage: PoUsage; invoiceId: string; at: string },
  policy: Pick<PolicyConfig, 'priceTolerancePercent' | 'priceToleranceAbs'>,
): { next?: PoLedger; result: ReservationResult } {
  const ordered = orderedLines(request.po);
  const existing = current?.entries[request.invoiceId];
  const share: Record<string, LedgerAmounts> = {};
  for (const l of request.usage.lines) {
    const id = normalizeLineId(l.line);
    share[id] = add(share[id] ?? ZERO, { quantity: l.quantity, amount: l.amount });
  }
  const touched = (ledger: PoLedger) =>
    Object.fromEntries(
      Object.keys(share)
        .map((id) => [id, ledger.lines[id]!] as const)
        .filter(([, l]) => l),
    );
  if (existing?.state === 'invoiced' && current) {
    return { result: { over: [], lines: touched(current), alreadyInvoiced: true } };
  }

  const seq = existing?.seq ?? Math.max(0, ...Object.values(current?.entries ?? {}).map((e) => e.seq)) + 1;
  const percent = dec(policy.priceTolerancePercent).dividedBy(100);
  const over: OverLine[] = [];
  for (const [id, mine] of Object.entries(share)) {
    const before = Object.entries(current?.entries ?? {})
      .filter(([invoiceId, e]) => invoiceId !== request.invoiceId && e.seq < seq)
      .map(([, e]) => e.lines[id] ?? ZERO)
      .reduce(add, ZERO);
    const limit = ordered[id] ?? ZERO;
    const measures: [OverLine['measure'], string, string, string, ReturnType<typeof dec>][] = [
      ['quantity', limit.quantity, before.quantity, mine.quantity, dec(limit.quantity).abs().times(percent)],
      [
        'amount',
        limit.amount,
        before.amount,
        mine.amount,
        maxOf(dec(limit.amount).abs().times(percent), dec(policy.priceToleranceAbs)),
      ],
    ];
    for (const [measure, orderedValue, beforeValue, invoiceValue, tolerance] of measures) {
      const earlier = dec(beforeValue);
      if (earlier.isZero()) continue; // alone over the order: the PO match reports it
      if (earlier.plus(dec(invoiceValue)).greaterThan(dec(orderedValue).plus(tolerance))) {
        over.push({
          line: id,
          measure,
          ordered: orderedValue,
          before: beforeValue,
          invoice: invoiceValue,
          tolerance: str(tolerance),
        });
      }
    }
  }
  const next = withTotals(
    {
      poNumber: request.po.poNumber,
      currency: request.po.currency,
      entries: {
        ...(current?.entries ?? {}),
        [request.invoiceId]: { seq, state: 'reserved', over: over.length > 0, at: request.at, lines: share },
      },
      updatedAt: request.at,
    },
    ordered,
  );
  return { next, result: { over, lines: touched(next), alreadyInvoiced: false } };
}

/** A rejection releases the invoice's reservation (an invoiced share stays booked). */
export function applyRelease(
  current: PoLedger | undefined,
  invoiceId: string,
  at: string,
): { next?: PoLedger; result: boolean } {
  if (current?.entries[invoiceId]?.state !== 'reserved') return { result: false };
  const { [invoiceId]: _released, ...entries } = current.entries;
  return { next: withTotals({ ...current, entries, updatedAt: at }, orderedOf(current)), result: true };
}

/** An approval books the reserved share as invoiced. */
export function applyInvoiced(
  current: PoLedger | undefined,
  invoiceId: string,
  at: string,
): { next?: PoLedger; result: boolean } {
  const entry = current?.entries[invoiceId];
  if (!current || entry?.state !== 'reserved') return { result: false };
  const entries = { ...current.entries, [invoiceId]: { ...entry, state: 'invoiced' as const, at } };
  return { next: withTotals({ ...current, entries, updatedAt: at }, orderedOf(current)), result: true };
}

/** Reserves on the store and turns the result into the 'po.ledger' check. */
export async function reserveOnPurchaseOrder(
  store: PoLedgerStore,
  request: { po: PurchaseOrder; usage: PoUsage; invoiceId: string; at: string },
  policy: Pick<PolicyConfig, 'priceTolerancePercent' | 'priceToleranceAbs'>,
): Promise<CheckResult> {
  const result = await store.update(request.po.poNumber, (current) =>
    applyReservation(current, request, policy),
  );
  return ledgerCheck(request.po.poNumber, result);
}

export function ledgerCheck(poNumber: string, result: ReservationResult): CheckResult {
  const id = 'po.ledger';
  const evidence = { poNumber, lines: result.lines, over: result.over };
  if (result.over.length === 0) {
    return pass(
      id,
      `Purchase order ${poNumber} still covers this invoice (reserved)`,
      `Bestellung ${poNumber} deckt diese Rechnung noch ab (reserviert)`,
      evidence,
    );
  }
  const unit = (o: OverLine, lang: 'en' | 'de') =>
    o.measure === 'quantity' ? (lang === 'en' ? 'quantity' : 'Menge') : lang === 'en' ? 'amount' : 'Betrag';
  const en = result.over.map(
    (o) =>
      `PO line ${o.line} ${unit(o, 'en')}: ordered ${o.ordered}, already invoiced or reserved ${o.before}, this invoice ${o.invoice} (tolerance ${o.tolerance})`,
  );
  const de = result.over.map(
    (o) =>
      `Bestellposition ${o.line} ${unit(o, 'de')}: bestellt ${o.ordered}, bereits berechnet oder reserviert ${o.before}, diese Rechnung ${o.invoice} (Toleranz ${o.tolerance})`,
  );
  return fail(
    id,
    'PO_OVER_INVOICED',
    `Together with earlier invoices this invoice exceeds purchase order ${poNumber}: ${en.join('; ')}`,
    `Zusammen mit früheren Rechnungen übersteigt diese Rechnung die Bestellung ${poNumber}: ${de.join('; ')}`,
    evidence,
  );
}

function maxOf(a: ReturnType<typeof dec>, b: ReturnType<typeof dec>) {
  return a.greaterThan(b) ? a : b;
}

/** Releases the invoice's reservation on its order (rejection); true when one was released. */
export function releaseReservation(
  store: PoLedgerStore,
  poNumber: string,
  invoiceId: string,
  at: string,
): Promise<boolean> {
  return store.update(poNumber, (current) => applyRelease(current, invoiceId, at));
}

/** Books the invoice's reserved share as invoiced (approval); true when it changed. */
export function bookInvoiced(
  store: PoLedgerStore,
  poNumber: string,
  invoiceId: string,
  at: string,
): Promise<boolean> {
  return store.update(poNumber, (current) => applyInvoiced(current, invoiceId, at));
}

/**
 * Settles the invoice's share of its order when it reaches a final status: APPROVED books it as
 * invoiced; REJECTED and QUARANTINED release it; anything else (PARKED) keeps the reservation.
 */
export async function settlePurchaseOrder(
  store: PoLedgerStore,
  invoice: { id: string; match?: { poNumber?: string } },
  status: string,
  at: string,
): Promise<void> {
  const poNumber = invoice.match?.poNumber;
  if (!poNumber) return;
  if (status === 'APPROVED') await bookInvoiced(store, poNumber, invoice.id, at);
  else if (status === 'REJECTED' || status === 'QUARANTINED')
    await releaseReservation(store, poNumber, invoice.id, at);
}
