import type { Address } from '../invoice/model';
import type { LabelHit } from './fields';
import { type Candidate, evidenceOf, labelsInText } from './fields';
import type { TextLayout, TextLine } from './layout';
import { readName } from './readers';
import { cleanText } from './values';

/**
 * Seller (BG-4) and buyer (BG-7) names from layout conventions:
 * a "Verkäufer:"/"Rechnungsempfänger:" style label with the name below or to the right; the
 * small sender line above the address window ("Muster GmbH · Straße 1 · 12345 Ort") with the
 * buyer's name right below it; a company name with a legal form in the letterhead or footer.
 */

export const LEGAL_FORM =
  /(?<![\p{L}])(GmbH|mbH|AG|KG|OHG|GbR|UG|e\.\s?K\.?|e\.\s?V\.?|a\.\s?G\.?|SE|KGaA|PartG|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|SARL|SAS|S\.A\.?|B\.V\.|N\.V\.|plc|Inh\.)(?![\p{L}])/u;
const SENDER_SEPARATORS = /\s*[●·•|]\s*|\s+[-–]\s+|,\s+/;
const POSTAL_CODE = /(?<!\d)\d{4,5}(?!\d)/;
const SALUTATION = /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|z\.\s?hd\.?|attn\.?|an)$/i;

export interface PartyNames {
  seller?: Candidate;
  buyer?: Candidate;
  /** BG-5 from the sender line, BG-8 from the address window below it. */
  sellerAddress?: Address;
  buyerAddress?: Address;
}

export function findPartyNames(layout: TextLayout, hits: LabelHit[]): PartyNames {
  const result: PartyNames = {};
  const window = senderLine(layout);
  const seller = labelledName(layout, hits, 'seller') ?? window?.seller ?? legalFormName(layout);
  if (seller) result.seller = seller;
  const buyer = labelledName(layout, hits, 'buyer') ?? window?.buyer;
  if (buyer) result.buyer = buyer;
  // Addresses only where the names came from the same sender line and address window.
  if (window?.sellerAddress && seller?.value === window.seller?.value)
    result.sellerAddress = window.sellerAddress;
  if (window?.buyerAddress && buyer?.value === window.buyer?.value) result.buyerAddress = window.buyerAddress;
  return result;
}

/** "Verkäufer:" then the name in the same cell, to the right, or on one of the next lines. */
function labelledName(
  layout: TextLayout,
  hits: LabelHit[],
  field: 'seller' | 'buyer',
): Candidate | undefined {
  for (const hit of hits) {
    if (hit.field !== field) continue;
    const cell = hit.line.cells[hit.cellIndex];
    if (!cell || hit.start > 0 || hit.line.cells.length > 3) continue; // inside a header row or running text
    const rest = cell.text.slice(hit.end).replace(/^[\s:]+/, '');
    const inline = nameOrUndefined(rest) ?? nameOrUndefined(hit.line.cells[hit.cellIndex + 1]?.text ?? '');
    if (inline) return candidate(hit.line, inline, hit.weight * 0.95);
    for (let i = hit.line.order + 1; i <= hit.line.order + 4; i++) {
      const next = layout.lines[i];
      if (!next || next.page !== hit.line.page) break;
      const text = next.cells.map((c) => c.text).join(' ');
      const named = /^name\s*:?\s*\|?\s*(.+)$/i.exec(text);
      if (named?.[1]) return candidate(next, cleanText(named[1]), hit.weight);
      if (/^(?:nummer|number|gln|globale|id)\b/i.test(text)) continue;
      const name = nameOrUndefined(next.cells[0]?.text ?? '');
      if (name && !/^\d/.test(name)) return candidate(next, name, hit.weight * 0.9);
    }
  }
  return undefined;
}

/** The one-line sender address above the address window, and the recipient right below it. */
interface AddressWindow {
  seller?: Candidate;
  buyer?: Candidate;
  sellerAddress?: Address;
  buyerAddress?: Address;
}

function senderLine(layout: TextLayout): AddressWindow | undefined {
  const first = layout.lines.filter((l) => l.page === (layout.pages[0]?.number ?? 1));
  for (const line of first.slice(0, 40)) {
    const text = line.cells[0]?.text ?? '';
    const parts = text.split(SENDER_SEPARATORS).filter(Boolean);
    if (parts.length < 3 || !POSTAL_CODE.test(text) || POSTAL_CODE.test(parts[0] ?? '')) continue;
    const sellerName = nameOrUndefined(parts[0] ?? '');
    if (!sellerName) continue;
    const result: AddressWindow = { seller: candidate(line, sellerName, 0.75) };
    const sellerAddress = addressOf(parts.slice(1));
    if (sellerAddress) result.sellerAddress = sellerAddress;
    for (let i = line.order + 1; i <= line.order + 4; i++) {
      const next = layout.lines[i];
      if (!next || next.page !== line.page) break;
      const name = nameOrUndefined(next.cells[0]?.text ?? '');
      if (!name || SALUTATION.test(name)) continue;
      result.buyer = candidate(next, name, 0.6);
      const below = layout.lines
        .slice(i + 1, i + 5)
        .filter((l) => l.page === line.page)
        .map((l) => l.cells[0]?.text ?? '');
      const end = below.findIndex((text) => POSTAL_CITY.test(text));
      const buyerAddress = end >= 0 ? addressOf(below.slice(0, end + 1)) : undefined;
      if (buyerAddress) result.buyerAddress = buyerAddress;
      break;
    }
    return result;
  }
  return undefined;
}

const POSTAL_CITY = /^(?:(?<country>[A-Z]{1,2})-)?(?<postalCode>\d{4,5})\s+(?<city>\p{L}[\p{L}\s.\-/()]*)$/u;

/** Street lines, then "12345 Ort": an address only when the last part is a postal code and city. */
function addressOf(parts: string[]): Address | undefined {
  const cleaned = parts.map((p) => cleanText(p)).filter(Boolean);
  const match = POSTAL_CITY.exec(cleaned.at(-1) ?? '');
  if (!match?.groups) return undefined;
  const [line1, line2] = cleaned.slice(0, -1);
  return {
    ...(line1 ? { line1 } : {}), // BT-35 / BT-50
    ...(line2 ? { line2 } : {}), // BT-36 / BT-51
    city: match.groups.city?.trim(), // BT-37 / BT-52
    postalCode: match.groups.postalCode, // BT-38 / BT-53
    ...(match.groups.country === 'D' || match.groups.country === 'DE' ? { countryCode: 'DE' } : {}),
  };
}

/** A company name with a legal form in the letterhead (top quarter of page 1) or the footer. */
function legalFormName(layout: TextLayout): Candidate | undefined {
  const page = layout.pages[0];
  if (!page) return undefined;
  const lines = layout.lines.filter((l) => l.page === page.number);
  const header = lines.filter((l) => l.y > page.height * 0.72);
  const footer = lines.filter((l) => l.y < page.height * 0.15);
  const pick = (pool: TextLine[], confidence: number) => {
    const sorted = [...pool].sort((a, b) => b.height - a.height);
    for (const line of sorted) {
      for (const cell of line.cells) {
        if (!LEGAL_FORM.test(cell.text) || cell.text.length > 80) continue;
        const name = nameOrUndefined(cell.text.split(SENDER_SEPARATORS)[0] ?? '');
        if (name) return candidate(line, name, confidence);
      }
    }
    return undefined;
  };
  return pick(header, 0.6) ?? pick(footer, 0.5);
}

/** A name that is really the next label ("Kundennummer") is no name. */
function nameOrUndefined(text: string): string | undefined {
  const name = readName(text);
  return name && !labelsInText(name).some((l) => l.start === 0) ? name : undefined;
}

function candidate(line: TextLine, value: string, confidence: number): Candidate {
  return { value, confidence, order: line.order, evidence: evidenceOf(line, line.cells, confidence) };
}
