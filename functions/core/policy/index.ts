/** The decision policy: config, reason-code effects, approver selection and the decision itself. */
export { type ApproverRequest, type ApproverSelection, financeApprovers, selectApprovers } from './approvers';
export type { Clarification } from './clarification';
export {
  defaultPolicy,
  type PolicyConfig,
  parsePolicyConfig,
  policyConfigSchema,
  policyVersionOf,
} from './config';
export {
  type DecideOptions,
  type Decision,
  type DecisionReason,
  decide,
  decideUnreadable,
  ROUTES,
  type Route,
} from './decide';
export { type ClarifyWith, type Effect, isHold, REASON_EFFECTS } from './effects';
