/**
 * `npm run bench:xml`: large e-invoices and PDF bursts (issue 10, items 5 and 6).
 *
 * XML: generated XRechnung UBL and CII invoices (samples/einvoice-writer.ts) with a base64
 * attachment of 3 MB and 24 MB. Per file: parse + extract (readEInvoiceXml) + validate
 * (validateEInvoice), warm median and p95, against Saxon HE running bench/reference/key-fields.xsl
 * on the same file in the same run (warm, in one JVM; tree building included). The reference
 * XSLT is not the CEN EN 16931 XSLT (it is not in the corpus): it builds the whole tree, visits
 * every element and attribute, applies PEPPOL-EN16931-R008, UBL-DT-06/07 and BR-CO-10 and prints
 * the key fields, which must equal ours. Also the resident memory that stays after reading the
 * 24 MB file repeatedly.
 *
 * PDF: 50 ZUGFeRD-like PDFs (generated) read at once through one BoundedPdfReader (its warm
 * worker pool): timeouts, and the wall time per PDF, cold (workers start on demand) and warm.
 *
 * Writes the figures with recordResults('xml', …) and recordResults('pdf', …). Java and Saxon
 * are found on PATH and in /usr/share/java (SAXON_JAR overrides); without them the Saxon columns
 * say so and the rest still runs. Run with --expose-gc (the npm script does) for steady RSS figures.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoundedPdfReader } from '../functions/adapters/pdf/bounded-pdf-reader';
import { DEFAULT_PDF_LIMITS, DEFAULT_PDF_POOL } from '../functions/adapters/pdf/limits';
import { readEInvoiceXml } from '../functions/core/einvoice';
import type { Invoice } from '../functions/core/invoice/model';
import { validateEInvoice } from '../functions/core/validation';
import { sampleInvoice, writeCii } from '../samples/einvoice-writer';
import { writeInvoicePdf } from '../samples/pdf-writer';
import { ciiWithAttachment, ublWithAttachment } from '../test/support/einvoice-attachments';
import { median } from './corpus';
import { recordResults } from './results';

const MB = 1024 * 1024;
const REFERENCE_XSLT = fileURLToPath(new URL('./reference/key-fields.xsl', import.meta.url));
const REFERENCE_DESCRIPTION =
  'bench/reference/key-fields.xsl (not the CEN XSLT): whole tree, every element and attribute, PEPPOL-EN16931-R008, UBL-DT-06/07, BR-CO-10, key fields';
const WARMUP = 20;
const RUNS = 30;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const rssMb = () => process.memoryUsage.rss() / MB;
const signed = (value: number) => (value >= 0 ? `+${value}` : String(value));
const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- XML ----

interface XmlCase {
  name: string;
  syntax: 'UBL' | 'CII';
  /** Generated when measured, so that no other case's text sits in the heap meanwhile. */
  bytes: () => Uint8Array;
}

const encode = (xml: string) => new TextEncoder().encode(xml);
const XML_CASES: XmlCase[] = [
  {
    name: 'ubl-3mb',
    syntax: 'UBL',
    bytes: () => encode(ublWithAttachment({ bytes: 2.25 * MB, wrapped: true })),
  },
  {
    name: 'cii-3mb',
    syntax: 'CII',
    bytes: () => encode(ciiWithAttachment({ bytes: 2.25 * MB, wrapped: true })),
  },
  {
    name: 'ubl-24mb',
    syntax: 'UBL',
    bytes: () => encode(ublWithAttachment({ bytes: 18 * MB, wrapped: true })),
  },
];

interface Timing {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

const timing = (times: number[]): Timing => ({
  medianMs: round(median(times), 2),
  p95Ms: round(percentile(times, 95), 2),
  runs: times.length,
});

function keyFields(invoice: Invoice): Record<string, string> {
  return {
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    currency: invoice.currency,
    sellerVatId: invoice.seller.vatId ?? '',
    net: invoice.totals.net,
    vat: invoice.totals.vat ?? '',
    gross: invoice.totals.gross,
    payable: invoice.totals.payable,
  };
}

function measureOurs(bytes: Uint8Array, runs: number) {
  const times: number[] = [];
  let fields: Record<string, string> = {};
  let valid = false;
  for (let i = 0; i < WARMUP + runs; i++) {
    const started = performance.now();
    const { invoice, root } = readEInvoiceXml(bytes);
    const report = validateEInvoice(root);
    const elapsed = performance.now() - started;
    if (i >= WARMUP) times.push(elapsed);
    fields = keyFields(invoice);
    valid = report.valid;
  }
  return { timing: timing(times), fields, valid };
}

/** Lets V8 compile the whole path first (Saxon's -repeat gets the same in its JVM). */
function warmUpJit(): void {
  const documents = [ublWithAttachment({ bytes: 64 * 1024 }), ciiWithAttachment({ bytes: 64 * 1024 })].map(
    encode,
  );
  const until = performance.now() + 2000;
  while (performance.now() < until)
    for (const bytes of documents) validateEInvoice(readEInvoiceXml(bytes).root);
}

interface SaxonSetup {
  java: string;
  jar: string;
}

function findSaxon(): SaxonSetup | string {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0)
    return 'Java not found on PATH (Debian: apt-get install -y libsaxonhe-java, which brings a JRE)';
  const jar = [process.env.SAXON_JAR, '/usr/share/java/Saxon-HE.jar', '/usr/share/java/saxon9he.jar'].find(
    (path) => path && existsSync(path),
  );
  if (!jar) return 'Saxon HE jar not found (set SAXON_JAR, or apt-get install -y libsaxonhe-java)';
  return { java: 'java', jar };
}

/** Saxon in one JVM: `-repeat` runs the transformation many times; each run's time includes building the tree. */
function measureSaxon(saxon: SaxonSetup, file: string, runs: number) {
  const result = spawnSync(
    saxon.java,
    [
      '-cp',
      saxon.jar,
      'net.sf.saxon.Transform',
      `-s:${file}`,
      `-xsl:${REFERENCE_XSLT}`,
      `-repeat:${WARMUP + runs}`,
      '-t',
    ],
    { encoding: 'utf8', maxBuffer: 64 * MB },
  );
  if (result.status !== 0) throw new Error(`Saxon failed on ${file}: ${result.stderr.slice(-500)}`);
  const times = [...result.stderr.matchAll(/Execution time: (?:[\d.]+s \()?([\d.]+)ms/g)].map((m) =>
    Number(m[1]),
  );
  const output = Object.fromEntries(
    result.stdout
      .split('\n')
      .slice(0, 30)
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { timing: timing(times.slice(WARMUP)), output };
}

/**
 * Resident memory around reading the file repeatedly: the peak, what stays a second later without
 * help, and what stays after a forced garbage collection (the baseline is taken after one).
 */
async function rssAround(bytes: Uint8Array, rounds: number) {
  await settle();
  const before = rssMb();
  let peak = before;
  for (let i = 0; i < rounds; i++) {
    const { root } = readEInvoiceXml(bytes);
    validateEInvoice(root);
    peak = Math.max(peak, rssMb());
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = rssMb();
  await settle();
  const afterGc = rssMb();
  return {
    beforeMb: round(before),
    peakGrowthMb: round(peak - before),
    lastingGrowthMb: round(after - before),
    lastingGrowthAfterGcMb: round(afterGc - before),
  };
}

async function benchXml() {
  const saxon = findSaxon();
  const dir = mkdtempSync(join(tmpdir(), 'bench-xml-'));
  const results: Record<string, unknown> = {};
  console.log('== Large XML: parse + extract + validate, warm, against Saxon HE on the same file ==');
  console.log(
    `Saxon reference: ${typeof saxon === 'string' ? `MISSING - ${saxon}; Saxon columns skipped` : `${saxon.jar} with ${REFERENCE_DESCRIPTION}`}`,
  );
  console.log(
    `${'file'.padEnd(10)} ${'MB'.padStart(6)} ${'ours med'.padStart(9)} ${'ours p95'.padStart(9)} ${'saxon med'.padStart(10)} ${'saxon p95'.padStart(10)} ${'ratio'.padStart(6)}  key fields`,
  );
  try {
    warmUpJit();
    for (const { name, syntax, bytes: generate } of XML_CASES) {
      const bytes = generate();
      const file = join(dir, `${name}.xml`);
      writeFileSync(file, bytes);
      const runs = bytes.byteLength > 10 * MB ? 10 : RUNS;
      const ours = measureOurs(bytes, runs);
      const reference = typeof saxon === 'string' ? undefined : measureSaxon(saxon, file, runs);
      const sameFields = reference
        ? Object.entries(ours.fields).every(([key, value]) => reference.output[key] === value)
        : undefined;
      const ratio = reference ? ours.timing.medianMs / reference.timing.medianMs : undefined;
      results[name] = {
        syntax,
        bytes: bytes.byteLength,
        valid: ours.valid,
        ours: ours.timing,
        saxon: reference ? reference.timing : null,
        ratioToSaxon: ratio === undefined ? null : round(ratio, 2),
        keyFieldsMatchSaxon: sameFields ?? null,
      };
      console.log(
        `${name.padEnd(10)} ${(bytes.byteLength / MB).toFixed(1).padStart(6)} ${ours.timing.medianMs.toFixed(1).padStart(9)} ${ours.timing.p95Ms.toFixed(1).padStart(9)} ${(reference?.timing.medianMs.toFixed(1) ?? '-').padStart(10)} ${(reference?.timing.p95Ms.toFixed(1) ?? '-').padStart(10)} ${(ratio === undefined ? '-' : `${ratio.toFixed(2)}x`).padStart(6)}  ${sameFields === undefined ? '-' : sameFields ? 'same as Saxon' : 'DIFFERENT from Saxon'}${ours.valid ? '' : ' (invalid!)'}`,
      );
    }
    const big = XML_CASES[2]?.bytes() ?? new Uint8Array();
    const memory = await rssAround(big, 10);
    results.rss24mb = { ...memory, rounds: 10, gcExposed: gc !== undefined };
    console.log(
      `RSS around 10 reads of the 24 MB UBL (from ${memory.beforeMb} MB): peak +${memory.peakGrowthMb} MB, 1 s later ${signed(memory.lastingGrowthMb)} MB, after a forced GC ${signed(memory.lastingGrowthAfterGcMb)} MB${gc ? '' : ' (run with --expose-gc for steady figures)'}`,
    );
    const ratios = ['ubl-3mb', 'cii-3mb'].map(
      (name) => (results[name] as { ratioToSaxon: number | null }).ratioToSaxon,
    );
    if (ratios.every((ratio) => ratio !== null))
      console.log(
        `target "3 MB with attachment at most 2x Saxon": ${ratios.every((ratio) => (ratio ?? Infinity) <= 2) ? 'met' : 'NOT met'} (${ratios.map((r) => `${r}x`).join(', ')})`,
      );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    ...results,
    saxonReference: typeof saxon === 'string' ? `missing: ${saxon}` : REFERENCE_DESCRIPTION,
  };
}

// ---- PDF burst ----

async function zugferdPdfs(count: number): Promise<Uint8Array[]> {
  const pdfs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = sampleInvoice({ invoiceNumber: `RE-2024-${String(1000 + i)}` });
    pdfs.push(
      await writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } }),
    );
  }
  return pdfs;
}

async function burst(reader: BoundedPdfReader, pdfs: Uint8Array[]) {
  const started = performance.now();
  const latencies: number[] = [];
  const outcomes = await Promise.allSettled(
    pdfs.map(async (pdf) => {
      const content = await reader.read(pdf);
      latencies.push(performance.now() - started);
      return content;
    }),
  );
  const wallMs = performance.now() - started;
  const errors = outcomes.flatMap((o) =>
    o.status === 'rejected' ? [String((o.reason as Error).message)] : [],
  );
  const read = outcomes.filter(
    (o) => o.status === 'fulfilled' && o.value.embeddedFiles[0]?.name === 'factur-x.xml',
  ).length;
  return {
    pdfs: pdfs.length,
    read,
    timedOut: errors.filter((e) => e.includes('took longer than')).length,
    errors: errors.length,
    wallMs: round(wallMs),
    msPerPdf: round(wallMs / pdfs.length, 1),
    latencyMedianMs: round(median(latencies)),
    latencyP95Ms: round(percentile(latencies, 95)),
  };
}

async function benchPdf() {
  const pdfs = await zugferdPdfs(50);
  const reader = new BoundedPdfReader();
  try {
    const cold = await burst(reader, pdfs);
    const warm = await burst(reader, pdfs);
    console.log(
      `\n== PDF burst: 50 ZUGFeRD PDFs read at once, pool of ${DEFAULT_PDF_POOL.workers} workers, ${DEFAULT_PDF_LIMITS.timeoutMs / 1000} s limit per parse ==`,
    );
    for (const [label, r] of [
      ['cold', cold],
      ['warm', warm],
    ] as const)
      console.log(
        `${label}: ${r.read}/${r.pdfs} read, ${r.timedOut} timed out, ${r.errors} errors; ${r.wallMs} ms wall, ${r.msPerPdf} ms per PDF; latency median ${r.latencyMedianMs} ms, p95 ${r.latencyP95Ms} ms`,
      );
    return { workers: DEFAULT_PDF_POOL.workers, timeoutMs: DEFAULT_PDF_LIMITS.timeoutMs, cold, warm };
  } finally {
    await reader.close();
  }
}

const xml = await benchXml();
recordResults('xml', xml);
const pdf = await benchPdf();
recordResults('pdf', { burst50: pdf });
console.log('\nwrote bench/results.json (xml, pdf)');
