import {
  EAS,
  ISO_3166_UBL,
  ISO_4217,
  ISO_6523_ICD,
  inList,
  MIME_CODES,
  UNECE_REC20_REC21,
  UNTDID_1001_UBL_CREDIT_NOTE,
  UNTDID_1001_UBL_INVOICE,
  UNTDID_1153,
  UNTDID_2005,
  UNTDID_4461,
  UNTDID_5189,
  UNTDID_5305,
  UNTDID_7143,
  UNTDID_7161,
  VATEX,
} from './codelists';
import type { Pattern, Rule } from './engine';
import { attr, booleanOf, type El, hasAncestor, kids, sv } from './xpath';

/**
 * The code-list rules bound to UBL (pattern "Codesmodel"): each context names the element (or
 * attribute) holding a code, each assert checks it against one list.
 */

type Value = (el: El) => string;
const text: Value = (el) => sv(el);
const attribute =
  (name: string): Value =>
  (el) =>
    attr(el, name) ?? '';
const hasAttr = (name: string) => (el: El) => attr(el, name) !== undefined;
const parentIs = (name: string) => (el: El) => el.parent?.name === name;

function codeRule(names: string[], where: Rule['where'], id: string, test: (el: El) => boolean): Rule {
  return { names, where, asserts: [{ id, test }] };
}
const listed = (list: ReadonlySet<string>, value: Value) => (el: El) => inList(list, value(el));

const allowanceReason = (charge: boolean) => (el: El) =>
  el.parent?.name === 'AllowanceCharge' &&
  kids(el.parent, 'ChargeIndicator').some((i) => booleanOf(sv(i)) === charge);
const objectIdentifier = (el: El) =>
  hasAttr('schemeID')(el) &&
  (el.parent?.name === 'AdditionalDocumentReference' || el.parent?.name === 'DocumentReference') &&
  kids(el.parent, 'DocumentTypeCode').some((c) => sv(c) === '130');

const AMOUNTS = [
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
];

export const UBL_CODES: Pattern = {
  id: 'Codesmodel',
  rules: [
    codeRule(['InvoiceTypeCode', 'CreditNoteTypeCode'], undefined, 'BR-CL-01', (el) =>
      inList(el.name === 'InvoiceTypeCode' ? UNTDID_1001_UBL_INVOICE : UNTDID_1001_UBL_CREDIT_NOTE, sv(el)),
    ),
    codeRule(AMOUNTS, undefined, 'BR-CL-03', listed(ISO_4217, attribute('currencyID'))),
    codeRule(['DocumentCurrencyCode'], undefined, 'BR-CL-04', listed(ISO_4217, text)),
    codeRule(['TaxCurrencyCode'], undefined, 'BR-CL-05', listed(ISO_4217, text)),
    codeRule(['DescriptionCode'], parentIs('InvoicePeriod'), 'BR-CL-06', listed(UNTDID_2005, text)),
    codeRule(['ID'], objectIdentifier, 'BR-CL-07', listed(UNTDID_1153, attribute('schemeID'))),
    codeRule(
      ['ID'],
      (el) => hasAttr('schemeID')(el) && parentIs('PartyIdentification')(el),
      'BR-CL-10',
      (el) => {
        if (inList(ISO_6523_ICD, attribute('schemeID')(el))) return true;
        // SEPA creditor identifiers are accepted for the seller and the payee.
        return (
          inList(new Set(['SEPA']), attribute('schemeID')(el)) &&
          (hasAncestor(el, 'AccountingSupplierParty') || hasAncestor(el, 'PayeeParty'))
        );
      },
    ),
    codeRule(
      ['CompanyID'],
      (el) => hasAttr('schemeID')(el) && parentIs('PartyLegalEntity')(el),
      'BR-CL-11',
      listed(ISO_6523_ICD, attribute('schemeID')),
    ),
    codeRule(
      ['ItemClassificationCode'],
      (el) => hasAttr('listID')(el) && parentIs('CommodityClassification')(el),
      'BR-CL-13',
      listed(UNTDID_7143, attribute('listID')),
    ),
    codeRule(['IdentificationCode'], parentIs('Country'), 'BR-CL-14', listed(ISO_3166_UBL, text)),
    codeRule(['IdentificationCode'], parentIs('OriginCountry'), 'BR-CL-15', listed(ISO_3166_UBL, text)),
    codeRule(['PaymentMeansCode'], parentIs('PaymentMeans'), 'BR-CL-16', listed(UNTDID_4461, text)),
    codeRule(['ID'], parentIs('TaxCategory'), 'BR-CL-17', listed(UNTDID_5305, text)),
    codeRule(['ID'], parentIs('ClassifiedTaxCategory'), 'BR-CL-18', listed(UNTDID_5305, text)),
    codeRule(['AllowanceChargeReasonCode'], allowanceReason(false), 'BR-CL-19', listed(UNTDID_5189, text)),
    codeRule(['AllowanceChargeReasonCode'], allowanceReason(true), 'BR-CL-20', listed(UNTDID_7161, text)),
    codeRule(
      ['ID'],
      (el) => hasAttr('schemeID')(el) && parentIs('StandardItemIdentification')(el),
      'BR-CL-21',
      listed(ISO_6523_ICD, attribute('schemeID')),
    ),
    codeRule(
      ['TaxExemptionReasonCode'],
      undefined,
      'BR-CL-22',
      listed(VATEX, (el) => sv(el).toUpperCase()),
    ),
    codeRule(
      ['InvoicedQuantity', 'BaseQuantity', 'CreditedQuantity'],
      hasAttr('unitCode'),
      'BR-CL-23',
      listed(UNECE_REC20_REC21, attribute('unitCode')),
    ),
    codeRule(['EmbeddedDocumentBinaryObject'], hasAttr('mimeCode'), 'BR-CL-24', (el) =>
      MIME_CODES.has(attribute('mimeCode')(el)),
    ),
    codeRule(['EndpointID'], hasAttr('schemeID'), 'BR-CL-25', listed(EAS, attribute('schemeID'))),
    codeRule(
      ['ID'],
      (el) => hasAttr('schemeID')(el) && parentIs('DeliveryLocation')(el),
      'BR-CL-26',
      listed(ISO_6523_ICD, attribute('schemeID')),
    ),
  ],
};
