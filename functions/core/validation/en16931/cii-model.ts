import type { Dec } from '../../money';
import { VAT_PREFIXES_CII } from './codelists';
import { type Assert, type Doc, memo, named, type Pattern, type Rule } from './engine';
import { parents, rooted } from './paths';
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
  kids,
  NS,
  nonZero,
  nsp,
  numOf,
  round2,
  sumOf,
  sv,
  xround,
} from './xpath';

/**
 * EN 16931 business rules bound to UN/CEFACT CII D16B (pattern "EN16931-CII-Model" of the CEN
 * artefacts): one Rule per schematron rule context, in the schematron's order, each assert a
 * transcription of the official XPath test. The CII binding differs from UBL in tolerances and
 * contexts; those differences are kept on purpose, so verdicts match the official validator.
 */

const TX = 'SupplyChainTradeTransaction';

// ---- Document-level accessors (the absolute paths of the schematron) ----

const transactions = (doc: Doc) => all(doc.root, TX);
const settlements = (doc: Doc) =>
  memo(doc, 'cii.settlements', () => all(doc.root, `${TX}/ApplicableHeaderTradeSettlement`));
const agreements = (doc: Doc) => all(doc.root, `${TX}/ApplicableHeaderTradeAgreement`);
/** InvoiceCurrencyCode nodes (BT-5). */
const invoiceCurrency = (doc: Doc) => all(settlements(doc), 'InvoiceCurrencyCode');
/** TaxCurrencyCode nodes (BT-6). */
const taxCurrency = (doc: Doc) => all(settlements(doc), 'TaxCurrencyCode');

/** udt:Indicator of a ChargeIndicator compared with true()/false() (xs:boolean cast). */
function indicatorIs(allowanceCharge: El, charge: boolean): boolean {
  return all(allowanceCharge, 'ChargeIndicator/Indicator').some((i) => booleanOf(sv(i)) === charge);
}

/** Document level allowances (charge=false) or charges of the header settlement. */
function headerAllowanceCharges(doc: Doc, charge: boolean): El[] {
  return memo(doc, `cii.ac.${charge}`, () =>
    all(settlements(doc), 'SpecifiedTradeAllowanceCharge').filter((ac) => indicatorIs(ac, charge)),
  );
}

/** VAT identifiers of a party: SpecifiedTaxRegistration/ID with the given schemeIDs. */
function taxIds(parties: readonly El[], schemes: readonly string[]): El[] {
  return all(parties, 'SpecifiedTaxRegistration/ID').filter((id) =>
    schemes.includes(attr(id, 'schemeID') ?? ''),
  );
}

/** Seller VAT or tax number (VA, FC) or tax representative VAT id, via the absolute paths. */
function sellerTaxRegistered(doc: Doc): boolean {
  return memo(doc, 'cii.sellerTax', () => {
    const agreement = agreements(doc);
    return (
      taxIds(all(agreement, 'SellerTradeParty'), ['VA', 'FC']).length > 0 ||
      taxIds(all(agreement, 'SellerTaxRepresentativeTradeParty'), ['VA']).length > 0
    );
  });
}

/** The '//' variants: any SellerTradeParty / SellerTaxRepresentativeTradeParty / BuyerTradeParty. */
function anySellerVat(doc: Doc, schemes: readonly string[]): boolean {
  return (
    taxIds(named(doc, 'SellerTradeParty'), schemes).length > 0 ||
    taxIds(named(doc, 'SellerTaxRepresentativeTradeParty'), ['VA']).length > 0
  );
}
function anyBuyerVat(doc: Doc): boolean {
  return taxIds(named(doc, 'BuyerTradeParty'), ['VA']).length > 0;
}

// ---- Small test builders ----

/** The element the path reaches exists. */
const exists =
  (path: string) =>
  (el: El): boolean =>
    has(el, path);

/** string-length(substring-after(path, '.')) <= 2 on the first element reached. */
const twoDecimals =
  (path: string) =>
  (el: El): boolean =>
    atMostTwoDecimals(sv(first(el, path)));

/** Raw string comparison of an untyped node with a literal (XPath general comparison). */
const isCode = (el: El | undefined, code: string): boolean => el !== undefined && sv(el) === code;

/** upper-case(ram:TypeCode) = 'VAT' — the raw type code, upper-cased. */
const typeIsVat = (tradeTax: El): boolean =>
  kids(tradeTax, 'TypeCode').some((t) => sv(t).toUpperCase() === 'VAT');

/** VAT breakdown elements (BG-23) carrying the category code. */
function breakdownsOf(doc: Doc, code: string): El[] {
  return named(doc, 'ApplicableTradeTax').filter(
    (t) =>
      t.parent?.name === 'ApplicableHeaderTradeSettlement' &&
      kids(t, 'CategoryCode').some((c) => isCode(c, code)),
  );
}
function lineTaxesOf(doc: Doc, code: string): El[] {
  return named(doc, 'ApplicableTradeTax').filter(
    (t) =>
      t.parent?.name === 'SpecifiedLineTradeSettlement' &&
      kids(t, 'CategoryCode').some((c) => isCode(c, code)),
  );
}
function categoryTaxesOf(doc: Doc, code: string): El[] {
  return named(doc, 'CategoryTradeTax').filter((t) => kids(t, 'CategoryCode').some((c) => isCode(c, code)));
}

// ---- Category sums (BR-x-08) ----

/** Line net amounts (BT-131) of the lines whose VAT category (and rate, when given) match. */
function lineNetAmounts(doc: Doc, code: string, rate?: Dec): El[] {
  const settlementsOfLines = all(
    transactions(doc),
    'IncludedSupplyChainTradeLineItem/SpecifiedLineTradeSettlement',
  );
  return all(
    settlementsOfLines.filter((s) => {
      const taxes = kids(s, 'ApplicableTradeTax');
      if (!taxes.some((t) => kids(t, 'CategoryCode').some((c) => isCode(c, code)))) return false;
      return rate === undefined || taxes.some((t) => decOf(first(t, 'RateApplicablePercent'))?.equals(rate));
    }),
    'SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount',
  );
}

/** ActualAmount of header allowances/charges whose category (and rate, when given) match. */
function allowanceChargeAmounts(doc: Doc, code: string, charge: boolean, rate?: Dec): El[] {
  return all(
    headerAllowanceCharges(doc, charge).filter((ac) => {
      const taxes = kids(ac, 'CategoryTradeTax');
      if (!taxes.some((t) => kids(t, 'CategoryCode').some((c) => isCode(c, code)))) return false;
      return rate === undefined || taxes.some((t) => decOf(first(t, 'RateApplicablePercent'))?.equals(rate));
    }),
    'ActualAmount',
  );
}

/** round(Σ lines) + round(Σ charges) - round(Σ allowances), each rounded to 2 places. */
function categoryTotal(doc: Doc, code: string, rate?: Dec): Dec | undefined {
  const lines = sumOf(lineNetAmounts(doc, code, rate));
  const charges = sumOf(allowanceChargeAmounts(doc, code, true, rate));
  const allowances = sumOf(allowanceChargeAmounts(doc, code, false, rate));
  if (!lines || !charges || !allowances) return undefined;
  return round2(lines).plus(round2(charges)).minus(round2(allowances));
}

/** BasisAmount within one unit of the category total (E, AE, K, G, Z). */
function basisNearTotal(breakdown: El | undefined, doc: Doc, code: string): boolean {
  const basis = numOf(first(breakdown, 'BasisAmount'));
  const total = categoryTotal(doc, code);
  return basis !== undefined && total !== undefined && basis.minus(1).lt(total) && basis.plus(1).gt(total);
}

// ---- Rule contexts ----

const rule = (names: string[], where: Rule['where'], asserts: Assert[]): Rule => ({ names, where, asserts });
const a = (id: string, test: Assert['test']): Assert => ({ id, test });

/** The Invoice (document element) rule: BR-01..BR-16, BR-62/63, BR-CO-15, the -01 category rules. */
function invoiceRule(): Rule {
  const agreement = `${TX}/ApplicableHeaderTradeAgreement`;
  const categoryCount = (doc: Doc, code: string) => ({
    header: breakdownsOf(doc, code).length,
    lines: lineTaxesOf(doc, code).length,
    allowances: categoryTaxesOf(doc, code).length,
  });
  /** S, L, M: '>=2 counting lines plus breakdowns' — the CEN test for 'at least one' breakdown. */
  const atLeastOne = (code: string) => (_: El, doc: Doc) => {
    const c = categoryCount(doc, code);
    return (c.lines + c.header >= 2 || c.lines === 0) && (c.allowances + c.header >= 2 || c.allowances === 0);
  };
  /** Z, E, AE, K, G: no use at all, or exactly one breakdown and some line or allowance/charge. */
  const exactlyOne = (code: string) => (_: El, doc: Doc) => {
    const c = categoryCount(doc, code);
    return (
      (c.header === 0 && c.lines === 0 && c.allowances === 0) ||
      (c.header === 1 && c.lines + c.allowances > 0)
    );
  };
  const electronicAddress = (party: string) => (el: El) => {
    const comms = all(el, `${agreement}/${party}/URIUniversalCommunication`);
    return comms.length === 0 || nsp(attr(first(comms[0], 'URIID'), 'schemeID')) !== '';
  };
  const categoryCodes = (doc: Doc) => named(doc, 'CategoryCode').map(sv);
  return rule(['CrossIndustryInvoice'], (el) => !el.parent && el.ns === NS.rsm, [
    a('BR-01', (el) => filled(el, 'ExchangedDocumentContext/GuidelineSpecifiedDocumentContextParameter/ID')),
    a('BR-02', (el) => filled(el, 'ExchangedDocument/ID')),
    a('BR-03', (el) => {
      const dates = all(el, 'ExchangedDocument/IssueDateTime/DateTimeString');
      return nsp(sv(dates.find((d) => attr(d, 'format') === '102'))) !== '';
    }),
    a('BR-04', (el) => filled(el, 'ExchangedDocument/TypeCode')),
    a('BR-05', (el) => filled(el, `${TX}/ApplicableHeaderTradeSettlement/InvoiceCurrencyCode`)),
    a('BR-06', (el) => filled(el, `${agreement}/SellerTradeParty/Name`)),
    a('BR-07', (el) => filled(el, `${agreement}/BuyerTradeParty/Name`)),
    a('BR-08', exists(`${agreement}/SellerTradeParty/PostalTradeAddress`)),
    a('BR-09', (el) => filled(el, `${agreement}/SellerTradeParty/PostalTradeAddress/CountryID`)),
    a('BR-10', exists(`${agreement}/BuyerTradeParty/PostalTradeAddress`)),
    a('BR-11', (el) => filled(el, `${agreement}/BuyerTradeParty/PostalTradeAddress/CountryID`)),
    a('BR-16', (_, doc) => named(doc, 'IncludedSupplyChainTradeLineItem').length > 0),
    a('BR-62', electronicAddress('SellerTradeParty')),
    a('BR-63', electronicAddress('BuyerTradeParty')),
    a('BR-CO-15', (_, doc) => grandTotalMatches(doc)),
    a('BR-S-01', atLeastOne('S')),
    a('BR-Z-01', exactlyOne('Z')),
    a('BR-E-01', exactlyOne('E')),
    a('BR-AE-01', exactlyOne('AE')),
    a('BR-IC-01', exactlyOne('K')),
    a('BR-G-01', exactlyOne('G')),
    a('BR-O-01', (_, doc) => {
      const c = categoryCount(doc, 'O');
      return c.header === 0 || (c.header === 1 && c.lines + c.allowances > 0);
    }),
    a('BR-AF-01', atLeastOne('L')),
    a('BR-AG-01', atLeastOne('M')),
    a('BR-B-01', (_, doc) => {
      const split = categoryCodes(doc).includes('B');
      return !split || !named(doc, 'CountryID').some((c) => sv(c) !== 'IT');
    }),
    a('BR-B-02', (_, doc) => {
      const codes = categoryCodes(doc);
      return !codes.includes('B') || !codes.includes('S');
    }),
  ]);
}

/**
 * BR-CO-15 as bound in CII: for the invoice currency, exactly one TaxTotalAmount in it and
 * GrandTotal = round(TaxBasis + TaxTotal), or else GrandTotal = TaxBasis.
 */
function grandTotalMatches(doc: Doc): boolean {
  const summations = named(doc, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  const grand = summations.map((s) => decOf(first(s, 'GrandTotalAmount')));
  const basis = summations.map((s) => decOf(first(s, 'TaxBasisTotalAmount')));
  const equalsAny = (left: (Dec | undefined)[], right: (Dec | undefined)[]) =>
    left.some((l) => l !== undefined && right.some((r) => r !== undefined && l.equals(r)));
  return invoiceCurrency(doc).every((currency) => {
    const code = sv(currency);
    // count(rsm:SupplyChainTradeTransaction/.../ram:TaxTotalAmount[@currencyID=$Currency]) eq 1
    const headerSummations = all(settlements(doc), 'SpecifiedTradeSettlementHeaderMonetarySummation');
    const taxInCurrency = all(headerSummations, 'TaxTotalAmount').filter(
      (t) => attr(t, 'currencyID') === code,
    );
    // round(TaxBasisTotalAmount + TaxTotalAmount[@currencyID=$Currency]), per summation
    const withTax = summations.flatMap((s) => {
      const b = decOf(first(s, 'TaxBasisTotalAmount'));
      const taxes = kids(s, 'TaxTotalAmount').filter((t) => attr(t, 'currencyID') === code);
      return taxes.length === 1 && b !== undefined && decOf(taxes[0])
        ? [round2(b.plus(decOf(taxes[0])!))]
        : [];
    });
    return (taxInCurrency.length === 1 && equalsAny(grand, withTax)) || equalsAny(grand, basis);
  });
}

/** Document totals (BG-22): BR-12..15, BR-53, BR-CO-10..16, BR-DEC-09..18. */
function totalsRule(): Rule {
  const amount = (el: El, name: string) => decOf(first(el, name));
  return rule(['SpecifiedTradeSettlementHeaderMonetarySummation'], undefined, [
    a('BR-12', exists('LineTotalAmount')),
    a('BR-13', exists('TaxBasisTotalAmount')),
    a('BR-14', exists('GrandTotalAmount')),
    a('BR-15', exists('DuePayableAmount')),
    a('BR-53', (el, doc) => {
      const taxCodes = taxCurrency(doc).map(sv);
      if (taxCodes.length === 0) return true;
      const invoiceCodes = invoiceCurrency(doc).map(sv);
      const inTaxCurrency = kids(el, 'TaxTotalAmount').some((t) =>
        taxCodes.includes(attr(t, 'currencyID') ?? '\u0000'),
      );
      return inTaxCurrency && !taxCodes.some((c) => invoiceCodes.includes(c));
    }),
    a('BR-CO-10', (el) => {
      const total = amount(el, 'LineTotalAmount');
      const lines = sumOf(
        all(
          el.parent?.parent,
          'IncludedSupplyChainTradeLineItem/SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount',
        ),
      );
      return total !== undefined && lines !== undefined && total.equals(round2(lines));
    }),
    a('BR-CO-11', (el, doc) => sumMatches(el, 'AllowanceTotalAmount', headerAllowanceCharges(doc, false))),
    a('BR-CO-12', (el, doc) => sumMatches(el, 'ChargeTotalAmount', headerAllowanceCharges(doc, true))),
    a('BR-CO-13', (el) => {
      const basis = amount(el, 'TaxBasisTotalAmount');
      const line = amount(el, 'LineTotalAmount');
      if (basis === undefined || line === undefined) return false;
      const allowance = amount(el, 'AllowanceTotalAmount');
      const charge = amount(el, 'ChargeTotalAmount');
      const hasAllowance = has(el, 'AllowanceTotalAmount');
      const hasCharge = has(el, 'ChargeTotalAmount');
      const equals = (v: Dec | undefined) => v !== undefined && basis.equals(round2(v));
      return (
        (allowance !== undefined && charge !== undefined && equals(line.minus(allowance).plus(charge))) ||
        (allowance !== undefined && !hasCharge && equals(line.minus(allowance))) ||
        (charge !== undefined && !hasAllowance && equals(line.plus(charge))) ||
        (!hasCharge && !hasAllowance && equals(line))
      );
    }),
    a('BR-CO-16', (el) => {
      const due = amount(el, 'DuePayableAmount');
      const grand = amount(el, 'GrandTotalAmount');
      if (due === undefined || grand === undefined) return false;
      const paid = amount(el, 'TotalPrepaidAmount');
      const rounding = amount(el, 'RoundingAmount');
      const paidSet = nonZero(first(el, 'TotalPrepaidAmount'));
      const roundingSet = nonZero(first(el, 'RoundingAmount'));
      return (
        (paid !== undefined && rounding !== undefined && due.equals(grand.minus(paid).plus(rounding))) ||
        (rounding !== undefined && !paidSet && due.equals(grand.plus(rounding))) ||
        (paid !== undefined && !roundingSet && due.equals(grand.minus(paid))) ||
        (!paidSet && !roundingSet && due.equals(grand))
      );
    }),
    a('BR-DEC-09', twoDecimals('LineTotalAmount')),
    a('BR-DEC-10', twoDecimals('AllowanceTotalAmount')),
    a('BR-DEC-11', twoDecimals('ChargeTotalAmount')),
    a('BR-DEC-12', twoDecimals('TaxBasisTotalAmount')),
    a('BR-DEC-14', twoDecimals('GrandTotalAmount')),
    a('BR-DEC-13', (el, doc) => taxTotalHasTwoDecimals(el, invoiceCurrency(doc).map(sv), true)),
    a('BR-DEC-15', (el, doc) => {
      const codes = taxCurrency(doc).map(sv);
      return codes.length === 0 || taxTotalHasTwoDecimals(el, codes, false);
    }),
    a('BR-DEC-16', twoDecimals('TotalPrepaidAmount')),
    a('BR-DEC-17', twoDecimals('RoundingAmount')),
    a('BR-DEC-18', twoDecimals('DuePayableAmount')),
  ]);
}

/** not(total) and no groups, or total = round(Σ ActualAmount) (BR-CO-11, BR-CO-12). */
function sumMatches(summation: El, totalName: string, groups: readonly El[]): boolean {
  if (groups.length === 0 && !has(summation, totalName)) return true;
  const sum = sumOf(all(groups, 'ActualAmount'));
  return sum !== undefined && kids(summation, totalName).some((t) => numOf(t)?.equals(round2(sum)) ?? false);
}

/**
 * BR-DEC-13 / BR-DEC-15: not(TaxTotalAmount) or some TaxTotalAmount[(in currency and . = round(.*100) div 100)
 * or not in currency]. For BR-DEC-15 the "otherwise" branch is "no tax currency", handled by the caller.
 */
function taxTotalHasTwoDecimals(summation: El, codes: string[], otherCurrenciesPass: boolean): boolean {
  const totals = kids(summation, 'TaxTotalAmount');
  if (totals.length === 0) return true;
  return totals.some((t) => {
    const inCurrency = codes.includes(attr(t, 'currencyID') ?? '\u0000');
    if (!inCurrency) return otherCurrenciesPass;
    const v = numOf(t);
    return v?.equals(round2(v));
  });
}

/** Document level allowance (charge=false) or charge (true): context is the ChargeIndicator. */
function documentAllowanceChargeRule(charge: boolean): Rule {
  const [amountId, categoryId, reasonId, sameTypeId, reasonOrCodeId, decAmount, decBase] = charge
    ? ['BR-36', 'BR-37', 'BR-38', 'BR-CO-06', 'BR-CO-22', 'BR-DEC-05', 'BR-DEC-06']
    : ['BR-31', 'BR-32', 'BR-33', 'BR-CO-05', 'BR-CO-21', 'BR-DEC-01', 'BR-DEC-02'];
  const reason = (el: El) => has(el.parent, 'Reason') || has(el.parent, 'ReasonCode');
  return rule(
    ['ChargeIndicator'],
    (el) =>
      parents(el, 'SpecifiedTradeAllowanceCharge', 'ApplicableHeaderTradeSettlement') &&
      kids(el, 'Indicator').some((i) => sv(i) === String(charge)),
    [
      a(amountId, (el) => has(el.parent, 'ActualAmount')),
      a(categoryId, (el) =>
        kids(el.parent, 'CategoryTradeTax').some((t) => typeIsVat(t) && has(t, 'CategoryCode')),
      ),
      a(reasonId, reason),
      a(sameTypeId, () => true),
      a(reasonOrCodeId, reason),
      a(decAmount, (el) => atMostTwoDecimals(sv(first(el.parent, 'ActualAmount')))),
      a(decBase, (el) => atMostTwoDecimals(sv(first(el.parent, 'BasisAmount')))),
    ],
  );
}

/** Invoice line (BG-25): BR-21..28, BR-64, BR-CO-04, BR-CO-18, BR-DEC-23. */
function invoiceLineRule(): Rule {
  const netPrice = 'SpecifiedLineTradeAgreement/NetPriceProductTradePrice/ChargeAmount';
  const grossPrice = 'SpecifiedLineTradeAgreement/GrossPriceProductTradePrice/ChargeAmount';
  const lineNet =
    'SpecifiedLineTradeSettlement/SpecifiedTradeSettlementLineMonetarySummation/LineTotalAmount';
  const notNegative = (els: El[]) => els.some((e) => numOf(e)?.gte(0) ?? false);
  return rule(['IncludedSupplyChainTradeLineItem'], undefined, [
    a('BR-21', (el) => filled(el, 'AssociatedDocumentLineDocument/LineID')),
    a('BR-22', exists('SpecifiedLineTradeDelivery/BilledQuantity')),
    a('BR-23', (el) =>
      all(el, 'SpecifiedLineTradeDelivery/BilledQuantity').some((q) => attr(q, 'unitCode') !== undefined),
    ),
    a('BR-24', exists(lineNet)),
    a('BR-25', (el) => filled(el, 'SpecifiedTradeProduct/Name')),
    a('BR-26', exists(netPrice)),
    a('BR-27', (el) => notNegative(all(el, netPrice))),
    a('BR-28', (el) => !has(el, grossPrice) || notNegative(all(el, grossPrice))),
    a(
      'BR-64',
      (el) =>
        !has(el, 'SpecifiedTradeProduct/GlobalID') ||
        nsp(attr(first(el, 'SpecifiedTradeProduct/GlobalID'), 'schemeID')) !== '',
    ),
    a('BR-CO-04', (el) =>
      all(el, 'SpecifiedLineTradeSettlement/ApplicableTradeTax').some(
        (t) => typeIsVat(t) && has(t, 'CategoryCode'),
      ),
    ),
    a('BR-CO-18', (_, doc) => breakdowns(doc).length > 0),
    a('BR-DEC-23', twoDecimals(lineNet)),
  ]);
}

/** //rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax */
const breakdowns = (doc: Doc) =>
  memo(doc, 'cii.breakdowns', () =>
    named(doc, 'ApplicableTradeTax').filter((t) => parents(t, 'ApplicableHeaderTradeSettlement', TX)),
  );

/** Invoice line allowance (charge=false) or charge: context is the ChargeIndicator. */
function lineAllowanceChargeRule(charge: boolean): Rule {
  const [amountId, reasonId, sameTypeId, reasonOrCodeId, decAmount, decBase] = charge
    ? ['BR-43', 'BR-44', 'BR-CO-08', 'BR-CO-24', 'BR-DEC-27', 'BR-DEC-28']
    : ['BR-41', 'BR-42', 'BR-CO-07', 'BR-CO-23', 'BR-DEC-24', 'BR-DEC-25'];
  const reason = (el: El) => has(el.parent, 'Reason') || has(el.parent, 'ReasonCode');
  return rule(
    ['ChargeIndicator'],
    (el) =>
      parents(el, 'SpecifiedTradeAllowanceCharge', 'SpecifiedLineTradeSettlement') &&
      kids(el, 'Indicator').some((i) => sv(i) === String(charge)),
    [
      a(amountId, (el) => has(el.parent, 'ActualAmount')),
      a(reasonId, reason),
      a(sameTypeId, () => true),
      a(reasonOrCodeId, reason),
      a(decAmount, (el) => atMostTwoDecimals(sv(first(el.parent, 'ActualAmount')))),
      a(decBase, (el) => atMostTwoDecimals(sv(first(el.parent, 'BasisAmount')))),
    ],
  );
}

/** Invoicing period (BG-14) or line period (BG-26): end >= start as format-102 strings. */
function periodRule(parent: string, orderId: string, filledId: string): Rule {
  const dates = (el: El, name: string) =>
    all(el, `${name}/DateTimeString`)
      .filter((d) => attr(d, 'format') === '102')
      .map(sv);
  return rule(['BillingSpecifiedPeriod'], (el) => el.parent?.name === parent, [
    a(orderId, (el) => {
      if (!has(el, 'EndDateTime') || !has(el, 'StartDateTime')) return true;
      const starts = dates(el, 'StartDateTime');
      return dates(el, 'EndDateTime').some((end) => starts.some((start) => end >= start));
    }),
    a(filledId, (el) => has(el, 'StartDateTime') || has(el, 'EndDateTime')),
  ]);
}

/** The rules on parties, payments and references (BR-17..20, BR-49..57, BR-CO-09/14/26/27). */
function partyAndPaymentRules(): Rule[] {
  const sellerOfPayee = (payee: El) =>
    all(payee.parent?.parent, 'ApplicableHeaderTradeAgreement/SellerTradeParty');
  const anyEqual = (left: El[], right: El[]) => left.some((l) => right.some((r) => sv(l) === sv(r)));
  return [
    rule(['DesignatedProductClassification'], undefined, [
      a('BR-65', (el) => !has(el, 'ClassCode') || nsp(attr(first(el, 'ClassCode'), 'listID')) !== ''),
    ]),
    rule(['AdditionalReferencedDocument'], undefined, [a('BR-52', (el) => filled(el, 'IssuerAssignedID'))]),
    rule(['ApplicableTradeSettlementFinancialCard'], undefined, [
      a('BR-51', (el) => sv(first(el, 'ID')).length <= 10),
    ]),
    rule(
      ['PayeePartyCreditorFinancialAccount'],
      (el) =>
        el.parent?.name === 'SpecifiedTradeSettlementPaymentMeans' &&
        kids(el.parent, 'TypeCode').some((t) => sv(t) === '30' || sv(t) === '58'),
      [
        a('BR-50', (el) => has(el, 'IBANID') || has(el, 'ProprietaryID')),
        a('BR-61', (el) => has(el, 'IBANID') || has(el, 'ProprietaryID')),
      ],
    ),
    rule(['ApplicableHeaderTradeDelivery'], (el) => rooted(el, 'CrossIndustryInvoice', TX), [
      a('BR-57', (el) => {
        const addresses = all(el, 'ShipToTradeParty/PostalTradeAddress');
        return addresses.length === 0 || filled(el, 'ShipToTradeParty/PostalTradeAddress/CountryID');
      }),
    ]),
    rule(['PayeeTradeParty'], undefined, [
      a('BR-17', (el) => {
        const seller = sellerOfPayee(el);
        return (
          has(el, 'Name') &&
          !anyEqual(kids(el, 'Name'), all(seller, 'Name')) &&
          !anyEqual(kids(el, 'ID'), all(seller, 'ID')) &&
          !anyEqual(all(el, 'SpecifiedLegalOrganization/ID'), all(seller, 'SpecifiedLegalOrganization/ID'))
        );
      }),
    ]),
    // BR-CO-27 (IBAN or proprietary id) was withdrawn from the artefacts in v1.3.16.
    rule(['SpecifiedTradeSettlementPaymentMeans'], undefined, [a('BR-49', exists('TypeCode'))]),
    rule(
      ['InvoiceReferencedDocument'],
      (el) => rooted(el, 'CrossIndustryInvoice', TX, 'ApplicableHeaderTradeSettlement'),
      [a('BR-55', (el) => filled(el, 'IssuerAssignedID'))],
    ),
    rule(['SellerTradeParty'], undefined, [
      a(
        'BR-CO-26',
        (el) =>
          has(el, 'ID') ||
          has(el, 'GlobalID') ||
          has(el, 'SpecifiedLegalOrganization/ID') ||
          taxIds([el], ['VA']).length > 0,
      ),
    ]),
    rule(['SellerTaxRepresentativeTradeParty'], undefined, [
      a('BR-18', exists('Name')),
      a('BR-19', exists('PostalTradeAddress')),
      a('BR-20', exists('PostalTradeAddress/CountryID')),
      a('BR-56', (el) => nsp(sv(taxIds([el], ['VA'])[0])) !== ''),
    ]),
    rule(
      ['TaxTotalAmount'],
      (el, doc) =>
        el.parent?.name === 'SpecifiedTradeSettlementHeaderMonetarySummation' &&
        invoiceCurrency(doc).some((c) => sv(c) === attr(el, 'currencyID')),
      [
        a('BR-CO-14', (el, doc) => {
          const sum = sumOf(all(settlements(doc), 'ApplicableTradeTax/CalculatedAmount'));
          return sum !== undefined && (numOf(el)?.equals(round2(sum)) ?? false);
        }),
      ],
    ),
    rule(['ID'], (el) => el.parent?.name === 'SpecifiedTaxRegistration' && attr(el, 'schemeID') === 'VA', [
      a('BR-CO-09', (el) => VAT_PREFIXES_CII.has(sv(el).slice(0, 2))),
    ]),
  ];
}

// ---- VAT category rules (BR-S/Z/E/AE/IC/G/O/AF/AG) ----

/** Context of the breakdown rule: the CategoryCode (S, Z, E, AE, K, G) or the ApplicableTradeTax (O, L, M). */
function categoryBreakdownRule(category: VatCategory): Rule {
  const p = `BR-${category.ciiPrefix}`;
  const code = category.code;
  const onTradeTax = code === 'O' || code === 'L' || code === 'M';
  const breakdownOf = (el: El) => (onTradeTax ? el : el.parent!);
  const reason = (el: El) =>
    has(breakdownOf(el), 'ExemptionReason') || has(breakdownOf(el), 'ExemptionReasonCode');
  const noReason = (el: El) => !reason(el);
  const calculatedZero = (el: El) =>
    kids(breakdownOf(el), 'CalculatedAmount').some((c) => numOf(c)?.isZero() ?? false);

  // Contexts: L, M, O on the breakdown itself; S and Z on its CategoryCode without a TypeCode
  // predicate; E, AE, K, G on the CategoryCode under a transaction, with TypeCode VAT.
  const where = onTradeTax
    ? (el: El) =>
        parents(el, 'ApplicableHeaderTradeSettlement', TX) &&
        kids(el, 'CategoryCode').some((c) => isCode(c, code)) &&
        typeIsVat(el)
    : code === 'S' || code === 'Z'
      ? (el: El) => parents(el, 'ApplicableTradeTax', 'ApplicableHeaderTradeSettlement') && isCode(el, code)
      : (el: El) =>
          parents(el, 'ApplicableTradeTax', 'ApplicableHeaderTradeSettlement', TX) &&
          isCode(el, code) &&
          typeIsVat(el.parent!);
  const names = onTradeTax ? ['ApplicableTradeTax'] : ['CategoryCode'];

  switch (code) {
    case 'S':
      return rule(names, where, [
        a(`${p}-08`, (el, doc) => {
          const breakdown = el.parent!;
          return kids(breakdown, 'RateApplicablePercent').every((rateEl) => {
            const rate = decOf(rateEl);
            const total = rate === undefined ? undefined : categoryTotal(doc, code, rate);
            return (
              total !== undefined &&
              kids(breakdown, 'BasisAmount').some((b) => numOf(b)?.equals(total) ?? false)
            );
          });
        }),
        a(`${p}-09`, (el) => {
          const breakdown = el.parent!;
          const calculated = decOf(first(breakdown, 'CalculatedAmount'))?.abs();
          const basis = decOf(first(breakdown, 'BasisAmount'))?.abs();
          const rate = numOf(first(breakdown, 'RateApplicablePercent'));
          if (calculated === undefined || basis === undefined || rate === undefined) return false;
          const expected = xround(basis.times(rate)).div(100);
          return calculated.minus(1).lt(expected) && calculated.plus(1).gt(expected);
        }),
        a(`${p}-10`, noReason),
      ]);
    case 'L':
    case 'M':
      // The CEN test reads ../ram:RateApplicablePercent from the breakdown's parent, which has none,
      // so -08 always holds; -09 is a duplicate of BR-CO-17 and is written true().
      return rule(names, where, [a(`${p}-08`, () => true), a(`${p}-09`, () => true), a(`${p}-10`, noReason)]);
    case 'O':
      return rule(names, where, [
        a(`${p}-08`, (el, doc) => {
          const lines = sumOf(lineNetAmounts(doc, code), decOf);
          const charges = sumOf(allowanceChargeAmounts(doc, code, true), decOf);
          const allowances = sumOf(allowanceChargeAmounts(doc, code, false), decOf);
          if (!lines || !charges || !allowances) return false;
          const total = round2(lines).plus(round2(charges)).minus(round2(allowances));
          return kids(el, 'BasisAmount').some((b) => numOf(b)?.equals(total) ?? false);
        }),
        a(`${p}-09`, calculatedZero),
        a(`${p}-10`, reason),
        a(`${p}-11`, (_, doc) => !named(doc, 'ApplicableTradeTax').some(notOnlyO)),
        a(`${p}-12`, (_, doc) => !named(doc, 'ApplicableTradeTax').some(notOnlyO)),
        a(`${p}-13`, (_, doc) => !named(doc, 'CategoryTradeTax').some(notOnlyO)),
        a(`${p}-14`, (_, doc) => !named(doc, 'CategoryTradeTax').some(notOnlyO)),
      ]);
    default: {
      const asserts = [
        a(`${p}-08`, (el, doc) => basisNearTotal(el.parent, doc, code)),
        a(`${p}-09`, calculatedZero),
        a(`${p}-10`, category.exemptionReason ? reason : noReason),
      ];
      if (code === 'K') {
        asserts.push(
          a('BR-IC-11', (el, doc) => {
            const delivered = all(
              transactions(doc),
              'ApplicableHeaderTradeDelivery/ActualDeliverySupplyChainEvent/OccurrenceDateTime/DateTimeString',
            );
            const period = all(el.parent?.parent, 'BillingSpecifiedPeriod');
            return delivered.length > 0 || has(period, 'StartDateTime') || has(period, 'EndDateTime');
          }),
          a('BR-IC-12', (_, doc) =>
            has(
              transactions(doc),
              'ApplicableHeaderTradeDelivery/ShipToTradeParty/PostalTradeAddress/CountryID',
            ),
          ),
        );
      }
      return rule(names, where, asserts);
    }
  }
}

/** [ram:CategoryCode != 'O'] — some CategoryCode child other than 'O'. */
const notOnlyO = (tax: El): boolean => kids(tax, 'CategoryCode').some((c) => sv(c) !== 'O');

/** The party requirement of -02/-03/-04 for the category. */
function partyRequirement(category: VatCategory): (doc: Doc) => boolean {
  switch (category.code) {
    case 'AE':
      return (doc) =>
        anySellerVat(doc, ['VA', 'FC']) &&
        (anyBuyerVat(doc) || has(named(doc, 'BuyerTradeParty'), 'SpecifiedLegalOrganization/ID'));
    case 'K':
      return (doc) => anySellerVat(doc, ['VA']) && anyBuyerVat(doc);
    case 'G':
      return (doc) => anySellerVat(doc, ['VA']);
    case 'O':
      // The CEN test also names /ram:BuyerTradeParty, a path that never matches, so only seller and representative count.
      return (doc) => {
        const agreement = agreements(doc);
        return (
          taxIds(all(agreement, 'SellerTradeParty'), ['VA']).length === 0 &&
          taxIds(all(agreement, 'SellerTaxRepresentativeTradeParty'), ['VA']).length === 0
        );
      };
    default:
      return sellerTaxRegistered;
  }
}

/** The rate requirement of -05/-06/-07 for the category. */
function rateRequirement(category: VatCategory, level: 'line' | 'allowance'): (tax: El) => boolean {
  const rates = (tax: El) => kids(tax, 'RateApplicablePercent');
  switch (category.rate) {
    case 'none':
      return (tax) => rates(tax).length === 0;
    case 'zero':
      return (tax) => rates(tax).some((r) => numOf(r)?.isZero() ?? false);
    case 'positive':
      return (tax) => rates(tax).some((r) => numOf(r)?.gt(0) ?? false);
    case 'nonNegative':
      // IPSI: lines accept zero; document allowances and charges are written '> 0' in CII.
      return level === 'line'
        ? (tax) => rates(tax).some((r) => numOf(r)?.gte(0) ?? false)
        : (tax) => rates(tax).some((r) => numOf(r)?.gt(0) ?? false);
  }
}

/** Line (-02, -05), allowance (-03, -06) and charge (-04, -07) rules of a category. */
function categoryUsageRules(category: VatCategory): Rule[] {
  const p = `BR-${category.ciiPrefix}`;
  const code = category.code;
  const parties = partyRequirement(category);
  const matches = (tax: El) => kids(tax, 'CategoryCode').some((c) => isCode(c, code)) && typeIsVat(tax);
  const allowanceRule = (charge: boolean, partyId: string, rateId: string) =>
    rule(
      ['CategoryTradeTax'],
      (el) =>
        el.parent?.name === 'SpecifiedTradeAllowanceCharge' && indicatorIs(el.parent, charge) && matches(el),
      [a(partyId, (_, doc) => parties(doc)), a(rateId, rateRequirement(category, 'allowance'))],
    );
  const lineRule = rule(
    ['ApplicableTradeTax'],
    (el) =>
      parents(el, 'SpecifiedLineTradeSettlement', 'IncludedSupplyChainTradeLineItem', TX) && matches(el),
    [a(`${p}-02`, (_, doc) => parties(doc)), a(`${p}-05`, rateRequirement(category, 'line'))],
  );
  const allowance = allowanceRule(false, `${p}-03`, `${p}-06`);
  const charge = allowanceRule(true, `${p}-04`, `${p}-07`);
  // The schematron lists the line rule first for L, M and S, last for the others.
  return ['S', 'L', 'M'].includes(code) ? [lineRule, allowance, charge] : [allowance, charge, lineRule];
}

/** VAT breakdown (BG-23): BR-45..48, BR-CO-03, BR-CO-17, BR-DEC-19/20 — last rule of the pattern. */
function vatBreakdownRule(): Rule {
  // .[normalize-space(upper-case(ram:TypeCode)) = 'VAT']/xs:decimal(ram:RateApplicablePercent)
  const vatRate = (el: El) =>
    kids(el, 'TypeCode').some((t) => nsp(sv(t)).toUpperCase() === 'VAT')
      ? decOf(first(el, 'RateApplicablePercent'))
      : undefined;
  return rule(['ApplicableTradeTax'], (el) => el.parent?.name === 'ApplicableHeaderTradeSettlement', [
    a('BR-45', exists('BasisAmount')),
    a('BR-46', exists('CalculatedAmount')),
    a('BR-47', (el) => typeIsVat(el) && has(el, 'CategoryCode')),
    a(
      'BR-48',
      (el) =>
        typeIsVat(el) &&
        (has(el, 'RateApplicablePercent') || kids(el, 'CategoryCode').some((c) => sv(c) === 'O')),
    ),
    a(
      'BR-CO-03',
      (_, doc) => !(named(doc, 'TaxPointDate').length > 0 && named(doc, 'DueDateTypeCode').length > 0),
    ),
    a('BR-CO-17', (el) => {
      const rate = vatRate(el);
      const calculated = decOf(first(el, 'CalculatedAmount'));
      if (calculated === undefined) return false;
      if (rate === undefined) return xround(calculated).isZero();
      if (xround(rate).isZero()) return xround(calculated).isZero();
      const basis = decOf(first(el, 'BasisAmount'));
      if (basis === undefined) return false;
      const expected = round2(basis.abs().times(rate.div(100)));
      return calculated.abs().minus(1).lte(expected) && calculated.abs().plus(1).gte(expected);
    }),
    a('BR-DEC-19', twoDecimals('BasisAmount')),
    a('BR-DEC-20', twoDecimals('CalculatedAmount')),
  ]);
}

const PARTY_AND_PAYMENT = partyAndPaymentRules();

/** The model pattern, rules in the order of the CEN schematron (first match wins). */
export const CII_MODEL: Pattern = {
  id: 'EN16931-CII-Model',
  rules: [
    ...PARTY_AND_PAYMENT.slice(0, 5),
    documentAllowanceChargeRule(false),
    documentAllowanceChargeRule(true),
    totalsRule(),
    invoiceRule(),
    invoiceLineRule(),
    lineAllowanceChargeRule(false),
    lineAllowanceChargeRule(true),
    periodRule('SpecifiedLineTradeSettlement', 'BR-30', 'BR-CO-20'),
    periodRule('ApplicableHeaderTradeSettlement', 'BR-29', 'BR-CO-19'),
    rule(['ApplicableProductCharacteristic'], undefined, [
      a('BR-54', (el) => has(el, 'Description') && has(el, 'Value')),
    ]),
    ...PARTY_AND_PAYMENT.slice(5),
    ...['AE', 'L', 'M', 'E', 'G', 'K', 'O', 'S', 'Z'].flatMap((code) => {
      const category = VAT_CATEGORIES.find((c) => c.code === code)!;
      return [categoryBreakdownRule(category), ...categoryUsageRules(category)];
    }),
    vatBreakdownRule(),
  ],
};
