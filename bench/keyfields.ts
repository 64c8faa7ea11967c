/**
 * Key-field bench for the e-invoice XML reader.
 *
 * Walks CORPUS_DIR, reads every XML file and the embedded XML of every PDF with readEInvoiceXml,
 * compares the key fields with oracle/key-fields.jsonl and times parse + map per document.
 * Run: `npx tsx bench/keyfields.ts` (CORPUS_DIR defaults to ../shared/corpus from the repo root).
 */

import { readFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEInvoiceXml } from '../functions/core/einvoice';
import { describeError, InvoiceError } from '../functions/core/errors';
import type { Invoice } from '../functions/core/invoice/model';
import { sameAmount } from '../functions/core/money';
import { corpusDirFromEnv, listFiles, median, pdfAttachments } from './corpus';

/** The fields the reader must get right on every valid document. */
export const KEY_FIELDS = [
  'invoiceNumber',
  'issueDate',
  'currency',
  'sellerVatId',
  'net',
  'vat',
  'gross',
  'payable',
  'vatBreakdown',
] as const;
/** Reported too, but not part of the key-field score. */
export const EXTRA_FIELDS = ['typeCode', 'lineCount'] as const;
type Field = (typeof KEY_FIELDS)[number] | (typeof EXTRA_FIELDS)[number];

interface OracleRow {
  file: string;
  embedded?: string;
  syntax?: string;
  number?: string;
  issue_date?: string;
  type_code?: string;
  currency?: string;
  seller_vat_id?: string | null;
  net_total?: string | null;
  vat_total?: string | null;
  gross_total?: string | null;
  payable?: string | null;
  vat_breakdown?: string[];
  lines?: number;
  error?: string;
}

interface Tally {
  matched: number;
  total: number;
}

export interface FieldMismatch {
  file: string;
  field: Field;
  expected: string;
  got: string;
}

export interface KeyFieldBenchResult {
  corpusDir: string;
  /** Documents compared with the oracle, per source format (or 'error' when the reader refused them). */
  byFormat: Record<string, { files: number; fields: Record<Field, Tally> }>;
  /** All key fields of all compared documents. */
  overall: Tally & { rate: number };
  mismatches: FieldMismatch[];
  /** Oracle documents the reader refused (or oracle errors the reader accepted). */
  errorDisagreements: { file: string; expected: string; got: string }[];
  /** Every XML file and PDF attachment in the corpus: read, refused with a typed error, or crashed. */
  sweep: { documents: number; read: number; typedErrors: number; crashes: { file: string; error: string }[] };
  timing: TimingSummary & { byFormat: Record<string, TimingSummary> };
}

export interface TimingSummary {
  documents: number;
  medianMs: number;
  p95Ms: number;
  docsPerSecond: number;
}

interface XmlDocument {
  /** Corpus-relative path of the file (the PDF for embedded XML). */
  file: string;
  bytes: Uint8Array;
  embeddedFileName?: string;
}

export interface KeyFieldBenchOptions {
  /** Time each document (5 extra reads); off for a quick correctness run. Default true. */
  timing?: boolean;
}

export async function runKeyFieldBench(
  corpusDir: string,
  options: KeyFieldBenchOptions = {},
): Promise<KeyFieldBenchResult> {
  const timing = options.timing ?? true;
  const oracle = new Map<string, OracleRow>();
  for (const line of readFileSync(join(corpusDir, 'oracle/key-fields.jsonl'), 'utf8').split('\n')) {
    if (line.trim()) {
      const row = JSON.parse(line) as OracleRow;
      oracle.set(row.file, row);
    }
  }
  const documents = await collectDocuments(corpusDir, oracle);

  const result: KeyFieldBenchResult = {
    corpusDir,
    byFormat: {},
    overall: { matched: 0, total: 0, rate: 0 },
    mismatches: [],
    errorDisagreements: [],
    sweep: { documents: documents.length, read: 0, typedErrors: 0, crashes: [] },
    timing: { ...summariseTimes([]), byFormat: {} },
  };

  const durations: number[] = [];
  const durationsByFormat = new Map<string, number[]>();
  for (const document of documents) {
    const readOptions = document.embeddedFileName ? { embeddedFileName: document.embeddedFileName } : {};
    let invoice: Invoice | undefined;
    let failure: unknown;
    try {
      invoice = readEInvoiceXml(document.bytes, readOptions).invoice;
      if (timing) {
        const ms = timeRead(document.bytes, readOptions);
        durations.push(ms);
        const perFormat = durationsByFormat.get(invoice.source.format) ?? [];
        durationsByFormat.set(invoice.source.format, [...perFormat, ms]);
      }
      result.sweep.read++;
    } catch (error) {
      failure = error;
      if (error instanceof InvoiceError) result.sweep.typedErrors++;
      else result.sweep.crashes.push({ file: document.file, error: describeError(error) });
    }

    const expected = oracle.get(document.file);
    if (!expected) continue;
    const oracleReadIt = expected.number !== undefined;
    if (!invoice || !oracleReadIt) {
      if (oracleReadIt !== (invoice !== undefined)) {
        result.errorDisagreements.push({
          file: document.file,
          expected: oracleReadIt ? 'an invoice' : `error (${expected.error ?? expected.syntax})`,
          got: invoice ? `invoice ${invoice.invoiceNumber}` : describeError(failure),
        });
      }
      if (!invoice) tallyFormat(result, 'error');
      continue;
    }
    const tallies = tallyFormat(result, invoice.source.format);
    for (const [field, want, got, same] of compareFields(expected, invoice)) {
      const tally = tallies.fields[field];
      tally.total++;
      if (same) tally.matched++;
      else result.mismatches.push({ file: document.file, field, expected: want, got });
      if ((KEY_FIELDS as readonly string[]).includes(field)) {
        result.overall.total++;
        if (same) result.overall.matched++;
      }
    }
  }
  result.overall.rate = result.overall.total ? result.overall.matched / result.overall.total : 0;
  result.timing = {
    ...summariseTimes(durations),
    byFormat: Object.fromEntries([...durationsByFormat].map(([format, ms]) => [format, summariseTimes(ms)])),
  };
  return result;
}

function tallyFormat(result: KeyFieldBenchResult, format: string) {
  result.byFormat[format] ??= {
    files: 0,
    fields: Object.fromEntries(
      [...KEY_FIELDS, ...EXTRA_FIELDS].map((f) => [f, { matched: 0, total: 0 }]),
    ) as Record<Field, Tally>,
  };
  const entry = result.byFormat[format]!;
  entry.files++;
  return entry;
}

/** Median of several timed reads of one document (the first, untimed read warmed it up). */
function timeRead(bytes: Uint8Array, options: { embeddedFileName?: string }): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    readEInvoiceXml(bytes, options);
    runs.push(performance.now() - start);
  }
  return median(runs);
}

function summariseTimes(durations: number[]): TimingSummary {
  if (!durations.length) return { documents: 0, medianMs: 0, p95Ms: 0, docsPerSecond: 0 };
  const sorted = [...durations].sort((a, b) => a - b);
  const total = durations.reduce((a, b) => a + b, 0);
  return {
    documents: durations.length,
    medianMs: median(sorted),
    p95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!,
    docsPerSecond: (durations.length / total) * 1000,
  };
}

// ---- Comparison: semantic, as the oracle writes values unnormalised ----

type Comparison = [field: Field, expected: string, got: string, same: boolean];

function compareFields(expected: OracleRow, invoice: Invoice): Comparison[] {
  const text = (v: string | null | undefined) => (v ?? '').trim();
  const amount = (field: Field, want: string | null | undefined, got: string | undefined): Comparison => {
    const w = text(want);
    const g = text(got);
    return [field, w, g, w === '' || g === '' ? w === g : sameAmount(w, g)];
  };
  const wantBreakdown = normaliseBreakdown(expected.vat_breakdown ?? []);
  const gotBreakdown = normaliseBreakdown(
    invoice.vatBreakdown.map((v) => `${v.category}:${v.rate ?? 'None'}`),
  );
  return [
    [
      'invoiceNumber',
      text(expected.number),
      invoice.invoiceNumber,
      text(expected.number) === invoice.invoiceNumber,
    ],
    [
      'issueDate',
      isoDate(text(expected.issue_date)),
      invoice.issueDate,
      isoDate(text(expected.issue_date)) === invoice.issueDate,
    ],
    ['currency', text(expected.currency), invoice.currency, text(expected.currency) === invoice.currency],
    [
      'sellerVatId',
      text(expected.seller_vat_id),
      text(invoice.seller.vatId),
      text(expected.seller_vat_id) === text(invoice.seller.vatId),
    ],
    amount('net', expected.net_total, invoice.totals.net),
    amount('vat', expected.vat_total, invoice.totals.vat),
    amount('gross', expected.gross_total, invoice.totals.gross),
    amount('payable', expected.payable, invoice.totals.payable),
    ['vatBreakdown', wantBreakdown, gotBreakdown, wantBreakdown === gotBreakdown],
    ['typeCode', text(expected.type_code), invoice.typeCode, text(expected.type_code) === invoice.typeCode],
    [
      'lineCount',
      String(expected.lines ?? ''),
      String(invoice.lines.length),
      (expected.lines ?? 0) === invoice.lines.length,
    ],
  ];
}

/** "20141108" and "2014-11-08" are the same date. */
function isoDate(value: string): string {
  const digits = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  return digits ? `${digits[1]}-${digits[2]}-${digits[3]}` : value;
}

/** Breakdown entries "S:19.00" as a sorted list with numeric rates ("S:19"); the oracle's "None" means absent. */
function normaliseBreakdown(entries: string[]): string {
  const present = (value: string) => (value.trim() === 'None' ? '' : value.trim());
  return entries
    .map((entry) => {
      const [category = '', rate = ''] = entry.split(':').map(present);
      const numeric = /^[+-]?\d+(\.\d+)?$/.test(rate) ? String(Number(rate)) : rate;
      return `${category}:${numeric}`;
    })
    .sort()
    .join(' ');
}

// ---- Corpus walk and PDF attachment extraction (bench only; production PDF reading lives elsewhere) ----

async function collectDocuments(corpusDir: string, oracle: Map<string, OracleRow>): Promise<XmlDocument[]> {
  const documents: XmlDocument[] = [];
  for (const path of await listFiles(corpusDir)) {
    const file = relative(corpusDir, path);
    const extension = extname(path).toLowerCase();
    if (extension === '.xml') documents.push({ file, bytes: readFileSync(path) });
    if (extension !== '.pdf') continue;
    const attachments = await pdfAttachments(readFileSync(path));
    const wanted = oracle.get(file)?.embedded;
    const chosen =
      attachments.find((a) => a.name === wanted) ?? attachments.find((a) => /\.xml$/i.test(a.name));
    if (chosen) documents.push({ file, bytes: chosen.bytes, embeddedFileName: chosen.name });
  }
  return documents;
}

// ---- Report ----

function percent(tally: Tally): string {
  return tally.total ? `${((tally.matched / tally.total) * 100).toFixed(1)}%` : '-';
}

export function printKeyFieldReport(result: KeyFieldBenchResult): void {
  const fields = [...KEY_FIELDS, ...EXTRA_FIELDS];
  console.log(`Key-field bench over ${result.corpusDir}`);
  console.log(
    [
      'format'.padEnd(14),
      'files'.padStart(5),
      ...fields.map((f) => f.padStart(13)),
      'median ms'.padStart(10),
    ].join(' '),
  );
  for (const [format, entry] of Object.entries(result.byFormat).sort()) {
    const cells = fields.map((f) => percent(entry.fields[f]).padStart(13));
    const ms = result.timing.byFormat[format]?.medianMs;
    const timed = (ms === undefined ? '-' : ms.toFixed(2)).padStart(10);
    console.log([format.padEnd(14), String(entry.files).padStart(5), ...cells, timed].join(' '));
  }
  console.log(
    `\nOverall key fields: ${result.overall.matched}/${result.overall.total} = ${(result.overall.rate * 100).toFixed(2)}%`,
  );
  console.log(`Mismatches (${result.mismatches.length}):`);
  for (const m of result.mismatches)
    console.log(`  ${m.file} ${m.field}: expected "${m.expected}", got "${m.got}"`);
  console.log(`Read/refuse disagreements with the oracle (${result.errorDisagreements.length}):`);
  for (const e of result.errorDisagreements) console.log(`  ${e.file}: expected ${e.expected}, got ${e.got}`);
  const { sweep, timing } = result;
  console.log(
    `\nSweep: ${sweep.documents} XML documents (files + PDF attachments): ${sweep.read} read, ${sweep.typedErrors} typed errors, ${sweep.crashes.length} crashes`,
  );
  for (const c of sweep.crashes) console.log(`  CRASH ${c.file}: ${c.error}`);
  console.log(
    `Timing (parse + map, median of 5 runs per document, ${timing.documents} documents): median ${timing.medianMs.toFixed(2)} ms, p95 ${timing.p95Ms.toFixed(2)} ms, ${timing.docsPerSecond.toFixed(0)} docs/s`,
  );
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const corpusDir = corpusDirFromEnv();
  printKeyFieldReport(await runKeyFieldBench(corpusDir));
}
