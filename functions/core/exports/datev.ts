import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { DatevChart, DatevClient } from '../config/company';
import { InvoiceError } from '../errors';
import { type Invoice, isCreditNote, type VatBreakdown } from '../invoice/model';
import { type DecimalString, dec, isDecimalLiteral, str, sum, tryDec } from '../money';

/**
 * DATEV-Format "Buchungsstapel" (EXTF, header version 700, category 21, format version 13) for
 * incoming invoices: one booking per VAT rate per invoice, expense account (the coding) against the
 * vendor's creditor account, with the BU-Schlüssel (tax key) of the VAT category and rate.
 *
 * Layout as DATEV's Formatbeschreibung "Buchungsstapel" (developer.datev.de, DATEV-Format) defines
 * it, cross-checked against two public implementations that track it: mrtyldr/datev-exporter
 * (DatevMetadata: the 31 header fields; DatevFieldSpecs: the 125 columns of version 13 with their
 * types and lengths) and ledermann/datev (Ruby, header field meanings). Text fields are quoted
 * (empty ones as ""), numbers bare with a decimal comma, Belegdatum TTMM, other dates TTMMJJJJ,
 * Windows-1252, CRLF, ';'.
 */

export const DATEV_HEADER_VERSION = 700;
export const DATEV_CATEGORY_BOOKINGS = 21;
export const DATEV_FORMAT_NAME = 'Buchungsstapel';
export const DATEV_FORMAT_VERSION = 13;

/** The 125 column names of Buchungsstapel format version 13, in order (line 2 of the file). */
export const DATEV_COLUMNS: readonly string[] = [
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
  'Postensperre',
  'Diverse Adressnummer',
  'Geschäftspartnerbank',
  'Sachverhalt',
  'Zinssperre',
  'Beleglink',
  ...[1, 2, 3, 4, 5, 6, 7, 8].flatMap((n) => [`Beleginfo - Art ${n}`, `Beleginfo - Inhalt ${n}`]),
  'KOST1 - Kostenstelle',
  'KOST2 - Kostenstelle',
  'Kost-Menge',
  'EU-Land u. UStID (Bestimmung)',
  'EU-Steuersatz (Bestimmung)',
  'Abw. Versteuerungsart',
  'Sachverhalt L+L',
  'Funktionsergänzung L+L',
  'BU 49 Hauptfunktionstyp',
  'BU 49 Hauptfunktionsnummer',
  'BU 49 Funktionsergänzung',
  ...Array.from({ length: 20 }, (_, i) => [
    `Zusatzinformation - Art ${i + 1}`,
    `Zusatzinformation- Inhalt ${i + 1}`,
  ]).flat(),
  'Stück',
  'Gewicht',
  'Zahlweise',
  'Forderungsart',
  'Veranlagungsjahr',
  'Zugeordnete Fälligkeit',
  'Skontotyp',
  'Auftragsnummer',
  'Buchungstyp',
  'USt-Schlüssel (Anzahlungen)',
  'EU-Land (Anzahlungen)',
  'Sachverhalt L+L (Anzahlungen)',
  'EU-Steuersatz (Anzahlungen)',
  'Erlöskonto (Anzahlungen)',
  'Herkunft-Kz',
  'Buchungs GUID',
  'KOST-Datum',
  'SEPA-Mandatsreferenz',
  'Skontosperre',
  'Gesellschaftername',
  'Beteiligtennummer',
  'Identifikationsnummer',
  'Zeichnernummer',
  'Postensperre bis',
  'Bezeichnung SoBil-Sachverhalt',
  'Kennzeichen SoBil-Buchung',
  'Festschreibung',
  'Leistungsdatum',
  'Datum Zuord. Steuerperiode',
  'Fälligkeit',
  'Generalumkehr (GU)',
  'Steuersatz',
  'Land',
  'Abrechnungsreferenz',
  'BVV-Position',
  'EU-Land u. UStID (Ursprung)',
  'EU-Steuersatz (Ursprung)',
  'Abw. Skontokonto',
];

/** 1-based numbers of the text columns (quoted, "" when empty); all others are numbers or dates. */
const TEXT_COLUMNS = new Set([
  2,
  3,
  6,
  9,
  11,
  12,
  14,
  16,
  20,
  ...range(21, 38),
  40,
  42,
  ...range(48, 87),
  91,
  95,
  96,
  98,
  102,
  103,
  105,
  107,
  109,
  110,
  112,
  118,
  120,
  121,
  123,
]);

/** 1-based numbers of the quoted header fields (of 31). */
const TEXT_HEADER_FIELDS = new Set([1, 4, 8, 9, 10, 17, 18, 22, 24, 27, 30, 31]);

/** Column numbers this export fills. */
const COLUMN = {
  amount: 1,
  side: 2,
  currency: 3,
  account: 7,
  contraAccount: 8,
  buKey: 9,
  documentDate: 10,
  documentField1: 11,
  text: 14,
  documentLink: 20,
  costCenter: 37,
  serviceDate: 115,
  dueDate: 117,
} as const;

/**
 * BU-Schlüssel (DATEV tax keys) for incoming invoices by EN 16931 VAT category (BT-118) and rate
 * (BT-119). DATEV's tax keys are the same in SKR03 and SKR04 (only the accounts differ):
 *   9 = Vorsteuer 19 %, 8 = Vorsteuer 7 %;
 *   94 = § 13b UStG received service, 19 % Vorsteuer and Umsatzsteuer (reverse charge, AE);
 *   19 = innergemeinschaftlicher Erwerb § 1a UStG, 19 % (intra-EU acquisition, K);
 * (DATEV Steuerschlüssel list, as documented for DATEV exports e.g. by belegmeister.de,
 * "Steuerschlüssel für innergemeinschaftlichen Erwerb"). The invoice states rate 0 for AE and K;
 * the key assumes the standard rate of 19 %, which a person changes for reduced-rate goods.
 * Exempt, zero-rated and out-of-scope categories (E, Z, O, G) carry no key: no input tax.
 */
const BU_KEYS: Record<DatevChart, (category: string, rate: DecimalString | undefined) => string | undefined> =
  {
    SKR03: buKeyOf,
    SKR04: buKeyOf,
  };

function buKeyOf(category: string, rate: DecimalString | undefined): string | undefined {
  const r = rate === undefined ? undefined : tryDec(rate);
  switch (category) {
    case 'S':
      if (r?.equals(19)) return '9';
      if (r?.equals(7)) return '8';
      return undefined;
    case 'AE':
      return '94';
    case 'K':
      return '19';
    case 'E':
    case 'Z':
    case 'O':
    case 'G':
      return '';
    default:
      return undefined;
  }
}

/** What the export needs of one invoice; datevInvoice() builds it from the model. */
export interface DatevInvoice {
  invoiceId: string;
  invoiceNumber: string; // BT-1
  issueDate: string; // BT-2
  typeCode: string; // BT-3
  currency: string; // BT-5
  sellerName: string; // BT-27
  /** Leistungsdatum: BT-72, else BT-7, else BT-74. */
  serviceDate?: string;
  dueDate?: string;
  gross: DecimalString; // BT-112
  vatBreakdown: VatBreakdown[]; // BG-23
  /** The coding: expense account and cost centre. */
  glAccount?: string;
  costCenter?: string;
  /** The vendor's creditor number from master data. */
  creditorNumber?: string;
  /** Link to the archived original (Beleglink). */
  documentLink?: string;
}

export function datevInvoice(
  invoice: Pick<
    Invoice,
    | 'invoiceNumber'
    | 'issueDate'
    | 'typeCode'
    | 'currency'
    | 'seller'
    | 'delivery'
    | 'taxPointDate'
    | 'dueDate'
    | 'totals'
    | 'vatBreakdown'
  >,
  extras: Pick<
    DatevInvoice,
    'invoiceId' | 'glAccount' | 'costCenter' | 'creditorNumber' | 'documentLink' | 'dueDate'
  >,
): DatevInvoice {
  const serviceDate = invoice.delivery?.date ?? invoice.taxPointDate ?? invoice.delivery?.periodEnd;
  const dueDate = extras.dueDate ?? invoice.dueDate;
  return {
    ...extras,
    invoiceNumber: invoice.invoiceNumber,
    issueDate: invoice.issueDate,
    typeCode: invoice.typeCode,
    currency: invoice.currency,
    sellerName: invoice.seller.name ?? '',
    ...(serviceDate ? { serviceDate } : {}),
    ...(dueDate ? { dueDate } : {}),
    gross: invoice.totals.gross,
    vatBreakdown: invoice.vatBreakdown,
  };
}

export interface DatevBooking {
  invoiceId: string;
  invoiceNumber: string;
  /** Unsigned amount, 2 decimals (the side says debit or credit). */
  amount: DecimalString;
  side: 'S' | 'H';
  account: string;
  contraAccount: string;
  buKey: string;
  vatCategory: string;
  vatRate?: DecimalString;
  /** ISO date (Belegdatum). */
  documentDate: string;
  documentField1: string;
  text: string;
  serviceDate?: string;
  dueDate?: string;
  documentLink?: string;
  costCenter?: string;
}

export type DatevExclusionCode =
  | 'CURRENCY_NOT_EUR'
  | 'ACCOUNT_MISSING'
  | 'ACCOUNT_INVALID'
  | 'CREDITOR_MISSING'
  | 'CREDITOR_INVALID'
  | 'VAT_RATE_NOT_MAPPED'
  | 'VAT_BREAKDOWN_MISMATCH'
  | 'OUTSIDE_PERIOD'
  | 'DUPLICATE';

export interface DatevExclusion {
  invoiceId: string;
  invoiceNumber: string;
  code: DatevExclusionCode;
  /** German, with the code in brackets. */
  reason: string;
}

/** A value the export had to change to fit DATEV (Belegfeld 1 characters, Windows-1252). */
export interface DatevChange {
  invoiceId: string;
  field: string;
  from: string;
  to: string;
}

export interface DatevFile {
  /** EXTF_Buchungsstapel_<from>_<to>.csv */
  fileName: string;
  /** The file as text (CRLF line ends). */
  text: string;
  /** The file as DATEV reads it: Windows-1252. */
  bytes: Uint8Array;
  sha256: string;
}

export interface DatevBatch {
  file?: DatevFile;
  bookings: DatevBooking[];
  excluded: DatevExclusion[];
  changed: DatevChange[];
}

export interface DatevBatchInput {
  client: DatevClient;
  /** Booking period (Datum vom / Datum bis), ISO dates within one fiscal year. */
  from: string;
  to: string;
  invoices: DatevInvoice[];
  /** ISO timestamp of the export (header field "Erzeugt am", in Europe/Berlin time). */
  createdAt: string;
}

/** The period is not inside one fiscal year, or not a period at all. */
export class DatevPeriodError extends InvoiceError {
  constructor(message: string) {
    super('DATEV_PERIOD', message);
  }
}

export function buildDatevBatch(input: DatevBatchInput): DatevBatch {
  const { client, from, to } = input;
  const fiscalYearStart = fiscalYearStartOf(from, client.wjBeginn);
  if (!(from <= to)) throw new DatevPeriodError(`The period ${from} to ${to} is empty`);
  const nextStart = `${Number(fiscalYearStart.slice(0, 4)) + 1}${fiscalYearStart.slice(4)}`;
  if (to >= nextStart)
    throw new DatevPeriodError(
      `The period ${from} to ${to} spans two fiscal years (the next one begins ${nextStart}); export each year separately`,
    );

  const bookings: DatevBooking[] = [];
  const excluded: DatevExclusion[] = [];
  const changed: DatevChange[] = [];
  const seen = new Set<string>();
  for (const invoice of input.invoices) {
    const outcome = seen.has(invoice.invoiceId)
      ? exclusion(invoice, 'DUPLICATE', 'Die Rechnung ist mehrfach ausgewählt und wird nur einmal gebucht')
      : bookingsOf(invoice, input, changed);
    seen.add(invoice.invoiceId);
    if ('code' in outcome) excluded.push(outcome);
    else bookings.push(...outcome);
  }
  if (bookings.length === 0) return { bookings, excluded, changed };

  const lines = [
    headerLine(input, fiscalYearStart),
    DATEV_COLUMNS.join(';'),
    ...bookings.map((b) => bookingLine(b, changed)),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  const bytes = new Uint8Array(iconv.encode(text, 'windows-1252'));
  return {
    file: {
      fileName: `EXTF_Buchungsstapel_${from}_${to}.csv`,
      text,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    },
    bookings,
    excluded,
    changed,
  };
}

function bookingsOf(
  invoice: DatevInvoice,
  input: DatevBatchInput,
  changed: DatevChange[],
): DatevBooking[] | DatevExclusion {
  const { client } = input;
  const length = client.sachkontenlaenge;
  if (invoice.currency !== 'EUR')
    return exclusion(
      invoice,
      'CURRENCY_NOT_EUR',
      `Rechnung in ${invoice.currency}: bitte mit Kurs von Hand buchen`,
    );
  if (invoice.issueDate < input.from || invoice.issueDate > input.to)
    return exclusion(
      invoice,
      'OUTSIDE_PERIOD',
      `Das Belegdatum ${invoice.issueDate} liegt nicht im Zeitraum`,
    );
  if (!invoice.glAccount)
    return exclusion(invoice, 'ACCOUNT_MISSING', 'Die Rechnung hat kein Sachkonto (Kontierung)');
  if (!/^\d+$/.test(invoice.glAccount) || invoice.glAccount.length > length)
    return exclusion(
      invoice,
      'ACCOUNT_INVALID',
      `Das Sachkonto ${invoice.glAccount} passt nicht zur Sachkontenlänge ${length}`,
    );
  if (!invoice.creditorNumber)
    return exclusion(
      invoice,
      'CREDITOR_MISSING',
      'Der Lieferant hat in den Stammdaten keine Kreditorennummer',
    );
  if (!new RegExp(`^[7-9]\\d{${length}}$`).test(invoice.creditorNumber))
    return exclusion(
      invoice,
      'CREDITOR_INVALID',
      `Die Kreditorennummer ${invoice.creditorNumber} hat nicht ${length + 1} Stellen im Kreditorenbereich 7…9`,
    );

  const sign = isCreditNote(invoice) ? -1 : 1;
  const groups = new Map<
    string,
    { category: string; rate?: DecimalString; buKey: string; amounts: DecimalString[] }
  >();
  const readable = [invoice.gross, ...invoice.vatBreakdown.flatMap((l) => [l.taxable, l.tax])].every(
    isDecimalLiteral,
  );
  if (!readable || invoice.vatBreakdown.length === 0)
    return exclusion(invoice, 'VAT_BREAKDOWN_MISMATCH', 'Die USt-Aufschlüsselung fehlt oder ist unlesbar');
  for (const line of invoice.vatBreakdown) {
    const buKey = BU_KEYS[client.chart](line.category, line.rate);
    if (buKey === undefined)
      return exclusion(
        invoice,
        'VAT_RATE_NOT_MAPPED',
        `Für USt-Kategorie ${line.category} mit ${line.rate ?? '?'} % gibt es keinen BU-Schlüssel; bitte von Hand buchen`,
      );
    const key = `${buKey}|${line.rate === undefined ? '' : dec(line.rate).toFixed()}`;
    const group = groups.get(key) ?? { category: line.category, rate: line.rate, buKey, amounts: [] };
    group.amounts.push(dec(line.taxable).plus(dec(line.tax)).toFixed());
    groups.set(key, group);
  }
  const total = sum([...groups.values()].flatMap((g) => g.amounts));
  if (!total.equals(dec(invoice.gross)))
    return exclusion(
      invoice,
      'VAT_BREAKDOWN_MISMATCH',
      `Die USt-Aufschlüsselung ergibt ${str(total, 2)}, der Bruttobetrag ist ${invoice.gross}`,
    );

  const documentField1 = cleanDocumentField(invoice.invoiceNumber, invoice.invoiceId);
  if (documentField1 !== invoice.invoiceNumber)
    changed.push({
      invoiceId: invoice.invoiceId,
      field: 'Belegfeld 1',
      from: invoice.invoiceNumber,
      to: documentField1,
    });
  const text = `${invoice.sellerName} ${invoice.invoiceNumber}`.trim().slice(0, 60);

  return [...groups.values()].flatMap((group): DatevBooking[] => {
    const amount = sum(group.amounts).times(sign);
    if (amount.isZero()) return [];
    return [
      {
        invoiceId: invoice.invoiceId,
        invoiceNumber: invoice.invoiceNumber,
        amount: str(amount.abs(), 2),
        side: amount.isNegative() ? 'H' : 'S',
        account: invoice.glAccount!,
        contraAccount: invoice.creditorNumber!,
        buKey: group.buKey,
        vatCategory: group.category,
        ...(group.rate !== undefined ? { vatRate: group.rate } : {}),
        documentDate: invoice.issueDate,
        documentField1,
        text,
        ...(invoice.serviceDate ? { serviceDate: invoice.serviceDate } : {}),
        ...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
        ...(invoice.documentLink ? { documentLink: invoice.documentLink.slice(0, 210) } : {}),
        ...(invoice.costCenter && /^[A-Za-z0-9_ ]{1,36}$/.test(invoice.costCenter)
          ? { costCenter: invoice.costCenter }
          : {}),
      },
    ];
  });
}

function exclusion(invoice: DatevInvoice, code: DatevExclusionCode, reason: string): DatevExclusion {
  return {
    invoiceId: invoice.invoiceId,
    invoiceNumber: invoice.invoiceNumber,
    code,
    reason: `${reason} (${code})`,
  };
}

/** Belegfeld 1 allows A-Z a-z 0-9 _ $ & % * + - / and 36 characters (DATEV's OPOS matching uses it). */
function cleanDocumentField(invoiceNumber: string, invoiceId: string): string {
  const cleaned = invoiceNumber
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9_$&%*+\-/]/g, '')
    .slice(0, 36);
  return cleaned || invoiceId.replace(/[^A-Za-z0-9_$&%*+\-/]/g, '').slice(0, 36);
}

function headerLine(input: DatevBatchInput, fiscalYearStart: string): string {
  const { client } = input;
  const fields: string[] = [
    'EXTF',
    String(DATEV_HEADER_VERSION),
    String(DATEV_CATEGORY_BOOKINGS),
    DATEV_FORMAT_NAME,
    String(DATEV_FORMAT_VERSION),
    berlinTimestamp(input.createdAt), // Erzeugt am
    '', // Importiert (set by DATEV)
    'RE', // Herkunft
    'Invoice Agent', // Exportiert von
    '', // Importiert von (set by DATEV)
    String(client.berater),
    String(client.mandant),
    compactDate(fiscalYearStart), // WJ-Beginn
    String(client.sachkontenlaenge),
    compactDate(input.from), // Datum vom
    compactDate(input.to), // Datum bis
    `ER ${input.from} - ${input.to}`, // Bezeichnung (30 characters)
    '', // Diktatkürzel
    '1', // Buchungstyp: Finanzbuchführung
    '0', // Rechnungslegungszweck: independent
    '0', // Festschreibung: not fixed, the adviser checks first
    'EUR', // WKZ
    '', // reserved
    '', // Derivatskennzeichen
    '', // reserved
    '', // reserved
    client.chart === 'SKR03' ? '03' : '04', // Sachkontenrahmen
    '', // Branchenlösungs-Id
    '', // reserved
    '', // reserved
    '', // Anwendungsinformation
  ];
  return fields.map((value, i) => (TEXT_HEADER_FIELDS.has(i + 1) ? quote(value) : value)).join(';');
}

function bookingLine(b: DatevBooking, changed: DatevChange[]): string {
  const cells = new Array<string>(DATEV_COLUMNS.length).fill('');
  const set = (column: number, value: string | undefined) => {
    if (value !== undefined) cells[column - 1] = value;
  };
  set(COLUMN.amount, b.amount.replace('.', ','));
  set(COLUMN.side, b.side);
  set(COLUMN.currency, 'EUR');
  set(COLUMN.account, b.account);
  set(COLUMN.contraAccount, b.contraAccount);
  set(COLUMN.buKey, b.buKey);
  set(COLUMN.documentDate, `${b.documentDate.slice(8, 10)}${b.documentDate.slice(5, 7)}`); // TTMM
  set(COLUMN.documentField1, b.documentField1);
  set(COLUMN.text, cp1252Text(b.text, b.invoiceId, 'Buchungstext', changed));
  set(COLUMN.documentLink, b.documentLink && cp1252Text(b.documentLink, b.invoiceId, 'Beleglink', changed));
  set(COLUMN.costCenter, b.costCenter);
  set(COLUMN.serviceDate, b.serviceDate && fullDate(b.serviceDate));
  set(COLUMN.dueDate, b.dueDate && fullDate(b.dueDate));
  return cells.map((value, i) => (TEXT_COLUMNS.has(i + 1) ? quote(value) : value)).join(';');
}

/** Text DATEV can store: no line breaks, and characters outside Windows-1252 replaced (noted). */
function cp1252Text(value: string, invoiceId: string, field: string, changed: DatevChange[]): string {
  const oneLine = value.replace(/[\r\n\t]+/g, ' ');
  const mapped = [...oneLine.normalize('NFC')].map(toCp1252).join('');
  if (mapped !== value && !changed.some((c) => c.invoiceId === invoiceId && c.field === field))
    changed.push({ invoiceId, field, from: value, to: mapped });
  return mapped;
}

/** Letters with a stroke have no decomposition. */
const STROKE_LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

function toCp1252(ch: string): string {
  if (encodable(ch)) return ch;
  const base = STROKE_LETTERS[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, '');
  return base && [...base].every(encodable) ? base : '?';
}

function encodable(ch: string): boolean {
  return iconv.decode(iconv.encode(ch, 'windows-1252'), 'windows-1252') === ch;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** The first day of the fiscal year that contains `date`, as YYYY-MM-DD. */
export function fiscalYearStartOf(date: string, wjBeginn: string): string {
  const sameYear = `${date.slice(0, 4)}-${wjBeginn}`;
  return sameYear <= date ? sameYear : `${Number(date.slice(0, 4)) - 1}-${wjBeginn}`;
}

function compactDate(iso: string): string {
  return iso.replace(/-/g, '');
}

function fullDate(iso: string): string {
  return `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`; // TTMMJJJJ
}

/** YYYYMMDDHHMMSSFFF in Europe/Berlin time. */
function berlinTimestamp(iso: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}${millis}`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
