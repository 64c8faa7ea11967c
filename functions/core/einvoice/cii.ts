import type {
  AdditionalDocument,
  Address,
  AllowanceCharge,
  Contact,
  Delivery,
  Identifier,
  Invoice,
  InvoiceLine,
  InvoiceNote,
  Party,
  PaymentAccount,
  PaymentDiscountTerms,
  PaymentInstructions,
  PrecedingInvoice,
  VatBreakdown,
} from '../invoice/model';
import { child, children, path, type XmlElement } from '../xml/safe-xml';
import { compact, type FieldReader, isTrue, presentOrUndefined } from './fields';

/**
 * Maps UN/CEFACT Cross Industry Invoice documents to the Invoice model:
 * CII D16B (XRechnung CII, ZUGFeRD 2.x, Factur-X, every profile) and ZUGFeRD 1.0
 * (CrossIndustryDocument and its 2013/2014 pre-release). Both share the CII structure;
 * they differ in the element names listed in a dialect.
 */
export interface CiiDialect {
  context: string;
  document: string;
  transaction: string;
  headerAgreement: string;
  headerDelivery: string;
  headerSettlement: string;
  headerSummation: string;
  lineAgreement: string;
  lineDelivery: string;
  lineSettlement: string;
  lineSummation: string;
  /** VAT rate element in trade tax and allowance/charge tax (BT-96, BT-103, BT-119, BT-152). */
  rate: string;
  /** Identifier of a referenced document (order, contract, ...). */
  documentId: string;
  /** Additional-document type code that names a preceding invoice (ZUGFeRD 1 has no InvoiceReferencedDocument). */
  precedingInvoiceTypeCode?: string;
}

export const CII_D16B: CiiDialect = {
  context: 'ExchangedDocumentContext',
  document: 'ExchangedDocument',
  transaction: 'SupplyChainTradeTransaction',
  headerAgreement: 'ApplicableHeaderTradeAgreement',
  headerDelivery: 'ApplicableHeaderTradeDelivery',
  headerSettlement: 'ApplicableHeaderTradeSettlement',
  headerSummation: 'SpecifiedTradeSettlementHeaderMonetarySummation',
  lineAgreement: 'SpecifiedLineTradeAgreement',
  lineDelivery: 'SpecifiedLineTradeDelivery',
  lineSettlement: 'SpecifiedLineTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementLineMonetarySummation',
  rate: 'RateApplicablePercent',
  documentId: 'IssuerAssignedID',
};

export const ZUGFERD_1: CiiDialect = {
  context: 'SpecifiedExchangedDocumentContext',
  document: 'HeaderExchangedDocument',
  transaction: 'SpecifiedSupplyChainTradeTransaction',
  headerAgreement: 'ApplicableSupplyChainTradeAgreement',
  headerDelivery: 'ApplicableSupplyChainTradeDelivery',
  headerSettlement: 'ApplicableSupplyChainTradeSettlement',
  headerSummation: 'SpecifiedTradeSettlementMonetarySummation',
  lineAgreement: 'SpecifiedSupplyChainTradeAgreement',
  lineDelivery: 'SpecifiedSupplyChainTradeDelivery',
  lineSettlement: 'SpecifiedSupplyChainTradeSettlement',
  lineSummation: 'SpecifiedTradeSettlementMonetarySummation',
  rate: 'ApplicablePercent',
  documentId: 'ID',
  precedingInvoiceTypeCode: 'OI',
};

/** Additional referenced document type codes (UNTDID 1001) with their own business terms. */
const TENDER_OR_LOT = '50'; // BT-17
const INVOICED_OBJECT = '130'; // BT-18, BT-128

export function readCii(root: XmlElement, d: CiiDialect, f: FieldReader): Omit<Invoice, 'source'> {
  const context = child(root, d.context);
  const document = child(root, d.document);
  const transaction = child(root, d.transaction);
  const agreement = child(transaction, d.headerAgreement);
  const delivery = child(transaction, d.headerDelivery);
  const settlement = child(transaction, d.headerSettlement);
  const currency = f.textAt(settlement, 'InvoiceCurrencyCode') ?? '';
  const taxCurrency = f.textAt(settlement, 'TaxCurrencyCode');
  const references = children(agreement, 'AdditionalReferencedDocument');
  const referenceOfType = (code: string) => references.find((r) => f.textAt(r, 'TypeCode') === code);
  const paymentTerms = children(settlement, 'SpecifiedTradePaymentTerms');

  return compact({
    invoiceNumber: f.textAt(document, 'ID') ?? '', // BT-1
    issueDate: f.dateAt(document, 'IssueDateTime', 'BT-2') ?? '', // BT-2
    typeCode: f.textAt(document, 'TypeCode') ?? '', // BT-3
    currency, // BT-5
    vatAccountingCurrency: taxCurrency, // BT-6
    taxPointDate: firstDate(f, children(settlement, 'ApplicableTradeTax'), 'TaxPointDate', 'BT-7'), // BT-7
    dueDate: firstDate(f, paymentTerms, 'DueDateDateTime', 'BT-9'), // BT-9
    buyerReference: f.textAt(agreement, 'BuyerReference'), // BT-10
    projectReference: f.textAt(agreement, 'SpecifiedProcuringProject/ID'), // BT-11
    contractReference: f.textAt(agreement, `ContractReferencedDocument/${d.documentId}`), // BT-12
    purchaseOrderReference: f.textAt(agreement, `BuyerOrderReferencedDocument/${d.documentId}`), // BT-13
    salesOrderReference: f.textAt(agreement, `SellerOrderReferencedDocument/${d.documentId}`), // BT-14
    receivingAdviceReference: f.textAt(delivery, `ReceivingAdviceReferencedDocument/${d.documentId}`), // BT-15
    despatchAdviceReference: // BT-16 (ZUGFeRD 1 calls the delivery note DeliveryNoteReferencedDocument)
      f.textAt(delivery, `DespatchAdviceReferencedDocument/${d.documentId}`) ??
      f.textAt(delivery, `DeliveryNoteReferencedDocument/${d.documentId}`),
    tenderOrLotReference: f.textAt(referenceOfType(TENDER_OR_LOT), d.documentId), // BT-17
    invoicedObjectId: f.textAt(referenceOfType(INVOICED_OBJECT), d.documentId), // BT-18
    buyerAccountingReference: f.textAt(settlement, 'ReceivableSpecifiedTradeAccountingAccount/ID'), // BT-19
    paymentTerms: f.joined(paymentTerms.map((t) => child(t, 'Description')).filter(isElement)), // BT-20
    paymentDiscountTerms: presentOrUndefinedList(
      paymentTerms
        .flatMap((t) => children(t, 'ApplicableTradePaymentDiscountTerms'))
        .map((t) => readDiscount(t, f)),
    ),
    notes: children(document, 'IncludedNote').flatMap((n) => readNote(n, f)), // BG-1
    businessProcessId: f.textAt(context, 'BusinessProcessSpecifiedDocumentContextParameter/ID'), // BT-23
    specificationId: f.textAt(context, 'GuidelineSpecifiedDocumentContextParameter/ID'), // BT-24
    precedingInvoices: readPrecedingInvoices(settlement, references, d, f), // BG-3
    seller: readParty(child(agreement, 'SellerTradeParty'), f), // BG-4
    buyer: readParty(child(agreement, 'BuyerTradeParty'), f), // BG-7
    payee: optionalParty(child(settlement, 'PayeeTradeParty'), f), // BG-10
    taxRepresentative: optionalParty(child(agreement, 'SellerTaxRepresentativeTradeParty'), f), // BG-11
    delivery: readDelivery(delivery, settlement, f), // BG-13
    payment: readPayment(settlement, f), // BG-16
    allowances: readAllowanceCharges(settlement, d, f, false), // BG-20
    charges: [
      ...readAllowanceCharges(settlement, d, f, true), // BG-21
      ...children(settlement, 'SpecifiedLogisticsServiceCharge').map((c) => readLogisticsCharge(c, d, f)),
    ],
    totals: readTotals(child(settlement, d.headerSummation), currency, taxCurrency, f), // BG-22
    vatBreakdown: children(settlement, 'ApplicableTradeTax').map((t) => readVatBreakdown(t, d, f)), // BG-23
    attachments: references // BG-24
      .filter((r) => !isSpecialReference(f.textAt(r, 'TypeCode'), d))
      .map((r) => readAttachment(r, d, f)),
    lines: readLines(children(transaction, 'IncludedSupplyChainTradeLineItem'), d, f), // BG-25
  });
}

function isElement(element: XmlElement | undefined): element is XmlElement {
  return element !== undefined;
}

function firstDate(f: FieldReader, holders: XmlElement[], name: string, term: string): string | undefined {
  const holder = holders.find((h) => child(h, name) !== undefined);
  return f.dateAt(holder, name, term);
}

function isSpecialReference(typeCode: string | undefined, d: CiiDialect): boolean {
  return (
    typeCode === TENDER_OR_LOT || typeCode === INVOICED_OBJECT || typeCode === d.precedingInvoiceTypeCode
  );
}

function readNote(note: XmlElement, f: FieldReader): InvoiceNote[] {
  const text = f.joined(children(note, 'Content'));
  if (text === undefined) return [];
  return [compact({ subjectCode: f.textAt(note, 'SubjectCode'), text })]; // BT-21, BT-22
}

function readPrecedingInvoices(
  settlement: XmlElement | undefined,
  references: XmlElement[],
  d: CiiDialect,
  f: FieldReader,
): PrecedingInvoice[] {
  const invoiceReferences = children(settlement, 'InvoiceReferencedDocument');
  if (d.precedingInvoiceTypeCode) {
    invoiceReferences.push(
      ...references.filter((r) => f.textAt(r, 'TypeCode') === d.precedingInvoiceTypeCode),
    );
  }
  return invoiceReferences.flatMap((r) => {
    const number = f.textAt(r, d.documentId); // BT-25
    if (number === undefined) return [];
    const issueDate = f.dateAt(r, 'FormattedIssueDateTime', 'BT-26') ?? f.dateAt(r, 'IssueDateTime', 'BT-26'); // BT-26
    return [compact({ number, issueDate })];
  });
}

function optionalParty(party: XmlElement | undefined, f: FieldReader): Party | undefined {
  return party ? readParty(party, f) : undefined;
}

/** Seller, buyer, payee or tax representative (CII TradeParty). */
function readParty(party: XmlElement | undefined, f: FieldReader): Party {
  const registrations = children(party, 'SpecifiedTaxRegistration').map((r) => child(r, 'ID'));
  const registration = (scheme: string) =>
    f.text(registrations.find((id) => id?.attrs.schemeID?.trim().toUpperCase() === scheme && f.text(id)));
  const legal = child(party, 'SpecifiedLegalOrganization');
  return compact({
    name: f.textAt(party, 'Name'), // BT-27, BT-44, BT-59, BT-62
    tradingName: f.textAt(legal, 'TradingBusinessName'), // BT-28, BT-45
    identifiers: [...children(party, 'ID'), ...children(party, 'GlobalID')] // BT-29, BT-46, BT-60
      .map((id) => f.identifier(id))
      .filter((id): id is Identifier => id !== undefined),
    legalRegistrationId: f.identifierAt(legal, 'ID'), // BT-30, BT-47, BT-61
    vatId: registration('VA'), // BT-31, BT-48, BT-63
    taxNumber: registration('FC'), // BT-32
    legalInfo: f.textAt(party, 'Description'), // BT-33
    electronicAddress: f.identifierAt(party, 'URIUniversalCommunication/URIID'), // BT-34, BT-49
    address: readAddress(child(party, 'PostalTradeAddress'), f), // BG-5, BG-8, BG-12
    contact: readContact(child(party, 'DefinedTradeContact'), f), // BG-6, BG-9
  });
}

function readAddress(address: XmlElement | undefined, f: FieldReader): Address | undefined {
  if (!address) return undefined;
  return presentOrUndefined({
    line1: f.textAt(address, 'LineOne'), // BT-35
    line2: f.textAt(address, 'LineTwo'), // BT-36
    line3: f.textAt(address, 'LineThree'), // BT-162
    city: f.textAt(address, 'CityName'), // BT-37
    postalCode: f.textAt(address, 'PostcodeCode'), // BT-38
    countrySubdivision: f.textAt(address, 'CountrySubDivisionName'), // BT-39
    countryCode: f.textAt(address, 'CountryID'), // BT-40
  });
}

function readContact(contact: XmlElement | undefined, f: FieldReader): Contact | undefined {
  if (!contact) return undefined;
  return presentOrUndefined({
    name: f.textAt(contact, 'PersonName') ?? f.textAt(contact, 'DepartmentName'), // BT-41
    phone: f.textAt(contact, 'TelephoneUniversalCommunication/CompleteNumber'), // BT-42
    email: f.textAt(contact, 'EmailURIUniversalCommunication/URIID'), // BT-43
  });
}

function readDelivery(
  delivery: XmlElement | undefined,
  settlement: XmlElement | undefined,
  f: FieldReader,
): Delivery | undefined {
  const shipTo = child(delivery, 'ShipToTradeParty');
  const period = child(settlement, 'BillingSpecifiedPeriod'); // BG-14
  return presentOrUndefined({
    partyName: f.textAt(shipTo, 'Name'), // BT-70
    locationId: f.identifierAt(shipTo, 'GlobalID') ?? f.identifierAt(shipTo, 'ID'), // BT-71
    date: f.dateAt(delivery, 'ActualDeliverySupplyChainEvent/OccurrenceDateTime', 'BT-72'), // BT-72
    periodStart: f.dateAt(period, 'StartDateTime', 'BT-73'), // BT-73
    periodEnd: f.dateAt(period, 'EndDateTime', 'BT-74'), // BT-74
    address: readAddress(child(shipTo, 'PostalTradeAddress'), f), // BG-15
  });
}

/** Skonto in CII (ZUGFeRD EXTENDED, ZUGFeRD 1 COMFORT): no EN 16931 business term, kept as written. */
function readDiscount(terms: XmlElement, f: FieldReader): PaymentDiscountTerms {
  const period = child(terms, 'BasisPeriodMeasure');
  return compact({
    basisDate: f.dateAt(terms, 'BasisDateTime', 'Skonto BasisDateTime'),
    period: f.decimal(period, 'Skonto BasisPeriodMeasure'),
    periodUnit: period?.attrs.unitCode?.trim() || undefined,
    basisAmount: f.decimalAt(terms, 'BasisAmount', 'Skonto BasisAmount'),
    percent: f.decimalAt(terms, 'CalculationPercent', 'Skonto CalculationPercent'),
    amount: f.decimalAt(terms, 'ActualDiscountAmount', 'Skonto ActualDiscountAmount'),
  });
}

function presentOrUndefinedList<T extends object>(items: T[]): T[] | undefined {
  const present = items.filter((item) => Object.keys(item).length > 0);
  return present.length > 0 ? present : undefined;
}

function readPayment(settlement: XmlElement | undefined, f: FieldReader): PaymentInstructions {
  const means = children(settlement, 'SpecifiedTradeSettlementPaymentMeans');
  const accounts = means.flatMap((m): PaymentAccount[] => {
    const account = child(m, 'PayeePartyCreditorFinancialAccount');
    const iban = f.textAt(account, 'IBANID') ?? f.textAt(account, 'ProprietaryID');
    if (iban === undefined) return [];
    return [
      compact({
        iban: iban.replace(/\s+/g, ''), // BT-84
        name: f.textAt(account, 'AccountName'), // BT-85
        bic: f.textAt(m, 'PayeeSpecifiedCreditorFinancialInstitution/BICID'), // BT-86
      }),
    ];
  });
  const debited = means
    .map((m) => f.textAt(m, 'PayerPartyDebtorFinancialAccount/IBANID'))
    .find((iban) => iban !== undefined);
  const terms = children(settlement, 'SpecifiedTradePaymentTerms');
  return compact({
    meansCode: means.map((m) => f.textAt(m, 'TypeCode')).find(Boolean), // BT-81
    meansText: means.map((m) => f.textAt(m, 'Information')).find(Boolean), // BT-82
    remittanceInformation: f.textAt(settlement, 'PaymentReference'), // BT-83
    accounts, // BG-17
    cardPrimaryAccountNumber: means // BT-87
      .map((m) => f.textAt(m, 'ApplicableTradeSettlementFinancialCard/ID'))
      .find(Boolean),
    mandateReference: terms.map((t) => f.textAt(t, 'DirectDebitMandateID')).find(Boolean), // BT-89
    creditorId: f.textAt(settlement, 'CreditorReferenceID'), // BT-90
    debitedAccount: debited?.replace(/\s+/g, ''), // BT-91
  });
}

function readAllowanceCharges(
  holder: XmlElement | undefined,
  d: CiiDialect,
  f: FieldReader,
  charges: boolean,
): AllowanceCharge[] {
  return children(holder, 'SpecifiedTradeAllowanceCharge')
    .filter((ac) => isTrue(f.textAt(ac, 'ChargeIndicator/Indicator')) === charges)
    .map((ac) => {
      const term = charges ? 'BT-99' : 'BT-92';
      return compact({
        amount: f.decimalAt(ac, 'ActualAmount', term) ?? '', // BT-92 / BT-99 / BT-136 / BT-141
        baseAmount: f.decimalAt(ac, 'BasisAmount', term), // BT-93 / BT-100 / BT-137 / BT-142
        percent: f.decimalAt(ac, 'CalculationPercent', term), // BT-94 / BT-101 / BT-138 / BT-143
        vatCategory: f.textAt(ac, 'CategoryTradeTax/CategoryCode'), // BT-95 / BT-102
        vatRate: f.decimalAt(ac, `CategoryTradeTax/${d.rate}`, term), // BT-96 / BT-103
        reason: f.textAt(ac, 'Reason'), // BT-97 / BT-104 / BT-139 / BT-144
        reasonCode: f.textAt(ac, 'ReasonCode'), // BT-98 / BT-105 / BT-140 / BT-145
      });
    });
}

/** ZUGFeRD 1 / EXTENDED logistics charges (freight, packing) are document-level charges (BG-21). */
function readLogisticsCharge(charge: XmlElement, d: CiiDialect, f: FieldReader): AllowanceCharge {
  return compact({
    amount: f.decimalAt(charge, 'AppliedAmount', 'BT-99') ?? '',
    vatCategory: f.textAt(charge, 'AppliedTradeTax/CategoryCode'),
    vatRate: f.decimalAt(charge, `AppliedTradeTax/${d.rate}`, 'BT-103'),
    reason: f.textAt(charge, 'Description'),
  });
}

function readTotals(
  summation: XmlElement | undefined,
  currency: string,
  taxCurrency: string | undefined,
  f: FieldReader,
): Invoice['totals'] {
  // BT-110 is the tax total in the invoice currency; a second one in the VAT accounting currency is BT-111.
  const taxTotals = children(summation, 'TaxTotalAmount');
  const vat =
    taxTotals.find((t) => t.attrs.currencyID?.trim() === currency) ??
    taxTotals.find((t) => !t.attrs.currencyID) ??
    (taxTotals.length === 1 ? taxTotals[0] : undefined);
  const vatInAccountingCurrency =
    taxCurrency && taxCurrency !== currency
      ? taxTotals.find((t) => t !== vat && t.attrs.currencyID?.trim() === taxCurrency)
      : undefined;
  return compact({
    lineNet: f.decimalAt(summation, 'LineTotalAmount', 'BT-106') ?? '', // BT-106
    allowances: f.decimalAt(summation, 'AllowanceTotalAmount', 'BT-107'), // BT-107
    charges: f.decimalAt(summation, 'ChargeTotalAmount', 'BT-108'), // BT-108
    net: f.decimalAt(summation, 'TaxBasisTotalAmount', 'BT-109') ?? '', // BT-109
    vat: f.decimal(vat, 'BT-110'), // BT-110
    vatInAccountingCurrency: f.decimal(vatInAccountingCurrency, 'BT-111'), // BT-111
    gross: f.decimalAt(summation, 'GrandTotalAmount', 'BT-112') ?? '', // BT-112
    prepaid: f.decimalAt(summation, 'TotalPrepaidAmount', 'BT-113'), // BT-113
    rounding: f.decimalAt(summation, 'RoundingAmount', 'BT-114'), // BT-114
    payable: f.decimalAt(summation, 'DuePayableAmount', 'BT-115') ?? '', // BT-115
  });
}

function readVatBreakdown(tax: XmlElement, d: CiiDialect, f: FieldReader): VatBreakdown {
  const typeCode = f.textAt(tax, 'TypeCode');
  if (typeCode !== undefined && typeCode !== 'VAT') f.warn(`BG-23: tax type "${typeCode}" is not VAT`);
  return compact({
    category: f.textAt(tax, 'CategoryCode') ?? '', // BT-118
    rate: f.decimalAt(tax, d.rate, 'BT-119'), // BT-119
    taxable: f.decimalAt(tax, 'BasisAmount', 'BT-116') ?? '', // BT-116
    tax: f.decimalAt(tax, 'CalculatedAmount', 'BT-117') ?? '', // BT-117
    exemptionReason: f.textAt(tax, 'ExemptionReason'), // BT-120
    exemptionReasonCode: f.textAt(tax, 'ExemptionReasonCode'), // BT-121
  });
}

function readAttachment(reference: XmlElement, d: CiiDialect, f: FieldReader): AdditionalDocument {
  const binary = child(reference, 'AttachmentBinaryObject');
  return compact({
    id: f.textAt(reference, d.documentId) ?? '', // BT-122
    description: f.textAt(reference, 'Name'), // BT-123
    uri: f.textAt(reference, 'URIID'), // BT-124
    filename: binary?.attrs.filename?.trim() || undefined, // BT-125 filename
    mimeCode: binary?.attrs.mimeCode?.trim() || undefined, // BT-125 mimeCode
  });
}

/**
 * Reads the line items. A line naming a ParentLineID (ZUGFeRD EXTENDED, XRechnung extension)
 * becomes a sub-line of that earlier line, as UBL's SubInvoiceLine does; top-level lines carry the totals.
 */
function readLines(items: XmlElement[], d: CiiDialect, f: FieldReader): InvoiceLine[] {
  const topLevel: InvoiceLine[] = [];
  const seen = new Map<string, InvoiceLine>();
  for (const item of items) {
    const line = readLine(item, d, f);
    const parentId = f.textAt(item, 'AssociatedDocumentLineDocument/ParentLineID');
    const parent = parentId === undefined ? undefined : seen.get(parentId);
    if (parent) {
      parent.subLines ??= [];
      parent.subLines.push(line);
    } else {
      if (parentId !== undefined)
        f.warn(`BG-25: line "${line.id}" names parent line "${parentId}", which does not precede it`);
      topLevel.push(line);
    }
    if (line.id && !seen.has(line.id)) seen.set(line.id, line);
  }
  return topLevel;
}

function readLine(item: XmlElement, d: CiiDialect, f: FieldReader): InvoiceLine {
  const document = child(item, 'AssociatedDocumentLineDocument');
  const product = child(item, 'SpecifiedTradeProduct');
  const agreement = child(item, d.lineAgreement);
  const settlement = child(item, d.lineSettlement);
  const quantity = path(item, `${d.lineDelivery}/BilledQuantity`);
  const grossPrice = child(agreement, 'GrossPriceProductTradePrice');
  const netPrice = child(agreement, 'NetPriceProductTradePrice');
  const basisQuantity = child(netPrice, 'BasisQuantity') ?? child(grossPrice, 'BasisQuantity');
  const priceDiscount = children(grossPrice, 'AppliedTradeAllowanceCharge').find(
    (ac) => !isTrue(f.textAt(ac, 'ChargeIndicator/Indicator')),
  );
  const objectReference = children(settlement, 'AdditionalReferencedDocument').find(
    (r) => f.textAt(r, 'TypeCode') === INVOICED_OBJECT,
  );
  const period = child(settlement, 'BillingSpecifiedPeriod');
  const tax = child(settlement, 'ApplicableTradeTax');
  return compact({
    id: f.textAt(document, 'LineID') ?? '', // BT-126
    note: f.joined(children(document, 'IncludedNote').flatMap((n) => children(n, 'Content'))), // BT-127
    objectId: readObjectIdentifier(objectReference, f), // BT-128
    quantity: f.decimal(quantity, 'BT-129') ?? '', // BT-129
    unit: quantity?.attrs.unitCode?.trim() || undefined, // BT-130
    net: f.decimalAt(settlement, `${d.lineSummation}/LineTotalAmount`, 'BT-131') ?? '', // BT-131
    orderLineReference: f.textAt(agreement, 'BuyerOrderReferencedDocument/LineID'), // BT-132
    accountingReference: f.textAt(settlement, 'ReceivableSpecifiedTradeAccountingAccount/ID'), // BT-133
    periodStart: f.dateAt(period, 'StartDateTime', 'BT-134'), // BT-134
    periodEnd: f.dateAt(period, 'EndDateTime', 'BT-135'), // BT-135
    allowances: readAllowanceCharges(settlement, d, f, false), // BG-27
    charges: readAllowanceCharges(settlement, d, f, true), // BG-28
    price: f.decimalAt(netPrice, 'ChargeAmount', 'BT-146') ?? '', // BT-146
    priceDiscount: f.decimalAt(priceDiscount, 'ActualAmount', 'BT-147'), // BT-147
    grossPrice: f.decimalAt(grossPrice, 'ChargeAmount', 'BT-148'), // BT-148
    baseQuantity: f.decimal(basisQuantity, 'BT-149'), // BT-149
    baseQuantityUnit: basisQuantity?.attrs.unitCode?.trim() || undefined, // BT-150
    vatCategory: f.textAt(tax, 'CategoryCode'), // BT-151
    vatRate: f.decimalAt(tax, d.rate, 'BT-152'), // BT-152
    name: f.textAt(product, 'Name') ?? '', // BT-153
    description: f.textAt(product, 'Description'), // BT-154
    sellerItemId: f.textAt(product, 'SellerAssignedID'), // BT-155
    buyerItemId: f.textAt(product, 'BuyerAssignedID'), // BT-156
    standardItemId: f.identifierAt(product, 'GlobalID'), // BT-157
    classifications: children(product, 'DesignatedProductClassification') // BT-158
      .map((c) => f.identifierAt(c, 'ClassCode', 'listID'))
      .filter((c): c is Identifier => c !== undefined),
    originCountry: f.textAt(product, 'OriginTradeCountry/ID'), // BT-159
  });
}

/** Invoiced object identifier: the referenced document id with its scheme in ReferenceTypeCode. */
function readObjectIdentifier(reference: XmlElement | undefined, f: FieldReader): Identifier | undefined {
  const value = f.textAt(reference, 'IssuerAssignedID');
  if (value === undefined) return undefined;
  return compact({ value, scheme: f.textAt(reference, 'ReferenceTypeCode') });
}
