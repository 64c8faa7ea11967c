import type { Coding } from '../records';

/** A person asked to decide (approval) or to answer a question (clarification). */
export type ApprovalKind = 'approval' | 'clarification';
/** Where in the reminder ladder the request is. */
export type ApprovalStage = 'initial' | 'reminded' | 'escalated';
export type ApprovalStatus = 'PENDING' | 'DECIDED' | 'REVOKED';
export type DecisionChoice = 'approve' | 'reject' | 'clarify' | 'correct' | 'answer';

export interface DecisionInput {
  choice: DecisionChoice;
  /** The approver the link was issued to. */
  by: string;
  at: string;
  comment?: string;
  coding?: Coding;
  ip?: string;
  userAgent?: string;
}

export interface ApprovalRequest {
  approvalId: string;
  invoiceId: string;
  kind: ApprovalKind;
  /** 1 for the first approver, 2 for the second of four eyes. */
  round: number;
  stage: ApprovalStage;
  approver: string;
  approverName?: string;
  language: 'de' | 'en';
  /** Hash over vendor, invoice number, gross and IBAN at the time of the request. */
  invoiceHash: string;
  /** The Step Functions task token, encrypted. Never leaves the server. */
  sealedToken: string;
  status: ApprovalStatus;
  createdAt: string;
  /** Link expiry. */
  expiresAt: string;
  /** Gross must be typed to confirm (large amounts). */
  requiresTypedAmount: boolean;
  /** For clarifications: what the person is asked. */
  question?: string;
  /** Approvers who already approved earlier rounds (four eyes: nobody twice). */
  previousApprovers: string[];
  decision?: DecisionInput;
  revokedReason?: string;
}

export interface NonceRecord {
  approvalId: string;
  nonce: string;
  issuedAt: string;
  expiresAt: string;
}
