import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  sepaSchemaPath,
  XmllintSchemaValidator,
} from '../../functions/adapters/xsd/xmllint-schema-validator';
import { requireSepaDebtor } from '../../functions/core/config/company';
import { buildSepaCreditTransfer } from '../../functions/core/exports/sepa';
import { payment, sampleCompany } from '../unit/exports/fixtures';

const validator = new XmllintSchemaValidator(sepaSchemaPath());

async function validFile(): Promise<string> {
  const result = await buildSepaCreditTransfer({
    debtor: requireSepaDebtor(sampleCompany()),
    items: [
      {
        invoiceId: 'A1',
        invoiceNumber: 'RE-1',
        creditorName: 'Muster GmbH',
        currency: 'EUR',
        payment: payment(),
      },
    ],
    executionDate: '2024-03-25',
    createdAt: '2024-03-20T09:00:00.000Z',
    validator,
  });
  return result.file!.xml;
}

describe('XmllintSchemaValidator with the EPC pain.001.001.09 schema', () => {
  it('finds the schema in the corpus beside the project, or where SEPA_SCHEMA_PATH points', () => {
    expect(existsSync(sepaSchemaPath()), `no schema at ${sepaSchemaPath()}`).toBe(true);
    expect(sepaSchemaPath({ SEPA_SCHEMA_PATH: '/x/y.xsd' })).toBe('/x/y.xsd');
    expect(sepaSchemaPath({ CORPUS_DIR: '/data/corpus' }, '/repo')).toBe(
      '/data/corpus/sepa/pain.001.001.09.xsd',
    );
    expect(sepaSchemaPath({}, '/work/wt/payments')).toBe(
      resolve('/work/wt/shared/corpus/sepa/pain.001.001.09.xsd'),
    );
  });

  it('accepts a file the SEPA module wrote', async () => {
    const verdict = await validator.validate(await validFile());

    expect(verdict).toEqual({ valid: true, errors: [] });
  });

  it.each([
    [
      'an amount with three decimals',
      (xml: string) => xml.replace('>326.18</InstdAmt>', '>326.185</InstdAmt>'),
      /InstdAmt/,
    ],
    [
      'a lower-case IBAN',
      (xml: string) => xml.replace('<IBAN>DE89370400440532013000', '<IBAN>de89370400440532013000'),
      /IBAN/,
    ],
    ['a missing NbOfTxs', (xml: string) => xml.replace(/<NbOfTxs>1<\/NbOfTxs>/, ''), /NbOfTxs|CtrlSum/],
    ['a zero amount', (xml: string) => xml.replace('>326.18</InstdAmt>', '>0.00</InstdAmt>'), /InstdAmt/],
  ])('rejects a tampered file: %s', async (_name, tamper, message) => {
    const xml = await validFile();
    const tampered = tamper(xml);

    const verdict = await validator.validate(tampered);

    expect(tampered).not.toBe(xml);
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join('\n')).toMatch(message);
    expect(verdict.errors[0]).toMatch(/^line \d+: /);
  });
});
