/**
 * Accuracy of reading invoices from their VISIBLE text (PDF text layer, or OCR of page images)
 * against the embedded e-invoice XML of ZUGFeRD/Factur-X PDFs as ground truth (issue 15):
 * - header fields, each scored over the documents where the XML has the value AND the value is
 *   printed in the visible text (an XML value the page never shows cannot be read from it; such
 *   cases are counted as `notPrinted`, and strict rates over all documents are reported too);
 * - the VAT breakdown (rate, basis and amount of every rate);
 * - line items (quantity, unit price and line net exact);
 * - invented amounts: any amount in the output that is printed nowhere in the document.
 */

import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { TesseractOcr } from '../functions/adapters/local/tesseract-ocr';
import { BoundedPdfReader } from '../functions/adapters/pdf/bounded-pdf-reader';
import { describeError, InvoiceError } from '../functions/core/errors';
import { findEmbeddedInvoice } from '../functions/core/extraction/embedded';
import { extractInvoice } from '../functions/core/extraction/extract';
import { layoutFromPdf } from '../functions/core/extraction/layout';
import { detectDecimalMark, findAmounts, findDates } from '../functions/core/extraction/values';
import type { Invoice } from '../functions/core/invoice/model';
import { sameAmount } from '../functions/core/money';
import type { OcrEngine } from '../functions/core/ports/documents';
import { corpusDirFromEnv, listFiles, median } from './corpus';

export const HEADER_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'dueDate',
  'sellerName',
  'sellerVatId',
  'buyerName',
  'net',
  'vat',
  'gross',
  'payable',
  'currency',
  'iban',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];

type Kind = 'id' | 'date' | 'name' | 'compact' | 'amount' | 'code';
const KIND: Record<HeaderField, Kind> = {
  invoiceNumber: 'id',
  issueDate: 'date',
  dueDate: 'date',
  sellerName: 'name',
  sellerVatId: 'compact',
  buyerName: 'name',
  net: 'amount',
  vat: 'amount',
  gross: 'amount',
  payable: 'amount',
  currency: 'code',
  iban: 'compact',
};

function headerValue(invoice: Invoice, field: HeaderField): string | undefined {
  const value = {
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    sellerName: invoice.seller.name,
    sellerVatId: invoice.seller.vatId,
    buyerName: invoice.buyer.name,
    net: invoice.totals.net,
    vat: invoice.totals.vat,
    gross: invoice.totals.gross,
    payable: invoice.totals.payable,
    currency: invoice.currency,
    iban: invoice.payment.accounts[0]?.iban,
  }[field];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export interface Tally {
  correct: number;
  total: number;
}
export interface FieldTally extends Tally {
  /** The XML has a value the visible text does not show. */
  notPrinted: number;
  /** All documents where the XML has a value (strict: unprinted values count as misses). */
  strictCorrect: number;
  strictTotal: number;
  /** Output present although the XML has no value. */
  extra: number;
}

export interface Miss {
  file: string;
  field: string;
  expected?: string;
  got?: string;
}

export interface VisibleAccuracy {
  documents: number;
  fields: Record<HeaderField, FieldTally>;
  vatBreakdown: Tally & { notPrinted: number; multiRate: Tally };
  lines: Tally & { notPrinted: number; extraLines: number };
  inventedAmounts: number;
  misses: Miss[];
  invented: Miss[];
}

export function emptyAccuracy(): VisibleAccuracy {
  return {
    documents: 0,
    fields: Object.fromEntries(
      HEADER_FIELDS.map((f) => [
        f,
        { correct: 0, total: 0, notPrinted: 0, strictCorrect: 0, strictTotal: 0, extra: 0 },
      ]),
    ) as Record<HeaderField, FieldTally>,
    vatBreakdown: { correct: 0, total: 0, notPrinted: 0, multiRate: { correct: 0, total: 0 } },
    lines: { correct: 0, total: 0, notPrinted: 0, extraLines: 0 },
    inventedAmounts: 0,
    misses: [],
    invented: [],
  };
}

/** What the page shows: every amount (absolute value), date, and the text in compact forms. */
export class PrintedText {
  readonly amounts = new Set<string>();
  readonly dates = new Set<string>();
  readonly compact: string;
  readonly letters: string;
  readonly raw: string;

  constructor(lines: string[]) {
    this.raw = lines.join('\n');
    const mark = detectDecimalMark(lines);
    for (const line of lines) {
      for (const amount of findAmounts(line, mark)) this.amounts.add(canonical(amount.value));
      for (const order of ['dmy', 'mdy'] as const)
        for (const date of findDates(line, order)) this.dates.add(date.iso);
    }
    this.compact = this.raw.toUpperCase().replace(/[\s.\-_/]/g, '');
    this.letters = nameKey(this.raw);
  }

  shows(kind: Kind, value: string): boolean {
    switch (kind) {
      case 'amount':
        return this.amounts.has(canonical(value));
      case 'date':
        return this.dates.has(value);
      case 'name':
        return this.letters.includes(nameKey(value));
      case 'compact':
        return this.compact.includes(value.toUpperCase().replace(/[\s.\-_/]/g, ''));
      case 'id':
        return (
          this.raw.includes(value) || this.compact.includes(value.toUpperCase().replace(/[\s.\-_/]/g, ''))
        );
      case 'code':
        return true;
    }
  }
}

/** Absolute value without trailing zeros: "-233.470" -> "233.47". */
function canonical(amount: string): string {
  const abs = amount.replace(/^-/, '');
  return abs.includes('.') ? abs.replace(/0+$/, '').replace(/\.$/, '') : abs;
}

/** "Au bon moulin SARL" names the same company as "Au bon moulin". */
function withoutLegalForm(name: string): string {
  return name.replace(
    /[\s,]+(?:GmbH|mbH|AG|KG|OHG|UG|SE|SARL|SAS|SA|Ltd\.?|LLC|Inc\.?|B\.V\.|e\.\s?K\.|e\.\s?V\.)$/u,
    '',
  );
}

function nameKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function same(kind: Kind, expected: string, got: string): boolean {
  if (kind === 'amount') return sameAmount(expected, got);
  if (kind === 'name') return nameKey(withoutLegalForm(expected)) === nameKey(withoutLegalForm(got));
  if (kind === 'compact')
    return expected.replace(/\s/g, '').toUpperCase() === got.replace(/\s/g, '').toUpperCase();
  return expected === got;
}

/** Scores one document; `read` undefined means the path failed (everything missed). */
export function scoreDocument(
  accuracy: VisibleAccuracy,
  file: string,
  truth: Invoice,
  read: Invoice | undefined,
  printed: PrintedText,
): void {
  accuracy.documents++;
  for (const field of HEADER_FIELDS) {
    const tally = accuracy.fields[field];
    const expected = headerValue(truth, field);
    const got = read ? headerValue(read, field) : undefined;
    if (expected === undefined) {
      if (got !== undefined) tally.extra++;
      continue;
    }
    const ok = got !== undefined && same(KIND[field], expected, got);
    tally.strictTotal++;
    if (ok) tally.strictCorrect++;
    if (!printed.shows(KIND[field], expected)) {
      tally.notPrinted++;
      continue;
    }
    tally.total++;
    if (ok) tally.correct++;
    else accuracy.misses.push({ file, field, expected, ...(got !== undefined ? { got } : {}) });
  }

  // VAT breakdown: every rate with basis and amount
  const triples = (invoice: Invoice) =>
    invoice.vatBreakdown
      .map((v) => `${Number(v.rate ?? 0)}:${canonical(v.taxable)}:${canonical(v.tax)}`)
      .sort()
      .join(' ');
  const breakdownPrinted = truth.vatBreakdown.every(
    (v) =>
      (printed.shows('amount', v.taxable) || sameAmount(v.taxable, truth.totals.net)) &&
      (printed.shows('amount', v.tax) || sameAmount(v.tax, '0')),
  );
  if (truth.vatBreakdown.length && !breakdownPrinted) accuracy.vatBreakdown.notPrinted++;
  else if (truth.vatBreakdown.length) {
    const ok = read !== undefined && triples(truth) === triples(read);
    accuracy.vatBreakdown.total++;
    if (ok) accuracy.vatBreakdown.correct++;
    else
      accuracy.misses.push({
        file,
        field: 'vatBreakdown',
        expected: triples(truth),
        got: read ? triples(read) : '',
      });
    if (truth.vatBreakdown.length > 1) {
      accuracy.vatBreakdown.multiRate.total++;
      if (ok) accuracy.vatBreakdown.multiRate.correct++;
    }
  }

  // Line items: quantity, unit price and line net exact
  const unused = [...(read?.lines ?? [])];
  for (const line of truth.lines) {
    const shown = (value: string | undefined) => !value || printed.shows('amount', value);
    if (!shown(line.net) || !shown(line.quantity) || !shown(line.price)) {
      accuracy.lines.notPrinted++;
      continue;
    }
    accuracy.lines.total++;
    const index = unused.findIndex(
      (r) =>
        sameAmount(r.net, line.net) &&
        sameAmount(r.quantity, line.quantity) &&
        sameAmount(r.price, line.price),
    );
    if (index >= 0) {
      accuracy.lines.correct++;
      unused.splice(index, 1);
    } else {
      const near = unused.find((r) => sameAmount(r.net, line.net));
      accuracy.misses.push({
        file,
        field: `line ${line.id}`,
        expected: `${line.quantity} × ${line.price} = ${line.net}`,
        ...(near ? { got: `${near.quantity} × ${near.price} = ${near.net}` } : {}),
      });
    }
  }
  accuracy.lines.extraLines += unused.length;

  // Invented amounts: output amounts printed nowhere
  if (!read) return;
  const amounts: [string, string | undefined][] = [
    ['totals.net', read.totals.net],
    ['totals.vat', read.totals.vat],
    ['totals.gross', read.totals.gross],
    ['totals.payable', read.totals.payable],
    ['totals.lineNet', read.totals.lineNet],
    ...read.vatBreakdown.flatMap((v, i): [string, string][] => [
      [`vatBreakdown[${i}].taxable`, v.taxable],
      [`vatBreakdown[${i}].tax`, v.tax],
    ]),
    ...read.lines.flatMap((l, i): [string, string][] => [
      [`lines[${i}].net`, l.net],
      [`lines[${i}].price`, l.price],
    ]),
  ];
  // the VAT total may be the sum of printed VAT lines that the printed net and gross confirm
  const { net, vat, gross } = read.totals;
  const confirmedVat =
    vat !== undefined &&
    net !== '' &&
    gross !== '' &&
    printed.shows('amount', net) &&
    printed.shows('amount', gross) &&
    sameAmount(String(Number(gross) - Number(net)), vat);
  for (const [path, value] of amounts) {
    if (value === undefined || value === '' || sameAmount(value, '0')) continue;
    if (printed.shows('amount', value) || (path === 'totals.vat' && confirmedVat)) continue;
    accuracy.inventedAmounts++;
    accuracy.invented.push({ file, field: path, got: value });
  }
}

export const rateOf = (t: Tally): number => (t.total ? t.correct / t.total : 0);

// ---- The run over the corpus ----

export interface VisibleBenchOptions {
  /** OCR engine for the scan renderings; without it the OCR part is skipped. */
  ocr?: OcrEngine;
  /** Documents read through OCR (an even spread over the corpus); default all. */
  ocrDocuments?: number;
  /** pdftotext binary for the speed reference (default: PDFTOTEXT or `pdftotext` on PATH). */
  pdftotext?: string;
  /** Timed repetitions of the warm text path per document (median). Default 3. */
  repeats?: number;
}

export interface PathTiming {
  documents: number;
  pages: number;
  msPerDocMedian: number;
  msPerDocP95: number;
  msPerPage: number;
}

export interface VisibleBenchReport {
  text: VisibleAccuracy;
  ocr?: VisibleAccuracy;
  skipped: { file: string; reason: string }[];
  timing: {
    text: PathTiming;
    ocr?: PathTiming;
    pdftotext?: PathTiming;
    /** Why there is no pdftotext reference, when there is none. */
    pdftotextMissing?: string;
    /** Warm text path ms per page / pdftotext ms per page. */
    textVsPdftotext?: number;
  };
}

export async function runVisibleBench(
  corpusDir: string,
  options: VisibleBenchOptions = {},
): Promise<VisibleBenchReport> {
  const reader = new BoundedPdfReader({ limits: { timeoutMs: 60_000 } });
  const repeats = options.repeats ?? 3;
  const pdftotext = findPdftotext(options.pdftotext);
  const text = emptyAccuracy();
  const skipped: VisibleBenchReport['skipped'] = [];
  const textTimes: { ms: number; pages: number }[] = [];
  const popplerTimes: { ms: number; pages: number }[] = [];
  const documents: {
    file: string;
    bytes: Uint8Array;
    truth: Invoice;
    printed: PrintedText;
    pages: number;
  }[] = [];
  try {
    const files = (await listFiles(join(corpusDir, 'zugferd'))).filter((f) => /\.pdf$/i.test(f));
    for (const path of files) {
      const file = relative(corpusDir, path);
      const bytes = new Uint8Array(await readFile(path));
      let truth: Invoice;
      let printed: PrintedText;
      let pages: number;
      try {
        const content = await reader.read(bytes, { textLayer: true, attachments: true });
        const found = findEmbeddedInvoice(content.embeddedFiles, content.xmp).found;
        if (!found) {
          skipped.push({ file, reason: 'no readable embedded e-invoice (no ground truth)' });
          continue;
        }
        truth = found.invoice;
        printed = new PrintedText(layoutFromPdf(content.pages).lines.map((l) => l.text));
        pages = Math.max(1, content.pages.length);
      } catch (error) {
        if (!(error instanceof InvoiceError)) throw error;
        skipped.push({ file, reason: describeError(error) });
        continue;
      }
      documents.push({ file, bytes, truth, printed, pages });

      let read: Invoice | undefined;
      const runs: number[] = [];
      for (let i = 0; i <= repeats; i++) {
        const started = performance.now();
        try {
          read = (await extractInvoice({ bytes, fileName: file }, { pdf: reader }, { textOnly: true }))
            .invoice;
        } catch (error) {
          if (!(error instanceof InvoiceError)) throw error;
        }
        if (i > 0) runs.push(performance.now() - started); // the first run warms up
      }
      textTimes.push({ ms: median(runs), pages });
      scoreDocument(text, file, truth, read, printed);
      if (pdftotext.binary) popplerTimes.push({ ms: timePdftotext(pdftotext.binary, path, repeats), pages });
    }

    let ocr: VisibleAccuracy | undefined;
    const ocrTimes: { ms: number; pages: number }[] = [];
    if (options.ocr) {
      ocr = emptyAccuracy();
      const wanted = Math.min(options.ocrDocuments ?? documents.length, documents.length);
      const step = documents.length / Math.max(1, wanted);
      for (let k = 0; k < wanted; k++) {
        const document = documents[Math.floor(k * step)]!;
        const scan = await scanOf(reader, document.bytes);
        const started = performance.now();
        let read: Invoice | undefined;
        try {
          read = (await extractInvoice({ bytes: scan.bytes }, { pdf: reader, ocr: options.ocr })).invoice;
        } catch (error) {
          if (!(error instanceof InvoiceError)) throw error;
        }
        ocrTimes.push({ ms: performance.now() - started, pages: scan.pages });
        scoreDocument(ocr, document.file, document.truth, read, document.printed);
      }
    }

    const textTiming = timingOf(textTimes);
    const popplerTiming = popplerTimes.length ? timingOf(popplerTimes) : undefined;
    return {
      text,
      ...(ocr ? { ocr } : {}),
      skipped,
      timing: {
        text: textTiming,
        ...(ocrTimes.length ? { ocr: timingOf(ocrTimes) } : {}),
        ...(popplerTiming
          ? { pdftotext: popplerTiming, textVsPdftotext: textTiming.msPerPage / popplerTiming.msPerPage }
          : { pdftotextMissing: pdftotext.missing }),
      },
    };
  } finally {
    await reader.close();
  }
}

/** The PDF as a scan: each page rendered at 200 dpi and placed as an image on a page of its size. */
async function scanOf(
  reader: BoundedPdfReader,
  bytes: Uint8Array,
): Promise<{ bytes: Uint8Array; pages: number }> {
  const rendered = await reader.read(bytes, {
    textLayer: false,
    attachments: false,
    render: { dpi: 200, maxPages: 5 },
  });
  const scan = await PDFDocument.create();
  for (const image of rendered.images ?? []) {
    const png = await scan.embedPng(image.png);
    const width = image.width / image.scale;
    const height = image.height / image.scale;
    scan.addPage([width, height]).drawImage(png, { x: 0, y: 0, width, height });
  }
  return { bytes: await scan.save(), pages: rendered.images?.length ?? 0 };
}

function timingOf(times: { ms: number; pages: number }[]): PathTiming {
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  const totalMs = sorted.reduce((a, b) => a + b, 0);
  const pages = times.reduce((n, t) => n + t.pages, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    documents: times.length,
    pages,
    msPerDocMedian: round(median(sorted)),
    msPerDocP95: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0),
    msPerPage: round(pages ? totalMs / pages : 0),
  };
}

function findPdftotext(explicit: string | undefined): { binary?: string; missing?: string } {
  const candidate = explicit ?? process.env.PDFTOTEXT ?? 'pdftotext';
  const probe = spawnSync(candidate, ['-v'], { encoding: 'utf8' });
  if (probe.error)
    return {
      missing: `pdftotext not found (${candidate}): the speed reference is skipped; install poppler-utils or set PDFTOTEXT`,
    };
  return { binary: candidate };
}

/** Median wall time of pdftotext extracting the whole text (process start included, as in a batch). */
function timePdftotext(binary: string, file: string, repeats: number): number {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    spawnSync(binary, ['-q', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    runs.push(performance.now() - started);
  }
  return median(runs);
}

// ---- Goals (issue 15) ----

export const GOALS = {
  headerField: 0.98,
  vatBreakdown: 0.95,
  lines: 0.95,
  inventedAmounts: 0,
  ocrHeaderField: 0.95,
  textVsPdftotext: 2,
} as const;

/** Every goal the report misses, in words (empty when all are met). */
export function missedGoals(report: VisibleBenchReport): string[] {
  const missed: string[] = [];
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  for (const field of HEADER_FIELDS) {
    const r = rateOf(report.text.fields[field]);
    if (r < GOALS.headerField) missed.push(`text ${field} ${pct(r)} < ${pct(GOALS.headerField)}`);
  }
  const breakdown = rateOf(report.text.vatBreakdown);
  if (breakdown < GOALS.vatBreakdown)
    missed.push(`text VAT breakdown ${pct(breakdown)} < ${pct(GOALS.vatBreakdown)}`);
  const lines = rateOf(report.text.lines);
  if (lines < GOALS.lines) missed.push(`text line items ${pct(lines)} < ${pct(GOALS.lines)}`);
  if (report.text.inventedAmounts > GOALS.inventedAmounts)
    missed.push(`text path invented ${report.text.inventedAmounts} amounts`);
  if (report.ocr) {
    for (const field of HEADER_FIELDS) {
      const r = rateOf(report.ocr.fields[field]);
      if (r < GOALS.ocrHeaderField) missed.push(`OCR ${field} ${pct(r)} < ${pct(GOALS.ocrHeaderField)}`);
    }
    if (report.ocr.inventedAmounts > GOALS.inventedAmounts)
      missed.push(`OCR path invented ${report.ocr.inventedAmounts} amounts`);
  } else missed.push('OCR path not measured');
  const ratio = report.timing.textVsPdftotext;
  if (ratio === undefined) missed.push(`speed not compared: ${report.timing.pdftotextMissing}`);
  else if (ratio > GOALS.textVsPdftotext)
    missed.push(`text path ${ratio.toFixed(2)}× pdftotext per page > ${GOALS.textVsPdftotext}×`);
  return missed;
}

export function printVisibleReport(
  report: VisibleBenchReport,
  out: (line?: string) => void = console.log,
): void {
  const pct = (t: Tally) => (t.total ? `${((t.correct / t.total) * 100).toFixed(1)}%` : '-');
  const paths = [
    ['pdf-text', report.text] as const,
    ...(report.ocr ? [['ocr 200 dpi', report.ocr] as const] : []),
  ];
  out(
    '\n== Visible text vs embedded XML (ZUGFeRD/Factur-X PDFs): per field, over documents that print the value ==',
  );
  out(['field'.padEnd(14), ...paths.map(([name, a]) => `${name} (${a.documents})`.padStart(26))].join(' '));
  for (const field of HEADER_FIELDS)
    out(
      [
        field.padEnd(14),
        ...paths.map(([, a]) => {
          const t = a.fields[field];
          return `${pct(t)} ${t.correct}/${t.total}`.padStart(18) + ` np ${t.notPrinted}`.padStart(8);
        }),
      ].join(' '),
    );
  for (const [name, a] of paths) {
    out(
      `${name}: VAT breakdown ${pct(a.vatBreakdown)} (${a.vatBreakdown.correct}/${a.vatBreakdown.total}; multi-rate ${pct(a.vatBreakdown.multiRate)} of ${a.vatBreakdown.multiRate.total}); ` +
        `line items ${pct(a.lines)} (${a.lines.correct}/${a.lines.total}, ${a.lines.extraLines} extra); invented amounts ${a.inventedAmounts}`,
    );
  }
  const strict = HEADER_FIELDS.map((f) => {
    const t = report.text.fields[f];
    return `${f} ${t.strictTotal ? ((t.strictCorrect / t.strictTotal) * 100).toFixed(1) : '-'}%`;
  });
  out(`strict (all documents, printed or not), pdf-text: ${strict.join(', ')}`);
  const { timing } = report;
  const t = timing.text;
  out(
    `speed: pdf-text warm ${t.msPerDocMedian} ms/doc median, p95 ${t.msPerDocP95}, ${t.msPerPage} ms/page (${t.pages} pages)`,
  );
  if (timing.pdftotext)
    out(
      `       pdftotext ${timing.pdftotext.msPerDocMedian} ms/doc median, ${timing.pdftotext.msPerPage} ms/page; text path = ${timing.textVsPdftotext?.toFixed(2)}× pdftotext`,
    );
  else out(`       ${timing.pdftotextMissing}`);
  if (timing.ocr)
    out(
      `       ocr ${timing.ocr.msPerDocMedian} ms/doc median, p95 ${timing.ocr.msPerDocP95}, ${timing.ocr.msPerPage} ms/page`,
    );
  if (report.skipped.length) out(`skipped: ${report.skipped.map((s) => s.file).join(', ')}`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // npx tsx bench/visible.ts [--ocr N] [--misses]: this part of bench:extract alone
  const ocrAt = process.argv.indexOf('--ocr');
  const ocrDocuments = ocrAt >= 0 ? Number(process.argv[ocrAt + 1] ?? 'NaN') : undefined;
  const ocr = ocrAt >= 0 ? new TesseractOcr() : undefined;
  try {
    const repeatsAt = process.argv.indexOf('--repeats');
    const report = await runVisibleBench(corpusDirFromEnv(), {
      ...(repeatsAt >= 0 ? { repeats: Number(process.argv[repeatsAt + 1]) } : {}),
      ...(ocr ? { ocr, ...(Number.isFinite(ocrDocuments) ? { ocrDocuments } : {}) } : {}),
    });
    printVisibleReport(report);
    if (process.argv.includes('--misses')) {
      for (const [name, a] of [['text', report.text] as const, ['ocr', report.ocr] as const]) {
        for (const m of a?.misses ?? [])
          console.log(`${name} MISS ${m.file} ${m.field}: expected ${m.expected} got ${m.got}`);
        for (const m of a?.invented ?? []) console.log(`${name} INVENTED ${m.file} ${m.field}: ${m.got}`);
      }
    }
    const missed = missedGoals(report);
    console.log(missed.length ? `\ngoals missed:\n  ${missed.join('\n  ')}` : '\nall goals met');
  } finally {
    await ocr?.close();
  }
}
