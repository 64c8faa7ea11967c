import type { Invoice } from '../invoice/model';
import type { Decision } from '../policy/decide';
import type { Coding, ReasoningSummary } from '../records';

/** What the reasoning step sees. The route is already decided by the deterministic policy. */
export interface ReasoningInput {
  invoice: Invoice;
  decision: Decision;
  checks: { id: string; status: string; code?: string; message: string }[];
  vendor?: { id: string; name: string; defaultCoding: Coding };
  /** GL accounts and cost centres the agent may propose (from master data). */
  allowedCoding: { glAccounts: string[]; costCenters: string[] };
}

/** Explains and codes an invoice (Bedrock in AWS, a deterministic rule engine locally). */
export interface Reasoner {
  reason(input: ReasoningInput): Promise<ReasoningSummary>;
}
