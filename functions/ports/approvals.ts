import type { ApprovalRequest, DecisionInput, NonceRecord } from '../core/approval/model';

/** Approval requests and their single-use nonces (DynamoDB in AWS, dynalite locally). */
export interface ApprovalRepository {
  create(request: ApprovalRequest): Promise<void>;
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  listForInvoice(invoiceId: string): Promise<ApprovalRequest[]>;
  /** Replaces the sealed task token of a pending request (a new wait after a reminder). */
  replaceToken(approvalId: string, sealedToken: string, expiresAt: string): Promise<void>;
  /** Marks a pending request revoked (escalated or superseded); returns false if it was no longer pending. */
  revoke(approvalId: string, reason: string, at: string): Promise<boolean>;
  /**
   * The single-use gate: records the decision only if the request is still PENDING.
   * Returns the stored request either way; `won` tells whether this call made the decision.
   */
  decide(approvalId: string, decision: DecisionInput): Promise<{ won: boolean; request: ApprovalRequest }>;
  issueNonce(nonce: NonceRecord): Promise<void>;
  /** Consumes a nonce once; false if unknown, expired or already used. */
  consumeNonce(approvalId: string, nonce: string, now: string): Promise<boolean>;
}

/** Signs and verifies approval links (KMS GenerateMac/VerifyMac in AWS, a local key file locally). */
export interface LinkSigner {
  sign(message: string): Promise<string>;
  /** Constant-time verification. */
  verify(message: string, signature: string): Promise<boolean>;
}

/** Encrypts secrets at rest, e.g. task tokens (KMS in AWS, AES-GCM with a local key locally). */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(sealed: string, context: Record<string, string>): Promise<string>;
}
