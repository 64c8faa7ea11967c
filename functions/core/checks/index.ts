/** Deterministic checks: formal (§14 UStG), arithmetic, vendor, duplicates, splitting, PO matching. */

export { isReasonCode, REASON_CODES, type ReasonCode } from './reason-codes';
export { runChecks } from './run';
export type {
  CheckContext,
  CheckInput,
  CheckOutcome,
  CheckPorts,
  CheckResult,
  CheckStatus,
  MailContext,
} from './types';
export { CheckInputError } from './types';
