import { describe, expect, it } from 'vitest';
import { formatOf, parseDocumentDate, profileOf } from '../../../functions/core/einvoice';

describe('profileOf', () => {
  it.each([
    ['urn:cen.eu:en16931:2017', 'EN16931'],
    ['urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0', 'XRECHNUNG 3.0'],
    [
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#conformant#urn:xeinkauf.de:kosit:extension:xrechnung_3.0',
      'XRECHNUNG 3.0 EXTENSION',
    ],
    [
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0#compliant#urn:xeinkauf.de:kosit:xrechnung:cvd_0.9',
      'XRECHNUNG 3.0 CVD',
    ],
    ['urn:cen.eu:en16931:2017#compliant#urn:xoev-de:kosit:standard:xrechnung_1.2', 'XRECHNUNG 1.2'],
    ['urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0', 'PEPPOL BIS 3.0'],
    ['urn:factur-x.eu:1p0:minimum', 'MINIMUM'],
    ['urn:zugferd.de:2p0:minimum', 'MINIMUM'],
    ['urn:factur-x.eu:1p0:basicwl', 'BASIC WL'],
    ['urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic', 'BASIC'],
    ['urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:basic', 'BASIC'],
    ['urn:cen.eu:en16931:2017:compliant:factur-x.eu:1p0:en16931', 'EN16931'],
    ['urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended', 'EXTENDED'],
    ['urn:cen.eu:en16931:2017#conformant#urn:zugferd.de:2p0:extended', 'EXTENDED'],
    ['urn:ferd:CrossIndustryDocument:invoice:1p0:comfort', 'COMFORT'],
    ['urn:ferd:CrossIndustryDocument:invoice:1p0:basic', 'BASIC'],
    ['urn:ferd:invoice:rc:extended', 'EXTENDED'],
  ])('names %s as profile %s', (specificationId, profile) => {
    // Act
    const named = profileOf(specificationId);

    // Assess
    expect(named).toBe(profile);
  });

  it('names no profile for an unknown or missing specification identifier', () => {
    // Act
    const names = [profileOf('urn:example:custom'), profileOf(undefined), profileOf('')];

    // Assess
    expect(names).toEqual([undefined, undefined, undefined]);
  });
});

describe('formatOf', () => {
  it('lets the guideline brand win over a conventional file name for embedded CII', () => {
    // Act
    const format = formatOf(
      'CII',
      'urn:cen.eu:en16931:2017#compliant#urn:zugferd.de:2p0:basic',
      'factur-x.xml',
    );

    // Assess
    expect(format).toBe('zugferd');
  });

  it('marks ZUGFeRD 1.0 as zugferd1 with or without an embedded file name', () => {
    // Act
    const formats = [
      formatOf('ZUGFeRD1', undefined, 'ZUGFeRD-invoice.xml'),
      formatOf('ZUGFeRD1', undefined, undefined),
    ];

    // Assess
    expect(formats).toEqual(['zugferd1', 'zugferd1']);
  });

  it('marks stand-alone XML as xrechnung when BT-24 says so, in any letter case', () => {
    // Act
    const format = formatOf(
      'UBL',
      'urn:cen.eu:en16931:2017#compliant#urn:XEINKAUF.de:kosit:XRechnung_3.0',
      undefined,
    );

    // Assess
    expect(format).toBe('xrechnung-ubl');
  });
});

describe('parseDocumentDate', () => {
  it.each([
    ['2024-03-15', undefined, '2024-03-15'],
    ['2024-03-15+01:00', undefined, '2024-03-15'],
    ['2024-03-15Z', undefined, '2024-03-15'],
    ['2013-03-01T00:00:00', undefined, '2013-03-01'],
    ['20240315', '102', '2024-03-15'],
    ['20240315', undefined, '2024-03-15'],
    ['202403151230', '203', '2024-03-15'],
    ['202402', '610', '2024-02-01'],
    ['202053', '616', '2020-12-28'],
  ])('reads %s (format %s) as %s', (text, format, iso) => {
    // Act
    const parsed = parseDocumentDate(text, format);

    // Assess
    expect(parsed.iso).toBe(iso);
  });

  it.each([
    ['15.03.2024', '102'],
    ['2024-02-30', undefined],
    ['202413', '610'],
    ['202453', '616'],
  ])('keeps %s (format %s) as written and explains why', (text, format) => {
    // Act
    const parsed = parseDocumentDate(text, format);

    // Assess
    expect(parsed.iso).toBe(text);
    expect(parsed.note).toMatch(/not a/);
  });
});
