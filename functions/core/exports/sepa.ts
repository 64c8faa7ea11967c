import { createHash } from 'node:crypto';
import { Document as SepaDocument } from 'sepa';
import { isIsoDate } from '../checks/dates';
import { BIC_PATTERN, type SepaDebtor } from '../config/company';
import { InvoiceError } from '../errors';
import { ibanProblem, maskIban, normalizeIban } from '../masterdata/iban';
import { type DecimalString, dec, isDecimalLiteral, str, sum } from '../money';
import { amountToPay, type Payment, type PaymentDiscount } from '../payment/payment';
import { child, children, parseXml, path, pathText, type XmlElement } from '../xml/safe-xml';
import type { SchemaValidator } from './schema-validator';

/**
 * One SEPA credit transfer file (pain.001.001.09, EPC SCT customer-to-bank) for released invoices.
 * The `sepa` library writes the XML; this module chooses what goes in, checks the result itself
 * (count, control sum, every amount, debtor, execution date) and has it validated against the EPC
 * schema before returning it. Nothing is returned that the schema or the checks refuse.
 */

export const SEPA_PAIN_FORMAT = 'pain.001.001.09';

/** An invoice ready to be paid: its record's payment object and what the transfer needs besides. */
export interface SepaItem {
  invoiceId: string;
  invoiceNumber: string;
  /** The payee's name (seller, BT-27, or payee, BT-59). */
  creditorName: string;
  /** Invoice currency (BT-5). */
  currency: string;
  payment: Payment;
}

export interface SepaTransfer {
  invoiceId: string;
  invoiceNumber: string;
  creditorName: string;
  iban: string;
  bic?: string;
  /** Transferred amount: discounted when the discount is still open on the execution date. */
  amount: DecimalString;
  /** The discount taken, if any. */
  discount?: PaymentDiscount;
  endToEndId: string;
  remittance: string;
}

export type SepaExclusionCode =
  | 'CURRENCY_NOT_EUR'
  | 'IBAN_INVALID'
  | 'IBAN_NOT_SEPA'
  | 'AMOUNT_OUT_OF_RANGE'
  | 'CREDITOR_NAME_MISSING'
  | 'DUPLICATE';

export interface SepaExclusion {
  invoiceId: string;
  invoiceNumber: string;
  code: SepaExclusionCode;
  /** German, for the person who runs the export; the code in brackets. */
  reason: string;
}

export interface SepaFile {
  messageId: string;
  xml: string;
  /** SHA-256 of the UTF-8 bytes of `xml`, hex. */
  sha256: string;
  executionDate: string;
  /** Sum of the transferred amounts, 2 decimals. */
  controlSum: DecimalString;
  count: number;
}

export interface SepaExport {
  /** Absent when no invoice could go into a file. */
  file?: SepaFile;
  transfers: SepaTransfer[];
  excluded: SepaExclusion[];
}

export interface SepaExportInput {
  debtor: SepaDebtor;
  items: SepaItem[];
  /** Requested execution date, YYYY-MM-DD; decides which discounts are still open. */
  executionDate: string;
  /** Creation time of the file (ISO timestamp, from the clock). */
  createdAt: string;
  validator: SchemaValidator;
}

/** The file failed a check of this module or the EPC schema; nothing may be written. */
export class SepaFileError extends InvoiceError {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super('SEPA_FILE_INVALID', message);
  }
}

/**
 * SEPA scheme countries by IBAN prefix: the EU, Iceland, Liechtenstein, Norway, Switzerland, the
 * United Kingdom (Guernsey, Jersey, Isle of Man use GB IBANs), Gibraltar, Monaco, San Marino,
 * Vatican City, Andorra, and since 2024/25 Albania, Moldova, Montenegro and North Macedonia
 * (overview of SEPA countries, ABN AMRO, following the EPC register). French overseas
 * departments and the Åland Islands use FR and FI IBANs.
 */
// biome-ignore format: a compact list
const SEPA_IBAN_COUNTRIES = new Set([
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
  'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
  'IS', 'LI', 'NO', 'CH', 'GB', 'GI', 'MC', 'SM', 'VA', 'AD', 'AL', 'MD', 'ME', 'MK',
]);

const MIN_AMOUNT = dec('0.01');
const MAX_AMOUNT = dec('999999999.99');
const NAME_MAX = 70; // Max140Text restricted to 70 by EPC132-08
const REMITTANCE_MAX = 140;

/** Builds, checks and schema-validates one credit transfer file. */
export async function buildSepaCreditTransfer(input: SepaExportInput): Promise<SepaExport> {
  const { debtor, executionDate } = input;
  if (!isIsoDate(executionDate)) throw new SepaFileError(`Execution date "${executionDate}" is not a date`);
  if (executionDate < input.createdAt.slice(0, 10))
    throw new SepaFileError(
      `Execution date ${executionDate} lies before the creation date ${input.createdAt}`,
    );

  const { transfers, excluded } = selectTransfers(input.items, executionDate);
  if (transfers.length === 0) return { transfers, excluded };

  const messageId = messageIdFor(transfers, executionDate);
  const xml = writeXml(debtor, transfers, messageId, executionDate, input.createdAt);
  const controlSum = str(sum(transfers.map((t) => t.amount)), 2);
  verifyXml(xml, { debtor, transfers, controlSum, executionDate, messageId });
  const verdict = await input.validator.validate(xml);
  if (!verdict.valid)
    throw new SepaFileError(`The SEPA file does not validate against the EPC schema`, verdict.errors);

  const sha256 = createHash('sha256').update(xml, 'utf8').digest('hex');
  return {
    file: { messageId, xml, sha256, executionDate, controlSum, count: transfers.length },
    transfers,
    excluded,
  };
}

function selectTransfers(
  items: SepaItem[],
  executionDate: string,
): { transfers: SepaTransfer[]; excluded: SepaExclusion[] } {
  const transfers: SepaTransfer[] = [];
  const excluded: SepaExclusion[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const exclude = (code: SepaExclusionCode, reason: string) =>
      excluded.push({
        invoiceId: item.invoiceId,
        invoiceNumber: item.invoiceNumber,
        code,
        reason: `${reason} (${code})`,
      });
    const iban = normalizeIban(item.payment.iban);
    const due = amountToPay(item.payment, executionDate);
    const amount = dec(due.amount);
    if (seen.has(item.invoiceId)) {
      exclude('DUPLICATE', 'Die Rechnung ist mehrfach ausgewählt und wird nur einmal überwiesen');
    } else if (item.currency !== 'EUR') {
      exclude(
        'CURRENCY_NOT_EUR',
        `Rechnung in ${item.currency || 'unbekannter Währung'}: SEPA überweist nur Euro`,
      );
    } else if (ibanProblem(iban)) {
      exclude('IBAN_INVALID', `Die IBAN ${maskIban(iban)} ist ungültig`);
    } else if (!SEPA_IBAN_COUNTRIES.has(iban.slice(0, 2))) {
      exclude('IBAN_NOT_SEPA', `Die IBAN ${maskIban(iban)} gehört zu keinem SEPA-Land`);
    } else if (amount.lessThan(MIN_AMOUNT) || amount.greaterThan(MAX_AMOUNT)) {
      exclude(
        'AMOUNT_OUT_OF_RANGE',
        `Der Betrag ${due.amount} EUR liegt außerhalb von 0,01 bis 999.999.999,99 EUR`,
      );
    } else if (!item.creditorName.trim()) {
      exclude('CREDITOR_NAME_MISSING', 'Der Name des Zahlungsempfängers fehlt');
    } else {
      const bic = fittingBic(item.payment.bic, iban);
      transfers.push({
        invoiceId: item.invoiceId,
        invoiceNumber: item.invoiceNumber,
        creditorName: item.creditorName.trim().slice(0, NAME_MAX),
        iban,
        ...(bic ? { bic } : {}),
        amount: str(amount, 2),
        ...(due.discount ? { discount: due.discount } : {}),
        endToEndId: endToEndId(item),
        remittance: item.payment.remittance.slice(0, REMITTANCE_MAX),
      });
    }
    seen.add(item.invoiceId);
  }
  return { transfers, excluded };
}

/** A BIC is optional within SEPA; one that does not match the IBAN's country is left out. */
function fittingBic(bic: string | undefined, iban: string): string | undefined {
  const value = bic?.replace(/\s/g, '').toUpperCase();
  if (!value || !BIC_PATTERN.test(value)) return undefined;
  return value.slice(4, 6) === iban.slice(0, 2) ? value : undefined;
}

/**
 * EndToEndId: the invoice number in the SEPA character set (the bank shows it to the payee); an id
 * must not start or end with '/' nor contain '//'.
 */
function endToEndId(item: SepaItem): string {
  const clean = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, '')
      .replace(/\/{2,}/g, '/')
      .replace(/^[/ ]+|[/ ]+$/g, '')
      .slice(0, 35)
      .replace(/[/ ]+$/, '');
  const fromNumber = clean(item.invoiceNumber);
  return fromNumber || clean(`INV-${item.invoiceId}`);
}

/**
 * The message id is derived from the invoices and the execution date: the same selection gives
 * the same id, so a bank refuses a second upload of the same file as a duplicate.
 */
function messageIdFor(transfers: SepaTransfer[], executionDate: string): string {
  const digest = createHash('sha256')
    .update(transfers.map((t) => `${t.invoiceId}:${t.amount}`).join('|'))
    .update(executionDate)
    .digest('hex');
  return `IA-${executionDate.replace(/-/g, '')}-${digest.slice(0, 12)}`;
}

function writeXml(
  debtor: SepaDebtor,
  transfers: SepaTransfer[],
  messageId: string,
  executionDate: string,
  createdAt: string,
): string {
  const doc = new SepaDocument(SEPA_PAIN_FORMAT);
  doc.grpHdr.id = messageId;
  doc.grpHdr.created = new Date(createdAt);
  doc.grpHdr.initiatorName = debtor.name.slice(0, NAME_MAX);

  const info = doc.createPaymentInfo();
  info.requestedExecutionDate = localCalendarDate(executionDate);
  info.debtorName = debtor.name.slice(0, NAME_MAX);
  info.debtorIBAN = debtor.iban;
  info.debtorBIC = debtor.bic ?? '';
  doc.addPaymentInfo(info);

  for (const t of transfers) {
    const tx = info.createTransaction();
    tx.creditorName = t.creditorName;
    tx.creditorIBAN = t.iban;
    tx.creditorBIC = t.bic ?? '';
    // The library takes a JS number; every amount has two decimals and is checked back exactly below.
    tx.amount = Number(t.amount);
    tx.currency = 'EUR';
    tx.end2endId = t.endToEndId;
    tx.remittanceInfo = t.remittance;
    info.addTransaction(tx);
  }
  try {
    return doc.toString();
  } catch (cause) {
    throw new SepaFileError(`The SEPA library refused the file: ${(cause as Error).message}`);
  }
}

/** The library prints a Date's local calendar day: build the date at local noon. */
function localCalendarDate(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

interface Expected {
  debtor: SepaDebtor;
  transfers: SepaTransfer[];
  controlSum: DecimalString;
  executionDate: string;
  messageId: string;
}

/** Reads the written XML back and compares every figure with what was meant, exactly. */
export function verifyXml(xml: string, expected: Expected): void {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const root = parseXml(xml);
  const initiation = child(root, 'CstmrCdtTrfInitn');
  const header = child(initiation, 'GrpHdr');
  const blocks = children(initiation, 'PmtInf');
  const txs = blocks.flatMap((b) => children(b, 'CdtTrfTxInf'));
  const count = String(expected.transfers.length);
  const sameAmount = (text: string | undefined, amount: DecimalString) =>
    text !== undefined && /^\d+\.\d{2}$/.test(text) && dec(text).equals(dec(amount));

  check(pathText(header, 'MsgId') === expected.messageId, 'GrpHdr/MsgId differs');
  check(pathText(header, 'NbOfTxs') === count, `GrpHdr/NbOfTxs is not ${count}`);
  check(
    sameAmount(pathText(header, 'CtrlSum'), expected.controlSum),
    `GrpHdr/CtrlSum is not ${expected.controlSum}`,
  );
  check(blocks.length === 1, 'expected exactly one PmtInf');
  for (const block of blocks) {
    check(pathText(block, 'NbOfTxs') === count, `PmtInf/NbOfTxs is not ${count}`);
    check(
      sameAmount(pathText(block, 'CtrlSum'), expected.controlSum),
      `PmtInf/CtrlSum is not ${expected.controlSum}`,
    );
    check(pathText(block, 'ReqdExctnDt/Dt') === expected.executionDate, 'PmtInf/ReqdExctnDt differs');
    check(
      pathText(block, 'DbtrAcct/Id/IBAN') === expected.debtor.iban,
      'PmtInf/DbtrAcct differs from the config',
    );
  }
  check(txs.length === expected.transfers.length, `found ${txs.length} transfers, expected ${count}`);
  txs.forEach((tx: XmlElement, i) => {
    const meant = expected.transfers[i];
    const instructed = path(tx, 'Amt/InstdAmt');
    if (!meant) return;
    check(
      sameAmount(instructed?.rawText.trim(), meant.amount),
      `transfer ${i + 1}: amount is not ${meant.amount}`,
    );
    check(instructed?.attrs.Ccy === 'EUR', `transfer ${i + 1}: currency is not EUR`);
    check(pathText(tx, 'CdtrAcct/Id/IBAN') === meant.iban, `transfer ${i + 1}: creditor IBAN differs`);
    check(pathText(tx, 'RmtInf/Ustrd') === meant.remittance, `transfer ${i + 1}: remittance differs`);
  });
  const amounts = txs.map((tx) => pathText(tx, 'Amt/InstdAmt') ?? '');
  const addsUp = amounts.every(isDecimalLiteral) && sum(amounts).equals(dec(expected.controlSum));
  check(addsUp, 'the amounts do not add up to the control sum');
  if (problems.length > 0) throw new SepaFileError(`The SEPA file failed its own checks`, problems);
}
