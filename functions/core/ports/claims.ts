/**
 * One claim per invoice identity (and per file), taken with a single conditional write, so that of
 * any number of copies checked at the same time exactly one proceeds (DynamoDB in AWS, dynalite
 * locally). A claim is never changed or removed by a later claimant.
 */
export interface InvoiceClaim {
  /** 'file:<sha256>' or 'invoice:<identity>' (see core/checks/claim.ts). */
  key: string;
  invoiceId: string;
  /** SHA-256 of the claimant's document. */
  sha256: string;
  claimedAt: string;
  invoiceNumber?: string;
  gross?: string;
  currency?: string;
}

export interface InvoiceClaims {
  /**
   * Claims `claim.key` for `claim.invoiceId` unless another invoice holds it. Returns the holder: the
   * invoice itself when it won now or before (a retry or restart of the same invoice), else the first
   * claimant, unchanged.
   */
  claim(claim: InvoiceClaim): Promise<{ won: boolean; holder: InvoiceClaim }>;
}
