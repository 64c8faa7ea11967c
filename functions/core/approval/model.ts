import type { Coding } from '../records';

/** A person asked to decide (approval) or to answer a question (clarification). */
export type ApprovalKind = 'approval' | 'clarification';
/** Where in the reminder ladder the request is. */
export type ApprovalStage = 'initial' | 'reminded' | 'escalated';
export type ApprovalStatus = 'PENDING' | 'DECIDED' | 'REVOKED';
/**
 * What a person chose on the page. Approvers: approve | reject | clarify | correct (approve with a
 * corrected coding). People asked for clarification: answer (data fixed, check again) | forward
 * (explained, on to the approver).
 */
export type DecisionChoice = 'approve' | 'reject' | 'clarify' | 'correct' | 'answer' | 'forward';

/** Where the workflow goes after a person acted (the AfterHumanDecision Choice state reads `next`). */
export type NextStep = 'ARCHIVE' | 'NEXT_APPROVER' | 'CLARIFY' | 'RECHECK';

/** The task output given to SendTaskSuccess; lands in `$.human` of the state machine. */
export interface HumanResult {
  next: NextStep;
  /** For NEXT_APPROVER the round to run next; otherwise the round that was decided. */
  round: number;
  choice: DecisionChoice;
  by: string;
  approvalId: string;
}

export interface DecisionInput {
  choice: DecisionChoice;
  /** The approver the link was issued to. */
  by: string;
  at: string;
  comment?: string;
  coding?: Coding;
  ip?: string;
  userAgent?: string;
  /** The workflow result this decision produced (kept so a later wait can be answered with it). */
  result?: HumanResult;
}

export interface ApprovalRequest {
  approvalId: string;
  invoiceId: string;
  kind: ApprovalKind;
  /** 1 for the first approver, 2 for the second of four eyes. */
  round: number;
  /** How many distinct people must approve (2 for four eyes). */
  requiredApprovals: number;
  stage: ApprovalStage;
  approver: string;
  approverName?: string;
  language: 'de' | 'en';
  /** Hash over vendor, invoice number, gross and IBAN at the time of the request. */
  invoiceHash: string;
  /** The Step Functions task token, encrypted. Never leaves the server. */
  sealedToken: string;
  /** SHA-256 of the current task token: recognises a Lambda retry of the same wait. */
  tokenRef: string;
  /** tokenRef of the wait whose mail went out (a retry does not mail twice). */
  notifiedRef?: string;
  status: ApprovalStatus;
  createdAt: string;
  /** Link expiry of the newest link. */
  expiresAt: string;
  /** Gross must be typed to confirm (large amounts). */
  requiresTypedAmount: boolean;
  /** For clarifications: what the person is asked. */
  question?: string;
  /** For clarifications: who asked (an approver's email, or 'policy'). */
  askedBy?: string;
  /** For clarifications: the approval round that continues after 'forward'. */
  returnRound?: number;
  /** For approvals after a clarification: what was asked and answered, shown to the approver. */
  clarificationNote?: { question: string; answer: string; by: string };
  /** For escalations: whose request this one replaces. */
  replaces?: string;
  /** Approvers who already approved earlier rounds (four eyes: nobody twice). */
  previousApprovers: string[];
  decision?: DecisionInput;
  revokedReason?: string;
  revokedAt?: string;
}

export interface NonceRecord {
  approvalId: string;
  nonce: string;
  issuedAt: string;
  expiresAt: string;
}
