import type { FieldEvidence } from '../invoice/model';
import { compactText, type LabelField, labelsStartingWith } from './labels';
import { CELL_SEPARATOR, type TextCell, type TextLayout, type TextLine } from './layout';

/**
 * Label -> value association by geometry. A label found in a cell takes its value from
 * (1) the rest of the same cell ("Rechnungsnummer: 4711"), (2) the cells to its right on the
 * same line ("Rechnungsnummer | 4711"), or (3) the cell directly below it (label above value).
 * Each candidate carries a confidence and its evidence (page, text, bbox).
 */

export interface LabelHit {
  field: LabelField;
  weight: number;
  line: TextLine;
  cellIndex: number;
  /** Offsets in the cell text where the label starts and ends. */
  start: number;
  end: number;
}

export interface Candidate<T = string> {
  value: T;
  confidence: number;
  evidence: FieldEvidence;
  /** Reading-order position (line order), to prefer the first or the last occurrence. */
  order: number;
}

/** Where a value was read relative to its label. */
export type Placement = 'same-cell' | 'right' | 'below';
const PLACEMENT_FACTOR: Record<Placement, number> = { 'same-cell': 1, right: 1, below: 0.8 };

const PARTY = new Set<LabelField>(['seller', 'buyer']);
const IDENTIFIER = new Set<LabelField>(['iban', 'bic', 'sellerVatId', 'buyerVatId', 'taxNumber']);

/** Finds every label in every cell; at one position the longest label wins. */
export function findLabels(layout: TextLayout): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const line of layout.lines) {
    line.cells.forEach((cell, cellIndex) => {
      let previousEnd: number | undefined;
      let previous: LabelHit | undefined;
      for (const hit of labelsInText(cell.text)) {
        // A later label in the same cell only counts after a value ("Datum: 1.2.24 Kunde: 7");
        // otherwise it qualifies the first one ("Summe netto (exkl. USt.)").
        const qualifier = previousEnd !== undefined && !/\d/.test(cell.text.slice(previousEnd, hit.start));
        previousEnd = hit.end;
        // A label mentioned inside running text is weaker than one on a form.
        const prose = hit.start > 0 && cell.text.split(/\s+/).length > 8;
        const current: LabelHit = { ...hit, weight: prose ? hit.weight * 0.75 : hit.weight, line, cellIndex };
        // "Verkäufer-IBAN", "Käufer USt-IdNr.": the party qualifies the identifier that follows
        if (qualifier && previous && PARTY.has(previous.field) && IDENTIFIER.has(hit.field)) {
          if (previous.field === 'buyer' && current.field === 'sellerVatId') current.field = 'buyerVatId';
          hits.splice(hits.indexOf(previous), 1, current);
          previous = current;
        } else if (!qualifier) {
          hits.push(current);
          previous = current;
        }
      }
    });
  }
  return hits;
}

/** Labels in one cell's text, with the offset where each ends. */
export function labelsInText(
  text: string,
): { field: LabelField; weight: number; start: number; end: number }[] {
  const { compact, origin } = compactText(text);
  const found: { field: LabelField; weight: number; start: number; end: number }[] = [];
  let position = 0;
  while (position < compact.length) {
    const start = origin[position] ?? 0;
    if (start > 0 && /\p{L}/u.test(text[start - 1] ?? '')) {
      position++;
      continue; // labels start at a word boundary
    }
    let best: { field: LabelField; weight: number; length: number } | undefined;
    for (const label of labelsStartingWith(compact[position] ?? '')) {
      label.regex.lastIndex = position;
      const match = label.regex.exec(compact);
      if (!match || match[0].length === 0) continue;
      const lastOriginal = origin[position + match[0].length - 1] ?? 0;
      const next = text[lastOriginal + 1] ?? '';
      if (/\p{L}/u.test(match[0].at(-1) ?? '') && /\p{L}/u.test(next)) continue; // ends inside a word
      if (!best || match[0].length > best.length)
        best = { field: label.field, weight: label.weight, length: match[0].length };
    }
    if (best) {
      const end = (origin[position + best.length - 1] ?? 0) + 1;
      found.push({ field: best.field, weight: best.weight, start, end });
      position += best.length;
    } else {
      // skip to the next word start
      position++;
    }
  }
  return found;
}

export interface ValueSpan {
  text: string;
  placement: Placement;
  cells: TextCell[];
  line: TextLine;
  /** For 'below': the whole column under the label (a totals column ends in its total). */
  column?: { text: string; line: TextLine; cell: TextCell }[];
}

/**
 * The text a label's value is read from, nearest first: the rest of its cell, then the cells to
 * the right up to the next label, then the cell below.
 */
export function valueSpans(hit: LabelHit, layout: TextLayout, labelCells: Set<TextCell>): ValueSpan[] {
  const { line, cellIndex } = hit;
  const cell = line.cells[cellIndex];
  if (!cell) return [];
  const spans: ValueSpan[] = [];
  const rest = stripLeading(cell.text.slice(hit.end));
  // The next label that follows a value ends this value; a qualifier ("(inkl. USt.)") does not.
  const nextLabel = labelsInText(rest).find((l) => /\d/.test(rest.slice(0, l.start)));
  const ownRest = nextLabel ? rest.slice(0, nextLabel.start) : rest;
  if (ownRest.trim()) spans.push({ text: ownRest, placement: 'same-cell', cells: [cell], line });

  if (!nextLabel) {
    const right: TextCell[] = [];
    for (const next of line.cells.slice(cellIndex + 1)) {
      if (labelCells.has(next) && !/^\s*[:#]/.test(next.text)) break;
      right.push(next);
      if (right.length >= 4) break;
    }
    const text = right
      .map((c) => stripLeading(c.text))
      .filter(Boolean)
      .join(CELL_SEPARATOR);
    if (text) spans.push({ text, placement: 'right', cells: right, line });
  }

  const column = columnBelow(line, cell, layout).filter((c) => !labelCells.has(c.cell));
  const first = column[0];
  if (first)
    spans.push({
      text: stripLeading(first.cell.text),
      placement: 'below',
      cells: [first.cell],
      line: first.line,
      column: column.map((c) => ({ text: stripLeading(c.cell.text), line: c.line, cell: c.cell })),
    });
  // "Total taxes" with its amount at the right edge, a few points lower: the next line's cell to the right
  const next = layout.lines[line.order + 1];
  if (!spans.some((s) => s.placement !== 'below') && next && next.page === line.page) {
    const close = line.y - next.y <= 1.2 * Math.max(line.height, next.height);
    const right = next.cells.find((c) => c.x0 > cell.x1 && !labelCells.has(c));
    const onlyValue = next.cells.every((c) => c.x0 > cell.x1);
    if (close && right && onlyValue)
      spans.push({ text: stripLeading(right.text), placement: 'right', cells: [right], line: next });
  }
  return spans;
}

/**
 * The cells under a label on the following lines of the same page that overlap it
 * horizontally (a column), nearest first, up to 8 lines.
 */
function columnBelow(
  line: TextLine,
  cell: TextCell,
  layout: TextLayout,
): { line: TextLine; cell: TextCell }[] {
  const run: { line: TextLine; cell: TextCell }[] = [];
  let previous = line;
  for (let i = line.order + 1; i < layout.lines.length && i <= line.order + 8; i++) {
    const next = layout.lines[i];
    if (!next || next.page !== line.page) break;
    if (previous.y - next.y > 3 * Math.max(previous.height, next.height)) break;
    const overlapping = next.cells.find((c) => c.x0 < cell.x1 + 2 && c.x1 > cell.x0 - 2);
    if (!overlapping) {
      if (run.length) break;
      continue;
    }
    run.push({ line: next, cell: overlapping });
    previous = next;
  }
  return run;
}

function stripLeading(text: string): string {
  return text.replace(/^[\s:#=]+/, '').trim();
}

/** Evidence for a value read from cells of a line: page, the line text and the cells' bbox. */
export function evidenceOf(
  line: TextLine,
  cells: TextCell[],
  confidence: number,
  text?: string,
): FieldEvidence {
  const x0 = Math.min(...cells.map((c) => c.x0));
  const x1 = Math.max(...cells.map((c) => c.x1));
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    confidence: round2(confidence),
    page: line.page,
    text: (text ?? line.text).slice(0, 200),
    bbox: [round(x0), round(line.y), round(x1 - x0), round(line.height)],
  };
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export function placementFactor(placement: Placement): number {
  return PLACEMENT_FACTOR[placement];
}
