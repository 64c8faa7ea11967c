import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompanyConfig, parseCompanyConfig } from '../functions/core/config/company';
import { DEFAULTS } from '../functions/core/config/settings';
import { ConfigError } from '../functions/core/errors';
import { type PolicyConfig, parsePolicyConfig } from '../functions/core/policy/config';
import type { HumanWaitTimeouts } from '../statemachines/definition';
import { DEFAULT_HUMAN_WAITS_HOURS, humanWaitTimeouts } from '../statemachines/definition';
import { dataDir } from './runtime-info';

/** Settings of the local stack, from the environment (all optional; documented in the README). */
export interface LocalConfig {
  dataDir: string;
  host: string;
  httpPort: number;
  smtpPort: number;
  intakeAddress: string;
  senderAddress: string;
  financeTeamEmail: string;
  /** Base URL in links; defaults to the HTTP server's own address. */
  publicUrl?: string;
  policy: PolicyConfig;
  /** Who we are (COMPANY_FILE; the sample company by default, matching the sample master data). */
  company: CompanyConfig;
  waits: HumanWaitTimeouts;
  approvalLinkTtlHours: number;
  archiveRetentionYears: number;
  /** Largest mail the SMTP intake accepts (SES: 40 MB). */
  maxMailBytes: number;
  /** Powertools log level of the handlers (LOG_LEVEL, default WARN). */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new ConfigError(`${name} must be a port number, got "${raw}"`);
  return value;
}

function hours(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new ConfigError(`${name} must be a positive number of hours, got "${raw}"`);
  return value;
}

function logLevel(raw: string | undefined): LocalConfig['logLevel'] {
  const level = (raw || 'WARN').toUpperCase();
  if (!['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'].includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be DEBUG, INFO, WARN, ERROR or SILENT, got "${raw}"`);
  }
  return level as LocalConfig['logLevel'];
}

/** Reads the policy from the JSON file named by POLICY_FILE (defaults apply to missing keys). */
export function loadPolicy(env: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const file = env.POLICY_FILE;
  if (!file) return parsePolicyConfig({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`POLICY_FILE ${file} cannot be read as JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  try {
    return parsePolicyConfig(raw);
  } catch (cause) {
    throw new ConfigError(`POLICY_FILE ${file} is not a valid policy: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** The sample company (Schreinerei Holzmann GmbH) of the sample master data and demo invoices. */
export const SAMPLE_COMPANY_FILE = fileURLToPath(new URL('../samples/company.json', import.meta.url));

/** Reads the company from the JSON file named by COMPANY_FILE (default: the sample company). */
export function loadCompany(env: NodeJS.ProcessEnv = process.env): CompanyConfig {
  const file = env.COMPANY_FILE || SAMPLE_COMPANY_FILE;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ConfigError(`COMPANY_FILE ${file} cannot be read as JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  return parseCompanyConfig(raw);
}

export function loadLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const intakeAddress = (env.INTAKE_ADDRESS || 'rechnungen@invoice-agent.local').toLowerCase();
  return {
    dataDir: dataDir(env),
    host: '127.0.0.1',
    httpPort: port(env, 'PORT', 3000),
    smtpPort: port(env, 'INTAKE_SMTP_PORT', 2525),
    intakeAddress,
    senderAddress: env.SENDER_ADDRESS || `invoice-agent@${intakeAddress.split('@')[1]}`,
    financeTeamEmail: env.FINANCE_TEAM_EMAIL || 'buchhaltung@invoice-agent.local',
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    policy: loadPolicy(env),
    company: loadCompany(env),
    waits: humanWaitTimeouts({
      remindAfterHours: hours(env, 'APPROVAL_REMIND_AFTER_HOURS', DEFAULT_HUMAN_WAITS_HOURS.remindAfterHours),
      escalateAfterHours: hours(
        env,
        'APPROVAL_ESCALATE_AFTER_HOURS',
        DEFAULT_HUMAN_WAITS_HOURS.escalateAfterHours,
      ),
      parkAfterHours: hours(env, 'APPROVAL_PARK_AFTER_HOURS', DEFAULT_HUMAN_WAITS_HOURS.parkAfterHours),
      clarificationTimeoutHours: hours(
        env,
        'CLARIFICATION_TIMEOUT_HOURS',
        DEFAULT_HUMAN_WAITS_HOURS.clarificationTimeoutHours,
      ),
    }),
    approvalLinkTtlHours: hours(env, 'APPROVAL_LINK_TTL_HOURS', DEFAULTS.approvalLinkTtlHours),
    archiveRetentionYears: DEFAULTS.archiveRetentionYears,
    maxMailBytes: DEFAULTS.maxMailBytes,
    logLevel: logLevel(env.LOG_LEVEL),
  };
}

export const localPaths = (root: string) => ({
  dynamo: join(root, 'dynamo'),
  intake: join(root, 'objects', 'intake'),
  archive: join(root, 'objects', 'archive'),
  outbox: join(root, 'outbox'),
  workflow: join(root, 'workflow'),
  keys: join(root, 'keys'),
  logs: join(root, 'logs'),
});
