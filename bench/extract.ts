/**
 * `npm run bench:extract`: the issue-3 accuracy benchmark over CORPUS_DIR (default ../shared/corpus).
 * Composes the per-area benches and prints, per format:
 * - files and the key-field exact-match rate (number, issue date, currency, seller VAT id, net, VAT,
 *   gross, payable, VAT breakdown; per field and overall) of the XML reader (bench/keyfields.ts);
 * - validator agreement with the CEN oracle: same verdict, same set of fatal rule ids (bench/validator.ts),
 *   grouped by corpus area and file kind;
 * - xmute pass rate per syntax (bench/xmute.ts);
 * - the visible-text paths on ZUGFeRD/Factur-X PDFs against their embedded XML (bench/visible.ts):
 *   header fields, VAT breakdown, line items and invented amounts for the PDF text path and for
 *   OCR of 200-dpi renderings, and the text path's speed against pdftotext;
 * - labelled ordinary PDFs and the robustness sweep of every corpus file (bench/textpath.ts).
 * Writes the figures to bench/results.json (section "extract") and the whole report to
 * bench/results/extract.json; exits non-zero when a goal of issue 15 is missed.
 *   npm run bench:extract [-- --ocr-docs N|all]   (OCR of N documents, an even spread; default 16,
 *   as tesseract.js needs 5-15 s per page on 2 shared cores)
 *   npm run bench:extract -- --no-ocr
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TesseractOcr } from '../functions/adapters/local/tesseract-ocr';
import { describeError } from '../functions/core/errors';
import { corpusDirFromEnv } from './corpus';
import { KEY_FIELDS, type KeyFieldBenchResult, runKeyFieldBench } from './keyfields';
import { recordResults } from './results';
import { runTextPathBench, type TextPathReport } from './textpath';
import { runValidatorBench, type ValidatorBenchResult } from './validator';
import {
  missedGoals,
  printVisibleReport,
  runVisibleBench,
  type VisibleBenchOptions,
  type VisibleBenchReport,
} from './visible';
import { runXmuteBench, type XmuteResult } from './xmute';

type KeyField = (typeof KEY_FIELDS)[number];

interface Rate {
  matched: number;
  total: number;
  rate: number;
}

const rate = (matched: number, total: number): Rate => ({
  matched,
  total,
  rate: total ? matched / total : 0,
});
const pct = (r: Rate) => (r.total ? `${(r.rate * 100).toFixed(1)}%` : '-');

// ---- Validator agreement per corpus area ----

export interface ValidatorGroup {
  files: number;
  verdict: Rate;
  fatalSet: Rate;
}

/** Groups the oracle files by corpus area and kind (e.g. "xrechnung xml", "zugferd pdf"). */
function validatorByGroup(corpusDir: string, result: ValidatorBenchResult): Record<string, ValidatorGroup> {
  const oracle = JSON.parse(
    readFileSync(join(corpusDir, 'oracle/en16931-cen-verdicts.json'), 'utf8'),
  ) as Record<string, { fatal: string[] }>;
  const disagreements = new Map(result.disagreements.map((d) => [d.file, d]));
  const groups: Record<string, { files: number; verdict: number; fatalSet: number }> = {};
  for (const file of Object.keys(oracle).filter((f) => !result.missing.includes(f))) {
    const group = `${file.split('/')[0]} ${/\.pdf$/i.test(file) ? 'pdf' : 'xml'}`;
    groups[group] ??= { files: 0, verdict: 0, fatalSet: 0 };
    const entry = groups[group];
    entry.files++;
    const disagreement = disagreements.get(file);
    if (!disagreement) {
      entry.verdict++;
      entry.fatalSet++;
    } else if (
      Array.isArray(disagreement.got) &&
      (disagreement.got.length === 0) === (disagreement.expected.length === 0)
    ) {
      entry.verdict++;
    }
  }
  return Object.fromEntries(
    Object.entries(groups)
      .sort()
      .map(([group, g]) => [
        group,
        { files: g.files, verdict: rate(g.verdict, g.files), fatalSet: rate(g.fatalSet, g.files) },
      ]),
  );
}

// ---- Report ----

export interface ExtractBenchReport {
  corpusDir: string;
  seconds: number;
  keyFields: {
    byFormat: Record<
      string,
      {
        files: number;
        fields: Record<string, Rate>;
        overall: Rate;
        docsPerSecond?: number;
        msPerDocMedian?: number;
        msPerDocP95?: number;
      }
    >;
    overall: Rate;
    mismatches: KeyFieldBenchResult['mismatches'];
    errorDisagreements: KeyFieldBenchResult['errorDisagreements'];
    sweep: KeyFieldBenchResult['sweep'];
    medianMs: number;
    docsPerSecond: number;
  };
  validator: {
    files: number;
    verdictAgreement: number;
    fatalSetAgreement: number;
    byGroup: Record<string, ValidatorGroup>;
    disagreements: ValidatorBenchResult['disagreements'];
    medianParseAndValidateMs: number;
  };
  xmute: { total: number; passed: number; rate: number; bySyntax: XmuteResult['bySyntax']; failures: number };
  visible: VisibleBenchReport;
  textPath: { labelled: TextPathReport['labelled']; sweep: TextPathReport['sweep'] };
}

export async function runExtractBench(
  corpusDir: string,
  visibleOptions: VisibleBenchOptions = {},
): Promise<ExtractBenchReport> {
  const started = performance.now();
  const keyFields = await runKeyFieldBench(corpusDir);
  const validator = await runValidatorBench(corpusDir);
  const xmute = runXmuteBench(corpusDir);
  const visible = await runVisibleBench(corpusDir, visibleOptions);
  const textPath = await runTextPathBench(corpusDir);

  const byFormat: ExtractBenchReport['keyFields']['byFormat'] = {};
  for (const [format, entry] of Object.entries(keyFields.byFormat).sort()) {
    const fields = Object.fromEntries(
      Object.entries(entry.fields).map(([f, t]) => [f, rate(t.matched, t.total)]),
    ) as Record<string, Rate>;
    const keyTallies = KEY_FIELDS.map((f) => entry.fields[f]);
    byFormat[format] = {
      files: entry.files,
      fields,
      overall: rate(
        keyTallies.reduce((n, t) => n + t.matched, 0),
        keyTallies.reduce((n, t) => n + t.total, 0),
      ),
      ...(keyFields.timing.byFormat[format] && {
        docsPerSecond: keyFields.timing.byFormat[format]!.docsPerSecond,
        msPerDocMedian: keyFields.timing.byFormat[format]!.medianMs,
        msPerDocP95: keyFields.timing.byFormat[format]!.p95Ms,
      }),
    };
  }
  return {
    corpusDir,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    keyFields: {
      byFormat,
      overall: keyFields.overall,
      mismatches: keyFields.mismatches,
      errorDisagreements: keyFields.errorDisagreements,
      sweep: keyFields.sweep,
      medianMs: keyFields.timing.medianMs,
      docsPerSecond: keyFields.timing.docsPerSecond,
    },
    validator: {
      files: validator.files,
      verdictAgreement: validator.verdictAgreement,
      fatalSetAgreement: validator.fatalSetAgreement,
      byGroup: validatorByGroup(corpusDir, validator),
      disagreements: validator.disagreements,
      medianParseAndValidateMs: validator.medianParseAndValidateMs,
    },
    xmute: {
      total: xmute.total,
      passed: xmute.passed,
      rate: xmute.total ? xmute.passed / xmute.total : 0,
      bySyntax: xmute.bySyntax,
      failures: xmute.failures.length,
    },
    visible,
    textPath: { labelled: textPath.labelled, sweep: textPath.sweep },
  };
}

const SHORT: Record<KeyField, string> = {
  invoiceNumber: 'number',
  issueDate: 'date',
  currency: 'curr',
  sellerVatId: 'sellerVAT',
  net: 'net',
  vat: 'vat',
  gross: 'gross',
  payable: 'payable',
  vatBreakdown: 'breakdown',
};

function fieldRow(
  label: string,
  files: number,
  fields: Record<string, Rate>,
  overall: Rate,
  extra: string,
): string {
  return [
    label.padEnd(22),
    String(files).padStart(5),
    ...KEY_FIELDS.map((f) => pct(fields[f]!).padStart(Math.max(SHORT[f].length + 1, 8))),
    pct(overall).padStart(8),
    extra.padStart(10),
  ].join(' ');
}

export function printExtractReport(report: ExtractBenchReport): void {
  const out = (line = '') => console.log(line);
  out(`bench:extract over ${report.corpusDir} (${report.seconds} s)`);

  out('\n== Key fields, XML reader (XML files and embedded XML of PDFs) vs oracle/key-fields.jsonl ==');
  out(
    [
      'format'.padEnd(22),
      'files'.padStart(5),
      ...KEY_FIELDS.map((f) => SHORT[f].padStart(Math.max(SHORT[f].length + 1, 8))),
      'overall'.padStart(8),
      'docs/s'.padStart(10),
    ].join(' '),
  );
  for (const [format, entry] of Object.entries(report.keyFields.byFormat))
    out(fieldRow(format, entry.files, entry.fields, entry.overall, entry.docsPerSecond?.toFixed(0) ?? '-'));
  const k = report.keyFields;
  out(
    `overall ${k.overall.matched}/${k.overall.total} = ${pct(k.overall)}; mismatches ${k.mismatches.length}; read/refuse disagreements ${k.errorDisagreements.length}`,
  );
  for (const m of k.mismatches.slice(0, 20))
    out(`  ${m.file} ${m.field}: expected "${m.expected}" got "${m.got}"`);
  out(
    `sweep: ${k.sweep.documents} XML documents, ${k.sweep.read} read, ${k.sweep.typedErrors} typed errors, ${k.sweep.crashes.length} crashes`,
  );
  out(`speed (parse + map): median ${k.medianMs.toFixed(2)} ms, ${k.docsPerSecond.toFixed(0)} docs/s`);

  const v = report.validator;
  out('\n== Validator vs CEN oracle (EN 16931 rules; same verdict / same fatal rule id set) ==');
  out(`${'group'.padEnd(22)} ${'files'.padStart(5)} ${'verdict'.padStart(8)} ${'fatalSet'.padStart(9)}`);
  for (const [group, g] of Object.entries(v.byGroup))
    out(
      `${group.padEnd(22)} ${String(g.files).padStart(5)} ${pct(g.verdict).padStart(8)} ${pct(g.fatalSet).padStart(9)}`,
    );
  out(
    `all ${v.files} files: verdict ${(v.verdictAgreement * 100).toFixed(1)}%, fatal set ${(v.fatalSetAgreement * 100).toFixed(1)}%; median parse+validate ${v.medianParseAndValidateMs.toFixed(2)} ms (${(1000 / (v.medianParseAndValidateMs || 1)).toFixed(0)} docs/s)`,
  );
  for (const d of v.disagreements.slice(0, 20))
    out(
      `  ${d.file}: expected [${d.expected.join(', ')}] got ${Array.isArray(d.got) ? `[${d.got.join(', ')}]` : d.got}`,
    );

  const x = report.xmute;
  out('\n== XRechnung xmute mutations (KoSIT schematron tests) ==');
  for (const [syntax, t] of Object.entries(x.bySyntax))
    out(`${syntax.padEnd(22)} ${String(t.total).padStart(5)} ${pct(rate(t.passed, t.total)).padStart(8)}`);
  out(
    `all ${x.total} mutations: ${(x.rate * 100).toFixed(1)}% give the stated verdict (${x.failures} failures)`,
  );

  printVisibleReport(report.visible, out);

  const { labelled, sweep } = report.textPath;
  out(`\n== Labelled ordinary PDFs (${labelled.documents}, text path) ==`);
  out(
    Object.entries(labelled.perField)
      .map(([f, s]) => `${f} ${(s.rate * 100).toFixed(1)}% (${s.correct}/${s.total})`)
      .join(', '),
  );
  out(`\n== Robustness: extractInvoice over every corpus file (${sweep.files} files, ${sweep.seconds} s) ==`);
  out(
    `results ${sweep.results}; typed errors ${Object.entries(sweep.typedErrors)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}; crashes ${sweep.crashes.length}; hangs ${sweep.hangs.length}`,
  );
  for (const c of sweep.crashes) out(`  CRASH ${c.file}: ${c.error}`);
}

/** The figures for bench/results.json: speed per format, accuracy per path, the goals. */
export function extractFigures(report: ExtractBenchReport): Record<string, unknown> {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const formats: Record<string, unknown> = {};
  for (const [format, entry] of Object.entries(report.keyFields.byFormat))
    if (entry.msPerDocMedian !== undefined && entry.msPerDocP95 !== undefined)
      formats[format] = {
        msPerDocMedian: round(entry.msPerDocMedian),
        msPerDocP95: round(entry.msPerDocP95),
        keyFields: round(entry.overall.rate),
      };
  const { visible } = report;
  const accuracy = (a: VisibleBenchReport['text']) => ({
    documents: a.documents,
    fields: Object.fromEntries(
      Object.entries(a.fields).map(([f, t]) => [f, round(t.total ? t.correct / t.total : 0)]),
    ),
    vatBreakdown: round(a.vatBreakdown.total ? a.vatBreakdown.correct / a.vatBreakdown.total : 0),
    lineItems: round(a.lines.total ? a.lines.correct / a.lines.total : 0),
    inventedAmounts: a.inventedAmounts,
  });
  return {
    ...formats,
    'pdf-text': {
      msPerDocMedian: visible.timing.text.msPerDocMedian,
      msPerDocP95: visible.timing.text.msPerDocP95,
      msPerPage: visible.timing.text.msPerPage,
      accuracy: accuracy(visible.text),
    },
    ...(visible.timing.ocr && visible.ocr
      ? {
          ocr: {
            msPerDocMedian: Math.round(visible.timing.ocr.msPerDocMedian),
            msPerDocP95: Math.round(visible.timing.ocr.msPerDocP95),
            msPerPage: Math.round(visible.timing.ocr.msPerPage),
            accuracy: accuracy(visible.ocr),
          },
        }
      : {}),
    pdftotext: visible.timing.pdftotext
      ? {
          msPerDocMedian: visible.timing.pdftotext.msPerDocMedian,
          msPerPage: visible.timing.pdftotext.msPerPage,
          textPathRatio: round(visible.timing.textVsPdftotext ?? 0),
        }
      : { missing: visible.timing.pdftotextMissing },
    goalsMissed: missedGoals(visible),
    seconds: report.seconds,
  };
}

/** OCR documents in a default run (an even spread over the corpus). */
const DEFAULT_OCR_DOCUMENTS = 16;

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const corpusDir = corpusDirFromEnv();
  const docsAt = process.argv.indexOf('--ocr-docs');
  const ocr = process.argv.includes('--no-ocr') ? undefined : new TesseractOcr();
  try {
    const report = await runExtractBench(corpusDir, {
      ...(ocr ? { ocr } : {}),
      ...(docsAt >= 0 && process.argv[docsAt + 1] === 'all'
        ? {}
        : { ocrDocuments: docsAt >= 0 ? Number(process.argv[docsAt + 1]) : DEFAULT_OCR_DOCUMENTS }),
    });
    printExtractReport(report);
    const resultsDir = fileURLToPath(new URL('./results', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'extract.json'), `${JSON.stringify(report, null, 2)}\n`);
    recordResults('extract', extractFigures(report));
    console.log(
      `\nwrote ${relative(process.cwd(), join(resultsDir, 'extract.json'))} and bench/results.json (extract)`,
    );
    const missed = missedGoals(report.visible);
    if (missed.length) {
      console.log(`\ngoals of issue 15 missed:\n  ${missed.join('\n  ')}`);
      process.exitCode = 1;
    } else console.log('\nall goals of issue 15 met');
  } catch (error) {
    console.error(`bench:extract failed: ${describeError(error)}`);
    process.exitCode = 1;
  } finally {
    await ocr?.close();
  }
}
