import {
  EAS,
  ISO_3166_CII,
  ISO_4217,
  ISO_6523_ICD,
  inList,
  MIME_CODES,
  UNECE_REC20_REC21,
  UNTDID_1001_CII,
  UNTDID_1153,
  UNTDID_2475,
  UNTDID_4451_CII,
  UNTDID_4461,
  UNTDID_5189,
  UNTDID_5305,
  UNTDID_7143,
  UNTDID_7161,
  VATEX,
} from './codelists';
import type { Assert, Pattern, Rule } from './engine';
import { attr, booleanOf, type El, hasAncestor, kids, NS, sv } from './xpath';

/**
 * The code-list rules bound to CII (pattern "EN16931-Codes"): each context names the element
 * (or attribute) holding a code, each assert checks it against one list. Contexts are relative
 * patterns, so they match wherever the element occurs; the first matching rule claims it.
 */

type Value = (el: El) => string | undefined;
const text: Value = (el) => sv(el);
const attribute =
  (name: string): Value =>
  (el) =>
    attr(el, name) ?? '';

function codeRule(
  names: string[],
  where: Rule['where'] | undefined,
  id: string,
  list: ReadonlySet<string>,
  value: Value,
): Rule {
  const assert: Assert = { id, test: (el) => inList(list, value(el)) };
  return { names, where, asserts: [assert], ns: NS.ram };
}

const hasAttr = (name: string) => (el: El) => attr(el, name) !== undefined;
const parentIs = (name: string) => (el: El) => el.parent?.name === name;
const allowanceReason = (charge: boolean) => (el: El) =>
  el.parent?.name === 'SpecifiedTradeAllowanceCharge' &&
  kids(el.parent, 'ChargeIndicator').some((ci) =>
    kids(ci, 'Indicator').some((i) => booleanOf(sv(i)) === charge),
  );

export const CII_CODES: Pattern = {
  id: 'EN16931-Codes',
  rules: [
    codeRule(
      ['TypeCode'],
      (el) => el.parent?.name === 'ExchangedDocument' && el.parent.ns === NS.rsm,
      'BR-CL-01',
      UNTDID_1001_CII,
      text,
    ),
    codeRule(['TaxTotalAmount'], hasAttr('currencyID'), 'BR-CL-03', ISO_4217, attribute('currencyID')),
    codeRule(['InvoiceCurrencyCode'], undefined, 'BR-CL-04', ISO_4217, text),
    codeRule(['TaxCurrencyCode'], undefined, 'BR-CL-05', ISO_4217, text),
    codeRule(['DueDateTypeCode'], undefined, 'BR-CL-06', UNTDID_2475, text),
    codeRule(['ReferenceTypeCode'], undefined, 'BR-CL-07', UNTDID_1153, text),
    codeRule(['SubjectCode'], undefined, 'BR-CL-08', UNTDID_4451_CII, text),
    codeRule(
      ['GlobalID'],
      (el) =>
        hasAttr('schemeID')(el) &&
        !hasAncestor(el, 'SpecifiedTradeProduct') &&
        !hasAncestor(el, 'ShipToTradeParty'),
      'BR-CL-10',
      ISO_6523_ICD,
      attribute('schemeID'),
    ),
    codeRule(
      ['ID'],
      (el) => hasAttr('schemeID')(el) && !hasAncestor(el, 'SpecifiedTaxRegistration'),
      'BR-CL-11',
      ISO_6523_ICD,
      attribute('schemeID'),
    ),
    codeRule(['ClassCode'], hasAttr('listID'), 'BR-CL-13', UNTDID_7143, attribute('listID')),
    codeRule(['CountryID'], undefined, 'BR-CL-14', ISO_3166_CII, text),
    codeRule(['ID'], parentIs('OriginTradeCountry'), 'BR-CL-15', ISO_3166_CII, text),
    codeRule(['TypeCode'], parentIs('SpecifiedTradeSettlementPaymentMeans'), 'BR-CL-16', UNTDID_4461, text),
    codeRule(['CategoryCode'], parentIs('CategoryTradeTax'), 'BR-CL-17', UNTDID_5305, text),
    codeRule(['CategoryCode'], parentIs('ApplicableTradeTax'), 'BR-CL-18', UNTDID_5305, text),
    codeRule(['ReasonCode'], allowanceReason(false), 'BR-CL-19', UNTDID_5189, text),
    codeRule(['ReasonCode'], allowanceReason(true), 'BR-CL-20', UNTDID_7161, text),
    codeRule(
      ['GlobalID'],
      (el) => hasAttr('schemeID')(el) && parentIs('SpecifiedTradeProduct')(el),
      'BR-CL-21',
      ISO_6523_ICD,
      attribute('schemeID'),
    ),
    codeRule(['ExemptionReasonCode'], undefined, 'BR-CL-22', VATEX, (el) => sv(el).toUpperCase()),
    codeRule(
      ['BasisQuantity', 'BilledQuantity'],
      hasAttr('unitCode'),
      'BR-CL-23',
      UNECE_REC20_REC21,
      attribute('unitCode'),
    ),
    // BR-CL-24 compares the raw attribute with each MIME type (no whitespace normalisation).
    {
      names: ['AttachmentBinaryObject'],
      where: hasAttr('mimeCode'),
      asserts: [{ id: 'BR-CL-24', test: (el) => MIME_CODES.has(attr(el, 'mimeCode') ?? '') }],
      ns: NS.ram,
    },
    codeRule(
      ['URIID'],
      (el) => hasAttr('schemeID')(el) && parentIs('URIUniversalCommunication')(el),
      'BR-CL-25',
      EAS,
      attribute('schemeID'),
    ),
    codeRule(
      ['GlobalID'],
      (el) =>
        hasAttr('schemeID')(el) &&
        el.parent?.name === 'ShipToTradeParty' &&
        el.parent.parent?.name === 'ApplicableHeaderTradeDelivery',
      'BR-CL-26',
      ISO_6523_ICD,
      attribute('schemeID'),
    ),
  ],
};
