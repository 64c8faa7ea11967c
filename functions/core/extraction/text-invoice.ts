import { type FieldEvidence, type Invoice, isCreditNote, type PaymentAccount } from '../invoice/model';
import { type DecimalString, dec } from '../money';
import {
  type Candidate,
  evidenceOf,
  findLabels,
  type LabelHit,
  placementFactor,
  round2,
  valueSpans,
} from './fields';
import type { LabelField } from './labels';
import type { TextCell, TextLayout } from './layout';
import { findLineItems } from './line-items';
import { findPartyNames } from './parties';
import { findPaymentTerms } from './payment-terms';
import {
  type ReadContext,
  readAmount,
  readBic,
  readCurrency,
  readDate,
  readIdentifier,
  readLabelledIban,
  readPeriod,
  readTaxNumber,
  readVatId,
} from './readers';
import { detectDecimalMark, findCurrencies, findDates, findIbans, findVatId } from './values';
import { findVatBreakdown } from './vat-breakdown';

/**
 * Reads an invoice from the visible text (a PDF text layer or OCR lines). Deterministic: it
 * only looks for labels and values; text on the page is data, never an instruction.
 * Every field found gets a confidence and evidence in source.fields; source.confidence sums
 * up the key fields (number, date, gross total, currency).
 */

export interface TextReadOptions {
  format: 'pdf-text' | 'ocr';
  /** Multiplies every confidence (OCR passes its mean recognition confidence). */
  qualityFactor?: number;
}

export interface TextReadResult {
  invoice: Invoice;
  warnings: string[];
}

type FieldKey =
  | 'invoiceNumber'
  | 'issueDate'
  | 'dueDate'
  | 'deliveryDate'
  | 'periodStart'
  | 'periodEnd'
  | 'currency'
  | 'purchaseOrder'
  | 'lineNet'
  | 'net'
  | 'vat'
  | 'gross'
  | 'payable'
  | 'iban'
  | 'bic'
  | 'sellerVatId'
  | 'buyerVatId'
  | 'taxNumber'
  | 'typeCode';

/** Candidates per field; the best one wins, ties go to the first (or last, for totals). */
class CandidatePool {
  private readonly byField = new Map<FieldKey, Candidate[]>();

  add(field: FieldKey, candidate: Candidate): void {
    const list = this.byField.get(field) ?? [];
    list.push(candidate);
    this.byField.set(field, list);
  }

  all(field: FieldKey): Candidate[] {
    return this.byField.get(field) ?? [];
  }

  best(field: FieldKey, prefer: 'first' | 'last' = 'first'): Candidate | undefined {
    return [...this.all(field)].sort(
      (a, b) => b.confidence - a.confidence || (prefer === 'first' ? a.order - b.order : b.order - a.order),
    )[0];
  }
}

const AMOUNT_FIELDS: Partial<Record<LabelField, FieldKey>> = {
  lineNet: 'lineNet',
  net: 'net',
  vat: 'vat',
  gross: 'gross',
  payable: 'payable',
};
const DATE_FIELDS: Partial<Record<LabelField, FieldKey>> = {
  issueDate: 'issueDate',
  deliveryDate: 'deliveryDate',
  dueDate: 'dueDate',
};

export function readInvoiceFromLayout(layout: TextLayout, options: TextReadOptions): TextReadResult {
  const warnings: string[] = [];
  const allText = layout.lines.map((l) => l.text).join('\n');
  const mark = detectDecimalMark(layout.lines.map((l) => l.text));
  const context: ReadContext = { mark, slashOrder: detectSlashOrder(allText, mark) };

  const hits = findLabels(layout);
  const labelCells = new Set<TextCell>();
  for (const hit of hits) {
    const cell = hit.line.cells[hit.cellIndex];
    if (cell && hit.start < 2) labelCells.add(cell);
  }

  const pool = new CandidatePool();
  for (const hit of hits) collectLabelled(hit, layout, labelCells, context, pool);
  collectFromTitles(layout, context, pool);
  collectFromPhrases(layout, context, pool);
  collectUnlabelled(layout, pool);
  collectCurrencyFallback(layout, allText, pool);
  collectDateFallback(layout, context, pool);

  const fields: Record<string, FieldEvidence> = {};
  const take = (field: FieldKey, path: string, prefer: 'first' | 'last' = 'first'): string | undefined => {
    const chosen = pool.best(field, prefer);
    if (chosen) fields[path] = chosen.evidence;
    return chosen?.value;
  };

  const invoiceNumber = take('invoiceNumber', 'invoiceNumber');
  const issueDate = take('issueDate', 'issueDate');
  const currency = take('currency', 'currency');
  const dueDate = take('dueDate', 'dueDate');
  const deliveryDate = take('deliveryDate', 'delivery.date');
  const periodStart = take('periodStart', 'delivery.periodStart');
  const periodEnd = take('periodEnd', 'delivery.periodEnd');
  const purchaseOrder = take('purchaseOrder', 'purchaseOrderReference');
  const typeCode = take('typeCode', 'typeCode') ?? typeCodeFromWords(allText);

  const totals = reconcileTotals(pool, fields, warnings);
  const lineNet = take('lineNet', 'totals.lineNet', 'last') ?? totals.net;

  const { lines, evidence: linesEvidence, lineEvidence } = findLineItems(layout, context);
  if (linesEvidence) fields.lines = linesEvidence;
  lineEvidence.forEach((evidence, i) => {
    fields[`lines[${i}]`] = evidence;
  });

  const parties = findPartyNames(layout, hits);
  if (parties.seller) fields['seller.name'] = parties.seller.evidence;
  if (parties.buyer) fields['buyer.name'] = parties.buyer.evidence;
  const buyerVatId = take('buyerVatId', 'buyer.vatId');
  const sellerVatCandidate = pool
    .all('sellerVatId')
    .filter((c) => c.value !== buyerVatId)
    .sort((a, b) => b.confidence - a.confidence || a.order - b.order)[0];
  if (sellerVatCandidate) fields['seller.vatId'] = sellerVatCandidate.evidence;
  const taxNumber = take('taxNumber', 'seller.taxNumber');

  const accounts = paymentAccounts(pool, fields);
  const breakdown = findVatBreakdown(layout, context, totals);
  const vatBreakdown = breakdown.breakdown;
  breakdown.rowEvidence.forEach((evidence, i) => {
    fields[`vatBreakdown[${i}]`] = evidence;
  });
  const paymentTerms = findPaymentTerms(layout);
  if (paymentTerms) fields.paymentTerms = paymentTerms.evidence;

  if (!invoiceNumber) warnings.push('invoice number (BT-1) not found in the text');
  if (!issueDate) warnings.push('issue date (BT-2) not found in the text');
  if (!totals.gross) warnings.push('gross total (BT-112) not found in the text');
  if (pool.best('currency')?.confidence === CURRENCY_DEFAULT_CONFIDENCE)
    warnings.push('currency not printed; assumed EUR');

  crossCheckLines(lines, lineNet, fields, warnings);
  tagTerms(fields);

  const quality = options.qualityFactor ?? 1;
  if (quality !== 1)
    for (const evidence of Object.values(fields)) evidence.confidence = round2(evidence.confidence * quality);
  const keyConfidence = ['invoiceNumber', 'issueDate', 'totals.gross', 'currency'].map(
    (k) => fields[k]?.confidence ?? 0,
  );
  const confidence = round2(keyConfidence.reduce((a, b) => a + b, 0) / keyConfidence.length);

  const invoice: Invoice = {
    invoiceNumber: invoiceNumber ?? '', // BT-1
    issueDate: issueDate ?? '', // BT-2
    typeCode, // BT-3
    currency: currency ?? 'EUR', // BT-5
    ...(dueDate ? { dueDate } : {}), // BT-9
    ...(paymentTerms ? { paymentTerms: paymentTerms.value } : {}), // BT-20
    ...(purchaseOrder ? { purchaseOrderReference: purchaseOrder } : {}), // BT-13
    notes: [],
    precedingInvoices: [],
    seller: {
      ...(parties.seller ? { name: parties.seller.value } : {}),
      identifiers: [],
      ...(parties.sellerAddress ? { address: parties.sellerAddress } : {}),
      ...(sellerVatCandidate ? { vatId: sellerVatCandidate.value } : {}),
      ...(taxNumber ? { taxNumber } : {}),
    },
    buyer: {
      ...(parties.buyer ? { name: parties.buyer.value } : {}),
      identifiers: [],
      ...(parties.buyerAddress ? { address: parties.buyerAddress } : {}),
      ...(buyerVatId ? { vatId: buyerVatId } : {}),
    },
    ...(deliveryDate || periodStart
      ? {
          delivery: {
            ...(deliveryDate ? { date: deliveryDate } : {}),
            ...(periodStart ? { periodStart } : {}),
            ...(periodEnd ? { periodEnd } : {}),
          },
        }
      : {}),
    payment: { accounts },
    allowances: [],
    charges: [],
    totals: {
      lineNet: lineNet ?? '', // BT-106
      net: totals.net ?? '', // BT-109
      ...(totals.vat ? { vat: totals.vat } : {}), // BT-110
      gross: totals.gross ?? '', // BT-112
      payable: totals.payable ?? totals.gross ?? '', // BT-115
    },
    vatBreakdown,
    attachments: [],
    lines,
    source: {
      format: options.format,
      confidence: round2(confidence),
      fields,
      ...(warnings.length ? { warnings: [...warnings] } : {}),
    },
  };
  return { invoice: creditNoteAmounts(invoice, warnings), warnings };
}

/** EN 16931 terms of the evidence keys. */
const TERMS: [RegExp, string][] = [
  [/^invoiceNumber$/, 'BT-1'],
  [/^issueDate$/, 'BT-2'],
  [/^typeCode$/, 'BT-3'],
  [/^currency$/, 'BT-5'],
  [/^dueDate$/, 'BT-9'],
  [/^purchaseOrderReference$/, 'BT-13'],
  [/^paymentTerms$/, 'BT-20'],
  [/^seller\.name$/, 'BT-27'],
  [/^seller\.vatId$/, 'BT-31'],
  [/^seller\.taxNumber$/, 'BT-32'],
  [/^buyer\.name$/, 'BT-44'],
  [/^buyer\.vatId$/, 'BT-48'],
  [/^delivery\.date$/, 'BT-72'],
  [/^delivery\.periodStart$/, 'BT-73'],
  [/^delivery\.periodEnd$/, 'BT-74'],
  [/^payment\.accounts\[\d+\]\.iban$/, 'BT-84'],
  [/^payment\.accounts\[\d+\]\.bic$/, 'BT-86'],
  [/^totals\.lineNet$/, 'BT-106'],
  [/^totals\.net$/, 'BT-109'],
  [/^totals\.vat$/, 'BT-110'],
  [/^totals\.gross$/, 'BT-112'],
  [/^totals\.payable$/, 'BT-115'],
  [/^vatBreakdown/, 'BG-23'],
  [/^lines/, 'BG-25'],
];

function tagTerms(fields: Record<string, FieldEvidence>): void {
  for (const [path, evidence] of Object.entries(fields)) {
    const term = TERMS.find(([pattern]) => pattern.test(path))?.[1];
    if (term) fields[path] = { ...evidence, bt: term };
  }
}

/**
 * Lines that add up to the printed line total (or net) confirm each other; lines that do not are
 * kept, but with a confidence that makes a person look.
 */
function crossCheckLines(
  lines: Invoice['lines'],
  lineNet: DecimalString | undefined,
  fields: Record<string, FieldEvidence>,
  warnings: string[],
): void {
  if (!lines.length) return;
  const sum = lines.reduce((s, l) => s.plus(dec(l.net)), dec(0));
  const fits = lineNet !== undefined && lineNet !== '' && sum.equals(dec(lineNet));
  lines.forEach((_, i) => {
    const evidence = fields[`lines[${i}]`];
    if (!evidence) return;
    fields[`lines[${i}]`] = {
      ...evidence,
      confidence: round2(fits ? Math.max(evidence.confidence, 0.9) : Math.min(evidence.confidence, 0.55)),
    };
  });
  if (!fits) warnings.push(`line amounts add up to ${sum.toFixed(2)}, not to the printed line total`);
}

/**
 * A credit note (BT-3 381 etc.) states its amounts as positive numbers in EN 16931; a credit
 * note printed with minus signs is read with the signs dropped (the document type says it).
 */
function creditNoteAmounts(invoice: Invoice, warnings: string[]): Invoice {
  if (!isCreditNote(invoice) || !invoice.totals.gross.startsWith('-')) return invoice;
  const positive = (v: string) => (v.startsWith('-') ? v.slice(1) : v);
  warnings.push('credit note printed with negative amounts; read as positive amounts (EN 16931)');
  const totals = invoice.totals;
  return {
    ...invoice,
    totals: {
      ...totals,
      lineNet: positive(totals.lineNet),
      net: positive(totals.net),
      ...(totals.vat !== undefined ? { vat: positive(totals.vat) } : {}),
      gross: positive(totals.gross),
      payable: positive(totals.payable),
    },
    vatBreakdown: invoice.vatBreakdown.map((v) => ({
      ...v,
      taxable: positive(v.taxable),
      tax: positive(v.tax),
    })),
    lines: invoice.lines.map((l) => ({ ...l, net: positive(l.net), price: positive(l.price) })),
    source: { ...invoice.source, warnings: [...warnings] },
  };
}

// ---- Labelled values ----

function collectLabelled(
  hit: LabelHit,
  layout: TextLayout,
  labelCells: Set<TextCell>,
  context: ReadContext,
  pool: CandidatePool,
): void {
  for (const span of valueSpans(hit, layout, labelCells)) {
    const confidence = hit.weight * placementFactor(span.placement);
    const add = (field: FieldKey, value: string | undefined) => {
      if (value === undefined) return false;
      const cells = span.line === hit.line ? [hit.line.cells[hit.cellIndex]!, ...span.cells] : span.cells;
      pool.add(field, {
        value,
        confidence,
        order: span.line.order,
        evidence: evidenceOf(
          span.line,
          cells,
          confidence,
          span.line === hit.line ? hit.line.text : `${hit.line.text} / ${span.line.text}`,
        ),
      });
      return true;
    };
    const amountField = AMOUNT_FIELDS[hit.field];
    const dateField = DATE_FIELDS[hit.field];
    let found = false;
    if (amountField) {
      // Under a label, a column of amounts ends in its total (the last one that reads).
      const column = span.column ?? [{ text: span.text, line: span.line, cell: span.cells[0]! }];
      const readable = column.filter((c) => readAmount(c.text, context) !== undefined);
      const pick = span.placement === 'below' ? readable.at(-1) : readable[0];
      if (pick && pick !== column[0]) {
        const confidence = hit.weight * placementFactor('below') * 0.9;
        const value = readAmount(pick.text, context)!;
        pool.add(amountField, {
          value,
          confidence,
          order: pick.line.order,
          evidence: evidenceOf(pick.line, [pick.cell], confidence, `${hit.line.text} / ${pick.line.text}`),
        });
        found = true;
      } else found = add(amountField, readAmount(span.text, context));
    } else if (dateField) found = add(dateField, readDate(span.text, context));
    else if (hit.field === 'servicePeriod') {
      const period = readPeriod(span.text, context);
      found = add('periodStart', period?.[0]) && add('periodEnd', period?.[1]);
    } else if (hit.field === 'invoiceNumber') {
      found = add('invoiceNumber', readIdentifier(span.text));
      // "Rechnung Nr. 4711 vom 05.03.2018": the date of issue follows the number
      const dated = found ? DATE_AFTER_TITLE.exec(span.text) : null;
      const date = dated?.[1] ? readDate(dated[1], context) : undefined;
      if (date) add('issueDate', date);
    } else if (hit.field === 'purchaseOrder') found = add('purchaseOrder', readIdentifier(span.text));
    else if (hit.field === 'currency') found = add('currency', readCurrency(span.text));
    else if (hit.field === 'iban') {
      const read = readLabelledIban(span.text);
      // a label on a form ("IBAN: …"), not a word in running text
      const labelText = hit.line.cells[hit.cellIndex]!.text;
      const formLabel =
        hit.start <= 1 || labelText.split(/\s+/).length <= 4 || hit.end >= labelText.trim().length - 1;
      if (read?.valid) found = add('iban', read.iban);
      else if (read && formLabel) {
        // an IBAN with a wrong checksum is read as printed, with a confidence that makes a person look
        const weak = Math.min(confidence, 0.45);
        pool.add('iban', {
          value: read.iban,
          confidence: weak,
          order: span.line.order,
          evidence: evidenceOf(span.line, span.cells, weak, `${hit.line.text} (IBAN checksum invalid)`),
        });
        found = true;
      }
    } else if (hit.field === 'bic') found = add('bic', readBic(span.text));
    else if (hit.field === 'sellerVatId') found = add('sellerVatId', readVatId(span.text));
    else if (hit.field === 'buyerVatId') found = add('buyerVatId', readVatId(span.text));
    else if (hit.field === 'taxNumber') found = add('taxNumber', readTaxNumber(span.text));
    else return; // seller/buyer are read by parties.ts; 'other*' labels only stop neighbours
    if (found) return; // the nearest readable span wins
  }
}

// ---- Titles and phrases ----

const TITLE_WORD =
  '(?:[\\p{L}]*rechnung|rechnungskorrektur|gutschrift|invoice|facture|factuur|avoir|credit\\s?note|bill)';
const TITLE_FILLER =
  '(?:\\([^)]{0,40}\\)\\s*)?(?:(?:des|der|du|de|of|for|zur|zum)\\s+(?!bestell|auftrag|order|liefer)[\\p{L}-]+\\s+)?';
const TYPE_IN_PARENS = '(?:\\((\\d{3})\\)\\s*)?';
const NUMBER_WORD = '(?:(?:nr|no|nummer|number|num|n°)\\.?\\s*:?\\s*|#\\s*|:\\s*)';
const ID = '([\\p{L}\\p{N}][\\p{L}\\p{N}\\-/._]*\\p{N}[\\p{L}\\p{N}\\-/._]*|\\p{N})';
/** "Handelsrechnung (380) Nr. 471102 vom 05.03.2018", "Invoice # RE-1/507 issued at 2019-06-10". */
const TITLE_WITH_NUMBER = new RegExp(
  `(?<![\\p{L}])${TITLE_WORD}\\s+${TITLE_FILLER}${TYPE_IN_PARENS}${NUMBER_WORD}${ID}`,
  'iu',
);
/** "Rechnung RE1001", "Facture FA-2017-0010" as the first cell of a line. */
const TITLE_THEN_ID = new RegExp(`^${TITLE_WORD}\\s+${ID}$`, 'iu');
const DATE_AFTER_TITLE = /\b(?:vom|von|from|du|dated|issued(?:\s+(?:at|on))?|of)\s+(.{6,25})/i;
const UNTDID_1001 = new Set([
  '380',
  '381',
  '383',
  '384',
  '386',
  '389',
  '326',
  '261',
  '262',
  '296',
  '308',
  '325',
  '387',
  '388',
  '393',
  '394',
  '395',
  '396',
  '420',
  '456',
  '457',
  '527',
  '575',
  '623',
  '633',
  '751',
  '780',
  '875',
  '876',
  '877',
  '935',
]);

/** A document title alone in its cell ("Beitragsrechnung | 24. Januar 2014"). */
const TITLE_ONLY = new RegExp(`^${TITLE_WORD}$`, 'iu');

function collectFromTitles(layout: TextLayout, context: ReadContext, pool: CandidatePool): void {
  for (const line of layout.lines) {
    const titleCell = line.cells.findIndex((c) => TITLE_ONLY.test(c.text.trim()));
    const dateNext = titleCell >= 0 ? readDate(line.cells[titleCell + 1]?.text ?? '', context) : undefined;
    if (dateNext)
      pool.add('issueDate', {
        value: dateNext,
        confidence: 0.75,
        order: line.order,
        evidence: evidenceOf(line, line.cells, 0.75),
      });
    const withNumber = TITLE_WITH_NUMBER.exec(line.text);
    const first = line.cells[0]?.text ?? '';
    const bare = withNumber ? undefined : TITLE_THEN_ID.exec(first);
    const match = withNumber ?? bare;
    if (!match) continue;
    const id = withNumber ? withNumber[2] : bare?.[1];
    const token = id ? readIdentifier(id) : undefined;
    if (!token) continue;
    const confidence = withNumber ? 0.85 : 0.7;
    const evidence = evidenceOf(line, line.cells, confidence);
    pool.add('invoiceNumber', { value: token, confidence, order: line.order, evidence });
    const typeCode = withNumber?.[1];
    if (typeCode && UNTDID_1001.has(typeCode))
      pool.add('typeCode', { value: typeCode, confidence: 0.9, order: line.order, evidence });
    const after = line.text.slice((match.index ?? 0) + match[0].length);
    const dated = DATE_AFTER_TITLE.exec(after);
    const date = dated?.[1] ? readDate(dated[1], context) : undefined;
    if (date) pool.add('issueDate', { value: date, confidence: 0.85, order: line.order, evidence });
  }
}

const DUE_PHRASE =
  /(?:zahlbar|überweisen|zahlung|bezahlen|zu zahlen|fällig|remit|pay(?:able|ment)?)[^|]{0,80}?(?:\bbis(?:\s+(?:zum|spätestens))?|\bspätestens(?:\s+am)?|\buntil|\bby|\bbefore|\bno later than)\s+(.{6,22})/i;
/** Direct debit: "Der Betrag wird am 20.03.2014 von Ihrem Konto … eingezogen" (the due date). */
const DEBIT_PHRASE =
  /\b(?:wird|werden)\s+(?:am|zum)\s+(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4})[^|]{0,160}?\b(?:eingezogen|abgebucht|belastet)|\bwill be debited (?:on|from) (.{6,22})/i;
/** The buyer's own account (direct debit): never the account to pay to. */
const DEBITED_ACCOUNT =
  /\b(?:ihrem|ihres|ihr)\s+konto|your account|eingezogen|abgebucht|lastschrift|direct debit|prélèvement/i;
const PLACE_DATE = /(?:^|\|\s*)[\p{L}][\p{L} .-]{1,40},\s*(?:den\s+)?(?:\|\s*)?(.{6,22})/u;

function collectFromPhrases(layout: TextLayout, context: ReadContext, pool: CandidatePool): void {
  for (const line of layout.lines) {
    const due = DUE_PHRASE.exec(line.text) ?? DEBIT_PHRASE.exec(line.text);
    const dueText = due?.[1] ?? due?.[2];
    const dueDate = dueText ? readDate(dueText, context) : undefined;
    if (dueDate)
      pool.add('dueDate', {
        value: dueDate,
        confidence: 0.8,
        order: line.order,
        evidence: evidenceOf(line, line.cells, 0.8),
      });
    // "München, den 01.11.2024" (place and date of issue)
    const placed = /,\s*den\b/i.test(line.text) ? PLACE_DATE.exec(line.text) : undefined;
    const issued = placed?.[1] ? readDate(placed[1], context) : undefined;
    if (issued)
      pool.add('issueDate', {
        value: issued,
        confidence: 0.8,
        order: line.order,
        evidence: evidenceOf(line, line.cells, 0.8),
      });
  }
}

// ---- Values that identify themselves ----

/** IBANs (valid checksum) and VAT ids are recognisable without a label. */
function collectUnlabelled(layout: TextLayout, pool: CandidatePool): void {
  for (const line of layout.lines) {
    if (DEBITED_ACCOUNT.test(line.text)) continue;
    for (const { iban } of findIbans(line.text))
      pool.add('iban', {
        value: iban,
        confidence: 0.85,
        order: line.order,
        evidence: evidenceOf(line, line.cells, 0.85),
      });
    const vatId = findVatId(line.text);
    if (vatId && !/ihre|your|client|kunde/i.test(line.text))
      pool.add('sellerVatId', {
        value: vatId,
        confidence: 0.6,
        order: line.order,
        evidence: evidenceOf(line, line.cells, 0.6),
      });
  }
}

const CURRENCY_DEFAULT_CONFIDENCE = 0.3;

/** Without a "Währung" label: the currency printed most often next to amounts; else EUR. */
function collectCurrencyFallback(layout: TextLayout, allText: string, pool: CandidatePool): void {
  const counts = new Map<string, number>();
  for (const line of layout.lines) {
    if (!/\d/.test(line.text)) continue;
    for (const code of findCurrencies(line.text)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [top, second] = ranked;
  const anchor = layout.lines[0];
  if (!anchor) return;
  if (top) {
    const confidence = top[1] >= 2 && (!second || top[1] >= 2 * second[1]) ? 0.85 : 0.6;
    pool.add('currency', {
      value: top[0],
      confidence,
      order: anchor.order,
      evidence: { confidence, text: `${top[0]} printed ${top[1]}×` },
    });
  } else if (allText.trim()) {
    pool.add('currency', {
      value: 'EUR',
      confidence: CURRENCY_DEFAULT_CONFIDENCE,
      order: anchor.order,
      evidence: { confidence: CURRENCY_DEFAULT_CONFIDENCE, text: 'no currency printed; EUR assumed' },
    });
  }
}

/** Without a labelled date: the first date in the upper half of page 1, with low confidence. */
function collectDateFallback(layout: TextLayout, context: ReadContext, pool: CandidatePool): void {
  if (pool.all('issueDate').length) return;
  const page = layout.pages[0];
  for (const line of layout.lines) {
    if (line.page !== page?.number) break;
    if (line.y < page.height / 2) continue;
    const date = findDates(line.text, context.slashOrder)[0];
    if (!date) continue;
    pool.add('issueDate', {
      value: date.iso,
      confidence: 0.35,
      order: line.order,
      evidence: evidenceOf(line, line.cells, 0.35),
    });
    return;
  }
}

// ---- Totals ----

/** Below the default minExtractionConfidence (0.6): a field read with this makes a person look. */
const UNCERTAIN = 0.5;

interface Totals {
  net?: DecimalString;
  vat?: DecimalString;
  gross?: DecimalString;
  payable?: DecimalString;
}

/**
 * Picks net (BT-109), VAT (BT-110), gross (BT-112) and payable (BT-115). A combination where
 * net + VAT = gross is preferred and raises all three confidences; otherwise the best of each.
 */
function reconcileTotals(
  pool: CandidatePool,
  fields: Record<string, FieldEvidence>,
  warnings: string[],
): Totals {
  const top = (field: FieldKey, n = 8) =>
    [...pool.all(field)].sort((a, b) => b.confidence - a.confidence || b.order - a.order).slice(0, n);
  const grosses = [
    ...top('gross'),
    ...top('payable').map((p) => ({ ...p, confidence: p.confidence * 0.85 })),
  ];
  const vats = [...top('vat'), ...vatSums(pool.all('vat'))];
  const nets = top('net');

  let best: { net: Candidate; vat: Candidate; gross: Candidate; score: number } | undefined;
  for (const gross of grosses) {
    for (const net of nets) {
      for (const vat of vats) {
        if (!dec(net.value).plus(dec(vat.value)).equals(dec(gross.value))) continue;
        const score = gross.confidence + net.confidence + vat.confidence;
        if (!best || score > best.score) best = { net, vat, gross, score };
      }
    }
  }

  const payable = pool.best('payable', 'last');
  if (payable) fields['totals.payable'] = payable.evidence;
  if (best) {
    const boost = (c: Candidate) => ({ ...c.evidence, confidence: round2(Math.max(c.confidence, 0.97)) });
    fields['totals.net'] = boost(best.net);
    fields['totals.vat'] = boost(best.vat);
    fields['totals.gross'] = boost(best.gross);
    return {
      net: best.net.value,
      vat: best.vat.value,
      gross: best.gross.value,
      payable: payable?.value ?? best.gross.value,
    };
  }

  const net = pool.best('net', 'last');
  const vat = pool.best('vat', 'last');
  let gross = pool.best('gross', 'last');
  if (!gross && payable) gross = { ...payable, confidence: payable.confidence * 0.85 };
  const totals: Totals = {};
  if (net) {
    totals.net = net.value;
    fields['totals.net'] = net.evidence;
  }
  if (vat) {
    totals.vat = vat.value;
    fields['totals.vat'] = vat.evidence;
  }
  if (gross) {
    totals.gross = gross.value;
    fields['totals.gross'] = { ...gross.evidence, confidence: round2(gross.confidence * 0.9) };
  }
  if (payable) totals.payable = payable.value;
  if (
    totals.net &&
    totals.vat &&
    totals.gross &&
    !dec(totals.net).plus(dec(totals.vat)).equals(dec(totals.gross))
  ) {
    // one of them is misread (or misprinted): a person must look at all three
    warnings.push(`printed totals disagree: net ${totals.net} + VAT ${totals.vat} ≠ gross ${totals.gross}`);
    for (const key of ['totals.net', 'totals.vat', 'totals.gross'] as const) {
      const evidence = fields[key];
      if (evidence) fields[key] = { ...evidence, confidence: Math.min(evidence.confidence, UNCERTAIN) };
    }
  }
  return totals;
}

/**
 * Several VAT lines (7 % and 19 %) add up to the VAT total. Only a candidate: it is used only
 * where the printed net plus it equals the printed gross.
 */
function vatSums(vats: Candidate[]): Candidate[] {
  const perLine = new Map<number, Candidate>();
  for (const vat of vats) if (vat.confidence <= 0.75 && !perLine.has(vat.order)) perLine.set(vat.order, vat);
  const distinct = [...perLine.values()];
  if (distinct.length < 2 || distinct.length > 6) return [];
  const total = distinct.reduce((acc, c) => acc.plus(dec(c.value)), dec('0'));
  const first = distinct[0]!;
  const confidence = Math.min(...distinct.map((c) => c.confidence));
  const text = `sum of the VAT lines ${distinct.map((c) => c.value).join(' + ')} (net + VAT = gross)`;
  return [
    {
      value: total.toFixed(),
      confidence,
      order: first.order,
      evidence: { ...first.evidence, confidence, text },
    },
  ];
}

function paymentAccounts(pool: CandidatePool, fields: Record<string, FieldEvidence>): PaymentAccount[] {
  const ibans = [...pool.all('iban')].sort((a, b) => b.confidence - a.confidence || a.order - b.order);
  const seen = new Set<string>();
  const accounts: PaymentAccount[] = [];
  const bic = pool.best('bic');
  for (const candidate of ibans) {
    if (seen.has(candidate.value) || accounts.length >= 3) continue;
    seen.add(candidate.value);
    if (accounts.length === 0) fields['payment.accounts[0].iban'] = candidate.evidence;
    accounts.push({ iban: candidate.value });
  }
  if (bic && accounts[0]) {
    accounts[0].bic = bic.value;
    fields['payment.accounts[0].bic'] = bic.evidence;
  }
  return accounts;
}

/**
 * Day or month first in 03/11/2017? A printed date with a part above 12 decides; otherwise
 * documents with English number format (1,234.56) are read month first.
 */
function detectSlashOrder(text: string, mark: '.' | ','): 'dmy' | 'mdy' {
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})(?![\d/])/g)) {
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) return 'dmy';
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) return 'mdy';
  }
  return mark === '.' ? 'mdy' : 'dmy';
}

/** BT-3 from the document's title words when no UNTDID code is printed. */
function typeCodeFromWords(text: string): string {
  const head = text.slice(0, 3000);
  if (/rechnungskorrektur|korrekturrechnung|corrected invoice/i.test(head)) return '384';
  if (/gutschrift/i.test(head) && /selbst\s?ausgestellt|gutschriftsverfahren|self-?billed/i.test(head))
    return '389';
  if (/\b(?:gutschrift|stornorechnung|credit\s?note|avoir)\b/i.test(head)) return '381';
  return '380';
}
