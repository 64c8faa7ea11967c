import { describe, expect, it } from 'vitest';
import { UnsupportedFormatError } from '../../../../functions/core/errors';
import { validateXRechnung } from '../../../../functions/core/validation/xrechnung';
import { parseXml } from '../../../../functions/core/xml/safe-xml';
import {
  asCreditNote,
  CVD,
  EXTENSION,
  edit,
  firedRules,
  UBL_INVOICE,
  VALID_IBAN,
  validate,
} from './fixtures';

const PAYMENT_MEANS = `<cac:PaymentMeans>
    <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
    <cac:PayeeFinancialAccount><cbc:ID>${VALID_IBAN}</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>`;
const PAYMENT_NOTE = '<cbc:Note>Zahlbar innerhalb von 30 Tagen.</cbc:Note>';
const withPaymentTerms = (note: string) => edit(UBL_INVOICE, PAYMENT_NOTE, `<cbc:Note>${note}</cbc:Note>`);

describe('XRechnung UBL rules', () => {
  it('reports nothing for a complete XRechnung invoice', () => {
    // Act
    const findings = validate(UBL_INVOICE);
    // Assess
    expect(findings).toEqual([]);
  });

  it('flags BR-DE-1 as fatal, with German text and path, when PAYMENT INSTRUCTIONS (BG-16) are missing', () => {
    // Prepare
    const xml = edit(UBL_INVOICE, PAYMENT_MEANS, '');
    // Act
    const finding = validate(xml).find((f) => f.rule === 'BR-DE-1');
    // Assess
    expect(finding).toMatchObject({ severity: 'fatal', path: '/ubl:Invoice' });
    expect(finding?.messageDe).toContain('BG-16');
  });

  it('flags BR-DE-15 when the buyer reference (Leitweg-ID, BT-10) is only blanks', () => {
    const xml = edit(UBL_INVOICE, '04011000-12345-03', '  \n ');
    expect(firedRules(xml)).toContain('BR-DE-15');
  });

  it('flags BR-DE-16 when category S is used without seller VAT id, tax number or representative', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cbc:CompanyID>DE123456789</cbc:CompanyID>',
      '<cbc:CompanyID> </cbc:CompanyID>',
    );
    expect(firedRules(xml)).toContain('BR-DE-16');
  });

  it('accepts a seller tax representative (BG-11) instead of a seller VAT id for BR-DE-16', () => {
    // Prepare
    const withoutVatId = edit(
      UBL_INVOICE,
      '<cbc:CompanyID>DE123456789</cbc:CompanyID>',
      '<cbc:CompanyID> </cbc:CompanyID>',
    );
    const xml = edit(
      withoutVatId,
      '<cac:Delivery>',
      '<cac:TaxRepresentativeParty><cac:PartyName><cbc:Name>Vertreter</cbc:Name></cac:PartyName></cac:TaxRepresentativeParty><cac:Delivery>',
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).not.toContain('BR-DE-16');
  });

  it('does not require a seller tax id (BR-DE-16) when only category O (not subject to VAT) is used', () => {
    const withoutVatId = edit(
      UBL_INVOICE,
      '<cbc:CompanyID>DE123456789</cbc:CompanyID>',
      '<cbc:CompanyID> </cbc:CompanyID>',
    );
    const xml = withoutVatId.replaceAll('<cbc:ID>S</cbc:ID>', '<cbc:ID>O</cbc:ID>');
    expect(firedRules(xml)).not.toContain('BR-DE-16');
  });

  it('warns BR-DE-17 for an invoice type code outside the XRechnung list', () => {
    const finding = validate(edit(UBL_INVOICE, '>380<', '>383<')).find((f) => f.rule === 'BR-DE-17');
    expect(finding?.severity).toBe('warning');
  });

  it('accepts well-formed Skonto lines among free text in payment terms (BR-DE-18)', () => {
    const xml = withPaymentTerms(
      'Bitte zahlen Sie\n#SKONTO#TAGE=14#PROZENT=2.00#\n#SKONTO#TAGE=7#PROZENT=3.00#BASISBETRAG=-5.53#\nDanke',
    );
    expect(firedRules(xml)).not.toContain('BR-DE-18');
  });

  it('flags BR-DE-18 when the last Skonto entry is not followed by a line break', () => {
    const xml = withPaymentTerms('#SKONTO#TAGE=14#PROZENT=2.00#');
    expect(firedRules(xml)).toContain('BR-DE-18');
  });

  it('flags BR-DE-18 for lower-case keywords, blanks inside, comma decimals or three decimals', () => {
    // Prepare
    const broken = [
      '#SKONTO#Tage=14#PROZENT=2.00#\n',
      '#SKONTO#TAGE = 14#PROZENT=2.00#\n',
      '#SKONTO#TAGE=14#PROZENT=2,00#\n',
      '#SKONTO#TAGE=14#PROZENT=2.000#\n',
      '#SKONTO#TAGE=14#PROZENT=2.00#BASISBETRAG=23#\n',
      '#VERZUG#TAGE=14#PROZENT=2.00#\n',
    ];
    // Act
    const verdicts = broken.map((note) => firedRules(withPaymentTerms(note)).includes('BR-DE-18'));
    // Assess
    expect(verdicts).toEqual([true, true, true, true, true, true]);
  });

  it('warns BR-DE-19 when the IBAN of a SEPA credit transfer has a wrong check sum, and accepts blanks inside', () => {
    const wrong = firedRules(edit(UBL_INVOICE, VALID_IBAN, 'DE75512108001245126198'));
    const spaced = firedRules(edit(UBL_INVOICE, VALID_IBAN, 'DE75 5121 0800 1245 1261 99'));
    expect(wrong).toContain('BR-DE-19');
    expect(spaced).not.toContain('BR-DE-19');
  });

  it('warns BR-DE-21 when the specification identifier (BT-24) is not XRechnung', () => {
    const xml = edit(
      UBL_INVOICE,
      'xrechnung_3.0</cbc:CustomizationID>',
      'xrechnung_2.3</cbc:CustomizationID>',
    );
    expect(firedRules(xml)).toContain('BR-DE-21');
  });

  it('flags BR-DE-22 when two attachments share a filename', () => {
    // Prepare
    const attachment = (id: string) =>
      `<cac:AdditionalDocumentReference><cbc:ID>${id}</cbc:ID><cac:Attachment><cbc:EmbeddedDocumentBinaryObject mimeCode="application/pdf" filename="anhang.pdf">QUJD</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>`;
    const xml = edit(
      UBL_INVOICE,
      '<cac:AccountingSupplierParty>',
      `${attachment('A1')}${attachment('A2')}<cac:AccountingSupplierParty>`,
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).toContain('BR-DE-22');
  });

  it('flags BR-DE-23-a and BR-DE-23-b when a credit transfer lacks its account but carries a card', () => {
    const xml = edit(
      UBL_INVOICE,
      `<cac:PayeeFinancialAccount><cbc:ID>${VALID_IBAN}</cbc:ID></cac:PayeeFinancialAccount>`,
      '<cac:CardAccount><cbc:PrimaryAccountNumberID>1234</cbc:PrimaryAccountNumberID><cbc:NetworkID>VISA</cbc:NetworkID></cac:CardAccount>',
    );
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['BR-DE-23-a', 'BR-DE-23-b']));
  });

  it('flags BR-DE-24-a and BR-DE-24-b when a card payment (code 48) has an account instead of a card', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>',
      '<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>',
    );
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['BR-DE-24-a', 'BR-DE-24-b']));
  });

  it('flags BR-DE-25-a, BR-DE-25-b and PEPPOL-EN16931-R061 for direct debit (59) without mandate', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>',
      '<cbc:PaymentMeansCode>59</cbc:PaymentMeansCode>',
    );
    expect(firedRules(xml)).toEqual(
      expect.arrayContaining(['BR-DE-25-a', 'BR-DE-25-b', 'PEPPOL-EN16931-R061']),
    );
  });

  it('flags BR-DE-30 and BR-DE-31 for a direct debit mandate without creditor id and debited account', () => {
    // Prepare
    const xml = edit(
      UBL_INVOICE,
      PAYMENT_MEANS,
      '<cac:PaymentMeans><cbc:PaymentMeansCode>59</cbc:PaymentMeansCode><cac:PaymentMandate><cbc:ID>M-1</cbc:ID></cac:PaymentMandate></cac:PaymentMeans>',
    );
    // Act
    const rules = firedRules(xml);
    // Assess
    expect(rules).toEqual(expect.arrayContaining(['BR-DE-30', 'BR-DE-31']));
    expect(rules).not.toContain('BR-DE-25-a');
  });

  it('warns BR-DE-27 for a telephone number with fewer than three digits and BR-DE-28 for an e-mail without a dotted domain', () => {
    const phone = firedRules(edit(UBL_INVOICE, '+49 30 1234567', 'a1b2'));
    const email = firedRules(edit(UBL_INVOICE, 'erika@lieferant.example', 'erika@lieferant'));
    expect(phone).toContain('BR-DE-27');
    expect(email).toContain('BR-DE-28');
  });

  it('flags the seller and buyer address rules BR-DE-3/4/8/9 when city and post code are missing', () => {
    const xml = UBL_INVOICE.replaceAll(
      /<cbc:CityName>\w+<\/cbc:CityName>|<cbc:PostalZone>\d+<\/cbc:PostalZone>/g,
      '',
    );
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['BR-DE-3', 'BR-DE-4', 'BR-DE-8', 'BR-DE-9']));
  });

  it('flags BR-DE-14 when a VAT breakdown has no rate (BT-119)', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cbc:ID>S</cbc:ID>\n        <cbc:Percent>19</cbc:Percent>',
      '<cbc:ID>S</cbc:ID>',
    );
    expect(firedRules(xml)).toContain('BR-DE-14');
  });

  it('reports BR-DE-TMP-32 as information when neither delivery date nor any period is given', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cac:Delivery><cbc:ActualDeliveryDate>2024-04-30</cbc:ActualDeliveryDate></cac:Delivery>',
      '',
    );
    expect(validate(xml).find((f) => f.rule === 'BR-DE-TMP-32')?.severity).toBe('information');
  });

  it('flags PEPPOL-EN16931-R008 for an empty element', () => {
    const xml = edit(
      UBL_INVOICE,
      '<cbc:IssueDate>2024-05-02</cbc:IssueDate>',
      '<cbc:IssueDate>2024-05-02</cbc:IssueDate><cbc:Note/>',
    );
    expect(validate(xml).find((f) => f.rule === 'PEPPOL-EN16931-R008')?.path).toBe('/ubl:Invoice/cbc:Note');
  });

  it('warns PEPPOL-EN16931-R120 when the line net amount differs from quantity x price by more than 0.02', () => {
    const off = firedRules(
      edit(
        UBL_INVOICE,
        '<cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>\n    <cac:Item>',
        '<cbc:LineExtensionAmount currencyID="EUR">100.03</cbc:LineExtensionAmount>\n    <cac:Item>',
      ),
    );
    const slack = firedRules(
      edit(
        UBL_INVOICE,
        '<cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>\n    <cac:Item>',
        '<cbc:LineExtensionAmount currencyID="EUR">100.02</cbc:LineExtensionAmount>\n    <cac:Item>',
      ),
    );
    expect(off).toContain('PEPPOL-EN16931-R120');
    expect(slack).not.toContain('PEPPOL-EN16931-R120');
  });

  it('flags PEPPOL-EN16931-R040 when an allowance is not base x percentage, and R041 when the base is missing', () => {
    // Prepare
    const allowance = (inner: string) =>
      edit(
        UBL_INVOICE,
        '<cac:TaxTotal>',
        `<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator><cbc:AllowanceChargeReason>Rabatt</cbc:AllowanceChargeReason>${inner}<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:AllowanceCharge><cac:TaxTotal>`,
      );
    // Act
    const wrongAmount = firedRules(
      allowance(
        '<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">9.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">100.00</cbc:BaseAmount>',
      ),
    );
    const noBase = firedRules(
      allowance(
        '<cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric><cbc:Amount currencyID="EUR">10.00</cbc:Amount>',
      ),
    );
    // Assess
    expect(wrongAmount).toContain('PEPPOL-EN16931-R040');
    expect(noBase).toEqual(expect.arrayContaining(['PEPPOL-EN16931-R041']));
    expect(noBase).not.toContain('PEPPOL-EN16931-R040');
  });

  it('flags PEPPOL-EN16931-R010 and R020 when buyer or seller electronic address is missing', () => {
    const xml = UBL_INVOICE.replaceAll(/<cbc:EndpointID[^>]*>[^<]*<\/cbc:EndpointID>/g, '');
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['PEPPOL-EN16931-R010', 'PEPPOL-EN16931-R020']));
  });

  it('applies the extension rules only when BT-24 names the XRechnung extension (BR-DEX-07)', () => {
    // Prepare
    const unknownScheme = edit(
      UBL_INVOICE,
      '<cbc:EndpointID schemeID="EM">rechnung',
      '<cbc:EndpointID schemeID="XX99">rechnung',
    );
    const asExtension = edit(
      unknownScheme,
      `<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>`,
      `<cbc:CustomizationID>${EXTENSION}</cbc:CustomizationID>`,
    );
    // Act
    const plain = firedRules(unknownScheme);
    const extension = firedRules(asExtension);
    // Assess
    expect(plain).not.toContain('BR-DEX-07');
    expect(extension).toContain('BR-DEX-07');
  });

  it('accepts the DiGA scheme XR01 in the extension (BR-DEX-07)', () => {
    const xml = edit(
      edit(UBL_INVOICE, '<cbc:EndpointID schemeID="EM">rechnung', '<cbc:EndpointID schemeID="XR01">rechnung'),
      `>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0<`,
      `>${EXTENSION}<`,
    );
    expect(firedRules(xml)).not.toContain('BR-DEX-07');
  });

  it('flags BR-DE-CVD-01, BR-DE-CVD-02 and BR-DE-CVD-03 for a CVD invoice without contract, tender and vehicle line', () => {
    const xml = edit(
      UBL_INVOICE,
      `>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0<`,
      `>${CVD}<`,
    );
    expect(firedRules(xml)).toEqual(expect.arrayContaining(['BR-DE-CVD-01', 'BR-DE-CVD-02', 'BR-DE-CVD-03']));
  });

  it('checks a credit note with the same rules (BR-DE-1 on cn:CreditNote)', () => {
    // Prepare
    const complete = asCreditNote(UBL_INVOICE);
    const creditNote = asCreditNote(edit(UBL_INVOICE, PAYMENT_MEANS, ''));
    // Act
    const rules = firedRules(creditNote);
    // Assess
    expect(firedRules(complete)).toEqual([]);
    expect(rules).toEqual(['BR-DE-1']);
  });

  it('throws UnsupportedFormatError for a document that is neither UBL nor CII', () => {
    const root = parseXml('<Order xmlns="urn:example:order"><ID>1</ID></Order>');
    expect(() => validateXRechnung(root)).toThrow(UnsupportedFormatError);
  });
});
