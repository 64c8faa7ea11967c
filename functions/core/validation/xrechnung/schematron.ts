import { locate, type XmlElement } from '../../xml/safe-xml';
import type { Finding, Severity } from '../types';
import { RULE_TEXTS, type XRechnungRuleId } from './messages';
import { descendantsOrSelf } from './xpath';

/**
 * A tiny schematron runner with the ISO semantics the official rules rely on: every element is
 * visited in document order; within one pattern only the FIRST rule whose context matches an
 * element fires for it (later rules are shadowed); each failed assert becomes a Finding.
 */

export interface Assertion<Facts> {
  id: XRechnungRuleId;
  /** The schematron flag: fatal, warning or information. */
  flag: Severity;
  /** The assert test: true = fine, false = the rule fires. */
  test: (node: XmlElement, facts: Facts) => boolean;
}

export interface Rule<Facts> {
  /** The rule context, as a predicate over one element. */
  context: (node: XmlElement, facts: Facts) => boolean;
  asserts: readonly Assertion<Facts>[];
}

export interface Pattern<Facts> {
  id: string;
  rules: readonly Rule<Facts>[];
}

/** Runs the patterns over the whole tree and returns the failed asserts. */
export function runPatterns<Facts>(
  root: XmlElement,
  patterns: readonly Pattern<Facts>[],
  facts: Facts,
): Finding[] {
  const findings: Finding[] = [];
  for (const node of descendantsOrSelf(root)) {
    for (const pattern of patterns) {
      const rule = pattern.rules.find((r) => r.context(node, facts));
      if (!rule) continue;
      for (const assertion of rule.asserts) {
        if (!assertion.test(node, facts)) findings.push(finding(assertion, node));
      }
    }
  }
  return findings;
}

function finding<Facts>(assertion: Assertion<Facts>, node: XmlElement): Finding {
  const text = RULE_TEXTS[assertion.id];
  return {
    rule: assertion.id,
    severity: assertion.flag,
    message: text.en,
    messageDe: text.de,
    path: locate(node),
  };
}
