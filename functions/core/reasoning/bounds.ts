import type { Decision } from '../policy/decide';
import type { Coding, ReasoningSummary } from '../records';

/**
 * Guards every reasoner's output (rules or a model): the recommendation is never more permissive
 * than the deterministic policy, and the coding only uses accounts and cost centres master data allows.
 */

export type Recommendation = ReasoningSummary['recommendation'];

/** Whether the policy leaves room to recommend approval: not for holds, clarifications, rejections or quarantine. */
export function approvalPermitted(decision: Pick<Decision, 'route' | 'holds'>): boolean {
  if (decision.holds.length > 0) return false;
  return (
    decision.route === 'AUTO_APPROVE' ||
    decision.route === 'APPROVE' ||
    decision.route === 'APPROVE_FOUR_EYES'
  );
}

/** 'approve' becomes 'review' where the policy does not permit approval; review and reject always stand. */
export function boundRecommendation(
  recommendation: Recommendation,
  decision: Pick<Decision, 'route' | 'holds'>,
): Recommendation {
  return recommendation === 'approve' && !approvalPermitted(decision) ? 'review' : recommendation;
}

export interface AllowedCoding {
  glAccounts: readonly string[];
  costCenters: readonly string[];
}

/** Keeps only the parts of a coding that master data allows (exact match after trimming). */
export function allowedPart(coding: Coding | undefined, allowed: AllowedCoding): Coding {
  const glAccount = coding?.glAccount?.trim();
  const costCenter = coding?.costCenter?.trim();
  return {
    ...(glAccount && allowed.glAccounts.includes(glAccount) && { glAccount }),
    ...(costCenter && allowed.costCenters.includes(costCenter) && { costCenter }),
  };
}
