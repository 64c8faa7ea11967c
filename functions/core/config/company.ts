import * as z from 'zod';
import { ConfigError } from '../errors';
import { ibanProblem, normalizeIban } from '../masterdata/iban';
import { checkVatIdFormat, normalizeVatId } from '../masterdata/vat-id';

/**
 * The company that receives the invoices (the buyer, BG-7) and pays them: its names, VAT ids and
 * addresses (the buyer check), its bank account (the SEPA debtor) and its DATEV settings. JSON,
 * validated with zod; unknown keys are refused. Every key may be left out: what an export needs is
 * demanded by the export (requireSepaDebtor, requireDatevClient), naming the missing key.
 */

const text = z.string().trim().min(1);

/** Same fields as the invoice model's Address (BG-8). */
export const companyAddressSchema = z.strictObject({
  line1: text.optional(), // BT-50
  line2: text.optional(), // BT-51
  line3: text.optional(), // BT-163
  city: text.optional(), // BT-52
  postalCode: text.optional(), // BT-53
  countrySubdivision: text.optional(), // BT-54
  countryCode: z
    .string()
    .regex(/^[A-Z]{2}$/, 'countryCode must be an ISO 3166-1 alpha-2 code such as DE')
    .optional(), // BT-55
});

const vatId = z.string().transform((raw, ctx) => {
  const id = normalizeVatId(raw);
  if (checkVatIdFormat(id) === 'invalid') {
    ctx.addIssue({ code: 'custom', message: `not a VAT id, received ${JSON.stringify(raw)}` });
    return z.NEVER;
  }
  return id;
});

const iban = z.string().transform((raw, ctx) => {
  const value = normalizeIban(raw);
  const problem = ibanProblem(value);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      message: `not a valid IBAN (${problem}), received ${JSON.stringify(raw)}`,
    });
    return z.NEVER;
  }
  return value;
});

export const BIC_PATTERN = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

const bic = z
  .string()
  .transform((raw) => raw.replace(/\s/g, '').toUpperCase())
  .refine((value) => BIC_PATTERN.test(value), { message: 'not a BIC (8 or 11 characters)' });

export const DATEV_CHARTS = ['SKR03', 'SKR04'] as const;
export type DatevChart = (typeof DATEV_CHARTS)[number];

/** Month and day the fiscal year begins; a full date is accepted and only its month and day are kept. */
const fiscalYearStart = z.string().transform((raw, ctx) => {
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(raw.trim());
  const month = Number(match?.[1]);
  const day = Number(match?.[2]);
  const valid = match && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month);
  if (!valid) {
    ctx.addIssue({ code: 'custom', message: `must be MM-DD (e.g. 01-01), received ${JSON.stringify(raw)}` });
    return z.NEVER;
  }
  return `${match[1]}-${match[2]}`;
});

function daysInMonth(month: number): number {
  return month === 2 ? 28 : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export const datevSettingsSchema = z.strictObject({
  /** Beraternummer of the tax adviser in DATEV (1001–9999999). */
  berater: z.number().int().min(1001).max(9_999_999).optional(),
  /** Mandantennummer of this company at the adviser (1–99999). */
  mandant: z.number().int().min(1).max(99_999).optional(),
  /** Start of the fiscal year (WJ-Beginn) as MM-DD; the calendar year by default. */
  wjBeginn: fiscalYearStart.default('01-01'),
  /** Sachkontenlänge: digits of a general ledger account, 4 to 8 in DATEV (4 in the standard charts). */
  sachkontenlaenge: z.number().int().min(4).max(8).default(4),
  /** Chart of accounts (Kontenrahmen). */
  chart: z.enum(DATEV_CHARTS).default('SKR03'),
});

export const companyConfigSchema = z.strictObject({
  /** Legal name; the buyer name on invoices and the debtor name of SEPA files. */
  name: text.optional(),
  /** Other names the company is invoiced under (trading names, former names, spelling variants). */
  names: z.array(text).default([]),
  /** The company's VAT ids (BT-48), normalised. */
  vatIds: z.array(vatId).default([]),
  /** German Steuernummer, as written. */
  taxNumber: text.optional(),
  /** Addresses invoices may be sent to (head office, branches). */
  addresses: z.array(companyAddressSchema).default([]),
  /** The account payments are made from (SEPA debtor account), normalised. */
  iban: iban.optional(),
  /** BIC of that account; SEPA files leave it out when missing. */
  bic: bic.optional(),
  datev: datevSettingsSchema.default(datevSettingsSchema.parse({})),
});

export type CompanyConfig = z.output<typeof companyConfigSchema>;
export type CompanyAddress = z.output<typeof companyAddressSchema>;
export type DatevSettings = z.output<typeof datevSettingsSchema>;

/** Validates raw JSON (e.g. the `company` block of the config) and fills defaults. Throws ConfigError. */
export function parseCompanyConfig(raw: unknown): CompanyConfig {
  const parsed = companyConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = ['company', ...issue.path].join('.');
      return `${key}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid company config: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Every name the company goes by: the legal name first. */
export function companyNames(company: CompanyConfig): string[] {
  return [...(company.name ? [company.name] : []), ...company.names];
}

export interface SepaDebtor {
  name: string;
  iban: string;
  bic?: string;
}

/** The debtor of a SEPA file, or a ConfigError naming each missing key. */
export function requireSepaDebtor(company: CompanyConfig): SepaDebtor {
  const missing = [!company.name && 'company.name', !company.iban && 'company.iban'].filter(Boolean);
  if (missing.length > 0 || !company.name || !company.iban) {
    throw new ConfigError(`A SEPA file needs ${missing.join(' and ')} in the config`);
  }
  return { name: company.name, iban: company.iban, ...(company.bic ? { bic: company.bic } : {}) };
}

export interface DatevClient extends DatevSettings {
  berater: number;
  mandant: number;
}

/** The DATEV settings with Berater and Mandant present, or a ConfigError naming each missing key. */
export function requireDatevClient(company: CompanyConfig): DatevClient {
  const { berater, mandant } = company.datev;
  const missing = [
    berater === undefined && 'company.datev.berater',
    mandant === undefined && 'company.datev.mandant',
  ].filter(Boolean);
  if (berater === undefined || mandant === undefined) {
    throw new ConfigError(`A DATEV export needs ${missing.join(' and ')} in the config`);
  }
  return { ...company.datev, berater, mandant };
}
