/**
 * EN 16931 validator bench: compares validateEInvoice() with the official CEN verdicts.
 *
 * For every file of oracle/en16931-cen-verdicts.json (XML files, and the embedded XML of PDFs)
 * it validates with the EN 16931 rule sets only (the oracle is the CEN validation; XRechnung's
 * national rules are left out) and compares the verdict and the set of fatal rule ids.
 * Run: `npx tsx bench/validator.ts` (CORPUS_DIR defaults to ../shared/corpus from the repo root).
 */

import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeError } from '../functions/core/errors';
import { validateEInvoice } from '../functions/core/validation';
import { parseXml } from '../functions/core/xml/safe-xml';
import { corpusDirFromEnv, median, pdfAttachments } from './corpus';

interface OracleVerdict {
  fatal: string[];
  warning: string[];
}

export interface Disagreement {
  file: string;
  expected: string[];
  got: string[] | string;
}

export interface ValidatorBenchResult {
  corpusDir: string;
  files: number;
  /** Oracle entries whose file is not in this corpus copy (not scored). */
  missing: string[];
  verdictAgreement: number;
  fatalSetAgreement: number;
  disagreements: Disagreement[];
  /** Median over documents of each document's median validateEInvoice() time (parse excluded). */
  medianValidateMs: number;
  /** The same for parseXml() + validateEInvoice(). */
  medianParseAndValidateMs: number;
  p95ValidateMs: number;
}

export async function runValidatorBench(corpusDir: string): Promise<ValidatorBenchResult> {
  const oracle = JSON.parse(
    readFileSync(join(corpusDir, 'oracle/en16931-cen-verdicts.json'), 'utf8'),
  ) as Record<string, OracleVerdict>;
  const embeddedNames = readEmbeddedNames(corpusDir);

  let verdictsAgreeing = 0;
  let setsAgreeing = 0;
  const disagreements: Disagreement[] = [];
  const validateTimes: number[] = [];
  const totalTimes: number[] = [];

  const missing = Object.keys(oracle).filter((file) => !existsSync(join(corpusDir, file)));
  const files = Object.keys(oracle)
    .filter((file) => !missing.includes(file))
    .sort();
  for (const file of files) {
    const expected = [...new Set(oracle[file]!.fatal)].sort();
    const bytes = await documentBytes(corpusDir, file, embeddedNames.get(file));
    let got: string[] | string;
    try {
      if (!bytes) throw new Error('no XML found (no embedded e-invoice in the PDF)');
      const root = parseXml(bytes);
      const report = validateEInvoice(root, { xrechnung: false });
      got = [...new Set(report.findings.filter((f) => f.severity === 'fatal').map((f) => f.rule))].sort();
      validateTimes.push(timed(() => validateEInvoice(root, { xrechnung: false })));
      totalTimes.push(timed(() => validateEInvoice(parseXml(bytes), { xrechnung: false })));
    } catch (error) {
      got = describeError(error);
    }
    const sameVerdict = Array.isArray(got) && (got.length === 0) === (expected.length === 0);
    const sameSet = Array.isArray(got) && got.join(' ') === expected.join(' ');
    if (sameVerdict) verdictsAgreeing++;
    if (sameSet) setsAgreeing++;
    else disagreements.push({ file, expected, got });
  }
  const sorted = [...validateTimes].sort((x, y) => x - y);
  return {
    corpusDir,
    files: files.length,
    missing,
    verdictAgreement: verdictsAgreeing / files.length,
    fatalSetAgreement: setsAgreeing / files.length,
    disagreements,
    medianValidateMs: median(validateTimes),
    medianParseAndValidateMs: median(totalTimes),
    p95ValidateMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
  };
}

/** Median of five runs after the measured document was validated once (warm). */
function timed(run: () => unknown): number {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return median(runs);
}

/** The attachment name the key-field oracle names for each PDF (the e-invoice, when a PDF has several). */
function readEmbeddedNames(corpusDir: string): Map<string, string> {
  const names = new Map<string, string>();
  try {
    for (const line of readFileSync(join(corpusDir, 'oracle/key-fields.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { file: string; embedded?: string };
      if (row.embedded) names.set(row.file, row.embedded);
    }
  } catch {
    // Without the key-field oracle the first XML attachment is used.
  }
  return names;
}

async function documentBytes(
  corpusDir: string,
  file: string,
  embedded?: string,
): Promise<Uint8Array | undefined> {
  const bytes = readFileSync(join(corpusDir, file));
  if (!/\.pdf$/i.test(file)) return bytes;
  const attachments = await pdfAttachments(bytes);
  return (attachments.find((a) => a.name === embedded) ?? attachments.find((a) => /\.xml$/i.test(a.name)))
    ?.bytes;
}

export function printValidatorReport(result: ValidatorBenchResult): void {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`EN 16931 validator bench — ${result.corpusDir}`);
  console.log(
    `files:                 ${result.files}${result.missing.length ? ` (${result.missing.length} oracle entries missing from the corpus, not scored)` : ''}`,
  );
  console.log(`verdict agreement:     ${pct(result.verdictAgreement)}`);
  console.log(`fatal-set agreement:   ${pct(result.fatalSetAgreement)}`);
  console.log(
    `median validate:       ${result.medianValidateMs.toFixed(2)} ms (p95 ${result.p95ValidateMs.toFixed(2)} ms)`,
  );
  console.log(`median parse+validate: ${result.medianParseAndValidateMs.toFixed(2)} ms`);
  console.log(`disagreements:         ${result.disagreements.length}`);
  for (const d of result.disagreements) {
    const got = Array.isArray(d.got) ? `[${d.got.join(', ')}]` : d.got;
    console.log(`  ${d.file}\n    expected [${d.expected.join(', ')}]\n    got      ${got}`);
  }
}

const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const corpusDir = corpusDirFromEnv();
  printValidatorReport(await runValidatorBench(corpusDir));
}
