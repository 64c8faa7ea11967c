import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCompanyConfig, requireDatevClient } from '../../../functions/core/config/company';
import {
  buildDatevBatch,
  DATEV_COLUMNS,
  type DatevInvoice,
  DatevPeriodError,
  datevInvoice,
  fiscalYearStartOf,
} from '../../../functions/core/exports/datev';
import { parseCsv } from '../../../functions/core/masterdata/csv';
import { sampleInvoice } from '../../../samples/einvoice-writer';
import { sampleCompany } from './fixtures';

const client = requireDatevClient(sampleCompany()); // Berater 29098, Mandant 55003, SKR03, 4 digits
const CREATED = '2026-12-05T14:30:15.123Z';

function invoice(overrides: Partial<DatevInvoice> = {}): DatevInvoice {
  return {
    invoiceId: 'inv-1',
    invoiceNumber: 'RE-2026-0815',
    issueDate: '2026-12-03',
    typeCode: '380',
    currency: 'EUR',
    sellerName: 'Muster Bürobedarf GmbH',
    serviceDate: '2026-12-01',
    gross: '226.10',
    vatBreakdown: [
      { category: 'S', rate: '19', taxable: '100.00', tax: '19.00' },
      { category: 'S', rate: '7', taxable: '100.00', tax: '7.00' },
      { category: 'E', rate: '0', taxable: '0.10', tax: '0.00' },
    ],
    glAccount: '4930',
    costCenter: '1000',
    creditorNumber: '70001',
    documentLink: 'https://archiv.example/invoices/inv-1/original.xml',
    ...overrides,
  };
}

function batch(invoices: DatevInvoice[], from = '2026-12-01', to = '2026-12-31') {
  return buildDatevBatch({ client, from, to, invoices, createdAt: CREATED });
}

/** The file read back as DATEV would: Windows-1252 bytes, CRLF lines, ';' fields, quotes removed. */
function readBack(bytes: Uint8Array) {
  const text = iconv.decode(Buffer.from(bytes), 'windows-1252');
  const table = parseCsv(text);
  const rows = [table.header!, ...table.rows].map((r) => r.fields);
  const column = (name: string) => DATEV_COLUMNS.indexOf(name);
  return { text, header: rows[0]!, columns: rows[1]!, bookings: rows.slice(2), column };
}

describe('buildDatevBatch: EXTF Buchungsstapel', () => {
  it('writes the header with format 700/21, Berater, Mandant, WJ-Beginn, Sachkontenlänge, period and chart', () => {
    const { file } = batch([invoice()]);

    const { header, text } = readBack(file!.bytes);

    expect(header).toHaveLength(31);
    expect(header.slice(0, 6)).toEqual(['EXTF', '700', '21', 'Buchungsstapel', '13', '20261205153015123']);
    expect(header.slice(10, 16)).toEqual(['29098', '55003', '20260101', '4', '20261201', '20261231']);
    expect(header[16]).toBe('ER 2026-12-01 - 2026-12-31');
    expect(header[18]).toBe('1'); // Buchungstyp Finanzbuchführung
    expect(header[21]).toBe('EUR');
    expect(header[26]).toBe('03'); // SKR03
    expect(text.split('\r\n')[0]).toMatch(/^"EXTF";700;21;"Buchungsstapel";13;20261205153015123;;"RE";/);
  });

  it('writes SKR04 and a fiscal year that begins in July', () => {
    const skr04 = requireDatevClient(
      parseCompanyConfig({ datev: { berater: 1001, mandant: 1, wjBeginn: '07-01', chart: 'SKR04' } }),
    );

    const { file } = buildDatevBatch({
      client: skr04,
      from: '2027-01-01',
      to: '2027-01-31',
      invoices: [invoice({ issueDate: '2027-01-15' })],
      createdAt: CREATED,
    });

    const { header } = readBack(file!.bytes);
    expect([header[10], header[11], header[12], header[26]]).toEqual(['1001', '1', '20260701', '04']);
  });

  it('writes the 125 official column names and 125 fields in every booking', () => {
    const { file } = batch([invoice(), invoice({ invoiceId: 'inv-2', invoiceNumber: 'RE-2' })]);

    const { columns, bookings } = readBack(file!.bytes);

    expect(DATEV_COLUMNS).toHaveLength(125);
    expect(new Set(DATEV_COLUMNS).size).toBe(125);
    expect(columns).toEqual([...DATEV_COLUMNS]);
    expect(columns.slice(0, 14)).toEqual([
      'Umsatz (ohne Soll/Haben-Kz)',
      'Soll/Haben-Kennzeichen',
      'WKZ Umsatz',
      'Kurs',
      'Basis-Umsatz',
      'WKZ Basis-Umsatz',
      'Konto',
      'Gegenkonto (ohne BU-Schlüssel)',
      'BU-Schlüssel',
      'Belegdatum',
      'Belegfeld 1',
      'Belegfeld 2',
      'Skonto',
      'Buchungstext',
    ]);
    expect(columns[19]).toBe('Beleglink');
    expect(columns[114]).toBe('Leistungsdatum');
    expect(columns[124]).toBe('Abw. Skontokonto');
    expect(bookings).toHaveLength(6);
    for (const booking of bookings) expect(booking).toHaveLength(125);
  });

  it('books one line per VAT rate: gross per rate, expense account against the creditor, BU key, dates and link', () => {
    const { file, bookings } = batch([invoice()]);

    const back = readBack(file!.bytes);
    const pick = (row: string[]) =>
      [
        'Umsatz (ohne Soll/Haben-Kz)',
        'Soll/Haben-Kennzeichen',
        'Konto',
        'Gegenkonto (ohne BU-Schlüssel)',
        'BU-Schlüssel',
        'Belegdatum',
        'Belegfeld 1',
        'Leistungsdatum',
        'KOST1 - Kostenstelle',
      ].map((name) => row[back.column(name)]);

    expect(back.bookings.map(pick)).toEqual([
      ['119,00', 'S', '4930', '70001', '9', '0312', 'RE-2026-0815', '01122026', '1000'],
      ['107,00', 'S', '4930', '70001', '8', '0312', 'RE-2026-0815', '01122026', '1000'],
      ['0,10', 'S', '4930', '70001', '', '0312', 'RE-2026-0815', '01122026', '1000'],
    ]);
    expect(back.bookings[0]![back.column('Beleglink')]).toBe(
      'https://archiv.example/invoices/inv-1/original.xml',
    );
    expect(back.bookings[0]![back.column('Buchungstext')]).toBe('Muster Bürobedarf GmbH RE-2026-0815');
    expect(bookings.map((b) => b.amount)).toEqual(['119.00', '107.00', '0.10']);
  });

  it.each([
    ['S', '19', '9'],
    ['S', '7', '8'],
    ['AE', '0', '94'], // § 13b reverse charge
    ['K', '0', '19'], // intra-EU acquisition
    ['E', '0', ''],
    ['Z', '0', ''],
    ['O', undefined, ''],
  ])('gives category %s at %s %% the BU key "%s"', (category, rate, buKey) => {
    const tax = category === 'S' ? (rate === '19' ? '19.00' : '7.00') : '0.00';
    const gross = category === 'S' ? (rate === '19' ? '119.00' : '107.00') : '100.00';

    const { bookings, excluded } = batch([
      invoice({ gross, vatBreakdown: [{ category, ...(rate ? { rate } : {}), taxable: '100.00', tax }] }),
    ]);

    expect(excluded).toEqual([]);
    expect(bookings.map((b) => [b.buKey, b.amount])).toEqual([[buKey, gross]]);
  });

  it('books a credit note on the credit side', () => {
    const { bookings } = batch([
      invoice({
        typeCode: '381',
        gross: '119.00',
        vatBreakdown: [{ category: 'S', rate: '19', taxable: '100.00', tax: '19.00' }],
      }),
    ]);

    expect(bookings.map((b) => [b.amount, b.side])).toEqual([['119.00', 'H']]);
  });

  it('encodes umlauts, ß and € in Windows-1252 and ends every line with CRLF', () => {
    const { file } = batch([invoice({ sellerName: 'Größe & Söhne Möbelbau €uro' })]);

    const bytes = Buffer.from(file!.bytes);
    const text = bytes.toString('latin1');

    expect(bytes.includes(Buffer.from([0xc3]))).toBe(false); // no UTF-8 lead byte
    expect([...bytes.subarray(bytes.indexOf('Gr'), bytes.indexOf('Gr') + 5)]).toEqual([
      0x47, 0x72, 0xf6, 0xdf, 0x65,
    ]); // "Größe"
    expect(bytes.includes(Buffer.from([0x53, 0xf6, 0x68]))).toBe(true); // "Söh"
    expect(bytes.includes(Buffer.from([0x80, 0x75, 0x72, 0x6f]))).toBe(true); // "€uro"
    expect(bytes.includes(Buffer.from([0x47, 0x65, 0x73, 0x63, 0x68, 0xe4, 0x66, 0x74]))).toBe(true); // "Geschäft" in the column names
    expect(bytes.includes(Buffer.from([0x53, 0x74, 0xfc, 0x63, 0x6b]))).toBe(true); // "Stück"
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toEqual([
      expect.any(String),
      expect.any(String),
      ...Array(3).fill(expect.any(String)),
      '',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes amounts with a decimal comma and no grouping, texts quoted, empty texts as ""', () => {
    const { file } = batch([
      invoice({
        gross: '12345.67',
        vatBreakdown: [{ category: 'S', rate: '19', taxable: '10374.51', tax: '1971.16' }],
      }),
    ]);

    const line = file!.text.split('\r\n')[2]!;

    expect(line.startsWith('12345,67;"S";"EUR";;;"";4930;70001;"9";0312;"RE-2026-0815";"";;"Muster')).toBe(
      true,
    );
  });

  it('replaces characters Windows-1252 cannot hold and cleans Belegfeld 1, and says so', () => {
    const { bookings, changed, file } = batch([
      invoice({ invoiceNumber: 'RE 2026.0815#ä', sellerName: 'Łódź Meble Sp. z o.o.' }),
    ]);

    expect(bookings[0]!.documentField1).toBe('RE20260815a');
    expect(readBack(file!.bytes).bookings[0]![13]).toBe('Lódz Meble Sp. z o.o. RE 2026.0815#ä');
    expect(changed.map((c) => [c.field, c.to])).toEqual([
      ['Belegfeld 1', 'RE20260815a'],
      ['Buchungstext', 'Lódz Meble Sp. z o.o. RE 2026.0815#ä'],
    ]);
  });

  it('leaves out what it cannot book, each with its reason', () => {
    const { bookings, excluded } = batch([
      invoice({ invoiceId: 'usd', currency: 'USD' }),
      invoice({ invoiceId: 'no-creditor', creditorNumber: undefined }),
      invoice({ invoiceId: 'bad-creditor', creditorNumber: '1234' }),
      invoice({ invoiceId: 'no-account', glAccount: undefined }),
      invoice({ invoiceId: 'long-account', glAccount: '49300' }),
      invoice({
        invoiceId: 'old-rate',
        gross: '116.00',
        vatBreakdown: [{ category: 'S', rate: '16', taxable: '100.00', tax: '16.00' }],
      }),
      invoice({ invoiceId: 'mismatch', gross: '300.00' }),
      invoice({ invoiceId: 'november', issueDate: '2026-11-30' }),
      invoice({ invoiceId: 'ok' }),
      invoice({ invoiceId: 'ok' }),
    ]);

    expect(excluded.map((e) => [e.invoiceId, e.code])).toEqual([
      ['usd', 'CURRENCY_NOT_EUR'],
      ['no-creditor', 'CREDITOR_MISSING'],
      ['bad-creditor', 'CREDITOR_INVALID'],
      ['no-account', 'ACCOUNT_MISSING'],
      ['long-account', 'ACCOUNT_INVALID'],
      ['old-rate', 'VAT_RATE_NOT_MAPPED'],
      ['mismatch', 'VAT_BREAKDOWN_MISMATCH'],
      ['november', 'OUTSIDE_PERIOD'],
      ['ok', 'DUPLICATE'],
    ]);
    expect(excluded[1]!.reason).toBe(
      'Der Lieferant hat in den Stammdaten keine Kreditorennummer (CREDITOR_MISSING)',
    );
    expect(new Set(bookings.map((b) => b.invoiceId))).toEqual(new Set(['ok']));
  });

  it('writes no file when nothing can be booked', () => {
    expect(batch([invoice({ creditorNumber: undefined })]).file).toBeUndefined();
  });

  it('refuses a period across two fiscal years', () => {
    expect(() => batch([invoice()], '2026-12-01', '2027-01-31')).toThrowError(DatevPeriodError);
    expect(() => batch([invoice()], '2026-12-31', '2026-12-01')).toThrowError(DatevPeriodError);
    expect(fiscalYearStartOf('2027-03-01', '07-01')).toBe('2026-07-01');
    expect(fiscalYearStartOf('2027-07-01', '07-01')).toBe('2027-07-01');
  });

  it('takes the invoice fields from the model: Leistungsdatum from the delivery date, else the tax point or the period end', () => {
    const model = sampleInvoice({ issueDate: '2026-12-03', delivery: { date: '2026-11-28' } });

    const input = datevInvoice(model, { invoiceId: 'x', glAccount: '4930', creditorNumber: '70001' });

    expect(input).toMatchObject({
      invoiceNumber: 'RE-2024-0815',
      sellerName: 'Muster Bürobedarf GmbH',
      serviceDate: '2026-11-28',
      gross: '332.84',
      vatBreakdown: [{ category: 'S', rate: '19', taxable: '279.70', tax: '53.14' }],
    });
    expect(
      datevInvoice({ ...model, delivery: { periodEnd: '2026-11-30' } }, { invoiceId: 'x' }).serviceDate,
    ).toBe('2026-11-30');
    expect(batch([input]).bookings).toEqual([
      expect.objectContaining({ amount: '332.84', buKey: '9', serviceDate: '2026-11-28' }),
    ]);
  });
});
