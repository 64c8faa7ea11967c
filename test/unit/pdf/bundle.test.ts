import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleInvoice, writeCii } from '../../../samples/einvoice-writer';
import { writeInvoicePdf } from '../../../samples/pdf-writer';

/**
 * Proves the Lambda packaging: esbuild bundles an entry that uses BoundedPdfReader into ONE
 * ESM file (platform node, no externals), and plain node runs it. The bundle starts itself as
 * the PDF worker, and pdf.js's worker code is inside the same file.
 */
const repoRoot = resolve(import.meta.dirname, '../../..');
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'pdf-bundle-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('BoundedPdfReader in a single-file esbuild bundle', () => {
  it('reads text and the embedded XML when run with plain node', async () => {
    const entry = join(workDir, 'entry.ts');
    await writeFile(
      entry,
      `import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { BoundedPdfReader } from ${JSON.stringify(join(repoRoot, 'functions/adapters/pdf/bounded-pdf-reader'))};
if (isMainThread) {
  const reader = new BoundedPdfReader();
  const content = await reader.read(new Uint8Array(readFileSync(process.argv[2])));
  await reader.close();
  console.log(JSON.stringify({
    texts: content.pages[0].items.map((i) => i.text),
    files: content.embeddedFiles.map((f) => f.name),
  }));
}
`,
    );
    const outfile = join(workDir, 'out', 'index.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const invoice = sampleInvoice();
    const pdfPath = join(workDir, 'invoice.pdf');
    await writeFile(
      pdfPath,
      await writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } }),
    );

    const { stdout, stderr } = await promisify(execFile)(process.execPath, [outfile, pdfPath], {
      cwd: workDir,
      timeout: 20_000,
    });

    const result = JSON.parse(stdout) as { texts: string[]; files: string[] };
    expect(result.texts).toContain(invoice.invoiceNumber);
    expect(result.files).toEqual(['factur-x.xml']);
    expect(stderr).toBe('');
  });
});

describe('BoundedPdfReader compiled to JavaScript modules', () => {
  it('starts its workers from pdf-worker.js next to the compiled module', async () => {
    const entry = join(workDir, 'main.ts');
    await writeFile(
      entry,
      `import { readFileSync } from 'node:fs';
import { BoundedPdfReader } from ${JSON.stringify(join(repoRoot, 'functions/adapters/pdf/bounded-pdf-reader'))};
import { pdfWorkerEntry } from ${JSON.stringify(join(repoRoot, 'functions/adapters/pdf/worker-pool'))};
const reader = new BoundedPdfReader();
const content = await reader.read(new Uint8Array(readFileSync(process.argv[2])));
await reader.close();
console.log(JSON.stringify({ worker: String(pdfWorkerEntry.url), files: content.embeddedFiles.map((f) => f.name) }));
`,
    );
    const outdir = join(workDir, 'compiled');
    // Two entry points sharing code: the worker file lands next to the module that starts it.
    await build({
      entryPoints: { main: entry, 'pdf-worker': join(repoRoot, 'functions/adapters/pdf/pdf-worker.ts') },
      outdir,
      bundle: true,
      splitting: true,
      chunkNames: '[name]-[hash]',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
    });
    const invoice = sampleInvoice();
    const pdfPath = join(workDir, 'compiled-invoice.pdf');
    await writeFile(
      pdfPath,
      await writeInvoicePdf(invoice, { embed: { xml: writeCii(invoice), fileName: 'factur-x.xml' } }),
    );

    const { stdout } = await promisify(execFile)(process.execPath, [join(outdir, 'main.js'), pdfPath], {
      cwd: workDir,
      timeout: 20_000,
    });

    const result = JSON.parse(stdout) as { worker: string; files: string[] };
    expect(result.worker).toBe(pathToFileURL(join(outdir, 'pdf-worker.js')).href);
    expect(result.files).toEqual(['factur-x.xml']);
  });
});
