/**
 * `npm run bench:extract`: the issue-3 accuracy benchmark over CORPUS_DIR (default ../shared/corpus).
 * Composes the per-area benches and prints, per format:
 * - files and the key-field exact-match rate (number, issue date, currency, seller VAT id, net, VAT,
 *   gross, payable, VAT breakdown; per field and overall) of the XML reader (bench/keyfields.ts);
 * - validator agreement with the CEN oracle: same verdict, same set of fatal rule ids (bench/validator.ts),
 *   grouped by corpus area and file kind;
 * - xmute pass rate per syntax (bench/xmute.ts);
 * - the text-only path on ZUGFeRD/Factur-X PDFs, embedded XML ignored, against that XML as ground
 *   truth: the same key fields (this file), plus labelled ordinary PDFs and the robustness sweep of
 *   every corpus file (bench/textpath.ts);
 * - documents per second per path.
 * Also writes bench/results/extract.json. Runs in about 1-2 minutes on 2 cores.
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoundedPdfReader } from '../functions/adapters/pdf/bounded-pdf-reader';
import { describeError, InvoiceError } from '../functions/core/errors';
import { findEmbeddedInvoice } from '../functions/core/extraction/embedded';
import { extractInvoice } from '../functions/core/extraction/extract';
import type { Invoice } from '../functions/core/invoice/model';
import { sameAmount } from '../functions/core/money';
import { corpusDirFromEnv, listFiles } from './corpus';
import { KEY_FIELDS, type KeyFieldBenchResult, runKeyFieldBench } from './keyfields';
import { runTextPathBench, type TextPathReport } from './textpath';
import { runValidatorBench, type ValidatorBenchResult } from './validator';
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

// ---- Text-only path on ZUGFeRD/Factur-X PDFs: all key fields, and the speed of both PDF paths ----

export interface TextOnlyKeyFields {
  documents: number;
  skipped: number;
  perField: Record<KeyField, Rate>;
  overall: Rate;
  /** Documents with invoice number, issue date, gross and currency all right (the issue's bar). */
  allFour: Rate;
  docsPerSecond: { embeddedXml: number; textOnly: number };
}

export async function runTextOnlyKeyFields(corpusDir: string): Promise<TextOnlyKeyFields> {
  const reader = new BoundedPdfReader();
  const tallies = Object.fromEntries(KEY_FIELDS.map((f) => [f, { matched: 0, total: 0 }])) as Record<
    KeyField,
    { matched: number; total: number }
  >;
  const allFour = { matched: 0, total: 0 };
  let skipped = 0;
  let embeddedMs = 0;
  let textMs = 0;
  let documents = 0;
  try {
    for (const file of (await listFiles(join(corpusDir, 'zugferd'))).filter((f) => /\.pdf$/i.test(f))) {
      const bytes = new Uint8Array(await readFile(file));
      // Ground truth: the embedded XML, read through the product path (timed: the embedded-XML path).
      let truth: Invoice;
      const t0 = performance.now();
      try {
        const content = await reader.read(bytes, { textLayer: false, attachments: true });
        const found = findEmbeddedInvoice(content.embeddedFiles, content.xmp).found;
        if (!found) throw new InvoiceError('NO_TRUTH', 'no embedded e-invoice');
        truth = found.invoice;
      } catch (error) {
        if (!(error instanceof InvoiceError)) throw error;
        skipped++;
        continue;
      }
      embeddedMs += performance.now() - t0;

      const t1 = performance.now();
      let read: Invoice | undefined;
      try {
        read = (await extractInvoice({ bytes, fileName: file }, { pdf: reader }, { textOnly: true })).invoice;
      } catch (error) {
        if (!(error instanceof InvoiceError)) throw error;
      }
      textMs += performance.now() - t1;
      documents++;
      const same = compareKeyFields(truth, read);
      for (const field of KEY_FIELDS) {
        tallies[field].total++;
        if (same[field]) tallies[field].matched++;
      }
      allFour.total++;
      if (same.invoiceNumber && same.issueDate && same.gross && same.currency) allFour.matched++;
    }
  } finally {
    await reader.close();
  }
  const perField = Object.fromEntries(
    KEY_FIELDS.map((f) => [f, rate(tallies[f].matched, tallies[f].total)]),
  ) as Record<KeyField, Rate>;
  const matched = KEY_FIELDS.reduce((n, f) => n + tallies[f].matched, 0);
  const total = KEY_FIELDS.reduce((n, f) => n + tallies[f].total, 0);
  return {
    documents,
    skipped,
    perField,
    overall: rate(matched, total),
    allFour: rate(allFour.matched, allFour.total),
    docsPerSecond: {
      embeddedXml: embeddedMs ? (documents / embeddedMs) * 1000 : 0,
      textOnly: textMs ? (documents / textMs) * 1000 : 0,
    },
  };
}

/** The key fields as the XML bench compares them: exact text, amounts by value, breakdown as category:rate set. */
function compareKeyFields(truth: Invoice, read: Invoice | undefined): Record<KeyField, boolean> {
  const text = (want: string | undefined, got: string | undefined) =>
    (want ?? '').trim() === (got ?? '').trim();
  const amount = (want: string | undefined, got: string | undefined) => {
    const w = (want ?? '').trim();
    const g = (got ?? '').trim();
    return w === '' || g === '' ? w === g : sameAmount(w, g);
  };
  const breakdown = (invoice: Invoice) =>
    invoice.vatBreakdown
      .map((v) => `${v.category}:${v.rate === undefined ? '' : String(Number(v.rate))}`)
      .sort()
      .join(' ');
  if (!read) return Object.fromEntries(KEY_FIELDS.map((f) => [f, false])) as Record<KeyField, boolean>;
  return {
    invoiceNumber: read.invoiceNumber !== '' && text(truth.invoiceNumber, read.invoiceNumber),
    issueDate: read.issueDate !== '' && text(truth.issueDate, read.issueDate),
    currency: read.currency !== '' && text(truth.currency, read.currency),
    sellerVatId: text(truth.seller.vatId, read.seller.vatId),
    net: amount(truth.totals.net, read.totals.net),
    vat: amount(truth.totals.vat, read.totals.vat),
    gross: read.totals.gross !== '' && amount(truth.totals.gross, read.totals.gross),
    payable: amount(truth.totals.payable, read.totals.payable),
    vatBreakdown: breakdown(truth) === breakdown(read),
  };
}

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
      { files: number; fields: Record<string, Rate>; overall: Rate; docsPerSecond?: number }
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
  textOnly: TextOnlyKeyFields;
  textPath: { labelled: TextPathReport['labelled']; sweep: TextPathReport['sweep'] };
}

export async function runExtractBench(corpusDir: string): Promise<ExtractBenchReport> {
  const started = performance.now();
  const keyFields = await runKeyFieldBench(corpusDir);
  const validator = await runValidatorBench(corpusDir);
  const xmute = runXmuteBench(corpusDir);
  const textOnly = await runTextOnlyKeyFields(corpusDir);
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
    textOnly,
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

  const t = report.textOnly;
  out('\n== Text-only path: ZUGFeRD/Factur-X PDFs, embedded XML ignored, ground truth = that XML ==');
  out(
    [
      'path'.padEnd(22),
      'files'.padStart(5),
      ...KEY_FIELDS.map((f) => SHORT[f].padStart(Math.max(SHORT[f].length + 1, 8))),
      'overall'.padStart(8),
      'docs/s'.padStart(10),
    ].join(' '),
  );
  out(
    fieldRow('pdf-text (zugferd)', t.documents, t.perField, t.overall, t.docsPerSecond.textOnly.toFixed(1)),
  );
  out(
    `number+date+gross+currency all right: ${pct(t.allFour)} (${t.allFour.matched}/${t.allFour.total}); ${t.skipped} PDFs skipped (no readable embedded XML)`,
  );
  out(
    `embedded-XML path on the same PDFs (bounded PDF worker + XML read): ${t.docsPerSecond.embeddedXml.toFixed(1)} docs/s`,
  );

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

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const corpusDir = corpusDirFromEnv();
  try {
    const report = await runExtractBench(corpusDir);
    printExtractReport(report);
    const resultsDir = fileURLToPath(new URL('./results', import.meta.url));
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'extract.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nwrote ${relative(process.cwd(), join(resultsDir, 'extract.json'))}`);
  } catch (error) {
    console.error(`bench:extract failed: ${describeError(error)}`);
    process.exitCode = 1;
  }
}
