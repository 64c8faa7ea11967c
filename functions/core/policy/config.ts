import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ConfigError } from '../errors';
import { type DecimalString, dec, isDecimalLiteral, normalizeDecimal } from '../money';

/**
 * The decision policy: autonomy level, amount tiers, tolerances and windows. JSON, validated with zod;
 * every key has a documented default, unknown keys are refused (a typo must not silently fall back
 * to a default). `policyVersion` is a stable hash of the effective config, recorded with each decision.
 */

/** A non-negative decimal amount or percentage, given as a JSON string ("1000.00") or number. */
function decimalSetting(key: string) {
  return z.union([z.string(), z.number()]).transform((value, ctx): DecimalString => {
    const text = typeof value === 'number' ? String(value) : value.trim();
    if (!isDecimalLiteral(text) || dec(text).isNegative()) {
      ctx.addIssue({
        code: 'custom',
        message: `${key} must be a non-negative decimal, received ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return normalizeDecimal(text);
  });
}

function daysSetting(max: number) {
  return z.number().int().min(0).max(max);
}

export const policyConfigSchema = z
  .strictObject({
    /** 0: every invoice goes to a person (pilot); 1: clean PO-matched invoices pass alone; 2: also clean invoices of known vendors without a PO. */
    autonomyLevel: z
      .union([z.literal(0), z.literal(1), z.literal(2)], {
        error: (issue) => `must be 0, 1 or 2, received ${JSON.stringify(issue.input)}`,
      })
      .default(1),
    /** Company currency: the amount tiers are in it; invoices in another currency always go to a person. */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as EUR')
      .default('EUR'),
    /** Highest gross (inclusive) that may be approved without a person. */
    autoApproveMaxGross: decimalSetting('autoApproveMaxGross').default('1000'),
    /** From this gross on (inclusive) two distinct people approve. */
    fourEyesMinGross: decimalSetting('fourEyesMinGross').default('5000'),
    /** PO price tolerance: a line or total may exceed the ordered value by this percentage ... */
    priceTolerancePercent: decimalSetting('priceTolerancePercent').default('2'),
    /** ... or by this absolute amount, whichever is larger. */
    priceToleranceAbs: decimalSetting('priceToleranceAbs').default('5'),
    /** Kleinbetragsrechnung limit (§33 UStDV: 250 EUR gross since 2017). */
    smallInvoiceMaxGross: decimalSetting('smallInvoiceMaxGross').default('250'),
    /** Near-duplicate window: same vendor and gross with issue dates this many days apart (inclusive). */
    duplicateWindowDays: daysSetting(366).default(7),
    /** Splitting: invoices of one vendor with issue dates within this many days of each other ... */
    splitWindowDays: daysSetting(366).default(14),
    /** ... each within this percentage just under an approval threshold ... */
    splitMarginPercent: decimalSetting('splitMarginPercent').default('10'),
    /** ... and at least this many of them (the current one included). */
    splitMinCount: z.number().int().min(2).max(20).default(2),
    /** From this gross on the approver must type the amount to confirm. */
    confirmTypedAmountMinGross: decimalSetting('confirmTypedAmountMinGross').default('10000'),
    /** A due date more than this many days after the issue date is implausible. */
    dueDateMaxDays: daysSetting(3660).default(180),
    /** Extraction confidence (0..1) below which a person must look; XML is 1, text/OCR heuristics below. */
    minExtractionConfidence: z.number().min(0).max(1).default(0.6),
    /** Own mail domains: invoices forwarded by colleagues are not flagged as unknown senders. */
    internalDomains: z.array(z.string().min(1)).default([]),
    /** Accounts payable mailbox for clarifications when no approver has role 'finance'. */
    financeTeamEmail: z.email().optional(),
    /** An issue date more than this many days before the mail arrived is implausible (ISSUE_DATE_INVALID). */
    maxInvoiceAgeDays: daysSetting(3660).default(365),
    /** Who approves amounts above every approver's limit (APPROVER_LIMIT_EXCEEDED); finance when unset. */
    topApproverEmail: z.email().optional(),
    /** Who verifies a changed bank account (IBAN_MISMATCH) as the second person; finance when unset. */
    bankVerificationEmail: z.email().optional(),
  })
  .superRefine((config, ctx) => {
    if (dec(config.autoApproveMaxGross).greaterThanOrEqualTo(dec(config.fourEyesMinGross))) {
      ctx.addIssue({
        code: 'custom',
        path: ['autoApproveMaxGross'],
        message: `autoApproveMaxGross (${config.autoApproveMaxGross}) must be below fourEyesMinGross (${config.fourEyesMinGross})`,
      });
    }
    if (dec(config.splitMarginPercent).greaterThanOrEqualTo(100)) {
      ctx.addIssue({
        code: 'custom',
        path: ['splitMarginPercent'],
        message: 'splitMarginPercent must be below 100',
      });
    }
  });

export type PolicySettings = z.output<typeof policyConfigSchema>;

export interface PolicyConfig extends PolicySettings {
  /** 'pv-' + 12 hex digits of the SHA-256 of the effective settings (keys sorted). */
  policyVersion: string;
}

/** Validates raw JSON (e.g. POLICY_JSON) and fills defaults. Throws ConfigError naming the key and value. */
export function parsePolicyConfig(raw: unknown): PolicyConfig {
  const parsed = policyConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join('.') || '(root)';
      return issue.message.startsWith(key) ? issue.message : `${key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid policy config: ${problems.join('; ')}`);
  }
  const settings = {
    ...parsed.data,
    internalDomains: parsed.data.internalDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')),
  };
  return { ...settings, policyVersion: policyVersionOf(settings) };
}

/** The defaults, as a complete policy. */
export function defaultPolicy(): PolicyConfig {
  return parsePolicyConfig({});
}

/** Stable hash of the settings: key order and formatting of the source JSON do not matter. */
export function policyVersionOf(settings: PolicySettings): string {
  const digest = createHash('sha256').update(canonicalJson(settings)).digest('hex');
  return `pv-${digest.slice(0, 12)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Accounts payable: the policy's financeTeamEmail, else the runtime's (FINANCE_TEAM_EMAIL). */
export function financeAddress(policy: Pick<PolicyConfig, 'financeTeamEmail'>, runtimeFinance?: string) {
  return policy.financeTeamEmail ?? runtimeFinance;
}

/** Who approves amounts above every approver's limit: `topApproverEmail`, else finance. */
export function topApproverAddress(
  policy: Pick<PolicyConfig, 'topApproverEmail' | 'financeTeamEmail'>,
  runtimeFinance?: string,
): string | undefined {
  return policy.topApproverEmail ?? financeAddress(policy, runtimeFinance);
}

/** Who verifies changed bank details: `bankVerificationEmail`, else finance. */
export function bankVerifierAddress(
  policy: Pick<PolicyConfig, 'bankVerificationEmail' | 'financeTeamEmail'>,
  runtimeFinance?: string,
): string | undefined {
  return policy.bankVerificationEmail ?? financeAddress(policy, runtimeFinance);
}
