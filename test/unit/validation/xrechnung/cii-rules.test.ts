import { describe, expect, it } from 'vitest';
import { CII_INVOICE, CIUS, EXTENSION, edit, firedRules, VALID_IBAN, validate } from './fixtures';

const SELLER_VAT_ID =
  '<ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE123456789</ram:ID></ram:SpecifiedTaxRegistration>';
const PAYMENT_TERMS = '<ram:Description>Zahlbar innerhalb von 30 Tagen.</ram:Description>';
const GROSS_BASIS =
  '<ram:ChargeAmount>60.00</ram:ChargeAmount><ram:BasisQuantity unitCode="H87">1</ram:BasisQuantity></ram:GrossPriceProductTradePrice>';
const asExtension = (xml: string) => edit(xml, `<ram:ID>${CIUS}</ram:ID>`, `<ram:ID>${EXTENSION}</ram:ID>`);

describe('XRechnung CII rules', () => {
  it('reports nothing for a complete XRechnung CII invoice', () => {
    expect(validate(CII_INVOICE)).toEqual([]);
  });

  it('flags BR-DE-15 with the rule path at the document element when BT-10 is missing', () => {
    // Prepare
    const xml = edit(CII_INVOICE, '<ram:BuyerReference>04011000-12345-03</ram:BuyerReference>', '');
    // Act
    const finding = validate(xml).find((f) => f.rule === 'BR-DE-15');
    // Assess
    expect(finding).toMatchObject({ severity: 'fatal', path: '/rsm:CrossIndustryInvoice' });
  });

  it('flags BR-DE-16 when the seller tax id uses a scheme other than VA or FC', () => {
    const xml = edit(CII_INVOICE, SELLER_VAT_ID, SELLER_VAT_ID.replace('"VA"', '"XX"'));
    expect(firedRules(xml)).toContain('BR-DE-16');
  });

  it('accepts a tax number with scheme FC for BR-DE-16', () => {
    const xml = edit(
      CII_INVOICE,
      SELLER_VAT_ID,
      SELLER_VAT_ID.replace('"VA"', '"FC"').replace('DE123456789', '123/456/789'),
    );
    expect(firedRules(xml)).not.toContain('BR-DE-16');
  });

  it('flags BR-DE-18 for a Skonto line with text after the closing #', () => {
    const xml = edit(
      CII_INVOICE,
      PAYMENT_TERMS,
      '<ram:Description>#SKONTO#TAGE=14#PROZENT=2.00# danke\n</ram:Description>',
    );
    expect(firedRules(xml)).toContain('BR-DE-18');
  });

  it('reads BR-DE-18 from the first description of every payment terms group', () => {
    // Prepare
    const second =
      '<ram:SpecifiedTradePaymentTerms><ram:Description>#SKONTO#TAGE=7#PROZENT=3.00#</ram:Description></ram:SpecifiedTradePaymentTerms>';
    const xml = edit(
      CII_INVOICE,
      '<ram:SpecifiedTradeSettlementHeaderMonetarySummation>',
      `${second}<ram:SpecifiedTradeSettlementHeaderMonetarySummation>`,
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).toContain('BR-DE-18');
  });

  it('flags BR-DE-30 and BR-DE-31 when only the mandate reference (BT-89) of BG-19 is present', () => {
    const xml = edit(
      CII_INVOICE,
      PAYMENT_TERMS,
      `${PAYMENT_TERMS}<ram:DirectDebitMandateID>M-1</ram:DirectDebitMandateID>`,
    );
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['BR-DE-23-b', 'BR-DE-30', 'BR-DE-31']));
  });

  it('warns BR-DE-20 for direct debit (59) with an invalid debited IBAN, and flags BR-DE-25-b for a payee account', () => {
    // Prepare
    const xml = edit(
      edit(
        CII_INVOICE,
        '<ram:TypeCode>58</ram:TypeCode>',
        '<ram:TypeCode>59</ram:TypeCode><ram:PayerPartyDebtorFinancialAccount><ram:IBANID>DE00123</ram:IBANID></ram:PayerPartyDebtorFinancialAccount>',
      ),
      PAYMENT_TERMS,
      `${PAYMENT_TERMS}<ram:DirectDebitMandateID>M-1</ram:DirectDebitMandateID>`,
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).toEqual(expect.arrayContaining(['BR-DE-20', 'BR-DE-25-b', 'BR-DE-30']));
    expect(rules).not.toContain('PEPPOL-EN16931-R061');
  });

  it('flags BR-TMP-3 when gross and net price base quantities differ', () => {
    const xml = edit(CII_INVOICE, GROSS_BASIS, GROSS_BASIS.replace('>1<', '>10<'));
    expect(firedRules(xml)).toContain('BR-TMP-3');
  });

  it('flags BR-TMP-3 when gross and net base quantity units differ, but not when only one has a unit', () => {
    const differentUnits = firedRules(edit(CII_INVOICE, GROSS_BASIS, GROSS_BASIS.replace('"H87"', '"C62"')));
    const oneUnit = firedRules(edit(CII_INVOICE, GROSS_BASIS, GROSS_BASIS.replace(' unitCode="H87"', '')));
    expect(differentUnits).toContain('BR-TMP-3');
    expect(oneUnit).not.toContain('BR-TMP-3');
  });

  it('flags PEPPOL-EN16931-R046 when the net price is not gross price minus discount', () => {
    const xml = edit(
      CII_INVOICE,
      '<ram:ChargeAmount>60.00</ram:ChargeAmount><ram:BasisQuantity unitCode="H87">1</ram:BasisQuantity></ram:GrossPriceProductTradePrice>',
      '<ram:ChargeAmount>70.00</ram:ChargeAmount><ram:BasisQuantity unitCode="H87">1</ram:BasisQuantity></ram:GrossPriceProductTradePrice>',
    );
    expect(firedRules(xml)).toContain('PEPPOL-EN16931-R046');
  });

  it('does not flag an empty ApplicableHeaderTradeDelivery as PEPPOL-EN16931-R008, but any other empty element', () => {
    // Prepare
    const emptyDelivery = CII_INVOICE.replace(
      /<ram:ApplicableHeaderTradeDelivery>[\s\S]*?<\/ram:ApplicableHeaderTradeDelivery>/,
      '<ram:ApplicableHeaderTradeDelivery/>',
    );
    const emptyName = edit(CII_INVOICE, '<ram:Name>Amt</ram:Name>', '<ram:Name> </ram:Name>');
    // Act
    const deliveryRules = firedRules(emptyDelivery);
    const nameRules = firedRules(emptyName);
    // Assess
    expect(deliveryRules).not.toContain('PEPPOL-EN16931-R008');
    expect(nameRules).toContain('PEPPOL-EN16931-R008');
  });

  it('flags PEPPOL-EN16931-R005 when the VAT accounting currency equals the invoice currency', () => {
    const xml = edit(
      CII_INVOICE,
      '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
      '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode><ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode>',
    );
    expect(firedRules(xml)).toContain('PEPPOL-EN16931-R005');
  });

  it('uses the HUF slack of 0.5 for PEPPOL-EN16931-R120', () => {
    // Prepare
    const off = edit(
      CII_INVOICE,
      '<ram:LineTotalAmount>120.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>',
      '<ram:LineTotalAmount>120.40</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>',
    );
    const inForints = edit(
      off,
      '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>',
      '<ram:InvoiceCurrencyCode>HUF</ram:InvoiceCurrencyCode>',
    );
    // Act
    const euro = firedRules(off);
    const forint = firedRules(inForints);
    // Assess
    expect(euro).toContain('PEPPOL-EN16931-R120');
    expect(forint).not.toContain('PEPPOL-EN16931-R120');
  });

  it('warns BR-DEX-15 when an extension invoice uses ParentLineID (sub lines are not supported in CII)', () => {
    const xml = asExtension(
      edit(
        CII_INVOICE,
        '<ram:LineID>1</ram:LineID>',
        '<ram:LineID>1</ram:LineID><ram:ParentLineID>0</ram:ParentLineID>',
      ),
    );
    expect(validate(xml).find((f) => f.rule === 'BR-DEX-15')?.severity).toBe('warning');
  });

  it('flags BR-DEX-01 for an attachment MIME code outside the extension list', () => {
    // Prepare
    const attachment =
      '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>A1</ram:IssuerAssignedID><ram:TypeCode>916</ram:TypeCode><ram:AttachmentBinaryObject mimeCode="application/zip" filename="a.zip">QUJD</ram:AttachmentBinaryObject></ram:AdditionalReferencedDocument>';
    const xml = asExtension(
      edit(CII_INVOICE, '</ram:BuyerTradeParty>', `</ram:BuyerTradeParty>${attachment}`),
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).toContain('BR-DEX-01');
  });

  it('warns BR-TMP-2 for an external document location without a URL scheme', () => {
    const reference =
      '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>A1</ram:IssuerAssignedID><ram:URIID>www.example.de/anhang</ram:URIID><ram:TypeCode>916</ram:TypeCode></ram:AdditionalReferencedDocument>';
    const xml = edit(CII_INVOICE, '</ram:BuyerTradeParty>', `</ram:BuyerTradeParty>${reference}`);
    expect(firedRules(xml)).toContain('BR-TMP-2');
  });

  it('warns BR-DE-19 for a SEPA transfer (58) with an IBAN of the wrong shape', () => {
    const xml = edit(CII_INVOICE, VALID_IBAN, '1234567890');
    expect(validate(xml).find((f) => f.rule === 'BR-DE-19')?.severity).toBe('warning');
  });
});
