import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDocumentClient } from '../functions/adapters/aws/dynamo-client';
import { DynamoMasterData } from '../functions/adapters/aws/dynamo-master-data';
import {
  LOCAL_CLIENT_CONFIG,
  LOCAL_TABLE_NAMES,
  startLocalDynamo,
} from '../functions/adapters/local/dynalite';
import { ConfigError, UnreadableDocumentError } from '../functions/core/errors';
import {
  MASTER_DATA_FILE_NAMES,
  type MasterDataError,
  type MasterDataFile,
  type MasterDataFiles,
  type MasterDataRecords,
  parseMasterData,
  poLineKey,
} from '../functions/core/masterdata';
import type { MasterDataWriteResult } from '../functions/core/ports/masterdata';
import { dataDir, readRuntimeInfo } from '../local/runtime-info';
import { EXIT_INPUT_ERROR, type Output, processOutput } from './io';

/**
 * `invoice-agent masterdata import <dir> [--aws] [--table <name>] [--json]`
 *
 * Reads vendors.csv, purchase-orders.csv, goods-receipts.csv and approvers.csv (those present) from
 * <dir>, reports bad rows as `file:line: message`, and writes the good rows:
 * - locally into the store of DATA_DIR (default .local): through the running stack's DynamoDB
 *   endpoint when `npm start` runs (runtime.json), else by starting dynalite on DATA_DIR/dynamo;
 * - with --aws into the deployed table (--table or env MASTER_DATA_TABLE), region eu-central-1,
 *   the AWS SDK default credentials.
 * Nothing is half-written: a bad row is never written (a purchase order with one bad line is dropped
 * whole), and every record (a vendor with its index items, an order with its lines, an approver) is
 * written with its own upsert call. Exit 0 when every row was good, 1 when any row was bad (the good
 * rows are still imported) or the import failed.
 */

export const AWS_REGION = 'eu-central-1';

export interface MasterDataImportOptions {
  aws?: boolean;
  table?: string;
  json?: boolean;
}

export interface ImportSummary {
  source: string;
  target: string;
  /** Files read from the directory. */
  files: string[];
  imported: MasterDataWriteResult & { purchaseOrderLines: number };
  badRows: MasterDataError[];
}

interface MasterDataStore {
  target: string;
  repository: DynamoMasterData;
  close(): Promise<void>;
}

export async function masterdataImportCommand(
  dir: string,
  options: MasterDataImportOptions,
  output: Output = processOutput,
): Promise<number> {
  const files = await readMasterDataFiles(dir);
  const store = await openStore(options);
  let summary: ImportSummary;
  try {
    summary = await importMasterData(dir, files, store);
  } finally {
    await store.close();
  }
  if (options.json) output.out(JSON.stringify(summary, null, 2));
  else output.out(renderSummary(summary));
  if (summary.badRows.length)
    output.err(
      `invoice-agent: ${summary.badRows.length} bad row(s) not imported; the good rows were imported`,
    );
  return summary.badRows.length ? EXIT_INPUT_ERROR : 0;
}

/** The CSV files of the directory by kind; at least one must exist. */
export async function readMasterDataFiles(dir: string): Promise<MasterDataFiles> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UnreadableDocumentError(`master data directory ${dir} does not exist`);
  const files: MasterDataFiles = {};
  for (const [kind, name] of Object.entries(MASTER_DATA_FILE_NAMES) as [MasterDataFile, string][]) {
    const path = join(dir, name);
    if (existsSync(path)) files[kind] = await readFile(path, 'utf8');
  }
  if (Object.keys(files).length === 0)
    throw new UnreadableDocumentError(
      `no master data in ${dir}: expected one or more of ${Object.values(MASTER_DATA_FILE_NAMES).join(', ')}`,
    );
  return files;
}

async function importMasterData(
  dir: string,
  files: MasterDataFiles,
  store: MasterDataStore,
): Promise<ImportSummary> {
  const repository = store.repository;
  // References may point at records already stored (a receipts file for known orders, ...).
  const knownVendorIds = (await repository.listVendors()).map((v) => v.vendorId);
  const knownApproverEmails = (await repository.listApprovers()).map((a) => a.email);
  let parsed = parseMasterData(files, { knownVendorIds, knownApproverEmails });
  if (files.goodsReceipts !== undefined && files.purchaseOrders === undefined) {
    // Second pass: check the receipts against the stored orders they name.
    const poNumbers = [...new Set(parsed.records.goodsReceipts.map((r) => r.poNumber))];
    const orders = await Promise.all(poNumbers.map((n) => repository.getPurchaseOrder(n)));
    const knownPoLineKeys = orders.flatMap((order) =>
      order ? order.lines.map((line) => poLineKey(order.poNumber, line.line)) : [],
    );
    parsed = parseMasterData(files, { knownVendorIds, knownApproverEmails, knownPoLineKeys });
  }
  await writeRecordByRecord(repository, parsed.records);
  const { records } = parsed;
  return {
    source: dir,
    target: store.target,
    files: (Object.keys(files) as MasterDataFile[]).map((kind) => MASTER_DATA_FILE_NAMES[kind]),
    imported: {
      vendors: records.vendors.length,
      purchaseOrders: records.purchaseOrders.length,
      purchaseOrderLines: records.purchaseOrders.reduce((n, po) => n + po.lines.length, 0),
      goodsReceipts: records.goodsReceipts.length,
      approvers: records.approvers.length,
    },
    badRows: parsed.errors,
  };
}

/**
 * One upsert per vendor, order and approver, so a record never straddles two write batches.
 * Goods receipts go in one call: the writer replaces the receipts of each PO line as a set.
 */
async function writeRecordByRecord(writer: DynamoMasterData, records: MasterDataRecords): Promise<void> {
  const none: MasterDataRecords = { vendors: [], purchaseOrders: [], goodsReceipts: [], approvers: [] };
  for (const vendor of records.vendors) await writer.upsert({ ...none, vendors: [vendor] });
  for (const order of records.purchaseOrders) await writer.upsert({ ...none, purchaseOrders: [order] });
  if (records.goodsReceipts.length) await writer.upsert({ ...none, goodsReceipts: records.goodsReceipts });
  for (const approver of records.approvers) await writer.upsert({ ...none, approvers: [approver] });
}

async function openStore(options: MasterDataImportOptions): Promise<MasterDataStore> {
  if (options.aws) {
    const table = options.table ?? process.env.MASTER_DATA_TABLE;
    if (!table)
      throw new ConfigError(
        '--aws needs the master data table: pass --table <name> or set MASTER_DATA_TABLE',
      );
    const client = createDocumentClient({ region: AWS_REGION });
    return {
      target: `DynamoDB table ${table} (${AWS_REGION})`,
      repository: new DynamoMasterData(client, table),
      close: async () => client.destroy(),
    };
  }
  if (options.table) throw new ConfigError('--table applies only with --aws');
  const dir = dataDir();
  const table = LOCAL_TABLE_NAMES.masterData;
  const running = readRuntimeInfo(dir);
  if (running) {
    // The running stack holds the LevelDB lock: write through its endpoint.
    const client = createDocumentClient({ ...LOCAL_CLIENT_CONFIG, endpoint: running.dynamoEndpoint });
    return {
      target: `the running local stack (${running.dynamoEndpoint}, DATA_DIR ${dir})`,
      repository: new DynamoMasterData(client, table),
      close: async () => client.destroy(),
    };
  }
  const path = join(dir, 'dynamo');
  mkdirSync(path, { recursive: true });
  const dynamo = await startLocalDynamo({ path });
  return {
    target: `the local store ${path}`,
    repository: new DynamoMasterData(dynamo.client, table),
    close: () => dynamo.close(),
  };
}

export function renderSummary(summary: ImportSummary): string {
  const { imported } = summary;
  return [
    `Master data import from ${summary.source} (${summary.files.join(', ')}) into ${summary.target}`,
    `  vendors          ${imported.vendors}`,
    `  purchase orders  ${imported.purchaseOrders} (${imported.purchaseOrderLines} lines)`,
    `  goods receipts   ${imported.goodsReceipts}`,
    `  approvers        ${imported.approvers}`,
    `  bad rows         ${summary.badRows.length}${summary.badRows.length ? ' (not imported):' : ''}`,
    ...summary.badRows.map((bad) => `    ${bad.file}:${bad.line}: ${bad.message}`),
  ].join('\n');
}
