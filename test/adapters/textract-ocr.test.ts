import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AnalyzeDocumentCommand,
  type Block,
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  TextractClient,
} from '@aws-sdk/client-textract';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { TextractOcr } from '../../functions/adapters/aws/textract-ocr';
import { LimitExceededError, UnreadableDocumentError } from '../../functions/core/errors';
import { extractInvoice } from '../../functions/core/extraction/extract';

const textractMock = mockClient(TextractClient);
const s3Mock = mockClient(S3Client);

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const onePagePdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Page >> endobj');
const twoPagePdf = new TextEncoder().encode(
  '%PDF-1.7\n1 0 obj << /Type /Page >> endobj 2 0 obj << /Type /Page >> endobj',
);

function line(text: string, page: number, top: number, confidence = 98): Block {
  return {
    BlockType: 'LINE',
    Text: text,
    Page: page,
    Confidence: confidence,
    Geometry: { BoundingBox: { Left: 0.1, Top: top, Width: 0.3, Height: 0.02 } },
  };
}

function engine(overrides: Partial<ConstructorParameters<typeof TextractOcr>[0]> = {}) {
  return new TextractOcr({
    textract: new TextractClient({ region: 'eu-central-1' }),
    staging: { s3: new S3Client({ region: 'eu-central-1' }), bucket: 'ocr-staging', keyPrefix: 'ocr/' },
    pollIntervalMs: 1,
    sleep: async () => undefined,
    ...overrides,
  });
}

beforeEach(() => {
  textractMock.reset();
  s3Mock.reset();
});

describe('TextractOcr', () => {
  it('analyses an image synchronously and converts LINE blocks to lines with page and bbox', async () => {
    textractMock.on(AnalyzeDocumentCommand).resolves({
      DocumentMetadata: { Pages: 1 },
      Blocks: [
        { BlockType: 'PAGE' },
        line('Rechnungsnummer: 4711', 1, 0.1),
        { BlockType: 'WORD', Text: 'Rechnungsnummer:' },
      ],
    });

    const result = await engine().recognize(png, 'image/png');

    const call = textractMock.commandCalls(AnalyzeDocumentCommand)[0]?.args[0].input;
    expect(call?.FeatureTypes).toEqual(['LAYOUT', 'TABLES', 'FORMS']);
    expect(call?.Document?.Bytes).toEqual(png);
    expect(result.engine).toBe('textract');
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ text: 'Rechnungsnummer: 4711', page: 1, confidence: 0.98 });
    expect(result.lines[0]?.bbox?.[0]).toBeCloseTo(59.528, 2); // 0.1 of an A4 width in points
  });

  it('runs a multi-page PDF asynchronously from S3 with a ClientRequestToken and reads every result page', async () => {
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-1' });
    textractMock
      .on(GetDocumentAnalysisCommand)
      .resolvesOnce({ JobStatus: 'IN_PROGRESS' })
      .resolvesOnce({
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 2 },
        Blocks: [line('Seite 1', 1, 0.1)],
        NextToken: 't2',
      })
      .resolvesOnce({
        JobStatus: 'SUCCEEDED',
        DocumentMetadata: { Pages: 2 },
        Blocks: [line('Seite 2', 2, 0.1)],
      });

    const result = await engine({
      notification: {
        snsTopicArn: 'arn:aws:sns:eu-central-1:111122223333:textract',
        roleArn: 'arn:aws:iam::111122223333:role/textract',
      },
    }).recognize(twoPagePdf, 'application/pdf');

    const put = s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input;
    const start = textractMock.commandCalls(StartDocumentAnalysisCommand)[0]?.args[0].input;
    const gets = textractMock.commandCalls(GetDocumentAnalysisCommand).map((c) => c.args[0].input.NextToken);
    expect(put).toMatchObject({ Bucket: 'ocr-staging', ContentType: 'application/pdf' });
    expect(put?.Key).toMatch(/^ocr\/[0-9a-f]{64}\.pdf$/);
    expect(start?.DocumentLocation?.S3Object).toEqual({ Bucket: 'ocr-staging', Name: put?.Key });
    expect(start?.ClientRequestToken).toMatch(/^[0-9a-f]{64}$/);
    expect(start?.NotificationChannel?.SNSTopicArn).toBe('arn:aws:sns:eu-central-1:111122223333:textract');
    expect(gets).toEqual([undefined, undefined, 't2']);
    expect(result.pages).toBe(2);
    expect(result.lines.map((l) => [l.text, l.page])).toEqual([
      ['Seite 1', 1],
      ['Seite 2', 2],
    ]);
  });

  it('uses the same ClientRequestToken when the same document is sent twice', async () => {
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-1' });
    textractMock.on(GetDocumentAnalysisCommand).resolves({ JobStatus: 'SUCCEEDED', Blocks: [] });

    await engine().recognize(twoPagePdf, 'application/pdf');
    await engine().recognize(twoPagePdf, 'application/pdf');

    const tokens = textractMock
      .commandCalls(StartDocumentAnalysisCommand)
      .map((c) => c.args[0].input.ClientRequestToken);
    expect(tokens[0]).toBe(tokens[1]);
  });

  it('falls back to the asynchronous API when Textract calls a PDF multi-page', async () => {
    textractMock.on(AnalyzeDocumentCommand).rejects(
      Object.assign(new Error('Request has unsupported document format'), {
        name: 'UnsupportedDocumentException',
      }),
    );
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-2' });
    textractMock
      .on(GetDocumentAnalysisCommand)
      .resolves({ JobStatus: 'SUCCEEDED', Blocks: [line('Hallo', 1, 0.2)] });

    const result = await engine().recognize(onePagePdf, 'application/pdf');

    expect(textractMock.commandCalls(AnalyzeDocumentCommand)).toHaveLength(1);
    expect(result.lines.map((l) => l.text)).toEqual(['Hallo']);
  });

  it('reports a failed job as UnreadableDocumentError', async () => {
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-3' });
    textractMock
      .on(GetDocumentAnalysisCommand)
      .resolves({ JobStatus: 'FAILED', StatusMessage: 'damaged file' });

    await expect(engine().recognize(twoPagePdf, 'application/pdf')).rejects.toThrow(
      new UnreadableDocumentError('Textract could not read the document: damaged file'),
    );
  });

  it('stops polling a job that runs past its time limit', async () => {
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-4' });
    textractMock.on(GetDocumentAnalysisCommand).resolves({ JobStatus: 'IN_PROGRESS' });

    await expect(engine({ timeoutMs: 0 }).recognize(twoPagePdf, 'application/pdf')).rejects.toThrow(
      LimitExceededError,
    );
  });

  it('maps a bad document in the synchronous call to UnreadableDocumentError', async () => {
    textractMock
      .on(AnalyzeDocumentCommand)
      .rejects(Object.assign(new Error('bad'), { name: 'BadDocumentException' }));

    await expect(engine().recognize(png, 'image/png')).rejects.toThrow(UnreadableDocumentError);
  });

  it('keeps lines of the first maxPages pages only and says so', async () => {
    textractMock.on(StartDocumentAnalysisCommand).resolves({ JobId: 'job-5' });
    textractMock.on(GetDocumentAnalysisCommand).resolves({
      JobStatus: 'SUCCEEDED',
      DocumentMetadata: { Pages: 3 },
      Blocks: [line('a', 1, 0.1), line('b', 2, 0.1), line('c', 3, 0.1)],
    });

    const result = await engine({ maxPages: 2 }).recognize(twoPagePdf, 'application/pdf');

    expect(result.lines.map((l) => l.text)).toEqual(['a', 'b']);
    expect(result.warnings).toEqual(['OCR lines kept for the first 2 of 3 pages']);
  });
});

/**
 * An AnalyzeDocument answer in the shape Textract returns for LAYOUT + TABLES + FORMS: words with
 * ids, LINE blocks, a TABLE with CELL children, KEY_VALUE_SET pairs (KEY -> VALUE -> WORD).
 */
function recordedInvoiceAnswer(): Block[] {
  const blocks: Block[] = [{ BlockType: 'PAGE', Id: 'page', Page: 1 }];
  let next = 0;
  const box = (left: number, top: number, width: number, height = 0.012) => ({
    BoundingBox: { Left: left, Top: top, Width: width, Height: height },
  });
  const words = (text: string, left: number, top: number, width: number) =>
    text.split(' ').map((word, i, all) => {
      const id = `w${next++}`;
      const w = width / all.length;
      blocks.push({
        BlockType: 'WORD',
        Id: id,
        Text: word,
        Page: 1,
        Confidence: 99,
        Geometry: box(left + i * w, top, w),
      });
      return id;
    });
  const textLine = (text: string, left: number, top: number, width: number) => {
    blocks.push({
      BlockType: 'LINE',
      Id: `l${next++}`,
      Text: text,
      Page: 1,
      Confidence: 99,
      Geometry: box(left, top, width),
      Relationships: [{ Type: 'CHILD', Ids: words(text, left, top, width) }],
    });
  };
  const pair = (key: string, value: string, keyAt: [number, number], valueAt: [number, number]) => {
    textLine(key, keyAt[0], keyAt[1], 0.18);
    textLine(value, valueAt[0], valueAt[1], 0.12);
    const valueId = `v${next++}`;
    blocks.push({
      BlockType: 'KEY_VALUE_SET',
      Id: `k${next++}`,
      EntityTypes: ['KEY'],
      Page: 1,
      Confidence: 96,
      Geometry: box(keyAt[0], keyAt[1], 0.18),
      Relationships: [
        { Type: 'VALUE', Ids: [valueId] },
        { Type: 'CHILD', Ids: words(key, keyAt[0], keyAt[1], 0.18) },
      ],
    });
    blocks.push({
      BlockType: 'KEY_VALUE_SET',
      Id: valueId,
      EntityTypes: ['VALUE'],
      Page: 1,
      Confidence: 95,
      Geometry: box(valueAt[0], valueAt[1], 0.12),
      Relationships: [{ Type: 'CHILD', Ids: words(value, valueAt[0], valueAt[1], 0.12) }],
    });
  };
  textLine('Muster Bürobedarf GmbH · Lindwurmstraße 12 · 80337 München', 0.1, 0.16, 0.45);
  textLine('Schreinerei Holzmann GmbH', 0.1, 0.18, 0.3);
  textLine('Rechnung', 0.1, 0.3, 0.15);
  // the values sit two lines below their keys, far right: only the FORMS pairs connect them
  pair('Rechnungsnummer:', 'RE-2024-7', [0.55, 0.2], [0.8, 0.235]);
  pair('Rechnungsdatum:', '15.03.2024', [0.55, 0.26], [0.8, 0.295]);
  const rows = [
    ['Pos.', 'Bezeichnung', 'Menge', 'Einzelpreis', 'Betrag'],
    ['1', 'Kopierpapier A4 80 g', '20 Stk.', '4,50', '90,00'],
    ['2', 'Toner schwarz', '2 Stk.', '89,90', '179,80'],
  ];
  const lefts = [0.1, 0.18, 0.5, 0.63, 0.8];
  const widths = [0.07, 0.3, 0.12, 0.15, 0.1];
  const cellIds: string[] = [];
  rows.forEach((row, r) => {
    row.forEach((text, c) => {
      const id = `c${next++}`;
      cellIds.push(id);
      blocks.push({
        BlockType: 'CELL',
        Id: id,
        Page: 1,
        RowIndex: r + 1,
        ColumnIndex: c + 1,
        Confidence: 97,
        Geometry: box(lefts[c]!, 0.4 + r * 0.03, widths[c]!),
        Relationships: [{ Type: 'CHILD', Ids: words(text, lefts[c]!, 0.4 + r * 0.03, widths[c]!) }],
      });
    });
    // Textract's LINE blocks run across the columns; the table replaces them
    textLine(row.join(' '), 0.1, 0.4 + r * 0.03, 0.8);
  });
  blocks.push({
    BlockType: 'TABLE',
    Id: 't1',
    Page: 1,
    Confidence: 97,
    Relationships: [{ Type: 'CHILD', Ids: cellIds }],
  });
  textLine('Nettobetrag', 0.55, 0.55, 0.15);
  textLine('269,80 €', 0.8, 0.55, 0.1);
  textLine('USt 19 %', 0.55, 0.57, 0.15);
  textLine('51,26 €', 0.8, 0.57, 0.1);
  textLine('Gesamtbetrag', 0.55, 0.59, 0.15);
  textLine('321,06 €', 0.8, 0.59, 0.1);
  return blocks;
}

describe('TextractOcr tables and forms', () => {
  it('returns the TABLE cells and KEY_VALUE_SET pairs next to the lines', async () => {
    textractMock
      .on(AnalyzeDocumentCommand)
      .resolves({ DocumentMetadata: { Pages: 1 }, Blocks: recordedInvoiceAnswer() });

    const result = await engine().recognize(png, 'image/png');

    expect(result.keyValues?.map((kv) => [kv.key, kv.value])).toEqual([
      ['Rechnungsnummer:', 'RE-2024-7'],
      ['Rechnungsdatum:', '15.03.2024'],
    ]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables?.[0]?.cells.filter((c) => c.row === 2).map((c) => c.text)).toEqual([
      '1',
      'Kopierpapier A4 80 g',
      '20 Stk.',
      '4,50',
      '90,00',
    ]);
    expect(result.tables?.[0]?.cells[0]?.bbox?.[1]).toBeCloseTo(0.4 * 841.89, 1);
  });

  it('feeds tables and key-value pairs into the layout reader: number, date and positions are read', async () => {
    textractMock
      .on(AnalyzeDocumentCommand)
      .resolves({ DocumentMetadata: { Pages: 1 }, Blocks: recordedInvoiceAnswer() });
    const ocr = engine();

    const { invoice } = await extractInvoice(
      { bytes: png, fileName: 'scan.png' },
      { pdf: unusedPdfReader, ocr },
    );

    expect(invoice.source.format).toBe('ocr');
    expect(invoice.invoiceNumber).toBe('RE-2024-7');
    expect(invoice.issueDate).toBe('2024-03-15');
    expect(invoice.lines.map((l) => [l.quantity, l.price, l.net])).toEqual([
      ['20', '4.50', '90.00'],
      ['2', '89.90', '179.80'],
    ]);
    expect(invoice.totals).toMatchObject({ net: '269.80', vat: '51.26', gross: '321.06' });
    expect(invoice.vatBreakdown).toEqual([{ category: 'S', rate: '19', taxable: '269.80', tax: '51.26' }]);
  });

  it('without the FORMS pairs the same page gives no invoice number (the pairs are what connect key and value)', async () => {
    const withoutForms = recordedInvoiceAnswer().filter((b) => b.BlockType !== 'KEY_VALUE_SET');
    textractMock
      .on(AnalyzeDocumentCommand)
      .resolves({ DocumentMetadata: { Pages: 1 }, Blocks: withoutForms });

    const { invoice } = await extractInvoice(
      { bytes: png, fileName: 'scan.png' },
      { pdf: unusedPdfReader, ocr: engine() },
    );

    expect(invoice.invoiceNumber).not.toBe('RE-2024-7');
  });
});

const unusedPdfReader = {
  read: async () => {
    throw new Error('an image never goes to the PDF reader');
  },
};
