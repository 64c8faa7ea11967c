import type { DecimalString } from '../money';

/**
 * The one normalized invoice model for every format (UBL, CII, ZUGFeRD 1, PDF text, OCR).
 * It follows the EN 16931 semantic model; BT/BG numbers are noted per field.
 * Amounts, quantities and rates are decimal strings exactly as the document states them
 * (e.g. "100.00" stays "100.00"), dates are ISO YYYY-MM-DD.
 */
export interface Invoice {
  invoiceNumber: string; // BT-1
  issueDate: string; // BT-2
  typeCode: string; // BT-3 (380 invoice, 381 credit note, 384 corrected, 389 self-billed, 326 partial, 875-877 construction)
  currency: string; // BT-5
  vatAccountingCurrency?: string; // BT-6
  taxPointDate?: string; // BT-7
  dueDate?: string; // BT-9
  buyerReference?: string; // BT-10 (Leitweg-ID in XRechnung)
  projectReference?: string; // BT-11
  contractReference?: string; // BT-12
  purchaseOrderReference?: string; // BT-13
  salesOrderReference?: string; // BT-14
  receivingAdviceReference?: string; // BT-15
  despatchAdviceReference?: string; // BT-16
  tenderOrLotReference?: string; // BT-17
  invoicedObjectId?: string; // BT-18
  buyerAccountingReference?: string; // BT-19
  paymentTerms?: string; // BT-20
  /** CII ApplicableTradePaymentDiscountTerms (ZUGFeRD EXTENDED; no EN 16931 business term). */
  paymentDiscountTerms?: PaymentDiscountTerms[];
  notes: InvoiceNote[]; // BG-1
  businessProcessId?: string; // BT-23
  specificationId?: string; // BT-24 (CustomizationID / guideline id)
  precedingInvoices: PrecedingInvoice[]; // BG-3
  seller: Party; // BG-4
  buyer: Party; // BG-7
  payee?: Party; // BG-10
  taxRepresentative?: Party; // BG-11
  delivery?: Delivery; // BG-13
  payment: PaymentInstructions; // BG-16
  allowances: AllowanceCharge[]; // BG-20
  charges: AllowanceCharge[]; // BG-21
  totals: DocumentTotals; // BG-22
  vatBreakdown: VatBreakdown[]; // BG-23
  attachments: AdditionalDocument[]; // BG-24
  lines: InvoiceLine[]; // BG-25
  source: ExtractionSource;
}

export interface InvoiceNote {
  subjectCode?: string; // BT-21
  text: string; // BT-22
}

export interface PrecedingInvoice {
  number: string; // BT-25
  issueDate?: string; // BT-26
}

export interface Identifier {
  value: string;
  scheme?: string;
}

export interface Party {
  name?: string; // BT-27 / BT-44 / BT-59 / BT-62
  tradingName?: string; // BT-28 / BT-45
  identifiers: Identifier[]; // BT-29 / BT-46 / BT-60
  legalRegistrationId?: Identifier; // BT-30 / BT-47 / BT-61
  vatId?: string; // BT-31 / BT-48 / BT-63
  taxNumber?: string; // BT-32 (seller tax registration, e.g. German Steuernummer)
  legalInfo?: string; // BT-33
  electronicAddress?: Identifier; // BT-34 / BT-49
  address?: Address; // BG-5 / BG-8 / BG-12
  contact?: Contact; // BG-6 / BG-9
}

export interface Address {
  line1?: string; // BT-35
  line2?: string; // BT-36
  line3?: string; // BT-162
  city?: string; // BT-37
  postalCode?: string; // BT-38
  countrySubdivision?: string; // BT-39
  countryCode?: string; // BT-40
}

export interface Contact {
  name?: string; // BT-41
  phone?: string; // BT-42
  email?: string; // BT-43
}

export interface Delivery {
  partyName?: string; // BT-70
  locationId?: Identifier; // BT-71
  date?: string; // BT-72 (actual delivery / Leistungsdatum)
  periodStart?: string; // BT-73
  periodEnd?: string; // BT-74
  address?: Address; // BG-15
}

export interface PaymentInstructions {
  meansCode?: string; // BT-81
  meansText?: string; // BT-82
  remittanceInformation?: string; // BT-83
  accounts: PaymentAccount[]; // BG-17
  cardPrimaryAccountNumber?: string; // BT-87
  mandateReference?: string; // BT-89
  creditorId?: string; // BT-90
  debitedAccount?: string; // BT-91
}

/** One cash discount (Skonto) level as CII states it; values exactly as written. */
export interface PaymentDiscountTerms {
  basisDate?: string; // BasisDateTime: the period starts here (the issue date when absent)
  period?: DecimalString; // BasisPeriodMeasure
  periodUnit?: string; // BasisPeriodMeasure/@unitCode (UN/ECE Rec 20: DAY, WEE, MON)
  basisAmount?: DecimalString; // BasisAmount: the discountable amount (BT-115 when absent)
  percent?: DecimalString; // CalculationPercent
  amount?: DecimalString; // ActualDiscountAmount
}

export interface PaymentAccount {
  iban: string; // BT-84 (IBAN or other account id, spaces removed)
  name?: string; // BT-85
  bic?: string; // BT-86
}

export interface AllowanceCharge {
  amount: DecimalString; // BT-92 / BT-99 / BT-136 / BT-141
  baseAmount?: DecimalString; // BT-93 / BT-100 / BT-137 / BT-142
  percent?: DecimalString; // BT-94 / BT-101 / BT-138 / BT-143
  vatCategory?: string; // BT-95 / BT-102 (document level only)
  vatRate?: DecimalString; // BT-96 / BT-103
  reason?: string; // BT-97 / BT-104 / BT-139 / BT-144
  reasonCode?: string; // BT-98 / BT-105 / BT-140 / BT-145
}

export interface DocumentTotals {
  lineNet: DecimalString; // BT-106
  allowances?: DecimalString; // BT-107
  charges?: DecimalString; // BT-108
  net: DecimalString; // BT-109 (total without VAT)
  vat?: DecimalString; // BT-110
  vatInAccountingCurrency?: DecimalString; // BT-111
  gross: DecimalString; // BT-112 (total with VAT)
  prepaid?: DecimalString; // BT-113
  rounding?: DecimalString; // BT-114
  payable: DecimalString; // BT-115
}

export interface VatBreakdown {
  category: string; // BT-118 (S, Z, E, AE, K, G, O, L, M)
  rate?: DecimalString; // BT-119
  taxable: DecimalString; // BT-116
  tax: DecimalString; // BT-117
  exemptionReason?: string; // BT-120
  exemptionReasonCode?: string; // BT-121
}

export interface AdditionalDocument {
  id: string; // BT-122
  description?: string; // BT-123
  uri?: string; // BT-124
  filename?: string; // BT-125 filename attribute
  mimeCode?: string; // BT-125 mimeCode attribute
}

export interface InvoiceLine {
  id: string; // BT-126
  note?: string; // BT-127
  objectId?: Identifier; // BT-128
  quantity: DecimalString; // BT-129
  unit?: string; // BT-130 (UN/ECE Rec 20)
  net: DecimalString; // BT-131
  orderLineReference?: string; // BT-132
  accountingReference?: string; // BT-133
  periodStart?: string; // BT-134
  periodEnd?: string; // BT-135
  allowances: AllowanceCharge[]; // BG-27
  charges: AllowanceCharge[]; // BG-28
  price: DecimalString; // BT-146 (net price)
  priceDiscount?: DecimalString; // BT-147
  grossPrice?: DecimalString; // BT-148
  baseQuantity?: DecimalString; // BT-149
  baseQuantityUnit?: string; // BT-150
  vatCategory?: string; // BT-151
  vatRate?: DecimalString; // BT-152
  name: string; // BT-153
  description?: string; // BT-154
  sellerItemId?: string; // BT-155
  buyerItemId?: string; // BT-156
  standardItemId?: Identifier; // BT-157
  classifications: Identifier[]; // BT-158
  originCountry?: string; // BT-159
  subLines?: InvoiceLine[]; // XRechnung extension: sub-invoice lines (BG-DEX-01)
}

/** Where the data came from and how much it can be trusted. */
export interface ExtractionSource {
  /** Document format, e.g. 'xrechnung-cii', 'zugferd', 'pdf-text'. */
  format: InvoiceFormat;
  /** XML syntax of the structured data, if any. */
  syntax?: 'UBL' | 'CII' | 'ZUGFeRD1';
  /** UBL root (Invoice or CreditNote). */
  documentKind?: 'Invoice' | 'CreditNote';
  /** ZUGFeRD/Factur-X profile (MINIMUM, BASIC WL, BASIC, EN16931, EXTENDED, XRECHNUNG) or XRechnung version. */
  profile?: string;
  /** Name of the embedded XML inside a PDF (factur-x.xml, ZUGFeRD-invoice.xml, ...). */
  embeddedFileName?: string;
  /** 1 for exact XML, below 1 for text/OCR heuristics. */
  confidence: number;
  /**
   * The evidence map of the text and OCR paths: per field path ('invoiceNumber', 'totals.gross',
   * 'vatBreakdown[0]', 'lines[2]', ...) where it was read (page, bbox, source text), its
   * EN 16931 term (bt) and its confidence. A field that is absent has no entry.
   */
  fields?: Record<string, FieldEvidence>;
  warnings?: string[];
}

export type InvoiceFormat =
  | 'xrechnung-ubl'
  | 'xrechnung-cii'
  | 'ubl'
  | 'cii'
  | 'zugferd'
  | 'factur-x'
  | 'zugferd1'
  | 'pdf-text'
  | 'ocr';

export interface FieldEvidence {
  confidence: number;
  /** The EN 16931 business term or group of the field, e.g. 'BT-1', 'BG-23'. */
  bt?: string;
  page?: number;
  /** The text span the value was read from. */
  text?: string;
  /** Bounding box in PDF points: x, y (from bottom-left), width, height. */
  bbox?: [number, number, number, number];
}

/** Document type codes (UNTDID 1001) that reduce rather than create a liability. */
export const CREDIT_NOTE_TYPE_CODES = new Set([
  '381',
  '261',
  '262',
  '296',
  '308',
  '396',
  '420',
  '458',
  '532',
]);

export function isCreditNote(invoice: Pick<Invoice, 'typeCode'>): boolean {
  return CREDIT_NOTE_TYPE_CODES.has(invoice.typeCode);
}
