import { distance } from 'fastest-levenshtein';

/**
 * Company-name comparison for vendor matching and look-alike detection.
 * canonicalName() removes what does not identify a company (case, accents, punctuation, legal form),
 * nameSkeleton() additionally folds characters that look alike (Cyrillic 'а' vs Latin 'a', '0' vs 'o',
 * 'rn' vs 'm'), so that 'Muster GmbH' and 'Мuster GmbH' (Cyrillic М) share a skeleton.
 */

/** Legal-form tokens (after lower-casing and transliteration) that do not identify a company. */
// biome-ignore format: a compact word list
const LEGAL_FORMS = new Set([
  'gmbh', 'mbh', 'ag', 'kg', 'kgaa', 'ohg', 'gbr', 'ug', 'haftungsbeschraenkt', 'ek', 'ev', 'eg', 'se',
  'co', 'cokg', 'gmbhcokg', 'partg', 'ltd', 'limited', 'inc', 'llc', 'plc', 'corp', 'bv', 'nv', 'sa',
  'sas', 'sarl', 'srl', 'spa', 'sro', 'as', 'ab', 'oy', 'aps', 'sp', 'zoo', 'kft', 'doo',
]);

/** Letters from other scripts (and digits) that render like Latin letters; i-like glyphs all fold to 'l'. */
// biome-ignore format: a compact lookup table
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  ѕ: 's', і: 'l', ї: 'l', ј: 'j', ԁ: 'd', һ: 'h', ԛ: 'q', ԝ: 'w', ɡ: 'g', ʏ: 'y', α: 'a', β: 'b', ε: 'e',
  η: 'n', ι: 'l', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w', ζ: 'z', '0': 'o',
  '1': 'l', '|': 'l', i: 'l', '5': 's',
};

const TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  æ: 'ae',
  ø: 'oe',
  å: 'aa',
};

/** "Müller & Söhne G.m.b.H." -> "mueller und soehne"; "Muster GmbH & Co. KG" -> "muster". */
export function canonicalName(name: string): string {
  const lowered = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[äöüßæøå]/g, (ch) => TRANSLITERATION[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[&+]/g, ' und ');
  const rawTokens = lowered.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // Merge runs of single letters ("g m b h" -> "gmbh") so dotted legal forms are recognised.
  const tokens: string[] = [];
  let run = '';
  for (const token of [...rawTokens, '']) {
    if (token.length === 1) {
      run += token;
      continue;
    }
    if (run) tokens.push(run);
    run = '';
    if (token) tokens.push(token === 'and' ? 'und' : token);
  }
  // Drop legal forms, and the "und" of "& Co.".
  return tokens
    .filter(
      (t, i) => !LEGAL_FORMS.has(t) && !(t === 'und' && (tokens[i + 1] === 'co' || i === tokens.length - 1)),
    )
    .join(' ');
}

/** Canonical name with look-alike characters folded and spaces removed. */
export function nameSkeleton(name: string): string {
  let text = canonicalName(name).replace(/\s+/g, '');
  text = [...text].map((ch) => CONFUSABLES[ch] ?? ch).join('');
  return text.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/cl/g, 'd');
}

export type NameRelation = 'same' | 'related' | 'lookalike' | 'different';

/**
 * How two company names relate:
 * - 'same': equal after canonicalisation ('Muster GmbH' / 'MUSTER G.m.b.H.');
 * - 'related': all words of one appear in the other ('Hetzner' / 'Hetzner Online GmbH');
 * - 'lookalike': not the same, but equal after folding look-alike characters, or one or two typing
 *   edits apart ('Muster GmbH' / 'Musterr GmbH'); the classic impersonation pattern;
 * - 'different': anything else.
 */
export function compareNames(a: string, b: string): NameRelation {
  const ca = canonicalName(a);
  const cb = canonicalName(b);
  if (ca === '' || cb === '') return 'different';
  const compactA = ca.replace(/\s+/g, '');
  const compactB = cb.replace(/\s+/g, '');
  if (compactA === compactB) return 'same';
  if (nameSkeleton(a) === nameSkeleton(b)) return 'lookalike';
  const longer = Math.max(compactA.length, compactB.length);
  const allowedEdits = longer >= 12 ? 2 : longer >= 5 ? 1 : 0;
  if (distance(compactA, compactB) <= allowedEdits) return 'lookalike';
  const wordsA = ca.split(' ');
  const wordsB = cb.split(' ');
  const subset = (xs: string[], ys: string[]) => xs.every((x) => ys.includes(x));
  if (subset(wordsA, wordsB) || subset(wordsB, wordsA)) return 'related';
  return 'different';
}
