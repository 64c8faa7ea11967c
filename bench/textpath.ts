/**
 * Text-path benchmark: how well the visible text of ZUGFeRD/Factur-X PDFs reproduces the
 * embedded XML (the ground truth), plus the labelled ordinary PDFs and a robustness sweep of
 * the orchestrator over every corpus file.
 *
 *   npx tsx bench/textpath.ts [--ocr] [--json]
 *
 * CORPUS_DIR overrides the corpus location (default ../shared/corpus from the repo root).
 */

import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TesseractOcr } from '../functions/adapters/local/tesseract-ocr';
import { BoundedPdfReader } from '../functions/adapters/pdf/bounded-pdf-reader';
import { describeError, InvoiceError } from '../functions/core/errors';
import { findEmbeddedInvoice } from '../functions/core/extraction/embedded';
import { extractInvoice } from '../functions/core/extraction/extract';
import { sameAmount } from '../functions/core/money';
import type { OcrEngine } from '../functions/core/ports/documents';
import { corpusDirFromEnv, listFiles } from './corpus';

const KEY_FIELDS = ['invoiceNumber', 'issueDate', 'gross', 'currency'] as const;
type KeyField = (typeof KEY_FIELDS)[number];
type KeyValues = Record<KeyField, string | undefined>;

export interface FieldScore {
  correct: number;
  total: number;
  rate: number;
}

export interface TextPathReport {
  zugferd: {
    documents: number;
    perField: Record<KeyField, FieldScore>;
    allFourCorrect: FieldScore;
    failures: { file: string; field: KeyField; expected?: string; actual?: string }[];
    skipped: { file: string; reason: string }[];
    docsPerSecond: number;
  };
  labelled: {
    documents: number;
    perField: Record<KeyField, FieldScore>;
    failures: { file: string; field: KeyField; expected?: string; actual?: string }[];
  };
  sweep: {
    files: number;
    results: number;
    typedErrors: Record<string, number>;
    crashes: { file: string; error: string }[];
    hangs: string[];
    slowest: { file: string; ms: number }[];
    seconds: number;
  };
}

const HANG_MS = 30_000;

export async function runTextPathBench(
  corpusDir: string,
  options: { ocr?: OcrEngine } = {},
): Promise<TextPathReport> {
  const reader = new BoundedPdfReader();
  try {
    const zugferd = await benchZugferd(corpusDir, reader);
    const labelled = await benchLabelled(corpusDir, reader);
    const sweep = await sweepCorpus(corpusDir, reader, options.ocr);
    return { zugferd, labelled, sweep };
  } finally {
    await reader.close();
  }
}

// ---- ZUGFeRD/Factur-X: visible text vs embedded XML ----

async function benchZugferd(corpusDir: string, reader: BoundedPdfReader): Promise<TextPathReport['zugferd']> {
  const files = (await listFiles(join(corpusDir, 'zugferd'))).filter((f) => /\.pdf$/i.test(f));
  const scores = emptyScores();
  const all: FieldScore = { correct: 0, total: 0, rate: 0 };
  const failures: TextPathReport['zugferd']['failures'] = [];
  const skipped: TextPathReport['zugferd']['skipped'] = [];
  let textSeconds = 0;
  let documents = 0;

  for (const file of files) {
    const name = relative(corpusDir, file);
    const bytes = new Uint8Array(await readFile(file));
    let truth: KeyValues;
    try {
      const content = await reader.read(bytes, { textLayer: false, attachments: true });
      const embedded = findEmbeddedInvoice(content.embeddedFiles, content.xmp).found;
      if (!embedded) {
        skipped.push({ file: name, reason: 'no readable embedded e-invoice (no ground truth)' });
        continue;
      }
      const inv = embedded.invoice;
      truth = {
        invoiceNumber: inv.invoiceNumber,
        issueDate: inv.issueDate,
        gross: inv.totals.gross,
        currency: inv.currency,
      };
    } catch (error) {
      skipped.push({ file: name, reason: describeError(error) });
      continue;
    }

    const started = performance.now();
    let actual: KeyValues = {
      invoiceNumber: undefined,
      issueDate: undefined,
      gross: undefined,
      currency: undefined,
    };
    try {
      const { invoice } = await extractInvoice(
        { bytes, fileName: name },
        { pdf: reader },
        { textOnly: true },
      );
      actual = {
        invoiceNumber: invoice.invoiceNumber,
        issueDate: invoice.issueDate,
        gross: invoice.totals.gross,
        currency: invoice.currency,
      };
    } catch (error) {
      if (!(error instanceof InvoiceError)) throw error;
    }
    textSeconds += (performance.now() - started) / 1000;
    documents++;
    let allCorrect = true;
    for (const field of KEY_FIELDS) {
      const ok = matches(field, truth[field], actual[field]);
      scores[field].total++;
      if (ok) scores[field].correct++;
      else {
        allCorrect = false;
        failures.push({ file: name, field, expected: truth[field], actual: actual[field] });
      }
    }
    all.total++;
    if (allCorrect) all.correct++;
  }
  finish(scores);
  all.rate = all.total ? all.correct / all.total : 0;
  return {
    documents,
    perField: scores,
    allFourCorrect: all,
    failures,
    skipped,
    docsPerSecond: textSeconds ? documents / textSeconds : 0,
  };
}

// ---- Ordinary PDFs with hand labels (.json / .labels.json beside the PDF) ----

async function benchLabelled(
  corpusDir: string,
  reader: BoundedPdfReader,
): Promise<TextPathReport['labelled']> {
  const files = (await listFiles(join(corpusDir, 'pdf-invoices'))).filter((f) => /\.pdf$/i.test(f));
  const scores = emptyScores();
  const failures: TextPathReport['labelled']['failures'] = [];
  let documents = 0;
  for (const file of files) {
    const label = await readLabel(file);
    if (!label) continue;
    documents++;
    let actual: KeyValues = {
      invoiceNumber: undefined,
      issueDate: undefined,
      gross: undefined,
      currency: undefined,
    };
    try {
      const { invoice } = await extractInvoice(
        { bytes: new Uint8Array(await readFile(file)) },
        { pdf: reader },
        { textOnly: true },
      );
      actual = {
        invoiceNumber: invoice.invoiceNumber,
        issueDate: invoice.issueDate,
        gross: invoice.totals.gross,
        currency: invoice.currency,
      };
    } catch (error) {
      if (!(error instanceof InvoiceError)) throw error;
    }
    for (const field of KEY_FIELDS) {
      if (label[field] === undefined) continue;
      scores[field].total++;
      if (matches(field, label[field], actual[field])) scores[field].correct++;
      else
        failures.push({
          file: relative(corpusDir, file),
          field,
          expected: label[field],
          actual: actual[field],
        });
    }
  }
  finish(scores);
  return { documents, perField: scores, failures };
}

async function readLabel(pdfFile: string): Promise<KeyValues | undefined> {
  for (const candidate of [pdfFile.replace(/\.pdf$/i, '.json'), pdfFile.replace(/\.pdf$/i, '.labels.json')]) {
    try {
      const parsed = JSON.parse(await readFile(candidate, 'utf8'));
      const label = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, unknown>;
      const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
      return {
        invoiceNumber: text(label.invoice_number),
        issueDate: text(label.date)?.slice(0, 10),
        gross: text(label.amount),
        currency: text(label.currency),
      };
    } catch {
      // no label file of this name
    }
  }
  return undefined;
}

// ---- Robustness: every corpus file ends in a result or a typed error ----

async function sweepCorpus(
  corpusDir: string,
  reader: BoundedPdfReader,
  ocr: OcrEngine | undefined,
): Promise<TextPathReport['sweep']> {
  const files = await listFiles(corpusDir);
  const typedErrors: Record<string, number> = {};
  const crashes: { file: string; error: string }[] = [];
  const hangs: string[] = [];
  const timings: { file: string; ms: number }[] = [];
  let results = 0;
  const started = performance.now();
  for (const file of files) {
    const name = relative(corpusDir, file);
    const bytes = new Uint8Array(await readFile(file));
    const t0 = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const hang = new Promise<'hang'>((r) => {
        timer = setTimeout(() => r('hang'), HANG_MS);
      });
      const outcome = await Promise.race([
        extractInvoice({ bytes, fileName: name }, { pdf: reader, ...(ocr ? { ocr } : {}) }),
        hang,
      ]);
      if (outcome === 'hang') hangs.push(name);
      else results++;
    } catch (error) {
      if (error instanceof InvoiceError)
        typedErrors[`${error.name}/${error.code}`] = (typedErrors[`${error.name}/${error.code}`] ?? 0) + 1;
      else crashes.push({ file: name, error: describeError(error) });
    } finally {
      clearTimeout(timer);
    }
    timings.push({ file: name, ms: Math.round(performance.now() - t0) });
  }
  return {
    files: files.length,
    results,
    typedErrors,
    crashes,
    hangs,
    slowest: timings.sort((a, b) => b.ms - a.ms).slice(0, 5),
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

// ---- Helpers ----

function matches(field: KeyField, expected: string | undefined, actual: string | undefined): boolean {
  if (expected === undefined || actual === undefined || actual === '') return false;
  if (field === 'gross') return sameAmount(expected.trim(), actual.trim());
  return expected.trim() === actual.trim();
}

function emptyScores(): Record<KeyField, FieldScore> {
  return Object.fromEntries(KEY_FIELDS.map((f) => [f, { correct: 0, total: 0, rate: 0 }])) as Record<
    KeyField,
    FieldScore
  >;
}

function finish(scores: Record<KeyField, FieldScore>): void {
  for (const score of Object.values(scores)) score.rate = score.total ? score.correct / score.total : 0;
}

const percent = (s: FieldScore) => `${(s.rate * 100).toFixed(1)}% (${s.correct}/${s.total})`;

function printReport(report: TextPathReport): void {
  const { zugferd, labelled, sweep } = report;
  console.log(`\n== ZUGFeRD/Factur-X PDFs: visible text vs embedded XML (${zugferd.documents} documents) ==`);
  for (const field of KEY_FIELDS) console.log(`  ${field.padEnd(14)} ${percent(zugferd.perField[field])}`);
  console.log(`  ${'all four'.padEnd(14)} ${percent(zugferd.allFourCorrect)}`);
  console.log(
    `  speed          ${zugferd.docsPerSecond.toFixed(1)} docs/s (text path, worker parse included)`,
  );
  console.log('  failures:');
  for (const f of zugferd.failures)
    console.log(`    ${f.file} ${f.field}: expected ${f.expected} got ${f.actual}`);
  console.log('  skipped (no ground truth):');
  for (const s of zugferd.skipped) console.log(`    ${s.file}: ${s.reason}`);

  console.log(`\n== Labelled ordinary PDFs (${labelled.documents} documents) ==`);
  for (const field of KEY_FIELDS) console.log(`  ${field.padEnd(14)} ${percent(labelled.perField[field])}`);
  for (const f of labelled.failures)
    console.log(`    ${f.file} ${f.field}: expected ${f.expected} got ${f.actual}`);

  console.log(`\n== Robustness sweep over every corpus file (${sweep.files} files, ${sweep.seconds} s) ==`);
  console.log(`  results: ${sweep.results}`);
  for (const [name, count] of Object.entries(sweep.typedErrors)) console.log(`  ${name}: ${count}`);
  console.log(`  crashes: ${sweep.crashes.length}`);
  for (const c of sweep.crashes) console.log(`    ${c.file}: ${c.error}`);
  console.log(`  hangs (> ${HANG_MS / 1000} s): ${sweep.hangs.length}`);
  for (const h of sweep.hangs) console.log(`    ${h}`);
  console.log(`  slowest: ${sweep.slowest.map((s) => `${s.file} ${s.ms} ms`).join('; ')}`);
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const corpusDir = corpusDirFromEnv();
  const ocr = process.argv.includes('--ocr') ? new TesseractOcr() : undefined;
  const report = await runTextPathBench(corpusDir, ocr ? { ocr } : {});
  if (process.argv.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}
