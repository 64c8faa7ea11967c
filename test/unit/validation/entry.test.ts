import { describe, expect, it } from 'vitest';
import { UnsupportedFormatError } from '../../../functions/core/errors';
import { validateEInvoice } from '../../../functions/core/validation';
import { parseXml } from '../../../functions/core/xml/safe-xml';
import { ciiInvoice, DEFAULT_LINE, fatalRules, swap, ublInvoice, validate } from './fixtures';

const XRECHNUNG = 'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0';

describe('validateEInvoice entry point', () => {
  it('accepts a correct CII invoice with no fatal finding and names the CII rule set', () => {
    // Prepare
    const xml = ciiInvoice();
    // Act
    const report = validate(xml);
    // Assess
    expect(report.valid).toBe(true);
    expect(report.ruleSets).toEqual(['EN16931-CII']);
    expect(report.findings.filter((f) => f.severity === 'fatal')).toEqual([]);
  });

  it('accepts a correct UBL invoice and credit note with the UBL rule set', () => {
    const invoice = validate(ublInvoice());
    const creditNote = validate(ublInvoice({}, 'CreditNote'));

    expect(invoice).toMatchObject({ valid: true, ruleSets: ['EN16931-UBL'] });
    expect(creditNote).toMatchObject({ valid: true, ruleSets: ['EN16931-UBL'] });
  });

  it('marks a report invalid as soon as one finding is fatal', () => {
    const xml = swap(ciiInvoice(), '<ram:ID>INV-1</ram:ID>', '<ram:ID> </ram:ID>');

    const report = validate(xml);

    expect(report.valid).toBe(false);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'BR-02', severity: 'fatal', path: '/rsm:CrossIndustryInvoice' }),
    );
  });

  it('gives every finding an English and a German message', () => {
    const xml = swap(ublInvoice(), '<cbc:ID>INV-1</cbc:ID>', '');

    const finding = validate(xml).findings.find((f) => f.rule === 'BR-02');

    expect(finding?.message).toContain('Invoice number (BT-1)');
    expect(finding?.messageDe).toContain('Rechnungsnummer');
  });

  it('adds the XRechnung rule set when BT-24 names XRechnung, in CII and UBL', () => {
    const cii = validate(ciiInvoice({ specification: XRECHNUNG }));
    const ubl = validate(ublInvoice({ specification: XRECHNUNG }));

    expect(cii.ruleSets).toEqual(['EN16931-CII', 'XRechnung-CII-3.0']);
    expect(ubl.ruleSets).toEqual(['EN16931-UBL', 'XRechnung-UBL-3.0']);
    expect(cii.findings.some((f) => f.rule.startsWith('BR-DE-'))).toBe(true);
  });

  it('leaves the XRechnung rules out when asked for EN 16931 only', () => {
    const report = validate(ciiInvoice({ specification: XRECHNUNG }), { xrechnung: false });

    expect(report.ruleSets).toEqual(['EN16931-CII']);
    expect(report.findings.some((f) => f.rule.startsWith('BR-DE-'))).toBe(false);
  });

  it('does not apply the XRechnung rules to a plain EN 16931 invoice', () => {
    const report = validate(
      ciiInvoice({ specification: 'urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended' }),
    );

    expect(report.ruleSets).toEqual(['EN16931-CII']);
  });

  it('reports ZUGFeRD 1.0 as valid with one information that EN 16931 does not apply', () => {
    const root = parseXml(
      '<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"><rsm:HeaderExchangedDocument/></rsm:CrossIndustryDocument>',
    );

    const report = validateEInvoice(root);

    expect(report.valid).toBe(true);
    expect(report.ruleSets).toEqual([]);
    expect(report.findings).toEqual([
      expect.objectContaining({ severity: 'information', rule: 'EN16931-NOT-APPLICABLE' }),
    ]);
  });

  it('treats the ZUGFeRD 1.0 pre-release (rsm:Invoice) the same way', () => {
    const root = parseXml('<rsm:Invoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CBFBUY:5"/>');

    const report = validateEInvoice(root);

    expect(report).toMatchObject({ valid: true, ruleSets: [] });
    expect(report.findings).toHaveLength(1);
  });

  it('refuses a document that is no e-invoice with an UnsupportedFormatError', () => {
    const root = parseXml('<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2"/>');

    expect(() => validateEInvoice(root)).toThrow(UnsupportedFormatError);
  });

  it('validates an invoice with several lines, allowances and charges without fatal findings', () => {
    const spec = {
      lines: [
        DEFAULT_LINE,
        { net: '50.50', category: 'S', rate: '7' },
        { net: '20.00', category: 'Z', rate: '0' },
      ],
      allowanceCharges: [
        { charge: false, amount: '10.00' },
        { charge: true, amount: '2.50', reasonCode: 'FC' },
      ],
    };

    expect(fatalRules(ciiInvoice(spec))).toEqual([]);
    expect(fatalRules(ublInvoice(spec))).toEqual([]);
  });
});
