import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_TEXTS, validateXRechnung } from '../../../../functions/core/validation/xrechnung';
import { parseXml, type XmlElement } from '../../../../functions/core/xml/safe-xml';
import { CII_INVOICE, UBL_INVOICE } from './fixtures';

/** All elements of a tree in document order. */
function elements(root: XmlElement): XmlElement[] {
  return [root, ...root.children.flatMap(elements)];
}

const KNOWN_RULES = new Set(Object.keys(RULE_TEXTS));
const SEVERITIES = new Set(['fatal', 'warning', 'information']);

/** Removes some elements and overwrites the text of others with arbitrary strings. */
const damage = fc.record({
  removals: fc.array(fc.nat(), { maxLength: 6 }),
  rewrites: fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 12 })), { maxLength: 6 }),
});

describe('XRechnung validator robustness', () => {
  for (const [syntax, xml] of [
    ['UBL', UBL_INVOICE],
    ['CII', CII_INVOICE],
  ] as const) {
    it(`never throws and reports only known rules for damaged ${syntax} invoices`, () => {
      fc.assert(
        fc.property(damage, ({ removals, rewrites }) => {
          // Prepare
          const root = parseXml(xml);
          for (const [index, text] of rewrites) {
            const all = elements(root);
            const target = all[index % all.length]!;
            target.children = [];
            target.rawText = text;
          }
          for (const index of removals) {
            const all = elements(root).slice(1);
            const target = all[index % all.length];
            if (target?.parent) target.parent.children = target.parent.children.filter((c) => c !== target);
          }
          // Act
          const findings = validateXRechnung(root);
          // Assess
          for (const finding of findings) {
            expect(KNOWN_RULES.has(finding.rule)).toBe(true);
            expect(SEVERITIES.has(finding.severity)).toBe(true);
            expect(finding.path?.startsWith('/')).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});
