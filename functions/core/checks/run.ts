import { isCreditNote } from '../invoice/model';
import { normalizeDocumentNumber } from '../masterdata/normalize';
import type { PolicyConfig } from '../policy/config';
import { arithmeticChecks } from './arithmetic';
import { buyerCheck } from './buyer';
import { currencyCheck, extractionCheck, findingChecks, validationChecks } from './document';
import { duplicateChecks } from './duplicates';
import { formalChecks } from './formal';
import { purchaseOrderChecks } from './purchase-order';
import { splitCheck } from './split';
import { type CheckInput, CheckInputError, type CheckOutcome, type CheckPorts } from './types';
import { historyVendorKey, identifyVendor, vendorChecks } from './vendor';

/**
 * Runs every deterministic check on one extracted invoice and gathers the context the decision needs.
 * Pure apart from the two read ports; bad invoice data yields failing checks, never an exception.
 * Port errors propagate (the workflow retries the step).
 */
export async function runChecks(
  input: CheckInput,
  ports: CheckPorts,
  policy: PolicyConfig,
): Promise<CheckOutcome> {
  assertInput(input);
  const { invoice } = input;

  const formal = formalChecks(invoice, input.receivedAt, policy);
  const arithmetic = arithmeticChecks(invoice);
  const arithmeticHolds = arithmetic.every((r) => r.status !== 'fail');
  const document = [
    ...validationChecks(input.validation, { arithmeticHolds, smallInvoice: formal.smallInvoice }),
    currencyCheck(invoice, policy),
    extractionCheck(invoice, policy),
    ...findingChecks(input.findings),
  ];

  const identification = await identifyVendor(invoice, ports.masterData);
  const vendor = identification.vendor;
  const vendorKey = historyVendorKey(invoice, vendor);
  const normalizedNumber = normalizeDocumentNumber(invoice.invoiceNumber ?? '');

  const [duplicates, split, po] = await Promise.all([
    duplicateChecks(
      { invoiceId: input.invoiceId, invoice, vendorKey, normalizedNumber, receivedAt: input.receivedAt },
      ports.history,
      policy,
    ),
    splitCheck({ invoiceId: input.invoiceId, invoice, vendorKey, normalizedNumber }, ports.history, policy),
    purchaseOrderChecks(invoice, vendor, ports.masterData, policy),
  ]);

  return {
    checks: [
      ...formal.results,
      ...arithmetic,
      ...document,
      ...vendorChecks(invoice, identification, input.mail, policy),
      buyerCheck(invoice, input.company),
      ...duplicates,
      split.result,
      ...po.results,
    ],
    context: {
      ...(vendor && { vendor, vendorMatchedBy: identification.matchedBy }),
      historyVendorKey: vendorKey,
      normalizedNumber,
      ...(po.purchaseOrder && { purchaseOrder: po.purchaseOrder }),
      poMatched: po.poMatched,
      ...(po.usage && { poUsage: po.usage }),
      ...optional('costCenter', po.costCenter ?? vendor?.costCenter),
      ...optional('glAccount', vendor?.glAccount),
      ...optional('requesterEmail', po.requesterEmail),
      ...optional('buyerContactEmail', invoice.buyer.contact?.email?.trim().toLowerCase()),
      amount: { gross: invoice.totals.gross, currency: invoice.currency, creditNote: isCreditNote(invoice) },
      smallInvoice: formal.smallInvoice,
      ...optional('supplyDate', formal.supplyDate),
      ...(split.split && { split: split.split }),
    },
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** The invoice model is produced by our extractors; anything else is a wiring error, reported in one line. */
function assertInput(input: CheckInput): void {
  if (!input || typeof input !== 'object') throw new CheckInputError('runChecks needs an input object');
  const { invoice } = input;
  if (!input.invoiceId) throw new CheckInputError('runChecks input lacks invoiceId');
  if (!invoice || typeof invoice !== 'object')
    throw new CheckInputError(`Invoice ${input.invoiceId}: no invoice model`);
  const problems = [
    ['seller', invoice.seller],
    ['buyer', invoice.buyer],
    ['totals', invoice.totals],
    ['payment', invoice.payment],
    ['source', invoice.source],
  ]
    .filter(([, value]) => !value || typeof value !== 'object')
    .map(([name]) => name);
  for (const list of ['lines', 'vatBreakdown', 'allowances', 'charges', 'notes'] as const) {
    if (!Array.isArray(invoice[list])) problems.push(list);
  }
  if (invoice.payment && !Array.isArray(invoice.payment.accounts)) problems.push('payment.accounts');
  if (problems.length > 0) {
    throw new CheckInputError(`Invoice ${input.invoiceId}: the invoice model lacks ${problems.join(', ')}`);
  }
  if (!input.mail || typeof input.mail !== 'object')
    throw new CheckInputError(`Invoice ${input.invoiceId}: no mail metadata`);
  if (!input.document || typeof input.document !== 'object')
    throw new CheckInputError(`Invoice ${input.invoiceId}: no document reference`);
}
