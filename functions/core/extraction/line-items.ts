import type { FieldEvidence, InvoiceLine } from '../invoice/model';
import { evidenceOf, labelsInText } from './fields';
import { compactText } from './labels';
import type { TextCell, TextLayout, TextLine } from './layout';
import type { ReadContext } from './readers';
import { cleanText, findAmounts } from './values';

/**
 * Invoice lines (BG-25) where a table is recognisable: a header row naming at least three
 * columns (description, quantity, price, VAT, amount) and rows below it with an amount under
 * the amount column, up to the totals.
 */

type Column = 'position' | 'description' | 'quantity' | 'unit' | 'price' | 'vat' | 'amount';

const COLUMN_PATTERNS: [Column, RegExp][] = [
  ['position', /^(pos(ition)?|nr|#|no|lfdnr|item)$/],
  ['price', /(preis|price|prix|rate|^ep$)/],
  ['amount', /(gesamt|betrag|summe|total|amount|entgelt|wert|montant)/],
  ['quantity', /(menge|anzahl|qty|quantity|quantité|^anz$|^stk$)/],
  ['vat', /(ust|mwst|vat|tax|tva|steuer|^%$)/],
  ['unit', /(einheit|^unit$|^me$)/],
  [
    'description',
    /(bezeichnung|beschreibung|artikel|produkt|leistung|description|product|service|désignation|designation)/,
  ],
];

interface HeaderColumn {
  column: Column;
  x0: number;
  x1: number;
}

export interface LineItemsResult {
  lines: InvoiceLine[];
  evidence?: FieldEvidence;
}

const UNIT_CODES: [RegExp, string][] = [
  [/^(stk|stück|st|pcs?|pieces?|x|unit\(s\)|units?)$/i, 'H87'],
  [/^(std|stunden?|h|hours?|hrs?)$/i, 'HUR'],
  [/^(kg)$/i, 'KGM'],
  [/^(m|meter|metres?)$/i, 'MTR'],
  [/^(m²|qm|m2)$/i, 'MTK'],
  [/^(l|liter|litres?|liter\(s\))$/i, 'LTR'],
  [/^(pauschal|psch|pauschale|lump ?sum)$/i, 'LS'],
  [/^(tage?|days?)$/i, 'DAY'],
  [/^(monate?|months?)$/i, 'MON'],
];

export function findLineItems(layout: TextLayout, context: ReadContext): LineItemsResult {
  for (const headerLine of layout.lines) {
    const header = headerColumns(headerLine);
    if (!header) continue;
    const rows = rowsBelow(headerLine, header, layout, context);
    if (rows.length === 0) continue;
    return { lines: rows, evidence: evidenceOf(headerLine, headerLine.cells, 0.6) };
  }
  return { lines: [] };
}

/** The columns a header row names, or undefined when the line is not a table header. */
function headerColumns(line: TextLine): HeaderColumn[] | undefined {
  if (line.cells.length < 3) return undefined;
  const columns: HeaderColumn[] = [];
  for (const cell of line.cells) {
    const key = compactText(cell.text).compact.replace(/[/€$()]+/g, '');
    if (key.length > 30 || /\d{2}/.test(key)) return undefined; // a data row, not a header
    const match = COLUMN_PATTERNS.find(([, pattern]) => pattern.test(key));
    if (match) columns.push({ column: match[0], x0: cell.x0, x1: cell.x1 });
  }
  const has = (c: Column) => columns.some((h) => h.column === c);
  if (columns.length < 3 || !has('amount') || !(has('description') || has('quantity'))) return undefined;
  return columns;
}

function rowsBelow(
  headerLine: TextLine,
  header: HeaderColumn[],
  layout: TextLayout,
  context: ReadContext,
): InvoiceLine[] {
  const amountColumn = [...header].reverse().find((h) => h.column === 'amount');
  if (!amountColumn) return [];
  const rows: InvoiceLine[] = [];
  for (let i = headerLine.order + 1; i < layout.lines.length && i <= headerLine.order + 60; i++) {
    const line = layout.lines[i];
    if (!line || line.page !== headerLine.page) break;
    if (isTotalsLine(line)) break;
    const cells = assign(line.cells, header);
    const net = amountOf(cells.get('amount'), context);
    if (net === undefined) {
      // a continuation line of the previous item's description
      const previous = rows.at(-1);
      const text = cleanText(line.text.replace(/\s\|\s/g, ' '));
      if (previous && text && !/\d{2}/.test(text) && (previous.description?.length ?? 0) < 200)
        previous.description = previous.description ? `${previous.description} ${text}` : text;
      continue;
    }
    const quantityText = textOf(cells.get('quantity'));
    const quantity = quantityText ? firstNumber(quantityText, context) : undefined;
    const unitText = textOf(cells.get('unit')) ?? quantityText?.replace(/^[-\d.,\s]+/, '').trim();
    const price = amountOf(cells.get('price'), context);
    const vatRate = /(\d{1,2}(?:[.,]\d{1,2})?)\s?%/.exec(textOf(cells.get('vat')) ?? line.text)?.[1];
    const name = textOf(cells.get('description')) ?? leftoverText(line.cells, cells);
    if (!name) continue;
    const unitWord = unitText?.replace(/\.$/, '');
    const unit = unitWord ? UNIT_CODES.find(([pattern]) => pattern.test(unitWord))?.[1] : undefined;
    rows.push({
      id: textOf(cells.get('position'))?.replace(/[^\w.-]/g, '') || String(rows.length + 1),
      quantity: quantity ?? '1',
      ...(unit ? { unit } : {}),
      net,
      price: price ?? net,
      ...(vatRate ? { vatRate: vatRate.replace(',', '.'), vatCategory: 'S' } : {}),
      name: cleanText(name),
      allowances: [],
      charges: [],
      classifications: [],
    });
  }
  return rows;
}

/** Each cell goes to the header column it overlaps most (or lies nearest to). */
function assign(cells: TextCell[], header: HeaderColumn[]): Map<Column, TextCell[]> {
  const byColumn = new Map<Column, TextCell[]>();
  for (const cell of cells) {
    let best: HeaderColumn | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const column of header) {
      const overlap = Math.min(cell.x1, column.x1) - Math.max(cell.x0, column.x0);
      const distance = Math.abs((cell.x0 + cell.x1) / 2 - (column.x0 + column.x1) / 2);
      const score = overlap > 0 ? overlap : -distance;
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
  const amounts = findAmounts(text, context.mark);
  return amounts.at(-1)?.value;
}

function firstNumber(text: string, context: ReadContext): string | undefined {
  return findAmounts(text, context.mark)[0]?.value;
}

function leftoverText(cells: TextCell[], assigned: Map<Column, TextCell[]>): string | undefined {
  const numeric = new Set([...assigned.entries()].filter(([c]) => c !== 'description').flatMap(([, v]) => v));
  const text = cells
    .filter((c) => !numeric.has(c))
    .map((c) => c.text)
    .join(' ')
    .trim();
  return text || undefined;
}

function isTotalsLine(line: TextLine): boolean {
  const first = line.cells[0]?.text ?? '';
  return labelsInText(first).some(
    (l) => l.start < 3 && ['net', 'gross', 'vat', 'lineNet', 'payable'].includes(l.field) && l.weight >= 0.55,
  );
}
