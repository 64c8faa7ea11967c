import type { ReasonCode } from '../checks/reason-codes';
import type { CheckOutcome, CheckResult } from '../checks/types';
import type { Invoice } from '../invoice/model';
import type { Approver } from '../masterdata/types';
import { type DecimalString, dec, tryDec } from '../money';
import { selectApprovers } from './approvers';
import { buildClarification, type Clarification } from './clarification';
import { type PolicyConfig, topApproverAddress } from './config';
import { EFFECT_ORDER, type Effect, isHold, REASON_EFFECTS } from './effects';

/**
 * The decision: deterministic, from the checks, the policy and the approvers. An LLM may advise
 * elsewhere but never changes this. Precedence: QUARANTINE > REJECT > CLARIFY > a person
 * (APPROVE_FOUR_EYES from fourEyesMinGross, else APPROVE) > AUTO_APPROVE.
 * AUTO_APPROVE needs: no failing check, gross <= autoApproveMaxGross in the company currency, and the
 * autonomy level's condition (1: PO-matched; 2: PO-matched or a known vendor that needs no PO).
 * A hold (fraud or duplicate suspicion) is never auto-approved, at any level.
 */

/** Routes (contract strings). */
export const ROUTES = [
  'AUTO_APPROVE',
  'APPROVE',
  'APPROVE_FOUR_EYES',
  'CLARIFY',
  'REJECT',
  'QUARANTINE',
] as const;
export type Route = (typeof ROUTES)[number];

export interface DecisionReason {
  code: ReasonCode;
  message: string;
  messageDe: string;
}

export interface Decision {
  route: Route;
  reasons: DecisionReason[];
  policyVersion: string;
  autonomyLevel: 0 | 1 | 2;
  /** Hold codes present (fraud, duplicate, quarantine): the invoice needs a person whatever else happens. */
  holds: ReasonCode[];
  /** For APPROVE (one) and APPROVE_FOUR_EYES (two distinct people), closest authority first. */
  approvers?: string[];
  /** Deputy per approver, for escalation. */
  deputies?: Record<string, string>;
  /** False when no available approver's limit covers the amount (the highest limits were chosen). */
  approverLimitSufficient?: boolean;
  clarification?: Clarification;
  /** The approver must type the gross amount to confirm (from confirmTypedAmountMinGross). */
  requiresTypedAmount: boolean;
  /** Amount the tiers were applied to (the series total for a suspected split at the four-eyes limit). */
  amount?: { gross: DecimalString; currency: string };
}

export interface DecideOptions {
  /** Accounts payable mailbox of the runtime, when neither approvers nor policy name one. */
  financeTeamEmail?: string;
  /** For clarification texts. */
  invoice?: Pick<Invoice, 'invoiceNumber' | 'seller'>;
}

export function decide(
  outcome: CheckOutcome,
  policy: PolicyConfig,
  approvers: readonly Approver[],
  options: DecideOptions = {},
): Decision {
  const { context } = outcome;
  const failures = outcome.checks.filter(
    (c): c is CheckResult & { code: ReasonCode } => c.status === 'fail' && c.code !== undefined,
  );
  const details = collectDetails(failures);
  const codes = [...details.keys()];
  const effects = new Set(codes.map((c) => REASON_EFFECTS[c].effect));
  const holds = codes.filter(isHold);

  const gross = tryDec(context.amount.gross)?.abs();
  const effectiveGross = maxDefined(
    gross,
    context.split?.threshold === 'fourEyesMinGross' ? tryDec(context.split.combinedGross) : undefined,
  );
  const base = {
    policyVersion: policy.policyVersion,
    autonomyLevel: policy.autonomyLevel,
    holds,
    requiresTypedAmount: gross?.greaterThanOrEqualTo(dec(policy.confirmTypedAmountMinGross)) ?? false,
    ...(effectiveGross && { amount: { gross: effectiveGross.toFixed(), currency: context.amount.currency } }),
  };

  if (effects.has('quarantine')) return { ...base, route: 'QUARANTINE', reasons: reasonsOf(details) };
  if (effects.has('reject')) return { ...base, route: 'REJECT', reasons: reasonsOf(details) };

  if (effects.has('clarify')) {
    const clarifyCodes = sortByEffect(codes.filter((c) => REASON_EFFECTS[c].effect === 'clarify'));
    const target = REASON_EFFECTS[clarifyCodes[0]!].clarifyWith ?? 'finance';
    const clarification = buildClarification(
      {
        codes: clarifyCodes,
        details: new Map(clarifyCodes.map((c) => [c, details.get(c)!])),
        target,
        context,
        invoiceNumber: options.invoice?.invoiceNumber,
        sellerName: options.invoice?.seller.name,
      },
      policy,
      approvers,
      options.financeTeamEmail,
    );
    return { ...base, route: 'CLARIFY', reasons: reasonsOf(details), clarification };
  }

  // No clarification or rejection: automatic, or one or two people.
  const inCompanyCurrency = context.amount.currency === policy.currency;
  const aboveAutoLimit = gross === undefined || gross.greaterThan(dec(policy.autoApproveMaxGross));
  const fourEyes = effectiveGross?.greaterThanOrEqualTo(dec(policy.fourEyesMinGross)) ?? false;
  const autonomyAllows = autonomyPermits(outcome, policy);

  if (codes.length === 0 && !aboveAutoLimit && inCompanyCurrency && autonomyAllows && holds.length === 0) {
    return { ...base, route: 'AUTO_APPROVE', reasons: [] };
  }

  if (aboveAutoLimit && gross !== undefined) {
    const limit = fourEyes ? policy.fourEyesMinGross : policy.autoApproveMaxGross;
    details.set('AMOUNT_ABOVE_THRESHOLD', {
      en: [
        fourEyes
          ? `Gross ${effectiveGross!.toFixed()} ${context.amount.currency} is at or above the four-eyes limit ${limit}: two people approve`
          : `Gross ${gross.toFixed()} ${context.amount.currency} is above the auto-approval limit ${limit}`,
      ],
      de: [
        fourEyes
          ? `Brutto ${effectiveGross!.toFixed()} ${context.amount.currency} erreicht die Vier-Augen-Grenze ${limit}: zwei Personen geben frei`
          : `Brutto ${gross.toFixed()} ${context.amount.currency} liegt über der Grenze für automatische Freigabe ${limit}`,
      ],
    });
  } else if (codes.length === 0 && !autonomyAllows) {
    details.set('AUTONOMY_LEVEL', autonomyExplanation(policy.autonomyLevel));
  }
  const route: Route = fourEyes ? 'APPROVE_FOUR_EYES' : 'APPROVE';
  const amount = (effectiveGross ?? dec(0)).toFixed();
  const selection = selectApprovers(
    { costCenter: context.costCenter, amount, count: fourEyes ? 2 : 1 },
    approvers,
  );
  let chosen = selection.approvers.map((a) => a.email);
  const top = topApproverAddress(policy, options.financeTeamEmail)?.toLowerCase();
  if (!selection.limitSufficient && approvers.length > 0 && top) {
    // Nobody's limit covers the amount: the named authority decides (last, after the highest limit).
    const highest = dec(maxLimit(approvers)).toFixed();
    details.set('APPROVER_LIMIT_EXCEEDED', {
      en: [
        `Gross ${amount} ${context.amount.currency} is above every approver's limit (highest ${highest}): ${top} decides as the top approval authority`,
      ],
      de: [
        `Brutto ${amount} ${context.amount.currency} liegt über der Freigabegrenze aller Freigeber (höchste ${highest}): ${top} entscheidet als oberste Freigabeinstanz`,
      ],
    });
    chosen = fourEyes ? [...chosen.filter((e) => e.toLowerCase() !== top).slice(0, 1), top] : [top];
  }
  return {
    ...base,
    route,
    reasons: reasonsOf(details),
    approvers: chosen,
    deputies: Object.fromEntries(Object.entries(selection.deputies).filter(([a]) => chosen.includes(a))),
    approverLimitSufficient: selection.limitSufficient,
  };
}

function maxLimit(approvers: readonly Approver[]): string {
  return approvers.reduce((max, a) => (dec(a.limit).greaterThan(dec(max)) ? a.limit : max), '0');
}

/** Level 0: never. Level 1: PO-matched. Level 2: PO-matched, or a known vendor that needs no PO (credit notes need none). */
function autonomyPermits({ context }: CheckOutcome, policy: PolicyConfig): boolean {
  switch (policy.autonomyLevel) {
    case 0:
      return false;
    case 1:
      return context.poMatched;
    case 2:
      return (
        context.poMatched ||
        (context.vendor !== undefined && (!context.vendor.requiresPo || context.amount.creditNote))
      );
  }
}

function autonomyExplanation(level: 0 | 1 | 2): { en: string[]; de: string[] } {
  if (level === 0) {
    return {
      en: ['Autonomy level 0 (pilot): every invoice goes to a person'],
      de: ['Autonomiestufe 0 (Pilot): jede Rechnung geht an einen Menschen'],
    };
  }
  if (level === 1) {
    return {
      en: ['Autonomy level 1 approves automatically only invoices matched to a purchase order'],
      de: ['Autonomiestufe 1 gibt nur Rechnungen mit passender Bestellung automatisch frei'],
    };
  }
  return {
    en: [
      'Autonomy level 2 approves automatically only PO-matched invoices or those of known vendors that need no PO',
    ],
    de: [
      'Autonomiestufe 2 gibt nur Rechnungen mit passender Bestellung oder bekannter Lieferanten ohne Bestellpflicht automatisch frei',
    ],
  };
}

/**
 * Quarantine path for documents that could not be read at all, so routing stays uniform.
 * `cause` is the error code (UNREADABLE, UNSUPPORTED_FORMAT, UNSAFE_INPUT, LIMIT_EXCEEDED, NEEDS_OCR, ...);
 * the reason code is always UNREADABLE.
 */
export function decideUnreadable(cause: string, message: string, policy: PolicyConfig): Decision {
  const detail = cause && cause !== 'UNREADABLE' ? ` (${cause})` : '';
  return {
    route: 'QUARANTINE',
    reasons: [
      {
        code: 'UNREADABLE',
        message: `The document could not be read${detail}: ${message}`,
        messageDe: `Das Dokument konnte nicht gelesen werden${detail}: ${message}`,
      },
    ],
    policyVersion: policy.policyVersion,
    autonomyLevel: policy.autonomyLevel,
    holds: ['UNREADABLE'],
    requiresTypedAmount: false,
  };
}

/** One entry per code, in check order, messages of all checks with that code joined. */
function collectDetails(
  failures: (CheckResult & { code: ReasonCode })[],
): Map<ReasonCode, { en: string[]; de: string[] }> {
  const details = new Map<ReasonCode, { en: string[]; de: string[] }>();
  for (const f of failures) {
    const entry = details.get(f.code) ?? { en: [], de: [] };
    entry.en.push(f.message);
    entry.de.push(f.messageDe);
    details.set(f.code, entry);
  }
  return details;
}

function sortByEffect(codes: ReasonCode[]): ReasonCode[] {
  const rank = (c: ReasonCode) => EFFECT_ORDER.indexOf(REASON_EFFECTS[c].effect as Effect);
  return [...codes].sort((a, b) => rank(a) - rank(b));
}

function reasonsOf(details: Map<ReasonCode, { en: string[]; de: string[] }>): DecisionReason[] {
  return sortByEffect([...details.keys()]).map((code) => ({
    code,
    message: details.get(code)!.en.join('; '),
    messageDe: details.get(code)!.de.join('; '),
  }));
}

function maxDefined(a: ReturnType<typeof tryDec>, b: ReturnType<typeof tryDec>) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a.greaterThan(b) ? a : b;
}
