import { UnreadableDocumentError, UnsupportedFormatError } from '../errors';

/**
 * What a document is, judged by its first bytes (magic numbers), never by its name:
 * mail clients and senders mislabel attachments all the time.
 */
export type DocumentKind =
  | { kind: 'pdf' }
  | { kind: 'xml' }
  | { kind: 'image'; contentType: 'image/png' | 'image/jpeg' | 'image/tiff' };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);

export function sniffDocument(bytes: Uint8Array, fileName?: string): DocumentKind {
  if (bytes.byteLength === 0) throw new UnreadableDocumentError(`${describe(fileName)} is empty`);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', contentType: 'image/png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', contentType: 'image/jpeg' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]))
    return { kind: 'image', contentType: 'image/tiff' };
  if (looksLikeXml(bytes)) return { kind: 'xml' };
  throw new UnsupportedFormatError(`${describe(fileName)} is not an invoice format we read: ${guess(bytes)}`);
}

/** '<' after an optional byte-order mark and whitespace (UTF-8 or UTF-16). */
function looksLikeXml(bytes: Uint8Array): boolean {
  let i = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) i = 3;
  else if (startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe])) i = 2;
  const step =
    startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe]) || bytes[1] === 0 || bytes[0] === 0
      ? 2
      : 1;
  for (; i < Math.min(bytes.byteLength, 4096); i += step) {
    const byte = bytes[i] === 0 && step === 2 ? bytes[i + 1] : bytes[i];
    if (byte === 0x3c) return true; // '<'
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return false;
  }
  return false;
}

function guess(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive or Office document (docx/xlsx)';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an Office 97-2003 document';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46])) return 'a RIFF/WebP file';
  if (startsWith(bytes, [0x42, 0x4d])) return 'a BMP image';
  if (startsWith(bytes, [0x7b]) || startsWith(bytes, [0x5b])) return 'JSON or other text';
  return 'unknown content';
}

function describe(fileName: string | undefined): string {
  return fileName ? `"${fileName.slice(0, 120)}"` : 'the document';
}
