import { addDays } from '../../functions/core/checks/dates';
import type {
  DocumentTotals,
  Invoice,
  InvoiceLine,
  Party,
  VatBreakdown,
} from '../../functions/core/invoice/model';
import { type Dec, dec, round, str, sum } from '../../functions/core/money';

/**
 * Builds Invoice models for tests and scenarios from a short description. Line nets, the VAT breakdown
 * and the totals are computed exactly (decimal.js), unless the spec overrides them to model a faulty
 * invoice. Parties carry what XRechnung 3.0 asks for (contacts, electronic addresses, buyer reference,
 * a legal registration id), so written as XRechnung the invoices validate unless a scenario breaks them.
 */

export interface LineSpec {
  name: string;
  quantity: string;
  price: string;
  unit?: string;
  vatRate?: string;
  vatCategory?: string;
  baseQuantity?: string;
  orderLineReference?: string;
  /** Printed line net; computed (rounded to cents) when absent. */
  net?: string;
}

export interface SellerSpec {
  name: string;
  vatId?: string;
  taxNumber?: string;
  iban?: string;
  email?: string;
  countryCode?: string;
  city?: string;
  /** Commercial register entry (BT-30); default 'HRB 12345'. */
  registration?: string;
}

export interface InvoiceSpec {
  number: string;
  issueDate: string;
  seller: SellerSpec;
  lines: LineSpec[];
  typeCode?: string;
  currency?: string;
  /** Days after the issue date; default 30. Set null for no due date. */
  dueInDays?: number | null;
  /** Delivery date (BT-72); default: the issue date. null: none. */
  deliveryDate?: string | null;
  purchaseOrderReference?: string;
  buyerReference?: string;
  notes?: string[];
  buyer?: Partial<Party> | null;
  /** Exemption reason for VAT-free categories (BT-120); default per category. null: none. */
  exemptionReason?: string | null;
  /** Replace computed totals fields (to model wrong sums). */
  totals?: Partial<DocumentTotals>;
  source?: Invoice['source'];
}

export const BUYER: Party = {
  name: 'Schreinerei Holzmann GmbH',
  identifiers: [],
  vatId: 'DE316985401',
  electronicAddress: { value: 'rechnungseingang@holzmann-schreinerei.de', scheme: 'EM' },
  address: { line1: 'Industriestraße 5', city: 'Köln', postalCode: '50667', countryCode: 'DE' },
  contact: { name: 'Einkauf', email: 'einkauf@holzmann-schreinerei.de' },
};

const DEFAULT_EXEMPTIONS: Record<string, string> = {
  E: 'Steuerfreie Umsätze nach § 4 UStG',
  AE: 'Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge)',
  K: 'Steuerfreie innergemeinschaftliche Lieferung',
  G: 'Steuerfreie Ausfuhrlieferung',
  O: 'Nicht im Inland steuerbar',
};

export function buildInvoice(spec: InvoiceSpec): Invoice {
  const lines: InvoiceLine[] = spec.lines.map((l, i) => {
    const net =
      l.net ??
      money(
        dec(l.quantity)
          .times(dec(l.price))
          .dividedBy(dec(l.baseQuantity ?? '1')),
      );
    return {
      id: String(i + 1),
      quantity: l.quantity,
      unit: l.unit ?? 'C62',
      net,
      allowances: [],
      charges: [],
      price: l.price,
      ...(l.baseQuantity && { baseQuantity: l.baseQuantity }),
      vatCategory: l.vatCategory ?? 'S',
      vatRate: l.vatRate ?? (l.vatCategory && l.vatCategory !== 'S' ? '0' : '19'),
      name: l.name,
      ...(l.orderLineReference && { orderLineReference: l.orderLineReference }),
      classifications: [],
    };
  });

  // VAT breakdown per category and rate, tax rounded per group.
  const groups = new Map<string, { category: string; rate: string; taxable: Dec }>();
  for (const line of lines) {
    const key = `${line.vatCategory}|${dec(line.vatRate!).toFixed()}`;
    const group = groups.get(key) ?? { category: line.vatCategory!, rate: line.vatRate!, taxable: dec(0) };
    group.taxable = group.taxable.plus(dec(line.net));
    groups.set(key, group);
  }
  const lineNet = sum(lines.map((l) => l.net));
  const printedNet = spec.totals?.net !== undefined ? dec(spec.totals.net) : lineNet;
  const single = groups.size === 1;
  const vatBreakdown: VatBreakdown[] = [...groups.values()].map((g) => {
    // With one group, the printed net is the taxable base (models invoices that round the sum).
    const taxable = single ? printedNet : g.taxable;
    const exemption =
      spec.exemptionReason === null ? undefined : (spec.exemptionReason ?? DEFAULT_EXEMPTIONS[g.category]);
    return {
      category: g.category,
      rate: g.rate,
      taxable: money(taxable),
      tax: money(taxable.times(dec(g.rate)).dividedBy(100)),
      ...(g.category !== 'S' && exemption && { exemptionReason: exemption }),
    };
  });
  const vat = sum(vatBreakdown.map((b) => b.tax));
  const gross = printedNet.plus(vat);
  const totals: DocumentTotals = {
    lineNet: money(lineNet),
    net: money(printedNet),
    vat: money(vat),
    gross: money(gross),
    payable: money(gross),
    ...spec.totals,
  };
  if (spec.totals?.lineNet === undefined && spec.totals?.net !== undefined) totals.lineNet = spec.totals.net;

  const seller = spec.seller;
  const sellerParty: Party = {
    name: seller.name,
    identifiers: [],
    ...(seller.vatId && { vatId: seller.vatId }),
    ...(seller.taxNumber && { taxNumber: seller.taxNumber }),
    legalRegistrationId: { value: seller.registration ?? 'HRB 12345' },
    address: {
      line1: 'Hauptstraße 1',
      city: seller.city ?? 'München',
      postalCode: '80331',
      countryCode: seller.countryCode ?? 'DE',
    },
    ...(seller.email && {
      electronicAddress: { value: seller.email, scheme: 'EM' },
      contact: { name: 'Buchhaltung', phone: '+49 89 123456', email: seller.email },
    }),
  };
  const buyer: Party = spec.buyer === null ? { identifiers: [] } : { ...BUYER, ...spec.buyer };
  const dueInDays = spec.dueInDays === undefined ? 30 : spec.dueInDays;
  const deliveryDate = spec.deliveryDate === undefined ? spec.issueDate : spec.deliveryDate;

  return {
    invoiceNumber: spec.number,
    issueDate: spec.issueDate,
    typeCode: spec.typeCode ?? '380',
    currency: spec.currency ?? 'EUR',
    ...(dueInDays !== null && { dueDate: addDays(spec.issueDate, dueInDays) }),
    // BT-10 is mandatory in XRechnung; private buyers use their own reference.
    buyerReference: spec.buyerReference ?? 'HOLZMANN-KREDITOREN',
    ...(spec.purchaseOrderReference && { purchaseOrderReference: spec.purchaseOrderReference }),
    paymentTerms: 'Zahlbar innerhalb von 30 Tagen ohne Abzug.',
    notes: (spec.notes ?? []).map((text) => ({ text })),
    precedingInvoices: [],
    seller: sellerParty,
    buyer,
    ...(deliveryDate !== null && { delivery: { date: deliveryDate } }),
    payment: {
      // SEPA credit transfer needs an IBAN; without one the means are "not defined".
      meansCode: seller.iban ? '58' : '1',
      accounts: seller.iban ? [{ iban: seller.iban, name: seller.name }] : [],
    },
    allowances: [],
    charges: [],
    totals,
    vatBreakdown,
    attachments: [],
    lines,
    source: spec.source ?? {
      format: 'xrechnung-cii',
      syntax: 'CII',
      profile: 'XRECHNUNG 3.0',
      confidence: 1,
    },
  };
}

function money(value: Dec): string {
  return str(round(value, 2), 2);
}
