import * as z from 'zod';
import { parseCompanyConfig } from '../functions/core/config/company';
import { DEFAULTS } from '../functions/core/config/settings';
import { type PolicyConfig, parsePolicyConfig } from '../functions/core/policy/config';

/**
 * Deployment configuration, read from cdk.json context (or `cdk deploy -c key=value`) and validated here.
 * Every key has a safe default and is documented in the README's configuration table.
 */
export const REQUIRED_REGION = 'eu-central-1';
export const PLACEHOLDER_ACCOUNT = '000000000000';

const emailList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.email()));

const positiveInt = z.coerce.number().int().positive();
/** `-c key=true` arrives as a string. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

export const DeploymentConfigSchema = z
  .object({
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .default(PLACEHOLDER_ACCOUNT),
    region: z.string().default(REQUIRED_REGION),
    intakeDomain: z.string().min(3).default('invoices.example.com'),
    intakeAddress: z.email().default('rechnungen@invoices.example.com'),
    senderAddress: z.email().default('invoice-agent@invoices.example.com'),
    financeTeamEmail: z.email().default('buchhaltung@example.com'),
    approverEmails: emailList.default(['freigabe@example.com']),
    opsEmail: z.email().optional(),
    modelId: z
      .string()
      .regex(/^eu\./, 'must be an EU cross-region inference profile (eu.*) so that data stays in the EU')
      .default('eu.anthropic.claude-sonnet-4-5-20250929-v1:0'),
    /** The decision policy (autonomy level, thresholds, tolerances): the same JSON as locally in POLICY_FILE. */
    policy: z.unknown().default({}),
    /** Who we are (names, VAT ids, addresses): the buyer check; the same JSON as locally in COMPANY_FILE. */
    company: z.unknown().default({}),
    approvalRemindAfterHours: positiveInt.default(DEFAULTS.approvalRemindAfterHours),
    approvalEscalateAfterHours: positiveInt.default(DEFAULTS.approvalEscalateAfterHours),
    approvalParkAfterHours: positiveInt.default(DEFAULTS.approvalParkAfterHours),
    clarificationTimeoutHours: positiveInt.default(DEFAULTS.clarificationTimeoutHours),
    approvalLinkTtlHours: positiveInt.default(DEFAULTS.approvalLinkTtlHours),
    archiveRetentionYears: positiveInt.max(30).default(DEFAULTS.archiveRetentionYears),
    logRetentionDays: positiveInt.default(DEFAULTS.logRetentionDays),
    /** Source map files plus --enable-source-maps (about 85 % slower cold import); for debugging only. */
    sourceMaps: flag.default(false),
  })
  .superRefine((c, ctx) => {
    try {
      parsePolicyConfig(c.policy);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['policy'], message: (error as Error).message });
    }
    try {
      parseCompanyConfig(c.company);
    } catch (error) {
      ctx.addIssue({ code: 'custom', path: ['company'], message: (error as Error).message });
    }
    if (!c.intakeAddress.endsWith(`@${c.intakeDomain}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['intakeAddress'],
        message: `must be an address at intakeDomain "${c.intakeDomain}", got "${c.intakeAddress}"`,
      });
    }
    // A link must stay valid until the next mail brings a fresh one (reminder, deputy, parking).
    const longestWait = Math.max(
      c.approvalRemindAfterHours,
      c.approvalEscalateAfterHours - c.approvalRemindAfterHours,
      c.approvalParkAfterHours - c.approvalEscalateAfterHours,
      c.clarificationTimeoutHours,
    );
    if (c.approvalLinkTtlHours < longestWait) {
      ctx.addIssue({
        code: 'custom',
        path: ['approvalLinkTtlHours'],
        message: `must be at least the longest wait without a new link (${longestWait} h), got ${c.approvalLinkTtlHours} h`,
      });
    }
    if (
      !(
        c.approvalRemindAfterHours < c.approvalEscalateAfterHours &&
        c.approvalEscalateAfterHours < c.approvalParkAfterHours
      )
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['approvalRemindAfterHours'],
        message: `reminder (${c.approvalRemindAfterHours} h) < escalation (${c.approvalEscalateAfterHours} h) < parking (${c.approvalParkAfterHours} h) is required`,
      });
    }
  });

export type DeploymentConfig = z.infer<typeof DeploymentConfigSchema>;

/** The validated policy with its defaults filled in (what the functions receive as POLICY_JSON). */
export function deployedPolicy(config: DeploymentConfig): PolicyConfig {
  return parsePolicyConfig(config.policy);
}

export const CONFIG_KEYS = Object.keys(DeploymentConfigSchema.shape) as (keyof DeploymentConfig)[];

/** Reads the keys from a context lookup, validates them and pins the region. */
export function loadDeploymentConfig(
  tryGetContext: (key: string) => unknown,
  env: NodeJS.ProcessEnv = process.env,
): DeploymentConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = tryGetContext(key);
    if (value !== undefined) raw[key] = value;
  }
  const parsed = DeploymentConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid invoice-agent configuration in cdk.json context:\n${lines.join('\n')}`);
  }
  assertRegion(parsed.data.region, env);
  return parsed.data;
}

/**
 * EU data residency: refuse any region but eu-central-1, from context or environment. CDK_DEFAULT_REGION
 * is not checked: the CLI fills it with a fallback (us-east-1) when no AWS profile is configured.
 */
export function assertRegion(contextRegion: string, env: NodeJS.ProcessEnv): void {
  const sources: [string, string | undefined][] = [
    ['context "region"', contextRegion],
    ['AWS_REGION', env.AWS_REGION],
    ['AWS_DEFAULT_REGION', env.AWS_DEFAULT_REGION],
  ];
  for (const [source, value] of sources) {
    if (value !== undefined && value !== '' && value !== REQUIRED_REGION) {
      throw new Error(
        `invoice-agent must be deployed to ${REQUIRED_REGION} (EU data residency), but ${source} is "${value}". ` +
          `Unset it or set it to ${REQUIRED_REGION}.`,
      );
    }
  }
}
