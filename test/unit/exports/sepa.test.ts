import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  sepaSchemaPath,
  XmllintSchemaValidator,
} from '../../../functions/adapters/xsd/xmllint-schema-validator';
import { requireSepaDebtor } from '../../../functions/core/config/company';
import type { SchemaValidator } from '../../../functions/core/exports/schema-validator';
import {
  buildSepaCreditTransfer,
  SepaFileError,
  type SepaItem,
  verifyXml,
} from '../../../functions/core/exports/sepa';
import { dec, str, sum } from '../../../functions/core/money';
import { children, parseXml, path, pathText } from '../../../functions/core/xml/safe-xml';
import { payment, sampleCompany } from './fixtures';

const validator = new XmllintSchemaValidator(sepaSchemaPath());
const debtor = requireSepaDebtor(sampleCompany());
const CREATED = '2024-03-20T09:00:00.000Z';

function item(invoiceId: string, overrides: Partial<SepaItem> = {}): SepaItem {
  return {
    invoiceId,
    invoiceNumber: `RE-${invoiceId}`,
    creditorName: 'Muster Bürobedarf GmbH',
    currency: 'EUR',
    payment: payment({ remittance: `RE-${invoiceId}` }),
    ...overrides,
  };
}

/** Every transfer in the XML as [remittance, amount], and the header figures, read back independently. */
function readBack(xml: string) {
  const root = parseXml(xml);
  const initiation = path(root, 'CstmrCdtTrfInitn');
  const txs = children(path(initiation, 'PmtInf'), 'CdtTrfTxInf');
  return {
    nbOfTxs: pathText(initiation, 'GrpHdr/NbOfTxs'),
    ctrlSum: pathText(initiation, 'GrpHdr/CtrlSum'),
    pmtInfCtrlSum: pathText(initiation, 'PmtInf/CtrlSum'),
    executionDate: pathText(initiation, 'PmtInf/ReqdExctnDt/Dt'),
    debtorIban: pathText(initiation, 'PmtInf/DbtrAcct/Id/IBAN'),
    debtorName: pathText(initiation, 'PmtInf/Dbtr/Nm'),
    transfers: txs.map((tx) => [pathText(tx, 'RmtInf/Ustrd'), pathText(tx, 'Amt/InstdAmt')]),
  };
}

describe('buildSepaCreditTransfer (pain.001.001.09)', () => {
  it('writes a schema-valid file whose control sum is the sum of its amounts, with the discount where it is open', async () => {
    // Prepare
    const items = [
      item('A1'), // 332.84 less 2 % (6.66) until 2024-03-29
      item('A2', {
        creditorName: 'Schrauben Schmidt KG',
        payment: payment({
          amount: '1190.00',
          discount: undefined,
          iban: 'DE02120300000000202051',
          bic: undefined,
          remittance: 'S-2024-77',
        }),
      }),
      item('A3', {
        payment: payment({
          amount: '50.00',
          discount: { percent: '3', amount: '1.50', until: '2024-03-21' },
          remittance: 'RE-A3',
        }),
      }),
    ];

    // Act
    const result = await buildSepaCreditTransfer({
      debtor,
      items,
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator,
    });

    // Assess
    const back = readBack(result.file!.xml);
    expect(back.transfers).toEqual([
      ['RE-A1', '326.18'],
      ['S-2024-77', '1190.00'],
      ['RE-A3', '50.00'], // its discount ended on 2024-03-21
    ]);
    expect(back.nbOfTxs).toBe('3');
    expect(back.ctrlSum).toBe('1566.18');
    expect(back.pmtInfCtrlSum).toBe('1566.18');
    expect(str(sum(back.transfers.map(([, amount]) => amount!)), 2)).toBe(back.ctrlSum);
    expect(back).toMatchObject({
      executionDate: '2024-03-25',
      debtorIban: 'DE93370501981234567890',
      debtorName: 'Schreinerei Holzmann GmbH',
    });
    expect(result.file).toMatchObject({ count: 3, controlSum: '1566.18', executionDate: '2024-03-25' });
    expect(result.file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.transfers[0]).toMatchObject({
      amount: '326.18',
      discount: { amount: '6.66' },
      bic: 'COBADEFFXXX',
    });
    expect(result.excluded).toEqual([]);
    expect((await validator.validate(result.file!.xml)).valid).toBe(true);
  });

  it('leaves out non-EUR invoices, invalid and non-SEPA IBANs and repeated invoices, each with its reason', async () => {
    // Prepare
    const items = [
      item('OK'),
      item('USD', { currency: 'USD' }),
      item('BAD', { payment: payment({ iban: 'DE89370400440532013001' }) }),
      item('SA', { payment: payment({ iban: 'SA0380000000608010167519', bic: undefined }) }),
      item('OK'),
    ];

    // Act
    const result = await buildSepaCreditTransfer({
      debtor,
      items,
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator,
    });

    // Assess
    expect(result.transfers.map((t) => t.invoiceId)).toEqual(['OK']);
    expect(result.excluded.map((e) => [e.invoiceId, e.code])).toEqual([
      ['USD', 'CURRENCY_NOT_EUR'],
      ['BAD', 'IBAN_INVALID'],
      ['SA', 'IBAN_NOT_SEPA'],
      ['OK', 'DUPLICATE'],
    ]);
    expect(result.excluded[0]!.reason).toBe('Rechnung in USD: SEPA überweist nur Euro (CURRENCY_NOT_EUR)');
    expect(result.excluded.map((e) => e.reason).join(' ')).not.toMatch(
      /DE89370400440532013001|SA0380000000608010167519/,
    );
    expect(readBack(result.file!.xml).nbOfTxs).toBe('1');
  });

  it('turns the invoice number into an EndToEndId the SEPA character set allows', async () => {
    const result = await buildSepaCreditTransfer({
      debtor,
      items: [item('A1', { invoiceNumber: '/RE//2024_08#15/Müller/' }), item('A2', { invoiceNumber: '#' })],
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator,
    });

    expect(result.transfers.map((t) => t.endToEndId)).toEqual(['RE/20240815/Muller', 'INV-A2']);
    expect(result.transfers.map((t) => t.remittance)).toEqual(['RE-A1', 'RE-A2']);
  });

  it('writes no file when nothing is left to pay', async () => {
    const result = await buildSepaCreditTransfer({
      debtor,
      items: [item('USD', { currency: 'USD' })],
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator,
    });

    expect(result.file).toBeUndefined();
    expect(result.excluded).toHaveLength(1);
  });

  it('gives the same selection the same message id, so a bank refuses a second upload', async () => {
    const input = { debtor, items: [item('A1')], executionDate: '2024-03-25', createdAt: CREATED, validator };

    const first = await buildSepaCreditTransfer(input);
    const second = await buildSepaCreditTransfer({ ...input, createdAt: '2024-03-21T10:00:00.000Z' });
    const other = await buildSepaCreditTransfer({ ...input, items: [item('A2')] });

    expect(second.file!.messageId).toBe(first.file!.messageId);
    expect(other.file!.messageId).not.toBe(first.file!.messageId);
    expect(first.file!.messageId).toMatch(/^IA-20240325-[0-9a-f]{12}$/);
  });

  it('keeps the control sum exact for amounts that binary floats cannot hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 99_999_999_999 }), { minLength: 1, maxLength: 8 }),
        async (cents) => {
          const amounts = cents.map((c) => str(dec(c).dividedBy(100), 2));
          const items = amounts.map((amount, i) =>
            item(`P${i}`, { payment: payment({ amount, discount: undefined, remittance: `P${i}` }) }),
          );
          const result = await buildSepaCreditTransfer({
            debtor,
            items,
            executionDate: '2024-03-25',
            createdAt: CREATED,
            validator,
          });
          const back = readBack(result.file!.xml);
          expect(back.transfers.map(([, a]) => a)).toEqual(amounts);
          expect(back.ctrlSum).toBe(str(sum(amounts), 2));
        },
      ),
      { numRuns: 4, examples: [[[10, 20, 30]], [[99_999_999_999, 1]], [[1, 1, 1, 1, 1, 1, 1, 1]]] },
    );
  });

  it('refuses an execution date before the creation date', async () => {
    await expect(
      buildSepaCreditTransfer({
        debtor,
        items: [item('A1')],
        executionDate: '2024-03-19',
        createdAt: CREATED,
        validator,
      }),
    ).rejects.toThrowError(SepaFileError);
  });

  it('returns nothing when the schema validator refuses the file', async () => {
    const refusing: SchemaValidator = {
      validate: async () => ({ valid: false, errors: ['line 1: broken'] }),
    };

    const attempt = buildSepaCreditTransfer({
      debtor,
      items: [item('A1')],
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator: refusing,
    });

    await expect(attempt).rejects.toThrowError(/does not validate against the EPC schema/);
    await expect(attempt).rejects.toMatchObject({ problems: ['line 1: broken'] });
  });
});

describe('verifyXml (the file checked against what was meant)', () => {
  it('finds a tampered control sum, count and amount that the schema would let through', async () => {
    // Prepare
    const result = await buildSepaCreditTransfer({
      debtor,
      items: [item('A1'), item('A2')],
      executionDate: '2024-03-25',
      createdAt: CREATED,
      validator,
    });
    const expected = {
      debtor,
      transfers: result.transfers,
      controlSum: result.file!.controlSum,
      executionDate: '2024-03-25',
      messageId: result.file!.messageId,
    };
    const xml = result.file!.xml;
    const tampered = xml.replace('<CtrlSum>652.36</CtrlSum>', '<CtrlSum>652.37</CtrlSum>');
    const shifted = xml.replace('>326.18</InstdAmt>', '>326.19</InstdAmt>');

    // Act / Assess
    expect(() => verifyXml(xml, expected)).not.toThrow();
    expect(tampered).not.toBe(xml);
    expect(() => verifyXml(tampered, expected)).toThrowError(
      expect.objectContaining({ problems: ['GrpHdr/CtrlSum is not 652.36'] }),
    );
    expect(() => verifyXml(shifted, expected)).toThrowError(
      expect.objectContaining({
        problems: ['transfer 1: amount is not 326.18', 'the amounts do not add up to the control sum'],
      }),
    );
    expect((await validator.validate(tampered)).valid).toBe(true); // only our own check finds it
  });
});
