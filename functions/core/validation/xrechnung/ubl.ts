import { type Dec, Decimal } from '../../money';
import type { XmlElement } from '../../xml/safe-xml';
import {
  CEF_EAS_EXT_CODES,
  CVA_CODES,
  CVD_VEHICLE_CATEGORIES,
  EXTENSION_MIME_CODES,
  emailValid,
  ISO_6523_ICD_EXT_CODES,
  ibanValid,
  inCodeList,
  round2,
  skontoTermsValid,
  telephoneValid,
  UNTDID_7143_CVD_CODES,
  urlValid,
  VAT_CODES_NEEDING_SELLER_TAX_ID,
  withinSlack,
  XR_CIUS_ID,
  XR_CVD_ID,
  XR_EXTENSION_ID,
  XRECHNUNG_TYPE_CODES,
  xsDecimal,
  xsDouble,
} from './common';
import type { Pattern } from './schematron';
import { attr, hasAncestor, isBlank, normalizeSpace, stringValue, XPathLite } from './xpath';

/**
 * XRechnung rules for UBL 2.1 Invoice and CreditNote: the patterns of the KoSIT schematron 2.5
 * (ubl-pattern, ubl-extension-pattern, ubl-cvd-pattern) and the adopted Peppol BIS rules
 * (peppol-ubl-pattern-1/-2, whitelisted in rule-list.xml), with their contexts, tests and flags.
 */

export const UBL_INVOICE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
export const UBL_CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

const q = new XPathLite({
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  ubl: UBL_INVOICE_NS,
  cn: UBL_CREDIT_NOTE_NS,
});

/** Document-wide values the schematron keeps in global variables. */
export interface UblFacts {
  root: XmlElement;
  isInvoice: boolean;
  /** BT-24 names the XRechnung extension. */
  isExtension: boolean;
  /** BT-24 names the CVD specification. */
  isCVD: boolean;
  /** Peppol $slackValue: 0.5 for HUF invoices, else 0.02. */
  slack: Dec;
}

export function ublFacts(root: XmlElement): UblFacts {
  const customizationIds = q.all(root, 'cbc:CustomizationID').map((e) => e.rawText);
  return {
    root,
    isInvoice: q.is(root, 'ubl:Invoice'),
    isExtension: customizationIds.includes(XR_EXTENSION_ID),
    isCVD: customizationIds.includes(XR_CVD_ID),
    slack: new Decimal(q.texts(root, 'cbc:DocumentCurrencyCode').includes('HUF') ? '0.5' : '0.02'),
  };
}

// ---- small helpers with XPath semantics ----

/** General comparison `nodes op number`: true when some node's numeric value satisfies it. */
function someNumber(nodes: XmlElement[], predicate: (n: number) => boolean): boolean {
  return nodes.some((node) => {
    const n = xsDouble(stringValue(node));
    return n !== undefined && predicate(n);
  });
}

/** `if (path) then xs:decimal(path) else fallback`; undefined when the cast fails. */
function decimalOr(ctx: XmlElement, path: string, fallback: string): Dec | undefined {
  const node = q.one(ctx, path);
  return node ? xsDecimal(stringValue(node)) : new Decimal(fallback);
}

/** xs:date(text) as a comparable 'YYYY-MM-DD' string (timezone ignored), or undefined. */
function xsDate(value: string | undefined): string | undefined {
  const match = /^\s*(-?\d{4,}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?\s*$/.exec(value ?? '');
  return match?.[1];
}

const rootPath = (suffix: string) => `/ubl:Invoice/${suffix} | /cn:CreditNote/${suffix}`;
const atPaymentMeans = q.context(rootPath('cac:PaymentMeans'));
const isRoot = (e: XmlElement) =>
  e.parent === undefined && (q.is(e, 'ubl:Invoice') || q.is(e, 'cn:CreditNote'));
const paymentMeansCode = (e: XmlElement) => normalizeSpace(q.text(e, 'cbc:PaymentMeansCode'));
const schemeIn = (list: string) => (e: XmlElement) => inCodeList(list, attr(e, 'schemeID'));

// ---- Peppol BIS rules adopted by XRechnung ----

const peppolEmptyElements: Pattern<UblFacts> = {
  id: 'peppol-ubl-pattern-1',
  rules: [
    {
      context: (e) => e.children.length === 0 && isBlank(e.rawText),
      asserts: [{ id: 'PEPPOL-EN16931-R008', flag: 'fatal', test: () => false }],
    },
  ],
};

const allowanceChargeContext =
  'ubl:Invoice/cac:AllowanceCharge | ubl:Invoice/cac:InvoiceLine/cac:AllowanceCharge | ' +
  'cn:CreditNote/cac:AllowanceCharge | cn:CreditNote/cac:CreditNoteLine/cac:AllowanceCharge';

const peppolRules: Pattern<UblFacts> = {
  id: 'peppol-ubl-pattern-2',
  rules: [
    {
      context: (e) => q.is(e, 'ubl:Invoice') || q.is(e, 'cn:CreditNote'),
      asserts: [
        { id: 'PEPPOL-EN16931-R001', flag: 'fatal', test: (e) => q.has(e, 'cbc:ProfileID') },
        {
          id: 'PEPPOL-EN16931-R053',
          flag: 'fatal',
          test: (e) => q.all(e, 'cac:TaxTotal').filter((t) => q.has(t, 'cac:TaxSubtotal')).length === 1,
        },
        {
          id: 'PEPPOL-EN16931-R054',
          flag: 'fatal',
          test: (e) =>
            q.all(e, 'cac:TaxTotal').filter((t) => !q.has(t, 'cac:TaxSubtotal')).length ===
            (q.has(e, 'cbc:TaxCurrencyCode') ? 1 : 0),
        },
        { id: 'PEPPOL-EN16931-R055', flag: 'fatal', test: (e) => taxTotalsSameSign(e) },
      ],
    },
    {
      context: (e) => q.is(e, 'cbc:TaxCurrencyCode'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R005',
          flag: 'fatal',
          test: (e) =>
            normalizeSpace(e.rawText) !==
            normalizeSpace(q.one(e, '../cbc:DocumentCurrencyCode')?.rawText ?? ''),
        },
      ],
    },
    {
      context: q.context('cac:AccountingCustomerParty/cac:Party'),
      asserts: [{ id: 'PEPPOL-EN16931-R010', flag: 'fatal', test: (e) => q.has(e, 'cbc:EndpointID') }],
    },
    {
      context: q.context('cac:AccountingSupplierParty/cac:Party'),
      asserts: [{ id: 'PEPPOL-EN16931-R020', flag: 'fatal', test: (e) => q.has(e, 'cbc:EndpointID') }],
    },
    {
      context: (e) =>
        q.matches(e, allowanceChargeContext) &&
        q.has(e, 'cbc:MultiplierFactorNumeric') &&
        !q.has(e, 'cbc:BaseAmount'),
      asserts: [{ id: 'PEPPOL-EN16931-R041', flag: 'fatal', test: () => false }],
    },
    {
      context: (e) =>
        q.matches(e, allowanceChargeContext) &&
        !q.has(e, 'cbc:MultiplierFactorNumeric') &&
        q.has(e, 'cbc:BaseAmount'),
      asserts: [{ id: 'PEPPOL-EN16931-R042', flag: 'fatal', test: () => false }],
    },
    {
      context: (e) => q.matches(e, allowanceChargeContext),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R040',
          flag: 'fatal',
          test: (e, f) => allowanceAmountMatchesPercentage(e, f.slack),
        },
        {
          id: 'PEPPOL-EN16931-R043',
          flag: 'fatal',
          test: (e) =>
            ['true', 'false'].includes(normalizeSpace(q.one(e, 'cbc:ChargeIndicator')?.rawText ?? '')),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'cac:PaymentMeans') && ['49', '59'].includes(paymentMeansCode(e)),
      asserts: [
        { id: 'PEPPOL-EN16931-R061', flag: 'fatal', test: (e) => q.has(e, 'cac:PaymentMandate/cbc:ID') },
      ],
    },
    {
      context: (e) => linePeriodDate(e, 'cbc:StartDate'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R110',
          flag: 'fatal',
          test: (e) =>
            compareDates(e, '../../../cac:InvoicePeriod/cbc:StartDate', (line, doc) => line >= doc),
        },
      ],
    },
    {
      context: (e) => linePeriodDate(e, 'cbc:EndDate'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R111',
          flag: 'fatal',
          test: (e) => compareDates(e, '../../../cac:InvoicePeriod/cbc:EndDate', (line, doc) => line <= doc),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'cac:InvoiceLine') || q.is(e, 'cac:CreditNoteLine'),
      asserts: [
        { id: 'PEPPOL-EN16931-R120', flag: 'warning', test: (e, f) => lineNetAmountConsistent(e, f) },
        {
          id: 'PEPPOL-EN16931-R121',
          flag: 'fatal',
          test: (e) => {
            const base = q.one(e, 'cac:Price/cbc:BaseQuantity');
            return !base || (xsDecimal(stringValue(base))?.gt(0) ?? false);
          },
        },
        {
          id: 'PEPPOL-EN16931-R101',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'cac:DocumentReference') ||
            q.texts(e, 'cac:DocumentReference/cbc:DocumentTypeCode').includes('130'),
        },
      ],
    },
    {
      context: q.context('cac:Price/cac:AllowanceCharge'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R044',
          flag: 'fatal',
          test: (e) => normalizeSpace(q.text(e, 'cbc:ChargeIndicator')) === 'false',
        },
        { id: 'PEPPOL-EN16931-R046', flag: 'fatal', test: (e) => netPriceIsGrossMinusDiscount(e) },
      ],
    },
    {
      context: (e) => q.matches(e, 'cac:Price/cbc:BaseQuantity') && attr(e, 'unitCode') !== undefined,
      asserts: [
        {
          id: 'PEPPOL-EN16931-R130',
          flag: 'fatal',
          test: (e, f) => {
            const line = e.parent?.parent;
            if (!q.has(line, 'cbc:InvoicedQuantity') && !q.has(line, 'cbc:CreditedQuantity')) return true;
            const quantities = q.all(line, f.isInvoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity');
            return quantities.some((quantity) => attr(quantity, 'unitCode') === attr(e, 'unitCode'));
          },
        },
      ],
    },
  ],
};

/** R055: with BT-6, the VAT totals in both currencies have the same sign (0 counts as both). */
function taxTotalsSameSign(root: XmlElement): boolean {
  if (!q.has(root, 'cbc:TaxCurrencyCode')) return true;
  const taxCurrency = normalizeSpace(q.text(root, 'cbc:TaxCurrencyCode'));
  const documentCurrency = normalizeSpace(q.text(root, 'cbc:DocumentCurrencyCode'));
  const amounts = q.all(root, 'cac:TaxTotal/cbc:TaxAmount');
  const inTax = amounts.filter((a) => attr(a, 'currencyID') === taxCurrency);
  const inDocument = amounts.filter((a) => attr(a, 'currencyID') === documentCurrency);
  return (
    (someNumber(inTax, (n) => n <= 0) && someNumber(inDocument, (n) => n <= 0)) ||
    (someNumber(inTax, (n) => n >= 0) && someNumber(inDocument, (n) => n >= 0))
  );
}

/** R040: Amount = BaseAmount * MultiplierFactorNumeric / 100 (within the slack), when both given. */
function allowanceAmountMatchesPercentage(charge: XmlElement, slack: Dec): boolean {
  const percent = q.one(charge, 'cbc:MultiplierFactorNumeric');
  const base = q.one(charge, 'cbc:BaseAmount');
  if (!percent || !base) return true;
  const amount = decimalOr(charge, 'cbc:Amount', '0');
  const basis = xsDecimal(stringValue(base));
  const factor = xsDecimal(stringValue(percent));
  if (!amount || !basis || !factor) return false;
  return withinSlack(amount, basis.times(factor).div(100), slack);
}

/** Context of R110/R111: a line period date when the invoice has a period with that date. */
function linePeriodDate(e: XmlElement, dateName: string): boolean {
  if (!q.is(e, dateName)) return false;
  const line = e.parent?.parent;
  const root = line?.parent;
  if (!line || !root || !isRoot(root) || !q.is(e.parent!, 'cac:InvoicePeriod')) return false;
  const lineName = q.is(root, 'ubl:Invoice') ? 'cac:InvoiceLine' : 'cac:CreditNoteLine';
  return q.is(line, lineName) && q.has(root, `cac:InvoicePeriod/${dateName}`);
}

function compareDates(
  e: XmlElement,
  documentPath: string,
  ok: (line: string, doc: string) => boolean,
): boolean {
  const line = xsDate(e.rawText);
  const docs = q.texts(e, documentPath).map(xsDate);
  return line !== undefined && docs.length === 1 && docs[0] !== undefined && ok(line, docs[0]);
}

/** R120: LineExtensionAmount = qty * (price / base qty) + charges - allowances (within the slack). */
function lineNetAmountConsistent(line: XmlElement, facts: UblFacts): boolean {
  const lineAmount = decimalOr(line, 'cbc:LineExtensionAmount', '0');
  const quantity = decimalOr(line, facts.isInvoice ? 'cbc:InvoicedQuantity' : 'cbc:CreditedQuantity', '1');
  const price = decimalOr(line, 'cac:Price/cbc:PriceAmount', '0');
  const baseNode = q.one(line, 'cac:Price/cbc:BaseQuantity');
  const baseValue = baseNode ? xsDecimal(stringValue(baseNode)) : undefined;
  if (baseNode && !baseValue) return false;
  const baseQuantity = baseValue && !baseValue.isZero() ? baseValue : new Decimal(1);
  const allowances = lineAllowanceTotal(line, 'false');
  const charges = lineAllowanceTotal(line, 'true');
  if (!lineAmount || !quantity || !price || !allowances || !charges) return false;
  const expected = quantity.times(price.div(baseQuantity)).plus(charges).minus(allowances);
  return withinSlack(lineAmount, expected, facts.slack);
}

function lineAllowanceTotal(line: XmlElement, indicator: 'true' | 'false'): Dec | undefined {
  const charges = q
    .all(line, 'cac:AllowanceCharge')
    .filter((c) => normalizeSpace(q.text(c, 'cbc:ChargeIndicator')) === indicator);
  let total = new Decimal(0);
  for (const amount of q.all(charges, 'cbc:Amount')) {
    const value = xsDecimal(stringValue(amount));
    if (!value) return undefined;
    total = total.plus(value);
  }
  return round2(total);
}

/** R046: with a gross price (BaseAmount), PriceAmount = BaseAmount - Amount. */
function netPriceIsGrossMinusDiscount(discount: XmlElement): boolean {
  const gross = q.one(discount, 'cbc:BaseAmount');
  if (!gross) return true;
  const net = xsDecimal(q.text(discount, '../cbc:PriceAmount'));
  const grossValue = xsDecimal(stringValue(gross));
  const amount = xsDecimal(q.text(discount, 'cbc:Amount'));
  return (
    net !== undefined && grossValue !== undefined && amount !== undefined && net.eq(grossValue.minus(amount))
  );
}

// ---- XRechnung national rules (ubl-pattern) ----

const xrechnungRules: Pattern<UblFacts> = {
  id: 'ubl-pattern',
  rules: [
    {
      context: isRoot,
      asserts: [
        { id: 'BR-DE-1', flag: 'fatal', test: (e) => q.has(e, 'cac:PaymentMeans') },
        { id: 'BR-DE-15', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:BuyerReference') },
        { id: 'BR-DE-16', flag: 'fatal', test: (e) => sellerTaxIdPresentWhenNeeded(e) },
        {
          id: 'BR-DE-17',
          flag: 'warning',
          test: (e) =>
            XRECHNUNG_TYPE_CODES.has(normalizeSpace(q.text(e, 'cbc:InvoiceTypeCode'))) ||
            XRECHNUNG_TYPE_CODES.has(normalizeSpace(q.text(e, 'cbc:CreditNoteTypeCode'))),
        },
        {
          id: 'BR-DE-18',
          flag: 'fatal',
          test: (e) =>
            skontoTermsValid(q.all(e, 'cac:PaymentTerms').flatMap((t) => q.texts(t, 'cbc:Note').slice(0, 1))),
        },
        {
          id: 'BR-DE-21',
          flag: 'warning',
          test: (e) =>
            q
              .texts(e, 'cbc:CustomizationID')
              .some((id) => id === XR_CIUS_ID || id === XR_EXTENSION_ID || id === XR_CVD_ID),
        },
        { id: 'BR-DE-22', flag: 'fatal', test: (e) => attachmentFilenamesUnique(e) },
        {
          id: 'BR-DE-26',
          flag: 'warning',
          test: (e) =>
            !(
              normalizeSpace(q.text(e, 'cbc:InvoiceTypeCode')) === '384' ||
              normalizeSpace(q.text(e, 'cbc:CreditNoteTypeCode')) === '384'
            ) || q.has(e, 'cac:BillingReference/cac:InvoiceDocumentReference'),
        },
        {
          id: 'BR-DE-30',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'cac:PaymentMeans/cac:PaymentMandate') ||
            [
              ...q.all(e, 'cac:AccountingSupplierParty/cac:Party/cac:PartyIdentification/cbc:ID'),
              ...q.all(e, 'cac:PayeeParty/cac:PartyIdentification/cbc:ID'),
            ].some((id) => attr(id, 'schemeID') === 'SEPA'),
        },
        {
          id: 'BR-DE-31',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'cac:PaymentMeans/cac:PaymentMandate') ||
            q.has(e, 'cac:PaymentMeans/cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID'),
        },
        {
          id: 'BR-DE-TMP-32',
          flag: 'information',
          test: (e) =>
            q.has(e, 'cac:Delivery/cbc:ActualDeliveryDate') ||
            q.has(e, 'cac:InvoicePeriod') ||
            [...q.all(e, 'cac:InvoiceLine'), ...q.all(e, 'cac:CreditNoteLine')].every((line) =>
              q.has(line, 'cac:InvoicePeriod'),
            ),
        },
      ],
    },
    {
      context: q.context(rootPath('cac:AdditionalDocumentReference/cac:Attachment/cac:ExternalReference')),
      asserts: [{ id: 'BR-TMP-2', flag: 'warning', test: (e) => urlValid(q.text(e, 'cbc:URI')) }],
    },
    {
      context: q.context(rootPath('cac:AccountingSupplierParty')),
      asserts: [{ id: 'BR-DE-2', flag: 'fatal', test: (e) => q.has(e, 'cac:Party/cac:Contact') }],
    },
    {
      context: q.context(rootPath('cac:AccountingSupplierParty/cac:Party/cac:PostalAddress')),
      asserts: [
        { id: 'BR-DE-3', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:CityName') },
        { id: 'BR-DE-4', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:PostalZone') },
      ],
    },
    {
      context: q.context(rootPath('cac:AccountingSupplierParty/cac:Party/cac:Contact')),
      asserts: [
        { id: 'BR-DE-5', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:Name') },
        { id: 'BR-DE-6', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:Telephone') },
        { id: 'BR-DE-7', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:ElectronicMail') },
        {
          id: 'BR-DE-27',
          flag: 'warning',
          test: (e) => telephoneValid(normalizeSpace(q.text(e, 'cbc:Telephone'))),
        },
        {
          id: 'BR-DE-28',
          flag: 'warning',
          test: (e) => emailValid(normalizeSpace(q.text(e, 'cbc:ElectronicMail'))),
        },
      ],
    },
    {
      context: q.context(rootPath('cac:AccountingCustomerParty/cac:Party/cac:PostalAddress')),
      asserts: [
        { id: 'BR-DE-8', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:CityName') },
        { id: 'BR-DE-9', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:PostalZone') },
      ],
    },
    {
      context: q.context(rootPath('cac:Delivery/cac:DeliveryLocation/cac:Address')),
      asserts: [
        { id: 'BR-DE-10', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:CityName') },
        { id: 'BR-DE-11', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:PostalZone') },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && ['30', '58'].includes(paymentMeansCode(e)),
      asserts: [
        {
          id: 'BR-DE-19',
          flag: 'warning',
          test: (e) =>
            paymentMeansCode(e) !== '58' || ibanValid(q.text(e, 'cac:PayeeFinancialAccount/cbc:ID')),
        },
        { id: 'BR-DE-23-a', flag: 'fatal', test: (e) => q.has(e, 'cac:PayeeFinancialAccount') },
        {
          id: 'BR-DE-23-b',
          flag: 'fatal',
          test: (e) => !q.has(e, 'cac:CardAccount') && !q.has(e, 'cac:PaymentMandate'),
        },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && ['48', '54', '55'].includes(paymentMeansCode(e)),
      asserts: [
        { id: 'BR-DE-24-a', flag: 'fatal', test: (e) => q.has(e, 'cac:CardAccount') },
        {
          id: 'BR-DE-24-b',
          flag: 'fatal',
          test: (e) => !q.has(e, 'cac:PayeeFinancialAccount') && !q.has(e, 'cac:PaymentMandate'),
        },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && paymentMeansCode(e) === '59',
      asserts: [
        {
          id: 'BR-DE-20',
          flag: 'warning',
          test: (e) => ibanValid(q.text(e, 'cac:PaymentMandate/cac:PayerFinancialAccount/cbc:ID')),
        },
        { id: 'BR-DE-25-a', flag: 'fatal', test: (e) => q.has(e, 'cac:PaymentMandate') },
        {
          id: 'BR-DE-25-b',
          flag: 'fatal',
          test: (e) => !q.has(e, 'cac:PayeeFinancialAccount') && !q.has(e, 'cac:CardAccount'),
        },
      ],
    },
    {
      context: q.context(rootPath('cac:TaxTotal/cac:TaxSubtotal')),
      asserts: [{ id: 'BR-DE-14', flag: 'fatal', test: (e) => q.hasText(e, 'cac:TaxCategory/cbc:Percent') }],
    },
  ],
};

/**
 * BR-DE-16: when a document allowance (BT-95), charge (BT-102) or line (BT-151) uses VAT category
 * S, Z, E, AE, K, G, L or M, a seller tax id (BT-31/BT-32, any PartyTaxScheme CompanyID) or a tax
 * representative (BG-11) is required. Values compare as written (XPath '=' does not trim).
 */
function sellerTaxIdPresentWhenNeeded(root: XmlElement): boolean {
  const categoriesOf = (indicator: string) =>
    q
      .all(root, 'cac:AllowanceCharge')
      .filter((charge) => q.texts(charge, 'cbc:ChargeIndicator').includes(indicator))
      .flatMap((charge) => q.texts(charge, 'cac:TaxCategory/cbc:ID'));
  const lineCategories = [
    ...q.texts(root, 'cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID'),
    ...q.texts(root, 'cac:CreditNoteLine/cac:Item/cac:ClassifiedTaxCategory/cbc:ID'),
  ];
  const used = [...categoriesOf('false'), ...categoriesOf('true'), ...lineCategories];
  if (!used.some((code) => VAT_CODES_NEEDING_SELLER_TAX_ID.has(code))) return true;
  return (
    q.has(root, 'cac:TaxRepresentativeParty') ||
    q.hasText(root, 'cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID')
  );
}

/** BR-DE-22: no AdditionalDocumentReference repeats a filename of an earlier sibling. */
function attachmentFilenamesUnique(root: XmlElement): boolean {
  const seen = new Set<string>();
  for (const reference of q.all(root, 'cac:AdditionalDocumentReference')) {
    const names = q
      .all(reference, 'cac:Attachment/cbc:EmbeddedDocumentBinaryObject')
      .map((o) => attr(o, 'filename'))
      .filter((n): n is string => n !== undefined);
    if (names.some((n) => seen.has(n))) return false;
    for (const n of names) seen.add(n);
  }
  return true;
}

// ---- XRechnung extension (ubl-extension-pattern) ----

const extensionRules: Pattern<UblFacts> = {
  id: 'ubl-extension-pattern',
  rules: [
    {
      context: (e, f) => f.isExtension && q.is(e, 'cbc:EmbeddedDocumentBinaryObject'),
      asserts: [
        { id: 'BR-DEX-01', flag: 'fatal', test: (e) => EXTENSION_MIME_CODES.has(attr(e, 'mimeCode') ?? '') },
      ],
    },
    {
      context: (e, f) => f.isExtension && q.matches(e, '/ubl:Invoice'),
      asserts: [
        { id: 'BR-DEX-02', flag: 'warning', test: (e) => subLineSumsConsistent(e) },
        {
          id: 'BR-DEX-03',
          flag: 'fatal',
          test: (e) =>
            subInvoiceLines(e).every((sub) =>
              q.all(sub, 'cac:Item').every((item) => q.all(item, 'cac:ClassifiedTaxCategory').length === 1),
            ),
        },
      ],
    },
    {
      context: (e, f) => f.isExtension && q.is(e, 'cac:LegalMonetaryTotal'),
      asserts: [{ id: 'BR-DEX-09', flag: 'fatal', test: (e) => amountDueIncludesThirdPartyPayments(e) }],
    },
    {
      context: (e, f) =>
        f.isExtension && q.matches(e, 'cac:PartyIdentification/cbc:ID') && attr(e, 'schemeID') !== undefined,
      asserts: [
        {
          id: 'BR-DEX-04',
          flag: 'fatal',
          test: (e) =>
            inCodeList(ISO_6523_ICD_EXT_CODES, attr(e, 'schemeID')) ||
            (inCodeList(' SEPA ', attr(e, 'schemeID')) &&
              hasAncestor(e, (a) => q.is(a, 'cac:AccountingSupplierParty') || q.is(a, 'cac:PayeeParty'))),
        },
      ],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.matches(e, 'cac:PartyLegalEntity/cbc:CompanyID') &&
        attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-05', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.matches(e, 'cac:StandardItemIdentification/cbc:ID') &&
        attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-06', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) => f.isExtension && q.is(e, 'cbc:EndpointID') && attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-07', flag: 'fatal', test: schemeIn(CEF_EAS_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension && q.matches(e, 'cac:DeliveryLocation/cbc:ID') && attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-08', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) => f.isExtension && q.matches(e, '/ubl:Invoice/cac:PrepaidPayment'),
      asserts: [
        { id: 'BR-DEX-10', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:ID') },
        { id: 'BR-DEX-11', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:PaidAmount') },
        { id: 'BR-DEX-12', flag: 'fatal', test: (e) => q.hasText(e, 'cbc:InstructionID') },
        {
          id: 'BR-DEX-13',
          flag: 'fatal',
          test: (e) => {
            const amount = q.text(e, 'cbc:PaidAmount');
            const dot = amount.indexOf('.');
            return dot < 0 || amount.length - dot - 1 <= 2;
          },
        },
        {
          id: 'BR-DEX-14',
          flag: 'fatal',
          test: (e) => {
            const currencies = q.texts(e, '../cbc:DocumentCurrencyCode');
            return q
              .all(e, 'cbc:PaidAmount')
              .some((a) => currencies.includes(attr(a, 'currencyID') ?? '\u0000'));
          },
        },
      ],
    },
  ],
};

function subInvoiceLines(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const child of e.children) {
      if (q.is(child, 'cac:SubInvoiceLine')) out.push(child);
      visit(child);
    }
  };
  visit(root);
  return out;
}

/** BR-DEX-02: each line or sub line with sub lines carries the sum of its direct sub lines. */
function subLineSumsConsistent(root: XmlElement): boolean {
  const parents = [...q.all(root, 'cac:InvoiceLine'), ...subInvoiceLines(root)].filter((l) =>
    q.has(l, 'cac:SubInvoiceLine'),
  );
  return parents.every((line) => {
    const own = xsDecimal(q.text(line, 'cbc:LineExtensionAmount'));
    let total = new Decimal(0);
    for (const amount of q.texts(line, 'cac:SubInvoiceLine/cbc:LineExtensionAmount')) {
      const value = xsDecimal(amount);
      if (!value) return false;
      total = total.plus(value);
    }
    return own?.eq(total) === true;
  });
}

/** BR-DEX-09: BT-115 - BT-114 = BT-112 - BT-113 + sum(BT-DEX-002), both rounded to 2 decimals. */
function amountDueIncludesThirdPartyPayments(total: XmlElement): boolean {
  const payable = xsDecimal(q.text(total, 'cbc:PayableAmount'));
  const taxInclusive = xsDecimal(q.text(total, 'cbc:TaxInclusiveAmount'));
  const prepaid = decimalOr(total, 'cbc:PrepaidAmount', '0');
  const rounding = decimalOr(total, 'cbc:PayableRoundingAmount', '0');
  let thirdParty: Dec | undefined = new Decimal(0);
  if (q.hasText(total, '../cac:PrepaidPayment/cbc:PaidAmount')) {
    for (const amount of q.texts(total, '../cac:PrepaidPayment/cbc:PaidAmount')) {
      const value = xsDecimal(amount);
      thirdParty = value && thirdParty ? thirdParty.plus(value) : undefined;
    }
  }
  if (!payable || !taxInclusive || !prepaid || !rounding || !thirdParty) return false;
  return round2(payable.minus(rounding)).eq(round2(taxInclusive.minus(prepaid).plus(thirdParty)));
}

// ---- Clean Vehicles Directive (ubl-cvd-pattern) ----

const lineItemPath = '/ubl:Invoice/cac:InvoiceLine/cac:Item | /cn:CreditNote/cac:CreditNoteLine/cac:Item';
const isCvdLineItem = (e: XmlElement) => q.matches(e, lineItemPath);
const hasCvdClassification = (item: XmlElement) =>
  q
    .all(item, 'cac:CommodityClassification/cbc:ItemClassificationCode')
    .some((c) => attr(c, 'listID') === 'CVD');
const cvaProperties = (item: XmlElement) =>
  q.all(item, 'cac:AdditionalItemProperty').filter((p) => q.texts(p, 'cbc:Name').includes('cva'));

const cvdRules: Pattern<UblFacts> = {
  id: 'ubl-cvd-pattern',
  rules: [
    {
      context: (e, f) => f.isCVD && isRoot(e),
      asserts: [
        {
          id: 'BR-DE-CVD-02',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'cac:OriginatorDocumentReference/cbc:ID'),
        },
        {
          id: 'BR-DE-CVD-01',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'cac:ContractDocumentReference/cbc:ID'),
        },
        {
          id: 'BR-DE-CVD-03',
          flag: 'fatal',
          test: (e) =>
            [...q.all(e, 'cac:InvoiceLine/cac:Item'), ...q.all(e, 'cac:CreditNoteLine/cac:Item')].some(
              (item) => hasCvdClassification(item) && cvaProperties(item).length > 0,
            ),
        },
      ],
    },
    {
      context: (e, f) => f.isCVD && isCvdLineItem(e),
      asserts: [
        {
          id: 'BR-DE-CVD-06-a',
          flag: 'fatal',
          test: (e) => !hasCvdClassification(e) || cvaProperties(e).length === 1,
        },
        {
          id: 'BR-DE-CVD-06-b',
          flag: 'fatal',
          test: (e) =>
            cvaProperties(e).length === 0 ||
            q
              .all(e, 'cac:CommodityClassification/cbc:ItemClassificationCode')
              .filter((c) => attr(c, 'listID') === 'CVD').length === 1,
        },
      ],
    },
    {
      context: (e, f) =>
        f.isCVD &&
        q.is(e, 'cbc:ItemClassificationCode') &&
        e.parent !== undefined &&
        q.is(e.parent, 'cac:CommodityClassification') &&
        e.parent.parent !== undefined &&
        isCvdLineItem(e.parent.parent),
      asserts: [
        {
          id: 'BR-TMP-CVD-01',
          flag: 'fatal',
          test: (e) => inCodeList(UNTDID_7143_CVD_CODES, attr(e, 'listID')),
        },
        {
          id: 'BR-DE-CVD-04',
          flag: 'fatal',
          test: (e) =>
            normalizeSpace(attr(e, 'listID') ?? '') !== 'CVD' ||
            CVD_VEHICLE_CATEGORIES.has(normalizeSpace(e.rawText)),
        },
      ],
    },
    {
      context: (e, f) =>
        f.isCVD &&
        q.is(e, 'cac:AdditionalItemProperty') &&
        q.texts(e, 'cbc:Name').includes('cva') &&
        e.parent !== undefined &&
        isCvdLineItem(e.parent),
      asserts: [
        {
          id: 'BR-DE-CVD-05',
          flag: 'fatal',
          test: (e) => CVA_CODES.has(normalizeSpace(q.text(e, 'cbc:Value'))),
        },
      ],
    },
  ],
};

/** All UBL patterns in the order of the compiled XRechnung schematron. */
export const UBL_PATTERNS: readonly Pattern<UblFacts>[] = [
  peppolEmptyElements,
  peppolRules,
  xrechnungRules,
  extensionRules,
  cvdRules,
];
