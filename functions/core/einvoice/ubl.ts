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
  PaymentInstructions,
  PrecedingInvoice,
  VatBreakdown,
} from '../invoice/model';
import { child, children, path, type XmlElement } from '../xml/safe-xml';
import { compact, type FieldReader, isTrue, presentOrUndefined } from './fields';

/**
 * Maps UBL 2.1 Invoice and CreditNote documents (EN 16931, XRechnung, Peppol BIS) to the Invoice model,
 * including the XRechnung extension's nested SubInvoiceLine elements.
 */
export function readUbl(
  root: XmlElement,
  documentKind: 'Invoice' | 'CreditNote',
  f: FieldReader,
): Omit<Invoice, 'source'> {
  const names = documentKind === 'CreditNote' ? CREDIT_NOTE_NAMES : INVOICE_NAMES;
  const currency = f.textAt(root, 'DocumentCurrencyCode') ?? '';
  const taxCurrency = f.textAt(root, 'TaxCurrencyCode');
  const sellerParty = path(root, 'AccountingSupplierParty/Party');
  const payeeParty = child(root, 'PayeeParty');
  const taxRepresentativeParty = child(root, 'TaxRepresentativeParty');
  const documentReferences = children(root, 'AdditionalDocumentReference');
  const referenceOfType = (code: string) =>
    documentReferences.find((r) => f.textAt(r, 'DocumentTypeCode') === code);
  const paymentMeans = children(root, 'PaymentMeans');

  return compact({
    invoiceNumber: f.textAt(root, 'ID') ?? '', // BT-1
    issueDate: f.dateAt(root, 'IssueDate', 'BT-2') ?? '', // BT-2
    typeCode: f.textAt(root, names.typeCode) ?? '', // BT-3
    currency, // BT-5
    vatAccountingCurrency: taxCurrency, // BT-6
    taxPointDate: f.dateAt(root, 'TaxPointDate', 'BT-7'), // BT-7
    dueDate: // BT-9 (a CreditNote has no cbc:DueDate; it states the date in PaymentMeans)
      f.dateAt(root, 'DueDate', 'BT-9') ??
      f.date(paymentMeans.map((m) => child(m, 'PaymentDueDate')).find(isElement), 'BT-9'),
    buyerReference: f.textAt(root, 'BuyerReference'), // BT-10
    projectReference: // BT-11 (CreditNote: AdditionalDocumentReference with type 50)
      f.textAt(root, 'ProjectReference/ID') ?? f.textAt(referenceOfType(PROJECT_REFERENCE), 'ID'),
    contractReference: f.textAt(root, 'ContractDocumentReference/ID'), // BT-12
    purchaseOrderReference: f.textAt(root, 'OrderReference/ID'), // BT-13
    salesOrderReference: f.textAt(root, 'OrderReference/SalesOrderID'), // BT-14
    receivingAdviceReference: f.textAt(root, 'ReceiptDocumentReference/ID'), // BT-15
    despatchAdviceReference: f.textAt(root, 'DespatchDocumentReference/ID'), // BT-16
    tenderOrLotReference: f.textAt(root, 'OriginatorDocumentReference/ID'), // BT-17
    invoicedObjectId: f.textAt(referenceOfType(INVOICED_OBJECT), 'ID'), // BT-18
    buyerAccountingReference: f.textAt(root, 'AccountingCost'), // BT-19
    paymentTerms: f.joined(children(root, 'PaymentTerms').flatMap((t) => children(t, 'Note'))), // BT-20
    notes: children(root, 'Note').flatMap((n) => readNote(n, f)), // BG-1
    businessProcessId: f.textAt(root, 'ProfileID'), // BT-23
    specificationId: f.textAt(root, 'CustomizationID'), // BT-24
    precedingInvoices: readPrecedingInvoices(root, f), // BG-3
    seller: readParty(sellerParty, f, 'legal'), // BG-4
    buyer: readParty(path(root, 'AccountingCustomerParty/Party'), f, 'legal'), // BG-7
    payee: payeeParty ? readParty(payeeParty, f, 'partyName') : undefined, // BG-10
    taxRepresentative: taxRepresentativeParty ? readParty(taxRepresentativeParty, f, 'partyName') : undefined, // BG-11
    delivery: readDelivery(child(root, 'Delivery'), child(root, 'InvoicePeriod'), f), // BG-13
    payment: readPayment(paymentMeans, [sellerParty, payeeParty], f), // BG-16
    allowances: readAllowanceCharges(root, f, false), // BG-20
    charges: readAllowanceCharges(root, f, true), // BG-21
    ...readTaxTotals(root, currency, taxCurrency, f), // BG-22 (BT-110, BT-111), BG-23
    attachments: documentReferences // BG-24
      .filter((r) => !SPECIAL_REFERENCE_TYPES.has(f.textAt(r, 'DocumentTypeCode') ?? ''))
      .map((r) => readAttachment(r, f)),
    lines: children(root, names.line).map((l) => readLine(l, names, f)), // BG-25
  });
}

/** Element names that differ between the Invoice and CreditNote documents. */
interface UblNames {
  typeCode: string;
  line: string;
  quantity: string;
  subLine: string;
}

const INVOICE_NAMES: UblNames = {
  typeCode: 'InvoiceTypeCode',
  line: 'InvoiceLine',
  quantity: 'InvoicedQuantity',
  subLine: 'SubInvoiceLine',
};

const CREDIT_NOTE_NAMES: UblNames = {
  typeCode: 'CreditNoteTypeCode',
  line: 'CreditNoteLine',
  quantity: 'CreditedQuantity',
  subLine: 'SubCreditNoteLine',
};

/** Document type codes (UNTDID 1001) of AdditionalDocumentReference that carry their own business term. */
const PROJECT_REFERENCE = '50'; // BT-11 in a CreditNote
const INVOICED_OBJECT = '130'; // BT-18, BT-128
const SPECIAL_REFERENCE_TYPES = new Set([PROJECT_REFERENCE, INVOICED_OBJECT]);

function isElement(element: XmlElement | undefined): element is XmlElement {
  return element !== undefined;
}

/** UBL has no subject code element; EN 16931 users write it as a "#CODE#" prefix (e.g. "#ADU#Text"). */
function readNote(note: XmlElement, f: FieldReader): InvoiceNote[] {
  const text = f.text(note);
  if (text === undefined) return [];
  const coded = /^#([A-Z]{3})#([\s\S]*)$/.exec(text);
  return coded ? [{ subjectCode: coded[1]!, text: coded[2]!.trim() }] : [{ text }]; // BT-21, BT-22
}

function readPrecedingInvoices(root: XmlElement, f: FieldReader): PrecedingInvoice[] {
  return children(root, 'BillingReference').flatMap((reference) => {
    const invoice = child(reference, 'InvoiceDocumentReference');
    const number = f.textAt(invoice, 'ID'); // BT-25
    if (number === undefined) return [];
    return [compact({ number, issueDate: f.dateAt(invoice, 'IssueDate', 'BT-26') })]; // BT-26
  });
}

/**
 * Reads a cac:Party. Seller and buyer take their name from PartyLegalEntity/RegistrationName
 * (BT-27/BT-44) and the trading name from PartyName; payee and tax representative are named by PartyName.
 */
function readParty(party: XmlElement | undefined, f: FieldReader, naming: 'legal' | 'partyName'): Party {
  const legal = child(party, 'PartyLegalEntity');
  const taxSchemes = children(party, 'PartyTaxScheme');
  const registration = (isVat: boolean) =>
    taxSchemes
      .filter((s) => (f.textAt(s, 'TaxScheme/ID')?.toUpperCase() === 'VAT') === isVat)
      .map((s) => f.textAt(s, 'CompanyID'))
      .find((id) => id !== undefined);
  const partyName = f.textAt(party, 'PartyName/Name');
  return compact({
    name: naming === 'legal' ? f.textAt(legal, 'RegistrationName') : partyName, // BT-27, BT-44, BT-59, BT-62
    tradingName: naming === 'legal' ? partyName : undefined, // BT-28, BT-45
    identifiers: children(party, 'PartyIdentification') // BT-29, BT-46, BT-60 (SEPA creditor id is BT-90)
      .map((p) => f.identifierAt(p, 'ID'))
      .filter((id): id is Identifier => id !== undefined && id.scheme?.toUpperCase() !== 'SEPA'),
    legalRegistrationId: f.identifierAt(legal, 'CompanyID'), // BT-30, BT-47, BT-61
    vatId: registration(true), // BT-31, BT-48, BT-63
    taxNumber: registration(false), // BT-32
    legalInfo: f.textAt(legal, 'CompanyLegalForm'), // BT-33
    electronicAddress: f.identifierAt(party, 'EndpointID'), // BT-34, BT-49
    address: readAddress(child(party, 'PostalAddress'), f), // BG-5, BG-8, BG-12
    contact: readContact(child(party, 'Contact'), f), // BG-6, BG-9
  });
}

function readAddress(address: XmlElement | undefined, f: FieldReader): Address | undefined {
  if (!address) return undefined;
  return presentOrUndefined({
    line1: f.textAt(address, 'StreetName'), // BT-35
    line2: f.textAt(address, 'AdditionalStreetName'), // BT-36
    line3: f.textAt(address, 'AddressLine/Line'), // BT-162
    city: f.textAt(address, 'CityName'), // BT-37
    postalCode: f.textAt(address, 'PostalZone'), // BT-38
    countrySubdivision: f.textAt(address, 'CountrySubentity'), // BT-39
    countryCode: f.textAt(address, 'Country/IdentificationCode'), // BT-40
  });
}

function readContact(contact: XmlElement | undefined, f: FieldReader): Contact | undefined {
  if (!contact) return undefined;
  return presentOrUndefined({
    name: f.textAt(contact, 'Name'), // BT-41
    phone: f.textAt(contact, 'Telephone'), // BT-42
    email: f.textAt(contact, 'ElectronicMail'), // BT-43
  });
}

function readDelivery(
  delivery: XmlElement | undefined,
  invoicePeriod: XmlElement | undefined,
  f: FieldReader,
): Delivery | undefined {
  const location = child(delivery, 'DeliveryLocation');
  return presentOrUndefined({
    partyName: f.textAt(delivery, 'DeliveryParty/PartyName/Name'), // BT-70
    locationId: f.identifierAt(location, 'ID'), // BT-71
    date: f.dateAt(delivery, 'ActualDeliveryDate', 'BT-72'), // BT-72
    periodStart: f.dateAt(invoicePeriod, 'StartDate', 'BT-73'), // BT-73
    periodEnd: f.dateAt(invoicePeriod, 'EndDate', 'BT-74'), // BT-74
    address: readAddress(child(location, 'Address'), f), // BG-15
  });
}

function readPayment(
  means: XmlElement[],
  creditorParties: (XmlElement | undefined)[],
  f: FieldReader,
): PaymentInstructions {
  const accounts = means.flatMap((m): PaymentAccount[] => {
    const account = child(m, 'PayeeFinancialAccount');
    const iban = f.textAt(account, 'ID');
    if (iban === undefined) return [];
    return [
      compact({
        iban: iban.replace(/\s+/g, ''), // BT-84
        name: f.textAt(account, 'Name'), // BT-85
        bic: f.textAt(account, 'FinancialInstitutionBranch/ID'), // BT-86
      }),
    ];
  });
  const firstOf = (route: string) => means.map((m) => f.textAt(m, route)).find((v) => v !== undefined);
  const firstCode = means.map((m) => child(m, 'PaymentMeansCode')).find(isElement);
  const creditorId = creditorParties // BT-90: seller's or payee's identifier with scheme SEPA
    .flatMap((p) => children(p, 'PartyIdentification'))
    .map((p) => child(p, 'ID'))
    .find((id) => id?.attrs.schemeID?.trim().toUpperCase() === 'SEPA');
  return compact({
    meansCode: f.text(firstCode), // BT-81
    meansText: firstCode?.attrs.name?.trim() || undefined, // BT-82
    remittanceInformation: firstOf('PaymentID'), // BT-83
    accounts, // BG-17
    cardPrimaryAccountNumber: firstOf('CardAccount/PrimaryAccountNumberID'), // BT-87
    mandateReference: firstOf('PaymentMandate/ID'), // BT-89
    creditorId: f.text(creditorId), // BT-90
    debitedAccount: firstOf('PaymentMandate/PayerFinancialAccount/ID')?.replace(/\s+/g, ''), // BT-91
  });
}

function readAllowanceCharges(holder: XmlElement, f: FieldReader, charges: boolean): AllowanceCharge[] {
  return children(holder, 'AllowanceCharge')
    .filter((ac) => isTrue(f.textAt(ac, 'ChargeIndicator')) === charges)
    .map((ac) => {
      const term = charges ? 'BT-99' : 'BT-92';
      return compact({
        amount: f.decimalAt(ac, 'Amount', term) ?? '', // BT-92 / BT-99 / BT-136 / BT-141
        baseAmount: f.decimalAt(ac, 'BaseAmount', term), // BT-93 / BT-100 / BT-137 / BT-142
        percent: f.decimalAt(ac, 'MultiplierFactorNumeric', term), // BT-94 / BT-101 / BT-138 / BT-143
        vatCategory: f.textAt(ac, 'TaxCategory/ID'), // BT-95 / BT-102
        vatRate: f.decimalAt(ac, 'TaxCategory/Percent', term), // BT-96 / BT-103
        reason: f.textAt(ac, 'AllowanceChargeReason'), // BT-97 / BT-104 / BT-139 / BT-144
        reasonCode: f.textAt(ac, 'AllowanceChargeReasonCode'), // BT-98 / BT-105 / BT-140 / BT-145
      });
    });
}

/**
 * Totals and VAT breakdown. A document may carry two TaxTotal elements: the one in the
 * invoice currency (BT-5) is BT-110 with the breakdown; the one in the VAT accounting currency is BT-111.
 */
function readTaxTotals(
  root: XmlElement,
  currency: string,
  taxCurrency: string | undefined,
  f: FieldReader,
): Pick<Invoice, 'totals' | 'vatBreakdown'> {
  const taxTotals = children(root, 'TaxTotal');
  const currencyOf = (taxTotal: XmlElement) => child(taxTotal, 'TaxAmount')?.attrs.currencyID?.trim();
  const inInvoiceCurrency =
    taxTotals.find((t) => currencyOf(t) === currency) ??
    taxTotals.find((t) => child(t, 'TaxSubtotal') !== undefined) ??
    taxTotals[0];
  const inAccountingCurrency =
    taxCurrency && taxCurrency !== currency
      ? taxTotals.find((t) => t !== inInvoiceCurrency && currencyOf(t) === taxCurrency)
      : undefined;
  const monetary = child(root, 'LegalMonetaryTotal');
  const totals = compact({
    lineNet: f.decimalAt(monetary, 'LineExtensionAmount', 'BT-106') ?? '', // BT-106
    allowances: f.decimalAt(monetary, 'AllowanceTotalAmount', 'BT-107'), // BT-107
    charges: f.decimalAt(monetary, 'ChargeTotalAmount', 'BT-108'), // BT-108
    net: f.decimalAt(monetary, 'TaxExclusiveAmount', 'BT-109') ?? '', // BT-109
    vat: f.decimalAt(inInvoiceCurrency, 'TaxAmount', 'BT-110'), // BT-110
    vatInAccountingCurrency: f.decimalAt(inAccountingCurrency, 'TaxAmount', 'BT-111'), // BT-111
    gross: f.decimalAt(monetary, 'TaxInclusiveAmount', 'BT-112') ?? '', // BT-112
    prepaid: f.decimalAt(monetary, 'PrepaidAmount', 'BT-113'), // BT-113
    rounding: f.decimalAt(monetary, 'PayableRoundingAmount', 'BT-114'), // BT-114
    payable: f.decimalAt(monetary, 'PayableAmount', 'BT-115') ?? '', // BT-115
  });
  const vatBreakdown = children(inInvoiceCurrency, 'TaxSubtotal').map((s) => readVatBreakdown(s, f));
  return { totals, vatBreakdown };
}

function readVatBreakdown(subtotal: XmlElement, f: FieldReader): VatBreakdown {
  const category = child(subtotal, 'TaxCategory');
  return compact({
    category: f.textAt(category, 'ID') ?? '', // BT-118
    rate: f.decimalAt(category, 'Percent', 'BT-119'), // BT-119
    taxable: f.decimalAt(subtotal, 'TaxableAmount', 'BT-116') ?? '', // BT-116
    tax: f.decimalAt(subtotal, 'TaxAmount', 'BT-117') ?? '', // BT-117
    exemptionReason: f.textAt(category, 'TaxExemptionReason'), // BT-120
    exemptionReasonCode: f.textAt(category, 'TaxExemptionReasonCode'), // BT-121
  });
}

function readAttachment(reference: XmlElement, f: FieldReader): AdditionalDocument {
  const attachment = child(reference, 'Attachment');
  const binary = child(attachment, 'EmbeddedDocumentBinaryObject');
  return compact({
    id: f.textAt(reference, 'ID') ?? '', // BT-122
    description: f.textAt(reference, 'DocumentDescription'), // BT-123
    uri: f.textAt(attachment, 'ExternalReference/URI'), // BT-124
    filename: binary?.attrs.filename?.trim() || undefined, // BT-125 filename
    mimeCode: binary?.attrs.mimeCode?.trim() || undefined, // BT-125 mimeCode
  });
}

function readLine(line: XmlElement, names: UblNames, f: FieldReader): InvoiceLine {
  const quantity = child(line, names.quantity);
  const period = child(line, 'InvoicePeriod');
  const item = child(line, 'Item');
  const taxCategory = child(item, 'ClassifiedTaxCategory');
  const price = child(line, 'Price');
  const baseQuantity = child(price, 'BaseQuantity');
  const priceDiscount = children(price, 'AllowanceCharge').find(
    (ac) => !isTrue(f.textAt(ac, 'ChargeIndicator')),
  );
  const objectReference = children(line, 'DocumentReference').find(
    (r) => f.textAt(r, 'DocumentTypeCode') === INVOICED_OBJECT,
  );
  const subLines = children(line, names.subLine).map((sub) => readLine(sub, names, f));
  return compact({
    id: f.textAt(line, 'ID') ?? '', // BT-126
    note: f.joined(children(line, 'Note')), // BT-127
    objectId: f.identifierAt(objectReference, 'ID'), // BT-128
    quantity: f.decimal(quantity, 'BT-129') ?? '', // BT-129
    unit: quantity?.attrs.unitCode?.trim() || undefined, // BT-130
    net: f.decimalAt(line, 'LineExtensionAmount', 'BT-131') ?? '', // BT-131
    orderLineReference: f.textAt(line, 'OrderLineReference/LineID'), // BT-132
    accountingReference: f.textAt(line, 'AccountingCost'), // BT-133
    periodStart: f.dateAt(period, 'StartDate', 'BT-134'), // BT-134
    periodEnd: f.dateAt(period, 'EndDate', 'BT-135'), // BT-135
    allowances: readAllowanceCharges(line, f, false), // BG-27
    charges: readAllowanceCharges(line, f, true), // BG-28
    price: f.decimalAt(price, 'PriceAmount', 'BT-146') ?? '', // BT-146
    priceDiscount: f.decimalAt(priceDiscount, 'Amount', 'BT-147'), // BT-147
    grossPrice: f.decimalAt(priceDiscount, 'BaseAmount', 'BT-148'), // BT-148
    baseQuantity: f.decimal(baseQuantity, 'BT-149'), // BT-149
    baseQuantityUnit: baseQuantity?.attrs.unitCode?.trim() || undefined, // BT-150
    vatCategory: f.textAt(taxCategory, 'ID'), // BT-151
    vatRate: f.decimalAt(taxCategory, 'Percent', 'BT-152'), // BT-152
    name: f.textAt(item, 'Name') ?? '', // BT-153
    description: f.textAt(item, 'Description'), // BT-154
    sellerItemId: f.textAt(item, 'SellersItemIdentification/ID'), // BT-155
    buyerItemId: f.textAt(item, 'BuyersItemIdentification/ID'), // BT-156
    standardItemId: f.identifierAt(item, 'StandardItemIdentification/ID'), // BT-157
    classifications: children(item, 'CommodityClassification') // BT-158
      .map((c) => f.identifierAt(c, 'ItemClassificationCode', 'listID'))
      .filter((c): c is Identifier => c !== undefined),
    originCountry: f.textAt(item, 'OriginCountry/IdentificationCode'), // BT-159
    subLines: subLines.length ? subLines : undefined, // XRechnung extension: sub-invoice lines
  });
}
