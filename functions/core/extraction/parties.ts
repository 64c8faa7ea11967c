import type { Address } from '../invoice/model';
import type { LabelHit } from './fields';
import { type Candidate, evidenceOf, labelsInText } from './fields';
import type { TextCell, TextLayout, TextLine } from './layout';
import { readName } from './readers';
import { cleanText } from './values';

/**
 * Seller (BG-4) and buyer (BG-7) from layout conventions, strongest first:
 * - a labelled block ("Verkäufer:", "Rechnungsempfänger", "Bill to") with the name beside or below
 *   it, in the label's column ("Name: …" lines are taken as such);
 * - DIN 5008: the sender line above the address window ("Muster GmbH · Straße 1 · 12345 Ort") names
 *   the seller, and the address block under it in the window (left, 27–100 mm from the top) the buyer;
 * - any other address block on page 1 (name, street, postal code and city) that is neither the
 *   seller's nor a delivery address;
 * - a company name with a legal form in the letterhead or the footer (seller).
 */

export const LEGAL_FORM =
  /(?<![\p{L}])(GmbH|mbH|AG|KG|OHG|GbR|UG|e\.\s?K\.?|e\.\s?V\.?|a\.\s?G\.?|SE|KGaA|PartG|Ltd\.?|Limited|LLC|Inc\.?|Corp\.?|SARL|SAS|S\.A\.?|B\.V\.|N\.V\.|plc|Inh\.)(?![\p{L}])/u;
const SENDER_SEPARATORS = /\s*[●·•|]\s*|\s+[-–]\s+|,\s+/;
const POSTAL_CODE = /(?<!\d)\d{4,5}(?!\d)/;
const POSTAL_CITY =
  /^(?:(?<country>[A-Z]{1,2})[- ])?(?<postalCode>\d{4,5})\s+(?<city>\p{L}[\p{L}\s.\-/()]*)$/u;
const SALUTATION = /^(?:herrn?|frau|firma|mr\.?|mrs\.?|ms\.?|z\.\s?hd\.?.*|attn\.?.*|an(?:\s+die)?|to)$/i;
const NOT_A_NAME = /[@☎✉📞🌐🐀🀀]|https?:|www\.|\b(?:tel|fax|telefon|phone|e-?mail)\b|^\+?\d[\d\s/()-]{5,}$/iu;
const DELIVERY_LABEL =
  /(liefer(?:anschrift|adresse|ung an)|warenempfänger|versandadresse|ship\s?to|delivery address|adresse de livraison)/i;
/** DIN 5008 address window: left margin 20–25 mm, 27–100 mm from the top edge (forms A and B). */
const WINDOW = { left: 40, right: 300, topMm: 22, bottomMm: 105 };
const MM = 72 / 25.4;

export interface PartyNames {
  seller?: Candidate;
  buyer?: Candidate;
  /** BG-5 from the sender line, BG-8 from the address block of the buyer. */
  sellerAddress?: Address;
  buyerAddress?: Address;
}

export function findPartyNames(layout: TextLayout, hits: LabelHit[]): PartyNames {
  const result: PartyNames = {};
  const sender = senderLine(layout);
  const labelledSeller = labelledName(layout, hits, 'seller');
  const letterhead = legalFormName(layout);
  let seller = labelledSeller ?? sender?.seller ?? letterhead;
  // "Alphabet, Lilienthalallee 26" in the sender line, "Alphabet Fuhrparkmanagement GmbH" above it
  if (seller && seller === sender?.seller && letterhead && startsWithName(letterhead.value, seller.value))
    seller = withConfidence(letterhead, seller.confidence);
  if (seller) result.seller = seller;
  if (sender?.sellerAddress && seller === sender.seller) result.sellerAddress = sender.sellerAddress;

  const labelledBuyer = labelledName(layout, hits, 'buyer');
  const blocks = addressBlocks(layout).filter(
    (b) => !seller || (nameKey(b.name.value) !== nameKey(seller.value) && !b.lines.includes(seller.line)),
  );
  const windowBlock =
    (sender &&
      blocks.find(
        (b) => b.lines[0]!.order > sender.line.order && b.lines[0]!.order <= sender.line.order + 4,
      )) ??
    blocks.find((b) => b.inWindow);
  const buyerBlock = windowBlock ?? blocks[0];
  const buyer =
    labelledBuyer ?? windowBlock?.name ?? (sender && nameUnderSender(layout, sender)) ?? buyerBlock?.name;
  if (buyer) result.buyer = buyer;
  if (buyerBlock && buyer && buyer.value === buyerBlock.name.value) result.buyerAddress = buyerBlock.address;
  return result;
}

// ---- Labelled blocks ----

/** "Verkäufer:" then the name in the same cell, to the right, or below in the label's column. */
function labelledName(
  layout: TextLayout,
  hits: LabelHit[],
  field: 'seller' | 'buyer',
): PartyCandidate | undefined {
  for (const hit of hits) {
    if (hit.field !== field) continue;
    const cell = hit.line.cells[hit.cellIndex];
    if (!cell || hit.start > 0) continue;
    const after = cell.text.slice(hit.end);
    // a label heading stands alone or ends in a colon ("Verkäufer:"); "Lieferant GmbH" is a name
    if (after.trim() !== '' && !/^\s*[:/]/.test(after)) continue;
    const rest = after.replace(/^[\s:/]+/, '');
    if (rest && !/\p{L}{2}/u.test(rest)) continue; // "Customer: 2" is a number, not a party heading
    const inline = nameOrUndefined(rest) ?? nameOrUndefined(hit.line.cells[hit.cellIndex + 1]?.text ?? '');
    if (inline && hit.line.cells.length <= 3) return candidate(hit.line, inline, hit.weight * 0.95, cell);
    const below = nameBelow(layout, hit.line, cell);
    if (below) return withConfidence(below, hit.weight * (below.evidence.text?.startsWith('Name') ? 1 : 0.9));
  }
  return undefined;
}

function nameBelow(layout: TextLayout, line: TextLine, label: TextCell): PartyCandidate | undefined {
  for (let i = line.order + 1; i <= line.order + 5; i++) {
    const next = layout.lines[i];
    if (!next || next.page !== line.page || line.y - next.y > 90) break;
    const cells = next.cells.filter(
      (c) => c.x0 < label.x1 + 150 && c.x1 > label.x0 - 4 && c.x0 >= label.x0 - 20,
    );
    const text = cells.map((c) => c.text).join(' ');
    if (!text) continue;
    const sameLine = next.cells.filter((c) => c.x0 >= (cells[0]?.x1 ?? 0)).map((c) => c.text);
    const named = /^name\s*:?\s*([^:\s].*)$/i.exec(
      /^name\s*:?\s*$/i.test(text) ? `Name: ${sameLine.join(' ').replace(/^[:\s]+/, '')}` : text,
    );
    if (named?.[1])
      return {
        ...candidate(next, cleanText(named[1]), 1, cells.at(-1)),
        evidence: evidenceOf(next, cells, 1, `Name: ${named[1]}`),
      };
    if (NUMBER_LINE.test(text)) continue;
    const name = nameOrUndefined(cells[0]?.text ?? '');
    if (name && !/^\d/.test(name) && !SALUTATION.test(name)) return candidate(next, name, 1, cells[0]);
  }
  return undefined;
}

// ---- Sender line and address blocks ----

interface SenderLine {
  line: TextLine;
  seller: PartyCandidate;
  sellerAddress?: Address;
  x0: number;
  x1: number;
}

/** The one-line sender address above the address window (small print, separators, a postal code). */
function senderLine(layout: TextLayout): SenderLine | undefined {
  const page = layout.pages[0];
  const first = layout.lines.filter((l) => l.page === (page?.number ?? 1));
  const half = (page?.width ?? 595) / 2 + 40;
  for (const line of first.slice(0, 45)) {
    const left = line.cells.filter((c) => c.x0 < half);
    const text = left.map((c) => c.text).join(' ');
    const parts = text.split(SENDER_SEPARATORS).filter((p) => p.trim());
    if (parts.length < 3 || !POSTAL_CODE.test(text) || POSTAL_CODE.test(parts[0] ?? '')) continue;
    if (left.length > 1 && !/[●·•|]/.test(text)) continue; // table cells, not a sender line
    const sellerName = nameOrUndefined(parts[0] ?? '');
    if (!sellerName) continue;
    const address = addressOf(
      parts.slice(1).filter((p) => !/^(?:deutschland|germany|france|österreich|schweiz)$/i.test(p)),
    );
    return {
      line,
      seller: candidate(line, sellerName, 0.8, left[0]),
      ...(address ? { sellerAddress: address } : {}),
      x0: Math.min(...left.map((c) => c.x0)),
      x1: Math.max(...left.map((c) => c.x1)),
    };
  }
  return undefined;
}

/** The first name in the sender line's column right under it (a window without a full address). */
function nameUnderSender(layout: TextLayout, sender: SenderLine): PartyCandidate | undefined {
  for (let i = sender.line.order + 1; i <= sender.line.order + 4; i++) {
    const next = layout.lines[i];
    if (!next || next.page !== sender.line.page) break;
    const cell = next.cells.find((c) => c.x0 >= sender.x0 - 10 && c.x0 < sender.x1);
    if (!cell) continue;
    const name = nameOrUndefined(cell.text);
    if (!name || SALUTATION.test(name)) continue;
    return candidate(next, name, 0.6, cell);
  }
  return undefined;
}

interface AddressBlock {
  name: PartyCandidate;
  address: Address;
  lines: TextLine[];
  inWindow: boolean;
}

/**
 * Address blocks on page 1: 2–6 lines in one column (left edges within a few points, line gaps
 * below two line heights) whose last line (or the one before a country) is "postal code city".
 */
function addressBlocks(layout: TextLayout): AddressBlock[] {
  const page = layout.pages[0];
  if (!page) return [];
  const lines = layout.lines.filter((l) => l.page === page.number && l.y > page.height * 0.35);
  const blocks: AddressBlock[] = [];
  const used = new Set<string>();
  for (const [index, line] of lines.entries()) {
    for (const cell of line.cells) {
      const match = POSTAL_CITY.exec(cell.text.trim());
      if (!match?.groups) continue;
      // walk up the column to the name (lines of other columns in between are skipped)
      const column: { line: TextLine; cell: TextCell }[] = [{ line, cell }];
      let labelAbove = '';
      for (let k = index - 1; k >= 0; k--) {
        const above = lines[k]!;
        const previous = column[0]!.line;
        if (above.y - previous.y > 3.5 * Math.max(above.height, previous.height)) break;
        const aligned = above.cells.find((c) => Math.abs(c.x0 - cell.x0) <= 6);
        if (!aligned) continue;
        if (/[●·•|]/.test(aligned.text) && POSTAL_CODE.test(aligned.text)) break; // the sender line
        if (
          column.length >= 6 ||
          DELIVERY_LABEL.test(aligned.text) ||
          labelsInText(aligned.text).some(
            (l) => l.start === 0 && (l.field === 'seller' || l.field === 'buyer'),
          )
        ) {
          labelAbove = aligned.text;
          break;
        }
        column.unshift({ line: above, cell: aligned });
      }
      const parts = column.map((c) => c.cell.text);
      const nameIndex = parts.findIndex((p) => !SALUTATION.test(p.trim()) && !NOT_A_NAME.test(p));
      if (nameIndex < 0 || nameIndex >= column.length - 1) continue;
      const head = column[nameIndex]!;
      const key = `${head.line.order}:${head.cell.x0}`;
      if (used.has(key)) continue;
      used.add(key);
      const name = nameOrUndefined(head.cell.text);
      if (!name || POSTAL_CODE.test(name) || /^\d/.test(name) || /\s\d+\s?[a-z]?$/i.test(name)) continue;
      if (DELIVERY_LABEL.test(labelAbove) || DELIVERY_LABEL.test(column[0]!.cell.text)) continue;
      const streetLines = parts
        .slice(nameIndex + 1, -1)
        .filter((p) => /\d/.test(p) || /str|weg|platz|allee|gasse|rue|road|street/i.test(p));
      const address = addressOf([...streetLines, cell.text]);
      if (!address) continue;
      const fromTop = page.height - head.line.y;
      const inWindow =
        head.cell.x0 >= WINDOW.left &&
        head.cell.x0 <= WINDOW.right / 2 + 40 &&
        fromTop >= WINDOW.topMm * MM &&
        fromTop <= WINDOW.bottomMm * MM;
      blocks.push({
        name: candidate(head.line, name, inWindow ? 0.8 : 0.6, head.cell),
        address,
        lines: column.map((c) => c.line),
        inWindow,
      });
    }
  }
  return blocks;
}

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

// ---- Letterhead ----

/** A company name with a legal form in the letterhead (top quarter of page 1) or the footer. */
function legalFormName(layout: TextLayout): PartyCandidate | undefined {
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
        const first = cell.text.split(SENDER_SEPARATORS)[0] ?? '';
        if (!LEGAL_FORM.test(first)) continue;
        const name = nameOrUndefined(first);
        if (name) return candidate(line, name, confidence, cell);
      }
    }
    return undefined;
  };
  return pick(header, 0.6) ?? pick(footer, 0.5);
}

// ---- Helpers ----

/** A name, unless the text is a label with its value ("Kundennummer: 4711") or contact data. */
function nameOrUndefined(text: string): string | undefined {
  const name = readName(text);
  if (!name || NOT_A_NAME.test(name)) return undefined;
  const label = labelsInText(name).find((l) => l.start === 0);
  if (label) {
    const rest = name.slice(label.end).trim();
    if (rest === '' || rest.startsWith(':') || /^[\d\s.,/-]+$/.test(rest)) return undefined;
  }
  return name;
}

function startsWithName(longer: string, shorter: string): boolean {
  return longer.length > shorter.length && nameKey(longer).startsWith(nameKey(shorter));
}

function nameKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Identifier lines inside a party block: "Nummer: 549910", "GLN 4000001123452", "USt-IdNr. …". */
const NUMBER_LINE =
  /^(?:globale\s+nummer|nummer|number|gln|id|kunden-?\s?(?:nr|nummer)|handelsname|ust\S*|steuer\S*|vat|tax|siret|siren)(?:[\s.:]|$)/i;

type PartyCandidate = Candidate & { line: TextLine };

function withConfidence(found: PartyCandidate, confidence: number): PartyCandidate {
  const rounded = Math.round(confidence * 100) / 100;
  return { ...found, confidence: rounded, evidence: { ...found.evidence, confidence: rounded } };
}

function candidate(line: TextLine, value: string, confidence: number, cell?: TextCell): PartyCandidate {
  return {
    value,
    confidence,
    order: line.order,
    evidence: evidenceOf(line, cell ? [cell] : line.cells, confidence),
    line,
  };
}
