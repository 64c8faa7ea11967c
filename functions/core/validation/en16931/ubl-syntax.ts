import { type Assert, type Doc, named, type Pattern, type Rule } from './engine';
import { all, atMostTwoDecimals, attr, booleanOf, count, type El, has, kids, NS, sv } from './xpath';

/**
 * The fatal syntax-binding rules of UBL 2.1 (pattern "UBL-syntax" of the CEN artefacts,
 * v1.3.16): the UBL-SR cardinalities, the UBL-DT data-type rules and the two fatal UBL-CR
 * restrictions. The advisory UBL-CR "should not include" rules are not evaluated.
 */

const a = (id: string, test: Assert['test']): Assert => ({ id, test });
const rule = (names: Rule['names'], where: Rule['where'], asserts: Assert[]): Rule => ({
  names,
  where,
  asserts,
});
const atMostOnce = (id: string, path: string) => a(id, (el) => count(el, path) <= 1);

const isDocumentRoot = (el: El | undefined) =>
  el !== undefined && !el.parent && (el.ns === NS.ubl || el.ns === NS.cn);
const chargeIs = (ac: El, charge: boolean) =>
  kids(ac, 'ChargeIndicator').some((i) => booleanOf(sv(i)) === charge);
const _isLine = (el: El | undefined) => el?.name === 'InvoiceLine' || el?.name === 'CreditNoteLine';

/** cac:AdditionalDocumentReference[cbc:DocumentTypeCode = code] */
const typed = (ref: El, code: string) => kids(ref, 'DocumentTypeCode').some((c) => sv(c) === code);

/** Number of distinct string values, the '[not(preceding::x/. = .)]' idiom of UBL-SR-44/47. */
const distinct = (els: El[]) => new Set(els.map(sv)).size;

/** (PartyName/Name) != (../AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName): some pair differs. */
function payeeDiffers(payee: El): boolean {
  const names = all(payee, 'PartyName/Name');
  const seller = all(payee.parent, 'AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName');
  return names.some((n) => seller.some((s) => sv(n) !== sv(s)));
}

/** A PartyTaxScheme's CompanyIDs, split by whether its tax scheme is VAT. */
function taxSchemeIds(party: readonly El[], vat: boolean): number {
  return all(party, 'PartyTaxScheme')
    .filter((scheme) => {
      const ids = kids(scheme, 'TaxScheme').map((t) => sv(kids(t, 'ID')[0]).toUpperCase());
      return ids.some((id) => (vat ? id === 'VAT' : id !== 'VAT'));
    })
    .reduce((n, scheme) => n + kids(scheme, 'CompanyID').length, 0);
}

export const UBL_SYNTAX: Pattern = {
  id: 'UBL-syntax',
  rules: [
    rule(['PostalAddress', 'Address'], undefined, [a('UBL-SR-51', (el) => count(el, 'AddressLine') <= 1)]),
    rule(['Party'], (el) => el.parent?.name === 'AccountingSupplierParty', [
      a('UBL-SR-42', (el) => count(el, 'PartyTaxScheme') <= 2),
    ]),
    rule(['AdditionalDocumentReference'], undefined, [
      atMostOnce('UBL-SR-33', 'DocumentDescription'),
      a('UBL-SR-43', (el, doc) => {
        const creditNote = doc.root.name === 'CreditNote';
        const scheme = kids(el, 'ID').some((id) => attr(id, 'schemeID') !== undefined);
        return (
          typed(el, '130') || (creditNote && typed(el, '50')) || (!scheme && !has(el, 'DocumentTypeCode'))
        );
      }),
    ]),
    rule(
      '*',
      (el) =>
        el.name.endsWith('Amount') && !el.name.endsWith('PriceAmount') && !ancestorPriceWithAllowance(el),
      [a('UBL-DT-01', (el) => atMostTwoDecimals(sv(el)))],
    ),
    rule('*', (el) => el.name.endsWith('BinaryObject'), [
      a('UBL-DT-06', (el) => attr(el, 'mimeCode') !== undefined),
      a('UBL-DT-07', (el) => attr(el, 'filename') !== undefined),
    ]),
    rule(['Delivery'], undefined, [atMostOnce('UBL-SR-25', 'DeliveryParty/PartyName/Name')]),
    rule(['AllowanceCharge'], (el) => chargeIs(el, false), [
      atMostOnce('UBL-SR-30', 'AllowanceChargeReason'),
    ]),
    rule(['AllowanceCharge'], (el) => chargeIs(el, true), [atMostOnce('UBL-SR-31', 'AllowanceChargeReason')]),
    rule(['PartyTaxScheme'], undefined, [
      a('UBL-SR-53', (el) => has(el, 'TaxScheme/ID') && has(el, 'CompanyID')),
    ]),
    rule(['Invoice', 'CreditNote'], (el) => isDocumentRoot(el), documentAsserts()),
    rule(['InvoiceLine', 'CreditNoteLine'], undefined, [
      atMostOnce('UBL-SR-34', 'Note'),
      atMostOnce('UBL-SR-35', 'OrderLineReference/LineID'),
      atMostOnce('UBL-SR-36', 'InvoicePeriod'),
      atMostOnce('UBL-SR-37', 'Price/AllowanceCharge/Amount'),
      a('UBL-SR-48', (el) => count(el, 'Item/ClassifiedTaxCategory') === 1),
      atMostOnce('UBL-SR-50', 'Item/Description'),
      atMostOnce('UBL-SR-52', 'DocumentReference'),
    ]),
    rule(['PayeeParty'], undefined, [
      a('UBL-SR-19', (el) => count(el, 'PartyName/Name') <= 1 && payeeDiffers(el)),
      a(
        'UBL-SR-20',
        (el) =>
          all(el, 'PartyIdentification/ID').filter(
            (id) => (attr(id, 'schemeID') ?? '').toUpperCase() !== 'SEPA',
          ).length <= 1 && payeeDiffers(el),
      ),
      a('UBL-SR-21', (el) => count(el, 'PartyLegalEntity/CompanyID') <= 1 && payeeDiffers(el)),
    ]),
    rule(['PaymentMeans'], undefined, [
      atMostOnce('UBL-SR-26', 'PaymentID'),
      atMostOnce('UBL-SR-27', 'PaymentMeansCode'),
      atMostOnce('UBL-SR-28', 'PaymentMandate/ID'),
    ]),
    rule(['BillingReference'], undefined, [
      atMostOnce('UBL-SR-06', 'InvoiceDocumentReference'),
      a('UBL-SR-07', (el) => has(el, 'InvoiceDocumentReference/ID')),
    ]),
    rule(['TaxRepresentativeParty'], undefined, [
      // As written: cac:Party/cac:PartyName/cbc:Name below the representative (which has no cac:Party).
      atMostOnce('UBL-SR-22', 'Party/PartyName/Name'),
      atMostOnce('UBL-SR-23', 'Party/PartyTaxScheme/CompanyID'),
    ]),
    rule(['TaxSubtotal'], undefined, [atMostOnce('UBL-SR-32', 'TaxCategory/TaxExemptionReason')]),
  ],
};

/** ancestor::cac:Price/cac:AllowanceCharge — some ancestor Price has an AllowanceCharge child. */
function ancestorPriceWithAllowance(el: El): boolean {
  for (let p = el.parent; p; p = p.parent)
    if (p.name === 'Price' && kids(p, 'AllowanceCharge').length > 0) return true;
  return false;
}

/** The rules on the document element: UBL-SR-01..56 counts and UBL-CR-666/673. */
function documentAsserts(): Assert[] {
  const supplier = (el: El) => all(el, 'AccountingSupplierParty/Party');
  const customer = (el: El) => all(el, 'AccountingCustomerParty/Party');
  const objectReferences = (doc: Doc) =>
    named(doc, 'AdditionalDocumentReference').filter((r) => typed(r, '130'));
  return [
    a('UBL-CR-666', (_, doc) => !objectReferences(doc).some((r) => has(r, 'Attachment'))),
    a('UBL-CR-673', (_, doc) => !objectReferences(doc).some((r) => has(r, 'DocumentDescription'))),
    atMostOnce('UBL-SR-01', 'ContractDocumentReference/ID'),
    atMostOnce('UBL-SR-02', 'ReceiptDocumentReference/ID'),
    atMostOnce('UBL-SR-03', 'DespatchDocumentReference/ID'),
    a(
      'UBL-SR-04',
      (el) =>
        count(
          kids(el, 'AdditionalDocumentReference').filter((r) => typed(r, '130')),
          'ID',
        ) <= 1,
    ),
    atMostOnce('UBL-SR-05', 'PaymentTerms/Note'),
    atMostOnce('UBL-SR-08', 'InvoicePeriod'),
    atMostOnce('UBL-SR-09', 'AccountingSupplierParty/Party/PartyLegalEntity/RegistrationName'),
    atMostOnce('UBL-SR-10', 'AccountingSupplierParty/Party/PartyName/Name'),
    atMostOnce('UBL-SR-11', 'AccountingSupplierParty/Party/PartyLegalEntity/CompanyID'),
    a('UBL-SR-12', (el) => taxSchemeIds(supplier(el), true) <= 1),
    a('UBL-SR-13', (el) => taxSchemeIds(supplier(el), false) <= 1),
    atMostOnce('UBL-SR-14', 'AccountingSupplierParty/Party/PartyLegalEntity/CompanyLegalForm'),
    atMostOnce('UBL-SR-15', 'AccountingCustomerParty/Party/PartyLegalEntity/RegistrationName'),
    atMostOnce('UBL-SR-16', 'AccountingCustomerParty/Party/PartyIdentification/ID'),
    atMostOnce('UBL-SR-17', 'AccountingCustomerParty/Party/PartyLegalEntity/CompanyID'),
    a('UBL-SR-18', (el) => taxSchemeIds(customer(el), true) <= 1),
    atMostOnce('UBL-SR-24', 'Delivery'),
    a(
      'UBL-SR-29',
      (_, doc) =>
        all(named(doc, 'PartyIdentification'), 'ID').filter(
          (id) => (attr(id, 'schemeID') ?? '').toUpperCase() === 'SEPA',
        ).length <= 1,
    ),
    atMostOnce('UBL-SR-39', 'ProjectReference/ID'),
    atMostOnce('UBL-SR-40', 'AccountingCustomerParty/Party/PartyName/Name'),
    a('UBL-SR-44', (_, doc) => distinct(named(doc, 'PaymentID')) <= 1),
    atMostOnce('UBL-SR-45', 'PaymentMeans/PaymentDueDate'),
    a(
      'UBL-SR-46',
      (el) =>
        all(el, 'PaymentMeans/PaymentMeansCode').filter((c) => attr(c, 'name') !== undefined).length <= 1,
    ),
    a('UBL-SR-47', (_, doc) => distinct(named(doc, 'PaymentMeansCode')) <= 1),
    atMostOnce('UBL-SR-49', 'InvoicePeriod/DescriptionCode'),
    atMostOnce('UBL-SR-54', 'PaymentMeans/CardAccount'),
    atMostOnce('UBL-SR-55', 'PaymentMeans/PaymentMandate'),
    atMostOnce('UBL-SR-56', 'OriginatorDocumentReference/ID'),
  ];
}
