import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanProblem, isValidIban, maskIban, normalizeIban } from '../../../functions/core/masterdata/iban';
import {
  domainMatches,
  domainOfEmail,
  normalizeDocumentNumber,
  normalizeDomain,
} from '../../../functions/core/masterdata/normalize';
import { checkVatIdFormat, normalizeVatId } from '../../../functions/core/masterdata/vat-id';

describe('IBAN (ISO 13616)', () => {
  it.each([
    'DE89370400440532013000',
    'de89 3704 0044 0532 0130 00',
    'NL91ABNA0417164300',
    'GB29NWBK60161331926819',
    'AT611904300234573201',
  ])('accepts the valid IBAN %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it('names why an IBAN is invalid', () => {
    expect(ibanProblem('DE89370400440532013001')).toBe('checksum');
    expect(ibanProblem('DE8937040044053201300')).toBe('length');
    expect(ibanProblem('QQ89370400440532013000')).toBe('country');
    expect(ibanProblem('DE-89')).toBe('format');
  });

  it('detects every single changed digit of a valid IBAN (mod 97 property)', () => {
    const valid = 'DE89370400440532013000';
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: valid.length - 1 }),
        fc.integer({ min: 1, max: 9 }),
        (position, delta) => {
          const digit = (Number(valid[position]) + delta) % 10;
          const changed = valid.slice(0, position) + digit + valid.slice(position + 1);
          return !isValidIban(changed);
        },
      ),
    );
  });

  it('normalises and masks for messages', () => {
    expect(normalizeIban(' de89-3704.0044 ')).toBe('DE8937040044');
    expect(maskIban('DE89370400440532013000')).toBe('DE89 **** 3000');
  });
});

describe('VAT id format', () => {
  it.each([
    ['DE811907980', 'valid'],
    ['DE 811 907 980', 'valid'],
    ['ATU12345678', 'valid'],
    ['ATU123456789', 'invalid'],
    ['NL123456789B01', 'valid'],
    ['FRXX123456789', 'valid'],
    ['GR123456789', 'valid'],
    ['DE12345', 'invalid'],
    ['DE12345ABC', 'invalid'],
    ['US123456789', 'unknown-country'],
    ['12345', 'invalid'],
  ])('judges %s as %s', (raw, verdict) => {
    expect(checkVatIdFormat(normalizeVatId(raw))).toBe(verdict);
  });

  it('writes Greek VAT ids with the EL prefix', () => {
    expect(normalizeVatId('gr 123456789')).toBe('EL123456789');
  });
});

describe('document numbers', () => {
  it('ignores case, spaces, dashes, other separators and leading zeros', () => {
    const forms = ['RE-2024-0042', 're 2024 42', 'RE2024/042', 'Re_2024-00042'];
    expect(new Set(forms.map(normalizeDocumentNumber))).toEqual(new Set(['RE202442']));
  });

  it('keeps numbers apart that differ in substance', () => {
    expect(normalizeDocumentNumber('RE-2024-0042')).not.toBe(normalizeDocumentNumber('RE-2024-0043'));
    expect(normalizeDocumentNumber('000')).toBe('0');
  });

  it('is idempotent and insensitive to separators and case', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,6}([ -/][A-Za-z0-9]{1,6}){0,3}$/), (number) => {
        const once = normalizeDocumentNumber(number);
        return (
          normalizeDocumentNumber(once) === once &&
          normalizeDocumentNumber(number.toLowerCase().replace(/[ -/]/g, '  ')) === once
        );
      }),
    );
  });
});

describe('domains', () => {
  it('matches a known domain and its subdomains only', () => {
    expect(domainMatches('Billing.ACME.de', ['acme.de'])).toBe('acme.de');
    expect(domainMatches('evil-acme.de', ['acme.de'])).toBeUndefined();
    expect(domainMatches('acme.de.evil.com', ['acme.de'])).toBeUndefined();
  });

  it('reads the domain of an address', () => {
    expect(domainOfEmail('Buchhaltung <rechnung@Muster.DE>')).toBe('muster.de');
    expect(domainOfEmail('no address')).toBeUndefined();
    expect(normalizeDomain('@www.Example.com.')).toBe('example.com');
  });
});
