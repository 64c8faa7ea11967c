import { readFileSync } from 'node:fs';
import { type CompanyConfig, parseCompanyConfig } from '../../../functions/core/config/company';
import type { Payment } from '../../../functions/core/payment';

/** The sample company (samples/company.json): the debtor of SEPA files and the DATEV client. */
export function sampleCompany(): CompanyConfig {
  return parseCompanyConfig(JSON.parse(readFileSync('samples/company.json', 'utf8')));
}

export function payment(overrides: Partial<Payment> = {}): Payment {
  return {
    amount: '332.84',
    dueDate: '2024-04-14',
    discount: { percent: '2', amount: '6.66', until: '2024-03-29' },
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
    remittance: 'RE-2024-0815',
    ...overrides,
  };
}
