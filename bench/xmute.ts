/**
 * KoSIT xmute harness: applies the mutations described by the `<?xmute ...?>` processing
 * instructions of the XRechnung schematron test instances and checks that validateXRechnung()
 * gives the stated verdict for each named rule (valid = the rule does not fire, invalid = it fires).
 *
 * Run: npx tsx bench/xmute.ts   (corpus from $CORPUS_DIR, default ../shared/corpus)
 *
 * Mutators (after KoSIT xml-mutate): identity (no change), remove (drop the element or, with
 * attribute=, the attribute), empty (drop the element's text and children, or blank the attribute),
 * code (one mutation per value of values=, split on separator= or ','; sets the text or the
 * attribute), whitespace (surrounds the text or attribute value with blanks and line breaks).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateXRechnung } from '../functions/core/validation/xrechnung';
import { decodeXml, parseXml, type XmlElement } from '../functions/core/xml/safe-xml';
import { corpusDirFromEnv } from './corpus';

export type Mutator = 'identity' | 'remove' | 'empty' | 'code' | 'whitespace';
const MUTATORS: readonly Mutator[] = ['identity', 'remove', 'empty', 'code', 'whitespace'];

export interface XmuteInstruction {
  id: string;
  mutator: Mutator;
  /** Values for the code mutator, one mutation each. */
  values: string[];
  /** Mutate this attribute instead of the element text. */
  attribute?: string;
  /** Rule ids (prefix 'xrcii:'/'xrubl:' removed) that must NOT fire. */
  mustNotFire: string[];
  /** Rule ids that MUST fire. */
  mustFire: string[];
}

/** One concrete mutation: an instruction applied to one target element (with one code value). */
export interface Mutation {
  instruction: XmuteInstruction;
  /** Child indexes from the document element down to the target. */
  targetPath: number[];
  value?: string;
}

/**
 * Parses the data of an xmute processing instruction, e.g.
 * `mutator="code" values="30,58" schematron-valid="xrcii:BR-DE-23-a" id="x"`.
 * Repeated schematron-valid / schematron-invalid attributes all count.
 */
export function parseXmuteInstruction(data: string): XmuteInstruction {
  const pairs = [...data.matchAll(/([\w:-]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);
  const get = (key: string) => pairs.find(([k]) => k === key)?.[1];
  const all = (key: string) => pairs.filter(([k]) => k === key).flatMap(([, v]) => ruleIds(v));
  const mutator = get('mutator') as Mutator | undefined;
  if (!mutator || !MUTATORS.includes(mutator))
    throw new TypeError(`Unknown xmute mutator "${mutator}" in: ${data}`);
  const separator = get('separator') ?? ',';
  const values = (get('values') ?? '')
    .split(separator)
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return {
    id: get('id') ?? '(no id)',
    mutator,
    values,
    attribute: get('attribute'),
    mustNotFire: all('schematron-valid'),
    mustFire: all('schematron-invalid'),
  };
}

/** 'xrcii:BR-TMP-3, xrcii:PEPPOL-EN16931-R120' -> ['BR-TMP-3', 'PEPPOL-EN16931-R120']. */
function ruleIds(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .filter((r) => r !== '')
    .map((r) => r.replace(/^[a-z]+:/, ''));
}

/** A deep copy of the tree with fresh parent links (processing instructions are not copied). */
export function cloneTree(element: XmlElement, parent?: XmlElement): XmlElement {
  const copy: XmlElement = {
    name: element.name,
    prefix: element.prefix,
    ns: element.ns,
    attrs: { ...element.attrs },
    children: [],
    rawText: element.rawText,
    parent,
  };
  copy.children = element.children.map((child) => cloneTree(child, copy));
  return copy;
}

/** Lists the mutations of a parsed test document, pairing each target with its instructions. */
export function mutationsOf(root: XmlElement, instructionData?: readonly string[]): Mutation[] {
  const mutations: Mutation[] = [];
  let nth = 0;
  const visit = (element: XmlElement, path: number[]) => {
    for (const pi of element.precedingPIs ?? []) {
      if (pi.target !== 'xmute') continue;
      const instruction = parseXmuteInstruction(instructionData?.[nth] ?? pi.data);
      nth++;
      if (instruction.mutator === 'code') {
        for (const value of instruction.values) mutations.push({ instruction, targetPath: path, value });
      } else {
        mutations.push({ instruction, targetPath: path });
      }
    }
    for (const [i, child] of element.children.entries()) visit(child, [...path, i]);
  };
  visit(root, []);
  return mutations;
}

/** Applies one mutation to a copy of the tree and returns the copy. */
export function applyMutation(root: XmlElement, mutation: Mutation): XmlElement {
  const copy = cloneTree(root);
  let target = copy;
  for (const i of mutation.targetPath) target = target.children[i]!;
  const { mutator, attribute } = mutation.instruction;
  switch (mutator) {
    case 'identity':
      break;
    case 'remove':
      if (attribute) delete target.attrs[attribute];
      else if (target.parent) target.parent.children = target.parent.children.filter((c) => c !== target);
      break;
    case 'empty':
      if (attribute) target.attrs[attribute] = '';
      else {
        target.rawText = '';
        target.children = [];
      }
      break;
    case 'code':
      if (attribute) target.attrs[attribute] = mutation.value ?? '';
      else {
        target.rawText = mutation.value ?? '';
        target.children = [];
      }
      break;
    case 'whitespace':
      if (attribute) target.attrs[attribute] = ` \n\t${target.attrs[attribute] ?? ''}\t\n `;
      else target.rawText = ` \n\t${target.rawText}\t\n `;
      break;
  }
  return copy;
}

/** The xmute instruction texts of a document, in document order, skipping commented-out ones. */
export function rawInstructions(xmlText: string): string[] {
  const withoutComments = xmlText.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<\?xmute\s([\s\S]*?)\?>/g)].map((m) => m[1]!);
}

export interface XmuteFailure {
  file: string;
  id: string;
  value?: string;
  rule: string;
  expected: 'fires' | 'silent';
  got: 'fires' | 'silent' | string;
}

export interface XmuteResult {
  total: number;
  passed: number;
  bySyntax: Record<string, { total: number; passed: number }>;
  failures: XmuteFailure[];
  medianValidationMs: number;
}

/** Runs every mutation of <corpusDir>/xrechnung-schematron-tests/{cii,ubl-inv,ubl-cn}. */
export function runXmuteBench(corpusDir: string): XmuteResult {
  const base = join(corpusDir, 'xrechnung-schematron-tests');
  const result: XmuteResult = { total: 0, passed: 0, bySyntax: {}, failures: [], medianValidationMs: 0 };
  const timings: number[] = [];
  for (const syntax of ['cii', 'ubl-inv', 'ubl-cn']) {
    const tally = { total: 0, passed: 0 };
    result.bySyntax[syntax] = tally;
    for (const file of readdirSync(join(base, syntax))
      .filter((f) => f.endsWith('.xml'))
      .sort()) {
      const bytes = readFileSync(join(base, syntax, file));
      const root = parseXml(bytes);
      const raw = rawInstructions(decodeXml(bytes));
      const mutations = mutationsOf(root, raw.length === countInstructions(root) ? raw : undefined);
      for (const mutation of mutations) {
        const mutated = applyMutation(root, mutation);
        const started = performance.now();
        let fired: Set<string> | string;
        try {
          fired = new Set(validateXRechnung(mutated).map((f) => f.rule));
        } catch (error) {
          fired = `error: ${error instanceof Error ? error.message : String(error)}`;
        }
        timings.push(performance.now() - started);
        const failures = checkVerdict(`${syntax}/${file}`, mutation, fired);
        tally.total++;
        if (failures.length === 0) tally.passed++;
        result.failures.push(...failures);
      }
    }
    result.total += tally.total;
    result.passed += tally.passed;
  }
  timings.sort((a, b) => a - b);
  result.medianValidationMs = timings[Math.floor(timings.length / 2)] ?? 0;
  return result;
}

function countInstructions(root: XmlElement): number {
  let n = (root.precedingPIs ?? []).filter((pi) => pi.target === 'xmute').length;
  for (const child of root.children) n += countInstructions(child);
  return n;
}

function checkVerdict(file: string, mutation: Mutation, fired: Set<string> | string): XmuteFailure[] {
  const { id, mustFire, mustNotFire } = mutation.instruction;
  const failures: XmuteFailure[] = [];
  const got = (rule: string) => (typeof fired === 'string' ? fired : fired.has(rule) ? 'fires' : 'silent');
  for (const rule of mustFire)
    if (got(rule) !== 'fires')
      failures.push({ file, id, value: mutation.value, rule, expected: 'fires', got: got(rule) });
  for (const rule of mustNotFire)
    if (got(rule) !== 'silent')
      failures.push({ file, id, value: mutation.value, rule, expected: 'silent', got: got(rule) });
  return failures;
}

const percent = (passed: number, total: number) =>
  total === 0 ? 'n/a' : `${((100 * passed) / total).toFixed(1)}%`;

function main(): void {
  const corpusDir = corpusDirFromEnv();
  const result = runXmuteBench(corpusDir);
  console.log(
    `xmute mutations: ${result.total}, passed: ${result.passed} (${percent(result.passed, result.total)})`,
  );
  for (const [syntax, t] of Object.entries(result.bySyntax))
    console.log(`  ${syntax.padEnd(8)} ${t.passed}/${t.total} (${percent(t.passed, t.total)})`);
  console.log(`median validation time: ${result.medianValidationMs.toFixed(3)} ms`);
  if (result.failures.length) console.log(`failures (${result.failures.length}):`);
  for (const f of result.failures) {
    const value = f.value === undefined ? '' : ` value="${f.value}"`;
    console.log(`  ${f.file} id=${f.id}${value} rule=${f.rule} expected=${f.expected} got=${f.got}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
