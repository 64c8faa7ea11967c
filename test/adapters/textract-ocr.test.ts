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
