import type { Address, Invoice } from '../invoice/model';
import { ibanProblem, maskIban, normalizeIban } from '../masterdata/iban';
import { checkVatIdFormat, normalizeVatId, vatIdCountry } from '../masterdata/vat-id';
import { dec, sum, tryDec } from '../money';
import type { PolicyConfig } from '../policy/config';
import { addDays, datePart, daysBetween, isIsoDate } from './dates';
import { fail, pass, skip, warn } from './result';
import type { CheckResult } from './types';
import { checkRate, EXEMPTION_NOTE_CATEGORIES } from './vat-rates';

/**
 * Formal checks of German invoice law: the mandatory content of §14 (4) UStG (relaxed for a
 * Kleinbetragsrechnung, §33 UStDV), VAT rates valid on the supply date, the reverse-charge statement
 * (§14a UStG), IBAN checksums, VAT id formats and plausible dates.
 */

export interface FormalOutcome {
  results: CheckResult[];
  smallInvoice: boolean;
  supplyDate?: string;
}

export function formalChecks(invoice: Invoice, receivedAt: string, policy: PolicyConfig): FormalOutcome {
  const smallInvoice = isSmallInvoice(invoice, policy);
  const supplyDate = supplyDateOf(invoice);
  return {
    smallInvoice,
    supplyDate: supplyDate ?? datePart(invoice.issueDate),
    results: [
      mandatoryFields(invoice, smallInvoice),
      supplyDateStated(invoice, smallInvoice, supplyDate),
      vatRates(invoice, supplyDate),
      reverseChargeNote(invoice),
      ibanChecksums(invoice),
      vatIdFormats(invoice),
      issueDate(invoice, receivedAt, policy),
      dueDate(invoice, policy),
    ],
  };
}

/** §33 UStDV: gross up to the limit (250 EUR), in EUR, and not a reverse-charge or intra-EU supply. */
export function isSmallInvoice(invoice: Invoice, policy: PolicyConfig): boolean {
  const gross = tryDec(invoice.totals.gross);
  if (gross === undefined || invoice.currency !== 'EUR') return false;
  const crossBorderOrReverse = invoice.vatBreakdown.some((b) => b.category === 'AE' || b.category === 'K');
  return !crossBorderOrReverse && gross.abs().lessThanOrEqualTo(dec(policy.smallInvoiceMaxGross));
}

/** Date of supply: tax point date (BT-7), delivery date (BT-72), end of the delivery or line periods. */
export function supplyDateOf(invoice: Invoice): string | undefined {
  const linePeriodEnds = invoice.lines
    .map((l) => datePart(l.periodEnd))
    .filter((d): d is string => d !== undefined);
  const candidates = [
    datePart(invoice.taxPointDate),
    datePart(invoice.delivery?.date),
    datePart(invoice.delivery?.periodEnd),
    linePeriodEnds.sort().at(-1),
  ];
  return candidates.find((d) => d !== undefined);
}

/** German VAT applies when the seller is registered in Germany (VAT id DE..., or a German address without foreign VAT id). */
export function isGermanVat(invoice: Invoice): boolean {
  const vatId = invoice.seller.vatId ? normalizeVatId(invoice.seller.vatId) : undefined;
  const representative = invoice.taxRepresentative?.vatId
    ? normalizeVatId(invoice.taxRepresentative.vatId)
    : undefined;
  if (vatId)
    return (
      vatIdCountry(vatId) === 'DE' || (representative !== undefined && vatIdCountry(representative) === 'DE')
    );
  const country = invoice.seller.address?.countryCode?.toUpperCase();
  return country === 'DE' || (country === undefined && Boolean(invoice.seller.taxNumber));
}

// ---- §14 (4) UStG / §33 UStDV ----

const SUPPLY_DATE_NOTE =
  /(leistungs|liefer)(datum|zeitraum|zeitpunkt|tag)|date of (supply|delivery)|delivery date|service (date|period)/i;

function mandatoryFields(invoice: Invoice, smallInvoice: boolean): CheckResult {
  const id = 'formal.mandatory-fields';
  const missing: string[] = [];
  const need = (present: boolean, field: string) => {
    if (!present) missing.push(field);
  };
  const lines = invoice.lines;

  // Required on every invoice, including a Kleinbetragsrechnung.
  need(hasText(invoice.seller.name), 'seller name (BT-27)');
  need(isCompleteAddress(invoice.seller.address), 'seller address (BG-5)');
  need(isIsoDate(invoice.issueDate), 'issue date (BT-2)');
  need(lines.length > 0, 'invoice lines (BG-25)');
  need(
    lines.every((l) => hasText(l.name) && tryDec(l.quantity) !== undefined),
    'quantity and description of every line (BT-129, BT-153)',
  );
  need(tryDec(invoice.totals.gross) !== undefined, 'total with VAT (BT-112)');
  need(
    invoice.vatBreakdown.length > 0 ||
      lines.every((l) => l.vatRate !== undefined || l.vatCategory !== undefined),
    'VAT rate or exemption (BT-119/BT-152)',
  );

  if (!smallInvoice) {
    need(hasText(invoice.invoiceNumber), 'invoice number (BT-1)');
    need(hasText(invoice.buyer.name), 'buyer name (BT-44)');
    need(isCompleteAddress(invoice.buyer.address), 'buyer address (BG-8)');
    need(
      hasText(invoice.seller.vatId) ||
        hasText(invoice.seller.taxNumber) ||
        hasText(invoice.taxRepresentative?.vatId),
      'seller VAT id or tax number (BT-31/BT-32)',
    );
    need(tryDec(invoice.totals.net) !== undefined, 'total without VAT (BT-109)');
    need(invoice.vatBreakdown.length > 0, 'VAT breakdown per rate (BG-23)');
    need(
      invoice.vatBreakdown.every((b) => tryDec(b.taxable) !== undefined && tryDec(b.tax) !== undefined),
      'taxable amount and VAT amount per rate (BT-116/BT-117)',
    );
    // Reverse charge and intra-EU statements (AE, K) are the reverse-charge check's business.
    need(
      invoice.vatBreakdown
        .filter((b) => EXEMPTION_NOTE_CATEGORIES.has(b.category) && b.category !== 'AE' && b.category !== 'K')
        .every(
          (b) => hasText(b.exemptionReason) || hasText(b.exemptionReasonCode) || hasNoteForExemption(invoice),
        ),
      'exemption reason for VAT-free amounts (BT-120/BT-121)',
    );
    // §14a (1) UStG: reverse charge and intra-EU supplies name the buyer's VAT id.
    if (invoice.vatBreakdown.some((b) => b.category === 'AE' || b.category === 'K')) {
      need(hasText(invoice.buyer.vatId), 'buyer VAT id for reverse charge / intra-EU supply (BT-48)');
    }
  }

  const evidence = { smallInvoice, missing };
  if (missing.length === 0) {
    return pass(
      id,
      smallInvoice
        ? 'All fields of a small-amount invoice (§33 UStDV) are present'
        : 'All mandatory fields of §14 (4) UStG are present',
      smallInvoice
        ? 'Alle Angaben einer Kleinbetragsrechnung (§33 UStDV) vorhanden'
        : 'Alle Pflichtangaben nach §14 Abs. 4 UStG vorhanden',
      evidence,
    );
  }
  return fail(
    id,
    'MANDATORY_FIELD_MISSING',
    `Missing mandatory invoice content: ${missing.join(', ')}`,
    `Fehlende Pflichtangaben: ${missing.join(', ')}`,
    evidence,
  );
}

/**
 * §14 (4) Nr. 6 UStG asks for the date of supply even when it equals the issue date. Structured
 * e-invoices often omit it (BT-72 is optional in EN 16931; about a third of the corpus has none), and
 * the issue date is then the best evidence. So a missing date is a warning, not a blocker; the VAT
 * rate is checked against the issue date instead.
 */
function supplyDateStated(
  invoice: Invoice,
  smallInvoice: boolean,
  supplyDate: string | undefined,
): CheckResult {
  const id = 'formal.supply-date';
  if (supplyDate)
    return pass(id, `Date of supply ${supplyDate}`, `Leistungsdatum ${supplyDate}`, { supplyDate });
  if (invoice.notes.some((n) => SUPPLY_DATE_NOTE.test(n.text))) {
    return pass(id, 'Date of supply stated in a note', 'Leistungsdatum in einem Hinweis angegeben', {
      source: 'note',
    });
  }
  if (smallInvoice)
    return skip(
      id,
      'Small-amount invoice: no date of supply required',
      'Kleinbetragsrechnung: kein Leistungsdatum erforderlich',
    );
  return warn(
    id,
    'No date of supply or service period (BT-7/BT-72/BG-14); the issue date is assumed',
    'Kein Leistungsdatum oder Leistungszeitraum (BT-7/BT-72/BG-14); das Rechnungsdatum wird angenommen',
    { assumed: invoice.issueDate },
    'MANDATORY_FIELD_MISSING',
  );
}

function isCompleteAddress(address: Address | undefined): boolean {
  return Boolean(address && hasText(address.city) && (hasText(address.line1) || hasText(address.postalCode)));
}

function hasText(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

// ---- VAT rates ----

function vatRates(invoice: Invoice, supplyDate: string | undefined): CheckResult {
  const id = 'formal.vat-rate';
  const germanVat = isGermanVat(invoice);
  const date = supplyDate ?? datePart(invoice.issueDate);
  const entries = [
    ...invoice.vatBreakdown.map((b) => ({
      where: `VAT breakdown ${b.category}`,
      category: b.category,
      rate: b.rate,
    })),
    ...invoice.lines
      .filter((l) => l.vatCategory !== undefined)
      .map((l) => ({ where: `line ${l.id}`, category: l.vatCategory!, rate: l.vatRate })),
  ];
  if (entries.length === 0) {
    return skip(
      id,
      'No VAT category or rate to check',
      'Keine Steuerkategorie oder kein Steuersatz angegeben',
    );
  }
  const problems: string[] = [];
  const problemsDe: string[] = [];
  for (const entry of entries) {
    const rate = entry.rate === undefined ? undefined : tryDec(entry.rate);
    if (entry.rate !== undefined && rate === undefined) {
      problems.push(`${entry.where}: rate "${entry.rate}" is not a number`);
      problemsDe.push(`${entry.where}: Steuersatz "${entry.rate}" ist keine Zahl`);
      continue;
    }
    const verdict = checkRate(entry.category.toUpperCase(), rate, date, germanVat);
    if (!verdict.ok) {
      problems.push(`${entry.where}: ${verdict.problem}`);
      problemsDe.push(`${entry.where}: ${verdict.problemDe}`);
    }
  }
  // A VAT-free category must not carry tax.
  for (const b of invoice.vatBreakdown) {
    const tax = tryDec(b.tax);
    if (b.category !== 'S' && tax !== undefined && !tax.isZero()) {
      problems.push(`VAT breakdown ${b.category}: tax ${b.tax} must be 0`);
      problemsDe.push(`Aufschlüsselung ${b.category}: Steuerbetrag ${b.tax} muss 0 sein`);
    }
  }
  const evidence = {
    supplyDate: date,
    supplyDateSource: supplyDate ? 'supply date' : 'issue date',
    germanVat,
    rates: [...new Set(entries.map((e) => `${e.category}:${e.rate ?? '-'}`))],
    problems: [...new Set(problems)],
  };
  if (problems.length === 0) {
    return pass(
      id,
      `VAT rates are valid for ${date ?? 'the invoice'}`,
      `Steuersätze für ${date ?? 'die Rechnung'} gültig`,
      evidence,
    );
  }
  return fail(
    id,
    'VAT_RATE_INVALID',
    `Invalid VAT rate: ${[...new Set(problems)].join('; ')}`,
    `Ungültiger Steuersatz: ${[...new Set(problemsDe)].join('; ')}`,
    evidence,
  );
}

// ---- Reverse charge (§13b, §14a UStG) ----

const REVERSE_CHARGE_NOTE =
  /reverse[\s-]*charge|steuerschuldnerschaft des leistungsempf|umkehr(ung)? der steuerschuld|§\s*13\s*b|13b\s*ustg|autoliquidation|inversione contabile|inversi[oó]n del sujeto pasivo|btw verlegd|verlegd|omvendt betalingspligt|innergemeinschaftlich|intra[\s-]*(community|eu)|art(icle|\.)?\s*(138|196)|vatex-eu-(ae|ic)/i;

function hasNoteForExemption(invoice: Invoice): boolean {
  return invoice.notes.some(
    (n) =>
      n.text.trim().length > 0 &&
      /steuerfrei|befreit|exempt|§\s*4|reverse|13b|intra|innergemeinschaft|ausfuhr|export|nicht steuerbar|not subject/i.test(
        n.text,
      ),
  );
}

function reverseChargeNote(invoice: Invoice): CheckResult {
  const id = 'formal.reverse-charge';
  const categories = new Set(invoice.vatBreakdown.map((b) => b.category));
  const vat = tryDec(invoice.totals.vat) ?? sum(invoice.vatBreakdown.map((b) => tryDec(b.tax) ?? dec(0)));
  const sellerCountry = countryOf(invoice.seller.vatId, invoice.seller.address?.countryCode);
  const buyerVatCountry = invoice.buyer.vatId ? vatIdCountry(normalizeVatId(invoice.buyer.vatId)) : undefined;
  const crossBorderZeroVat =
    vat.isZero() &&
    buyerVatCountry !== undefined &&
    sellerCountry !== undefined &&
    buyerVatCountry !== sellerCountry;
  const applies = categories.has('AE') || categories.has('K') || crossBorderZeroVat;
  const evidence = { categories: [...categories], sellerCountry, buyerVatCountry, vat: vat.toFixed() };
  if (!applies) {
    return skip(
      id,
      'No reverse charge or intra-EU supply',
      'Keine Steuerschuldumkehr und keine innergemeinschaftliche Lieferung',
      evidence,
    );
  }
  // AE/K need the reverse-charge or intra-EU wording; other VAT-free categories their exemption reason.
  const reverseCharge = categories.has('AE') || categories.has('K');
  const statement =
    invoice.notes.some((n) => REVERSE_CHARGE_NOTE.test(n.text)) ||
    invoice.vatBreakdown.some((b) => {
      if (b.category === 'S') return false;
      const text = `${b.exemptionReason ?? ''} ${b.exemptionReasonCode ?? ''}`;
      return reverseCharge ? REVERSE_CHARGE_NOTE.test(text) : text.trim() !== '';
    });
  if (statement) {
    return pass(
      id,
      'The reverse-charge / intra-EU statement is present',
      'Hinweis auf Steuerschuldumkehr bzw. innergemeinschaftliche Lieferung vorhanden',
      evidence,
    );
  }
  return fail(
    id,
    'REVERSE_CHARGE_NOTE_MISSING',
    'No VAT is charged on a reverse-charge or cross-border supply, but the invoice lacks the statement "Steuerschuldnerschaft des Leistungsempfängers" / "reverse charge" (§14a UStG)',
    'Ohne Umsatzsteuer bei Steuerschuldumkehr bzw. grenzüberschreitender Leistung, aber ohne Hinweis "Steuerschuldnerschaft des Leistungsempfängers" (§14a UStG)',
    evidence,
  );
}

function countryOf(vatId: string | undefined, addressCountry: string | undefined): string | undefined {
  if (vatId) {
    const country = vatIdCountry(normalizeVatId(vatId));
    if (country) return country;
  }
  return addressCountry?.toUpperCase() || undefined;
}

// ---- IBAN (ISO 13616) ----

function ibanChecksums(invoice: Invoice): CheckResult {
  const id = 'formal.iban';
  const accounts = invoice.payment.accounts.map((a) => normalizeIban(a.iban)).filter((a) => a !== '');
  if (accounts.length === 0)
    return skip(id, 'No bank account on the invoice', 'Keine Bankverbindung auf der Rechnung');
  // Account ids that do not start like an IBAN (CC + 2 check digits) are other account schemes.
  const ibans = accounts.filter((a) => /^[A-Z]{2}\d{2}/.test(a));
  const invalid = ibans
    .map((iban) => ({ iban: maskIban(iban), problem: ibanProblem(iban) }))
    .filter((x) => x.problem);
  const evidence = { accounts: accounts.map(maskIban), invalid };
  if (invalid.length > 0) {
    return fail(
      id,
      'IBAN_INVALID',
      `Invalid IBAN on the invoice: ${invalid.map((x) => `${x.iban} (${x.problem})`).join(', ')}`,
      `Ungültige IBAN auf der Rechnung: ${invalid.map((x) => `${x.iban} (${x.problem})`).join(', ')}`,
      evidence,
    );
  }
  if (ibans.length < accounts.length) {
    return warn(id, 'A payment account is not an IBAN', 'Eine Bankverbindung ist keine IBAN', evidence);
  }
  return pass(id, 'IBAN checksums are valid', 'IBAN-Prüfsummen gültig', evidence);
}

// ---- VAT id formats ----

function vatIdFormats(invoice: Invoice): CheckResult {
  const id = 'formal.vat-id';
  const ids = [
    { party: 'seller', partyDe: 'Verkäufer', raw: invoice.seller.vatId },
    { party: 'buyer', partyDe: 'Käufer', raw: invoice.buyer.vatId },
    { party: 'tax representative', partyDe: 'Steuervertreter', raw: invoice.taxRepresentative?.vatId },
  ].filter((x): x is { party: string; partyDe: string; raw: string } => hasText(x.raw));
  if (ids.length === 0) return skip(id, 'No VAT id on the invoice', 'Keine USt-IdNr. auf der Rechnung');
  const verdicts = ids.map((x) => ({
    ...x,
    vatId: normalizeVatId(x.raw),
    verdict: checkVatIdFormat(normalizeVatId(x.raw)),
  }));
  const invalid = verdicts.filter((v) => v.verdict === 'invalid');
  const evidence = { vatIds: verdicts.map((v) => ({ party: v.party, vatId: v.vatId, verdict: v.verdict })) };
  if (invalid.length > 0) {
    return fail(
      id,
      'VAT_ID_INVALID',
      `VAT id with an invalid format: ${invalid.map((v) => `${v.party} ${v.vatId}`).join(', ')}`,
      `USt-IdNr. mit ungültigem Format: ${invalid.map((v) => `${v.partyDe} ${v.vatId}`).join(', ')}`,
      evidence,
    );
  }
  if (verdicts.some((v) => v.verdict === 'unknown-country')) {
    return warn(
      id,
      'VAT id of a country whose format is not known',
      'USt-IdNr. eines Landes mit unbekanntem Format',
      evidence,
    );
  }
  return pass(id, 'VAT id formats are valid', 'Format der USt-IdNr. gültig', evidence);
}

// ---- Dates ----

/** An issue date more than this many days after the mail arrived is a typo or a forgery. */
const ISSUE_DATE_FUTURE_TOLERANCE_DAYS = 1;

function issueDate(invoice: Invoice, receivedAt: string, policy: PolicyConfig): CheckResult {
  const id = 'formal.issue-date';
  const received = datePart(receivedAt);
  if (!isIsoDate(invoice.issueDate) || !received) {
    return skip(id, 'Issue date or receipt date missing', 'Rechnungs- oder Eingangsdatum fehlt');
  }
  const maxAgeDays = policy.maxInvoiceAgeDays;
  const evidence = { issueDate: invoice.issueDate, receivedAt: received, maxAgeDays };
  const daysAfterReceipt = daysBetween(received, invoice.issueDate);
  if (daysAfterReceipt > ISSUE_DATE_FUTURE_TOLERANCE_DAYS) {
    return fail(
      id,
      'ISSUE_DATE_INVALID',
      `Issue date ${invoice.issueDate} lies after the day the invoice arrived (${received})`,
      `Rechnungsdatum ${invoice.issueDate} liegt nach dem Eingangstag (${received})`,
      evidence,
    );
  }
  if (-daysAfterReceipt > maxAgeDays) {
    return fail(
      id,
      'ISSUE_DATE_INVALID',
      `Issue date ${invoice.issueDate} is ${-daysAfterReceipt} days before the invoice arrived (${received}); more than ${maxAgeDays} days is implausible`,
      `Rechnungsdatum ${invoice.issueDate} liegt ${-daysAfterReceipt} Tage vor dem Eingang (${received}); mehr als ${maxAgeDays} Tage sind unplausibel`,
      evidence,
    );
  }
  return pass(id, 'Issue date is plausible', 'Rechnungsdatum plausibel', evidence);
}

function dueDate(invoice: Invoice, policy: PolicyConfig): CheckResult {
  const id = 'formal.due-date';
  const due = invoice.dueDate;
  if (due === undefined || due.trim() === '') {
    if (hasText(invoice.paymentTerms)) {
      return pass(
        id,
        'No due date; payment terms are stated',
        'Kein Fälligkeitsdatum; Zahlungsbedingungen angegeben',
        {
          paymentTerms: invoice.paymentTerms,
        },
      );
    }
    return warn(
      id,
      'No due date and no payment terms',
      'Weder Fälligkeitsdatum noch Zahlungsbedingungen',
      {},
      'DUE_DATE_INVALID',
    );
  }
  const evidence = { dueDate: due, issueDate: invoice.issueDate, maxDays: policy.dueDateMaxDays };
  if (!isIsoDate(due)) {
    return fail(
      id,
      'DUE_DATE_INVALID',
      `Due date "${due}" is not a date`,
      `Fälligkeitsdatum "${due}" ist kein Datum`,
      evidence,
    );
  }
  if (!isIsoDate(invoice.issueDate))
    return skip(id, 'No issue date to compare with', 'Kein Rechnungsdatum zum Vergleich', evidence);
  if (due < invoice.issueDate) {
    return fail(
      id,
      'DUE_DATE_INVALID',
      `Due date ${due} is before the issue date ${invoice.issueDate}`,
      `Fälligkeitsdatum ${due} liegt vor dem Rechnungsdatum ${invoice.issueDate}`,
      evidence,
    );
  }
  if (due > addDays(invoice.issueDate, policy.dueDateMaxDays)) {
    return fail(
      id,
      'DUE_DATE_INVALID',
      `Due date ${due} is more than ${policy.dueDateMaxDays} days after the issue date`,
      `Fälligkeitsdatum ${due} liegt mehr als ${policy.dueDateMaxDays} Tage nach dem Rechnungsdatum`,
      evidence,
    );
  }
  return pass(id, `Due date ${due} is plausible`, `Fälligkeitsdatum ${due} plausibel`, evidence);
}
