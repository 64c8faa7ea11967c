#!/usr/bin/env node
/**
 * `npm run build` (also run by `npm ci` through `prepare`): compiles the command line into dist/ with
 * esbuild, so that `invoice-agent` runs plain JavaScript and no transpiler loads at run time. Each
 * command is its own chunk, loaded only when it runs. Dependencies stay in node_modules.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist`;

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: ['cli/main.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Typed errors are matched by name.
  keepNames: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
