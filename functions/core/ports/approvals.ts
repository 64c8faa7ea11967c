import type { ApprovalRequest, ApprovalStage, DecisionInput, NonceRecord } from '../approval/model';

/** Approval requests and their single-use nonces (DynamoDB in AWS, dynalite locally). */
export interface ApprovalRepository {
  /** Creates the request unless one with the id exists; false if it already existed (a retry). */
  create(request: ApprovalRequest): Promise<boolean>;
  get(approvalId: string): Promise<ApprovalRequest | undefined>;
  /** Oldest first. */
  listForInvoice(invoiceId: string): Promise<ApprovalRequest[]>;
  /** Gives a pending request the token of a new wait (after a reminder); false if no longer pending. */
  replaceToken(
    approvalId: string,
    update: { sealedToken: string; tokenRef: string; expiresAt: string; stage: ApprovalStage },
  ): Promise<boolean>;
  /** Remembers that the mail for the wait with this token ref went out. */
  markNotified(approvalId: string, tokenRef: string): Promise<void>;
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
  /** base64url signature. */
  sign(message: string): Promise<string>;
  /** Constant-time verification; false (never a throw) for a malformed signature. */
  verify(message: string, signature: string): Promise<boolean>;
}

/** Encrypts secrets at rest, e.g. task tokens (KMS in AWS, AES-GCM with a local key locally). */
export interface SecretBox {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  open(sealed: string, context: Record<string, string>): Promise<string>;
}
