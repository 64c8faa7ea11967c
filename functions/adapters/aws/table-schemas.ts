/**
 * Key schemas of the DynamoDB tables, shared by the CDK stack and the local dynalite bootstrap
 * so that both runtimes have the same tables.
 */
export interface TableSchema {
  /** Logical name; the env var holding the physical name is `${envPrefix}_TABLE`. */
  name: 'invoices' | 'audit' | 'masterData' | 'approvals';
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  indexes: { name: string; partitionKey: string; sortKey?: string }[];
  /** Epoch-seconds attribute DynamoDB expires items by (single-use nonces). */
  ttlAttribute?: string;
}

export const INVOICES_TABLE: TableSchema = {
  name: 'invoices',
  envVar: 'INVOICES_TABLE',
  partitionKey: 'id',
  indexes: [
    // Newest-first listing: every record carries entity = 'invoice'.
    { name: 'byReceivedAt', partitionKey: 'entity', sortKey: 'receivedAt' },
    // Duplicate lookups.
    { name: 'byVendorNumber', partitionKey: 'vendorNumberKey', sortKey: 'receivedAt' },
    { name: 'byFileHash', partitionKey: 'fileHash', sortKey: 'receivedAt' },
    { name: 'byVendorIssueDate', partitionKey: 'vendorId', sortKey: 'issueDate' },
  ],
};

export const AUDIT_TABLE: TableSchema = {
  name: 'audit',
  envVar: 'AUDIT_TABLE',
  partitionKey: 'invoiceId',
  sortKey: 'seq',
  indexes: [],
};

export const MASTER_DATA_TABLE: TableSchema = {
  name: 'masterData',
  envVar: 'MASTER_DATA_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [],
};

export const APPROVALS_TABLE: TableSchema = {
  name: 'approvals',
  envVar: 'APPROVALS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'byInvoice', partitionKey: 'invoiceId', sortKey: 'createdAt' }],
  ttlAttribute: 'ttl',
};

export const TABLES: TableSchema[] = [INVOICES_TABLE, AUDIT_TABLE, MASTER_DATA_TABLE, APPROVALS_TABLE];
