import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKeyFieldBench } from '../../bench/keyfields';

/** The shared corpus (CORPUS_DIR, default ../shared/corpus from the repo root); never copied into the repo. */
const corpusDir = resolve(process.cwd(), process.env.CORPUS_DIR ?? '../shared/corpus');

describe('e-invoice reader on the public corpus', () => {
  it('matches every key field of the oracle and ends every other document in a typed error', async () => {
    // Prepare
    expect(existsSync(resolve(corpusDir, 'oracle/key-fields.jsonl')), `corpus missing at ${corpusDir}`).toBe(
      true,
    );

    // Act
    const result = await runKeyFieldBench(corpusDir, { timing: false });

    // Assess
    expect(result.mismatches).toEqual([]);
    expect(result.errorDisagreements).toEqual([]);
    expect(result.sweep.crashes).toEqual([]);
    expect(result.overall.total).toBeGreaterThan(2000);
    expect(result.overall.rate).toBe(1);
  }, 60_000);
});
