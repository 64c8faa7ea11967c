import { describe, expect, it } from 'vitest';
import {
  applyMutation,
  type Mutation,
  mutationsOf,
  parseXmuteInstruction,
  rawInstructions,
} from '../../../../bench/xmute';
import { validateXRechnung } from '../../../../functions/core/validation/xrechnung';
import { parseXml, pathText, type XmlElement } from '../../../../functions/core/xml/safe-xml';
import { edit, UBL_INVOICE } from './fixtures';

const TEST_DOC = `<Doc>
  <?xmute mutator="code" values="a, b ,c" schematron-invalid="xrcii:BR-X" id="codes"?>
  <Code listID="L1">x</Code>
  <?xmute mutator="empty" attribute="listID" schematron-valid="xrubl:BR-Y" id="blank-attr"?>
  <Other listID="L2"><Child>text</Child></Other>
</Doc>`;

const only = (root: XmlElement, id: string): Mutation =>
  mutationsOf(root).find((m) => m.instruction.id === id)!;

describe('xmute harness', () => {
  it('parses rule lists with prefixes, commas and repeated verdict attributes', () => {
    // Act
    const instruction = parseXmuteInstruction(
      'mutator="code" values="10" schematron-invalid="xrcii:BR-TMP-3" schematron-invalid="xrcii:PEPPOL-EN16931-R120, xrcii:BR-DE-1" schematron-valid="xrubl:BR-DE-2 xrubl:BR-DE-3" id="t"',
    );
    // Assess
    expect(instruction.mustFire).toEqual(['BR-TMP-3', 'PEPPOL-EN16931-R120', 'BR-DE-1']);
    expect(instruction.mustNotFire).toEqual(['BR-DE-2', 'BR-DE-3']);
  });

  it('splits code values on the separator and trims them, keeping blanks inside a value', () => {
    const instruction = parseXmuteInstruction(
      'mutator="code" values="DE 755, DE75 51 ,GB29" separator="," id="i"',
    );
    expect(instruction.values).toEqual(['DE 755', 'DE75 51', 'GB29']);
  });

  it('refuses an unknown mutator', () => {
    expect(() => parseXmuteInstruction('mutator="shuffle" id="x"')).toThrow(/Unknown xmute mutator/);
  });

  it('expands a code instruction into one mutation per value on the element that follows it', () => {
    const mutations = mutationsOf(parseXml(TEST_DOC));
    expect(mutations.map((m) => m.value ?? m.instruction.id)).toEqual(['a', 'b', 'c', 'blank-attr']);
  });

  it('code sets the text of a copy and leaves the original tree untouched', () => {
    // Prepare
    const root = parseXml(TEST_DOC);
    // Act
    const mutated = applyMutation(root, mutationsOf(root)[1]!);
    // Assess
    expect(pathText(mutated, 'Code')).toBe('b');
    expect(pathText(root, 'Code')).toBe('x');
  });

  it('empty with attribute= blanks the attribute but keeps the element content', () => {
    const root = parseXml(TEST_DOC);
    const mutated = applyMutation(root, only(root, 'blank-attr'));
    expect(mutated.children[1]).toMatchObject({ attrs: { listID: '' } });
    expect(pathText(mutated, 'Other/Child')).toBe('text');
  });

  it('remove drops the element, empty drops its text and children, whitespace pads its text', () => {
    // Prepare
    const root = parseXml(TEST_DOC);
    const target = only(root, 'codes');
    const as = (mutator: 'remove' | 'empty' | 'whitespace') => ({
      ...target,
      instruction: { ...target.instruction, mutator },
    });
    // Act
    const removed = applyMutation(root, as('remove'));
    const emptied = applyMutation(root, as('empty'));
    const padded = applyMutation(root, as('whitespace'));
    // Assess
    expect(removed.children.map((c) => c.name)).toEqual(['Other']);
    expect(emptied.children[0]).toMatchObject({ name: 'Code', rawText: '', children: [] });
    expect(padded.children[0]!.rawText).toMatch(/^\s+x\s+$/);
    expect(padded.children[0]!.rawText).toContain('\n');
  });

  it('skips instructions inside comments when reading them from the raw text', () => {
    const raw = rawInstructions(
      '<a><!-- <?xmute mutator="remove" id="off"?> --><?xmute mutator="identity" id="on"?><b/></a>',
    );
    expect(raw.map((data) => parseXmuteInstruction(data).id)).toEqual(['on']);
  });

  it('gives the stated verdict end to end: removing BuyerReference makes BR-DE-15 fire', () => {
    // Prepare
    const instruction =
      '<?xmute mutator="remove" schematron-invalid="xrubl:BR-DE-15" id="no-buyer-reference"?>';
    const root = parseXml(edit(UBL_INVOICE, '<cbc:BuyerReference>', `${instruction}<cbc:BuyerReference>`));
    const [mutation] = mutationsOf(root);
    // Act
    const before = validateXRechnung(root).map((f) => f.rule);
    const after = validateXRechnung(applyMutation(root, mutation!)).map((f) => f.rule);
    // Assess
    expect(mutation!.instruction.mustFire).toEqual(['BR-DE-15']);
    expect(before).not.toContain('BR-DE-15');
    expect(after).toContain('BR-DE-15');
  });
});
