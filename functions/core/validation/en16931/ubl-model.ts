import type { Dec } from '../../money';
import { inList, UNTDID_4451_UBL, VAT_PREFIXES_UBL } from './codelists';
import { type Assert, type Doc, memo, named, type Pattern, type Rule } from './engine';
import { parents } from './paths';
import { VAT_CATEGORIES, type VatCategory } from './vat-categories';
import {
  all,
  atMostTwoDecimals,
  attr,
  booleanOf,
  decOf,
  type El,
  filled,
  first,
  has,
  isVat,
  kids,
  NS,
  nsp,
  numOf,
  round2,
  sumOf,
  sv,
  xround,
  xsNumber,
} from './xpath';

/**
 * EN 16931 business rules bound to UBL 2.1 Invoice and CreditNote (pattern "UBL-model" of the
 * CEN artefacts), one Rule per schematron rule context in the schematron's order. The UBL
 * binding has its own tolerances and contexts (e.g. BR-S-08 allows ±1, BR-E-08 is exact); they
 * are kept as written so verdicts match the official validator.
 */

const DOCUMENT_NS = [NS.ubl, NS.cn];
const isDocumentRoot = (el: El | undefined) =>
  el !== undefined && !el.parent && DOCUMENT_NS.includes(el.ns as never);

const rule = (names: string[], where: Rule['where'], asserts: Assert[]): Rule => ({ names, where, asserts });
const a = (id: string, test: Assert['test']): Assert => ({ id, test });

// ---- Binding helpers ----

/** cac:TaxScheme/normalize-space(upper-case(cbc:ID)) = 'VAT' on a TaxCategory or PartyTaxScheme. */
const vatScheme = (el: El) => kids(el, 'TaxScheme').some((scheme) => isVat(sv(first(scheme, 'ID'))));
/** cbc:ID[normalize-space(.) = code] on a tax category. */
const categoryIs = (taxCategory: El, code: string) =>
  kids(taxCategory, 'ID').some((id) => nsp(sv(id)) === code);
/** The ChargeIndicator of an AllowanceCharge compared with true()/false(). */
const chargeIs = (allowanceCharge: El, charge: boolean) =>
  kids(allowanceCharge, 'ChargeIndicator').some((i) => booleanOf(sv(i)) === charge);

const lines = (doc: Doc) =>
  memo(doc, 'ubl.lines', () => [...named(doc, 'InvoiceLine'), ...named(doc, 'CreditNoteLine')]);
/** Document level AllowanceCharge elements (children of the document element). */
const documentAllowanceCharges = (doc: Doc, charge: boolean) =>
  memo(doc, `ubl.ac.${charge}`, () => kids(doc.root, 'AllowanceCharge').filter((ac) => chargeIs(ac, charge)));

/** //cac:TaxCategory and //cac:ClassifiedTaxCategory with TaxScheme VAT and the category code. */
const vatTaxCategories = (doc: Doc, code: string) =>
  named(doc, 'TaxCategory').filter((t) => vatScheme(t) && categoryIs(t, code));
const vatClassified = (doc: Doc, code: string) =>
  named(doc, 'ClassifiedTaxCategory').filter((t) => vatScheme(t) && categoryIs(t, code));
/** cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory[VAT] of the document with the category code. */
const breakdownCategories = (doc: Doc, code: string) =>
  all(doc.root, 'TaxTotal/TaxSubtotal/TaxCategory').filter((t) => vatScheme(t) && categoryIs(t, code));

/** Seller identifiers the category rules ask for. */
const sellerAnyTaxId = (doc: Doc) =>
  has(named(doc, 'AccountingSupplierParty'), 'Party/PartyTaxScheme/CompanyID');
const partyVatIds = (parties: readonly El[]) =>
  all(parties, 'PartyTaxScheme')
    .filter(vatScheme)
    .flatMap((p) => kids(p, 'CompanyID'));
const sellerVat = (doc: Doc) => partyVatIds(all(named(doc, 'AccountingSupplierParty'), 'Party')).length > 0;
const representativeVat = (doc: Doc) => partyVatIds(named(doc, 'TaxRepresentativeParty')).length > 0;
const buyerVat = (doc: Doc) => partyVatIds(all(named(doc, 'AccountingCustomerParty'), 'Party')).length > 0;
const buyerLegalId = (doc: Doc) =>
  has(named(doc, 'AccountingCustomerParty'), 'Party/PartyLegalEntity/CompanyID');

const exists =
  (path: string) =>
  (el: El): boolean =>
    has(el, path);
const twoDecimals =
  (path: string) =>
  (el: El): boolean =>
    atMostTwoDecimals(sv(first(el, path)));
const amount = (el: El | undefined, name: string) => decOf(first(el, name));

// ---- Rules ----

/** Document level allowances (charge=false) and charges (true). */
function documentAllowanceChargeRule(charge: boolean): Rule {
  const [amountId, categoryId, reasonId, sameTypeId, reasonOrCodeId, decAmount, decBase] = charge
    ? ['BR-36', 'BR-37', 'BR-38', 'BR-CO-06', 'BR-CO-22', 'BR-DEC-05', 'BR-DEC-06']
    : ['BR-31', 'BR-32', 'BR-33', 'BR-CO-05', 'BR-CO-21', 'BR-DEC-01', 'BR-DEC-02'];
  const reason = (el: El) => has(el, 'AllowanceChargeReason') || has(el, 'AllowanceChargeReasonCode');
  return rule(['AllowanceCharge'], (el) => isDocumentRoot(el.parent) && chargeIs(el, charge), [
    a(amountId, exists('Amount')),
    a(categoryId, (el) => kids(el, 'TaxCategory').some((t) => vatScheme(t) && has(t, 'ID'))),
    a(reasonId, reason),
    a(sameTypeId, () => true),
    a(reasonOrCodeId, reason),
    a(decAmount, twoDecimals('Amount')),
    a(decBase, twoDecimals('BaseAmount')),
  ]);
}

/** Line allowances (BG-27) and charges (BG-28). */
function lineAllowanceChargeRule(charge: boolean): Rule {
  const [amountId, reasonId, sameTypeId, reasonOrCodeId, decAmount, decBase] = charge
    ? ['BR-43', 'BR-44', 'BR-CO-08', 'BR-CO-24', 'BR-DEC-27', 'BR-DEC-28']
    : ['BR-41', 'BR-42', 'BR-CO-07', 'BR-CO-23', 'BR-DEC-24', 'BR-DEC-25'];
  const reason = (el: El) => has(el, 'AllowanceChargeReason') || has(el, 'AllowanceChargeReasonCode');
  return rule(
    ['AllowanceCharge'],
    (el) =>
      (el.parent?.name === 'InvoiceLine' || el.parent?.name === 'CreditNoteLine') && chargeIs(el, charge),
    [
      a(amountId, exists('Amount')),
      a(reasonId, reason),
      a(sameTypeId, () => true),
      a(reasonOrCodeId, reason),
      a(decAmount, twoDecimals('Amount')),
      a(decBase, twoDecimals('BaseAmount')),
    ],
  );
}

/** Document totals (BG-22). */
function totalsRule(): Rule {
  return rule(['LegalMonetaryTotal'], undefined, [
    a('BR-12', exists('LineExtensionAmount')),
    a('BR-13', exists('TaxExclusiveAmount')),
    a('BR-14', exists('TaxInclusiveAmount')),
    a('BR-15', exists('PayableAmount')),
    a('BR-CO-10', (el, doc) => {
      const total = amount(el, 'LineExtensionAmount');
      const sum = sumOf(all(lines(doc), 'LineExtensionAmount'), decOf);
      return total !== undefined && sum !== undefined && total.equals(round2(sum));
    }),
    a('BR-CO-11', (el) => allowanceTotalMatches(el, 'AllowanceTotalAmount', false)),
    a('BR-CO-12', (el) => allowanceTotalMatches(el, 'ChargeTotalAmount', true)),
    a('BR-CO-13', (el) => {
      const exclusive = amount(el, 'TaxExclusiveAmount');
      const line = amount(el, 'LineExtensionAmount');
      const charges = amount(el, 'ChargeTotalAmount');
      const allowances = amount(el, 'AllowanceTotalAmount');
      const hasCharges = has(el, 'ChargeTotalAmount');
      const hasAllowances = has(el, 'AllowanceTotalAmount');
      if (exclusive === undefined || line === undefined) return false;
      const equals = (v: Dec | undefined) => v !== undefined && exclusive.equals(round2(v));
      if (hasCharges && hasAllowances)
        return (
          charges !== undefined && allowances !== undefined && equals(line.plus(charges).minus(allowances))
        );
      if (hasAllowances) return allowances !== undefined && equals(line.minus(allowances));
      if (hasCharges) return charges !== undefined && equals(line.plus(charges));
      return exclusive.equals(line);
    }),
    a('BR-CO-16', (el) => {
      const payable = amount(el, 'PayableAmount');
      const inclusive = amount(el, 'TaxInclusiveAmount');
      const prepaid = amount(el, 'PrepaidAmount');
      const rounding = amount(el, 'PayableRoundingAmount');
      const hasPrepaid = has(el, 'PrepaidAmount');
      const hasRounding = has(el, 'PayableRoundingAmount');
      if (payable === undefined || inclusive === undefined) return false;
      if (hasPrepaid && !hasRounding)
        return prepaid !== undefined && payable.equals(round2(inclusive.minus(prepaid)));
      if (!hasPrepaid && !hasRounding) return payable.equals(inclusive);
      if (rounding === undefined) return false;
      const unrounded = round2(payable.minus(rounding));
      if (hasPrepaid) return prepaid !== undefined && unrounded.equals(round2(inclusive.minus(prepaid)));
      return unrounded.equals(inclusive);
    }),
    a('BR-DEC-09', twoDecimals('LineExtensionAmount')),
    a('BR-DEC-10', twoDecimals('AllowanceTotalAmount')),
    a('BR-DEC-11', twoDecimals('ChargeTotalAmount')),
    a('BR-DEC-12', twoDecimals('TaxExclusiveAmount')),
    a('BR-DEC-14', twoDecimals('TaxInclusiveAmount')),
    a('BR-DEC-16', twoDecimals('PrepaidAmount')),
    a('BR-DEC-17', twoDecimals('PayableRoundingAmount')),
    a('BR-DEC-18', twoDecimals('PayableAmount')),
  ]);
}

/** xs:decimal(total) = round(Σ ../cac:AllowanceCharge[indicator]/xs:decimal(cbc:Amount)), or neither present. */
function allowanceTotalMatches(total: El, name: string, charge: boolean): boolean {
  const groups = kids(total.parent, 'AllowanceCharge').filter((ac) => chargeIs(ac, charge));
  if (!has(total, name) && groups.length === 0) return true;
  const value = amount(total, name);
  const sum = sumOf(all(groups, 'Amount'), decOf);
  return value !== undefined && sum !== undefined && value.equals(round2(sum));
}

/** The document element: BR-01..16, BR-53, BR-CO-03/15/18, the -01..-04 category rules, BR-IC-11/12, BR-O-11..14, BR-B. */
function invoiceRule(): Rule {
  const categoryUse = (code: string) => (_: El, doc: Doc) => {
    const used = vatTaxCategories(doc, code).length > 0 || vatClassified(doc, code).length > 0;
    return !used || breakdownCategories(doc, code).length === 1;
  };
  /** -02/-03/-04: "used in lines/allowances/charges" implies the party requirement. */
  const whenUsed = (used: (doc: Doc) => boolean, requirement: (doc: Doc) => boolean) => (_: El, doc: Doc) =>
    !used(doc) || requirement(doc);
  const inLines = (code: string) => (doc: Doc) => vatClassified(doc, code).length > 0;
  const inAllowances = (code: string, charge: boolean) => (doc: Doc) =>
    named(doc, 'AllowanceCharge').some(
      (ac) =>
        chargeIs(ac, charge) && kids(ac, 'TaxCategory').some((t) => categoryIs(t, code) && vatScheme(t)),
    );
  const sellerOrRepresentative = (doc: Doc) => sellerAnyTaxId(doc) || representativeVat(doc);
  const perRateUse = (code: string) => (_: El, doc: Doc) => {
    const used =
      named(doc, 'AllowanceCharge')
        .flatMap((ac) => kids(ac, 'TaxCategory'))
        .filter((t) => categoryIs(t, code) && vatScheme(t)).length +
      named(doc, 'ClassifiedTaxCategory').filter((t) => categoryIs(t, code) && vatScheme(t)).length;
    const inBreakdown = breakdownCategories(doc, code).length;
    // IGIC counts breakdown groups by the raw ID; IPSI also requires the VAT scheme there.
    const breakdownWithRawId = all(doc.root, 'TaxTotal/TaxSubtotal/TaxCategory').some(
      (t) => kids(t, 'ID').some((id) => sv(id) === code) && (code !== 'M' || vatScheme(t)),
    );
    return used > 0 ? breakdownWithRawId : inBreakdown === 0;
  };
  const breakdownHasCategory = (doc: Doc, code: string) => breakdownCategories(doc, code).length > 0;

  const asserts: Assert[] = [
    a('BR-01', (el) => filled(el, 'CustomizationID')),
    a('BR-02', (el) => filled(el, 'ID')),
    a('BR-03', (el) => filled(el, 'IssueDate')),
    a('BR-04', (el) => filled(el, 'InvoiceTypeCode') || filled(el, 'CreditNoteTypeCode')),
    a('BR-05', (el) => filled(el, 'DocumentCurrencyCode')),
    a('BR-06', (el) => filled(el, 'AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName')),
    a('BR-07', (el) => filled(el, 'AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName')),
    a('BR-08', exists('AccountingSupplierParty/Party/PostalAddress')),
    a('BR-10', exists('AccountingCustomerParty/Party/PostalAddress')),
    a('BR-16', (el) => has(el, 'InvoiceLine') || has(el, 'CreditNoteLine')),
    a('BR-53', (el, doc) =>
      kids(el, 'TaxCurrencyCode').every((currency) =>
        all(named(doc, 'TaxTotal'), 'TaxAmount').some((t) => attr(t, 'currencyID') === sv(currency)),
      ),
    ),
    a('BR-CO-03', (el) => !(has(el, 'TaxPointDate') && has(el, 'InvoicePeriod/DescriptionCode'))),
    a('BR-CO-15', (el) =>
      kids(el, 'DocumentCurrencyCode').every((currency) => {
        const taxes = kids(el, 'TaxTotal').flatMap((total) =>
          kids(total, 'TaxAmount').filter((t) => attr(t, 'currencyID') === sv(currency)),
        );
        const tax = taxes.length === 1 ? decOf(taxes[0]) : undefined;
        const inclusive = all(el, 'LegalMonetaryTotal/TaxInclusiveAmount').map(decOf);
        const exclusive = decOf(first(el, 'LegalMonetaryTotal/TaxExclusiveAmount'));
        if (tax === undefined || exclusive === undefined) return false;
        const expected = round2(exclusive.plus(tax));
        return inclusive.some((v) => v?.equals(expected) ?? false);
      }),
    ),
    a('BR-CO-18', exists('TaxTotal/TaxSubtotal')),
    // BR-DEC-13/15 compare @currencyID with a cbc:DocumentCurrencyCode/TaxCurrencyCode child of the
    // TaxAmount itself, which never exists, so the official tests always hold.
    a('BR-DEC-13', () => true),
    a('BR-DEC-15', () => true),
  ];

  for (const category of VAT_CATEGORIES) {
    const p = `BR-${category.ublPrefix}`;
    const code = category.code;
    if (code === 'S') {
      asserts.push(
        a(`${p}-01`, (_, doc) => {
          const used =
            named(doc, 'AllowanceCharge')
              .flatMap((ac) => kids(ac, 'TaxCategory'))
              .filter((t) => categoryIs(t, 'S')).length +
            named(doc, 'ClassifiedTaxCategory').filter((t) => categoryIs(t, 'S')).length;
          const inBreakdown = all(doc.root, 'TaxTotal/TaxSubtotal/TaxCategory').filter((t) =>
            categoryIs(t, 'S'),
          ).length;
          return used > 0 ? inBreakdown > 0 : inBreakdown === 0;
        }),
      );
    } else if (code === 'L' || code === 'M') {
      asserts.push(a(`${p}-01`, perRateUse(code)));
    } else {
      asserts.push(a(`${p}-01`, categoryUse(code)));
    }
    asserts.push(
      ...categoryPartyAsserts(
        category,
        inLines(code),
        inAllowances(code, false),
        inAllowances(code, true),
        whenUsed,
        sellerOrRepresentative,
      ),
    );
  }
  asserts.push(
    a(
      'BR-IC-11',
      (el, doc) =>
        !breakdownHasCategory(doc, 'K') ||
        sv(first(el, 'Delivery/ActualDeliveryDate')).length > 1 ||
        all(el, 'InvoicePeriod').some((p) => p.children.length > 0),
    ),
    a(
      'BR-IC-12',
      (el, doc) =>
        !breakdownHasCategory(doc, 'K') ||
        sv(first(el, 'Delivery/DeliveryLocation/Address/Country/IdentificationCode')).length > 1,
    ),
    a(
      'BR-O-11',
      (el, doc) =>
        !breakdownHasCategory(doc, 'O') ||
        !all(el, 'TaxTotal/TaxSubtotal/TaxCategory').some(
          (t) => vatScheme(t) && nsp(sv(first(t, 'ID'))) !== 'O',
        ),
    ),
    a(
      'BR-O-12',
      (_, doc) =>
        !breakdownHasCategory(doc, 'O') ||
        !named(doc, 'ClassifiedTaxCategory').some((t) => vatScheme(t) && nsp(sv(first(t, 'ID'))) !== 'O'),
    ),
    a(
      'BR-O-13',
      (_, doc) =>
        !breakdownHasCategory(doc, 'O') ||
        !named(doc, 'AllowanceCharge').some(
          (ac) =>
            chargeIs(ac, false) &&
            kids(ac, 'TaxCategory').some((t) => vatScheme(t) && nsp(sv(first(t, 'ID'))) !== 'O'),
        ),
    ),
    a(
      'BR-O-14',
      (_, doc) =>
        !breakdownHasCategory(doc, 'O') ||
        !named(doc, 'AllowanceCharge').some(
          (ac) =>
            chargeIs(ac, true) &&
            kids(ac, 'TaxCategory').some((t) => vatScheme(t) && nsp(sv(first(t, 'ID'))) !== 'O'),
        ),
    ),
    a('BR-B-01', (_, doc) => {
      const split = [...named(doc, 'TaxCategory'), ...named(doc, 'ClassifiedTaxCategory')].some((t) =>
        kids(t, 'ID').some((id) => sv(id) === 'B'),
      );
      return !split || !named(doc, 'IdentificationCode').some((c) => sv(c) !== 'IT');
    }),
    a('BR-B-02', (el, doc) => {
      const idIs = (taxCategories: El[], code: string) =>
        taxCategories.some((t) => kids(t, 'ID').some((id) => sv(id) === code));
      const documentCategories = all(el, 'AllowanceCharge/TaxCategory');
      const classified = named(doc, 'ClassifiedTaxCategory');
      const split =
        idIs(all(el, 'TaxTotal/TaxSubtotal/TaxCategory'), 'B') ||
        idIs(documentCategories, 'B') ||
        idIs(classified, 'B');
      // The CEN test reads cac:TaxSubtotal/cbc:ID for the standard rate, an element that does not exist.
      const standard = idIs(documentCategories, 'S') || idIs(classified, 'S');
      return !split || !standard;
    }),
  );
  return rule(['Invoice', 'CreditNote'], (el) => isDocumentRoot(el), asserts);
}

/** BR-x-02/-03/-04 of the UBL binding, document-wide, with the party test of the category. */
function categoryPartyAsserts(
  category: VatCategory,
  inLines: (doc: Doc) => boolean,
  inAllowances: (doc: Doc) => boolean,
  inCharges: (doc: Doc) => boolean,
  whenUsed: (used: (doc: Doc) => boolean, requirement: (doc: Doc) => boolean) => Assert['test'],
  sellerOrRepresentative: (doc: Doc) => boolean,
): Assert[] {
  const p = `BR-${category.ublPrefix}`;
  let requirement: (doc: Doc) => boolean;
  switch (category.code) {
    case 'AE':
      requirement = (doc) => sellerOrRepresentative(doc) && (buyerVat(doc) || buyerLegalId(doc));
      break;
    case 'K':
      requirement = (doc) => (sellerVat(doc) || representativeVat(doc)) && buyerVat(doc);
      break;
    case 'G':
      requirement = (doc) => sellerVat(doc) || representativeVat(doc);
      break;
    case 'O':
      requirement = (doc) => !sellerVat(doc) && !representativeVat(doc) && !buyerVat(doc);
      break;
    default:
      requirement = sellerOrRepresentative;
  }
  const documentLevel = (charge: boolean) => (doc: Doc) =>
    documentAllowanceCharges(doc, charge).some((ac) =>
      kids(ac, 'TaxCategory').some((t) => categoryIs(t, category.code) && vatScheme(t)),
    );
  // BR-S-02 asks for the VAT scheme when the category is used, but exempts only invoices with no
  // 'S' line category at all, whatever its scheme.
  const lineTest =
    category.code === 'S'
      ? (_: El, doc: Doc) =>
          !named(doc, 'ClassifiedTaxCategory').some((t) => nsp(sv(first(t, 'ID'))) === 'S') ||
          (inLines(doc) && requirement(doc))
      : whenUsed(inLines, requirement);
  return [
    a(`${p}-02`, lineTest),
    // BR-O-03/04 look at document level groups only; the others at any cac:AllowanceCharge.
    a(`${p}-03`, whenUsed(category.code === 'O' ? documentLevel(false) : inAllowances, requirement)),
    a(`${p}-04`, whenUsed(category.code === 'O' ? documentLevel(true) : inCharges, requirement)),
  ];
}

/** Invoice and credit note lines (BG-25). */
function lineRule(): Rule {
  return rule(['InvoiceLine', 'CreditNoteLine'], undefined, [
    a('BR-21', (el) => filled(el, 'ID')),
    a('BR-22', (el) => has(el, 'InvoicedQuantity') || has(el, 'CreditedQuantity')),
    a('BR-23', (el) =>
      [...kids(el, 'InvoicedQuantity'), ...kids(el, 'CreditedQuantity')].some(
        (q) => attr(q, 'unitCode') !== undefined,
      ),
    ),
    a('BR-24', exists('LineExtensionAmount')),
    a('BR-25', (el) => filled(el, 'Item/Name')),
    a('BR-26', exists('Price/PriceAmount')),
    a('BR-27', (el) => all(el, 'Price/PriceAmount').some((p) => numOf(p)?.gte(0) ?? false)),
    a('BR-28', (el) => {
      const bases = all(el, 'Price/AllowanceCharge/BaseAmount');
      return bases.length === 0 || bases.some((b) => numOf(b)?.gte(0) ?? false);
    }),
    a('BR-CO-04', (el) => all(el, 'Item/ClassifiedTaxCategory').some((t) => vatScheme(t) && has(t, 'ID'))),
    a('BR-DEC-23', twoDecimals('LineExtensionAmount')),
  ]);
}

/** xs:date(end) >= xs:date(start); an unreadable date fails like the cast error it is. */
function periodOrdered(period: El): boolean {
  const start = first(period, 'StartDate');
  const end = first(period, 'EndDate');
  if (!start || !end) return true;
  const s = isoDate(sv(start));
  const e = isoDate(sv(end));
  return s !== undefined && e !== undefined && e >= s;
}
const isoDate = (text: string) => /^(\d{4}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim())?.[1];

/** The parties, payments and other groups (BR-09/11/17..20, BR-49..57, BR-61..65, BR-CO-09/14/17/26). */
function otherRules(): { head: Rule[]; tail: Rule[] } {
  const head = [
    rule(['AdditionalDocumentReference'], undefined, [a('BR-52', (el) => filled(el, 'ID'))]),
    rule(['EndpointID'], (el) => parents(el, 'Party', 'AccountingCustomerParty'), [
      a('BR-63', (el) => attr(el, 'schemeID') !== undefined),
    ]),
    rule(['PostalAddress'], (el) => parents(el, 'Party', 'AccountingCustomerParty'), [
      a('BR-11', (el) => filled(el, 'Country/IdentificationCode')),
    ]),
    rule(['PrimaryAccountNumberID'], (el) => parents(el, 'CardAccount', 'PaymentMeans'), [
      { id: 'BR-51', flag: 'warning', test: (el) => nsp(sv(el)).length <= 10 },
    ]),
    rule(['Address'], (el) => parents(el, 'DeliveryLocation', 'Delivery'), [
      a('BR-57', exists('Country/IdentificationCode')),
    ]),
  ];
  const tail = [
    rule(['AdditionalItemProperty'], undefined, [a('BR-54', (el) => has(el, 'Name') && has(el, 'Value'))]),
    rule(
      ['ItemClassificationCode'],
      (el) =>
        parents(el, 'CommodityClassification', 'Item') &&
        ['InvoiceLine', 'CreditNoteLine'].includes(el.parent?.parent?.parent?.name ?? ''),
      [a('BR-65', (el) => attr(el, 'listID') !== undefined)],
    ),
    rule(
      ['ID'],
      (el) =>
        parents(el, 'StandardItemIdentification', 'Item') &&
        ['InvoiceLine', 'CreditNoteLine'].includes(el.parent?.parent?.parent?.name ?? ''),
      [a('BR-64', (el) => attr(el, 'schemeID') !== undefined)],
    ),
    rule(['Note'], (el) => isDocumentRoot(el.parent), [a('BR-CL-08', (el) => noteSubjectValid(sv(el)))]),
    rule(['PayeeParty'], undefined, [
      a('BR-17', (el) => {
        const seller = all(el.parent, 'AccountingSupplierParty/Party');
        const anyEqual = (x: El[], y: El[]) => x.some((l) => y.some((r) => sv(l) === sv(r)));
        return (
          has(el, 'PartyName/Name') &&
          !anyEqual(all(el, 'PartyName/Name'), all(seller, 'PartyName/Name')) &&
          !anyEqual(all(el, 'PartyIdentification/ID'), all(seller, 'PartyIdentification/ID'))
        );
      }),
    ]),
    rule(
      ['PayeeFinancialAccount'],
      (el) =>
        el.parent?.name === 'PaymentMeans' &&
        kids(el.parent, 'PaymentMeansCode').some((c) => sv(c) === '30' || sv(c) === '58'),
      [a('BR-50', (el) => filled(el, 'ID'))],
    ),
    rule(['PaymentMeans'], undefined, [
      a('BR-49', exists('PaymentMeansCode')),
      a('BR-61', (el) => {
        const code = nsp(sv(first(el, 'PaymentMeansCode')));
        const transfer = code === '30' || code === '58';
        return !transfer || has(el, 'PayeeFinancialAccount/ID');
      }),
    ]),
    rule(['BillingReference'], undefined, [a('BR-55', exists('InvoiceDocumentReference/ID'))]),
    rule(['AccountingSupplierParty'], undefined, [
      a(
        'BR-CO-26',
        (el) =>
          partyVatIds(kids(el, 'Party')).length > 0 ||
          has(el, 'Party/PartyIdentification/ID') ||
          has(el, 'Party/PartyLegalEntity/CompanyID'),
      ),
    ]),
    rule(['EndpointID'], (el) => parents(el, 'Party', 'AccountingSupplierParty'), [
      a('BR-62', (el) => attr(el, 'schemeID') !== undefined),
    ]),
    rule(['PostalAddress'], (el) => parents(el, 'Party', 'AccountingSupplierParty'), [
      a('BR-09', (el) => filled(el, 'Country/IdentificationCode')),
    ]),
    rule(['TaxRepresentativeParty'], undefined, [
      a('BR-18', (el) => filled(el, 'PartyName/Name')),
      a('BR-19', exists('PostalAddress')),
      a('BR-56', (el) => partyVatIds([el]).length > 0),
    ]),
    rule(['PostalAddress'], (el) => el.parent?.name === 'TaxRepresentativeParty', [
      a('BR-20', (el) => filled(el, 'Country/IdentificationCode')),
    ]),
    rule(['TaxTotal'], (el) => isDocumentRoot(el.parent), [
      a('BR-CO-14', (el) => {
        if (!has(el, 'TaxSubtotal')) return true;
        const total = amount(el, 'TaxAmount');
        const sum = sumOf(all(el, 'TaxSubtotal/TaxAmount'), decOf);
        return total !== undefined && sum !== undefined && total.equals(round2(sum));
      }),
    ]),
    rule(['TaxSubtotal'], (el) => el.parent?.name === 'TaxTotal', [
      a('BR-45', exists('TaxableAmount')),
      a('BR-46', exists('TaxAmount')),
      a('BR-47', (el) => kids(el, 'TaxCategory').some((t) => vatScheme(t) && has(t, 'ID'))),
      a('BR-48', (el) => {
        const categories = kids(el, 'TaxCategory').filter(vatScheme);
        return (
          categories.some((t) => has(t, 'Percent')) || categories.some((t) => nsp(sv(first(t, 'ID'))) === 'O')
        );
      }),
      a('BR-CO-17', taxAmountMatchesRate),
      a('BR-DEC-19', twoDecimals('TaxableAmount')),
      a('BR-DEC-20', twoDecimals('TaxAmount')),
    ]),
    rule(['PartyTaxScheme'], (el) => vatScheme(el), [
      a('BR-CO-09', (el) => VAT_PREFIX_TEXT.includes(sv(first(el, 'CompanyID')).slice(0, 2))),
    ]),
  ];
  return { head, tail };
}

/** The UBL BR-CO-09 test is contains(' list ', substring(CompanyID, 1, 2)) — a substring match. */
const VAT_PREFIX_TEXT = ` ${[...VAT_PREFIXES_UBL, '1A'].join(' ')} `;

/** BR-CL-08 in UBL: a note starting '#XXX#' needs XXX from UNTDID 4451; other notes pass. */
function noteSubjectValid(note: string): boolean {
  if (!note.includes('#')) return true;
  const afterFirst = note.slice(note.indexOf('#') + 1);
  const end = afterFirst.indexOf('#');
  const subject = end < 0 ? '' : afterFirst.slice(0, end);
  if (subject.length !== 3) return true;
  return inList(UNTDID_4451_UBL, subject);
}

/** BR-CO-17 as bound in UBL: tax = taxable × rate / 100 within ±1, or zero for a zero/absent rate. */
function taxAmountMatchesRate(subtotal: El): boolean {
  const rateEl = kids(subtotal, 'TaxCategory')
    .filter(vatScheme)
    .flatMap((t) => kids(t, 'Percent'))[0];
  const tax = amount(subtotal, 'TaxAmount');
  if (tax === undefined) return false;
  const rate = decOf(rateEl);
  if (rate === undefined || xround(rate).isZero()) return xround(tax).isZero();
  const taxable = amount(subtotal, 'TaxableAmount');
  if (taxable === undefined) return false;
  const expected = round2(taxable.abs().times(rate.div(100)));
  return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
}

// ---- VAT category rules on the breakdown, allowance, charge and line tax categories ----

/** Σ lines + Σ charges - Σ allowances of the category (and rate), over lines of one kind. */
function categorySum(
  doc: Doc,
  lineName: 'InvoiceLine' | 'CreditNoteLine',
  code: string,
  rate?: Dec,
): Dec | undefined {
  const rateMatches = (t: El) =>
    rate === undefined || kids(t, 'Percent').some((p) => decOf(p)?.equals(rate) ?? false);
  const lineAmounts = kids(doc.root, lineName)
    .filter((line) => {
      const categories = all(line, 'Item/ClassifiedTaxCategory');
      return categories.some((t) => nsp(sv(first(t, 'ID'))) === code) && categories.some(rateMatches);
    })
    .flatMap((line) => kids(line, 'LineExtensionAmount'));
  const groupAmounts = (charge: boolean) =>
    documentAllowanceCharges(doc, charge)
      .filter((ac) => {
        const categories = kids(ac, 'TaxCategory');
        return categories.some((t) => nsp(sv(first(t, 'ID'))) === code) && categories.some(rateMatches);
      })
      .flatMap((ac) => kids(ac, 'Amount'));
  const l = sumOf(lineAmounts, decOf);
  const c = sumOf(groupAmounts(true), decOf);
  const al = sumOf(groupAmounts(false), decOf);
  return l === undefined || c === undefined || al === undefined ? undefined : l.plus(c).minus(al);
}

/** -08 for one-group categories (E, AE, K, G, O, Z): taxable amount equals the category sum exactly. */
function taxableEqualsSum(category: El, doc: Doc, code: string): boolean {
  const taxable = amount(category.parent, 'TaxableAmount');
  const matches = (lineName: 'InvoiceLine' | 'CreditNoteLine') => {
    const sum = categorySum(doc, lineName, code);
    return (
      named(doc, lineName).length > 0 && taxable !== undefined && sum !== undefined && taxable.equals(sum)
    );
  };
  return matches('InvoiceLine') || matches('CreditNoteLine');
}

/** -08 for per-rate categories (S, L, M): within ±1 of the sum of lines and groups with that rate. */
function taxableNearRateSum(category: El, doc: Doc, code: string): boolean {
  const rate = decOf(first(category, 'Percent'));
  if (!first(category, 'Percent')) return true; // every $rate in () holds
  if (rate === undefined) return false;
  const taxable = xsNumber(sv(first(category.parent, 'TaxableAmount')));
  const near = (lineName: 'InvoiceLine' | 'CreditNoteLine') => {
    const sum = categorySum(doc, lineName, code, rate);
    return taxable !== undefined && sum !== undefined && taxable.minus(1).lt(sum) && taxable.plus(1).gt(sum);
  };
  if (code !== 'S')
    return (
      (named(doc, 'InvoiceLine').length > 0 && near('InvoiceLine')) ||
      (named(doc, 'CreditNoteLine').length > 0 && near('CreditNoteLine'))
    );
  // BR-S-08 also requires a line or an allowance/charge with the category and rate.
  const groupWithRate = named(doc, 'AllowanceCharge').some((ac) =>
    kids(ac, 'TaxCategory').some(
      (t) =>
        nsp(sv(first(t, 'ID'))) === 'S' && kids(t, 'Percent').some((p) => decOf(p)?.equals(rate) ?? false),
    ),
  );
  const lineWithRate = (lineName: string) =>
    named(doc, lineName).some((line) => {
      const categories = all(line, 'Item/ClassifiedTaxCategory');
      return (
        categories.some((t) => nsp(sv(first(t, 'ID'))) === 'S') &&
        categories.some((t) => kids(t, 'Percent').some((p) => decOf(p)?.equals(rate) ?? false))
      );
    });
  return (
    ((lineWithRate('InvoiceLine') || groupWithRate) && near('InvoiceLine')) ||
    ((lineWithRate('CreditNoteLine') || groupWithRate) && near('CreditNoteLine'))
  );
}

/** -09 for per-rate categories: tax within ±1 of round(|taxable| × rate / 100). */
function taxNearRate(category: El): boolean {
  const tax = amount(category.parent, 'TaxAmount');
  const taxable = amount(category.parent, 'TaxableAmount');
  const rate = decOf(first(category, 'Percent'));
  if (tax === undefined || taxable === undefined || rate === undefined) return false;
  const expected = round2(taxable.abs().times(rate.div(100)));
  return tax.abs().minus(1).lt(expected) && tax.abs().plus(1).gt(expected);
}

function categoryRules(category: VatCategory): Rule[] {
  const p = `BR-${category.ublPrefix}`;
  const code = category.code;
  const matches = (t: El) => categoryIs(t, code) && vatScheme(t);
  const hasReason = (t: El) => has(t, 'TaxExemptionReason') || has(t, 'TaxExemptionReasonCode');
  const rateTest = (t: El): boolean => {
    const percents = kids(t, 'Percent');
    switch (category.rate) {
      case 'none':
        return percents.length === 0;
      case 'zero':
        return decOf(percents[0])?.isZero() ?? false;
      case 'positive':
        return code === 'S'
          ? percents.some((x) => numOf(x)?.gt(0) ?? false)
          : percents.some((x) => numOf(x)?.gte(0) ?? false);
      case 'nonNegative':
        return percents.some((x) => numOf(x)?.gte(0) ?? false);
    }
  };
  const breakdownAsserts: Assert[] = category.perRate
    ? [
        a(`${p}-08`, (el, doc) => taxableNearRateSum(el, doc, code)),
        a(`${p}-09`, taxNearRate),
        a(`${p}-10`, (el) => !hasReason(el)),
      ]
    : [
        a(`${p}-08`, (el, doc) => taxableEqualsSum(el, doc, code)),
        a(`${p}-09`, (el) => amount(el.parent, 'TaxAmount')?.isZero() ?? false),
        a(`${p}-10`, category.exemptionReason ? hasReason : (el) => !hasReason(el)),
      ];
  return [
    rule(
      ['TaxCategory'],
      (el) =>
        parents(el, 'TaxSubtotal', 'TaxTotal') && isDocumentRoot(el.parent?.parent?.parent) && matches(el),
      breakdownAsserts,
    ),
    rule(
      ['TaxCategory'],
      (el) => el.parent?.name === 'AllowanceCharge' && chargeIs(el.parent, false) && matches(el),
      [a(`${p}-06`, rateTest)],
    ),
    rule(
      ['TaxCategory'],
      (el) => el.parent?.name === 'AllowanceCharge' && chargeIs(el.parent, true) && matches(el),
      [a(`${p}-07`, rateTest)],
    ),
    rule(
      ['ClassifiedTaxCategory'],
      (el) =>
        el.parent?.name === 'Item' &&
        ['InvoiceLine', 'CreditNoteLine'].includes(el.parent.parent?.name ?? '') &&
        matches(el),
      [a(`${p}-05`, rateTest)],
    ),
  ];
}

const OTHER = otherRules();

/** The model pattern, rules in the order of the CEN schematron (first match wins). */
export const UBL_MODEL: Pattern = {
  id: 'UBL-model',
  rules: [
    ...OTHER.head,
    documentAllowanceChargeRule(false),
    documentAllowanceChargeRule(true),
    totalsRule(),
    invoiceRule(),
    lineRule(),
    lineAllowanceChargeRule(false),
    lineAllowanceChargeRule(true),
    rule(
      ['InvoicePeriod'],
      (el) => el.parent?.name === 'InvoiceLine' || el.parent?.name === 'CreditNoteLine',
      [a('BR-30', periodOrdered), a('BR-CO-20', (el) => has(el, 'StartDate') || has(el, 'EndDate'))],
    ),
    rule(['InvoicePeriod'], undefined, [
      a('BR-29', periodOrdered),
      a('BR-CO-19', (el) => has(el, 'StartDate') || has(el, 'EndDate') || has(el, 'DescriptionCode')),
    ]),
    ...OTHER.tail,
    ...['AE', 'E', 'G', 'K', 'L', 'M', 'O', 'S', 'Z'].flatMap((code) =>
      categoryRules(VAT_CATEGORIES.find((c) => c.code === code)!),
    ),
  ],
};
