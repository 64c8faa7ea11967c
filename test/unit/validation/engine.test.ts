import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../functions/core/money';
import { CII_CODES } from '../../../functions/core/validation/en16931/cii-codes';
import { CII_MODEL } from '../../../functions/core/validation/en16931/cii-model';
import { CII_SYNTAX } from '../../../functions/core/validation/en16931/cii-syntax';
import { indexDocument, type Pattern, runPatterns } from '../../../functions/core/validation/en16931/engine';
import { knownRuleIds, messageFor } from '../../../functions/core/validation/en16931/messages';
import { UBL_CODES } from '../../../functions/core/validation/en16931/ubl-codes';
import { UBL_MODEL } from '../../../functions/core/validation/en16931/ubl-model';
import { UBL_SYNTAX } from '../../../functions/core/validation/en16931/ubl-syntax';
import {
  atMostTwoDecimals,
  round2,
  xround,
  xsDecimal,
  xsNumber,
} from '../../../functions/core/validation/en16931/xpath';
import { parseXml } from '../../../functions/core/xml/safe-xml';

describe('schematron engine', () => {
  const doc = indexDocument(parseXml('<r><a n="1"/><a n="2"/><b/></r>'));

  it('fires only the first rule of a pattern whose context matches an element', () => {
    // Prepare: two rules match every <a>; the second must never run.
    const pattern: Pattern = {
      id: 'p',
      rules: [
        { names: ['a'], asserts: [{ id: 'FIRST', test: () => false }] },
        { names: ['a'], asserts: [{ id: 'SECOND', test: () => false }] },
      ],
    };
    // Act
    const findings = runPatterns(doc, [pattern]);
    // Assess
    expect(findings.map((f) => f.rule)).toEqual(['FIRST', 'FIRST']);
  });

  it('lets a later rule claim the elements an earlier rule refines away', () => {
    const pattern: Pattern = {
      id: 'p',
      rules: [
        { names: ['a'], where: (el) => el.attrs.n === '1', asserts: [{ id: 'ONE', test: () => false }] },
        { names: '*', asserts: [{ id: 'ANY', test: () => false }] },
      ],
    };

    const findings = runPatterns(doc, [pattern]).map((f) => `${f.rule}@${f.path}`);

    expect(findings).toEqual(['ANY@/r', 'ONE@/r/a[1]', 'ANY@/r/a[2]', 'ANY@/r/b']);
  });

  it('counts a test that throws as a failed assert instead of crashing', () => {
    const pattern: Pattern = {
      id: 'p',
      rules: [
        {
          names: ['b'],
          asserts: [
            {
              id: 'BOOM',
              test: () => {
                throw new Error('hostile input');
              },
            },
          ],
        },
      ],
    };

    expect(runPatterns(doc, [pattern]).map((f) => f.rule)).toEqual(['BOOM']);
  });
});

describe('XPath semantics', () => {
  it('rounds halves towards positive infinity like fn:round', () => {
    expect(xround(new Decimal('2.5')).toString()).toBe('3');
    expect(xround(new Decimal('-2.5')).toString()).toBe('-2');
    expect(round2(new Decimal('-0.125')).toString()).toBe('-0.12');
    expect(round2(new Decimal('0.125')).toString()).toBe('0.13');
  });

  it('casts xs:decimal strictly and untyped numbers like xs:double', () => {
    expect(xsDecimal(' 12.50 ')?.toString()).toBe('12.5');
    expect(xsDecimal('1e3')).toBeUndefined();
    expect(xsNumber('1e3')?.toString()).toBe('1000');
    expect(xsNumber('12,50')).toBeUndefined();
  });

  it('counts decimals on the raw text as the schematron does', () => {
    expect(atMostTwoDecimals('10.25')).toBe(true);
    expect(atMostTwoDecimals('10')).toBe(true);
    expect(atMostTwoDecimals('10.250')).toBe(false);
    expect(atMostTwoDecimals('10.25 ')).toBe(false);
  });
});

describe('rule texts', () => {
  const patterns = [CII_MODEL, CII_SYNTAX, CII_CODES, UBL_MODEL, UBL_SYNTAX, UBL_CODES];
  const ids = [...new Set(patterns.flatMap((p) => p.rules.flatMap((r) => r.asserts.map((a) => a.id))))];

  it('has an English and a German text for every rule id the patterns can report', () => {
    const fallback = messageFor('NO-SUCH-RULE');

    const missing = ids.filter((id) => messageFor(id).en === fallback.en);

    expect(ids.length).toBeGreaterThan(300);
    expect(missing).toEqual([]);
  });

  it('keeps no text for a rule no pattern reports', () => {
    const generatedFamilies = /^BR-(DEC|S|Z|E|AE|IC|G|O|AF|AG|IG|IP)-/;

    const orphans = knownRuleIds().filter((id) => !ids.includes(id) && !generatedFamilies.test(id));

    expect(orphans).toEqual([]);
  });
});
