/**
 * The VAT categories of EN 16931 (UNTDID 5305 subset) with the rule-id prefix of their rule
 * family. The families are the same in both syntaxes except IGIC and IPSI, which the CII
 * artefacts number BR-AF-* / BR-AG-* and the UBL artefacts BR-IG-* / BR-IP-*.
 */
export interface VatCategory {
  /** VAT category code (BT-95, BT-102, BT-118, BT-151). */
  code: string;
  /** Rule prefixes: BR-{prefix}-nn. */
  ciiPrefix: string;
  ublPrefix: string;
  name: string;
  nameDe: string;
  /** The breakdown may hold one group per rate ('at least one'), not exactly one group. */
  perRate: boolean;
  /** Rate the category requires: positive, zero, zero-or-more, or none at all. */
  rate: 'positive' | 'zero' | 'nonNegative' | 'none';
  /** A VAT exemption reason (BT-120/121) is required (true) or forbidden (false). */
  exemptionReason: boolean;
}

export const VAT_CATEGORIES: readonly VatCategory[] = [
  {
    code: 'S',
    ciiPrefix: 'S',
    ublPrefix: 'S',
    name: 'Standard rated',
    nameDe: 'Normalsatz',
    perRate: true,
    rate: 'positive',
    exemptionReason: false,
  },
  {
    code: 'Z',
    ciiPrefix: 'Z',
    ublPrefix: 'Z',
    name: 'Zero rated',
    nameDe: 'Nullsatz',
    perRate: false,
    rate: 'zero',
    exemptionReason: false,
  },
  {
    code: 'E',
    ciiPrefix: 'E',
    ublPrefix: 'E',
    name: 'Exempt from VAT',
    nameDe: 'Steuerbefreit',
    perRate: false,
    rate: 'zero',
    exemptionReason: true,
  },
  {
    code: 'AE',
    ciiPrefix: 'AE',
    ublPrefix: 'AE',
    name: 'Reverse charge',
    nameDe: 'Umkehrung der Steuerschuldnerschaft',
    perRate: false,
    rate: 'zero',
    exemptionReason: true,
  },
  {
    code: 'K',
    ciiPrefix: 'IC',
    ublPrefix: 'IC',
    name: 'Intra-community supply',
    nameDe: 'Innergemeinschaftliche Lieferung',
    perRate: false,
    rate: 'zero',
    exemptionReason: true,
  },
  {
    code: 'G',
    ciiPrefix: 'G',
    ublPrefix: 'G',
    name: 'Export outside the EU',
    nameDe: 'Ausfuhr außerhalb der EU',
    perRate: false,
    rate: 'zero',
    exemptionReason: true,
  },
  {
    code: 'O',
    ciiPrefix: 'O',
    ublPrefix: 'O',
    name: 'Not subject to VAT',
    nameDe: 'Nicht steuerbar',
    perRate: false,
    rate: 'none',
    exemptionReason: true,
  },
  {
    code: 'L',
    ciiPrefix: 'AF',
    ublPrefix: 'IG',
    name: 'IGIC (Canary Islands)',
    nameDe: 'IGIC (Kanarische Inseln)',
    perRate: true,
    rate: 'positive',
    exemptionReason: false,
  },
  {
    code: 'M',
    ciiPrefix: 'AG',
    ublPrefix: 'IP',
    name: 'IPSI (Ceuta and Melilla)',
    nameDe: 'IPSI (Ceuta und Melilla)',
    perRate: true,
    rate: 'nonNegative',
    exemptionReason: false,
  },
];

const byPrefix = new Map<string, VatCategory>();
for (const category of VAT_CATEGORIES) {
  byPrefix.set(category.ciiPrefix, category);
  byPrefix.set(category.ublPrefix, category);
}

/** The category a rule-id prefix ('S', 'IC', 'AF', 'IG', ...) belongs to. */
export function categoryOfPrefix(prefix: string): VatCategory | undefined {
  return byPrefix.get(prefix);
}

export function categoryOfCode(code: string): VatCategory {
  const category = VAT_CATEGORIES.find((c) => c.code === code);
  if (!category) throw new RangeError(`Unknown VAT category ${code}`);
  return category;
}
