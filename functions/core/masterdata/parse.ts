import { dec } from '../money';
import { parseCsv } from './csv';
import { ibanProblem, normalizeIban } from './iban';
import { isDomain, normalizeDocumentNumber, normalizeDomain } from './normalize';
import type {
  Approver,
  GoodsReceipt,
  Language,
  MasterDataError,
  MasterDataFile,
  MasterDataRecords,
  PurchaseOrder,
  PurchaseOrderLine,
  Vendor,
} from './types';
import { MASTER_DATA_FILE_NAMES } from './types';
import {
  parseAccountNumber,
  parseBooleanValue,
  parseCurrency,
  parseDateValue,
  parseDecimalValue,
  parseEmail,
  parseList,
  parseNonNegativeInteger,
  parsePercentValue,
  ValueError,
} from './values';
import { checkVatIdFormat, normalizeVatId } from './vat-id';

/**
 * The pure part of `invoice-agent masterdata import <dir>`: CSV text in, typed records and row errors
 * out. Good rows become records, bad rows are reported with their line numbers, and no record is
 * half-written: a purchase order with one bad line is dropped as a whole.
 */

/** Required columns per file (contract). More columns are allowed; the optional ones below are read. */
export const REQUIRED_COLUMNS: Record<MasterDataFile, readonly string[]> = {
  vendors: ['vendorId', 'name', 'vatId', 'iban', 'emailDomains', 'glAccount', 'costCenter', 'requiresPo'],
  purchaseOrders: [
    'poNumber',
    'vendorId',
    'line',
    'description',
    'quantity',
    'unitPrice',
    'currency',
    'costCenter',
    'requesterEmail',
  ],
  goodsReceipts: ['poNumber', 'line', 'quantityReceived', 'receivedAt'],
  approvers: ['email', 'name', 'role', 'costCenters', 'limit', 'deputyEmail', 'language'],
};

export const OPTIONAL_COLUMNS: Record<MasterDataFile, readonly string[]> = {
  vendors: [
    'taxNumber',
    'paymentTermsDays',
    'vendorManagerEmail',
    'skontoPercent',
    'skontoDays',
    'creditorNumber',
  ],
  purchaseOrders: [],
  goodsReceipts: [],
  approvers: [],
};

export type MasterDataFiles = Partial<Record<MasterDataFile, string>>;

export interface ParseMasterDataOptions {
  /** Vendors already stored, so purchase orders may refer to them without vendors.csv. */
  knownVendorIds?: Iterable<string>;
  /** Stored purchase order lines as `${normalizeDocumentNumber(poNumber)}#${line}`. */
  knownPoLineKeys?: Iterable<string>;
  /** Stored approvers, so deputies may refer to them without approvers.csv. */
  knownApproverEmails?: Iterable<string>;
}

export interface MasterDataParseResult {
  records: MasterDataRecords;
  errors: MasterDataError[];
}

export function parseMasterData(
  files: MasterDataFiles,
  options: ParseMasterDataOptions = {},
): MasterDataParseResult {
  const errors: MasterDataError[] = [];
  const vendors = files.vendors === undefined ? undefined : parseVendors(files.vendors, errors);
  const vendorIds = new Set([...(options.knownVendorIds ?? []), ...(vendors ?? []).map((v) => v.vendorId)]);
  const vendorsKnown = vendors !== undefined || options.knownVendorIds !== undefined;

  const purchaseOrders =
    files.purchaseOrders === undefined
      ? undefined
      : parsePurchaseOrders(files.purchaseOrders, errors, vendorsKnown ? vendorIds : undefined);
  const poLineKeys = new Set([
    ...(options.knownPoLineKeys ?? []),
    ...(purchaseOrders ?? []).flatMap((po) => po.lines.map((l) => poLineKey(po.poNumber, l.line))),
  ]);
  const poLinesKnown = purchaseOrders !== undefined || options.knownPoLineKeys !== undefined;

  const goodsReceipts =
    files.goodsReceipts === undefined
      ? undefined
      : parseGoodsReceipts(files.goodsReceipts, errors, poLinesKnown ? poLineKeys : undefined);
  const approvers =
    files.approvers === undefined
      ? undefined
      : parseApprovers(files.approvers, errors, new Set(options.knownApproverEmails ?? []));

  errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    records: {
      vendors: vendors ?? [],
      purchaseOrders: purchaseOrders ?? [],
      goodsReceipts: goodsReceipts ?? [],
      approvers: approvers ?? [],
    },
    errors,
  };
}

/** Key of one PO line across files: normalised PO number and line without leading zeros. */
export function poLineKey(poNumber: string, line: string): string {
  return `${normalizeDocumentNumber(poNumber)}#${normalizeLineId(line)}`;
}

export function normalizeLineId(line: string): string {
  const trimmed = line.trim();
  return /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : trimmed.toUpperCase();
}

// ---- Table reading ----

interface TableRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

/** Reads a file's rows by column name; reports header and split errors. Undefined if the header is unusable. */
function readTable(file: MasterDataFile, text: string, errors: MasterDataError[]): TableRow[] | undefined {
  const fileName = MASTER_DATA_FILE_NAMES[file];
  const table = parseCsv(text);
  for (const e of table.errors) errors.push({ file: fileName, line: e.line, message: e.message });
  if (!table.header) {
    errors.push({ file: fileName, line: 1, message: 'file is empty: a header row is required' });
    return undefined;
  }
  const columns = table.header.fields.map((f) => f.trim());
  const index = new Map<string, number>();
  for (const [i, name] of columns.entries()) {
    const key = name.toLowerCase();
    if (key === '') continue;
    if (index.has(key)) {
      errors.push({ file: fileName, line: table.header.line, message: `column "${name}" appears twice` });
      return undefined;
    }
    index.set(key, i);
  }
  const missing = REQUIRED_COLUMNS[file].filter((c) => !index.has(c.toLowerCase()));
  if (missing.length > 0) {
    errors.push({
      file: fileName,
      line: table.header.line,
      message: `missing required column(s): ${missing.join(', ')}`,
    });
    return undefined;
  }
  const rows: TableRow[] = [];
  for (const row of table.rows) {
    const extra = row.fields.slice(columns.length);
    if (row.fields.length < columns.length || extra.some((f) => f.trim() !== '')) {
      errors.push({
        file: fileName,
        line: row.line,
        message: `row has ${row.fields.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    rows.push({
      line: row.line,
      has: (column) => index.has(column.toLowerCase()),
      get: (column) => {
        const i = index.get(column.toLowerCase());
        return i === undefined ? '' : (row.fields[i] ?? '').trim();
      },
    });
  }
  return rows;
}

/** Collects the problems of one row so a row error lists all of them at once. */
class RowProblems {
  readonly messages: string[] = [];

  /** Runs a value parser; on failure notes "column: problem" and returns undefined. */
  value<T>(column: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ValueError) && !(error instanceof TypeError)) throw error;
      this.messages.push(`${column}: ${error.message}`);
      return undefined;
    }
  }

  required(row: TableRow, column: string): string | undefined {
    const value = row.get(column);
    if (value === '') this.messages.push(`${column} is empty`);
    return value === '' ? undefined : value;
  }

  note(message: string): void {
    this.messages.push(message);
  }

  report(errors: MasterDataError[], file: MasterDataFile, line: number): boolean {
    if (this.messages.length === 0) return false;
    errors.push({ file: MASTER_DATA_FILE_NAMES[file], line, message: this.messages.join('; ') });
    return true;
  }
}

// ---- vendors.csv ----

function parseVendors(text: string, errors: MasterDataError[]): Vendor[] {
  const rows = readTable('vendors', text, errors);
  if (!rows) return [];
  const vendors: Vendor[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const p = new RowProblems();
    const vendorId = p.required(row, 'vendorId');
    const name = p.required(row, 'name');
    const vatIdRaw = row.get('vatId');
    const vatId = vatIdRaw === '' ? undefined : normalizeVatId(vatIdRaw);
    if (vatId !== undefined && checkVatIdFormat(vatId) === 'invalid')
      p.note(`vatId "${vatIdRaw}" has no valid format`);
    const ibans = parseList(row.get('iban')).map(normalizeIban);
    for (const iban of ibans) {
      const problem = ibanProblem(iban);
      if (problem) p.note(`iban "${iban}" is invalid (${problem})`);
    }
    const emailDomains = parseList(row.get('emailDomains')).map(normalizeDomain);
    for (const domain of emailDomains)
      if (!isDomain(domain)) p.note(`emailDomains: "${domain}" is not a domain`);
    const requiresPo = p.value('requiresPo', () => parseBooleanValue(row.get('requiresPo')));
    const paymentTermsDays = optional(row.get('paymentTermsDays'), (v) =>
      p.value('paymentTermsDays', () => parseNonNegativeInteger(v)),
    );
    const vendorManagerEmail = optional(row.get('vendorManagerEmail'), (v) =>
      p.value('vendorManagerEmail', () => parseEmail(v)),
    );
    const skontoPercent = optional(row.get('skontoPercent'), (v) =>
      p.value('skontoPercent', () => parsePercentValue(v)),
    );
    const skontoDays = optional(row.get('skontoDays'), (v) =>
      p.value('skontoDays', () => parseNonNegativeInteger(v)),
    );
    if ((row.get('skontoPercent') === '') !== (row.get('skontoDays') === ''))
      p.note('skontoPercent and skontoDays go together: give both or neither');
    const creditorNumber = optional(row.get('creditorNumber'), (v) =>
      p.value('creditorNumber', () => parseAccountNumber(v)),
    );
    if (vendorId !== undefined && firstLine.has(vendorId)) {
      p.note(`vendorId "${vendorId}" is already defined on line ${firstLine.get(vendorId)}`);
    }
    if (p.report(errors, 'vendors', row.line) || vendorId === undefined || name === undefined) continue;
    firstLine.set(vendorId, row.line);
    vendors.push({
      vendorId,
      name,
      ...(vatId && { vatId }),
      ...(row.get('taxNumber') && { taxNumber: row.get('taxNumber') }),
      ibans: [...new Set(ibans)],
      emailDomains: [...new Set(emailDomains)],
      ...(row.get('glAccount') && { glAccount: row.get('glAccount') }),
      ...(row.get('costCenter') && { costCenter: row.get('costCenter') }),
      requiresPo: requiresPo ?? false,
      ...(paymentTermsDays !== undefined && { paymentTermsDays }),
      ...(vendorManagerEmail && { vendorManagerEmail }),
      ...(skontoPercent !== undefined && skontoDays !== undefined && { skontoPercent, skontoDays }),
      ...(creditorNumber && { creditorNumber }),
    });
  }
  return vendors;
}

// ---- purchase-orders.csv (one row per PO line) ----

interface PoDraft {
  order: PurchaseOrder;
  lines: Map<string, number>;
  rowLines: number[];
  broken: boolean;
}

function parsePurchaseOrders(
  text: string,
  errors: MasterDataError[],
  vendorIds: Set<string> | undefined,
): PurchaseOrder[] {
  const rows = readTable('purchaseOrders', text, errors);
  if (!rows) return [];
  const drafts = new Map<string, PoDraft>();
  const brokenBy = new Map<string, number>();
  for (const row of rows) {
    const p = new RowProblems();
    const poNumber = p.required(row, 'poNumber');
    const vendorId = p.required(row, 'vendorId');
    const lineId = p.required(row, 'line');
    const description = p.required(row, 'description');
    const quantity = p.value('quantity', () => parseDecimalValue(row.get('quantity')));
    if (quantity !== undefined && !dec(quantity).isPositive()) p.note('quantity must be above 0');
    const unitPrice = p.value('unitPrice', () => parseDecimalValue(row.get('unitPrice')));
    if (unitPrice !== undefined && dec(unitPrice).isNegative()) p.note('unitPrice must not be negative');
    const currency = p.value('currency', () => parseCurrency(row.get('currency')));
    const requesterEmail = optional(row.get('requesterEmail'), (v) =>
      p.value('requesterEmail', () => parseEmail(v)),
    );
    if (vendorId !== undefined && vendorIds && !vendorIds.has(vendorId)) {
      p.note(`vendorId "${vendorId}" is not a known vendor`);
    }

    const key = poNumber === undefined ? undefined : normalizeDocumentNumber(poNumber);
    const draft = key === undefined ? undefined : drafts.get(key);
    const line = lineId === undefined ? undefined : normalizeLineId(lineId);
    if (draft && vendorId !== undefined && draft.order.vendorId !== vendorId) {
      p.note(`vendorId "${vendorId}" differs from "${draft.order.vendorId}" on line ${draft.rowLines[0]}`);
    }
    if (draft && currency !== undefined && draft.order.currency !== currency) {
      p.note(`currency ${currency} differs from ${draft.order.currency} on line ${draft.rowLines[0]}`);
    }
    if (draft && line !== undefined && draft.lines.has(line)) {
      p.note(`PO line ${lineId} is already defined on line ${draft.lines.get(line)}`);
    }
    const bad = p.report(errors, 'purchaseOrders', row.line);
    if (key === undefined) continue;
    if (bad || !poNumber || !vendorId || !line || !description || !quantity || !unitPrice || !currency) {
      if (!brokenBy.has(key)) brokenBy.set(key, row.line);
      if (draft) draft.broken = true;
      continue;
    }
    const poLine: PurchaseOrderLine = {
      line,
      description,
      quantity,
      unitPrice,
      ...(row.get('costCenter') && { costCenter: row.get('costCenter') }),
      ...(requesterEmail && { requesterEmail }),
    };
    if (draft) {
      draft.order.lines.push(poLine);
      draft.lines.set(line, row.line);
      draft.rowLines.push(row.line);
    } else {
      drafts.set(key, {
        order: { poNumber, vendorId, currency, lines: [poLine] },
        lines: new Map([[line, row.line]]),
        rowLines: [row.line],
        broken: brokenBy.has(key),
      });
    }
  }
  // No half-written orders: the good rows of a PO with a bad row are reported and dropped too.
  const orders: PurchaseOrder[] = [];
  for (const [key, draft] of drafts) {
    const badLine = brokenBy.get(key);
    if (badLine === undefined) {
      orders.push(draft.order);
      continue;
    }
    for (const line of draft.rowLines) {
      errors.push({
        file: MASTER_DATA_FILE_NAMES.purchaseOrders,
        line,
        message: `purchase order ${draft.order.poNumber} not imported: its row on line ${badLine} is invalid`,
      });
    }
  }
  return orders;
}

// ---- goods-receipts.csv ----

function parseGoodsReceipts(
  text: string,
  errors: MasterDataError[],
  poLineKeys: Set<string> | undefined,
): GoodsReceipt[] {
  const rows = readTable('goodsReceipts', text, errors);
  if (!rows) return [];
  const receipts: GoodsReceipt[] = [];
  for (const row of rows) {
    const p = new RowProblems();
    const poNumber = p.required(row, 'poNumber');
    const line = p.required(row, 'line');
    const quantityReceived = p.value('quantityReceived', () =>
      parseDecimalValue(row.get('quantityReceived')),
    );
    if (quantityReceived !== undefined && dec(quantityReceived).isZero())
      p.note('quantityReceived must not be 0');
    const receivedAt = p.value('receivedAt', () => parseDateValue(row.get('receivedAt')));
    if (poNumber && line && poLineKeys && !poLineKeys.has(poLineKey(poNumber, line))) {
      p.note(`PO ${poNumber} line ${line} is not a known purchase order line`);
    }
    if (p.report(errors, 'goodsReceipts', row.line) || !poNumber || !line || !quantityReceived || !receivedAt)
      continue;
    receipts.push({ poNumber, line: normalizeLineId(line), quantityReceived, receivedAt });
  }
  return receipts;
}

// ---- approvers.csv ----

function parseApprovers(text: string, errors: MasterDataError[], knownEmails: Set<string>): Approver[] {
  const rows = readTable('approvers', text, errors);
  if (!rows) return [];
  const parsed: { approver: Approver; line: number }[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const p = new RowProblems();
    const email = p.value('email', () => parseEmail(row.get('email')));
    const name = p.required(row, 'name');
    const costCenters = parseList(row.get('costCenters'));
    if (costCenters.length === 0) p.note('costCenters is empty (use * for all)');
    const limit = p.value('limit', () => parseDecimalValue(row.get('limit')));
    if (limit !== undefined && dec(limit).isNegative()) p.note('limit must not be negative');
    const deputyEmail = optional(row.get('deputyEmail'), (v) => p.value('deputyEmail', () => parseEmail(v)));
    if (deputyEmail !== undefined && deputyEmail === email) p.note('deputyEmail must be another person');
    const language = p.value('language', () => parseLanguage(row.get('language')));
    if (email !== undefined && firstLine.has(email))
      p.note(`email ${email} is already defined on line ${firstLine.get(email)}`);
    if (p.report(errors, 'approvers', row.line) || !email || !name || !limit || !language) continue;
    firstLine.set(email, row.line);
    parsed.push({
      line: row.line,
      approver: {
        email,
        name,
        role: row.get('role') || 'approver',
        costCenters,
        limit,
        ...(deputyEmail && { deputyEmail }),
        language,
      },
    });
  }
  // A deputy must be someone who can approve: an approver of this import or one already stored.
  const emails = new Set([...knownEmails, ...parsed.map((a) => a.approver.email)]);
  const approvers: Approver[] = [];
  for (const { approver, line } of parsed) {
    if (approver.deputyEmail && !emails.has(approver.deputyEmail)) {
      errors.push({
        file: MASTER_DATA_FILE_NAMES.approvers,
        line,
        message: `deputyEmail ${approver.deputyEmail} is not an approver`,
      });
      continue;
    }
    approvers.push(approver);
  }
  return approvers;
}

function parseLanguage(raw: string): Language {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'de' || value === 'deutsch' || value === 'german') return 'de';
  if (value === 'en' || value === 'englisch' || value === 'english') return 'en';
  throw new ValueError(`"${raw}" is not a supported language (de or en)`);
}

function optional<T>(raw: string, parse: (value: string) => T | undefined): T | undefined {
  return raw === '' ? undefined : parse(raw);
}
