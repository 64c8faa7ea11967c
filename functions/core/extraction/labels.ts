/**
 * Printed labels per invoice field, German first, then English (and the French of Factur-X).
 * Patterns match the COMPACT form of a cell: lower case with spaces, dots, hyphens and
 * underscores removed, so "Rechnungs-Nr.", "Rechnungsnr" and a letter-spaced "Br uttosumme"
 * all match. At one position the longest label wins, so "Summe netto" is net, not "Summe".
 * weight: how surely the label names the field (0..1); it seeds the field's confidence.
 */
export type LabelField =
  | 'invoiceNumber'
  | 'issueDate'
  | 'deliveryDate'
  | 'servicePeriod'
  | 'dueDate'
  | 'lineNet'
  | 'net'
  | 'vat'
  | 'gross'
  | 'payable'
  | 'currency'
  | 'iban'
  | 'bic'
  | 'sellerVatId'
  | 'buyerVatId'
  | 'taxNumber'
  | 'purchaseOrder'
  | 'seller'
  | 'buyer'
  | 'otherDate'
  | 'otherNumber'
  | 'otherAmount';

export interface LabelSpec {
  field: LabelField;
  pattern: string;
  weight: number;
}

const VAT_WORD = '(?:ust|mwst|umsatzsteuer|mehrwertsteuer)';

const TABLE: [LabelField, number, string[]][] = [
  // BT-1 invoice number
  [
    'invoiceNumber',
    0.95,
    [
      'rechnungs?(?:nummer|nr|no)',
      'invoice(?:number|no|nr|num|#|id)',
      'gutschrifts?(?:nummer|nr)',
      '(?:rechnungskorrektur|korrekturrechnung|stornorechnung)s?(?:nummer|nr)',
      'facture(?:n°|no|numéro|numero)',
      'factuur(?:nummer|nr|no)',
      '(?:n°|numéro|numero)(?:de)?facture',
    ],
  ],
  ['invoiceNumber', 0.9, ['rechnung#', 'invoice#', 'beleg(?:nummer|nr)', 'bill(?:number|no)', 'inv(?:no|#)']],
  ['invoiceNumber', 0.7, ['dokument(?:nummer|nr)', 'document(?:number|no)', 'belegnr']],
  // a bare title word as a column header ("Invoice | Date" with the values below)
  ['invoiceNumber', 0.5, ['rechnung', 'invoice', 'factuur', 'facture']],
  // BT-2 issue date
  [
    'issueDate',
    0.95,
    [
      'rechnungsdatum',
      'invoicedate',
      'date(?:de)?(?:la)?facture',
      'gutschriftsdatum',
      'dateofinvoice',
      'factuurdatum',
      '(?:liefer|leistungs)undrechnungsdatum',
    ],
  ],
  [
    'issueDate',
    0.9,
    ['belegdatum', 'ausstellungsdatum', 'ausgestelltam', 'dateofissue', 'issuedate', 'billdate'],
  ],
  ['issueDate', 0.8, ['issued(?:on|at)?', 'rechnungvom', 'dated']],
  ['issueDate', 0.7, ['datum']],
  ['issueDate', 0.6, ['date']],
  // BT-72 delivery date, BT-73/74 service period
  [
    'deliveryDate',
    0.9,
    [
      '(?:liefer|leistungs)und(?:leistungs|liefer)datum',
      'leistungsdatum',
      'lieferdatum',
      'liefertag',
      'leistungstag',
      'dateofdelivery',
      'deliverydate',
      'dateofsupply',
      'servicedate',
      'datedelivraison',
    ],
  ],
  [
    'servicePeriod',
    0.8,
    [
      'leistungszeitraum',
      'lieferzeitraum',
      'abrechnungszeitraum',
      'serviceperiod',
      'billingperiod',
      'période',
    ],
  ],
  // BT-9 due date
  [
    'dueDate',
    0.9,
    [
      'fälligkeit(?:sdatum)?',
      'fällig(?:am|bis)',
      'zahlbarbis(?:zum)?',
      'zahlungbis',
      'duedate',
      'paymentdue(?:date)?',
      'dueon',
      'payableby',
      "dated'échéance",
      'vervaldatum',
      'échéance',
    ],
  ],
  ['dueDate', 0.6, ['zahlungsziel', 'payby']],
  // BT-106 sum of line net amounts
  [
    'lineNet',
    0.85,
    ['positionssumme', 'summe(?:der)?positionen', 'positionennetto', 'warensumme', 'linetotal', 'itemstotal'],
  ],
  // BT-109 total without VAT
  [
    'net',
    0.9,
    [
      'nettobetrag',
      'nettosumme',
      'summenetto',
      'gesamtnetto',
      'nettogesamt',
      'rechnungssummenetto',
      'rechnungsbetragnetto',
      'gesamtbetragnetto',
      `(?:rechnungssumme|summe|betrag|gesamtbetrag|gesamtsumme)(?:ohne|exkl|excl|exklusive)${VAT_WORD}`,
      'nettotal',
      'totalnet',
      'netamount',
      'totalexcl(?:uding)?(?:vat|tax)',
      'totalbeforetax',
      'totalwithout(?:vat|tax)',
      'amountuntaxed',
      'totalht',
      'montantht',
      'exclusiefbtw',
      'totaalexcl(?:usief)?btw',
    ],
  ],
  ['net', 0.7, ['netto', 'subtotal', 'subtotaal', 'nettowert', 'gesamtbeitrag', 'nettobeitrag']],
  ['net', 0.55, ['zwischensumme', 'warenwert']],
  // BT-110 total VAT
  [
    'vat',
    0.85,
    [
      `summe${VAT_WORD}`,
      `${VAT_WORD}gesamt`,
      `gesamt${VAT_WORD}`,
      `${VAT_WORD}betrag`,
      'steuerbetrag',
      'vattotal',
      'totalvat',
      'totaltax(?:es)?',
      'taxtotal',
      'vatamount',
      'taxamount',
      'totaltva',
      'montanttva',
      'btwbedrag',
      'totaalbtw',
    ],
  ],
  ['vat', 0.75, [`zz?gl(?:ich)?${VAT_WORD}`, `zuzügl(?:ich)?${VAT_WORD}?`, `plus${VAT_WORD}`]],
  [
    'vat',
    0.6,
    [
      VAT_WORD,
      'vat',
      'tax',
      'tva',
      'versicherungs?steuer',
      'btw',
      `(?:inkl|inklusive|enthaltene?|darin)${VAT_WORD}`,
    ],
  ],
  // BT-112 total with VAT
  [
    'gross',
    0.92,
    [
      'bruttosumme',
      'bruttobetrag',
      'gesamtbrutto',
      'bruttogesamt',
      'rechnungssummebrutto',
      'rechnungsbetragbrutto',
      'summebrutto',
      'gesamtbetragbrutto',
      `(?:summe|betrag|gesamt|gesamtbetrag|gesamtsumme|rechnungsbetrag)(?:inkl|inklusive|incl)${VAT_WORD}`,
      'totalttc',
      'montantttc',
      'totalincl(?:uding)?(?:vat|tax)',
      'grandtotal',
      'invoicetotal',
      'totalinvoiceamount',
      'factuurtotaal',
      'totaalbedrag',
      'totaalincl(?:usief)?btw',
    ],
  ],
  [
    'gross',
    0.85,
    ['rechnungsbetrag', 'endbetrag', 'endsumme', 'gesamtrechnungsbetrag', 'totalamount', 'summegesamt'],
  ],
  ['gross', 0.8, ['gesamtbetrag', 'gesamtsumme', 'brutto', 'rechnungssumme', 'rechnungsbeitrag']],
  ['gross', 0.6, ['total', 'totaal', 'gesamt', 'totaleur', 'totalusd']],
  ['gross', 0.4, ['summe', 'betrag', 'amount']],
  // BT-115 amount due
  [
    'payable',
    0.85,
    [
      'zahlbetrag',
      'zuzahlen(?:der)?(?:betrag)?',
      'offenerbetrag',
      'restbetrag',
      'fälligerbetrag',
      'zahlbarerbetrag',
      'amountdue',
      'totaldue',
      'balancedue',
      'duepayable',
      'amountpayable',
      'netàpayer',
      'soldeàpayer',
      'soldedû',
      'netapayer',
      'resteàpayer',
      'tebetalen',
    ],
  ],
  // BT-5 currency
  [
    'currency',
    0.95,
    [
      '(?:rechnungs)?währung',
      'currency',
      'devise',
      'beträgein',
      'betragin',
      '(?:all)?amountsin',
      'montantsen',
    ],
  ],
  // BG-17 bank account
  ['iban', 0.95, ['iban(?:nr|nummer)?']],
  ['bic', 0.95, ['bic', 'swift(?:code|bic)?', 'bic\\/swift', 'swift\\/bic']],
  // BT-31 / BT-48 VAT ids, BT-32 tax number
  [
    'buyerVatId',
    0.9,
    [
      `(?:ihre|kunden|käufer)(?:${VAT_WORD}|umsatzsteuer)?(?:id|identnr|idnr|identifikationsnummer)\\w*`,
      'ihreuid',
      '(?:your|customer|buyer|client)(?:vat|tax)(?:id|no|number|reg)\\w*',
      '(?:n°|numéro)?tvaclient',
      'uwbtw(?:nummer|nr)',
    ],
  ],
  [
    'sellerVatId',
    0.9,
    [
      `(?:${VAT_WORD}|umsatzsteuer)(?:id|identnr|idnr|identifikationsnummer)(?:nr|nummer)?`,
      'uid(?:nr|nummer)?',
      'vat(?:id|no|number|reg(?:istration)?(?:no|number)?)',
      '(?:n°)?tva(?:intracom(?:munautaire)?)?',
      'mwstnr',
      'btw(?:nummer|nr|id)',
    ],
  ],
  ['taxNumber', 0.9, ['steuernummer', 'steuernr', 'stnr', 'taxnumber', 'taxno']],
  // BT-13 purchase order
  [
    'purchaseOrder',
    0.9,
    [
      'bestell(?:nummer|nr|no)',
      'ihrebestell(?:ung|nummer|nr)(?:nr|nummer)?',
      'ihrauftrag',
      'ihreauftrags(?:nummer|nr)',
      'auftrags(?:nummer|nr)',
      'po(?:number|no|#)',
      'purchaseorder(?:number|no)?',
      'yourorder(?:number|no)?',
      'order(?:number|no)',
      'bondecommande',
      'votreréférence',
    ],
  ],
  // BG-4 seller, BG-7 buyer (name below or to the right)
  [
    'seller',
    0.85,
    [
      'verkäufer',
      'rechnungs(?:ersteller|steller)',
      'lieferant',
      'leistungserbringer',
      'seller',
      'supplier',
      'vendor',
      'vendeur',
      'fournisseur',
    ],
  ],
  [
    'buyer',
    0.85,
    [
      'käufer(?:\\/leistungsempfänger)?',
      'rechnungsempfänger',
      'leistungsempfänger',
      'rechnungsanschrift',
      'buyer',
      'billto',
      'invoiceto',
      'soldto',
      'customer',
      'kunde',
      'acheteur',
      'adressedefacturation',
    ],
  ],
  // Labels that only stop a neighbour's value (and keep dates/numbers from being misread).
  [
    'otherDate',
    0.5,
    ['bestelldatum', 'auftragsdatum', 'lieferscheindatum', 'orderdate', 'druckdatum', 'vertragsbeginn'],
  ],
  [
    'otherNumber',
    0.5,
    [
      'kunden(?:nummer|nr)',
      'klant(?:nummer|nr)',
      'customer(?:number|no|id)',
      'lieferschein(?:nummer|nr)',
      'vertrags(?:nummer|nr)',
      'debitoren(?:nummer|nr)',
      'mandatsreferenz',
      'gläubigerid',
      'ihrzeichen',
      'unserzeichen',
      'seite',
      'page',
    ],
  ],
  [
    'otherAmount',
    0.5,
    ['skonto', 'rabatt', 'bereitsbezahlt', 'anzahlung', 'prepaid', 'discount', 'versandkosten'],
  ],
];

export const LABELS: LabelSpec[] = TABLE.flatMap(([field, weight, patterns]) =>
  patterns.map((pattern) => ({ field, weight, pattern })),
);

export type CompiledLabel = LabelSpec & { regex: RegExp };

/** One regex per label, anchored to where matching starts. */
export const COMPILED_LABELS: CompiledLabel[] = LABELS.map((spec) => ({
  ...spec,
  regex: new RegExp(spec.pattern, 'y'),
}));

/** Labels by the literal letter they start with; patterns starting with a group are tried everywhere. */
const BY_FIRST_CHAR = new Map<string, CompiledLabel[]>();
const ANY_START: CompiledLabel[] = [];
for (const label of COMPILED_LABELS) {
  const first = label.pattern[0] ?? '';
  if (/[\p{L}#]/u.test(first)) BY_FIRST_CHAR.set(first, [...(BY_FIRST_CHAR.get(first) ?? []), label]);
  else ANY_START.push(label);
}

/** The labels that can match at a position whose compact character is `char`. */
export function labelsStartingWith(char: string): CompiledLabel[] {
  const literal = BY_FIRST_CHAR.get(char);
  return literal ? [...literal, ...ANY_START] : ANY_START;
}

/** Lower case, without whitespace, dots, hyphens and underscores; with a map back to the original. */
export function compactText(text: string): { compact: string; origin: number[] } {
  let compact = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (/[\s.\-_–]/.test(char)) continue;
    const lower = char.toLowerCase();
    for (const c of lower) {
      compact += c;
      origin.push(i);
    }
  }
  return { compact, origin };
}
