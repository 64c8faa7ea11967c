import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../functions/core/records';
import { findOriginal, sameInvoice } from '../../functions/core/workflow/rendition';
import { sampleInvoice, writeUbl } from '../../samples/einvoice-writer';
import { MemoryDocuments, MemoryInvoices } from '../support/memory-stores';

function record(id: string, fileName: string, contentType: string, documentCount = 2): InvoiceRecord {
  return {
    id,
    status: 'EXTRACTED',
    receivedAt: '2026-12-01T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    mail: {
      mailId: 'mail1',
      from: 'rechnung@muster.de',
      senderDomain: 'muster.de',
      subject: 'Rechnung',
      receivedAt: '2026-12-01T09:00:00.000Z',
      rawKey: 'raw/1',
      authentication: {},
      documentCount,
    },
    document: { key: `attachments/${id}/${fileName}`, fileName, contentType, sha256: id, size: 1 },
  };
}

async function mailWith(xmlInvoice = sampleInvoice()) {
  const documents = new MemoryDocuments();
  const invoices = new MemoryInvoices();
  const xml = record('mail1-1', 'RE-1.xml', 'application/xml');
  const pdf = record('mail1-2', 'RE-1.pdf', 'application/pdf');
  await invoices.create(xml);
  await invoices.create(pdf);
  await documents.put(xml.document!.key, writeUbl(xmlInvoice));
  return { documents, invoices, pdf };
}

describe('an e-invoice and its PDF rendering in one mail', () => {
  it('makes the PDF a rendition of the XML when seller, number and gross agree', async () => {
    // Prepare: the PDF was read from its text (number spelt differently)
    const { documents, invoices, pdf } = await mailWith();
    const fromText = { ...sampleInvoice(), invoiceNumber: sampleInvoice().invoiceNumber.toLowerCase() };

    // Act + Assess
    expect(await findOriginal(pdf, fromText, { documents, invoices })).toBe('mail1-1');
  });

  it('keeps two different invoices apart (another gross, another number, another seller)', async () => {
    // Prepare
    const { documents, invoices, pdf } = await mailWith();
    const base = sampleInvoice();

    // Act + Assess
    const otherGross = { ...base, totals: { ...base.totals, gross: '999.00' } };
    expect(await findOriginal(pdf, otherGross, { documents, invoices })).toBeUndefined();
    expect(sameInvoice(base, { ...base, invoiceNumber: 'RE-9' })).toBe(false);
    expect(sameInvoice(base, { ...base, seller: { ...base.seller, vatId: 'DE129273398' } })).toBe(false);
  });

  it('never makes an XML a rendition, nor a PDF alone in its mail', async () => {
    // Prepare
    const { documents, invoices } = await mailWith();
    const xml = (await invoices.get('mail1-1'))!;
    const alone = record('mail2-1', 'RE-1.pdf', 'application/pdf', 1);

    // Act + Assess
    expect(await findOriginal(xml, sampleInvoice(), { documents, invoices })).toBeUndefined();
    expect(await findOriginal(alone, sampleInvoice(), { documents, invoices })).toBeUndefined();
  });
});
