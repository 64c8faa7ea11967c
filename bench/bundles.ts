/**
 * `npm run bench:bundles`: builds every Lambda bundle exactly as `cdk synth` does (same generated entry,
 * same esbuild settings), then measures its size and how long a cold `import()` of it takes, against
 * `node -e 0` on the same machine in the same run (runs interleaved, medians compared).
 * Writes bench/results.json → bundles.{function}.bytes / .coldLoadMsMedian and exits non-zero when a
 * bundle is over 1 MB or its cold import over 3× the baseline.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { STEPS } from '../functions/steps';
import { LAMBDA_BUNDLE, lambdaEntrySource, lazyPackagesOf, PROJECT_ROOT } from '../infra/lambda-entry';
import { median } from './corpus';
import { recordResults } from './results';

const MAX_BYTES = 1024 * 1024;
const MAX_COLD_RATIO = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function timeNode(args: string[]): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0)
    throw new Error(`node ${args.join(' ')} failed: ${run.stderr.toString().slice(0, 500)}`);
  return ms;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bundles-'));
  try {
    const bundles: { name: string; file: string; bytes: number; lazyBytes: number }[] = [];
    for (const step of STEPS) {
      const entry = join(dir, `${step.name}.entry.ts`);
      writeFileSync(entry, lambdaEntrySource(step, PROJECT_ROOT));
      const file = join(dir, step.name, 'index.mjs');
      await build({
        entryPoints: [entry],
        outfile: file,
        bundle: true,
        format: LAMBDA_BUNDLE.format,
        platform: LAMBDA_BUNDLE.platform,
        target: LAMBDA_BUNDLE.target,
        mainFields: [...LAMBDA_BUNDLE.mainFields],
        minify: LAMBDA_BUNDLE.minify,
        keepNames: LAMBDA_BUNDLE.keepNames,
        banner: { js: LAMBDA_BUNDLE.banner },
        external: lazyPackagesOf(step).map((p) => p.name),
        logLevel: 'error',
      });
      const lazyBytes = lazyPackagesOf(step)
        .flatMap((p) => p.files.map((f) => statSync(join(PROJECT_ROOT, 'node_modules', p.name, f.from)).size))
        .reduce((a, b) => a + b, 0);
      bundles.push({ name: step.name, file, bytes: statSync(file).size, lazyBytes });
    }

    const baseline: number[] = [];
    const cold = new Map<string, number[]>(bundles.map((b) => [b.name, []]));
    for (let run = 0; run < RUNS; run++) {
      baseline.push(timeNode(['-e', '0']));
      for (const bundle of bundles) {
        cold
          .get(bundle.name)!
          .push(timeNode(['--input-type=module', '-e', `await import(${JSON.stringify(bundle.file)})`]));
      }
    }
    const baselineMs = median(baseline);
    const results: Record<string, unknown> = { nodeBaselineMsMedian: round(baselineMs), runs: RUNS };
    const failures: string[] = [];
    console.log(`node -e 0: ${baselineMs.toFixed(1)} ms (median of ${RUNS})`);
    console.log('function             bytes      cold import   × baseline   (lazily loaded beside it)');
    for (const bundle of bundles) {
      const ms = median(cold.get(bundle.name)!);
      const ratio = ms / baselineMs;
      results[bundle.name] = {
        bytes: bundle.bytes,
        coldLoadMsMedian: round(ms),
        coldLoadRatio: round(ratio),
        ...(bundle.lazyBytes && { lazyPackageBytes: bundle.lazyBytes }),
      };
      console.log(
        `${bundle.name.padEnd(20)} ${String(bundle.bytes).padStart(9)}  ${ms.toFixed(1).padStart(9)} ms  ${ratio.toFixed(2).padStart(8)}${bundle.lazyBytes ? `   +${bundle.lazyBytes} bytes` : ''}`,
      );
      if (bundle.bytes > MAX_BYTES) failures.push(`${bundle.name}: ${bundle.bytes} bytes > ${MAX_BYTES}`);
      if (ratio > MAX_COLD_RATIO)
        failures.push(`${bundle.name}: cold import ${ratio.toFixed(2)}× > ${MAX_COLD_RATIO}×`);
    }
    recordResults('bundles', results);
    if (failures.length) {
      console.error(`\nOver target:\n  ${failures.join('\n  ')}`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

await main();
