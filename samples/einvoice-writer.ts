/**
 * Sample e-invoice writers for tests, samples and the demo:
 * - writeUbl(): XRechnung 3.0 UBL Invoice or CreditNote,
 * - writeCii(): XRechnung 3.0 CII, or ZUGFeRD/Factur-X CII with the profile's guideline id,
 * - sampleInvoice(): a realistic German B2B invoice model (19 % VAT, SEPA transfer) with consistent totals.
 * The writers serialise the model as it is (elements in schema order, amounts as the model's
 * decimal strings); they never compute or repair values. sampleInvoice() computes its totals.
 */
import type {
  Address,
  AllowanceCharge,
  Contact,
  Identifier,
  Invoice,
  InvoiceLine,
  Party,
  VatBreakdown,
} from '../functions/core/invoice/model';
import { isCreditNote } from '../functions/core/invoice/model';
import { type Dec, type DecimalString, dec, round, str, sum } from '../functions/core/money';

export const XRECHNUNG_3_CUSTOMIZATION =
  'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';
/** XRechnung extension (sub-invoice lines, construction invoices). */
export const XRECHNUNG_3_EXTENSION_CUSTOMIZATION = `${XRECHNUNG_3_CUSTOMIZATION}#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0`;
/** BT-23 as XRechnung and Peppol BIS Billing expect it. */
export const PEPPOL_BILLING_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

export type CiiProfile = 'XRECHNUNG' | 'EN16931' | 'EXTENDED' | 'BASIC' | 'BASIC WL' | 'MINIMUM';

/** Guideline ids (BT-24) per profile; ZUGFeRD 2.1+ and Factur-X 1.0 share these. */
export const CII_GUIDELINE_IDS: Record<CiiProfile, string> = {
  XRECHNUNG: XRECHNUNG_3_CUSTOMIZATION,
  EN16931: 'urn:cen.eu:en16931:2017',
  EXTENDED: 'urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended',
  BASIC: 'urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic',
  'BASIC WL': 'urn:factur-x.eu:1p0:basicwl',
  MINIMUM: 'urn:factur-x.eu:1p0:minimum',
};

// ---- A tiny XML builder: absent values drop their element, empty containers drop themselves ----

interface XmlNode {
  name: string;
  attrs?: Record<string, string | undefined>;
  text?: string;
  children?: XmlNode[];
}
/** Optional content: falsy entries (from `cond && node`) are skipped. */
type Child = XmlNode | undefined | null | false | '' | Child[];

/** Leaf element with text; nothing when the value is missing or empty. */
function leaf(
  name: string,
  value: string | undefined,
  attrs?: Record<string, string | undefined>,
): XmlNode | undefined {
  return value === undefined || value === '' ? undefined : { name, text: value, attrs };
}

/** Container element; nothing when none of its children is present. */
function group(name: string, ...content: Child[]): XmlNode | undefined {
  const children = flatten(content);
  return children.length ? { name, children } : undefined;
}

/** Container the schema requires even when it is empty. */
function required(name: string, ...content: Child[]): XmlNode {
  return { name, children: flatten(content) };
}

function flatten(content: Child[]): XmlNode[] {
  return content.flatMap((c): XmlNode[] => (Array.isArray(c) ? flatten(c) : c ? [c] : []));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function render(node: XmlNode, depth = 0): string {
  const indent = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
  if (node.text !== undefined) return `${indent}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>`;
  if (!node.children?.length) return `${indent}<${node.name}${attrs}/>`;
  const inner = node.children.map((c) => render(c, depth + 1)).join('\n');
  return `${indent}<${node.name}${attrs}>\n${inner}\n${indent}</${node.name}>`;
}

function document(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`;
}

/** Lines and their sub-lines in document order, each with its parent's id. */
function flattenLines(lines: InvoiceLine[], parentId?: string): { line: InvoiceLine; parentId?: string }[] {
  return lines.flatMap((line) => [{ line, parentId }, ...flattenLines(line.subLines ?? [], line.id)]);
}

// ---- UBL 2.1 (XRechnung 3.0) ----

const UBL_NS = {
  Invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  CreditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};

export interface UblWriteOptions {
  /** Root element; defaults to CreditNote for credit-note type codes (381, ...) and Invoice otherwise. */
  documentKind?: 'Invoice' | 'CreditNote';
}

/** Writes the invoice as XRechnung 3.0 UBL (the extension CustomizationID when lines have sub-lines). */
export function writeUbl(invoice: Invoice, options: UblWriteOptions = {}): string {
  const kind = options.documentKind ?? (isCreditNote(invoice) ? 'CreditNote' : 'Invoice');
  const credit = kind === 'CreditNote';
  const cur = invoice.currency;
  const amount = (name: string, value: DecimalString | undefined, currency = cur) =>
    leaf(name, value, { currencyID: currency });
  const hasSubLines = invoice.lines.some((l) => l.subLines?.length);
  const creditorId = invoice.payment.creditorId; // BT-90 sits in the payee's or else the seller's identification
  const date = (name: string, value: string | undefined) => leaf(name, value);

  const party = (p: Party, naming: 'legal' | 'partyName', extraIds: Identifier[] = []) =>
    group(
      'cac:Party',
      leaf('cbc:EndpointID', p.electronicAddress?.value, { schemeID: p.electronicAddress?.scheme }),
      [...p.identifiers, ...extraIds].map((id) =>
        group('cac:PartyIdentification', leaf('cbc:ID', id.value, { schemeID: id.scheme })),
      ),
      group('cac:PartyName', leaf('cbc:Name', naming === 'legal' ? p.tradingName : p.name)),
      ublAddress('cac:PostalAddress', p.address),
      p.vatId && taxScheme(p.vatId, 'VAT'),
      p.taxNumber && taxScheme(p.taxNumber, 'FC'),
      group(
        'cac:PartyLegalEntity',
        leaf('cbc:RegistrationName', naming === 'legal' ? p.name : undefined),
        leaf('cbc:CompanyID', p.legalRegistrationId?.value, { schemeID: p.legalRegistrationId?.scheme }),
        leaf('cbc:CompanyLegalForm', p.legalInfo),
      ),
      ublContact(p.contact),
    );
  const sepa = (forPayee: boolean) =>
    creditorId && (invoice.payee !== undefined) === forPayee ? [{ value: creditorId, scheme: 'SEPA' }] : [];

  const allowanceCharge = (ac: AllowanceCharge, isCharge: boolean, documentLevel: boolean) =>
    group(
      'cac:AllowanceCharge',
      leaf('cbc:ChargeIndicator', String(isCharge)),
      leaf('cbc:AllowanceChargeReasonCode', ac.reasonCode),
      leaf('cbc:AllowanceChargeReason', ac.reason),
      leaf('cbc:MultiplierFactorNumeric', ac.percent),
      amount('cbc:Amount', ac.amount),
      amount('cbc:BaseAmount', ac.baseAmount),
      documentLevel &&
        group(
          'cac:TaxCategory',
          leaf('cbc:ID', ac.vatCategory),
          leaf('cbc:Percent', ac.vatRate),
          taxSchemeVat(),
        ),
    );

  const line = (l: InvoiceLine, elementName: string): XmlNode | undefined =>
    group(
      elementName,
      leaf('cbc:ID', l.id),
      leaf('cbc:Note', l.note),
      leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', l.quantity, { unitCode: l.unit }),
      amount('cbc:LineExtensionAmount', l.net),
      leaf('cbc:AccountingCost', l.accountingReference),
      group('cac:InvoicePeriod', date('cbc:StartDate', l.periodStart), date('cbc:EndDate', l.periodEnd)),
      group('cac:OrderLineReference', leaf('cbc:LineID', l.orderLineReference)),
      l.objectId &&
        group(
          'cac:DocumentReference',
          leaf('cbc:ID', l.objectId.value, { schemeID: l.objectId.scheme }),
          leaf('cbc:DocumentTypeCode', '130'),
        ),
      l.allowances.map((ac) => allowanceCharge(ac, false, false)),
      l.charges.map((ac) => allowanceCharge(ac, true, false)),
      group(
        'cac:Item',
        leaf('cbc:Description', l.description),
        leaf('cbc:Name', l.name),
        group('cac:BuyersItemIdentification', leaf('cbc:ID', l.buyerItemId)),
        group('cac:SellersItemIdentification', leaf('cbc:ID', l.sellerItemId)),
        group(
          'cac:StandardItemIdentification',
          leaf('cbc:ID', l.standardItemId?.value, { schemeID: l.standardItemId?.scheme }),
        ),
        group('cac:OriginCountry', leaf('cbc:IdentificationCode', l.originCountry)),
        l.classifications.map((c) =>
          group(
            'cac:CommodityClassification',
            leaf('cbc:ItemClassificationCode', c.value, { listID: c.scheme }),
          ),
        ),
        group(
          'cac:ClassifiedTaxCategory',
          leaf('cbc:ID', l.vatCategory),
          leaf('cbc:Percent', l.vatRate),
          taxSchemeVat(),
        ),
      ),
      group(
        'cac:Price',
        amount('cbc:PriceAmount', l.price),
        leaf('cbc:BaseQuantity', l.baseQuantity, { unitCode: l.baseQuantityUnit }),
        (l.priceDiscount !== undefined || l.grossPrice !== undefined) &&
          group(
            'cac:AllowanceCharge',
            leaf('cbc:ChargeIndicator', 'false'),
            amount('cbc:Amount', l.priceDiscount ?? '0'),
            amount('cbc:BaseAmount', l.grossPrice),
          ),
      ),
      (l.subLines ?? []).map((sub) => line(sub, credit ? 'cac:SubCreditNoteLine' : 'cac:SubInvoiceLine')),
    );

  const { totals } = invoice;
  const means = ublPaymentMeans(invoice, credit);
  const root = group(
    `ubl:${kind}`,
    leaf(
      'cbc:CustomizationID',
      hasSubLines ? XRECHNUNG_3_EXTENSION_CUSTOMIZATION : XRECHNUNG_3_CUSTOMIZATION,
    ), // BT-24
    leaf('cbc:ProfileID', invoice.businessProcessId ?? PEPPOL_BILLING_PROCESS), // BT-23
    leaf('cbc:ID', invoice.invoiceNumber), // BT-1
    date('cbc:IssueDate', invoice.issueDate), // BT-2
    !credit && date('cbc:DueDate', invoice.dueDate), // BT-9
    credit && date('cbc:TaxPointDate', invoice.taxPointDate), // BT-7 (CreditNote order)
    leaf(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', invoice.typeCode), // BT-3
    invoice.notes.map((n) => leaf('cbc:Note', n.subjectCode ? `#${n.subjectCode}#${n.text}` : n.text)), // BG-1
    !credit && date('cbc:TaxPointDate', invoice.taxPointDate), // BT-7
    leaf('cbc:DocumentCurrencyCode', cur), // BT-5
    leaf('cbc:TaxCurrencyCode', invoice.vatAccountingCurrency), // BT-6
    leaf('cbc:AccountingCost', invoice.buyerAccountingReference), // BT-19
    leaf('cbc:BuyerReference', invoice.buyerReference), // BT-10
    group(
      'cac:InvoicePeriod',
      date('cbc:StartDate', invoice.delivery?.periodStart),
      date('cbc:EndDate', invoice.delivery?.periodEnd),
    ), // BG-14
    group(
      'cac:OrderReference',
      leaf('cbc:ID', invoice.purchaseOrderReference ?? (invoice.salesOrderReference ? 'NA' : undefined)),
      leaf('cbc:SalesOrderID', invoice.salesOrderReference),
    ), // BT-13, BT-14
    invoice.precedingInvoices.map((p) =>
      group(
        'cac:BillingReference',
        group('cac:InvoiceDocumentReference', leaf('cbc:ID', p.number), date('cbc:IssueDate', p.issueDate)),
      ),
    ), // BG-3
    group('cac:DespatchDocumentReference', leaf('cbc:ID', invoice.despatchAdviceReference)), // BT-16
    group('cac:ReceiptDocumentReference', leaf('cbc:ID', invoice.receivingAdviceReference)), // BT-15
    !credit && group('cac:OriginatorDocumentReference', leaf('cbc:ID', invoice.tenderOrLotReference)), // BT-17
    group('cac:ContractDocumentReference', leaf('cbc:ID', invoice.contractReference)), // BT-12
    invoice.invoicedObjectId &&
      group(
        'cac:AdditionalDocumentReference',
        leaf('cbc:ID', invoice.invoicedObjectId),
        leaf('cbc:DocumentTypeCode', '130'),
      ), // BT-18
    credit &&
      invoice.projectReference &&
      group(
        'cac:AdditionalDocumentReference',
        leaf('cbc:ID', invoice.projectReference),
        leaf('cbc:DocumentTypeCode', '50'),
      ), // BT-11 in a CreditNote
    invoice.attachments.map((a) =>
      group(
        'cac:AdditionalDocumentReference',
        leaf('cbc:ID', a.id),
        leaf('cbc:DocumentDescription', a.description),
        group('cac:Attachment', group('cac:ExternalReference', leaf('cbc:URI', a.uri))),
      ),
    ), // BG-24
    credit && group('cac:OriginatorDocumentReference', leaf('cbc:ID', invoice.tenderOrLotReference)), // BT-17
    !credit && group('cac:ProjectReference', leaf('cbc:ID', invoice.projectReference)), // BT-11
    group('cac:AccountingSupplierParty', party(invoice.seller, 'legal', sepa(false))), // BG-4
    group('cac:AccountingCustomerParty', party(invoice.buyer, 'legal')), // BG-7
    invoice.payee &&
      group('cac:PayeeParty', ...(party(invoice.payee, 'partyName', sepa(true))?.children ?? [])), // BG-10
    invoice.taxRepresentative &&
      group(
        'cac:TaxRepresentativeParty',
        group('cac:PartyName', leaf('cbc:Name', invoice.taxRepresentative.name)),
        ublAddress('cac:PostalAddress', invoice.taxRepresentative.address),
        invoice.taxRepresentative.vatId && taxScheme(invoice.taxRepresentative.vatId, 'VAT'),
      ), // BG-11
    invoice.delivery &&
      group(
        'cac:Delivery',
        date('cbc:ActualDeliveryDate', invoice.delivery.date),
        group(
          'cac:DeliveryLocation',
          leaf('cbc:ID', invoice.delivery.locationId?.value, {
            schemeID: invoice.delivery.locationId?.scheme,
          }),
          ublAddress('cac:Address', invoice.delivery.address),
        ),
        group('cac:DeliveryParty', group('cac:PartyName', leaf('cbc:Name', invoice.delivery.partyName))),
      ), // BG-13
    means, // BG-16
    group('cac:PaymentTerms', leaf('cbc:Note', invoice.paymentTerms)), // BT-20
    invoice.allowances.map((ac) => allowanceCharge(ac, false, true)), // BG-20
    invoice.charges.map((ac) => allowanceCharge(ac, true, true)), // BG-21
    group(
      'cac:TaxTotal',
      amount('cbc:TaxAmount', totals.vat), // BT-110
      invoice.vatBreakdown.map((v) =>
        group(
          'cac:TaxSubtotal',
          amount('cbc:TaxableAmount', v.taxable), // BT-116
          amount('cbc:TaxAmount', v.tax), // BT-117
          group(
            'cac:TaxCategory',
            leaf('cbc:ID', v.category), // BT-118
            leaf('cbc:Percent', v.rate), // BT-119
            leaf('cbc:TaxExemptionReasonCode', v.exemptionReasonCode), // BT-121
            leaf('cbc:TaxExemptionReason', v.exemptionReason), // BT-120
            taxSchemeVat(),
          ),
        ),
      ),
    ),
    invoice.vatAccountingCurrency &&
      group(
        'cac:TaxTotal',
        amount('cbc:TaxAmount', totals.vatInAccountingCurrency, invoice.vatAccountingCurrency),
      ), // BT-111
    group(
      'cac:LegalMonetaryTotal',
      amount('cbc:LineExtensionAmount', totals.lineNet), // BT-106
      amount('cbc:TaxExclusiveAmount', totals.net), // BT-109
      amount('cbc:TaxInclusiveAmount', totals.gross), // BT-112
      amount('cbc:AllowanceTotalAmount', totals.allowances), // BT-107
      amount('cbc:ChargeTotalAmount', totals.charges), // BT-108
      amount('cbc:PrepaidAmount', totals.prepaid), // BT-113
      amount('cbc:PayableRoundingAmount', totals.rounding), // BT-114
      amount('cbc:PayableAmount', totals.payable), // BT-115
    ),
    invoice.lines.map((l) => line(l, credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine')), // BG-25
  )!;
  root.attrs = { 'xmlns:ubl': UBL_NS[kind], 'xmlns:cac': UBL_NS.cac, 'xmlns:cbc': UBL_NS.cbc };
  return document(root);
}

function taxSchemeVat(): XmlNode {
  return group('cac:TaxScheme', leaf('cbc:ID', 'VAT'))!;
}

function taxScheme(companyId: string, scheme: 'VAT' | 'FC'): XmlNode | undefined {
  return group(
    'cac:PartyTaxScheme',
    leaf('cbc:CompanyID', companyId),
    group('cac:TaxScheme', leaf('cbc:ID', scheme)),
  );
}

function ublAddress(name: string, a: Address | undefined): XmlNode | undefined {
  if (!a) return undefined;
  return group(
    name,
    leaf('cbc:StreetName', a.line1),
    leaf('cbc:AdditionalStreetName', a.line2),
    leaf('cbc:CityName', a.city),
    leaf('cbc:PostalZone', a.postalCode),
    leaf('cbc:CountrySubentity', a.countrySubdivision),
    group('cac:AddressLine', leaf('cbc:Line', a.line3)),
    group('cac:Country', leaf('cbc:IdentificationCode', a.countryCode)),
  );
}

function ublContact(c: Contact | undefined): XmlNode | undefined {
  if (!c) return undefined;
  return group(
    'cac:Contact',
    leaf('cbc:Name', c.name),
    leaf('cbc:Telephone', c.phone),
    leaf('cbc:ElectronicMail', c.email),
  );
}

/** One PaymentMeans per payee account (BG-17); card and mandate go with the first. */
function ublPaymentMeans(invoice: Invoice, credit: boolean): (XmlNode | undefined)[] {
  const p = invoice.payment;
  const accounts = p.accounts.length ? p.accounts : [undefined];
  return accounts.map((account, index) =>
    group(
      'cac:PaymentMeans',
      leaf('cbc:PaymentMeansCode', p.meansCode, { name: p.meansText }), // BT-81, BT-82
      credit && index === 0 && leaf('cbc:PaymentDueDate', invoice.dueDate), // BT-9 in a CreditNote
      leaf('cbc:PaymentID', p.remittanceInformation), // BT-83
      index === 0 &&
        group(
          'cac:CardAccount',
          leaf('cbc:PrimaryAccountNumberID', p.cardPrimaryAccountNumber), // BT-87
          p.cardPrimaryAccountNumber !== undefined && leaf('cbc:NetworkID', 'NA'), // mandatory in UBL, not a business term
        ),
      account &&
        group(
          'cac:PayeeFinancialAccount',
          leaf('cbc:ID', account.iban), // BT-84
          leaf('cbc:Name', account.name), // BT-85
          group('cac:FinancialInstitutionBranch', leaf('cbc:ID', account.bic)), // BT-86
        ),
      index === 0 &&
        group(
          'cac:PaymentMandate',
          leaf('cbc:ID', p.mandateReference), // BT-89
          group('cac:PayerFinancialAccount', leaf('cbc:ID', p.debitedAccount)), // BT-91
        ),
    ),
  );
}

// ---- CII D16B (XRechnung CII, ZUGFeRD 2.x / Factur-X) ----

const CII_NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
};

export interface CiiWriteOptions {
  /** Profile that sets the guideline id (BT-24); MINIMUM and BASIC WL leave out what the profile excludes. Default XRECHNUNG. */
  profile?: CiiProfile;
}

/** Writes the invoice as CII D16B. Sub-lines are written flat with ParentLineID (ZUGFeRD EXTENDED style). */
export function writeCii(invoice: Invoice, options: CiiWriteOptions = {}): string {
  const profile = options.profile ?? 'XRECHNUNG';
  const minimum = profile === 'MINIMUM';
  const withLines = profile !== 'MINIMUM' && profile !== 'BASIC WL';
  const withContacts = profile === 'XRECHNUNG' || profile === 'EN16931' || profile === 'EXTENDED'; // BG-6, BG-9
  const cur = invoice.currency;
  const { totals } = invoice;
  const amount = (name: string, value: DecimalString | undefined) => leaf(name, value);
  const date = (name: string, value: string | undefined, type = 'udt:DateTimeString') =>
    value ? group(name, leaf(type, value.replace(/-/g, ''), { format: '102' })) : undefined;

  const tradeParty = (name: string, p: Party | undefined) =>
    p &&
    group(
      name,
      !minimum && p.identifiers.filter((id) => !id.scheme).map((id) => leaf('ram:ID', id.value)),
      !minimum &&
        p.identifiers
          .filter((id) => id.scheme)
          .map((id) => leaf('ram:GlobalID', id.value, { schemeID: id.scheme })),
      leaf('ram:Name', p.name),
      !minimum && leaf('ram:Description', p.legalInfo),
      group(
        'ram:SpecifiedLegalOrganization',
        leaf('ram:ID', p.legalRegistrationId?.value, { schemeID: p.legalRegistrationId?.scheme }),
        !minimum && leaf('ram:TradingBusinessName', p.tradingName),
      ),
      withContacts &&
        p.contact &&
        group(
          'ram:DefinedTradeContact',
          leaf('ram:PersonName', p.contact.name),
          group('ram:TelephoneUniversalCommunication', leaf('ram:CompleteNumber', p.contact.phone)),
          group('ram:EmailURIUniversalCommunication', leaf('ram:URIID', p.contact.email)),
        ),
      minimum
        ? group('ram:PostalTradeAddress', leaf('ram:CountryID', p.address?.countryCode))
        : ciiAddress(p.address),
      !minimum &&
        group(
          'ram:URIUniversalCommunication',
          leaf('ram:URIID', p.electronicAddress?.value, { schemeID: p.electronicAddress?.scheme }),
        ),
      p.vatId && group('ram:SpecifiedTaxRegistration', leaf('ram:ID', p.vatId, { schemeID: 'VA' })),
      p.taxNumber && group('ram:SpecifiedTaxRegistration', leaf('ram:ID', p.taxNumber, { schemeID: 'FC' })),
    );

  const allowanceCharge = (ac: AllowanceCharge, isCharge: boolean, documentLevel: boolean) =>
    group(
      'ram:SpecifiedTradeAllowanceCharge',
      group('ram:ChargeIndicator', leaf('udt:Indicator', String(isCharge))),
      leaf('ram:CalculationPercent', ac.percent),
      amount('ram:BasisAmount', ac.baseAmount),
      amount('ram:ActualAmount', ac.amount),
      leaf('ram:ReasonCode', ac.reasonCode),
      leaf('ram:Reason', ac.reason),
      documentLevel &&
        group(
          'ram:CategoryTradeTax',
          leaf('ram:TypeCode', 'VAT'),
          leaf('ram:CategoryCode', ac.vatCategory),
          leaf('ram:RateApplicablePercent', ac.vatRate),
        ),
    );

  const lineItem = ({ line: l, parentId }: { line: InvoiceLine; parentId?: string }) =>
    group(
      'ram:IncludedSupplyChainTradeLineItem',
      group(
        'ram:AssociatedDocumentLineDocument',
        leaf('ram:LineID', l.id), // BT-126
        leaf('ram:ParentLineID', parentId),
        group('ram:IncludedNote', leaf('ram:Content', l.note)), // BT-127
      ),
      group(
        'ram:SpecifiedTradeProduct',
        leaf('ram:GlobalID', l.standardItemId?.value, { schemeID: l.standardItemId?.scheme }), // BT-157
        leaf('ram:SellerAssignedID', l.sellerItemId), // BT-155
        leaf('ram:BuyerAssignedID', l.buyerItemId), // BT-156
        leaf('ram:Name', l.name), // BT-153
        leaf('ram:Description', l.description), // BT-154
        l.classifications.map((c) =>
          group('ram:DesignatedProductClassification', leaf('ram:ClassCode', c.value, { listID: c.scheme })),
        ), // BT-158
        group('ram:OriginTradeCountry', leaf('ram:ID', l.originCountry)), // BT-159
      ),
      group(
        'ram:SpecifiedLineTradeAgreement',
        group('ram:BuyerOrderReferencedDocument', leaf('ram:LineID', l.orderLineReference)), // BT-132
        group(
          'ram:GrossPriceProductTradePrice',
          amount('ram:ChargeAmount', l.grossPrice), // BT-148
          l.grossPrice !== undefined &&
            l.priceDiscount !== undefined &&
            group(
              'ram:AppliedTradeAllowanceCharge',
              group('ram:ChargeIndicator', leaf('udt:Indicator', 'false')),
              amount('ram:ActualAmount', l.priceDiscount), // BT-147
            ),
        ),
        required(
          'ram:NetPriceProductTradePrice',
          amount('ram:ChargeAmount', l.price), // BT-146
          leaf('ram:BasisQuantity', l.baseQuantity, { unitCode: l.baseQuantityUnit }), // BT-149, BT-150
        ),
      ),
      required(
        'ram:SpecifiedLineTradeDelivery',
        leaf('ram:BilledQuantity', l.quantity, { unitCode: l.unit }), // BT-129, BT-130
      ),
      required(
        'ram:SpecifiedLineTradeSettlement',
        group(
          'ram:ApplicableTradeTax',
          leaf('ram:TypeCode', 'VAT'),
          leaf('ram:CategoryCode', l.vatCategory), // BT-151
          leaf('ram:RateApplicablePercent', l.vatRate), // BT-152
        ),
        group(
          'ram:BillingSpecifiedPeriod',
          date('ram:StartDateTime', l.periodStart), // BT-134
          date('ram:EndDateTime', l.periodEnd), // BT-135
        ),
        l.allowances.map((ac) => allowanceCharge(ac, false, false)), // BG-27
        l.charges.map((ac) => allowanceCharge(ac, true, false)), // BG-28
        required('ram:SpecifiedTradeSettlementLineMonetarySummation', amount('ram:LineTotalAmount', l.net)), // BT-131
        l.objectId &&
          group(
            'ram:AdditionalReferencedDocument',
            leaf('ram:IssuerAssignedID', l.objectId.value),
            leaf('ram:TypeCode', '130'),
            leaf('ram:ReferenceTypeCode', l.objectId.scheme),
          ), // BT-128
        group('ram:ReceivableSpecifiedTradeAccountingAccount', leaf('ram:ID', l.accountingReference)), // BT-133
      ),
    );

  const payment = invoice.payment;
  const paymentAccounts = payment.accounts.length ? payment.accounts : [undefined];
  const delivery = invoice.delivery;

  const root = group(
    'rsm:CrossIndustryInvoice',
    required(
      'rsm:ExchangedDocumentContext',
      !minimum &&
        group(
          'ram:BusinessProcessSpecifiedDocumentContextParameter',
          leaf('ram:ID', invoice.businessProcessId ?? PEPPOL_BILLING_PROCESS),
        ), // BT-23
      group('ram:GuidelineSpecifiedDocumentContextParameter', leaf('ram:ID', CII_GUIDELINE_IDS[profile])), // BT-24
    ),
    required(
      'rsm:ExchangedDocument',
      leaf('ram:ID', invoice.invoiceNumber), // BT-1
      leaf('ram:TypeCode', invoice.typeCode), // BT-3
      date('ram:IssueDateTime', invoice.issueDate), // BT-2
      !minimum &&
        invoice.notes.map((n) =>
          group('ram:IncludedNote', leaf('ram:Content', n.text), leaf('ram:SubjectCode', n.subjectCode)),
        ), // BG-1
    ),
    required(
      'rsm:SupplyChainTradeTransaction',
      withLines && flattenLines(invoice.lines).map(lineItem), // BG-25
      required(
        'ram:ApplicableHeaderTradeAgreement',
        leaf('ram:BuyerReference', invoice.buyerReference), // BT-10
        tradeParty('ram:SellerTradeParty', invoice.seller), // BG-4
        tradeParty('ram:BuyerTradeParty', invoice.buyer), // BG-7
        !minimum && tradeParty('ram:SellerTaxRepresentativeTradeParty', invoice.taxRepresentative), // BG-11
        !minimum &&
          group(
            'ram:SellerOrderReferencedDocument',
            leaf('ram:IssuerAssignedID', invoice.salesOrderReference),
          ), // BT-14
        group(
          'ram:BuyerOrderReferencedDocument',
          leaf('ram:IssuerAssignedID', invoice.purchaseOrderReference),
        ), // BT-13
        !minimum &&
          group('ram:ContractReferencedDocument', leaf('ram:IssuerAssignedID', invoice.contractReference)), // BT-12
        !minimum &&
          invoice.attachments.map((a) =>
            group(
              'ram:AdditionalReferencedDocument',
              leaf('ram:IssuerAssignedID', a.id), // BT-122
              leaf('ram:URIID', a.uri), // BT-124
              leaf('ram:TypeCode', '916'),
              leaf('ram:Name', a.description), // BT-123
            ),
          ), // BG-24
        !minimum &&
          group(
            'ram:AdditionalReferencedDocument',
            leaf('ram:IssuerAssignedID', invoice.tenderOrLotReference),
            invoice.tenderOrLotReference && leaf('ram:TypeCode', '50'),
          ), // BT-17
        !minimum &&
          group(
            'ram:AdditionalReferencedDocument',
            leaf('ram:IssuerAssignedID', invoice.invoicedObjectId),
            invoice.invoicedObjectId && leaf('ram:TypeCode', '130'),
          ), // BT-18
        !minimum &&
          invoice.projectReference &&
          group(
            'ram:SpecifiedProcuringProject',
            leaf('ram:ID', invoice.projectReference),
            leaf('ram:Name', 'Project reference'),
          ), // BT-11
      ),
      required(
        'ram:ApplicableHeaderTradeDelivery',
        !minimum &&
          delivery &&
          group(
            'ram:ShipToTradeParty',
            leaf(delivery.locationId?.scheme ? 'ram:GlobalID' : 'ram:ID', delivery.locationId?.value, {
              schemeID: delivery.locationId?.scheme,
            }), // BT-71
            leaf('ram:Name', delivery.partyName), // BT-70
            ciiAddress(delivery.address), // BG-15
          ),
        !minimum &&
          group('ram:ActualDeliverySupplyChainEvent', date('ram:OccurrenceDateTime', delivery?.date)), // BT-72
        !minimum &&
          group(
            'ram:DespatchAdviceReferencedDocument',
            leaf('ram:IssuerAssignedID', invoice.despatchAdviceReference),
          ), // BT-16
        !minimum &&
          group(
            'ram:ReceivingAdviceReferencedDocument',
            leaf('ram:IssuerAssignedID', invoice.receivingAdviceReference),
          ), // BT-15
      ),
      required(
        'ram:ApplicableHeaderTradeSettlement',
        !minimum && leaf('ram:CreditorReferenceID', payment.creditorId), // BT-90
        !minimum && leaf('ram:PaymentReference', payment.remittanceInformation), // BT-83
        !minimum && leaf('ram:TaxCurrencyCode', invoice.vatAccountingCurrency), // BT-6
        leaf('ram:InvoiceCurrencyCode', cur), // BT-5
        !minimum && tradeParty('ram:PayeeTradeParty', invoice.payee), // BG-10
        !minimum &&
          paymentAccounts.map((account, index) =>
            group(
              'ram:SpecifiedTradeSettlementPaymentMeans',
              leaf('ram:TypeCode', payment.meansCode), // BT-81
              leaf('ram:Information', payment.meansText), // BT-82
              index === 0 &&
                group(
                  'ram:ApplicableTradeSettlementFinancialCard',
                  leaf('ram:ID', payment.cardPrimaryAccountNumber),
                ), // BT-87
              index === 0 &&
                group('ram:PayerPartyDebtorFinancialAccount', leaf('ram:IBANID', payment.debitedAccount)), // BT-91
              account &&
                group(
                  'ram:PayeePartyCreditorFinancialAccount',
                  leaf('ram:IBANID', account.iban), // BT-84
                  leaf('ram:AccountName', account.name), // BT-85
                ),
              account &&
                group('ram:PayeeSpecifiedCreditorFinancialInstitution', leaf('ram:BICID', account.bic)), // BT-86
            ),
          ),
        !minimum &&
          invoice.vatBreakdown.map((v) =>
            group(
              'ram:ApplicableTradeTax',
              amount('ram:CalculatedAmount', v.tax), // BT-117
              leaf('ram:TypeCode', 'VAT'),
              leaf('ram:ExemptionReason', v.exemptionReason), // BT-120
              amount('ram:BasisAmount', v.taxable), // BT-116
              leaf('ram:CategoryCode', v.category), // BT-118
              leaf('ram:ExemptionReasonCode', v.exemptionReasonCode), // BT-121
              date('ram:TaxPointDate', invoice.taxPointDate, 'udt:DateString'), // BT-7
              leaf('ram:RateApplicablePercent', v.rate), // BT-119
            ),
          ), // BG-23
        !minimum &&
          group(
            'ram:BillingSpecifiedPeriod',
            date('ram:StartDateTime', delivery?.periodStart), // BT-73
            date('ram:EndDateTime', delivery?.periodEnd), // BT-74
          ),
        !minimum && invoice.allowances.map((ac) => allowanceCharge(ac, false, true)), // BG-20
        !minimum && invoice.charges.map((ac) => allowanceCharge(ac, true, true)), // BG-21
        !minimum &&
          group(
            'ram:SpecifiedTradePaymentTerms',
            leaf('ram:Description', invoice.paymentTerms), // BT-20
            date('ram:DueDateDateTime', invoice.dueDate), // BT-9
            leaf('ram:DirectDebitMandateID', payment.mandateReference), // BT-89
            (invoice.paymentDiscountTerms ?? []).map((d) =>
              group(
                'ram:ApplicableTradePaymentDiscountTerms', // Skonto (no EN 16931 business term)
                date('ram:BasisDateTime', d.basisDate),
                leaf('ram:BasisPeriodMeasure', d.period, { unitCode: d.periodUnit }),
                leaf('ram:BasisAmount', d.basisAmount),
                leaf('ram:CalculationPercent', d.percent),
                leaf('ram:ActualDiscountAmount', d.amount),
              ),
            ),
          ),
        required(
          'ram:SpecifiedTradeSettlementHeaderMonetarySummation',
          !minimum && amount('ram:LineTotalAmount', totals.lineNet), // BT-106
          !minimum && amount('ram:ChargeTotalAmount', totals.charges), // BT-108
          !minimum && amount('ram:AllowanceTotalAmount', totals.allowances), // BT-107
          amount('ram:TaxBasisTotalAmount', totals.net), // BT-109
          leaf('ram:TaxTotalAmount', totals.vat, { currencyID: cur }), // BT-110
          invoice.vatAccountingCurrency &&
            leaf('ram:TaxTotalAmount', totals.vatInAccountingCurrency, {
              currencyID: invoice.vatAccountingCurrency,
            }), // BT-111
          !minimum && amount('ram:RoundingAmount', totals.rounding), // BT-114
          amount('ram:GrandTotalAmount', totals.gross), // BT-112
          !minimum && amount('ram:TotalPrepaidAmount', totals.prepaid), // BT-113
          amount('ram:DuePayableAmount', totals.payable), // BT-115
        ),
        !minimum &&
          invoice.precedingInvoices.map((p) =>
            group(
              'ram:InvoiceReferencedDocument',
              leaf('ram:IssuerAssignedID', p.number), // BT-25
              date('ram:FormattedIssueDateTime', p.issueDate, 'qdt:DateTimeString'), // BT-26
            ),
          ), // BG-3
        !minimum &&
          group(
            'ram:ReceivableSpecifiedTradeAccountingAccount',
            leaf('ram:ID', invoice.buyerAccountingReference),
          ), // BT-19
      ),
    ),
  )!;
  root.attrs = {
    'xmlns:rsm': CII_NS.rsm,
    'xmlns:ram': CII_NS.ram,
    'xmlns:udt': CII_NS.udt,
    'xmlns:qdt': CII_NS.qdt,
  };
  return document(root);
}

function ciiAddress(a: Address | undefined): XmlNode | undefined {
  if (!a) return undefined;
  return group(
    'ram:PostalTradeAddress',
    leaf('ram:PostcodeCode', a.postalCode),
    leaf('ram:LineOne', a.line1),
    leaf('ram:LineTwo', a.line2),
    leaf('ram:LineThree', a.line3),
    leaf('ram:CityName', a.city),
    leaf('ram:CountryID', a.countryCode),
    leaf('ram:CountrySubDivisionName', a.countrySubdivision),
  );
}

// ---- Sample model ----

/** A line with its net amount computed as quantity × price / base quantity − allowances + charges. */
export function sampleLine(overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  const line: InvoiceLine = {
    id: '1',
    quantity: '1',
    unit: 'C62',
    net: '0',
    allowances: [],
    charges: [],
    price: '100.00',
    vatCategory: 'S',
    vatRate: '19',
    name: 'Beratungsleistung',
    classifications: [],
    ...overrides,
  };
  if (overrides.net === undefined) {
    const base = dec(line.baseQuantity ?? '1');
    const gross = dec(line.quantity).times(dec(line.price)).dividedBy(base);
    const adjusted = gross
      .minus(sum(line.allowances.map((a) => a.amount)))
      .plus(sum(line.charges.map((c) => c.amount)));
    line.net = money(adjusted);
  }
  return line;
}

/**
 * A realistic German B2B invoice (office supplies, 19 % VAT, SEPA credit transfer) that satisfies
 * EN 16931 and XRechnung 3.0. Overrides replace top-level fields; unless they set totals or
 * vatBreakdown, both are recomputed from the (possibly overridden) lines, allowances and charges.
 */
export function sampleInvoice(overrides: Partial<Invoice> = {}): Invoice {
  const base: Invoice = {
    invoiceNumber: 'RE-2024-0815',
    issueDate: '2024-03-15',
    typeCode: '380',
    currency: 'EUR',
    dueDate: '2024-04-14',
    buyerReference: '04011000-12345-03', // Leitweg-ID format with valid check digits
    purchaseOrderReference: 'PO-4711',
    paymentTerms: 'Zahlbar innerhalb von 30 Tagen ohne Abzug.',
    notes: [{ text: 'Vielen Dank für Ihren Auftrag.' }],
    businessProcessId: PEPPOL_BILLING_PROCESS,
    specificationId: XRECHNUNG_3_CUSTOMIZATION,
    precedingInvoices: [],
    seller: {
      name: 'Muster Bürobedarf GmbH',
      identifiers: [],
      legalRegistrationId: { value: 'HRB 123456' },
      vatId: 'DE811907980',
      taxNumber: '143/123/45678',
      electronicAddress: { value: 'rechnung@muster-buerobedarf.de', scheme: 'EM' },
      address: { line1: 'Lindwurmstraße 12', city: 'München', postalCode: '80337', countryCode: 'DE' },
      contact: {
        name: 'Erika Mustermann',
        phone: '+49 89 1234567',
        email: 'buchhaltung@muster-buerobedarf.de',
      },
    },
    buyer: {
      name: 'Schreinerei Holzmann GmbH',
      identifiers: [],
      electronicAddress: { value: 'einkauf@holzmann-schreinerei.de', scheme: 'EM' },
      address: { line1: 'Industriestraße 5', city: 'Köln', postalCode: '50667', countryCode: 'DE' },
    },
    delivery: { date: '2024-03-12' },
    payment: {
      meansCode: '58',
      remittanceInformation: 'RE-2024-0815',
      accounts: [{ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', name: 'Muster Bürobedarf GmbH' }],
    },
    allowances: [],
    charges: [],
    totals: { lineNet: '0', net: '0', gross: '0', payable: '0' },
    vatBreakdown: [],
    attachments: [],
    lines: [
      sampleLine({
        id: '1',
        name: 'Kopierpapier A4, 80 g/m², 500 Blatt',
        quantity: '20',
        unit: 'XPK',
        price: '4.50',
      }),
      sampleLine({ id: '2', name: 'Toner schwarz HL-L5100', quantity: '2', unit: 'C62', price: '89.90' }),
      sampleLine({ id: '3', name: 'Lieferpauschale', quantity: '1', unit: 'C62', price: '9.90' }),
    ],
    source: { format: 'xrechnung-cii', syntax: 'CII', profile: 'XRECHNUNG 3.0', confidence: 1 },
  };
  const invoice = { ...base, ...overrides };
  const keepTotals = overrides.totals !== undefined || overrides.vatBreakdown !== undefined;
  return keepTotals ? invoice : withComputedTotals(invoice);
}

/** Exemption reasons that categories other than S need for a valid breakdown (BT-120, BT-121). */
const EXEMPTIONS: Record<string, { reason: string; code: string }> = {
  E: { reason: 'Steuerfreie Umsätze nach § 4 UStG', code: 'VATEX-EU-132' },
  AE: { reason: 'Steuerschuldnerschaft des Leistungsempfängers', code: 'VATEX-EU-AE' },
  K: { reason: 'Steuerfreie innergemeinschaftliche Lieferung', code: 'VATEX-EU-IC' },
  G: { reason: 'Steuerfreie Ausfuhrlieferung', code: 'VATEX-EU-G' },
  O: { reason: 'Nicht im Inland steuerbar', code: 'VATEX-EU-O' },
};

/** Recomputes the VAT breakdown (BG-23) and document totals (BG-22) from lines, allowances and charges. */
export function withComputedTotals(invoice: Invoice): Invoice {
  const groups = new Map<string, { category: string; rate?: string; taxable: Dec }>();
  const add = (category: string | undefined, rate: string | undefined, amount: Dec) => {
    const key = `${category ?? ''}|${rate === undefined ? '' : dec(rate).toFixed()}`;
    const entry = groups.get(key) ?? { category: category ?? 'S', rate, taxable: dec('0') };
    entry.taxable = entry.taxable.plus(amount);
    groups.set(key, entry);
  };
  for (const line of invoice.lines) add(line.vatCategory, line.vatRate, dec(line.net));
  for (const a of invoice.allowances) add(a.vatCategory, a.vatRate, dec(a.amount).negated());
  for (const c of invoice.charges) add(c.vatCategory, c.vatRate, dec(c.amount));

  const vatBreakdown: VatBreakdown[] = [...groups.values()].map((g) => {
    const exemption = EXEMPTIONS[g.category];
    const tax = g.rate === undefined ? dec('0') : g.taxable.times(dec(g.rate)).dividedBy(100);
    return {
      category: g.category,
      ...(g.rate !== undefined && { rate: g.rate }),
      taxable: money(g.taxable),
      tax: money(tax),
      ...(exemption && { exemptionReason: exemption.reason, exemptionReasonCode: exemption.code }),
    };
  });
  const lineNet = sum(invoice.lines.map((l) => l.net));
  const allowances = sum(invoice.allowances.map((a) => a.amount));
  const charges = sum(invoice.charges.map((c) => c.amount));
  const net = lineNet.minus(allowances).plus(charges);
  const vat = sum(vatBreakdown.map((v) => v.tax));
  const gross = net.plus(vat);
  const prepaid = invoice.totals.prepaid;
  const rounding = invoice.totals.rounding;
  const payable = gross.minus(dec(prepaid ?? '0')).plus(dec(rounding ?? '0'));
  return {
    ...invoice,
    vatBreakdown,
    totals: {
      lineNet: money(lineNet),
      ...(invoice.allowances.length > 0 && { allowances: money(allowances) }),
      ...(invoice.charges.length > 0 && { charges: money(charges) }),
      net: money(net),
      vat: money(vat),
      gross: money(gross),
      ...(prepaid !== undefined && { prepaid }),
      ...(rounding !== undefined && { rounding }),
      payable: money(payable),
    },
  };
}

/** Currency amount with two decimals, rounded half up. */
function money(value: Dec): DecimalString {
  return str(round(value, 2), 2);
}
