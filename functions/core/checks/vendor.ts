import type { Invoice } from '../invoice/model';
import { maskIban, normalizeIban } from '../masterdata/iban';
import { canonicalName, compareNames, type NameRelation } from '../masterdata/names';
import { domainMatches, normalizeDomain } from '../masterdata/normalize';
import type { Vendor } from '../masterdata/types';
import { normalizeVatId } from '../masterdata/vat-id';
import type { PolicyConfig } from '../policy/config';
import type { MasterDataRepository } from '../ports/masterdata';
import { mailChecks } from './mail';
import { fail, pass, skip, warn } from './result';
import type { CheckResult, MailContext, VendorMatch } from './types';

/**
 * Who sent the invoice? Identifies the vendor (VAT id, then IBAN, then tax number, then name) and
 * checks what must agree with the vendor master: bank account (fraud hold), sender domain, name
 * (look-alikes) and VAT id; the mail's verdicts come from mail.ts.
 */

export interface VendorIdentification {
  vendor?: Vendor;
  matchedBy?: VendorMatch;
  /** Vendors whose names look like the seller's name without being it. */
  lookalikes: Vendor[];
  /** Candidates when the key matched several vendors. */
  ambiguous: string[];
}

/** Normalised IBANs of the invoice's payment accounts (BG-17), only those that look like IBANs. */
export function invoiceIbans(invoice: Invoice): string[] {
  const ibans = invoice.payment.accounts
    .map((a) => normalizeIban(a.iban))
    .filter((a) => /^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(a));
  return [...new Set(ibans)];
}

export async function identifyVendor(
  invoice: Invoice,
  masterData: MasterDataRepository,
): Promise<VendorIdentification> {
  const sellerNames = [invoice.seller.name, invoice.seller.tradingName].filter((n): n is string =>
    Boolean(n?.trim()),
  );
  const ibans = invoiceIbans(invoice);
  const best = (candidates: Vendor[]) => pickBest(candidates, ibans, sellerNames);

  const vatId = invoice.seller.vatId?.trim() ? normalizeVatId(invoice.seller.vatId) : undefined;
  if (vatId) {
    const byVat = await masterData.findVendorsByVatId(vatId);
    if (byVat.length > 0)
      return { vendor: best(byVat), matchedBy: 'vatId', lookalikes: [], ambiguous: ids(byVat) };
  }
  const byIban = dedupeVendors(
    (await Promise.all(ibans.map((iban) => masterData.findVendorsByIban(iban)))).flat(),
  );
  if (byIban.length > 0)
    return { vendor: best(byIban), matchedBy: 'iban', lookalikes: [], ambiguous: ids(byIban) };

  // Neither key matched: the (small) vendor list decides by tax number or name.
  const vendors = await masterData.listVendors();
  const taxNumber = normalizeTaxNumber(invoice.seller.taxNumber);
  const byTaxNumber = taxNumber ? vendors.filter((v) => normalizeTaxNumber(v.taxNumber) === taxNumber) : [];
  if (byTaxNumber.length > 0) {
    return { vendor: best(byTaxNumber), matchedBy: 'taxNumber', lookalikes: [], ambiguous: ids(byTaxNumber) };
  }
  const relations = vendors.map((v) => ({ vendor: v, relation: bestRelation(sellerNames, v.name) }));
  const sameName = relations.filter((r) => r.relation === 'same').map((r) => r.vendor);
  if (sameName.length > 0)
    return { vendor: best(sameName), matchedBy: 'name', lookalikes: [], ambiguous: ids(sameName) };
  return {
    lookalikes: relations.filter((r) => r.relation === 'lookalike').map((r) => r.vendor),
    ambiguous: [],
  };
}

/** Several vendors share a key: prefer one that knows the IBAN, then one with the same name, then the lowest id. */
function pickBest(candidates: Vendor[], ibans: string[], sellerNames: string[]): Vendor {
  const score = (v: Vendor) =>
    (ibans.some((i) => v.ibans.includes(i)) ? 2 : 0) + (bestRelation(sellerNames, v.name) === 'same' ? 1 : 0);
  return [...candidates].sort((a, b) => score(b) - score(a) || a.vendorId.localeCompare(b.vendorId))[0]!;
}

const RELATION_ORDER: NameRelation[] = ['same', 'related', 'lookalike', 'different'];

/** The closest relation between any of the seller's names (legal, trading) and a vendor name. */
export function bestRelation(sellerNames: string[], vendorName: string): NameRelation {
  const relations = sellerNames.map((n) => compareNames(n, vendorName));
  return RELATION_ORDER.find((r) => relations.includes(r)) ?? 'different';
}

function normalizeTaxNumber(raw: string | undefined): string | undefined {
  const digits = raw?.replace(/\D/g, '');
  return digits && digits.length >= 10 ? digits : undefined;
}

function dedupeVendors(vendors: Vendor[]): Vendor[] {
  return [...new Map(vendors.map((v) => [v.vendorId, v])).values()];
}

function ids(vendors: Vendor[]): string[] {
  return vendors.length > 1 ? vendors.map((v) => v.vendorId) : [];
}

/** History key for duplicates when the vendor is unknown: the seller's strongest identifier. */
export function historyVendorKey(invoice: Invoice, vendor: Vendor | undefined): string {
  if (vendor) return vendor.vendorId;
  if (invoice.seller.vatId?.trim()) return `unknown:vat:${normalizeVatId(invoice.seller.vatId)}`;
  const iban = invoiceIbans(invoice)[0];
  if (iban) return `unknown:iban:${iban}`;
  const name = canonicalName(invoice.seller.name ?? '');
  return name ? `unknown:name:${name.replace(/\s+/g, '-')}` : 'unknown';
}

// ---- Checks ----

export function vendorChecks(
  invoice: Invoice,
  identification: VendorIdentification,
  mail: MailContext,
  policy: PolicyConfig,
): CheckResult[] {
  return [
    vendorMatch(invoice, identification),
    vendorName(invoice, identification),
    vendorVatId(invoice, identification),
    vendorIban(invoice, identification),
    senderDomain(identification, mail, policy),
    ...mailChecks(mail),
  ];
}

function vendorMatch(invoice: Invoice, { vendor, matchedBy, ambiguous }: VendorIdentification): CheckResult {
  const id = 'vendor.match';
  const seller = invoice.seller.name ?? '(no name)';
  if (!vendor) {
    return fail(
      id,
      'VENDOR_UNKNOWN',
      `Vendor "${seller}" is not in the vendor master (no match by VAT id, IBAN, tax number or name)`,
      `Lieferant "${seller}" ist nicht im Lieferantenstamm (kein Treffer über USt-IdNr., IBAN, Steuernummer oder Name)`,
      { sellerName: seller, sellerVatId: invoice.seller.vatId },
    );
  }
  return pass(
    id,
    `Vendor ${vendor.vendorId} (${vendor.name}) identified by ${matchedBy}`,
    `Lieferant ${vendor.vendorId} (${vendor.name}) erkannt über ${matchedBy}`,
    { vendorId: vendor.vendorId, matchedBy, ...(ambiguous.length > 0 && { alsoMatched: ambiguous }) },
  );
}

function vendorName(invoice: Invoice, { vendor, lookalikes }: VendorIdentification): CheckResult {
  const id = 'vendor.lookalike';
  const sellerNames = [invoice.seller.name, invoice.seller.tradingName].filter((n): n is string =>
    Boolean(n?.trim()),
  );
  if (!vendor) {
    if (lookalikes.length === 0)
      return skip(
        id,
        'No known vendor name resembles the seller',
        'Kein bekannter Lieferantenname ähnelt dem Verkäufer',
      );
    const names = lookalikes.map((v) => `${v.name} (${v.vendorId})`).join(', ');
    return fail(
      id,
      'VENDOR_LOOKALIKE',
      `Seller name "${sellerNames[0] ?? ''}" looks like the known vendor ${names} but is not it`,
      `Verkäufername "${sellerNames[0] ?? ''}" ähnelt dem bekannten Lieferanten ${names}, ist es aber nicht`,
      { sellerNames, lookalikes: lookalikes.map((v) => ({ vendorId: v.vendorId, name: v.name })) },
    );
  }
  const relation = sellerNames.length === 0 ? 'different' : bestRelation(sellerNames, vendor.name);
  const evidence = { sellerNames, vendorName: vendor.name, relation };
  if (relation === 'lookalike') {
    return fail(
      id,
      'VENDOR_LOOKALIKE',
      `Seller name "${sellerNames[0]}" imitates the vendor name "${vendor.name}" (look-alike characters or a typo)`,
      `Verkäufername "${sellerNames[0]}" imitiert den Lieferantennamen "${vendor.name}" (ähnliche Zeichen oder Tippfehler)`,
      evidence,
    );
  }
  if (relation === 'different') {
    return warn(
      id,
      `Seller name differs from the vendor master name "${vendor.name}"`,
      `Verkäufername weicht vom Stammdatennamen "${vendor.name}" ab`,
      evidence,
    );
  }
  return pass(
    id,
    'Seller name matches the vendor master',
    'Verkäufername passt zum Lieferantenstamm',
    evidence,
  );
}

function vendorVatId(invoice: Invoice, { vendor }: VendorIdentification): CheckResult {
  const id = 'vendor.vat-id';
  const invoiceVatId = invoice.seller.vatId?.trim() ? normalizeVatId(invoice.seller.vatId) : undefined;
  if (!vendor || !invoiceVatId || !vendor.vatId) {
    return skip(id, 'No VAT ids to compare', 'Keine USt-IdNr. zum Vergleich');
  }
  const evidence = { invoiceVatId, vendorVatId: vendor.vatId };
  if (invoiceVatId !== vendor.vatId) {
    return fail(
      id,
      'VAT_ID_MISMATCH',
      `Seller VAT id ${invoiceVatId} differs from the vendor master (${vendor.vatId})`,
      `USt-IdNr. ${invoiceVatId} weicht vom Lieferantenstamm ab (${vendor.vatId})`,
      evidence,
    );
  }
  return pass(
    id,
    'Seller VAT id matches the vendor master',
    'USt-IdNr. passt zum Lieferantenstamm',
    evidence,
  );
}

function vendorIban(invoice: Invoice, { vendor }: VendorIdentification): CheckResult {
  const id = 'vendor.iban';
  if (!vendor)
    return skip(
      id,
      'Vendor unknown: bank account not compared',
      'Lieferant unbekannt: Bankverbindung nicht verglichen',
    );
  const ibans = invoiceIbans(invoice);
  if (ibans.length === 0) {
    return pass(
      id,
      'No bank account on the invoice; payment uses the vendor master',
      'Keine Bankverbindung auf der Rechnung; Zahlung an die Stammdaten-IBAN',
      {
        knownIbans: vendor.ibans.map(maskIban),
      },
    );
  }
  const unknown = ibans.filter((iban) => !vendor.ibans.includes(iban));
  const evidence = {
    invoiceIbans: ibans.map(maskIban),
    knownIbans: vendor.ibans.map(maskIban),
    unknownIbans: unknown.map(maskIban),
  };
  if (unknown.length > 0) {
    return fail(
      id,
      'IBAN_MISMATCH',
      `Bank account ${unknown.map(maskIban).join(', ')} is not among the known accounts of vendor ${vendor.vendorId}: fraud hold, verify by phone with known contact data`,
      `Bankverbindung ${unknown.map(maskIban).join(', ')} gehört nicht zu den bekannten Konten von Lieferant ${vendor.vendorId}: Betrugsverdacht, telefonisch über bekannte Kontaktdaten prüfen`,
      evidence,
    );
  }
  return pass(
    id,
    'Bank account is known for this vendor',
    'Bankverbindung ist für diesen Lieferanten bekannt',
    evidence,
  );
}

function senderDomain(
  { vendor }: VendorIdentification,
  mail: MailContext,
  policy: PolicyConfig,
): CheckResult {
  const id = 'vendor.sender-domain';
  const domain = normalizeDomain(mail.senderDomain ?? '');
  if (!vendor)
    return skip(
      id,
      'Vendor unknown: sender domain not compared',
      'Lieferant unbekannt: Absenderdomain nicht verglichen',
      { senderDomain: domain },
    );
  if (domain === '') return skip(id, 'No sender domain', 'Keine Absenderdomain');
  const evidence = { senderDomain: domain, knownDomains: vendor.emailDomains };
  if (domainMatches(domain, policy.internalDomains)) {
    return pass(id, `Forwarded from the internal domain ${domain}`, `Intern weitergeleitet von ${domain}`, {
      ...evidence,
      internal: true,
    });
  }
  if (domainMatches(domain, vendor.emailDomains)) {
    return pass(
      id,
      `Sender domain ${domain} is known for this vendor`,
      `Absenderdomain ${domain} ist für diesen Lieferanten bekannt`,
      evidence,
    );
  }
  return fail(
    id,
    'SENDER_DOMAIN_UNKNOWN',
    `Sender domain ${domain} is not among the domains of vendor ${vendor.vendorId} (${vendor.emailDomains.join(', ') || 'none on file'})`,
    `Absenderdomain ${domain} gehört nicht zu Lieferant ${vendor.vendorId} (${vendor.emailDomains.join(', ') || 'keine hinterlegt'})`,
    evidence,
  );
}
