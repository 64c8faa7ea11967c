import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateEInvoice } from '../../../functions/core/validation';
import { parseXml } from '../../../functions/core/xml/safe-xml';
import { ciiInvoice, ublInvoice } from './fixtures';

/** Hostile or broken documents give findings, never a crash or a hang. */

const TEXT_NODE = />([^<>\s][^<>]*)</g;

/** Replaces the n-th text node of the document with another text. */
function replaceText(xml: string, index: number, value: string): string {
  let seen = -1;
  return xml.replace(TEXT_NODE, (match, _text: string) => {
    seen++;
    return seen === index ? `>${value.replace(/[<&]/g, '')}<` : match;
  });
}

const values = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '-0',
    '1e9',
    'NaN',
    'INF',
    '12,50',
    '99999999999999999999.999',
    'true',
    'VAT',
    'S',
    'O',
  ),
  fc.string({ maxLength: 12 }),
);

describe('validator robustness', () => {
  it.each([
    ['CII', ciiInvoice],
    ['UBL', ublInvoice],
  ])('never throws on %s invoices with arbitrary text values', (_, build) => {
    const xml = build({ allowanceCharges: [{ charge: false, amount: '10.00' }] });
    const textNodes = xml.match(TEXT_NODE)?.length ?? 0;

    fc.assert(
      fc.property(fc.nat({ max: textNodes - 1 }), values, (index, value) => {
        const report = validateEInvoice(parseXml(replaceText(xml, index, value)));
        expect(typeof report.valid).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });

  it('validates an invoice with 2000 lines (speed is measured by npm run bench:extract)', () => {
    const lines = Array.from({ length: 2000 }, () => ({ net: '1.00', category: 'S', rate: '19' }));
    const root = parseXml(ciiInvoice({ lines }));

    const report = validateEInvoice(root);

    expect(report.valid).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'fatal')).toEqual([]);
  });

  it('validates an empty document element without crashing', () => {
    const cii = validateEInvoice(
      parseXml(
        '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>',
      ),
    );
    const ubl = validateEInvoice(
      parseXml('<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'),
    );

    expect(cii.valid).toBe(false);
    expect(cii.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['BR-01', 'BR-02', 'BR-16']));
    expect(ubl.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['BR-01', 'BR-02', 'BR-16']));
  });
});
