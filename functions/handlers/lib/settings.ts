import { ConfigError } from '../../core/errors';
import { type PolicyConfig, parsePolicyConfig } from '../../core/policy/config';
import { lazyObject, optionalEnv, positiveIntEnv, requireEnv } from './env';

/** Runtime settings shared by the steps, from the environment (AWS: set by CDK; local: by the runtime). */
export interface Settings {
  senderAddress: string;
  financeTeamEmail: string;
  intakeAddress: string;
  defaultApprovers: string[];
  /** Base URL of the approval endpoint, e.g. https://xyz.lambda-url.eu-central-1.on.aws/ */
  approvalBaseUrl: string;
  approvalLinkTtlHours: number;
  archiveRetentionYears: number;
  policy: PolicyConfig;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): Settings {
  return lazyObject<Settings>({
    senderAddress: () => requireEnv('SENDER_ADDRESS', env),
    financeTeamEmail: () => requireEnv('FINANCE_TEAM_EMAIL', env),
    intakeAddress: () => requireEnv('INTAKE_ADDRESS', env),
    defaultApprovers: () =>
      optionalEnv('DEFAULT_APPROVERS', '', env)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    approvalBaseUrl: () => requireEnv('APPROVAL_BASE_URL', env).replace(/\/+$/, ''),
    approvalLinkTtlHours: () => positiveIntEnv('APPROVAL_LINK_TTL_HOURS', 72, env),
    archiveRetentionYears: () => positiveIntEnv('ARCHIVE_RETENTION_YEARS', 8, env),
    policy: () => {
      const raw = optionalEnv('POLICY_JSON', '{}', env);
      try {
        return parsePolicyConfig(JSON.parse(raw));
      } catch (cause) {
        throw new ConfigError(`POLICY_JSON is not a valid policy: ${(cause as Error).message}`, { cause });
      }
    },
  });
}
