import type { Approver } from '../masterdata/types';
import { type DecimalString, dec } from '../money';

/**
 * Who approves: people responsible for the cost centre whose limit covers the amount, the closest
 * authority first (a specific cost centre before '*', then the lowest sufficient limit, then e-mail
 * for determinism). When the cost centre has too few people, anyone whose limit covers the amount
 * joins; when nobody's limit covers it, the highest limits are asked and `limitSufficient` is false.
 * Four eyes means `count: 2`: always two distinct people.
 */

export interface ApproverSelection {
  approvers: Approver[];
  /** Deputy per chosen approver (for escalation), never one of the other chosen approvers. */
  deputies: Record<string, string>;
  /** False when at least one chosen approver's limit is below the amount. */
  limitSufficient: boolean;
}

export interface ApproverRequest {
  costCenter?: string;
  amount: DecimalString;
  count: 1 | 2;
  /** People who must not approve (e.g. earlier rounds of four eyes). */
  exclude?: readonly string[];
}

export function selectApprovers(request: ApproverRequest, approvers: readonly Approver[]): ApproverSelection {
  const amount = dec(request.amount).abs();
  const excluded = new Set((request.exclude ?? []).map((e) => e.toLowerCase()));
  const candidates = approvers.filter((a) => !excluded.has(a.email));
  const covers = (a: Approver) => dec(a.limit).greaterThanOrEqualTo(amount);
  const centreRank = (a: Approver) =>
    request.costCenter !== undefined && a.costCenters.includes(request.costCenter)
      ? 0
      : a.costCenters.includes('*')
        ? 1
        : 2;
  const byLimitAscending = (a: Approver, b: Approver) =>
    dec(a.limit).comparedTo(dec(b.limit)) || a.email.localeCompare(b.email);

  const responsible = candidates
    .filter((a) => centreRank(a) < 2 && covers(a))
    .sort((a, b) => centreRank(a) - centreRank(b) || byLimitAscending(a, b));
  const othersCovering = candidates.filter((a) => centreRank(a) === 2 && covers(a)).sort(byLimitAscending);
  const highestFirst = candidates.filter((a) => !covers(a)).sort((a, b) => byLimitAscending(b, a));

  const chosen: Approver[] = [];
  for (const a of [...responsible, ...othersCovering, ...highestFirst]) {
    if (chosen.length === request.count) break;
    if (!chosen.some((c) => c.email === a.email)) chosen.push(a);
  }
  const chosenEmails = new Set(chosen.map((a) => a.email));
  const known = new Set(approvers.map((a) => a.email));
  const deputies: Record<string, string> = {};
  for (const a of chosen) {
    if (
      a.deputyEmail &&
      known.has(a.deputyEmail) &&
      !chosenEmails.has(a.deputyEmail) &&
      !excluded.has(a.deputyEmail)
    ) {
      deputies[a.email] = a.deputyEmail;
    }
  }
  return { approvers: chosen, deputies, limitSufficient: chosen.length > 0 && chosen.every(covers) };
}

const FINANCE_ROLE = /financ|account|buchhalt|kreditor|rechnungswesen|^ap$|accounts payable/i;

/** Accounts payable people (role finance / Buchhaltung / accounting). */
export function financeApprovers(approvers: readonly Approver[]): Approver[] {
  return approvers.filter((a) => FINANCE_ROLE.test(a.role)).sort((a, b) => a.email.localeCompare(b.email));
}
