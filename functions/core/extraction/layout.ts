import type { OcrResult, PdfPage } from '../ports/documents';
import { cleanText } from './values';

/**
 * From positioned text items (a PDF text layer or OCR output) to reading lines: items on one
 * baseline form a line, and within a line, wide gaps split it into cells (table columns,
 * label | value pairs). Coordinates stay in PDF points with the origin bottom-left.
 */

export interface TextCell {
  text: string;
  x0: number;
  x1: number;
}

export interface TextLine {
  page: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  /** Font size (largest item height on the line). */
  height: number;
  cells: TextCell[];
  /** Cells joined by ' | ' (a column gap); the text that label patterns read. */
  text: string;
  /** Index of the line in reading order over the whole document. */
  order: number;
}

export interface TextLayout {
  pages: { number: number; width: number; height: number }[];
  lines: TextLine[];
}

export const CELL_SEPARATOR = ' | ';

interface Item {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Builds lines for every page of a PDF text layer. */
export function layoutFromPdf(pages: PdfPage[]): TextLayout {
  const lines: TextLine[] = [];
  for (const page of pages) lines.push(...linesOfPage(page.number, page.items));
  lines.forEach((line, order) => {
    line.order = order;
  });
  return { pages: pages.map(({ number, width, height }) => ({ number, width, height })), lines };
}

/**
 * Builds lines from OCR output (bboxes with origin top-left) in the same coordinates as PDFs.
 * Tables and key-value pairs the engine recognised replace the plain lines they cover: each table
 * row becomes one line with one cell per column, each pair a "key | value" line.
 */
export function layoutFromOcr(result: OcrResult): TextLayout {
  const byPage = new Map<number, Item[]>();
  const formed = new Map<number, TextLine[]>();
  const heights = new Map<number, number>();
  for (const line of result.lines) {
    const bottom = line.bbox ? line.bbox[1] + line.bbox[3] : 0;
    heights.set(line.page, Math.max(heights.get(line.page) ?? 0, bottom));
  }
  const pageSize = (page: number) => result.pageSizes?.[page - 1];
  const pageHeight = (page: number) => pageSize(page)?.height ?? (heights.get(page) ?? 0) + 10;
  const covered = structuredRegions(result);
  for (const line of result.lines) {
    const height = pageHeight(line.page);
    const [x, top, width, lineHeight] = line.bbox ?? [0, 0, 0, 10];
    if (line.bbox && covered.some((r) => r.page === line.page && inside(line.bbox!, r.box))) continue;
    const items = byPage.get(line.page) ?? [];
    // Lines without geometry keep their order: each gets its own baseline.
    const y = line.bbox ? height - top - lineHeight : height - items.length * 12;
    items.push({ text: line.text, x, y, width, height: lineHeight });
    byPage.set(line.page, items);
  }
  for (const table of result.tables ?? []) {
    const rows = new Map<number, typeof table.cells>();
    for (const cell of table.cells) rows.set(cell.row, [...(rows.get(cell.row) ?? []), cell]);
    for (const cells of rows.values()) {
      const boxes = cells.map((c) => c.bbox).filter((b): b is [number, number, number, number] => !!b);
      if (!boxes.length) continue;
      const top = Math.min(...boxes.map((b) => b[1]));
      const lineHeight = Math.min(...boxes.map((b) => b[3]));
      const sorted = [...cells]
        .filter((c) => c.bbox && cleanText(c.text))
        .sort((a, b) => a.column - b.column);
      formLine(
        formed,
        table.page,
        pageHeight(table.page) - top - lineHeight,
        lineHeight,
        sorted.map((c) => ({
          text: cleanText(c.text, 2000),
          x0: c.bbox![0],
          x1: c.bbox![0] + c.bbox![2],
        })),
      );
    }
  }
  for (const pair of result.keyValues ?? []) {
    if (!pair.keyBbox || !cleanText(pair.key)) continue;
    const [kx, ktop, kw, kh] = pair.keyBbox;
    const cells = [{ text: cleanText(pair.key), x0: kx, x1: kx + kw }];
    if (cleanText(pair.value) && pair.valueBbox) {
      const x0 = Math.max(pair.valueBbox[0], kx + kw + 1);
      cells.push({
        text: cleanText(pair.value),
        x0,
        x1: Math.max(x0 + 1, pair.valueBbox[0] + pair.valueBbox[2]),
      });
    }
    formLine(formed, pair.page, pageHeight(pair.page) - ktop - kh, kh, cells);
  }
  const lines: TextLine[] = [];
  const pages = [...new Set([...byPage.keys(), ...formed.keys()])].sort((a, b) => a - b);
  for (const page of pages)
    lines.push(
      ...[...linesOfPage(page, byPage.get(page) ?? []), ...(formed.get(page) ?? [])].sort(
        (a, b) => b.y - a.y,
      ),
    );
  lines.forEach((line, order) => {
    line.order = order;
  });
  return {
    pages: pages.map((number) => ({
      number,
      width: pageSize(number)?.width ?? 0,
      height: pageHeight(number),
    })),
    lines,
  };
}

type Box = [number, number, number, number];

/** The areas (top-left boxes) that tables and key-value pairs cover, per page. */
function structuredRegions(result: OcrResult): { page: number; box: Box }[] {
  const regions: { page: number; box: Box }[] = [];
  for (const table of result.tables ?? []) {
    const boxes = table.cells.map((c) => c.bbox).filter((b): b is Box => !!b);
    if (!boxes.length) continue;
    const x0 = Math.min(...boxes.map((b) => b[0]));
    const y0 = Math.min(...boxes.map((b) => b[1]));
    const x1 = Math.max(...boxes.map((b) => b[0] + b[2]));
    const y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
    regions.push({ page: table.page, box: [x0, y0, x1 - x0, y1 - y0] });
  }
  for (const pair of result.keyValues ?? []) {
    const boxes = [pair.keyBbox, pair.valueBbox].filter((b): b is Box => !!b);
    for (const box of boxes) regions.push({ page: pair.page, box });
  }
  return regions;
}

/** The line's centre lies in the box. */
function inside(line: Box, box: Box): boolean {
  const cx = line[0] + line[2] / 2;
  const cy = line[1] + line[3] / 2;
  return cx >= box[0] - 1 && cx <= box[0] + box[2] + 1 && cy >= box[1] - 1 && cy <= box[1] + box[3] + 1;
}

function formLine(
  formed: Map<number, TextLine[]>,
  page: number,
  y: number,
  height: number,
  cells: TextCell[],
): void {
  if (!cells.length) return;
  formed.set(page, [
    ...(formed.get(page) ?? []),
    {
      page,
      y,
      height: Math.max(height, 1),
      cells,
      text: cells.map((c) => c.text).join(CELL_SEPARATOR),
      order: 0,
    },
  ]);
}

/** Groups the items of one page into lines (top to bottom) and cells (left to right). */
function linesOfPage(page: number, rawItems: Item[]): TextLine[] {
  const items = rawItems
    .map((item) => ({ ...item, text: cleanText(item.text, 2000), height: Math.max(item.height, 1) }))
    .filter((item) => item.text !== '')
    .sort((a, b) => b.y - a.y || a.x - b.x);

  // Items share a line when their boxes overlap vertically by half the smaller height: a 7 pt
  // label and a 10 pt value on one visual line sit on different baselines.
  const groups: { y: number; height: number; items: Item[] }[] = [];
  for (const item of items) {
    // Items are sorted top-down, so only the most recent lines can still take this item.
    const line = groups
      .slice(-3)
      .find((g) => verticalOverlap(g, item) >= 0.5 * Math.min(g.height, item.height));
    if (line) {
      line.items.push(item);
      line.height = Math.max(line.height, item.height);
    } else groups.push({ y: item.y, height: item.height, items: [item] });
  }

  return groups
    .sort((a, b) => b.y - a.y)
    .map((group) => {
      const cells = cellsOf(group.items.sort((a, b) => a.x - b.x));
      return {
        page,
        y: group.y,
        height: group.height,
        cells,
        text: cells.map((c) => c.text).join(CELL_SEPARATOR),
        order: 0,
      };
    });
}

function verticalOverlap(a: { y: number; height: number }, b: { y: number; height: number }): number {
  return Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
}

/** Joins neighbouring items; a gap wider than about one em starts a new cell. */
function cellsOf(items: Item[]): TextCell[] {
  const cells: TextCell[] = [];
  let current: TextCell | undefined;
  for (const item of items) {
    const right = item.x + Math.max(item.width, 0);
    if (!current) {
      current = { text: item.text, x0: item.x, x1: right };
      continue;
    }
    const gap = item.x - current.x1;
    const em = item.height;
    if (gap > 1.1 * em) {
      cells.push(current);
      current = { text: item.text, x0: item.x, x1: right };
    } else {
      const joiner = gap > 0.12 * em && !current.text.endsWith(' ') ? ' ' : '';
      current.text = cleanText(current.text + joiner + item.text, 4000);
      current.x1 = Math.max(current.x1, right);
    }
  }
  if (current) cells.push(current);
  return cells;
}

/** Whole document text in reading order (for keyword checks). */
export function plainText(layout: TextLayout): string {
  return layout.lines.map((l) => l.text).join('\n');
}
