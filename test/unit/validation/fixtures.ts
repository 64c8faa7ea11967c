import { validateEInvoice } from '../../../functions/core/validation';
import type { Finding, ValidationReport } from '../../../functions/core/validation/types';
import { parseXml } from '../../../functions/core/xml/safe-xml';

/**
 * Generated EN 16931 test invoices in CII and UBL. Each builder produces a document that is
 * valid by default; options change one aspect, and `swap` edits the text with a check that the
 * edited fragment exists (so a test can never pass because its edit silently did nothing).
 */

export interface LineSpec {
  net: string;
  category?: string;
  /** VAT rate; null for no rate element. */
  rate?: string | null;
  quantity?: string;
  price?: string;
  /** Extra elements inside the line's settlement (CII) or the line (UBL). */
  extra?: string;
}

export interface AllowanceChargeSpec {
  charge: boolean;
  amount: string;
  category?: string;
  rate?: string | null;
  reason?: string;
  reasonCode?: string;
}

export interface TaxSpec {
  category: string;
  basis: string;
  tax: string;
  rate?: string | null;
  exemptionReason?: string;
}

export interface TotalsSpec {
  lines: string;
  allowances?: string;
  charges?: string;
  net: string;
  vat: string;
  gross: string;
  paid?: string;
  rounding?: string;
  due: string;
}

export interface InvoiceSpec {
  specification?: string;
  lines?: LineSpec[];
  allowanceCharges?: AllowanceChargeSpec[];
  /** VAT breakdown; computed from lines and allowances/charges when absent. */
  breakdown?: TaxSpec[];
  /** Document totals; computed when absent. */
  totals?: Partial<TotalsSpec>;
  sellerVatId?: string | null;
  /** Seller legal registration identifier (BT-30). */
  sellerLegalId?: string;
  buyerVatId?: string | null;
  currency?: string;
}

export const DEFAULT_LINE: LineSpec = { net: '100.00', category: 'S', rate: '19' };

const cents = (value: string) => Math.round(Number(value) * 100);
const money = (c: number) => (c / 100).toFixed(2);

/** Breakdown and totals computed the way a correct invoice states them. */
export function computed(spec: InvoiceSpec): { breakdown: TaxSpec[]; totals: TotalsSpec } {
  const lines = spec.lines ?? [DEFAULT_LINE];
  const groups = new Map<string, TaxSpec & { cents: number }>();
  const add = (category: string, rate: string | null | undefined, amount: number) => {
    const key = `${category}:${rate ?? ''}`;
    const group = groups.get(key) ?? { category, rate: rate ?? null, basis: '0', tax: '0', cents: 0 };
    group.cents += amount;
    groups.set(key, group);
  };
  for (const line of lines)
    add(line.category ?? 'S', line.rate === undefined ? '19' : line.rate, cents(line.net));
  for (const ac of spec.allowanceCharges ?? [])
    add(ac.category ?? 'S', ac.rate === undefined ? '19' : ac.rate, (ac.charge ? 1 : -1) * cents(ac.amount));
  const breakdown = [...groups.values()].map((g) => ({
    category: g.category,
    rate: g.rate,
    basis: money(g.cents),
    tax: money(Math.round((g.cents * Number(g.rate ?? 0)) / 100)),
    exemptionReason: ['E', 'AE', 'K', 'G', 'O'].includes(g.category) ? 'Exempt' : undefined,
  }));
  const lineCents = lines.reduce((s, l) => s + cents(l.net), 0);
  const allowanceCents = (spec.allowanceCharges ?? [])
    .filter((a) => !a.charge)
    .reduce((s, a) => s + cents(a.amount), 0);
  const chargeCents = (spec.allowanceCharges ?? [])
    .filter((a) => a.charge)
    .reduce((s, a) => s + cents(a.amount), 0);
  const net = lineCents - allowanceCents + chargeCents;
  const vat = (spec.breakdown ?? breakdown).reduce((s, t) => s + cents(t.tax), 0);
  const totals: TotalsSpec = {
    lines: money(lineCents),
    allowances: allowanceCents ? money(allowanceCents) : undefined,
    charges: chargeCents ? money(chargeCents) : undefined,
    net: money(net),
    vat: money(vat),
    gross: money(net + vat),
    due: money(net + vat),
    ...spec.totals,
  };
  return { breakdown: spec.breakdown ?? breakdown, totals };
}

const optional = (tag: string, value: string | undefined) =>
  value === undefined ? '' : `<${tag}>${value}</${tag}>`;

// ---- CII ----

const CII_NS = [
  'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"',
  'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"',
  'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"',
].join(' ');

function ciiTax(tag: string, category: string, rate: string | null | undefined, inner = ''): string {
  const rateXml =
    rate === null ? '' : `<ram:RateApplicablePercent>${rate ?? '19'}</ram:RateApplicablePercent>`;
  return `<ram:${tag}>${inner}<ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>${category}</ram:CategoryCode>${rateXml}</ram:${tag}>`;
}

function ciiLine(line: LineSpec, index: number): string {
  return `<ram:IncludedSupplyChainTradeLineItem>
    <ram:AssociatedDocumentLineDocument><ram:LineID>${index + 1}</ram:LineID></ram:AssociatedDocumentLineDocument>
    <ram:SpecifiedTradeProduct><ram:Name>Item ${index + 1}</ram:Name></ram:SpecifiedTradeProduct>
    <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${line.price ?? line.net}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
    <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">${line.quantity ?? '1'}</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
    <ram:SpecifiedLineTradeSettlement>
      ${ciiTax('ApplicableTradeTax', line.category ?? 'S', line.rate)}
      ${line.extra ?? ''}
      <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${line.net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
    </ram:SpecifiedLineTradeSettlement>
  </ram:IncludedSupplyChainTradeLineItem>`;
}

function ciiAllowanceCharge(ac: AllowanceChargeSpec): string {
  return `<ram:SpecifiedTradeAllowanceCharge>
    <ram:ChargeIndicator><udt:Indicator>${ac.charge}</udt:Indicator></ram:ChargeIndicator>
    <ram:ActualAmount>${ac.amount}</ram:ActualAmount>
    ${optional('ram:ReasonCode', ac.reasonCode)}${optional('ram:Reason', ac.reason ?? (ac.reasonCode ? undefined : 'Discount'))}
    ${ciiTax('CategoryTradeTax', ac.category ?? 'S', ac.rate)}
  </ram:SpecifiedTradeAllowanceCharge>`;
}

function ciiBreakdown(t: TaxSpec): string {
  const reason = optional('ram:ExemptionReason', t.exemptionReason);
  const inner = `<ram:CalculatedAmount>${t.tax}</ram:CalculatedAmount>`;
  const rate =
    t.rate === null || t.rate === undefined
      ? ''
      : `<ram:RateApplicablePercent>${t.rate}</ram:RateApplicablePercent>`;
  return `<ram:ApplicableTradeTax>${inner}<ram:TypeCode>VAT</ram:TypeCode>${reason}<ram:BasisAmount>${t.basis}</ram:BasisAmount><ram:CategoryCode>${t.category}</ram:CategoryCode>${rate}</ram:ApplicableTradeTax>`;
}

/** A CII D16B invoice (EN 16931 profile), valid unless the spec says otherwise. */
export function ciiInvoice(spec: InvoiceSpec = {}): string {
  const { breakdown, totals } = computed(spec);
  const currency = spec.currency ?? 'EUR';
  const sellerVat =
    spec.sellerVatId === null
      ? ''
      : `<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${spec.sellerVatId ?? 'DE123456789'}</ram:ID></ram:SpecifiedTaxRegistration>`;
  const buyerVat = spec.buyerVatId
    ? `<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">${spec.buyerVatId}</ram:ID></ram:SpecifiedTaxRegistration>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice ${CII_NS}>
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${spec.specification ?? 'urn:cen.eu:en16931:2017'}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>INV-1</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240131</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    ${(spec.lines ?? [DEFAULT_LINE]).map(ciiLine).join('\n')}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Seller GmbH</ram:Name>
        ${spec.sellerLegalId ? `<ram:SpecifiedLegalOrganization><ram:ID>${spec.sellerLegalId}</ram:ID></ram:SpecifiedLegalOrganization>` : ''}
        <ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        ${sellerVat}
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Buyer AG</ram:Name>
        <ram:PostalTradeAddress><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
        ${buyerVat}
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery>
      <ram:ShipToTradeParty><ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress></ram:ShipToTradeParty>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20240130</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
    </ram:ApplicableHeaderTradeDelivery>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>${currency}</ram:InvoiceCurrencyCode>
      ${breakdown.map(ciiBreakdown).join('\n')}
      ${(spec.allowanceCharges ?? []).map(ciiAllowanceCharge).join('\n')}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>${totals.lines}</ram:LineTotalAmount>
        ${optional('ram:ChargeTotalAmount', totals.charges)}
        ${optional('ram:AllowanceTotalAmount', totals.allowances)}
        <ram:TaxBasisTotalAmount>${totals.net}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${currency}">${totals.vat}</ram:TaxTotalAmount>
        ${optional('ram:RoundingAmount', totals.rounding)}
        <ram:GrandTotalAmount>${totals.gross}</ram:GrandTotalAmount>
        ${optional('ram:TotalPrepaidAmount', totals.paid)}
        <ram:DuePayableAmount>${totals.due}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

// ---- UBL ----

const UBL_NS = [
  'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"',
  'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
].join(' ');

function ublTaxCategory(tag: string, category: string, rate: string | null | undefined, inner = ''): string {
  const rateXml = rate === null ? '' : `<cbc:Percent>${rate ?? '19'}</cbc:Percent>`;
  return `<cac:${tag}><cbc:ID>${category}</cbc:ID>${rateXml}${inner}<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:${tag}>`;
}

function ublLine(kind: 'Invoice' | 'CreditNote') {
  const quantityTag = kind === 'Invoice' ? 'InvoicedQuantity' : 'CreditedQuantity';
  return (line: LineSpec, index: number): string => `<cac:${kind}Line>
    <cbc:ID>${index + 1}</cbc:ID>
    <cbc:${quantityTag} unitCode="C62">${line.quantity ?? '1'}</cbc:${quantityTag}>
    <cbc:LineExtensionAmount currencyID="EUR">${line.net}</cbc:LineExtensionAmount>
    ${line.extra ?? ''}
    <cac:Item><cbc:Name>Item ${index + 1}</cbc:Name>${ublTaxCategory('ClassifiedTaxCategory', line.category ?? 'S', line.rate)}</cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">${line.price ?? line.net}</cbc:PriceAmount></cac:Price>
  </cac:${kind}Line>`;
}

function ublAllowanceCharge(ac: AllowanceChargeSpec): string {
  return `<cac:AllowanceCharge>
    <cbc:ChargeIndicator>${ac.charge}</cbc:ChargeIndicator>
    ${optional('cbc:AllowanceChargeReasonCode', ac.reasonCode)}${optional('cbc:AllowanceChargeReason', ac.reason ?? (ac.reasonCode ? undefined : 'Discount'))}
    <cbc:Amount currencyID="EUR">${ac.amount}</cbc:Amount>
    ${ublTaxCategory('TaxCategory', ac.category ?? 'S', ac.rate)}
  </cac:AllowanceCharge>`;
}

function ublSubtotal(t: TaxSpec): string {
  const reason = optional('cbc:TaxExemptionReason', t.exemptionReason);
  return `<cac:TaxSubtotal>
    <cbc:TaxableAmount currencyID="EUR">${t.basis}</cbc:TaxableAmount>
    <cbc:TaxAmount currencyID="EUR">${t.tax}</cbc:TaxAmount>
    ${ublTaxCategory('TaxCategory', t.category, t.rate === undefined ? null : t.rate, reason)}
  </cac:TaxSubtotal>`;
}

/** A UBL 2.1 Invoice (or CreditNote), valid unless the spec says otherwise. */
export function ublInvoice(spec: InvoiceSpec = {}, kind: 'Invoice' | 'CreditNote' = 'Invoice'): string {
  const { breakdown, totals } = computed(spec);
  const currency = spec.currency ?? 'EUR';
  const partyTax = (id: string) =>
    `<cac:PartyTaxScheme><cbc:CompanyID>${id}</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>`;
  const namespace = `urn:oasis:names:specification:ubl:schema:xsd:${kind}-2`;
  const typeCode =
    kind === 'Invoice'
      ? '<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>'
      : '<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<${kind} xmlns="${namespace}" ${UBL_NS}>
  <cbc:CustomizationID>${spec.specification ?? 'urn:cen.eu:en16931:2017'}</cbc:CustomizationID>
  <cbc:ID>INV-1</cbc:ID>
  <cbc:IssueDate>2024-01-31</cbc:IssueDate>
  ${typeCode}
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    ${spec.sellerVatId === null ? '' : partyTax(spec.sellerVatId ?? 'DE123456789')}
    <cac:PartyLegalEntity><cbc:RegistrationName>Seller GmbH</cbc:RegistrationName>${optional('cbc:CompanyID', spec.sellerLegalId)}</cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party>
    <cac:PostalAddress><cac:Country><cbc:IdentificationCode>DE</cbc:IdentificationCode></cac:Country></cac:PostalAddress>
    ${spec.buyerVatId ? partyTax(spec.buyerVatId) : ''}
    <cac:PartyLegalEntity><cbc:RegistrationName>Buyer AG</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingCustomerParty>
  <cac:Delivery>
    <cbc:ActualDeliveryDate>2024-01-30</cbc:ActualDeliveryDate>
    <cac:DeliveryLocation><cac:Address><cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></cac:Country></cac:Address></cac:DeliveryLocation>
  </cac:Delivery>
  ${(spec.allowanceCharges ?? []).map(ublAllowanceCharge).join('\n')}
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="${currency}">${totals.vat}</cbc:TaxAmount>
    ${breakdown.map(ublSubtotal).join('\n')}
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">${totals.lines}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">${totals.net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">${totals.gross}</cbc:TaxInclusiveAmount>
    ${totals.allowances ? `<cbc:AllowanceTotalAmount currencyID="EUR">${totals.allowances}</cbc:AllowanceTotalAmount>` : ''}
    ${totals.charges ? `<cbc:ChargeTotalAmount currencyID="EUR">${totals.charges}</cbc:ChargeTotalAmount>` : ''}
    ${totals.paid ? `<cbc:PrepaidAmount currencyID="EUR">${totals.paid}</cbc:PrepaidAmount>` : ''}
    ${totals.rounding ? `<cbc:PayableRoundingAmount currencyID="EUR">${totals.rounding}</cbc:PayableRoundingAmount>` : ''}
    <cbc:PayableAmount currencyID="EUR">${totals.due}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  ${(spec.lines ?? [DEFAULT_LINE]).map(ublLine(kind)).join('\n')}
</${kind}>`;
}

// ---- Helpers for tests ----

/** Replaces the first occurrence of `from`; throws when it is absent so the edit cannot silently miss. */
export function swap(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at < 0) throw new Error(`swap(): fragment not found: ${from}`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

export function validate(xml: string, options?: { xrechnung?: boolean }): ValidationReport {
  return validateEInvoice(parseXml(xml), options);
}

/** The ids of the fatal findings, sorted and unique. */
export function fatalRules(xml: string): string[] {
  return unique(validate(xml).findings.filter((f) => f.severity === 'fatal'));
}

/** Every rule id reported, with any severity. */
export function reportedRules(xml: string): string[] {
  return unique(validate(xml).findings);
}

function unique(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}
