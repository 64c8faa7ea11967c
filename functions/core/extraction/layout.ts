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

/** Builds lines from OCR output (bboxes with origin top-left) in the same coordinates as PDFs. */
export function layoutFromOcr(result: OcrResult): TextLayout {
  const byPage = new Map<number, Item[]>();
  const heights = new Map<number, number>();
  for (const line of result.lines) {
    const bottom = line.bbox ? line.bbox[1] + line.bbox[3] : 0;
    heights.set(line.page, Math.max(heights.get(line.page) ?? 0, bottom));
  }
  const pageSize = (page: number) => result.pageSizes?.[page - 1];
  for (const line of result.lines) {
    const height = pageSize(line.page)?.height ?? (heights.get(line.page) ?? 0) + 10;
    const [x, top, width, lineHeight] = line.bbox ?? [0, 0, 0, 10];
    const items = byPage.get(line.page) ?? [];
    // Lines without geometry keep their order: each gets its own baseline.
    const y = line.bbox ? height - top - lineHeight : height - items.length * 12;
    items.push({ text: line.text, x, y, width, height: lineHeight });
    byPage.set(line.page, items);
  }
  const lines: TextLine[] = [];
  const pages = [...byPage.keys()].sort((a, b) => a - b);
  for (const page of pages) lines.push(...linesOfPage(page, byPage.get(page) ?? []));
  lines.forEach((line, order) => {
    line.order = order;
  });
  return {
    pages: pages.map((number) => ({
      number,
      width: pageSize(number)?.width ?? 0,
      height: pageSize(number)?.height ?? (heights.get(number) ?? 0) + 10,
    })),
    lines,
  };
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
