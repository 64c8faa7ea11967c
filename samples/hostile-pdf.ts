import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

/**
 * Adds what an attacker puts into an invoice PDF (for tests and black-box checks): an /OpenAction
 * running JavaScript, a launch action, a web link (URI action) and an embedded executable.
 */
export interface ActiveContent {
  javascript?: boolean;
  launch?: boolean;
  uri?: boolean;
  /** File name of an embedded program, e.g. 'update.exe'. */
  embeddedProgram?: string;
  /** false writes every object uncompressed (no object streams). */
  objectStreams?: boolean;
}

export async function withActiveContent(pdf: Uint8Array, content: ActiveContent): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const { context } = doc;
  if (content.javascript) {
    doc.catalog.set(
      PDFName.of('OpenAction'),
      context.obj({ S: 'JavaScript', JS: PDFString.of("app.alert('Zahlung bestätigen')") }),
    );
  }
  const page = doc.getPage(0);
  const annotations = [];
  if (content.launch) {
    annotations.push(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [50, 50, 150, 70],
        A: { S: 'Launch', F: PDFString.of('cmd.exe') },
      }),
    );
  }
  if (content.uri) {
    annotations.push(
      context.obj({
        Type: 'Annot',
        Subtype: 'Link',
        Rect: [50, 80, 150, 100],
        A: { S: 'URI', URI: PDFString.of('https://bank-update.example/login') },
      }),
    );
  }
  if (annotations.length)
    page.node.set(PDFName.of('Annots'), context.obj(annotations.map((a) => context.register(a))));
  if (content.embeddedProgram) {
    await doc.attach(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]), content.embeddedProgram, {
      mimeType: 'application/x-msdownload',
    });
  }
  return doc.save({ useObjectStreams: content.objectStreams ?? true });
}

/** An XML external entity attack in place of the invoice XML (refused before parsing). */
export const XXE_INVOICE_XML = `<?xml version="1.0"?>
<!DOCTYPE rsm:CrossIndustryInvoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&xxe;</rsm:CrossIndustryInvoice>`;
