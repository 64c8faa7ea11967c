import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  detectDecimalMark,
  findAmounts,
  findDates,
  findIbans,
  findVatId,
  isValidIban,
  parseAmount,
} from '../../../functions/core/extraction/values';

describe('printed amounts', () => {
  it.each([
    ['1.234,56', '1234.56'],
    ['1234,56', '1234.56'],
    ['-12,00', '-12.00'],
    ['12,00-', '-12.00'],
    ['€ 1.163,4000', '1163.4000'],
    ['120 000,00 €', '120000.00'],
    ['−233,47 €', '-233.47'],
  ])('reads the German amount %s as %s', (printed, expected) => {
    expect(parseAmount(printed, ',')).toBe(expected);
  });

  it.each([
    ['1,234.56', '1234.56'],
    ['$ 5.00', '5.00'],
    ['(45.00)', '-45.00'],
  ])('reads the English amount %s as %s', (printed, expected) => {
    expect(parseAmount(printed, '.')).toBe(expected);
  });

  it('reads "1.000" as one thousand in German documents and as 1.000 in English ones', () => {
    expect(parseAmount('1.000', ',')).toBe('1000');
    expect(parseAmount('1.000', '.')).toBe('1.000');
  });

  it('does not read dates or percentages as amounts', () => {
    const amounts = findAmounts('am 05.03.2018 zzgl. 19% USt 269,80', ',').map((a) => a.value);

    expect(amounts).toEqual(['269.80']);
  });

  it('round-trips every German-formatted amount exactly (no floats)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }), (cents) => {
        const negative = cents < 0n;
        const abs = negative ? -cents : cents;
        const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const printed = `${negative ? '-' : ''}${whole},${(abs % 100n).toString().padStart(2, '0')}`;
        const expected = `${negative && abs !== 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
        expect(parseAmount(printed, ',')).toBe(expected);
      }),
    );
  });

  it('tells the decimal mark from the amounts a document prints', () => {
    expect(detectDecimalMark(['Total 1,234.56', 'Tax 5.00', 'Date 05.03.2018'])).toBe('.');
    expect(detectDecimalMark(['Summe 529,87', 'Datum 05.03.2018'])).toBe(',');
  });
});

describe('printed dates', () => {
  it.each([
    ['19.01.2016', '2016-01-19'],
    ['19.1.16', '2016-01-19'],
    ['19. Januar 2016', '2016-01-19'],
    ['2016-01-19', '2016-01-19'],
    ['January 19, 2016', '2016-01-19'],
    ['19 janvier 2016', '2016-01-19'],
    ['16/11/2017', '2017-11-16'],
    ['8-9-2022', '2022-09-08'],
  ])('reads %s as %s', (printed, iso) => {
    expect(findDates(printed)[0]?.iso).toBe(iso);
  });

  it('reads slash dates month first when told the document is American', () => {
    expect(findDates('11/03/2017', 'mdy')[0]?.iso).toBe('2017-11-03');
    expect(findDates('11/03/2017', 'dmy')[0]?.iso).toBe('2017-03-11');
  });

  it('rejects impossible calendar dates', () => {
    expect(findDates('31.02.2020')).toEqual([]);
    expect(findDates('2020-13-01')).toEqual([]);
  });
});

describe('bank and tax identifiers', () => {
  it('accepts an IBAN with a valid checksum and rejects one changed digit', () => {
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 01')).toBe(false);
  });

  it('finds IBANs printed in groups inside a line', () => {
    const found = findIbans('Bank: Sparkasse IBAN: DE34 5019 0000 0012 3456 78 BIC: FFVBDEFF');

    expect(found.map((f) => f.iban)).toEqual(['DE34501900000012345678']);
  });

  it('finds VAT ids printed with spaces', () => {
    expect(findVatId('USt-IdNr.: DE 123 456 789')).toBe('DE123456789');
    expect(findVatId('TVA : FR11999999998 - SIRET')).toBe('FR11999999998');
  });

  it('drops control and bidi characters from extracted text', () => {
    expect(cleanText('ACME\u202e GmbH\u0000\n')).toBe('ACME GmbH');
  });
});
