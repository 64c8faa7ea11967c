import type { ApprovalKind, ApprovalRequest, DecisionChoice, HumanResult } from './model';

/** Choices the page offers, per kind of request. */
export const CHOICES: Record<ApprovalKind, readonly DecisionChoice[]> = {
  approval: ['approve', 'reject', 'clarify', 'correct'],
  clarification: ['answer', 'forward'],
};

export function isChoiceFor(kind: ApprovalKind, value: string): value is DecisionChoice {
  return (CHOICES[kind] as readonly string[]).includes(value);
}

/** Choices that approve (a corrected coding approves too). */
export function approves(choice: DecisionChoice): boolean {
  return choice === 'approve' || choice === 'correct';
}

/**
 * Where the workflow continues after a decision:
 * - approve/correct: the next distinct approver while four eyes are incomplete, else ARCHIVE (approved);
 * - reject: ARCHIVE (rejected);
 * - clarify: CLARIFY (someone is asked; the asking round continues after a 'forward');
 * - answer: RECHECK (the checks run again from round 1 with the data as it is now);
 * - forward: NEXT_APPROVER with the round that asked (1 for a clarification the policy asked for).
 */
export function resultFor(
  request: Pick<ApprovalRequest, 'approvalId' | 'round' | 'requiredApprovals' | 'returnRound' | 'approver'>,
  choice: DecisionChoice,
): HumanResult {
  const base = { choice, by: request.approver, approvalId: request.approvalId };
  switch (choice) {
    case 'approve':
    case 'correct':
      return request.round < request.requiredApprovals
        ? { ...base, next: 'NEXT_APPROVER', round: request.round + 1 }
        : { ...base, next: 'ARCHIVE', round: request.round };
    case 'reject':
      return { ...base, next: 'ARCHIVE', round: request.round };
    case 'clarify':
      return { ...base, next: 'CLARIFY', round: request.round };
    case 'answer':
      return { ...base, next: 'RECHECK', round: 1 };
    case 'forward':
      return { ...base, next: 'NEXT_APPROVER', round: request.returnRound ?? 1 };
  }
}
