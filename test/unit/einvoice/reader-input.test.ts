import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEInvoiceXml } from '../../../functions/core/einvoice';
import {
  InvoiceError,
  UnreadableDocumentError,
  UnsafeInputError,
  UnsupportedFormatError,
} from '../../../functions/core/errors';
import { sampleInvoice, writeCii, writeUbl } from '../../../samples/einvoice-writer';
import { ciiInvoice, NS_DECLS, ZUGFERD1_COMFORT } from './fixtures';

/** Runs the reader and reports 'read', 'typed error' or rethrows anything untyped. */
function outcome(input: string | Uint8Array): string {
  try {
    readEInvoiceXml(input);
    return 'read';
  } catch (error) {
    if (error instanceof InvoiceError) return 'typed error';
    throw error;
  }
}

/** Encodes text as UTF-16 little endian with a byte order mark. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = code & 0xff;
    bytes[3 + i * 2] = code >> 8;
  }
  return bytes;
}

/** Encodes text as ISO-8859-1 (every character below U+0100). */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

describe('readEInvoiceXml: input handling', () => {
  it.each([
    [
      'a UBL order',
      `<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Order-2" ${NS_DECLS.ubl}><cbc:ID>1</cbc:ID></Order>`,
      /root element <Order> in namespace "urn:oasis:names:specification:ubl:schema:xsd:Order-2"/,
    ],
    ['an XHTML page', '<html xmlns="http://www.w3.org/1999/xhtml"><body>Rechnung</body></html>', /<html>/],
    [
      'random XML without namespace',
      '<invoice><number>1</number></invoice>',
      /<invoice> in namespace "\(none\)"/,
    ],
    [
      'an Invoice root in a foreign namespace',
      '<x:Invoice xmlns:x="urn:example:invoice"><x:ID>1</x:ID></x:Invoice>',
      /<x:Invoice> in namespace "urn:example:invoice"/,
    ],
  ])('refuses %s with UnsupportedFormatError naming the root and namespace', (_label, xml, message) => {
    // Act
    const read = () => readEInvoiceXml(xml);

    // Assess
    expect(read).toThrow(UnsupportedFormatError);
    expect(read).toThrow(message);
  });

  it.each([
    [
      'an HTML5 page',
      '<!DOCTYPE html>\n<html lang="de"><head><meta charset="utf-8"><title>Rechnung</title></head><body><br></body></html>',
    ],
    ['an HTML page with BOM and comment', '\uFEFF<!-- saved --><HTML><BODY>Rechnung</BODY></HTML>'],
  ])('refuses %s as unsupported, not as unsafe or unreadable', (_label, html) => {
    // Act
    const read = () => readEInvoiceXml(new TextEncoder().encode(html));

    // Assess
    expect(read).toThrow(UnsupportedFormatError);
    expect(read).toThrow('HTML page');
  });

  it('refuses a DOCTYPE with UnsafeInputError before parsing', () => {
    // Prepare
    const xml = ciiInvoice().replace(
      '<rsm:CrossIndustryInvoice',
      '<!DOCTYPE x [<!ENTITY lol "lol">]>\n<rsm:CrossIndustryInvoice',
    );

    // Act
    const read = () => readEInvoiceXml(xml);

    // Assess
    expect(read).toThrow(UnsafeInputError);
  });

  it('refuses malformed XML with UnreadableDocumentError', () => {
    // Prepare
    const xml = ciiInvoice().replace('</rsm:ExchangedDocument>', '');

    // Act
    const read = () => readEInvoiceXml(xml);

    // Assess
    expect(read).toThrow(UnreadableDocumentError);
  });

  it('refuses an XML declaration with an illegal encoding name', () => {
    // Prepare
    const xml = ciiInvoice().replace('encoding="UTF-8"', 'encoding="UTF-8-W/O-BOM"');

    // Act
    const read = () => readEInvoiceXml(new TextEncoder().encode(xml));

    // Assess
    expect(read).toThrow(UnreadableDocumentError);
    expect(read).toThrow('Malformed XML declaration');
  });

  it('reads UTF-8 bytes that start with a byte order mark', () => {
    // Prepare
    const body = new TextEncoder().encode(ciiInvoice({ number: 'Größe-1' }));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);

    // Act
    const { invoice } = readEInvoiceXml(bytes);

    // Assess
    expect(invoice.invoiceNumber).toBe('Größe-1');
  });

  it('reads a UTF-16 document with a byte order mark', () => {
    // Prepare
    const bytes = utf16le(
      ciiInvoice({ number: 'Müller-7' }).replace('encoding="UTF-8"', 'encoding="UTF-16"'),
    );

    // Act
    const { invoice } = readEInvoiceXml(bytes);

    // Assess
    expect(invoice.invoiceNumber).toBe('Müller-7');
  });

  it('decodes bytes in the encoding the declaration names (ISO-8859-1)', () => {
    // Prepare
    const bytes = latin1(
      ciiInvoice({ number: 'Straße-3' }).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"'),
    );

    // Act
    const { invoice } = readEInvoiceXml(bytes);

    // Assess
    expect(invoice.invoiceNumber).toBe('Straße-3');
  });

  it('refuses text that is not XML at all', () => {
    // Act
    const read = () => readEInvoiceXml('%PDF-1.7 not xml');

    // Assess
    expect(read).toThrow(UnreadableDocumentError);
  });

  it('never crashes on arbitrary text or bytes: it reads them or throws a typed InvoiceError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 })), (input) => {
        // Act
        const result = outcome(input);

        // Assess
        expect(['read', 'typed error']).toContain(result);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a document with any single element removed without crashing', () => {
    // Prepare
    const documents = [writeCii(sampleInvoice()), writeUbl(sampleInvoice()), ZUGFERD1_COMFORT];
    const withoutOneElement = fc.tuple(fc.constantFrom(...documents), fc.nat()).map(([xml, pick]) => {
      const starts = [...xml.matchAll(/<([A-Za-z]+:)?[A-Za-z]+[\s>]/g)].slice(1); // keep the root
      const start = starts[pick % starts.length]!;
      const name = start[0].slice(1, -1);
      const end = xml.indexOf(`</${name}>`, start.index);
      return end < 0 ? xml : xml.slice(0, start.index) + xml.slice(end + name.length + 3);
    });

    fc.assert(
      fc.property(withoutOneElement, (xml) => {
        // Act
        const result = outcome(xml);

        // Assess
        expect(['read', 'typed error']).toContain(result);
      }),
      { numRuns: 200 },
    );
  });
});
