import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import { UnreadableDocumentError, UnsafeInputError } from '../../../functions/core/errors';
import { validateEInvoice } from '../../../functions/core/validation';
import {
  OMITTED_BINARY_TEXT,
  parseXml,
  pathAll,
  type XmlElement,
} from '../../../functions/core/xml/safe-xml';
import { ciiWithAttachment, ublWithAttachment } from '../../support/einvoice-attachments';
import { NS_DECLS } from './fixtures';

const binaryObjects = (root: XmlElement) => {
  const found: XmlElement[] = [];
  const visit = (e: XmlElement) => {
    if (e.name.endsWith('BinaryObject')) found.push(e);
    e.children.forEach(visit);
  };
  visit(root);
  return found;
};

const fatalRules = (root: XmlElement) =>
  validateEInvoice(root)
    .findings.filter((f) => f.severity === 'fatal')
    .map((f) => f.rule);

describe('parseXml: base64 content of binary objects stays out of the tree', () => {
  it.each([
    ['UBL', ublWithAttachment],
    ['CII', ciiWithAttachment],
  ])('keeps a %s attachment as element, attributes and size only', (_, write) => {
    const xml = write({ bytes: 300_000, wrapped: true });

    const { invoice, root } = readEInvoiceXml(new TextEncoder().encode(xml));

    const [binary] = binaryObjects(root);
    expect(binary?.attrs).toEqual({ mimeCode: 'application/pdf', filename: 'nachweis.pdf' });
    expect(binary?.rawText).toBe(OMITTED_BINARY_TEXT);
    expect(binary?.binary).toEqual({ base64Chars: 400_000, bytes: 300_000 });
    expect(invoice.attachments).toContainEqual(
      expect.objectContaining({ id: 'ANL-1', filename: 'nachweis.pdf', mimeCode: 'application/pdf' }),
    );
  });

  it.each([
    ['UBL', ublWithAttachment],
    ['CII', ciiWithAttachment],
  ])('validates a %s invoice with an attachment as without one', (_, write) => {
    const withAttachment = parseXml(write({ bytes: 5_000 }));

    expect(validateEInvoice(withAttachment).valid).toBe(true);
    expect(fatalRules(withAttachment)).toEqual([]);
  });

  it('counts base64 padding and leaves blank content blank (an empty element stays a finding)', () => {
    const ubl = (content: string) =>
      `<r ${NS_DECLS.ubl}><cbc:EmbeddedDocumentBinaryObject mimeCode="text/plain" filename="a.txt">${content}</cbc:EmbeddedDocumentBinaryObject></r>`;

    expect(parseXml(ubl('QUI=')).children[0]?.binary).toEqual({ base64Chars: 4, bytes: 2 });
    expect(parseXml(ubl('QQ==\n')).children[0]?.binary).toEqual({ base64Chars: 4, bytes: 1 });
    const blank = parseXml(ubl(' \n ')).children[0];
    expect(blank?.binary).toBeUndefined();
    expect(blank?.rawText).toBe(' \n ');
  });

  it('leaves content that is not plain base64 to the parser', () => {
    const root = parseXml(
      `<r ${NS_DECLS.ubl}><cbc:EmbeddedDocumentBinaryObject>QU&amp;JD</cbc:EmbeddedDocumentBinaryObject></r>`,
    );

    expect(root.children[0]?.rawText).toBe('QU&JD');
    expect(root.children[0]?.binary).toBeUndefined();
  });

  it('does not touch look-alikes inside comments or CDATA sections', () => {
    const lookAlike = '<cbc:EmbeddedDocumentBinaryObject>QUJD</cbc:EmbeddedDocumentBinaryObject>';
    const root = parseXml(
      `<r ${NS_DECLS.ubl}><!-- ${lookAlike} --><cbc:Note><![CDATA[${lookAlike}]]></cbc:Note></r>`,
    );

    expect(pathAll(root, 'Note')[0]?.rawText).toBe(lookAlike);
    expect(binaryObjects(root)).toEqual([]);
  });

  it('still refuses malformed content and reports the line where it is', () => {
    const lines = Array(5).fill('QUJD').join('\n');
    const broken = `<r ${NS_DECLS.ubl}>\n<cbc:EmbeddedDocumentBinaryObject>${lines}</cbc:EmbeddedDocumentBinaryObject>\n<cbc:Note>a</cbc:Nope>\n</r>`;

    expect(() => parseXml(broken)).toThrow(UnreadableDocumentError);
    expect(() => parseXml(broken)).toThrow(/^Malformed XML at line 7,/);
    expect(() =>
      parseXml(
        `<r ${NS_DECLS.ubl}><cbc:EmbeddedDocumentBinaryObject>QU<JD</cbc:EmbeddedDocumentBinaryObject></r>`,
      ),
    ).toThrow(UnreadableDocumentError);
  });

  it('still refuses a DOCTYPE in a document with an attachment', () => {
    const xml = ublWithAttachment({ bytes: 3_000 }).replace(
      '<ubl:Invoice',
      '<!DOCTYPE ubl:Invoice [<!ENTITY x "y">]><ubl:Invoice',
    );

    expect(() => readEInvoiceXml(xml)).toThrow(UnsafeInputError);
  });

  it('reads an ISO-8859-1 document with an attachment with its umlauts intact', () => {
    const xml = ublWithAttachment({ bytes: 3_000 })
      .replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="ISO-8859-1"?>')
      .replace('<cbc:Note>', '<cbc:Note>Größe: </cbc:Note><cbc:Note>');
    const bytes = Uint8Array.from(xml, (c) => c.charCodeAt(0));

    const { root } = readEInvoiceXml(bytes);

    expect(pathAll(root, 'Note')[0]?.rawText).toBe('Größe: ');
    expect(binaryObjects(root)[0]?.binary).toEqual({ base64Chars: 4_000, bytes: 3_000 });
  });

  it('cuts the attachment out of a UTF-16 document too', () => {
    const xml = `\uFEFF${ciiWithAttachment({ bytes: 3_000 }).replace('encoding="UTF-8"', 'encoding="UTF-16"')}`;
    const bytes = new Uint8Array(Buffer.from(xml, 'utf16le'));

    const { invoice, root } = readEInvoiceXml(bytes);

    expect(binaryObjects(root)[0]?.binary).toEqual({ base64Chars: 4_000, bytes: 3_000 });
    expect(invoice.invoiceNumber).toBe(
      readEInvoiceXml(ciiWithAttachment({ bytes: 3 })).invoice.invoiceNumber,
    );
  });
});
