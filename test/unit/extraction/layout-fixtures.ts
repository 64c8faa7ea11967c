import { layoutFromPdf, type TextLayout } from '../../../functions/core/extraction/layout';
import type { OcrEngine, OcrLine, PdfPage } from '../../../functions/core/ports/documents';

/**
 * Builds text layers in code: each row is a baseline with cells [x, text]. Rows go top-down
 * from y = 800 in steps of 16 pt unless a row sets its own y. Character width is 0.5 em.
 */
export interface Row {
  cells: [number, string][];
  y?: number;
  size?: number;
}

export function pageOf(rows: Row[], number = 1): PdfPage {
  let y = 800;
  const items = rows.flatMap((row) => {
    y = row.y ?? y - 16;
    const size = row.size ?? 10;
    return row.cells.map(([x, text]) => ({ text, x, y, width: text.length * size * 0.5, height: size }));
  });
  return { number, width: 595, height: 842, items };
}

export function layoutOf(...pages: Row[][]): TextLayout {
  return layoutFromPdf(pages.map((rows, i) => pageOf(rows, i + 1)));
}

/** An OCR engine that returns fixed lines (for orchestrator tests). */
export function fakeOcr(lines: OcrLine[], available = true): OcrEngine & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    available: async () => available,
    recognize: async (_bytes, contentType) => {
      calls.push(contentType);
      return { engine: 'fake', pages: 1, lines, pageSizes: [{ width: 595, height: 842 }] };
    },
  };
}
