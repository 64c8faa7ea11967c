import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../../functions/core/money';
import {
  emailValid,
  ISO_6523_ICD_EXT_CODES,
  ibanValid,
  inCodeList,
  namesXRechnung,
  round2,
  skontoTermsValid,
  telephoneValid,
  urlValid,
} from '../../../../functions/core/validation/xrechnung/common';

describe('XRechnung shared checks', () => {
  it('accepts payment terms without any # line, whatever their text (BR-DE-18)', () => {
    expect(skontoTermsValid(['Zahlbar sofort ohne Abzug'])).toBe(true);
  });

  it('accepts indented Skonto lines and trailing free text after a line break (BR-DE-18)', () => {
    const terms =
      '   Hinweis\n    #SKONTO#TAGE=14#PROZENT=2.00#   \n    #SKONTO#TAGE=30#PROZENT=0.00#\n    Danke';
    expect(skontoTermsValid([terms])).toBe(true);
  });

  it('rejects two Skonto entries on one line and a missing final line break (BR-DE-18)', () => {
    const glued = skontoTermsValid(['#SKONTO#TAGE=7#PROZENT=2.00##SKONTO#TAGE=14#PROZENT=1.00#\n']);
    const unterminated = skontoTermsValid(['#SKONTO#TAGE=7#PROZENT=2.00#']);
    expect([glued, unterminated]).toEqual([false, false]);
  });

  it('accepts a negative BASISBETRAG with two decimals (BR-DE-18)', () => {
    expect(skontoTermsValid(['#SKONTO#TAGE=7#PROZENT=2.00#BASISBETRAG=-5.53#\n'])).toBe(true);
  });

  it('validates IBAN check sums, ignoring blanks and line breaks inside', () => {
    const verdicts = [
      'DE75512108001245126199',
      'DE75 5121 0800\n1245 1261 99',
      'GB29NWBK60161331926819',
      'DE75512108001245126198',
      'AS28192373298',
      '',
    ].map(ibanValid);
    expect(verdicts).toEqual([true, true, true, false, false, false]);
  });

  it('needs at least three digits in a telephone number (BR-DE-27)', () => {
    expect(['+4 x', 'a1b2', '123', '(0)30-1'].map(telephoneValid)).toEqual([false, false, true, true]);
  });

  it('accepts international e-mail addresses and rejects blanks, double @ and undotted domains (BR-DE-28)', () => {
    // Prepare
    const good = ['maria.müller@test.de', 'тест@пример.bg', 'a.b@c.d'];
    const bad = ['test @test.com', 'test@@test.com', 'a@b', 'tim@test.com.', '@name'];
    // Act
    const verdicts = [...good, ...bad].map(emailValid);
    // Assess
    expect(verdicts).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('requires an absolute URL with a scheme for BT-124 (BR-TMP-2)', () => {
    const verdicts = [
      'https://xeinkauf.de',
      'mailto:info@test.de',
      'xeinkauf.de/x',
      'https ://x.de',
      ' https://x.de',
    ].map(urlValid);
    expect(verdicts).toEqual([true, true, false, false, false]);
  });

  it('reproduces the official code-list test, including its quirks for empty codes and the last ICD code', () => {
    // Prepare
    const codes = ['0088', 'XR01', '9999', '0088 0060', '', '0244', '0243'];
    // Act
    const verdicts = codes.map((code) => inCodeList(ISO_6523_ICD_EXT_CODES, code));
    // Assess
    expect(verdicts).toEqual([true, true, false, false, true, false, true]);
  });

  it('rounds halves towards positive infinity like XPath round()', () => {
    const rounded = ['2.345', '-2.345', '1.005'].map((v) => round2(new Decimal(v)).toFixed());
    expect(rounded).toEqual(['2.35', '-2.34', '1.01']);
  });

  it('recognises XRechnung specification identifiers of any variant', () => {
    const ids = [
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0',
      'urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_2.3',
      'urn:cen.eu:en16931:2017',
      undefined,
    ];
    expect(ids.map(namesXRechnung)).toEqual([true, true, false, false]);
  });
});
