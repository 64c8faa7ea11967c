import { type Assert, type Doc, memo, named, type Pattern, type Rule } from './engine';
import { rooted } from './paths';
import { all, attr, count, type El, has, kids, NS, nsp, sv } from './xpath';

/**
 * The fatal syntax-binding rules of CII D16B (pattern "EN16931-CII-Syntax" of the CEN artefacts,
 * v1.3.16): cardinalities (CII-SR-*) and data-type restrictions (CII-DT-*). The advisory
 * ("should not be present") rules are not evaluated; see the report's coverage note.
 * Rule order follows the schematron: a later rule never sees an element an earlier one claimed.
 */

const TX = 'SupplyChainTradeTransaction';
const LINE = ['CrossIndustryInvoice', TX, 'IncludedSupplyChainTradeLineItem'];

const a = (id: string, test: Assert['test']): Assert => ({ id, test });
const rule = (names: Rule['names'], where: Rule['where'], asserts: Assert[], ns?: string): Rule => ({
  names,
  where,
  asserts,
  ns,
});

/** count(path) <= 1 */
const atMostOnce = (id: string, path: string) => a(id, (el) => count(el, path) <= 1);
/** count(path) = 1 */
const exactlyOnce = (id: string, path: string) => a(id, (el) => count(el, path) === 1);
/** not(path) — the element or attribute ('@name') is absent. */
const absent = (id: string, path: string) =>
  a(id, path.startsWith('@') ? (el) => attr(el, path.slice(1)) === undefined : (el) => !has(el, path));

/** The local name ends with the suffix and the element is in the ram namespace (//ram:*[ends-with(...)]). */
const ramSuffix =
  (suffix: string, except?: string) =>
  (el: El): boolean =>
    el.name.endsWith(suffix) && el.name !== except;

/** normalize-space of every node equals that of the first (CII-SR-467/468). */
function allAgree(values: readonly El[]): boolean {
  const firstValue = values.length ? nsp(sv(values[0])) : '';
  return values.every((v) => nsp(sv(v)) === firstValue);
}

const SUMMATION_ELEMENTS: [string, string][] = [
  ['CII-SR-477', 'LineTotalAmount'],
  ['CII-SR-478', 'ChargeTotalAmount'],
  ['CII-SR-479', 'AllowanceTotalAmount'],
  ['CII-SR-480', 'TaxBasisTotalAmount'],
  ['CII-SR-481', 'RoundingAmount'],
  ['CII-SR-482', 'GrandTotalAmount'],
  ['CII-SR-483', 'InformationAmount'],
  ['CII-SR-484', 'TotalPrepaidAmount'],
  ['CII-SR-485', 'TotalDiscountAmount'],
  ['CII-SR-486', 'TotalAllowanceChargeAmount'],
  ['CII-SR-487', 'DuePayableAmount'],
  ['CII-SR-488', 'RetailValueExcludingTaxInformationAmount'],
  ['CII-SR-489', 'TotalDepositFeeInformationAmount'],
  ['CII-SR-490', 'ProductValueExcludingTobaccoTaxInformationAmount'],
  ['CII-SR-491', 'TotalRetailValueInformationAmount'],
  ['CII-SR-492', 'GrossLineTotalAmount'],
  ['CII-SR-493', 'NetLineTotalAmount'],
  ['CII-SR-494', 'NetIncludingTaxesLineTotalAmount'],
];

/** The four identifiers with their own data-type rule (CII-DT-001..007). */
function isScopedIdentifier(el: El): boolean {
  return (
    (el.name === 'ID' &&
      rooted(
        el,
        'CrossIndustryInvoice',
        'ExchangedDocumentContext',
        'GuidelineSpecifiedDocumentContextParameter',
      )) ||
    (el.name === 'ID' && rooted(el, 'CrossIndustryInvoice', 'ExchangedDocument')) ||
    (el.name === 'LineID' && rooted(el, ...LINE, 'AssociatedDocumentLineDocument')) ||
    (el.name === 'SellerAssignedID' && rooted(el, ...LINE, 'SpecifiedTradeProduct'))
  );
}

const isAdditionalWith = (el: El, ...codes: string[]) =>
  el.name === 'AdditionalReferencedDocument' && kids(el, 'TypeCode').some((t) => codes.includes(sv(t)));

export const CII_SYNTAX: Pattern = {
  id: 'EN16931-CII-Syntax',
  rules: [
    rule(['ExchangedDocumentContext'], (el) => rooted(el, 'CrossIndustryInvoice'), [
      exactlyOnce('CII-SR-009', 'GuidelineSpecifiedDocumentContextParameter'),
      exactlyOnce('CII-SR-010', 'GuidelineSpecifiedDocumentContextParameter/ID'),
    ]),
    rule(['ExchangedDocument'], (el) => rooted(el, 'CrossIndustryInvoice'), [
      exactlyOnce('CII-SR-014', 'TypeCode'),
    ]),
    rule(['SpecifiedTradeProduct'], (el) => rooted(el, ...LINE), [
      a(
        'CII-SR-046',
        (el) => !has(el, 'GlobalID') || all(el, 'GlobalID').some((g) => attr(g, 'schemeID') !== undefined),
      ),
      a('CII-SR-090', (el) => !has(el, 'OriginTradeCountry') || count(el, 'OriginTradeCountry/ID') === 1),
    ]),
    rule(['ApplicableProductCharacteristic'], (el) => rooted(el, ...LINE, 'SpecifiedTradeProduct'), [
      exactlyOnce('CII-SR-069', 'Description'),
      exactlyOnce('CII-SR-072', 'Value'),
    ]),
    rule(['SpecifiedLineTradeAgreement'], (el) => rooted(el, ...LINE), [
      exactlyOnce('CII-SR-439', 'NetPriceProductTradePrice/ChargeAmount'),
      atMostOnce('CII-SR-441', 'NetPriceProductTradePrice/ChargeAmount'),
    ]),
    rule(['AppliedTradeAllowanceCharge'], (el) => el.parent?.name === 'GrossPriceProductTradePrice', [
      atMostOnce('CII-SR-440', 'ActualAmount'),
    ]),
    rule(['SpecifiedTradeAllowanceCharge'], undefined, [
      a('CII-SR-463', (el) => has(el, 'ChargeIndicator')),
      atMostOnce('CII-SR-471', 'RateApplicablePercent'),
      atMostOnce('CII-SR-472', 'CategoryTradeTax'),
      atMostOnce('CII-SR-473', 'ActualAmount'),
    ]),
    rule(['ApplicableHeaderTradeAgreement'], (el) => rooted(el, 'CrossIndustryInvoice', TX), [
      atMostOnce('CII-SR-455', 'SellerTradeParty/DefinedTradeContact'),
      atMostOnce('CII-SR-456', 'BuyerTradeParty/DefinedTradeContact'),
      atMostOnce('CII-SR-459', 'SellerTradeParty/URIUniversalCommunication'),
      atMostOnce('CII-SR-460', 'BuyerTradeParty/URIUniversalCommunication'),
    ]),
    rule(['ApplicableHeaderTradeSettlement'], (el) => rooted(el, 'CrossIndustryInvoice', TX), [
      atMostOnce('CII-SR-461', 'ApplicableTradeTax/TaxPointDate'),
      a('CII-SR-462', (_, doc) => {
        const codes = named(doc, 'DueDateTypeCode')
          .filter((c) => c.parent?.name === 'ApplicableTradeTax')
          .map(sv);
        return new Set(codes).size <= 1;
      }),
      a('CII-SR-470', (el) =>
        kids(el, 'SpecifiedTradeSettlementPaymentMeans').every((means) => {
          const transfer = kids(means, 'TypeCode').some((t) => ['30', '58'].includes(nsp(sv(t))));
          return (
            !transfer ||
            has(means, 'PayeePartyCreditorFinancialAccount/IBANID') ||
            has(means, 'PayeePartyCreditorFinancialAccount/ProprietaryID')
          );
        }),
      ),
    ]),
    rule(
      ['SpecifiedTradeSettlementHeaderMonetarySummation'],
      (el) => rooted(el, 'CrossIndustryInvoice', TX, 'ApplicableHeaderTradeSettlement'),
      SUMMATION_ELEMENTS.map(([id, name]) => atMostOnce(id, name)),
    ),
    rule(['CrossIndustryInvoice'], (el) => !el.parent, [
      absent('CII-DT-013', '@languageID'),
      absent('CII-DT-014', '@languageLocaleID'),
      a('CII-SR-467', (_, doc) =>
        allAgree(all(named(doc, 'SpecifiedTradeSettlementPaymentMeans'), 'TypeCode')),
      ),
      a('CII-SR-468', (_, doc) =>
        allAgree(all(named(doc, 'SpecifiedTradeSettlementPaymentMeans'), 'Information')),
      ),
      a(
        'CII-SR-469',
        (_, doc) => count(named(doc, 'ApplicableHeaderTradeSettlement'), 'PaymentReference') <= 1,
      ),
    ]),
    rule(['ID', 'LineID', 'SellerAssignedID'], isScopedIdentifier, [
      absent('CII-DT-001', '@schemeName'),
      absent('CII-DT-002', '@schemeAgencyName'),
      absent('CII-DT-003', '@schemeDataURI'),
      absent('CII-DT-004', '@schemeURI'),
      absent('CII-DT-005', '@schemeID'),
      absent('CII-DT-006', '@schemeAgencyID'),
      absent('CII-DT-007', '@schemeVersionID'),
    ]),
    rule(
      '*',
      ramSuffix('ID'),
      [
        absent('CII-DT-101', '@schemeName'),
        absent('CII-DT-102', '@schemeAgencyName'),
        absent('CII-DT-103', '@schemeDataURI'),
        absent('CII-DT-104', '@schemeURI'),
      ],
      NS.ram,
    ),
    rule(['TypeCode'], undefined, [absent('CII-DT-008', '@name'), absent('CII-DT-009', '@listURI')], NS.ram),
    // CII-DT-010..012 sit on /rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:TypeCode, which the
    // //ram:TypeCode rule above always claims first; they can never fire and are kept for the record.
    rule(['TypeCode'], (el) => rooted(el, 'CrossIndustryInvoice', 'ExchangedDocument'), [
      absent('CII-DT-010', '@listID'),
      absent('CII-DT-011', '@listAgencyID'),
      absent('CII-DT-012', '@listVersionID'),
    ]),
    rule(
      '*',
      ramSuffix('ReferencedDocument'),
      [
        a('CII-DT-015', (el) => !has(el, 'URIID') || isAdditionalWith(el, '916')),
        absent('CII-DT-016', 'StatusCode'),
        absent('CII-DT-017', 'CopyIndicator'),
        a('CII-DT-018', (el) => !has(el, 'TypeCode') || isAdditionalWith(el, '50', '130', '916')),
        absent('CII-DT-019', 'GlobalID'),
        absent('CII-DT-020', 'RevisionID'),
        a('CII-DT-021', (el) => !has(el, 'Name') || isAdditionalWith(el, '916')),
        a('CII-DT-022', (el) => !has(el, 'AttachmentBinaryObject') || isAdditionalWith(el, '916')),
        absent('CII-DT-023', 'Information'),
        a('CII-DT-024', (el) => !has(el, 'ReferenceTypeCode') || isAdditionalWith(el, '130')),
        absent('CII-DT-025', 'SectionName'),
        absent('CII-DT-026', 'PreviousRevisionID'),
        a(
          'CII-DT-027',
          (el) => !has(el, 'FormattedIssueDateTime') || el.name === 'InvoiceReferencedDocument',
        ),
        absent('CII-DT-028', 'EffectiveSpecifiedPeriod'),
        absent('CII-DT-029', 'IssuerTradeParty'),
        absent('CII-DT-030', 'AttachedSpecifiedBinaryFile'),
      ],
      NS.ram,
    ),
    rule(
      '*',
      ramSuffix('Amount', 'TaxTotalAmount'),
      [absent('CII-DT-031', '@currencyID'), absent('CII-DT-032', '@currencyCodeListVersionID')],
      NS.ram,
    ),
    rule(
      '*',
      ramSuffix('Quantity'),
      [
        a('CII-DT-033', (el, doc) => attr(el, 'unitCode') === undefined || billedQuantityHasUnit(doc)),
        absent('CII-DT-034', '@unitCodeListID'),
        absent('CII-DT-035', '@unitCodeListAgencyID'),
        absent('CII-DT-036', '@unitCodeListAgencyName'),
      ],
      NS.ram,
    ),
    rule(
      '*',
      ramSuffix('TradeTax'),
      [a('CII-DT-037', (el) => !has(el, 'TypeCode') || kids(el, 'TypeCode').some((t) => sv(t) === 'VAT'))],
      NS.ram,
    ),
    rule(
      ['BillingSpecifiedPeriod'],
      undefined,
      [
        absent('CII-DT-068', 'StartDateTime/DateTime'),
        absent('CII-DT-069', 'DurationMeasure'),
        absent('CII-DT-070', 'InclusiveIndicator'),
        absent('CII-DT-071', 'Description'),
        absent('CII-DT-072', 'EndDateTime/DateTime'),
        absent('CII-DT-073', 'CompleteDateTime'),
        absent('CII-DT-074', 'OpenIndicator'),
        absent('CII-DT-075', 'SeasonCode'),
        absent('CII-DT-076', 'ID'),
        absent('CII-DT-077', 'Name'),
        absent('CII-DT-078', 'SequenceNumeric'),
        absent('CII-DT-079', 'StartDateFlexibilityCode'),
        absent('CII-DT-080', 'ContinuousIndicator'),
        absent('CII-DT-081', 'PurposeCode'),
      ],
      NS.ram,
    ),
    rule(
      ['PostalTradeAddress'],
      undefined,
      [
        absent('CII-DT-082', 'ID'),
        absent('CII-DT-083', 'PostOfficeBox'),
        absent('CII-DT-084', 'BuildingName'),
        absent('CII-DT-086', 'LineFour'),
        absent('CII-DT-087', 'LineFive'),
        absent('CII-DT-088', 'StreetName'),
        absent('CII-DT-089', 'CitySubDivisionName'),
        absent('CII-DT-090', 'CountryName'),
        absent('CII-DT-091', 'CountrySubDivisionID'),
        absent('CII-DT-092', 'AttentionOf'),
        absent('CII-DT-093', 'CareOf'),
        absent('CII-DT-094', 'BuildingNumber'),
        absent('CII-DT-095', 'DepartmentName'),
        absent('CII-DT-096', 'AdditionalStreetName'),
      ],
      NS.ram,
    ),
    rule(
      ['DateTimeString'],
      (el) => attr(el, 'format') === '102',
      [a('CII-DT-097', (el) => DATE_102.test(sv(el)))],
      NS.udt,
    ),
  ],
};

/** YYYYMMDD with optional surrounding blanks, as the schematron's matches() pattern. */
const DATE_102 = /^[ \t\r\n]*(\d{4})(1[0-2]|0[1-9])(3[01]|[12][0-9]|0[1-9])[ \t\r\n]*$/;

/** /rsm:CrossIndustryInvoice/.../ram:SpecifiedLineTradeDelivery/ram:BilledQuantity/@unitCode exists. */
function billedQuantityHasUnit(doc: Doc): boolean {
  return memo(doc, 'cii.billedUnit', () =>
    all(doc.root, `${TX}/IncludedSupplyChainTradeLineItem/SpecifiedLineTradeDelivery/BilledQuantity`).some(
      (q) => attr(q, 'unitCode') !== undefined,
    ),
  );
}
