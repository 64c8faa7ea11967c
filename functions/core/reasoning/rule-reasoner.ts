import type { Route } from '../policy/decide';
import { REASON_EFFECTS } from '../policy/effects';
import type { Reasoner, ReasoningInput } from '../ports/reasoner';
import type { Coding, ReasoningSummary } from '../records';
import { allowedPart, boundRecommendation, type Recommendation } from './bounds';

/**
 * The deterministic reasoner (local runtime, and the fallback story for Bedrock): explains the
 * policy's route in short German, recommends within the policy (never more permissive), and
 * proposes the coding from master data (the vendor's default coding, or the PO cost centre the
 * checks matched), limited to the allowed accounts and cost centres. Pure: same input, same output.
 */

export const RULE_REASONER_VERSION = '1';

const ROUTE_DE: Record<Route, string> = {
  AUTO_APPROVE: 'automatische Freigabe',
  APPROVE: 'Freigabe durch eine Person',
  APPROVE_FOUR_EYES: 'Vier-Augen-Freigabe durch zwei Personen',
  CLARIFY: 'Klärung vor der Freigabe',
  REJECT: 'Ablehnung',
  QUARANTINE: 'Quarantäne (nicht lesbar)',
};

const RECOMMENDATION_DE: Record<Recommendation, string> = {
  approve: 'freigeben',
  review: 'prüfen',
  reject: 'ablehnen',
};

/** Reason codes that only explain why a person approves, without doubting the invoice. */
const NEUTRAL_CODES = new Set(['AMOUNT_ABOVE_THRESHOLD', 'AUTONOMY_LEVEL']);

export function createRuleReasoner(): Reasoner {
  return { reason: async (input) => reasonByRules(input) };
}

export function reasonByRules(input: ReasoningInput): ReasoningSummary {
  const recommendation = boundRecommendation(recommend(input), input.decision);
  const { coding, basis } = proposeCoding(input);
  return {
    engine: `rules:${RULE_REASONER_VERSION}`,
    recommendation,
    explanation: explain(input, recommendation, coding, basis),
    coding,
    confidence: confidenceOf(input, coding),
  };
}

function recommend({ decision, checks }: ReasoningInput): Recommendation {
  switch (decision.route) {
    case 'REJECT':
      return 'reject';
    case 'QUARANTINE':
    case 'CLARIFY':
      return 'review';
    case 'AUTO_APPROVE':
      return 'approve';
    case 'APPROVE':
    case 'APPROVE_FOUR_EYES': {
      const doubts = decision.reasons.filter((r) => !NEUTRAL_CODES.has(r.code));
      const failing = checks.filter((c) => c.status === 'fail' || c.status === 'warn');
      return doubts.length === 0 && failing.length === 0 ? 'approve' : 'review';
    }
  }
}

/** Vendor default (or PO cost centre) first; the buyer accounting reference (BT-19) may fill the GL account. */
function proposeCoding(input: ReasoningInput): { coding: Coding; basis: string | undefined } {
  const fromVendor = allowedPart(input.vendor?.defaultCoding, input.allowedCoding);
  const fromInvoice = allowedPart({ glAccount: input.invoice.buyerAccountingReference }, input.allowedCoding);
  const coding: Coding = { ...fromInvoice, ...fromVendor };
  const basis =
    fromVendor.glAccount || fromVendor.costCenter
      ? `Stammdaten von ${input.vendor?.name ?? 'dem Lieferanten'}`
      : fromInvoice.glAccount
        ? 'Kontierungsreferenz der Rechnung (BT-19)'
        : undefined;
  return { coding, basis };
}

function explain(
  { decision, checks }: ReasoningInput,
  recommendation: Recommendation,
  coding: Coding,
  basis: string | undefined,
): string {
  const parts = [`Weg: ${ROUTE_DE[decision.route]} (${decision.route}).`];
  const reasons = decision.reasons.filter(
    (r) => REASON_EFFECTS[r.code].effect !== 'info' || decision.reasons.length === 1,
  );
  if (reasons.length) parts.push(`Gründe: ${reasons.map((r) => `${r.code} – ${r.messageDe}`).join('; ')}.`);
  if (decision.holds.length) parts.push(`Sperre: ${decision.holds.join(', ')}; nie automatisch freigeben.`);
  const cited = new Set(decision.reasons.map((r) => r.code as string));
  const otherFindings = checks.filter(
    (c) => (c.status === 'fail' || c.status === 'warn') && !(c.code && cited.has(c.code)),
  );
  if (otherFindings.length) parts.push(`Hinweise: ${otherFindings.map((c) => c.code ?? c.id).join(', ')}.`);
  parts.push(`Empfehlung: ${RECOMMENDATION_DE[recommendation]}.`);
  const codingText = [
    coding.glAccount && `Sachkonto ${coding.glAccount}`,
    coding.costCenter && `Kostenstelle ${coding.costCenter}`,
  ]
    .filter(Boolean)
    .join(', ');
  parts.push(
    codingText ? `Kontierung: ${codingText} (${basis}).` : 'Kontierung: kein Vorschlag aus den Stammdaten.',
  );
  return parts.join(' ');
}

/** Extraction certainty times how complete the coding proposal is; two decimals. */
function confidenceOf({ invoice }: ReasoningInput, coding: Coding): number {
  const codingFactor =
    coding.glAccount && coding.costCenter ? 0.95 : coding.glAccount || coding.costCenter ? 0.8 : 0.6;
  const extraction = Math.min(1, Math.max(0, invoice.source.confidence));
  return Math.round(extraction * codingFactor * 100) / 100;
}
