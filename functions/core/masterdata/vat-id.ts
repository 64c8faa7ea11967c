/**
 * VAT identification numbers (USt-IdNr.): normalisation and format check per country pattern
 * (EU member states as VIES writes them, plus XI, GB, CH and NO). Only the format is checked;
 * whether the number is registered needs VIES, which is outside the pure core.
 */

const VAT_ID_PATTERNS: Record<string, RegExp> = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  EL: /^EL\d{9}$/,
  ES: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(\d{7}[A-WY][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO\d{2,10}$/,
  SE: /^SE\d{10}01$/,
  SI: /^SI\d{8}$/,
  SK: /^SK\d{10}$/,
  XI: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  GB: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
  CH: /^CHE\d{9}(MWST|TVA|IVA)?$/,
  NO: /^NO\d{9}(MVA)?$/,
};

/** Upper case without spaces, dots, dashes or slashes; Greek "GR" prefix becomes "EL". */
export function normalizeVatId(raw: string): string {
  const id = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  return id.startsWith('GR') ? `EL${id.slice(2)}` : id;
}

export type VatIdVerdict = 'valid' | 'invalid' | 'unknown-country';

/** Format verdict for a normalised VAT id; prefixes we have no pattern for are 'unknown-country'. */
export function checkVatIdFormat(vatId: string): VatIdVerdict {
  const pattern = VAT_ID_PATTERNS[vatId.slice(0, 2)];
  if (!pattern) return /^[A-Z]{2}[A-Z0-9+*]{2,13}$/.test(vatId) ? 'unknown-country' : 'invalid';
  return pattern.test(vatId) ? 'valid' : 'invalid';
}

/** ISO country of a VAT id ("EL" is Greece, GR). */
export function vatIdCountry(vatId: string): string | undefined {
  const prefix = vatId.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(prefix)) return undefined;
  return prefix === 'EL' ? 'GR' : prefix;
}
