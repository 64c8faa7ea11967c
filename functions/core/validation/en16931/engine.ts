import { locate } from '../../xml/safe-xml';
import type { Finding, Severity } from '../types';
import { messageFor } from './messages';
import type { El } from './xpath';

/**
 * A small schematron runner. A pattern is an ordered list of rules; each rule has a context
 * (the element names it can match plus an optional refinement) and asserts. As in the XSLT the
 * CEN artefacts compile to, every element is visited in document order and only the FIRST rule
 * of a pattern whose context matches it fires — a later rule never sees an element an earlier
 * rule of the same pattern claimed.
 */

/** The parsed document with a by-name index, so '//name' lookups cost nothing. */
export interface Doc {
  root: El;
  /** Every element in document order. */
  elements: El[];
  /** Elements by local name, document order. */
  byName: Map<string, El[]>;
  /** Per-document memo for values several asserts share (sums, party identifiers). */
  memo: Map<string, unknown>;
}

export function indexDocument(root: El): Doc {
  const elements: El[] = [];
  const byName = new Map<string, El[]>();
  const stack: El[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    elements.push(el);
    let list = byName.get(el.name);
    if (!list) {
      list = [];
      byName.set(el.name, list);
    }
    list.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
  }
  return { root, elements, byName, memo: new Map() };
}

/** '//name' — every element with the local name (optionally in one namespace). */
export function named(doc: Doc, name: string, ns?: string): El[] {
  const list = doc.byName.get(name) ?? [];
  return ns === undefined ? list : list.filter((el) => el.ns === ns);
}

/** Computes a document-wide value once per validation. */
export function memo<T>(doc: Doc, key: string, compute: () => T): T {
  if (doc.memo.has(key)) return doc.memo.get(key) as T;
  const value = compute();
  doc.memo.set(key, value);
  return value;
}

export interface Assert {
  /** Official rule id, e.g. 'BR-CO-10'. */
  id: string;
  /** The schematron flag; fatal unless stated. */
  flag?: Severity;
  /** True when the document satisfies the assert at this context element. */
  test: (el: El, doc: Doc) => boolean;
}

export interface Rule {
  /** Local names the context element can have; '*' for rules written on any element. */
  names: readonly string[] | '*';
  /** Namespace the context element must be in, when the context names one. */
  ns?: string | readonly string[];
  /** Refines the context (predicates, parent steps) beyond the element name. */
  where?: (el: El, doc: Doc) => boolean;
  asserts: readonly Assert[];
}

export interface Pattern {
  id: string;
  rules: readonly Rule[];
}

/** Rules per element name, each list in pattern order with the wildcard rules merged in. */
interface Dispatch {
  byName: Map<string, readonly Rule[]>;
  wildcard: readonly Rule[];
}
const dispatchCache = new WeakMap<Pattern, Dispatch>();

function dispatchOf(pattern: Pattern): Dispatch {
  const cached = dispatchCache.get(pattern);
  if (cached) return cached;
  const wildcard = pattern.rules.filter((rule) => rule.names === '*');
  const byName = new Map<string, Rule[]>();
  pattern.rules.forEach((rule, index) => {
    if (rule.names === '*') {
      for (const list of byName.values()) list.push(rule);
      return;
    }
    for (const name of rule.names) {
      let list = byName.get(name);
      if (!list) {
        // A name's list starts with the wildcard rules written before its first rule.
        list = pattern.rules.slice(0, index).filter((r) => r.names === '*');
        byName.set(name, list);
      }
      list.push(rule);
    }
  });
  const dispatch = { byName, wildcard };
  dispatchCache.set(pattern, dispatch);
  return dispatch;
}

/** The rules that may claim an element with this local name, in pattern order. */
function rulesFor(dispatch: Dispatch, name: string): readonly Rule[] {
  return dispatch.byName.get(name) ?? dispatch.wildcard;
}

function nsMatches(rule: Rule, el: El): boolean {
  if (rule.ns === undefined) return true;
  return typeof rule.ns === 'string' ? el.ns === rule.ns : rule.ns.includes(el.ns ?? '');
}

/** Runs the patterns over the document and returns one finding per failed assert and context. */
export function runPatterns(doc: Doc, patterns: readonly Pattern[]): Finding[] {
  const findings: Finding[] = [];
  for (const pattern of patterns) {
    const dispatch = dispatchOf(pattern);
    for (const el of doc.elements) {
      for (const rule of rulesFor(dispatch, el.name)) {
        if (!nsMatches(rule, el) || (rule.where && !rule.where(el, doc))) continue;
        for (const assert of rule.asserts) {
          if (!passes(assert, el, doc)) findings.push(finding(assert, el));
        }
        break; // the first matching rule claims the element
      }
    }
  }
  return findings;
}

/** A test that throws on hostile input counts as failed, like a dynamic error in the official run. */
function passes(assert: Assert, el: El, doc: Doc): boolean {
  try {
    return assert.test(el, doc);
  } catch {
    return false;
  }
}

function finding(assert: Assert, el: El): Finding {
  const text = messageFor(assert.id);
  return {
    rule: assert.id,
    severity: assert.flag ?? 'fatal',
    message: text.en,
    messageDe: text.de,
    path: locate(el),
  };
}
