import type { ReasonCode } from './reason-codes';
import type { CheckResult } from './types';

/** Builders that keep check results uniform: English and German message, evidence. */
type Evidence = Record<string, unknown>;

export function pass(id: string, message: string, messageDe: string, evidence: Evidence = {}): CheckResult {
  return { id, status: 'pass', message, messageDe, evidence };
}

export function fail(
  id: string,
  code: ReasonCode,
  message: string,
  messageDe: string,
  evidence: Evidence = {},
): CheckResult {
  return { id, status: 'fail', code, message, messageDe, evidence };
}

export function warn(
  id: string,
  message: string,
  messageDe: string,
  evidence: Evidence = {},
  code?: ReasonCode,
): CheckResult {
  return { id, status: 'warn', ...(code && { code }), message, messageDe, evidence };
}

export function skip(id: string, message: string, messageDe: string, evidence: Evidence = {}): CheckResult {
  return { id, status: 'skip', message, messageDe, evidence };
}
