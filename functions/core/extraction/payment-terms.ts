import type { FieldEvidence } from '../invoice/model';
import { evidenceOf } from './fields';
import type { TextLayout, TextLine } from './layout';
import { cleanText } from './values';

/**
 * Payment terms (BT-20) as printed: the lines that state when and how to pay, Skonto lines
 * included ("Zahlbar innerhalb 30 Tagen netto bis 04.04.2018, 3 % Skonto innerhalb 10 Tagen",
 * "zahlbar bis 15.04. abzüglich 3 % Skonto"). The text is kept word for word, one printed line per
 * line, so a later step can read the discount terms from it; nothing is interpreted here.
 */

const TERMS =
  /\b(?:zahlbar|zahlungsziel|zahlungsbedingung(?:en)?|zahlungsfrist|skonto|netto\s?kasse|ohne\s+abzug|sofort\s+fällig|fällig\s+(?:am|bis|innerhalb|sofort)|zahlung\s+(?:innerhalb|bis|binnen|ohne)|bitte\s+(?:überweisen|zahlen)|payment\s+terms?|payable\s+(?:within|by|until|immediately)|due\s+within|net\s+\d+\s+days|conditions?\s+de\s+paiement|à\s+régler|escompte|please\s+(?:remit|pay)|remit\s+(?:until|by))\b/i;
const HEADING_ONLY = /^(?:zahlungsbedingungen|zahlungsziel|payment terms|conditions de paiement)\s*:?$/i;
const MAX_LINES = 6;

export interface PaymentTermsRead {
  value: string;
  evidence: FieldEvidence;
}

export function findPaymentTerms(layout: TextLayout): PaymentTermsRead | undefined {
  const picked: TextLine[] = [];
  for (const line of layout.lines) {
    if (picked.length >= MAX_LINES) break;
    const text = lineText(line);
    if (!TERMS.test(text) || text.length > 300) continue;
    if (HEADING_ONLY.test(text)) {
      // "Zahlungsbedingungen" as a heading: the terms are on the next line
      const next = layout.lines[line.order + 1];
      if (next && next.page === line.page && !picked.includes(next) && !isTableHeader(next))
        picked.push(next);
      continue;
    }
    if (isTableHeader(line) || picked.includes(line)) continue;
    picked.push(line);
    // a sentence that wraps onto the next printed line
    for (
      let next = layout.lines[line.order + 1], n = 0;
      next && n < 2;
      next = layout.lines[next.order + 1], n++
    ) {
      const previous = picked.at(-1)!;
      const text = lineText(previous);
      if (/[.:!]$/.test(text.trim()) || next.page !== previous.page) break;
      if (previous.y - next.y > 1.8 * Math.max(previous.height, next.height)) break;
      if (Math.abs((next.cells[0]?.x0 ?? 0) - (previous.cells[0]?.x0 ?? 0)) > 12 || isTableHeader(next))
        break;
      if (picked.includes(next)) break;
      picked.push(next);
    }
  }
  if (!picked.length) return undefined;
  const value = picked
    .map((line) =>
      cleanText(
        lineText(line).replace(/^(?:zahlungsbedingungen|zahlungsziel|payment terms)\s*:\s*/i, ''),
        300,
      ),
    )
    .filter(Boolean)
    .join('\n');
  const first = picked[0]!;
  return { value, evidence: evidenceOf(first, first.cells, 0.8, picked.map(lineText).join(' / ')) };
}

function lineText(line: TextLine): string {
  return line.cells.map((c) => c.text).join(' ');
}

/** "Beschreibung | Fälligkeit | Teilzahlung": column words only. */
function isTableHeader(line: TextLine): boolean {
  return (
    line.cells.length >= 3 && line.cells.every((c) => !/\d/.test(c.text) && c.text.split(/\s+/).length <= 2)
  );
}
