import type { Invoice } from '../../functions/core/invoice/model';
import { sampleInvoice, writeCii, writeUbl } from '../../samples/einvoice-writer';

/**
 * E-invoices with an embedded attachment (BG-24 with BT-125 content), generated in code: the
 * sample writers' documents with a base64 binary object put in place of the attachment's URI.
 * Used by the XML reader tests and `npm run bench:xml`.
 */

export interface AttachmentOptions {
  /** Bytes of the attached file (the base64 text is 4/3 as long). */
  bytes: number;
  /** Break the base64 into lines of 76 characters, as MIME encoders do. */
  wrapped?: boolean;
  filename?: string;
  mimeCode?: string;
}

const PLACEHOLDER_URI = 'urn:invoice-agent:attachment-placeholder';

/** Deterministic pseudo-random bytes (xorshift32): incompressible like a real PDF, same every run. */
export function attachmentBytes(size: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

export function base64Text(options: AttachmentOptions): string {
  const base64 = Buffer.from(attachmentBytes(options.bytes)).toString('base64');
  return options.wrapped ? base64.replace(/(.{76})/g, '$1\r\n') : base64;
}

function withAttachmentReference(invoice: Invoice): Invoice {
  return {
    ...invoice,
    attachments: [
      ...invoice.attachments,
      { id: 'ANL-1', description: 'Leistungsnachweis', uri: PLACEHOLDER_URI },
    ],
  };
}

/** XRechnung UBL with one EmbeddedDocumentBinaryObject. */
export function ublWithAttachment(options: AttachmentOptions, invoice = sampleInvoice()): string {
  const xml = writeUbl(withAttachmentReference(invoice));
  const reference = new RegExp(
    `<cac:ExternalReference>\\s*<cbc:URI>${PLACEHOLDER_URI}</cbc:URI>\\s*</cac:ExternalReference>`,
  );
  if (!reference.test(xml)) throw new Error('the UBL writer no longer writes the attachment URI as expected');
  const { filename = 'nachweis.pdf', mimeCode = 'application/pdf' } = options;
  return xml.replace(
    reference,
    () =>
      `<cbc:EmbeddedDocumentBinaryObject mimeCode="${mimeCode}" filename="${filename}">${base64Text(options)}</cbc:EmbeddedDocumentBinaryObject>`,
  );
}

/** XRechnung CII with one AttachmentBinaryObject. */
export function ciiWithAttachment(options: AttachmentOptions, invoice = sampleInvoice()): string {
  const xml = writeCii(withAttachmentReference(invoice));
  const uri = `<ram:URIID>${PLACEHOLDER_URI}</ram:URIID>`;
  const name = '<ram:Name>Leistungsnachweis</ram:Name>';
  if (!xml.includes(uri) || !xml.includes(name))
    throw new Error('the CII writer no longer writes the attachment reference as expected');
  const { filename = 'nachweis.pdf', mimeCode = 'application/pdf' } = options;
  return xml
    .replace(uri, '')
    .replace(
      name,
      () =>
        `${name}<ram:AttachmentBinaryObject mimeCode="${mimeCode}" filename="${filename}">${base64Text(options)}</ram:AttachmentBinaryObject>`,
    );
}
