import type { Logger } from '@aws-lambda-powertools/logger';
import type { ApprovalRepository, LinkSigner, SecretBox } from '../../core/ports/approvals';
import type { Archive, DocumentStore, OcrEngine, PdfReader } from '../../core/ports/documents';
import type { InvoiceHistory } from '../../core/ports/history';
import type { MasterDataRepository } from '../../core/ports/masterdata';
import type { Clock, Mailer, TaskResponder, WorkflowStarter } from '../../core/ports/messaging';
import type { Reasoner } from '../../core/ports/reasoner';
import type { AuditLog, InvoiceRepository } from '../../core/ports/records';
import type { Settings } from './settings';

/**
 * Everything a handler may need. AWS builds these from SDK clients (aws-ports.ts); the local runtime
 * builds them from embedded stand-ins (local/ports.ts). Handlers never know which.
 */
export interface Ports {
  settings: Settings;
  logger: Logger;
  clock: Clock;
  /** Intake bucket: raw/, attachments/, extracted/. */
  documents: DocumentStore;
  archive: Archive;
  invoices: InvoiceRepository;
  history: InvoiceHistory;
  audit: AuditLog;
  masterData: MasterDataRepository;
  approvals: ApprovalRepository;
  links: LinkSigner;
  secrets: SecretBox;
  mailer: Mailer;
  reasoner: Reasoner;
  tasks: TaskResponder;
  workflow: WorkflowStarter;
  pdf: PdfReader;
  ocr: OcrEngine;
}
