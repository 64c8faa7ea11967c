import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  companyNames,
  parseCompanyConfig,
  requireDatevClient,
  requireSepaDebtor,
} from '../../../functions/core/config/company';
import { ConfigError } from '../../../functions/core/errors';

const sampleCompany = () => JSON.parse(readFileSync('samples/company.json', 'utf8')) as unknown;

describe('company config', () => {
  it('fills the defaults once: no names, calendar fiscal year, 4-digit accounts, SKR03', () => {
    const company = parseCompanyConfig(undefined);

    expect(company).toEqual({
      names: [],
      vatIds: [],
      addresses: [],
      datev: { wjBeginn: '01-01', sachkontenlaenge: 4, chart: 'SKR03' },
    });
  });

  it('reads the sample company and normalises VAT id, IBAN and BIC', () => {
    const company = parseCompanyConfig({
      ...(sampleCompany() as object),
      vatIds: ['de 316 985 401'],
      iban: 'de93 3705 0198 1234 5678 90',
      bic: 'cols de33 xxx',
    });

    expect(company.name).toBe('Schreinerei Holzmann GmbH');
    expect(company.vatIds).toEqual(['DE316985401']);
    expect(company.iban).toBe('DE93370501981234567890');
    expect(company.bic).toBe('COLSDE33XXX');
    expect(company.addresses[0]).toMatchObject({ city: 'Köln', countryCode: 'DE' });
    expect(companyNames(company)).toEqual([
      'Schreinerei Holzmann GmbH',
      'Holzmann Schreinerei',
      'Schreinerei Holzmann',
    ]);
  });

  it('keeps month and day of a full fiscal-year start date', () => {
    expect(parseCompanyConfig({ datev: { wjBeginn: '2026-07-01' } }).datev.wjBeginn).toBe('07-01');
  });

  it.each([
    [{ iban: 'DE93370501981234567891' }, 'company.iban: not a valid IBAN (checksum)'],
    [{ vatIds: ['DE12'] }, 'company.vatIds.0: not a VAT id, received "DE12"'],
    [{ bic: 'COLS' }, 'company.bic: not a BIC'],
    [{ datev: { chart: 'SKR49' } }, 'company.datev.chart'],
    [{ datev: { wjBeginn: '02-30' } }, 'company.datev.wjBeginn: must be MM-DD'],
    [{ datev: { berater: 12 } }, 'company.datev.berater'],
    [{ datev: { sachkontenlaenge: 3 } }, 'company.datev.sachkontenlaenge'],
    [{ datev: { sachkontenlaenge: 9 } }, 'company.datev.sachkontenlaenge'],
    [{ nmae: 'Typo GmbH' }, 'nmae'],
  ])('refuses %j, naming the key', (raw, expected) => {
    expect(() => parseCompanyConfig(raw)).toThrowError(ConfigError);
    expect(() => parseCompanyConfig(raw)).toThrowError(expected);
  });

  it('gives the SEPA debtor, or names what is missing', () => {
    expect(requireSepaDebtor(parseCompanyConfig(sampleCompany()))).toEqual({
      name: 'Schreinerei Holzmann GmbH',
      iban: 'DE93370501981234567890',
      bic: 'COLSDE33XXX',
    });
    expect(() => requireSepaDebtor(parseCompanyConfig({}))).toThrowError(
      'A SEPA file needs company.name and company.iban in the config',
    );
    expect(requireSepaDebtor(parseCompanyConfig({ name: 'A GmbH', iban: 'DE93370501981234567890' }))).toEqual(
      { name: 'A GmbH', iban: 'DE93370501981234567890' },
    );
  });

  it('gives the DATEV client, or names what is missing', () => {
    expect(requireDatevClient(parseCompanyConfig(sampleCompany()))).toEqual({
      berater: 29098,
      mandant: 55003,
      wjBeginn: '01-01',
      sachkontenlaenge: 4,
      chart: 'SKR03',
    });
    expect(() => requireDatevClient(parseCompanyConfig({ datev: { berater: 29098 } }))).toThrowError(
      'A DATEV export needs company.datev.mandant in the config',
    );
  });
});
