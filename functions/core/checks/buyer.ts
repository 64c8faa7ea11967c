import { type CompanyConfig, companyNames } from '../config/company';
import type { Invoice } from '../invoice/model';
import { compareNames } from '../masterdata/names';
import { normalizeVatId } from '../masterdata/vat-id';
import { fail, pass, skip } from './result';
import type { CheckResult } from './types';

/**
 * The buyer is us: the invoice's buyer (BT-44 name, BT-48 VAT id) against the configured company
 * (`company`: names, VAT ids, addresses). The VAT id decides when both sides have one; otherwise the
 * name must be one of the company's names (legal form, case and punctuation aside) or a part of one.
 * An invoice addressed to someone else is held for a person (BUYER_MISMATCH).
 */
export function buyerCheck(invoice: Invoice, company: CompanyConfig | undefined): CheckResult {
  const id = 'buyer.company';
  const names = company ? companyNames(company) : [];
  const vatIds = company?.vatIds ?? [];
  if (names.length === 0 && vatIds.length === 0) {
    return skip(id, 'The company identity is not configured', 'Die Firmenidentität ist nicht konfiguriert');
  }
  const buyerName = invoice.buyer.name?.trim() || undefined;
  const buyerVatId = invoice.buyer.vatId?.trim() ? normalizeVatId(invoice.buyer.vatId) : undefined;
  const evidence = { buyerName, buyerVatId, companyNames: names, companyVatIds: vatIds };
  if (buyerVatId && vatIds.length > 0) {
    if (vatIds.includes(buyerVatId)) {
      return pass(id, 'The buyer VAT id is ours', 'Die USt-IdNr. des Käufers ist unsere', evidence);
    }
    return fail(
      id,
      'BUYER_MISMATCH',
      `The invoice is addressed to VAT id ${buyerVatId}${buyerName ? ` (${buyerName})` : ''}, not to us (${vatIds.join(', ')})`,
      `Die Rechnung ist an USt-IdNr. ${buyerVatId}${buyerName ? ` (${buyerName})` : ''} gerichtet, nicht an uns (${vatIds.join(', ')})`,
      evidence,
    );
  }
  if (!buyerName) {
    return skip(
      id,
      'The invoice names no buyer to compare',
      'Die Rechnung nennt keinen Käufer zum Vergleich',
      evidence,
    );
  }
  const relations = names.map((n) => compareNames(buyerName, n));
  if (relations.includes('same') || relations.includes('related')) {
    return pass(id, `The buyer "${buyerName}" is us`, `Der Käufer "${buyerName}" sind wir`, evidence);
  }
  return fail(
    id,
    'BUYER_MISMATCH',
    `The invoice is addressed to "${buyerName}", not to ${names[0] ?? 'us'}${relations.includes('lookalike') ? ' (a look-alike name)' : ''}`,
    `Die Rechnung ist an "${buyerName}" gerichtet, nicht an ${names[0] ?? 'uns'}${relations.includes('lookalike') ? ' (ein ähnlicher Name)' : ''}`,
    evidence,
  );
}
