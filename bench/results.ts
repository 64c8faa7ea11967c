import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** bench/results.json: one top-level section per bench (extract, bundles, e2e, cost, xml, ...). */
export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

export function readResults(file = RESULTS_FILE): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Replaces one section and keeps the others; written atomically (temp file, then rename). */
export function recordResults(section: string, values: unknown, file = RESULTS_FILE): void {
  const results = { ...readResults(file), [section]: values };
  const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(sorted, null, 2)}\n`);
  renameSync(temp, file);
}
