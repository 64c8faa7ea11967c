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
 * XRechnung rules for UN/CEFACT CII D16B: the patterns of the KoSIT schematron 2.5 (cii-pattern,
 * cii-extension-pattern, cii-cvd-pattern) and the adopted Peppol BIS rules (peppol-cii-pattern-1,
 * -0-a, -0-b, whitelisted in rule-list.xml), with their contexts, tests and flags.
 */

export const CII_NS = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';

const q = new XPathLite({
  rsm: CII_NS,
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
});

/** Document-wide values the schematron keeps in global variables and parameters. */
export interface CiiFacts {
  root: XmlElement;
  /** BT-24 names the XRechnung extension. */
  isExtension: boolean;
  /** BT-24 names the CVD specification. */
  isCVD: boolean;
  /** $documentCurrencyCode: BT-5 values as written. */
  documentCurrencies: string[];
  /** $taxCurrencyCode: BT-6 values as written. */
  taxCurrencies: string[];
  /** Peppol $slackValue: 0.5 for HUF invoices, else 0.02. */
  slack: Dec;
}

const SETTLEMENT =
  '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement';
const AGREEMENT =
  '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement';
const TRANSACTION = '/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction';
const PRODUCT = `${TRANSACTION}/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct`;

// Compiled rule contexts that carry extra conditions.
const atHeaderReferencedDocument = q.context(`${AGREEMENT}/ram:AdditionalReferencedDocument`);
const atPaymentMeans = q.context(`${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans`);
const atLineDocument = q.context(
  `${TRANSACTION}/ram:IncludedSupplyChainTradeLineItem/ram:AssociatedDocumentLineDocument`,
);
const atTransaction = q.context(TRANSACTION);
const atAgreement = q.context(AGREEMENT);
const atProduct = q.context(PRODUCT);
const atProductClassCode = q.context(`${PRODUCT}/ram:DesignatedProductClassification/ram:ClassCode`);
const atProductCharacteristic = q.context(`${PRODUCT}/ram:ApplicableProductCharacteristic`);

export function ciiFacts(root: XmlElement): CiiFacts {
  const specificationIds = q
    .all(root, 'rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID')
    .map((e) => e.rawText);
  const documentCurrencies = q.texts(root, `${SETTLEMENT}/ram:InvoiceCurrencyCode`);
  return {
    root,
    isExtension: specificationIds.includes(XR_EXTENSION_ID),
    isCVD: specificationIds.includes(XR_CVD_ID),
    documentCurrencies,
    taxCurrencies: q.texts(root, `${SETTLEMENT}/ram:TaxCurrencyCode`),
    slack: new Decimal(documentCurrencies.includes('HUF') ? '0.5' : '0.02'),
  };
}

// ---- small helpers with XPath semantics ----

/** `if (path) then xs:decimal(path) else fallback`; undefined when the cast fails. */
function decimalOr(ctx: XmlElement, path: string, fallback: string): Dec | undefined {
  const node = q.one(ctx, path);
  return node ? xsDecimal(stringValue(node)) : new Decimal(fallback);
}

/** A non-zero base quantity at the path, or undefined (absent, zero or not a number). */
function nonZeroQuantity(ctx: XmlElement, path: string): Dec | undefined {
  const value = q.one(ctx, path) ? xsDecimal(q.text(ctx, path)) : undefined;
  return value && !value.isZero() ? value : undefined;
}

function someNumber(nodes: XmlElement[], predicate: (n: number) => boolean): boolean {
  return nodes.some((node) => {
    const n = xsDouble(stringValue(node));
    return n !== undefined && predicate(n);
  });
}

const typeCode = (e: XmlElement) => normalizeSpace(q.text(e, 'ram:TypeCode'));
const chargeIndicator = (e: XmlElement) => normalizeSpace(q.text(e, 'ram:ChargeIndicator/udt:Indicator'));
const schemeIn = (list: string) => (e: XmlElement) => inCodeList(list, attr(e, 'schemeID'));
/**
 * DIRECT DEBIT (BG-19) seen from a payment means: CII spreads the group over BT-89 (mandate) and
 * BT-90 (creditor id) in the settlement and BT-91 (debited IBAN) in this payment means.
 */
const directDebitPresent = (e: XmlElement) =>
  q.has(e, `${SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID`) ||
  q.has(e, `${SETTLEMENT}/ram:CreditorReferenceID`) ||
  q.has(e, 'ram:PayerPartyDebtorFinancialAccount/ram:IBANID');

// ---- Peppol BIS rules adopted by XRechnung ----

const peppolRules: Pattern<CiiFacts> = {
  id: 'peppol-cii-pattern-1',
  rules: [
    {
      context: (e) => q.is(e, 'rsm:ExchangedDocumentContext'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R001',
          flag: 'fatal',
          test: (e) => q.has(e, 'ram:BusinessProcessSpecifiedDocumentContextParameter/ram:ID'),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:ApplicableHeaderTradeSettlement'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R005',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'ram:TaxCurrencyCode') ||
            normalizeSpace(q.one(e, 'ram:TaxCurrencyCode')?.rawText ?? '') !==
              normalizeSpace(q.one(e, 'ram:InvoiceCurrencyCode')?.rawText ?? ''),
        },
        {
          id: 'PEPPOL-EN16931-R053',
          flag: 'fatal',
          test: (e, f) =>
            taxTotals(e).filter((t) => f.documentCurrencies.includes(attr(t, 'currencyID') ?? '\u0000'))
              .length <= 1,
        },
        {
          id: 'PEPPOL-EN16931-R054',
          flag: 'fatal',
          test: (e, f) =>
            taxTotals(e).filter((t) => {
              const currency = attr(t, 'currencyID');
              return currency !== undefined && f.documentCurrencies.some((c) => c !== currency);
            }).length === (q.has(e, 'ram:TaxCurrencyCode') ? 1 : 0),
        },
        {
          id: 'PEPPOL-EN16931-R055',
          flag: 'fatal',
          test: (e, f) => {
            const inDocument = taxTotals(e).filter((t) =>
              f.documentCurrencies.includes(attr(t, 'currencyID') ?? '\u0000'),
            );
            if (f.taxCurrencies.length === 0 || inDocument.length === 0) return true;
            const inTax = taxTotals(e).filter((t) =>
              f.taxCurrencies.includes(attr(t, 'currencyID') ?? '\u0000'),
            );
            return (
              (someNumber(inTax, (n) => n < 0) && someNumber(inDocument, (n) => n < 0)) ||
              (someNumber(inTax, (n) => n >= 0) && someNumber(inDocument, (n) => n >= 0))
            );
          },
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:BuyerTradeParty'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R010',
          flag: 'fatal',
          test: (e) => q.has(e, 'ram:URIUniversalCommunication/ram:URIID'),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:SellerTradeParty'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R020',
          flag: 'fatal',
          test: (e) => q.has(e, 'ram:URIUniversalCommunication/ram:URIID'),
        },
      ],
    },
    {
      context: (e) =>
        q.is(e, 'ram:SpecifiedTradeAllowanceCharge') &&
        q.has(e, 'ram:CalculationPercent') &&
        !q.has(e, 'ram:BasisAmount'),
      asserts: [{ id: 'PEPPOL-EN16931-R041', flag: 'fatal', test: () => false }],
    },
    {
      context: (e) =>
        q.is(e, 'ram:SpecifiedTradeAllowanceCharge') &&
        !q.has(e, 'ram:CalculationPercent') &&
        q.has(e, 'ram:BasisAmount'),
      asserts: [{ id: 'PEPPOL-EN16931-R042', flag: 'fatal', test: () => false }],
    },
    {
      context: (e) => q.is(e, 'ram:SpecifiedTradeAllowanceCharge'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R040',
          flag: 'fatal',
          test: (e, f) => allowanceAmountMatchesPercentage(e, f.slack),
        },
        {
          id: 'PEPPOL-EN16931-R043-1',
          flag: 'fatal',
          test: (e) =>
            ['true', 'false'].includes(
              normalizeSpace(q.one(e, 'ram:ChargeIndicator/udt:Indicator')?.rawText ?? ''),
            ),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:AppliedTradeAllowanceCharge'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R043-2',
          flag: 'fatal',
          test: (e) =>
            ['true', 'false'].includes(
              normalizeSpace(q.one(e, 'ram:ChargeIndicator/udt:Indicator')?.rawText ?? ''),
            ),
        },
      ],
    },
    {
      context: (e) =>
        q.is(e, 'ram:SpecifiedTradeSettlementPaymentMeans') && ['49', '59'].includes(typeCode(e)),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R061',
          flag: 'fatal',
          test: (e) => q.has(e, '../ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID'),
        },
      ],
    },
    {
      context: (e) => linePeriodBoundary(e, 'ram:StartDateTime'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R110',
          flag: 'fatal',
          test: (e) => compareDateStrings(e, 'ram:StartDateTime', (line, doc) => line >= doc),
        },
      ],
    },
    {
      context: (e) => linePeriodBoundary(e, 'ram:EndDateTime'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R111',
          flag: 'fatal',
          test: (e) => compareDateStrings(e, 'ram:EndDateTime', (line, doc) => line <= doc),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:IncludedSupplyChainTradeLineItem'),
      asserts: [
        { id: 'PEPPOL-EN16931-R120', flag: 'warning', test: (e, f) => lineNetAmountConsistent(e, f.slack) },
        {
          id: 'PEPPOL-EN16931-R101',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'ram:SpecifiedLineTradeSettlement/ram:AdditionalReferencedDocument') ||
            q
              .texts(e, 'ram:SpecifiedLineTradeSettlement/ram:AdditionalReferencedDocument/ram:TypeCode')
              .includes('130'),
        },
      ],
    },
    {
      context: (e) => q.is(e, 'ram:NetPriceProductTradePrice') || q.is(e, 'ram:GrossPriceProductTradePrice'),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R121',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'ram:BasisQuantity') || (xsDecimal(q.text(e, 'ram:BasisQuantity'))?.gt(0) ?? false),
        },
      ],
    },
    {
      context: (e) =>
        q.matches(
          e,
          'ram:NetPriceProductTradePrice/ram:BasisQuantity | ram:GrossPriceProductTradePrice/ram:BasisQuantity',
        ) && attr(e, 'unitCode') !== undefined,
      asserts: [
        {
          id: 'PEPPOL-EN16931-R130',
          flag: 'fatal',
          test: (e) =>
            q
              .all(e, '../../../ram:SpecifiedLineTradeDelivery/ram:BilledQuantity')
              .some((billed) => attr(billed, 'unitCode') === attr(e, 'unitCode')),
        },
      ],
    },
  ],
};

const taxTotals = (settlement: XmlElement) =>
  q.all(settlement, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:TaxTotalAmount');

/** R040: ActualAmount = BasisAmount * CalculationPercent / 100 (within the slack), when both given. */
function allowanceAmountMatchesPercentage(charge: XmlElement, slack: Dec): boolean {
  if (!q.has(charge, 'ram:CalculationPercent') || !q.has(charge, 'ram:BasisAmount')) return true;
  const amount = decimalOr(charge, 'ram:ActualAmount', '0');
  const basis = xsDecimal(q.text(charge, 'ram:BasisAmount'));
  const percent = xsDecimal(q.text(charge, 'ram:CalculationPercent'));
  if (!amount || !basis || !percent) return false;
  return withinSlack(amount, basis.times(percent).div(100), slack);
}

/** Context of R110/R111: a line period boundary when the header period has the same boundary. */
function linePeriodBoundary(e: XmlElement, boundary: 'ram:StartDateTime' | 'ram:EndDateTime'): boolean {
  return (
    q.is(e, boundary) &&
    atLinePeriodBoundary(e) &&
    q.has(e, `../../../../ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod/${boundary}`)
  );
}

const atLinePeriodBoundary = q.context(
  'rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:StartDateTime | ' +
    'rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod/ram:EndDateTime',
);

/** udt:DateTimeString values compare as untyped strings in the Peppol rule. */
function compareDateStrings(
  e: XmlElement,
  boundary: string,
  ok: (line: string, doc: string) => boolean,
): boolean {
  const lines = q.texts(e, 'udt:DateTimeString');
  const docs = q.texts(
    e,
    `../../../../ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod/${boundary}/udt:DateTimeString`,
  );
  return lines.some((line) => docs.some((doc) => ok(line, doc)));
}

/** R120: LineTotalAmount = qty * (net price / base qty) + charges - allowances (within the slack). */
function lineNetAmountConsistent(line: XmlElement, slack: Dec): boolean {
  const lineAmount = decimalOr(
    line,
    'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount',
    '0',
  );
  const quantity = decimalOr(line, 'ram:SpecifiedLineTradeDelivery/ram:BilledQuantity', '1');
  const price = decimalOr(
    line,
    'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:ChargeAmount',
    '0',
  );
  const baseQuantity =
    nonZeroQuantity(
      line,
      'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:BasisQuantity',
    ) ??
    nonZeroQuantity(
      line,
      'ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice/ram:BasisQuantity',
    ) ??
    new Decimal(1);
  const allowances = lineAllowanceTotal(line, 'false');
  const charges = lineAllowanceTotal(line, 'true');
  if (!lineAmount || !quantity || !price || !allowances || !charges) return false;
  const expected = quantity.times(price.div(baseQuantity)).plus(charges).minus(allowances);
  return withinSlack(lineAmount, expected, slack);
}

function lineAllowanceTotal(line: XmlElement, indicator: 'true' | 'false'): Dec | undefined {
  const charges = q
    .all(line, 'ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeAllowanceCharge')
    .filter((c) => chargeIndicator(c) === indicator);
  let total = new Decimal(0);
  for (const amount of q.texts(charges, 'ram:ActualAmount')) {
    const value = xsDecimal(amount);
    if (!value) return undefined;
    total = total.plus(value);
  }
  return round2(total);
}

const peppolEmptyElements: Pattern<CiiFacts> = {
  id: 'peppol-cii-pattern-0-a',
  rules: [
    {
      // The official rule compares name() with 'ram:ApplicableHeaderTradeDelivery': prefix as written.
      context: (e) =>
        e.children.length === 0 &&
        isBlank(e.rawText) &&
        !(e.prefix === 'ram' && e.name === 'ApplicableHeaderTradeDelivery'),
      asserts: [{ id: 'PEPPOL-EN16931-R008', flag: 'fatal', test: () => false }],
    },
  ],
};

const peppolGrossPrice: Pattern<CiiFacts> = {
  id: 'peppol-cii-pattern-0-b',
  rules: [
    {
      context: (e) =>
        q.matches(
          e,
          'rsm:SupplyChainTradeTransaction/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice',
        ),
      asserts: [
        {
          id: 'PEPPOL-EN16931-R044',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'ram:AppliedTradeAllowanceCharge/ram:ActualAmount') ||
            q.texts(e, 'ram:AppliedTradeAllowanceCharge/ram:ChargeIndicator/udt:Indicator').includes('false'),
        },
        { id: 'PEPPOL-EN16931-R046', flag: 'fatal', test: (e) => netPriceIsGrossMinusDiscount(e) },
      ],
    },
  ],
};

/** R046: with a gross price, net price = gross price - first price discount. */
function netPriceIsGrossMinusDiscount(grossPrice: XmlElement): boolean {
  if (!q.has(grossPrice, 'ram:ChargeAmount')) return true;
  const net = xsDecimal(q.text(grossPrice, '../ram:NetPriceProductTradePrice/ram:ChargeAmount'));
  const gross = xsDecimal(q.text(grossPrice, 'ram:ChargeAmount'));
  const discount = decimalOr(grossPrice, 'ram:AppliedTradeAllowanceCharge/ram:ActualAmount', '0');
  return net !== undefined && gross !== undefined && discount !== undefined && net.eq(gross.minus(discount));
}

// ---- XRechnung national rules (cii-pattern) ----

const xrechnungRules: Pattern<CiiFacts> = {
  id: 'cii-pattern',
  rules: [
    {
      context: q.context('/rsm:CrossIndustryInvoice'),
      asserts: [
        {
          id: 'BR-DE-30',
          flag: 'fatal',
          test: (e) => !directDebitGroupPresent(e) || q.has(e, `${SETTLEMENT}/ram:CreditorReferenceID`),
        },
        {
          id: 'BR-DE-31',
          flag: 'fatal',
          test: (e) =>
            !directDebitGroupPresent(e) ||
            q.has(
              e,
              `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount/ram:IBANID`,
            ),
        },
        {
          id: 'BR-DE-1',
          flag: 'fatal',
          test: (e) => q.has(e, `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans`),
        },
        { id: 'BR-DE-15', flag: 'fatal', test: (e) => q.hasText(e, `${AGREEMENT}/ram:BuyerReference`) },
        { id: 'BR-DE-16', flag: 'fatal', test: (e) => sellerTaxIdPresentWhenNeeded(e) },
        {
          id: 'BR-DE-17',
          flag: 'warning',
          test: (e) =>
            XRECHNUNG_TYPE_CODES.has(normalizeSpace(q.text(e, 'rsm:ExchangedDocument/ram:TypeCode'))),
        },
        {
          id: 'BR-DE-18',
          flag: 'fatal',
          test: (e) =>
            skontoTermsValid(
              q
                .all(e, `${SETTLEMENT}/ram:SpecifiedTradePaymentTerms`)
                .flatMap((t) => q.texts(t, 'ram:Description').slice(0, 1)),
            ),
        },
        { id: 'BR-DE-22', flag: 'fatal', test: (e) => attachmentFilenamesUnique(e) },
        {
          id: 'BR-DE-26',
          flag: 'warning',
          test: (e) =>
            normalizeSpace(q.text(e, 'rsm:ExchangedDocument/ram:TypeCode')) !== '384' ||
            q.has(e, `${SETTLEMENT}/ram:InvoiceReferencedDocument`),
        },
      ],
    },
    {
      context: q.context('/rsm:CrossIndustryInvoice/rsm:ExchangedDocumentContext'),
      asserts: [
        {
          id: 'BR-DE-21',
          flag: 'warning',
          test: (e) =>
            q
              .texts(e, 'ram:GuidelineSpecifiedDocumentContextParameter/ram:ID')
              .some((id) => id === XR_CIUS_ID || id === XR_EXTENSION_ID || id === XR_CVD_ID),
        },
      ],
    },
    {
      context: q.context(`${AGREEMENT}/ram:SellerTradeParty`),
      asserts: [{ id: 'BR-DE-2', flag: 'fatal', test: (e) => q.has(e, 'ram:DefinedTradeContact') }],
    },
    {
      context: q.context(`${AGREEMENT}/ram:SellerTradeParty/ram:PostalTradeAddress`),
      asserts: [
        { id: 'BR-DE-3', flag: 'fatal', test: (e) => q.hasText(e, 'ram:CityName') },
        { id: 'BR-DE-4', flag: 'fatal', test: (e) => q.hasText(e, 'ram:PostcodeCode') },
      ],
    },
    {
      context: q.context(`${AGREEMENT}/ram:SellerTradeParty/ram:DefinedTradeContact`),
      asserts: [
        {
          id: 'BR-DE-5',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'ram:PersonName') || q.hasText(e, 'ram:DepartmentName'),
        },
        {
          id: 'BR-DE-6',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'ram:TelephoneUniversalCommunication/ram:CompleteNumber'),
        },
        {
          id: 'BR-DE-7',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'ram:EmailURIUniversalCommunication/ram:URIID'),
        },
        {
          id: 'BR-DE-27',
          flag: 'warning',
          test: (e) =>
            telephoneValid(
              normalizeSpace(q.text(e, 'ram:TelephoneUniversalCommunication/ram:CompleteNumber')),
            ),
        },
        {
          id: 'BR-DE-28',
          flag: 'warning',
          test: (e) => emailValid(normalizeSpace(q.text(e, 'ram:EmailURIUniversalCommunication/ram:URIID'))),
        },
      ],
    },
    {
      context: q.context(`${AGREEMENT}/ram:BuyerTradeParty/ram:PostalTradeAddress`),
      asserts: [
        { id: 'BR-DE-8', flag: 'fatal', test: (e) => q.hasText(e, 'ram:CityName') },
        { id: 'BR-DE-9', flag: 'fatal', test: (e) => q.hasText(e, 'ram:PostcodeCode') },
      ],
    },
    {
      context: (e) => atHeaderReferencedDocument(e) && q.texts(e, 'ram:TypeCode').includes('916'),
      asserts: [
        {
          id: 'BR-TMP-2',
          flag: 'warning',
          test: (e) => !q.has(e, 'ram:URIID') || urlValid(q.text(e, 'ram:URIID')),
        },
      ],
    },
    {
      context: q.context(
        `${TRANSACTION}/ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:PostalTradeAddress`,
      ),
      asserts: [
        { id: 'BR-DE-10', flag: 'fatal', test: (e) => q.hasText(e, 'ram:CityName') },
        { id: 'BR-DE-11', flag: 'fatal', test: (e) => q.hasText(e, 'ram:PostcodeCode') },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && ['30', '58'].includes(typeCode(e)),
      asserts: [
        {
          id: 'BR-DE-19',
          flag: 'warning',
          test: (e) =>
            typeCode(e) !== '58' || ibanValid(q.text(e, 'ram:PayeePartyCreditorFinancialAccount/ram:IBANID')),
        },
        { id: 'BR-DE-23-a', flag: 'fatal', test: (e) => q.has(e, 'ram:PayeePartyCreditorFinancialAccount') },
        {
          id: 'BR-DE-23-b',
          flag: 'fatal',
          test: (e) => !q.has(e, 'ram:ApplicableTradeSettlementFinancialCard') && !directDebitPresent(e),
        },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && ['48', '54', '55'].includes(typeCode(e)),
      asserts: [
        {
          id: 'BR-DE-24-a',
          flag: 'fatal',
          test: (e) => q.has(e, 'ram:ApplicableTradeSettlementFinancialCard'),
        },
        {
          id: 'BR-DE-24-b',
          flag: 'fatal',
          test: (e) => !q.has(e, 'ram:PayeePartyCreditorFinancialAccount') && !directDebitPresent(e),
        },
      ],
    },
    {
      context: (e) => atPaymentMeans(e) && typeCode(e) === '59',
      asserts: [
        {
          id: 'BR-DE-20',
          flag: 'warning',
          test: (e) => ibanValid(q.text(e, 'ram:PayerPartyDebtorFinancialAccount/ram:IBANID')),
        },
        { id: 'BR-DE-25-a', flag: 'fatal', test: (e) => directDebitPresent(e) },
        {
          id: 'BR-DE-25-b',
          flag: 'fatal',
          test: (e) =>
            !q.has(e, 'ram:PayeePartyCreditorFinancialAccount') &&
            !q.has(e, 'ram:PayeeSpecifiedCreditorFinancialInstitution') &&
            !q.has(e, 'ram:PayerSpecifiedDebtorFinancialInstitution') &&
            !q.has(e, 'ram:ApplicableTradeSettlementFinancialCard'),
        },
      ],
    },
    {
      context: q.context(`${SETTLEMENT}/ram:ApplicableTradeTax`),
      asserts: [{ id: 'BR-DE-14', flag: 'fatal', test: (e) => q.hasText(e, 'ram:RateApplicablePercent') }],
    },
    {
      context: q.context(TRANSACTION),
      asserts: [
        {
          id: 'BR-DE-TMP-32',
          flag: 'information',
          test: (e) =>
            q.has(
              e,
              'ram:ApplicableHeaderTradeDelivery/ram:ActualDeliverySupplyChainEvent/ram:OccurrenceDateTime',
            ) ||
            q.has(e, 'ram:ApplicableHeaderTradeSettlement/ram:BillingSpecifiedPeriod') ||
            q
              .all(e, 'ram:IncludedSupplyChainTradeLineItem')
              .every((line) => q.has(line, 'ram:SpecifiedLineTradeSettlement/ram:BillingSpecifiedPeriod')),
        },
      ],
    },
    {
      context: q.context(`${TRANSACTION}/ram:IncludedSupplyChainTradeLineItem`),
      asserts: [{ id: 'BR-TMP-3', flag: 'fatal', test: (e) => basisQuantitiesAgree(e) }],
    },
  ],
};

/** BG-19 exists when any of BT-89, BT-90, BT-91 does (CII has no element for the group itself). */
function directDebitGroupPresent(root: XmlElement): boolean {
  return (
    q.has(root, `${SETTLEMENT}/ram:SpecifiedTradePaymentTerms/ram:DirectDebitMandateID`) ||
    q.has(root, `${SETTLEMENT}/ram:CreditorReferenceID`) ||
    q.has(
      root,
      `${SETTLEMENT}/ram:SpecifiedTradeSettlementPaymentMeans/ram:PayerPartyDebtorFinancialAccount/ram:IBANID`,
    )
  );
}

/**
 * BR-DE-16: a VAT category S, Z, E, AE, K, G, L or M on a line (BT-151) or on a document
 * allowance/charge (BT-95/BT-102) requires the seller VAT id / tax number (schemeID VA or FC)
 * or a tax representative. As in the official rule, each part is an existential test over the
 * whole document ('TypeCode = VAT' somewhere and a listed category somewhere), and the
 * allowance/charge part compares the string value of the whole CategoryTradeTax group with 'VAT'.
 */
function sellerTaxIdPresentWhenNeeded(root: XmlElement): boolean {
  const lineTaxes = q.all(
    root,
    `${TRANSACTION}/ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:ApplicableTradeTax`,
  );
  const chargeTaxes = q.all(root, `${SETTLEMENT}/ram:SpecifiedTradeAllowanceCharge/ram:CategoryTradeTax`);
  const listed = (codes: string[]) => codes.some((code) => VAT_CODES_NEEDING_SELLER_TAX_ID.has(code));
  const linesNeedId =
    q.texts(lineTaxes, 'ram:TypeCode').includes('VAT') && listed(q.texts(lineTaxes, 'ram:CategoryCode'));
  const chargesNeedId =
    chargeTaxes.some((t) => stringValue(t) === 'VAT') && listed(q.texts(chargeTaxes, 'ram:CategoryCode'));
  if (!linesNeedId && !chargesNeedId) return true;
  const sellerTaxIds = q
    .all(root, `${AGREEMENT}/ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID`)
    .filter((id) => ['VA', 'FC'].includes(normalizeSpace(attr(id, 'schemeID') ?? '')))
    .filter((id) => normalizeSpace(stringValue(id)) !== '');
  return sellerTaxIds.length > 0 || q.has(root, `${AGREEMENT}/ram:SellerTaxRepresentativeTradeParty`);
}

/** BR-DE-22: no AdditionalReferencedDocument repeats a filename of an earlier sibling. */
function attachmentFilenamesUnique(root: XmlElement): boolean {
  const references: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    for (const child of e.children) {
      if (q.is(child, 'ram:AdditionalReferencedDocument')) references.push(child);
      visit(child);
    }
  };
  visit(root);
  return references.every((reference) => {
    const names = q.all(reference, 'ram:AttachmentBinaryObject').map((o) => attr(o, 'filename'));
    const siblings = reference.parent?.children ?? [];
    const earlier = siblings
      .slice(0, siblings.indexOf(reference))
      .filter((s) => q.is(s, 'ram:AdditionalReferencedDocument'));
    const earlierNames = new Set(
      q.all(earlier, 'ram:AttachmentBinaryObject').map((o) => attr(o, 'filename')),
    );
    return !names.some((n) => n !== undefined && earlierNames.has(n));
  });
}

/**
 * BR-TMP-3: a base quantity (BT-149) on both gross and net price must be the same text, and
 * where both carry a unit (BT-150) the units must be equal.
 */
function basisQuantitiesAgree(line: XmlElement): boolean {
  const gross = q.all(
    line,
    'ram:SpecifiedLineTradeAgreement/ram:GrossPriceProductTradePrice/ram:BasisQuantity',
  );
  const net = q.all(line, 'ram:SpecifiedLineTradeAgreement/ram:NetPriceProductTradePrice/ram:BasisQuantity');
  if (gross.length === 0 || net.length === 0) return true;
  const sameValue = gross.some((g) => net.some((n) => stringValue(g) === stringValue(n)));
  const grossUnits = gross.map((g) => attr(g, 'unitCode')).filter((u) => u !== undefined);
  const netUnits = net.map((n) => attr(n, 'unitCode')).filter((u) => u !== undefined);
  const unitsAgree =
    grossUnits.length === 0 || netUnits.length === 0 || grossUnits.some((u) => netUnits.includes(u));
  return sameValue && unitsAgree;
}

// ---- XRechnung extension (cii-extension-pattern) ----

const extensionRules: Pattern<CiiFacts> = {
  id: 'cii-extension-pattern',
  rules: [
    {
      context: (e, f) => f.isExtension && atLineDocument(e),
      asserts: [{ id: 'BR-DEX-15', flag: 'warning', test: (_e, f) => !hasParentLineId(f.root) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.is(e, 'ram:GlobalID') &&
        attr(e, 'schemeID') !== undefined &&
        !hasAncestor(e, (a) => q.is(a, 'ram:SpecifiedTradeProduct') || q.is(a, 'ram:ShipToTradeParty')),
      asserts: [{ id: 'BR-DEX-04', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.is(e, 'ram:ID') &&
        attr(e, 'schemeID') !== undefined &&
        !hasAncestor(e, (a) => q.is(a, 'ram:SpecifiedTaxRegistration')),
      asserts: [{ id: 'BR-DEX-05', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.matches(e, 'ram:SpecifiedTradeProduct/ram:GlobalID') &&
        attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-06', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.matches(e, 'ram:URIUniversalCommunication/ram:URIID') &&
        attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-07', flag: 'fatal', test: schemeIn(CEF_EAS_EXT_CODES) }],
    },
    {
      context: (e, f) =>
        f.isExtension &&
        q.matches(e, 'ram:ApplicableHeaderTradeDelivery/ram:ShipToTradeParty/ram:GlobalID') &&
        attr(e, 'schemeID') !== undefined,
      asserts: [{ id: 'BR-DEX-08', flag: 'fatal', test: schemeIn(ISO_6523_ICD_EXT_CODES) }],
    },
    {
      context: (e, f) => f.isExtension && q.is(e, 'ram:AttachmentBinaryObject'),
      asserts: [
        { id: 'BR-DEX-01', flag: 'fatal', test: (e) => EXTENSION_MIME_CODES.has(attr(e, 'mimeCode') ?? '') },
      ],
    },
  ],
};

function hasParentLineId(root: XmlElement): boolean {
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (q.is(node, 'ram:ParentLineID')) return true;
    stack.push(...node.children);
  }
  return false;
}

// ---- Clean Vehicles Directive (cii-cvd-pattern) ----

const cvdClassCodes = (product: XmlElement) =>
  q
    .all(product, 'ram:DesignatedProductClassification/ram:ClassCode')
    .filter((c) => attr(c, 'listID') === 'CVD');
const cvaCharacteristics = (product: XmlElement) =>
  q
    .all(product, 'ram:ApplicableProductCharacteristic')
    .filter((c) => q.texts(c, 'ram:Description').includes('cva'));

const cvdRules: Pattern<CiiFacts> = {
  id: 'cii-cvd-pattern',
  rules: [
    {
      context: (e, f) => f.isCVD && atTransaction(e),
      asserts: [
        {
          id: 'BR-DE-CVD-03',
          flag: 'fatal',
          test: (e) =>
            q
              .all(e, 'ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedTradeProduct')
              .some((product) => cvdClassCodes(product).length > 0 && cvaCharacteristics(product).length > 0),
        },
      ],
    },
    {
      context: (e, f) => f.isCVD && atProduct(e),
      asserts: [
        {
          id: 'BR-DE-CVD-06-b',
          flag: 'fatal',
          test: (e) => cvaCharacteristics(e).length === 0 || cvdClassCodes(e).length === 1,
        },
        {
          id: 'BR-DE-CVD-06-a',
          flag: 'fatal',
          test: (e) => cvdClassCodes(e).length === 0 || cvaCharacteristics(e).length === 1,
        },
      ],
    },
    {
      context: (e, f) => f.isCVD && atProductClassCode(e),
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
            CVD_VEHICLE_CATEGORIES.has(normalizeSpace(stringValue(e))),
        },
      ],
    },
    {
      context: (e, f) =>
        f.isCVD && atProductCharacteristic(e) && q.texts(e, 'ram:Description').includes('cva'),
      asserts: [
        {
          id: 'BR-DE-CVD-05',
          flag: 'fatal',
          test: (e) => CVA_CODES.has(normalizeSpace(q.text(e, 'ram:Value'))),
        },
      ],
    },
    {
      context: (e, f) => f.isCVD && atAgreement(e),
      asserts: [
        {
          id: 'BR-DE-CVD-01',
          flag: 'fatal',
          test: (e) => q.hasText(e, 'ram:ContractReferencedDocument/ram:IssuerAssignedID'),
        },
        {
          id: 'BR-DE-CVD-02',
          flag: 'fatal',
          test: (e) =>
            q
              .all(e, 'ram:AdditionalReferencedDocument')
              .some(
                (d) =>
                  normalizeSpace(q.text(d, 'ram:TypeCode')) === '50' && q.hasText(d, 'ram:IssuerAssignedID'),
              ),
        },
      ],
    },
  ],
};

/** All CII patterns in the order of the compiled XRechnung schematron. */
export const CII_PATTERNS: readonly Pattern<CiiFacts>[] = [
  peppolRules,
  peppolEmptyElements,
  peppolGrossPrice,
  xrechnungRules,
  extensionRules,
  cvdRules,
];
