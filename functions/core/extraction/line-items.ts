import type { FieldEvidence, InvoiceLine } from '../invoice/model';
import { dec } from '../money';
import { evidenceOf, labelsInText } from './fields';
import { compactText } from './labels';
import type { TextCell, TextLayout, TextLine } from './layout';
import type { ReadContext } from './readers';
import { cleanText, findAmounts } from './values';

/**
 * Invoice lines (BG-25) from a positions table:
 * - the header row is found by German (and English/French) column words: Pos., Bezeichnung, Menge,
 *   Einheit, Einzelpreis, USt, Betrag, ... (several words in one cell are split by their offsets;
 *   a second header line right above or below adds its columns);
 * - body cells go to the column they overlap (numbers to the column whose right edge is nearest);
 * - a row starts at a position number (or, without a position column, at a quantity), and the
 *   lines up to the next row belong to it: multi-line descriptions, amounts on a second baseline;
 * - the table ends at the totals; it continues on the next page after a repeated header or with
 *   rows in the same columns;
 * - each row is cross-checked: quantity × unit price = line net raises its confidence.
 * Nothing is computed: a value the row does not print stays empty.
 */

type Column = 'position' | 'description' | 'quantity' | 'unit' | 'price' | 'vat' | 'amount' | 'other';

/** Column words on the compact cell text (lower case, no spaces/dots/hyphens); first match wins. */
const COLUMN_WORDS: [Column, RegExp][] = [
  [
    'other',
    /^(?:art(?:ikel)?(?:nr|nummer)\w*|gtin|ean|sku|artnrlief\w*|artnrkunde|vke\w*|rabatt\w*|rem|remise|discount)$/,
  ],
  [
    'amount',
    /^(?:gesamt(?:preis|betrag|netto|summe)?|betrag(?:netto)?|nettobetrag|nettowert|nettosumme|positionswert|positionsbetrag|summe|total|lineamount|linetotal|amount|netamount|entgelt|wert|montant(?:ht)?|prixht|totalht|netto|prixtotal)$/,
  ],
  [
    'price',
    /^(?:einzel(?:preis)?|ep|epreis|preis|nettopreis|stückpreis|einheitspreis|unitprice|price|rate|prix(?:unitaire)?|pu|tarif)$/,
  ],
  ['quantity', /^(?:menge|anzahl|anz|qty|quantity|quantité|qté|stk|stück)$/],
  ['unit', /^(?:einheit|me|unit|uom|unité)$/],
  ['vat', /^(?:ust|mwst|vat|tax|tva|steuer(?:satz)?|ustsatz|mwstsatz|%)%?$/],
  ['position', /^(?:pos(?:ition)?(?:nr)?|nr|no|#|lfdnr|item|zeile|ln)$/],
  [
    'description',
    /^(?:\p{L}*bezeichnung|\p{L}*beschreibung|artikel|produkt|leistung|material|text|inhalt|gegenstand|description|product|service|désignation|designation|libellé)$/u,
  ],
];

/** A header cell's word in the compact form the column words match ("Betrag (EUR)" -> "betrag"). */
function headerKey(word: string): string {
  return compactText(word)
    .compact.replace(/[/€$()[\]:]+/g, '')
    .replace(/(?<=\p{L}{3})(?:eur|chf|usd)$/u, '');
}

interface HeaderColumn {
  column: Column;
  x0: number;
  x1: number;
}

export interface LineItemsResult {
  lines: InvoiceLine[];
  /** Evidence per line, same order as lines. */
  lineEvidence: FieldEvidence[];
  evidence?: FieldEvidence;
}

const UNIT_CODES: [RegExp, string][] = [
  [/^(stk|stck|stück|st|pcs?|pieces?|x|unit\(s\)|units?|piece\(s\)|pce|ea|each)$/i, 'H87'],
  [/^(std|stunden?|h|hours?|hrs?|heures?)$/i, 'HUR'],
  [/^(kg|kilogramm)$/i, 'KGM'],
  [/^(g|gramm)$/i, 'GRM'],
  [/^(m|meter|metres?)$/i, 'MTR'],
  [/^(m²|qm|m2)$/i, 'MTK'],
  [/^(l|liter|litres?|liter\(s\)|litre\(s\))$/i, 'LTR'],
  [/^(pauschal|psch|pausch|pauschale|lump ?sum|forfait)$/i, 'LS'],
  [/^(tage?|days?|jours?)$/i, 'DAY'],
  [/^(monate?|months?|mois)$/i, 'MON'],
  [/^(km)$/i, 'KMT'],
  [/^(pck|pack|packung|paket)$/i, 'XPK'],
];

export function findLineItems(layout: TextLayout, context: ReadContext): LineItemsResult {
  const lines: InvoiceLine[] = [];
  const lineEvidence: FieldEvidence[] = [];
  let firstHeader: TextLine | undefined;
  let index = 0;
  while (index < layout.lines.length) {
    const line = layout.lines[index]!;
    const header = headerColumns(line, layout);
    if (!header) {
      index++;
      continue;
    }
    firstHeader ??= line;
    const table = readTable(line, header, layout, context);
    for (const row of table.rows) {
      lines.push(row.line);
      lineEvidence.push(row.evidence);
    }
    index = Math.max(index + 1, table.endOrder);
  }
  const numbered = lines.map((line, i) => (line.id ? line : { ...line, id: String(i + 1) }));
  return {
    lines: numbered,
    lineEvidence,
    ...(firstHeader && lines.length
      ? { evidence: evidenceOf(firstHeader, firstHeader.cells, average(lineEvidence)) }
      : {}),
  };
}

function average(evidence: FieldEvidence[]): number {
  return evidence.length ? evidence.reduce((s, e) => s + e.confidence, 0) / evidence.length : 0;
}

// ---- Header ----

/** Column words of one cell, each with the x range its text occupies (estimated per character). */
function columnsOfCell(cell: TextCell): HeaderColumn[] | undefined {
  const words = cell.text.split(/(?<=\S)\s+(?=\S)/);
  if (words.length > 5 || /\d{2}/.test(cell.text.replace(/\d{2}\s?%|ZUGFeRD/gi, ''))) return undefined;
  const whole = COLUMN_WORDS.find(([, pattern]) => pattern.test(headerKey(cell.text)));
  if (whole) return [{ column: whole[0], x0: cell.x0, x1: cell.x1 }];
  const perChar = (cell.x1 - cell.x0) / Math.max(1, cell.text.length);
  const found: HeaderColumn[] = [];
  let offset = 0;
  let pending: { column: Column; start: number } | undefined;
  const close = (end: number) => {
    if (pending)
      found.push({
        column: pending.column,
        x0: cell.x0 + pending.start * perChar,
        x1: cell.x0 + end * perChar,
      });
  };
  for (const word of words) {
    const start = cell.text.indexOf(word, offset);
    offset = start + word.length;
    const key = headerKey(word);
    const match = COLUMN_WORDS.find(([, pattern]) => pattern.test(key));
    if (match) {
      close(start);
      pending = { column: match[0], start };
    } else if (!pending) return undefined; // a cell that starts with an unknown word is no header cell
  }
  close(cell.text.length);
  return found;
}

/** The columns a header row names (with a neighbouring header line), or undefined. */
function headerColumns(line: TextLine, layout: TextLayout): HeaderColumn[] | undefined {
  if (line.cells.length < 2 && (line.cells[0]?.text.split(/\s+/).length ?? 0) < 3) return undefined;
  const own = columnsOfLine(line);
  if (!own || !isTable(own)) return undefined;
  const columns = [...own];
  for (const neighbour of [layout.lines[line.order - 1], layout.lines[line.order + 1]]) {
    if (!neighbour || neighbour.page !== line.page || Math.abs(neighbour.y - line.y) > 2 * line.height)
      continue;
    for (const extra of columnsOfLine(neighbour) ?? []) {
      const overlapping = columns.find((c) => c.x0 < extra.x1 && extra.x0 < c.x1);
      if (!overlapping) columns.push(extra);
      // stacked header words: "Preis/" over "Einheit" is the unit price
      else if (
        (overlapping.column === 'other' && extra.column !== 'other') ||
        (overlapping.column === 'unit' && (extra.column === 'price' || extra.column === 'amount'))
      )
        Object.assign(overlapping, extra);
    }
  }
  return resolveAmbiguity(columns.sort((a, b) => a.x0 - b.x0));
}

function columnsOfLine(line: TextLine): HeaderColumn[] | undefined {
  const columns: HeaderColumn[] = [];
  let unknown = 0;
  for (const cell of line.cells) {
    const found = columnsOfCell(cell);
    if (found) columns.push(...found);
    else unknown++;
  }
  return unknown > columns.length ? undefined : columns;
}

function isTable(columns: HeaderColumn[]): boolean {
  const has = (c: Column) => columns.some((h) => h.column === c);
  const known = new Set(columns.map((c) => c.column).filter((c) => c !== 'other'));
  return known.size >= 3 && (has('amount') || has('price')) && (has('description') || has('quantity'));
}

/**
 * "Amount | Product | Price | Total": with two amount columns the rightmost is the line total, and
 * an amount column left of the price is the quantity. Without an amount column, the rightmost price
 * column is the line total ("Prix unitaire | Prix HT").
 */
function resolveAmbiguity(columns: HeaderColumn[]): HeaderColumn[] {
  const amounts = columns.filter((c) => c.column === 'amount');
  const price = columns.find((c) => c.column === 'price');
  if (amounts.length > 1 && !columns.some((c) => c.column === 'quantity'))
    for (const amount of amounts.slice(0, -1)) if (price && amount.x1 < price.x0) amount.column = 'quantity';
  if (!columns.some((c) => c.column === 'amount')) {
    const prices = columns.filter((c) => c.column === 'price');
    const last = prices.at(-1);
    if (last && prices.length > 1) last.column = 'amount';
  }
  return columns;
}

// ---- Body ----

interface Row {
  lines: TextLine[];
  cells: Map<Column, TextCell[]>[];
}

interface TableRead {
  rows: { line: InvoiceLine; evidence: FieldEvidence }[];
  endOrder: number;
}

function readTable(
  headerLine: TextLine,
  header: HeaderColumn[],
  layout: TextLayout,
  context: ReadContext,
): TableRead {
  const hasPosition = header.some((c) => c.column === 'position');
  const rows: Row[] = [];
  let current: Row | undefined;
  let order = headerLine.order + 1;
  let page = headerLine.page;
  let endOrder = order;
  for (; order < layout.lines.length; order++) {
    const line = layout.lines[order]!;
    if (line.page !== page) {
      // The table may continue on the next page: after a repeated header, or with rows at once.
      page = line.page;
      const repeated = findRepeatedHeader(layout, order, page);
      current = undefined;
      if (repeated !== undefined) {
        order = repeated;
        continue;
      }
      if (!continuesHere(layout, order, page, header, context)) break;
    }
    if (isTotalsLine(line) || isPageFurniture(line)) {
      if (isTotalsLine(line)) break;
      continue;
    }
    if (order > headerLine.order + 1 && headerColumns(line, layout)) break; // another table starts
    const cells = assign(line.cells, header);
    const values = numericValues(cells, context);
    // A row starts at a line with at least two of quantity, unit price and line amount, or at a
    // position number with one of them; other lines belong to the row above.
    const starts = values >= 2 || (hasPosition && values >= 1 && positionOf(cells) !== undefined);
    if (starts) {
      current = { lines: [line], cells: [cells] };
      rows.push(current);
    } else if (current) {
      const last = current.lines.at(-1)!;
      if (last.y - line.y > 3.2 * Math.max(line.height, last.height) && !hasNumbers(line, context)) {
        current = undefined; // text after the row, not part of it
        continue;
      }
      current.lines.push(line);
      current.cells.push(cells);
    } else if (rows.length === 0 && order > headerLine.order + 25) break; // no body under this header
    endOrder = order + 1;
  }
  const read = rows
    .map((row) => rowToLine(row, context))
    .filter((r): r is { line: InvoiceLine; evidence: FieldEvidence } => r !== undefined);
  return { rows: read, endOrder: Math.max(endOrder, order) };
}

/** The same header on the next page (within its first lines): the line index after it. */
function findRepeatedHeader(layout: TextLayout, from: number, page: number): number | undefined {
  for (let i = from; i < Math.min(layout.lines.length, from + 20); i++) {
    const line = layout.lines[i]!;
    if (line.page !== page) return undefined;
    if (isTotalsLine(line)) return undefined;
    if (headerColumns(line, layout)) return i;
  }
  return undefined;
}

/** Rows at the top of the next page in the same columns (an amount under the amount column). */
function continuesHere(
  layout: TextLayout,
  from: number,
  page: number,
  header: HeaderColumn[],
  context: ReadContext,
): boolean {
  for (let i = from; i < Math.min(layout.lines.length, from + 12); i++) {
    const line = layout.lines[i]!;
    if (line.page !== page || isTotalsLine(line)) return false;
    const cells = assign(line.cells, header);
    if (amountOf(cells.get('amount'), context) !== undefined && quantityCell(cells, context) !== undefined)
      return true;
  }
  return false;
}

/** Running headers and footers: page numbers, "Übertrag", sample banners. */
function isPageFurniture(line: TextLine): boolean {
  return /^(?:seite|page)\s*\d+(?:\s*(?:von|of|\/)\s*\d+)?$|^übertrag\b|^zwischensumme übertrag/i.test(
    line.text.trim(),
  );
}

function hasNumbers(line: TextLine, context: ReadContext): boolean {
  return findAmounts(line.text, context.mark).length > 0;
}

function numericValues(cells: Map<Column, TextCell[]>, context: ReadContext): number {
  return [
    quantityCell(cells, context),
    amountOf(cells.get('price'), context),
    amountOf(cells.get('amount'), context),
  ].filter((v) => v !== undefined).length;
}

/** Each cell goes to the header column it overlaps most; numbers to the nearest right edge. */
function assign(cells: TextCell[], header: HeaderColumn[]): Map<Column, TextCell[]> {
  const byColumn = new Map<Column, TextCell[]>();
  for (const cell of cells) {
    const numeric = /^[-−–(]?\s*[\d.,' ]+\s*(?:€|EUR|%)?\s*\)?$/.test(cell.text.trim());
    let best: HeaderColumn | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const column of header) {
      const overlap = Math.min(cell.x1, column.x1) - Math.max(cell.x0, column.x0);
      const score = numeric
        ? -Math.abs(cell.x1 - column.x1) + (overlap > 0 ? 20 : 0) - (column.column === 'description' ? 30 : 0)
        : overlap > 0
          ? overlap
          : -Math.min(Math.abs(cell.x0 - column.x1), Math.abs(cell.x1 - column.x0));
      if (score > bestScore) {
        bestScore = score;
        best = column;
      }
    }
    if (!best) continue;
    byColumn.set(best.column, [...(byColumn.get(best.column) ?? []), cell]);
  }
  return byColumn;
}

function textOf(cells: TextCell[] | undefined): string | undefined {
  const text = cells
    ?.map((c) => c.text)
    .join(' ')
    .trim();
  return text || undefined;
}

function amountOf(cells: TextCell[] | undefined, context: ReadContext): string | undefined {
  const text = textOf(cells);
  if (!text) return undefined;
  return findAmounts(text.replace(/\d+(?:[.,]\d+)?\s?%/g, ' '), context.mark).at(-1)?.value;
}

function positionOf(cells: Map<Column, TextCell[]>): string | undefined {
  const text = textOf(cells.get('position'));
  const position = text ? /^(\d{1,4}(?:\.\d{1,3})*)\.?$/.exec(text.split(/\s+/)[0] ?? '')?.[1] : undefined;
  if (position) return position;
  // "1 Superdrachen": the position printed in the description cell
  const description = textOf(cells.get('description'));
  return description ? /^(\d{1,3})\s+\p{L}/u.exec(description)?.[1] : undefined;
}

/** The quantity cell: it starts with a number ("20 Stk", "1,5 h"); "Basis: 75,00" is none. */
function quantityCell(
  cells: Map<Column, TextCell[]>,
  context: ReadContext,
): { quantity: string; unit?: string } | undefined {
  const unitText = textOf(cells.get('unit'));
  const text = textOf(cells.get('quantity')) ?? (unitText && /^\d/.test(unitText) ? unitText : undefined);
  if (!text) {
    return unitText && /^(pauschal|psch|pausch\.?|lump ?sum|forfait)$/i.test(unitText)
      ? { quantity: '1', unit: unitText }
      : undefined;
  }
  if (/^(pauschal|psch|pausch\.?|lump ?sum|forfait)$/i.test(text)) return { quantity: '1', unit: text };
  const first = findAmounts(text, context.mark)[0];
  if (!first || first.index > 1) return undefined;
  const unit = text.slice(first.index + first.length).trim();
  return { quantity: first.value, ...(unit ? { unit } : {}) };
}

function rowToLine(
  row: Row,
  context: ReadContext,
): { line: InvoiceLine; evidence: FieldEvidence } | undefined {
  const firstOf = <T>(read: (cells: Map<Column, TextCell[]>) => T | undefined): T | undefined => {
    for (const cells of row.cells) {
      const value = read(cells);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  const net = firstOf((cells) => amountOf(cells.get('amount'), context));
  if (net === undefined) return undefined;
  const quantity = firstOf((cells) => quantityCell(cells, context));
  const unitText =
    firstOf((cells) => {
      const text = textOf(cells.get('unit'));
      return text && !/^\d/.test(text) ? text : undefined; // "6,5 Std." is quantity and unit
    }) ?? quantity?.unit;
  const price = firstOf((cells) => amountOf(cells.get('price'), context));
  const rate = firstOf((cells) => {
    const text = textOf(cells.get('vat'));
    const m = text ? /^(\d{1,2}(?:[.,]\d{1,2})?)\s?(?:%|$)/.exec(text.trim()) : undefined;
    return m?.[1]?.replace(',', '.');
  });
  const position = firstOf((cells) => positionOf(cells));
  const descriptions = row.cells
    .map((cells) => textOf(cells.get('description')))
    .filter((t): t is string => t !== undefined)
    .map((t, i) => (i === 0 && position && t.startsWith(position) ? t.slice(position.length).trim() : t));
  // A row may start with an article code and name the item on its second line.
  const name = descriptions.find((d) => /\p{Ll}{2}|\s\p{L}{3}/u.test(d)) ?? descriptions[0];
  if (!name) return undefined;
  const rest = descriptions.filter((d) => d !== name).join(' ');

  let quantityValue = quantity?.quantity;
  if (quantityValue === undefined && price !== undefined && dec(price).equals(dec(net))) quantityValue = '1';
  let confidence = 0.6;
  if (quantityValue !== undefined && price !== undefined) {
    const product = dec(quantityValue).times(dec(price));
    confidence = product.minus(dec(net)).abs().lte(0.01) ? 0.95 : 0.5; // a discount or a misread
  } else if (quantityValue === '1' && price === undefined) confidence = 0.7;
  const unitWord = unitText?.replace(/\.$/, '');
  const unit = unitWord ? UNIT_CODES.find(([pattern]) => pattern.test(unitWord))?.[1] : undefined;
  const first = row.lines[0]!;
  const netCell = row.cells.flatMap((c) => c.get('amount') ?? [])[0];
  return {
    line: {
      id: position ?? '',
      quantity: quantityValue ?? '',
      ...(unit ? { unit } : {}),
      net,
      price: price ?? (quantityValue === '1' ? net : ''),
      ...(rate ? { vatRate: dec(rate).toFixed(), vatCategory: Number(rate) > 0 ? 'S' : 'Z' } : {}),
      name: cleanText(name),
      ...(rest ? { description: cleanText(rest, 500) } : {}),
      allowances: [],
      charges: [],
      classifications: [],
    },
    evidence: evidenceOf(
      first,
      netCell ? [...first.cells, netCell] : first.cells,
      confidence,
      row.lines.map((l) => l.text).join(' / '),
    ),
  };
}

export function isTotalsLine(line: TextLine): boolean {
  const first = line.cells[0]?.text ?? '';
  const labels = labelsInText(first);
  return (
    labels.some(
      (l) =>
        l.start < 3 && ['net', 'gross', 'vat', 'lineNet', 'payable'].includes(l.field) && l.weight >= 0.55,
    ) ||
    (line.cells.length <= 3 &&
      line.cells.some((c) =>
        labelsInText(c.text).some(
          (l) => l.start < 2 && ['net', 'gross', 'lineNet', 'payable'].includes(l.field) && l.weight >= 0.7,
        ),
      ))
  );
}
