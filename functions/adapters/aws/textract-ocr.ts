import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  AnalyzeDocumentCommand,
  type Block,
  type FeatureType,
  GetDocumentAnalysisCommand,
  StartDocumentAnalysisCommand,
  type TextractClient,
} from '@aws-sdk/client-textract';
import { LimitExceededError, UnreadableDocumentError, UnsupportedFormatError } from '../../core/errors';
import type { OcrEngine, OcrKeyValue, OcrLine, OcrResult, OcrTable } from '../../core/ports/documents';

/**
 * OCR with Amazon Textract AnalyzeDocument (LAYOUT, TABLES, FORMS; German is supported).
 * - Images and single-page PDFs up to 10 MB: synchronous AnalyzeDocument with the bytes.
 * - Multi-page (or larger) PDFs: the bytes are staged in S3, then StartDocumentAnalysis
 *   (ClientRequestToken = content hash, so a retry never starts a second job; optional SNS
 *   NotificationChannel) and GetDocumentAnalysis, polled and paginated until done.
 * LINE blocks become OcrLines with page and bbox; TABLE/CELL blocks become tables and
 * KEY_VALUE_SET blocks key-value pairs, which the layout reader prefers to the plain lines they
 * cover. Textract's relative boxes are scaled to an A4 page in points. Clients are injected
 * (created once at cold start by the handler).
 */

export interface TextractOcrOptions {
  textract: TextractClient;
  /** Where multi-page PDFs are staged for the asynchronous API. */
  staging?: { s3: S3Client; bucket: string; keyPrefix?: string };
  /** SNS topic Textract notifies when an asynchronous job completes. */
  notification?: { snsTopicArn: string; roleArn: string };
  /** Pages whose lines are returned (the first N). Default 30. */
  maxPages?: number;
  /** Wall time for one asynchronous job. Default 120 s. */
  timeoutMs?: number;
  /** Pause between GetDocumentAnalysis polls. Default 1 s. */
  pollIntervalMs?: number;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const FEATURES: FeatureType[] = ['LAYOUT', 'TABLES', 'FORMS'];
const SYNC_MAX_BYTES = 10 * 1024 * 1024;
const ASYNC_MAX_BYTES = 500 * 1024 * 1024;
/** Textract boxes are fractions of the page; lines are reported on an A4 page in points. */
const PAGE = { width: 595.28, height: 841.89 };
const SUPPORTED = new Set(['image/png', 'image/jpeg', 'image/tiff', 'application/pdf']);

export class TextractOcr implements OcrEngine {
  private readonly options: Required<Pick<TextractOcrOptions, 'maxPages' | 'timeoutMs' | 'pollIntervalMs'>> &
    TextractOcrOptions;

  constructor(options: TextractOcrOptions) {
    this.options = { maxPages: 30, timeoutMs: 120_000, pollIntervalMs: 1000, ...options };
  }

  /** Textract is a managed service: available wherever the client can reach it. */
  async available(): Promise<boolean> {
    return true;
  }

  async recognize(bytes: Uint8Array, contentType: string): Promise<OcrResult> {
    if (!SUPPORTED.has(contentType))
      throw new UnsupportedFormatError(`Textract does not read ${contentType}`);
    const isPdf = contentType === 'application/pdf';
    if (bytes.byteLength <= SYNC_MAX_BYTES && (!isPdf || !looksMultiPage(bytes))) {
      try {
        return await this.analyzeSync(bytes);
      } catch (error) {
        // A multi-page PDF that the page heuristic missed: fall through to the async API.
        if (!(isPdf && (error as { name?: string }).name === 'UnsupportedDocumentException'))
          throw mapError(error);
      }
    }
    if (!isPdf)
      throw new LimitExceededError(
        `image is ${bytes.byteLength} bytes; Textract reads at most ${SYNC_MAX_BYTES}`,
      );
    if (bytes.byteLength > ASYNC_MAX_BYTES)
      throw new LimitExceededError(
        `PDF is ${bytes.byteLength} bytes; Textract reads at most ${ASYNC_MAX_BYTES}`,
      );
    return this.analyzeAsync(bytes);
  }

  private async analyzeSync(bytes: Uint8Array): Promise<OcrResult> {
    const response = await this.options.textract.send(
      new AnalyzeDocumentCommand({ Document: { Bytes: bytes }, FeatureTypes: FEATURES }),
    );
    const blocks = response.Blocks ?? [];
    const pages = Math.max(1, response.DocumentMetadata?.Pages ?? 1);
    return this.result(blocks, pages);
  }

  private async analyzeAsync(bytes: Uint8Array): Promise<OcrResult> {
    const { staging, notification } = this.options;
    if (!staging)
      throw new UnreadableDocumentError(
        'multi-page PDF needs Textract staging (S3) which is not configured',
        { code: 'NEEDS_OCR' },
      );
    const digest = createHash('sha256').update(bytes).digest('hex');
    const key = `${staging.keyPrefix ?? 'textract/'}${digest}.pdf`;
    await staging.s3.send(
      new PutObjectCommand({ Bucket: staging.bucket, Key: key, Body: bytes, ContentType: 'application/pdf' }),
    );
    const started = await this.options.textract.send(
      new StartDocumentAnalysisCommand({
        DocumentLocation: { S3Object: { Bucket: staging.bucket, Name: key } },
        FeatureTypes: FEATURES,
        ClientRequestToken: digest.slice(0, 64),
        JobTag: 'invoice-agent',
        ...(notification
          ? { NotificationChannel: { SNSTopicArn: notification.snsTopicArn, RoleArn: notification.roleArn } }
          : {}),
      }),
    );
    if (!started.JobId) throw new UnreadableDocumentError('Textract did not start an analysis job');
    return this.collect(started.JobId);
  }

  /** Polls until the job ends, then reads every result page (NextToken). */
  private async collect(jobId: string): Promise<OcrResult> {
    const deadline = Date.now() + this.options.timeoutMs;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    const blocks: Block[] = [];
    let pages = 0;
    let nextToken: string | undefined;
    for (;;) {
      const response = await this.options.textract.send(
        new GetDocumentAnalysisCommand({
          JobId: jobId,
          MaxResults: 1000,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      if (response.JobStatus === 'IN_PROGRESS') {
        if (Date.now() >= deadline)
          throw new LimitExceededError(
            `Textract job ${jobId} did not finish within ${this.options.timeoutMs / 1000} s`,
          );
        await sleep(this.options.pollIntervalMs);
        continue;
      }
      if (response.JobStatus === 'FAILED')
        throw new UnreadableDocumentError(
          `Textract could not read the document: ${response.StatusMessage ?? 'job failed'}`,
        );
      blocks.push(...(response.Blocks ?? []));
      pages = Math.max(pages, response.DocumentMetadata?.Pages ?? 0);
      nextToken = response.NextToken;
      if (!nextToken) break;
    }
    return this.result(blocks, Math.max(1, pages));
  }

  private result(blocks: Block[], pages: number): OcrResult {
    const readPages = Math.min(pages, this.options.maxPages);
    const lines: OcrLine[] = [];
    for (const block of blocks) {
      if (block.BlockType !== 'LINE' || !block.Text) continue;
      const page = block.Page ?? 1;
      if (page > readPages) continue;
      const box = block.Geometry?.BoundingBox;
      lines.push({
        text: block.Text,
        page,
        confidence: (block.Confidence ?? 0) / 100,
        ...(box
          ? {
              bbox: [
                (box.Left ?? 0) * PAGE.width,
                (box.Top ?? 0) * PAGE.height,
                (box.Width ?? 0) * PAGE.width,
                (box.Height ?? 0) * PAGE.height,
              ] as [number, number, number, number],
            }
          : {}),
      });
    }
    const warnings = pages > readPages ? [`OCR lines kept for the first ${readPages} of ${pages} pages`] : [];
    const structured = structuredBlocks(blocks, readPages);
    return {
      engine: 'textract',
      pages,
      lines,
      ...(structured.tables.length ? { tables: structured.tables } : {}),
      ...(structured.keyValues.length ? { keyValues: structured.keyValues } : {}),
      pageSizes: Array.from({ length: pages }, () => ({ ...PAGE })),
      ...(warnings.length ? { warnings } : {}),
    };
  }
}

type Box = [number, number, number, number];

function boxOf(block: Block | undefined): Box | undefined {
  const box = block?.Geometry?.BoundingBox;
  return box
    ? [
        (box.Left ?? 0) * PAGE.width,
        (box.Top ?? 0) * PAGE.height,
        (box.Width ?? 0) * PAGE.width,
        (box.Height ?? 0) * PAGE.height,
      ]
    : undefined;
}

/** Tables (TABLE -> CELL -> WORD) and key-value pairs (KEY_VALUE_SET KEY -> VALUE -> WORD). */
function structuredBlocks(
  blocks: Block[],
  readPages: number,
): { tables: OcrTable[]; keyValues: OcrKeyValue[] } {
  const byId = new Map(blocks.filter((b) => b.Id).map((b) => [b.Id!, b]));
  const related = (block: Block | undefined, type: 'CHILD' | 'VALUE') =>
    (block?.Relationships ?? [])
      .filter((r) => r.Type === type)
      .flatMap((r) => r.Ids ?? [])
      .map((id) => byId.get(id))
      .filter((b): b is Block => b !== undefined);
  const textOf = (block: Block | undefined) =>
    related(block, 'CHILD')
      .map((child) =>
        child.BlockType === 'WORD' ? (child.Text ?? '') : child.BlockType === 'SELECTION_ELEMENT' ? '' : '',
      )
      .filter(Boolean)
      .join(' ');
  const tables: OcrTable[] = [];
  const keyValues: OcrKeyValue[] = [];
  for (const block of blocks) {
    const page = block.Page ?? 1;
    if (page > readPages) continue;
    if (block.BlockType === 'TABLE') {
      const cells = related(block, 'CHILD')
        .filter((c) => c.BlockType === 'CELL')
        .map((cell) => ({
          row: cell.RowIndex ?? 0,
          column: cell.ColumnIndex ?? 0,
          text: textOf(cell),
          ...(boxOf(cell) ? { bbox: boxOf(cell)! } : {}),
        }));
      if (cells.length) tables.push({ page, cells, confidence: (block.Confidence ?? 0) / 100 });
    }
    if (block.BlockType === 'KEY_VALUE_SET' && block.EntityTypes?.includes('KEY')) {
      const value = related(block, 'VALUE')[0];
      const key = textOf(block);
      if (!key) continue;
      const valueBox = boxOf(value);
      const keyBox = boxOf(block);
      keyValues.push({
        page,
        key,
        value: textOf(value),
        ...(keyBox ? { keyBbox: keyBox } : {}),
        ...(valueBox ? { valueBbox: valueBox } : {}),
        confidence: Math.min(block.Confidence ?? 0, value?.Confidence ?? block.Confidence ?? 0) / 100,
      });
    }
  }
  return { tables, keyValues };
}

/** More than one /Type /Page object in the raw bytes (object streams can hide them: see the fallback). */
function looksMultiPage(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length > 1;
}

/** Textract's input errors as typed errors; service and throttling errors pass through for retries. */
function mapError(error: unknown): unknown {
  const name = (error as { name?: string }).name;
  const message = (error as { message?: string }).message ?? String(error);
  switch (name) {
    case 'UnsupportedDocumentException':
    case 'BadDocumentException':
      return new UnreadableDocumentError(`Textract could not read the document: ${message}`, {
        cause: error,
      });
    case 'DocumentTooLargeException':
      return new LimitExceededError(`document too large for Textract: ${message}`, { cause: error });
    default:
      return error;
  }
}
