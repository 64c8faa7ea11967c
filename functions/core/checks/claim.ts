import { type Invoice, isCreditNote } from '../invoice/model';
import { maskIban } from '../masterdata/iban';
import { canonicalName } from '../masterdata/names';
import { normalizeDocumentNumber } from '../masterdata/normalize';
import type { Vendor } from '../masterdata/types';
import { normalizeVatId } from '../masterdata/vat-id';
import type { InvoiceClaim, InvoiceClaims } from '../ports/claims';
import { isIsoDate } from './dates';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';
import { invoiceIbans } from './vendor';

/**
 * One claim per invoice, before a route is decided (issue: never pay twice).
 * 1. The file: 'file:<sha256>'. A later copy of the same bytes is DUPLICATE_EXACT.
 * 2. The invoice identity: seller identity + normalised invoice number + issue year (+ invoice or
 *    credit note). The seller identity is the VAT id, else the tax number, else a verified IBAN (one the
 *    vendor master knows), else the normalised name; the vendor master fills in what the invoice lacks.
 *    A later claimant with the same document hash is DUPLICATE_EXACT, otherwise DUPLICATE_SUSPECTED.
 * Both are single conditional writes, taken in this order by every invoice, so exactly one of any
 * number of concurrent copies proceeds; the holder is named and never touched. An invoice that runs
 * again (retry, restart, re-check) finds its own claims and proceeds.
 */

export interface InvoiceIdentity {
  /** 'vat:DE123456789', 'tax:2893081508152', 'iban:DE89370400440532013000' or 'name:muster buerobedarf'. */
  seller: string;
  number: string;
  /** YYYY of the issue date (BT-2), or 'undated'. */
  year: string;
  kind: 'invoice' | 'credit-note';
}

/** The identity, or undefined when the invoice has no number or no seller to claim with. */
export function invoiceIdentity(invoice: Invoice, vendor: Vendor | undefined): InvoiceIdentity | undefined {
  const number = normalizeDocumentNumber(invoice.invoiceNumber ?? '');
  const seller = sellerIdentity(invoice, vendor);
  if (!number || !seller) return undefined;
  return {
    seller,
    number,
    year: isIsoDate(invoice.issueDate) ? invoice.issueDate.slice(0, 4) : 'undated',
    kind: isCreditNote(invoice) ? 'credit-note' : 'invoice',
  };
}

function sellerIdentity(invoice: Invoice, vendor: Vendor | undefined): string | undefined {
  const vatId = invoice.seller.vatId?.trim() ? normalizeVatId(invoice.seller.vatId) : vendor?.vatId;
  if (vatId) return `vat:${vatId}`;
  const taxNumber = digitsOf(invoice.seller.taxNumber) ?? digitsOf(vendor?.taxNumber);
  if (taxNumber) return `tax:${taxNumber}`;
  const verified = vendor
    ? (invoiceIbans(invoice).find((i) => vendor.ibans.includes(i)) ?? [...vendor.ibans].sort()[0])
    : undefined;
  if (verified) return `iban:${verified}`;
  const name = canonicalName(invoice.seller.name ?? vendor?.name ?? '');
  return name ? `name:${name}` : undefined;
}

function digitsOf(raw: string | undefined): string | undefined {
  const digits = raw?.replace(/\D/g, '');
  return digits && digits.length >= 10 ? digits : undefined;
}

export function identityKey(identity: InvoiceIdentity): string {
  return `invoice:${identity.kind}|${identity.seller}|${identity.number}|${identity.year}`;
}

export interface ClaimInput {
  invoiceId: string;
  invoice: Invoice;
  sha256: string;
  vendor?: Vendor;
  at: string;
  /** The XML e-invoice of the same mail this PDF renders: the XML claims, the copy never does. */
  renditionOf?: string;
}

export interface ClaimOutcome {
  results: CheckResult[];
  /** The invoice whose claim this one lost to (the original). */
  duplicateOf?: string;
}

export async function claimInvoice(input: ClaimInput, claims: InvoiceClaims): Promise<ClaimOutcome> {
  const { invoice } = input;
  const base = {
    invoiceId: input.invoiceId,
    sha256: input.sha256,
    claimedAt: input.at,
    ...(invoice.invoiceNumber && { invoiceNumber: invoice.invoiceNumber }),
    gross: invoice.totals.gross,
    currency: invoice.currency,
  };
  if (input.renditionOf) {
    return {
      duplicateOf: input.renditionOf,
      results: [
        fail(
          'duplicate.rendition',
          'DUPLICATE_EXACT',
          `This PDF is the visual copy of the e-invoice ${input.renditionOf} in the same mail (same seller, number and gross); the XML is the original`,
          `Dieses PDF ist die Sichtkopie der E-Rechnung ${input.renditionOf} aus derselben Mail (gleicher Verkäufer, gleiche Nummer und gleicher Betrag); die XML ist das Original`,
          { original: { invoiceId: input.renditionOf }, duplicateOf: input.renditionOf },
        ),
      ],
    };
  }
  const identity = invoiceIdentity(invoice, input.vendor);
  const noIdentity = () =>
    skip(
      'duplicate.number',
      'No invoice number or seller to claim the invoice with',
      'Keine Rechnungsnummer oder kein Verkäufer, um die Rechnung zu beanspruchen',
    );

  const file = await claims.claim({ ...base, key: `file:${input.sha256}` });
  if (!file.won) {
    return {
      duplicateOf: file.holder.invoiceId,
      results: [
        fail(
          'duplicate.file-hash',
          'DUPLICATE_EXACT',
          `The same file was received before as invoice ${file.holder.invoiceNumber ?? '(no number)'} (${file.holder.invoiceId}); the original is kept unchanged`,
          `Dieselbe Datei ging bereits als Rechnung ${file.holder.invoiceNumber ?? '(ohne Nummer)'} ein (${file.holder.invoiceId}); das Original bleibt unverändert`,
          evidence(file.holder, { sha256: input.sha256 }),
        ),
        identity
          ? skip(
              'duplicate.number',
              'Not claimed: the file is a copy',
              'Nicht beansprucht: die Datei ist eine Kopie',
            )
          : noIdentity(),
      ],
    };
  }
  const fileResult = pass(
    'duplicate.file-hash',
    'File not received before',
    'Datei wurde noch nicht empfangen',
    {
      sha256: input.sha256,
    },
  );
  if (!identity) return { results: [fileResult, noIdentity()] };

  const key = identityKey(identity);
  const claimed = await claims.claim({ ...base, key });
  const shown = { ...identity, seller: showSeller(identity.seller) };
  if (claimed.won) {
    return {
      results: [
        fileResult,
        pass(
          'duplicate.number',
          `Invoice ${invoice.invoiceNumber} of ${identity.year} claimed for this seller (first of its kind)`,
          `Rechnung ${invoice.invoiceNumber} von ${identity.year} für diesen Verkäufer beansprucht (die erste)`,
          { identity: shown },
        ),
      ],
    };
  }
  const holder = claimed.holder;
  const sameDocument = holder.sha256 === input.sha256;
  const first = `${holder.invoiceNumber ?? invoice.invoiceNumber} (${holder.invoiceId})`;
  const amounts = `${holder.gross ?? '?'} ${holder.currency ?? ''}`.trim();
  return {
    duplicateOf: holder.invoiceId,
    results: [
      fileResult,
      sameDocument
        ? fail(
            'duplicate.number',
            'DUPLICATE_EXACT',
            `Invoice ${first} of this seller was received before as the same document; the original is kept unchanged`,
            `Rechnung ${first} dieses Verkäufers ging bereits als dasselbe Dokument ein; das Original bleibt unverändert`,
            evidence(holder, { identity: shown }),
          )
        : fail(
            'duplicate.number',
            'DUPLICATE_SUSPECTED',
            `Invoice number ${invoice.invoiceNumber} of ${identity.year} was already received from this seller as ${first} over ${amounts}, as another document: a person decides whether it is a copy, a correction or a reused number`,
            `Rechnungsnummer ${invoice.invoiceNumber} von ${identity.year} ging von diesem Verkäufer bereits als ${first} über ${amounts} ein, als anderes Dokument: ein Mensch entscheidet, ob Kopie, Korrektur oder wiederverwendete Nummer`,
            evidence(holder, { identity: shown }),
          ),
    ],
  };
}

function evidence(holder: InvoiceClaim, extra: Record<string, unknown>): Record<string, unknown> {
  return {
    ...extra,
    original: {
      invoiceId: holder.invoiceId,
      invoiceNumber: holder.invoiceNumber,
      gross: holder.gross,
      currency: holder.currency,
      claimedAt: holder.claimedAt,
    },
    duplicateOf: holder.invoiceId,
  };
}

/** Evidence never shows a full IBAN. */
function showSeller(seller: string): string {
  return seller.startsWith('iban:') ? `iban:${maskIban(seller.slice(5))}` : seller;
}
