import { describe, expect, it } from 'vitest';
import { canonicalName, compareNames } from '../../../functions/core/masterdata/names';

describe('company names', () => {
  it('removes legal forms, accents and punctuation', () => {
    expect(canonicalName('Müller & Söhne G.m.b.H.')).toBe('mueller und soehne');
    expect(canonicalName('Muster Bürobedarf GmbH & Co. KG')).toBe('muster buerobedarf');
  });

  it.each([
    ['Muster GmbH', 'MUSTER G.m.b.H.', 'same'],
    ['Mueller Bau GmbH', 'Müller Bau GmbH', 'same'],
    ['Hetzner Online GmbH', 'Hetzner', 'related'],
    ['Muster GmbH', 'Musterr GmbH', 'lookalike'],
    ['Muster GmbH', '\u041Custer GmbH', 'lookalike'],
    ['Schmidt KG', 'Schm\u0456dt KG', 'lookalike'],
    ['Cloud Tech AG', '\u0421l\u043Eud \u0422ech AG', 'lookalike'],
    ['Holzmann GmbH', 'H0lzrnann GmbH', 'lookalike'],
    ['Deutsche Telekom AG', 'Deutsche Te1ekom AG', 'lookalike'],
    ['Modern Design', 'Modem Design', 'lookalike'],
    ['Schrauben Schmidt KG', 'Cloud Hosting AG', 'different'],
    ['ACME', 'ACNE', 'different'],
  ])('relates "%s" and "%s" as %s', (a, b, relation) => {
    expect(compareNames(a, b)).toBe(relation);
  });
});
