import * as z from 'zod';
import { ConfigError } from '../errors';
import { type PolicyConfig, parsePolicyConfig } from '../policy/config';
import { type CompanyConfig, parseCompanyConfig } from './company';

/**
 * Runtime settings of the steps: each one's environment variable, schema and default, defined once.
 * Infra sets exactly the variables a step declares, the Lambda handler parses them at cold start, and
 * the local runtime passes the same values in.
 */

/** Every default the product has, in one place (infra's context schema and the local runtime read these). */
export const DEFAULTS = {
  approvalLinkTtlHours: 72,
  approvalRemindAfterHours: 48,
  approvalEscalateAfterHours: 96,
  approvalParkAfterHours: 168,
  /** As long as the clarification link lives: then the invoice is parked for finance. */
  clarificationTimeoutHours: 72,
  archiveRetentionYears: 8,
  /** SES receiving caps a mail at 40 MB; the local SMTP intake does the same. */
  maxMailBytes: 40 * 1024 * 1024,
  logRetentionDays: 90,
  /** Lambda sizing of a step that declares none. */
  memoryMb: 512,
  timeoutSeconds: 60,
} as const;

/** Where things live in the intake bucket (S3 locally: files under DATA_DIR/objects/intake). */
export const INTAKE_PREFIXES = {
  /** Raw MIME as SES stores it; the intake rule and the start trigger match this prefix. */
  rawMail: 'raw/',
  attachments: 'attachments/',
  extracted: 'extracted/',
  /** Pages staged for Textract's asynchronous API. */
  textract: 'textract/',
} as const;

const emailList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

const positiveInt = z.coerce.number().int().positive();

function companyFromJson(raw: string): CompanyConfig {
  try {
    return parseCompanyConfig(JSON.parse(raw));
  } catch (cause) {
    throw new ConfigError(`COMPANY_JSON is not a valid company config: ${(cause as Error).message}`, {
      cause,
    });
  }
}

function policyFromJson(raw: string): PolicyConfig {
  try {
    return parsePolicyConfig(JSON.parse(raw));
  } catch (cause) {
    throw new ConfigError(`POLICY_JSON is not a valid policy: ${(cause as Error).message}`, { cause });
  }
}

/** The settings catalog: name → environment variable, how to read it, and its default (if any). */
export const SETTINGS = {
  senderAddress: { env: 'SENDER_ADDRESS', schema: z.email() },
  financeTeamEmail: { env: 'FINANCE_TEAM_EMAIL', schema: z.email() },
  intakeAddress: { env: 'INTAKE_ADDRESS', schema: z.email() },
  defaultApprovers: { env: 'DEFAULT_APPROVERS', schema: emailList, fallback: '' },
  /** Base URL of the approval endpoint, e.g. https://xyz.lambda-url.eu-central-1.on.aws */
  approvalBaseUrl: { env: 'APPROVAL_BASE_URL', schema: z.url().transform((u) => u.replace(/\/+$/, '')) },
  approvalLinkTtlHours: {
    env: 'APPROVAL_LINK_TTL_HOURS',
    schema: positiveInt,
    fallback: String(DEFAULTS.approvalLinkTtlHours),
  },
  archiveRetentionYears: {
    env: 'ARCHIVE_RETENTION_YEARS',
    schema: positiveInt,
    fallback: String(DEFAULTS.archiveRetentionYears),
  },
  policy: { env: 'POLICY_JSON', schema: z.string().transform(policyFromJson), fallback: '{}' },
  /** Who we are (names, VAT ids, addresses): the invoice's buyer must be this company. */
  company: { env: 'COMPANY_JSON', schema: z.string().transform(companyFromJson), fallback: '{}' },
  /** The intake stamps spam and virus verdicts (SES): a mail without them counts as not authenticated. */
  mailVerdictsRequired: {
    env: 'MAIL_VERDICTS_REQUIRED',
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    fallback: 'true',
  },
} as const satisfies Record<string, { env: string; schema: z.ZodType; fallback?: string }>;

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [K in SettingName]: z.output<(typeof SETTINGS)[K]['schema']> };

/** The environment variable of a setting (infra sets it; handlers read it). */
export function settingEnv(name: SettingName): string {
  return SETTINGS[name].env;
}

/** Parses one setting from its environment variable; the error names the variable and the value. */
export function readSetting<K extends SettingName>(
  name: K,
  env: Record<string, string | undefined>,
): Settings[K] {
  const spec: { env: string; schema: z.ZodType; fallback?: string } = SETTINGS[name];
  const raw = env[spec.env]?.trim() || spec.fallback;
  if (raw === undefined) throw new ConfigError(`Environment variable ${spec.env} is not set`);
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) {
    const problem = parsed.error.issues.map((i) => i.message).join('; ');
    throw new ConfigError(`${spec.env} is invalid (${problem}), got "${raw.slice(0, 200)}"`);
  }
  return parsed.data as Settings[K];
}

/** The declared settings, each parsed on first use and then kept (cold-start caching). */
export function settingsFromEnv<K extends SettingName>(
  names: readonly K[],
  env: Record<string, string | undefined>,
): Pick<Settings, K> {
  const settings = {} as Pick<Settings, K>;
  for (const name of names) {
    let value: Settings[K] | undefined;
    Object.defineProperty(settings, name, {
      enumerable: true,
      get: () => {
        value ??= readSetting(name, env);
        return value;
      },
    });
  }
  return settings;
}
