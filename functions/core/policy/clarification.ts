import type { ReasonCode } from '../checks/reason-codes';
import type { CheckContext } from '../checks/types';
import type { Approver, Language } from '../masterdata/types';
import { dec, formatAmountDe } from '../money';
import { financeApprovers, selectApprovers } from './approvers';
import type { PolicyConfig } from './config';
import type { ClarifyWith } from './effects';

/**
 * Clarifications: who is asked, and the question in German and English.
 * - requester: the PO's requester, else the buyer contact on the invoice if that person is one of our
 *   approvers, else the vendor manager, else the approver of the cost centre, else finance;
 * - finance: an approver with a finance role, else the policy's financeTeamEmail, else the fallback
 *   address given by the runtime, else the approver with the highest limit.
 */

export interface Clarification {
  with: string;
  /** German, then English (for mail bodies that show both). */
  question: string;
  questionDe: string;
  questionEn: string;
  language: Language;
  /** The kind of person asked. */
  role: ClarifyWith;
}

export interface ClarificationInput {
  codes: ReasonCode[];
  /** Check messages per code (English, German). */
  details: Map<ReasonCode, { en: string[]; de: string[] }>;
  target: ClarifyWith;
  context: CheckContext;
  invoiceNumber?: string;
  sellerName?: string;
}

export function buildClarification(
  input: ClarificationInput,
  policy: PolicyConfig,
  approvers: readonly Approver[],
  fallbackFinanceEmail?: string,
): Clarification {
  const email =
    input.target === 'requester'
      ? requesterEmail(input.context, policy, approvers, fallbackFinanceEmail)
      : financeEmail(policy, approvers, fallbackFinanceEmail);
  const language = approvers.find((a) => a.email === email)?.language ?? 'de';
  const { de, en } = questions(input);
  return {
    with: email,
    question: `${de}\n\n${en}`,
    questionDe: de,
    questionEn: en,
    language,
    role: input.target,
  };
}

function requesterEmail(
  context: CheckContext,
  policy: PolicyConfig,
  approvers: readonly Approver[],
  fallback?: string,
): string {
  if (context.requesterEmail) return context.requesterEmail;
  const buyerContact = context.buyerContactEmail;
  if (buyerContact && approvers.some((a) => a.email === buyerContact)) return buyerContact;
  if (context.vendor?.vendorManagerEmail) return context.vendor.vendorManagerEmail;
  // The person closest to the cost centre (listed for it by name, not via '*').
  if (context.costCenter) {
    const ownCentre = approvers.filter((a) => a.costCenters.includes(context.costCenter!));
    const closest = selectApprovers({ costCenter: context.costCenter, amount: '0', count: 1 }, ownCentre)
      .approvers[0];
    if (closest) return closest.email;
  }
  return financeEmail(policy, approvers, fallback);
}

function financeEmail(policy: PolicyConfig, approvers: readonly Approver[], fallback?: string): string {
  const finance = financeApprovers(approvers)[0];
  if (finance) return finance.email;
  if (policy.financeTeamEmail) return policy.financeTeamEmail;
  if (fallback) return fallback;
  const highest = [...approvers].sort(
    (a, b) => dec(b.limit).comparedTo(dec(a.limit)) || a.email.localeCompare(b.email),
  )[0];
  return highest?.email ?? '';
}

function questions(input: ClarificationInput): { de: string; en: string } {
  const { context } = input;
  const invoice = `${input.invoiceNumber ?? '?'} (${input.sellerName ?? context.vendor?.name ?? '?'}, ${formatAmountDe(safeAmount(context.amount.gross), context.amount.currency)})`;
  const de: string[] = [];
  const en: string[] = [];
  const detail = (code: ReasonCode, lang: 'de' | 'en') => (input.details.get(code)?.[lang] ?? []).join('; ');
  for (const code of input.codes) {
    switch (code) {
      case 'VENDOR_UNKNOWN':
        de.push(
          `Der Lieferant ist unbekannt. Bitte im Lieferantenstamm anlegen (mit IBAN und Absenderdomain) oder die Rechnung ablehnen. ${detail(code, 'de')}`,
        );
        en.push(
          `The vendor is unknown. Please add it to the vendor master (with IBAN and sender domain) or reject the invoice. ${detail(code, 'en')}`,
        );
        break;
      case 'PO_MISSING':
        de.push(
          `Der Lieferant arbeitet nur mit Bestellung, die Rechnung nennt keine. Zu welcher Bestellung gehört sie?`,
        );
        en.push(
          `This vendor requires a purchase order, but the invoice names none. Which order does it belong to?`,
        );
        break;
      case 'PO_UNKNOWN':
      case 'PO_VENDOR_MISMATCH':
        de.push(`${detail(code, 'de')}. Welche Bestellung ist gemeint?`);
        en.push(`${detail(code, 'en')}. Which order is meant?`);
        break;
      case 'QTY_NOT_RECEIVED':
        de.push(
          `Bitte den Wareneingang bestätigen: ${detail(code, 'de')}. Ist die Lieferung vollständig angekommen?`,
        );
        en.push(`Please confirm the goods receipt: ${detail(code, 'en')}. Has everything been delivered?`);
        break;
      default:
        de.push(`${detail(code, 'de')}. Bitte beim Lieferanten eine korrigierte Rechnung anfordern.`);
        en.push(`${detail(code, 'en')}. Please ask the vendor for a corrected invoice.`);
    }
  }
  return {
    de: `Rückfrage zu Rechnung ${invoice}:\n- ${de.map((q) => q.trim()).join('\n- ')}`,
    en: `Question about invoice ${invoice}:\n- ${en.map((q) => q.trim()).join('\n- ')}`,
  };
}

function safeAmount(value: string): string {
  return /^[+-]?\d+(\.\d+)?$/.test(value?.trim() ?? '') ? value : '0';
}
