/**
 * Sample invoice PDFs for tests and the demo: a realistic German (or English) layout with a
 * text layer (letterhead, address window, invoice data block, positions table, totals, payment
 * terms, footer with bank and tax data) and, on request, an embedded e-invoice XML as a
 * Factur-X/ZUGFeRD hybrid (AFRelationship Alternative, /AF array, XMP metadata).
 * It prints the model as it is; it never computes amounts.
 */
import {
  AFRelationship,
  PDFDocument,
  type PDFFont,
  PDFName,
  type PDFPage,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import type { Invoice } from '../functions/core/invoice/model';
import { isCreditNote } from '../functions/core/invoice/model';

export interface WriteInvoicePdfOptions {
  embed?: {
    xml: string;
    fileName: string;
    /** Factur-X/ZUGFeRD conformance level for the XMP, e.g. 'EN 16931', 'XRECHNUNG'. */
    profile?: string;
    flavour?: 'factur-x' | 'zugferd';
  };
  language?: 'de' | 'en';
  /** Layout variant (tests of the text reader print the same invoice in many layouts). */
  layout?: PdfLayout;
}

export type TableColumn =
  | 'position'
  | 'quantity'
  | 'unit'
  | 'description'
  | 'unitPrice'
  | 'vatRate'
  | 'amount';

export interface PdfLayout {
  /** DIN 5008 form B: sender line and address window at the norm's positions (25 mm left, 45 mm top). */
  din5008?: boolean;
  /** "Rechnungssteller:" and "Rechnungsempfänger:" blocks instead of sender line and window. */
  partyBlocks?: boolean;
  /** Order of the positions table's columns (default: Pos., Bezeichnung, Menge, Einzelpreis, Betrag). */
  columns?: TableColumn[];
  /** Print each line's description (BT-154) under its name, wrapped over several lines. */
  descriptions?: boolean;
  /** Positions per page; the table continues on the next page. */
  linesPerPage?: number;
  /** Repeat the table header on a continuation page. Default true. */
  repeatHeader?: boolean;
  /** A VAT summary table (rate | basis | VAT) instead of one VAT line per rate. */
  vatTable?: boolean;
  /** The payment terms printed as "Zahlungsbedingungen:" with the text below. */
  termsHeading?: boolean;
}

const COLUMN_TITLES: Record<TableColumn, [string, string]> = {
  position: ['Pos.', 'Item'],
  quantity: ['Menge', 'Qty'],
  unit: ['Einheit', 'Unit'],
  description: ['Bezeichnung', 'Description'],
  unitPrice: ['Einzelpreis', 'Unit price'],
  vatRate: ['USt %', 'VAT %'],
  amount: ['Gesamt', 'Amount'],
};
const COLUMN_WIDTHS: Record<TableColumn, number> = {
  position: 30,
  quantity: 60,
  unit: 45,
  description: 185,
  unitPrice: 70,
  vatRate: 45,
  amount: 75,
};
const TEXT_COLUMNS = new Set<TableColumn>(['position', 'description', 'unit']);

const TEXTS = {
  de: {
    invoice: 'Rechnung',
    creditNote: 'Gutschrift',
    number: 'Rechnungsnummer',
    date: 'Rechnungsdatum',
    delivery: 'Leistungsdatum',
    order: 'Bestellnummer',
    buyerReference: 'Ihre Referenz',
    position: 'Pos.',
    description: 'Bezeichnung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    amount: 'Betrag',
    net: 'Nettobetrag',
    vat: 'USt',
    gross: 'Gesamtbetrag',
    due: 'Zahlungsziel: zahlbar bis',
    vatId: 'USt-IdNr.',
    taxNumber: 'Steuernummer',
    intro: 'Wir berechnen Ihnen folgende Lieferungen und Leistungen:',
  },
  en: {
    invoice: 'Invoice',
    creditNote: 'Credit note',
    number: 'Invoice No.',
    date: 'Invoice date',
    delivery: 'Delivery date',
    order: 'PO number',
    buyerReference: 'Your reference',
    position: 'Item',
    description: 'Description',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    amount: 'Amount',
    net: 'Subtotal',
    vat: 'VAT',
    gross: 'Total',
    due: 'Payment due by',
    vatId: 'VAT ID',
    taxNumber: 'Tax number',
    intro: 'We invoice the following goods and services:',
  },
} as const;

// biome-ignore format: a list
const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export async function writeInvoicePdf(
  invoice: Invoice,
  options: WriteInvoicePdfOptions = {},
): Promise<Uint8Array> {
  const language = options.language ?? 'de';
  const t = TEXTS[language];
  const doc = await PDFDocument.create();
  doc.setTitle(`${isCreditNote(invoice) ? t.creditNote : t.invoice} ${invoice.invoiceNumber}`);
  doc.setProducer('invoice-agent samples/pdf-writer');
  doc.setCreationDate(new Date(Date.UTC(2024, 0, 1)));
  doc.setModificationDate(new Date(Date.UTC(2024, 0, 1)));
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const money = (amount: string | undefined) => formatAmount(amount ?? '', language);
  const date = (iso: string | undefined) => formatDate(iso ?? '', language);

  let page = doc.addPage([595.28, 841.89]);
  const draw = (text: string, x: number, y: number, size = 9, font: PDFFont = regular) =>
    page.drawText(encodable(text, font), { x, y, size, font, color: rgb(0, 0, 0) });
  const drawRight = (text: string, right: number, y: number, size = 9, font: PDFFont = regular) => {
    const safe = encodable(text, font);
    page.drawText(safe, { x: right - font.widthOfTextAtSize(safe, size), y, size, font });
  };

  // Letterhead (BG-4)
  const seller = invoice.seller;
  const sellerAddress = [
    seller.address?.line1,
    [seller.address?.postalCode, seller.address?.city].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(' · ');
  if (options.layout?.partyBlocks) draw(language === 'de' ? 'Rechnungssteller:' : 'From:', 50, 806, 8, bold);
  draw(seller.name ?? '', 50, 790, 16, bold);
  draw(sellerAddress, 50, 774, 9);
  if (seller.contact?.email || seller.contact?.phone)
    draw([seller.contact.phone, seller.contact.email].filter(Boolean).join(' · '), 50, 762, 8);

  // Address window: sender line, then the buyer (BG-7)
  const layout = options.layout ?? {};
  const buyerLines = [
    invoice.buyer.name,
    invoice.buyer.address?.line1,
    [invoice.buyer.address?.postalCode, invoice.buyer.address?.city].filter(Boolean).join(' '),
  ].filter((l): l is string => Boolean(l));
  if (layout.partyBlocks) {
    draw(language === 'de' ? 'Rechnungsempfänger:' : 'Bill to:', 50, 716, 8, bold);
    buyerLines.forEach((line, i) => {
      draw(line, 50, 702 - i * 12, 9);
    });
  } else if (layout.din5008) {
    // form B: window 45 mm from the top, 25 mm from the left; sender line in its top 5 mm
    const mm = 72 / 25.4;
    const top = 841.89 - 45 * mm;
    draw([seller.name, sellerAddress].filter(Boolean).join(' · '), 25 * mm, top - 9, 7);
    buyerLines.forEach((line, i) => {
      draw(line, 25 * mm, top - 17.7 * mm - 4 - i * 12, 10);
    });
  } else {
    draw([seller.name, sellerAddress].filter(Boolean).join(' · '), 50, 712, 6.5);
    buyerLines.forEach((line, i) => {
      draw(line, 50, 696 - i * 13, 10);
    });
  }

  // Invoice data block, label left and value right
  const info: [string, string | undefined][] = [
    [t.number, invoice.invoiceNumber],
    [t.date, date(invoice.issueDate)],
    [t.delivery, invoice.delivery?.date ? date(invoice.delivery.date) : undefined],
    [t.order, invoice.purchaseOrderReference],
    [t.buyerReference, invoice.buyerReference],
  ];
  let infoY = 700;
  for (const [label, value] of info) {
    if (!value) continue;
    draw(`${label}:`, 340, infoY, 9);
    drawRight(value, 545, infoY, 9);
    infoY -= 14;
  }

  // Title and positions table (BG-25)
  draw(isCreditNote(invoice) ? t.creditNote : t.invoice, 50, 600, 18, bold);
  draw(t.intro, 50, 580, 9);
  const table = tableColumns(layout.columns);
  let y = 555;
  const drawHeader = () => {
    for (const column of table) {
      const title = COLUMN_TITLES[column.column][language === 'de' ? 0 : 1];
      if (column.left) draw(title, column.x, y, 9, bold);
      else drawRight(title, column.x, y, 9, bold);
    }
    page.drawLine({ start: { x: 50, y: y - 4 }, end: { x: 545, y: y - 4 }, thickness: 0.5 });
    y -= 18;
  };
  drawHeader();
  const hasUnitColumn = table.some((c) => c.column === 'unit');
  invoice.lines.forEach((line, index) => {
    const pageFull = layout.linesPerPage ? index > 0 && index % layout.linesPerPage === 0 : y < 200;
    if (pageFull) {
      page = doc.addPage([595.28, 841.89]);
      y = 780;
      if (layout.repeatHeader ?? Boolean(layout.linesPerPage)) drawHeader();
    }
    const cellText: Record<TableColumn, string> = {
      position: line.id,
      description: line.name.slice(0, 48),
      quantity: hasUnitColumn
        ? formatQuantity(line.quantity, language)
        : `${formatQuantity(line.quantity, language)} ${unitName(line.unit, language)}`.trim(),
      unit: unitName(line.unit, language),
      unitPrice: money(line.price),
      vatRate: line.vatRate === undefined ? '' : `${formatQuantity(line.vatRate, language)} %`,
      amount: money(line.net),
    };
    for (const column of table) {
      if (column.left) draw(cellText[column.column], column.x, y);
      else drawRight(cellText[column.column], column.x, y);
    }
    y -= 15;
    const description = table.find((c) => c.column === 'description');
    if (layout.descriptions && line.description && description) {
      for (const part of wrap(line.description, 45)) {
        draw(part, description.x, y + 3, 8);
        y -= 11;
      }
      y -= 4;
    }
  });

  // Totals (BG-22, BG-23)
  y -= 10;
  page.drawLine({ start: { x: 330, y: y + 8 }, end: { x: 545, y: y + 8 }, thickness: 0.5 });
  const currency = invoice.currency === 'EUR' ? '€' : invoice.currency;
  drawTotal(page, `${t.net}`, `${money(invoice.totals.net)} ${currency}`, y, regular, draw, drawRight);
  y -= 14;
  if (layout.vatTable) {
    y -= 6;
    draw(language === 'de' ? 'USt-Satz' : 'VAT rate', 50, y, 8, bold);
    drawRight(language === 'de' ? 'Bemessungsgrundlage' : 'Net amount', 250, y, 8, bold);
    drawRight(language === 'de' ? 'Steuerbetrag' : 'VAT amount', 350, y, 8, bold);
    y -= 13;
    for (const vat of invoice.vatBreakdown) {
      draw(`${formatQuantity(vat.rate ?? '0', language)} %`, 50, y, 8);
      drawRight(money(vat.taxable), 250, y, 8);
      drawRight(money(vat.tax), 350, y, 8);
      y -= 12;
    }
    drawTotal(
      page,
      language === 'de' ? 'Summe USt' : 'VAT total',
      `${money(invoice.totals.vat)} ${currency}`,
      y,
      regular,
      draw,
      drawRight,
    );
    y -= 14;
  } else
    for (const vat of invoice.vatBreakdown) {
      const rate = vat.rate === undefined ? '' : ` ${formatQuantity(vat.rate, language)} %`;
      drawTotal(page, `${t.vat}${rate}`, `${money(vat.tax)} ${currency}`, y, regular, draw, drawRight);
      y -= 14;
    }
  drawTotal(page, t.gross, `${money(invoice.totals.gross)} ${currency}`, y, bold, draw, drawRight);
  y -= 30;

  // Payment terms (BT-9, BT-20)
  if (invoice.dueDate) {
    draw(`${t.due} ${date(invoice.dueDate)}`, 50, y);
    y -= 13;
  }
  if (invoice.paymentTerms && layout.termsHeading) {
    draw(language === 'de' ? 'Zahlungsbedingungen:' : 'Payment terms:', 50, y, 9, bold);
    y -= 13;
  }
  for (const termsLine of (invoice.paymentTerms ?? '').split('\n').filter(Boolean)) {
    draw(termsLine.slice(0, 110), 50, y);
    y -= 13;
  }

  // Footer: bank and tax data (BG-17, BT-31, BT-32)
  const account = invoice.payment.accounts[0];
  const footer = [
    [seller.name, sellerAddress].filter(Boolean).join(' · '),
    [
      account ? `IBAN: ${groupIban(account.iban)}` : undefined,
      account?.bic ? `BIC: ${account.bic}` : undefined,
    ]
      .filter(Boolean)
      .join('   '),
    [
      seller.vatId ? `${t.vatId}: ${seller.vatId}` : undefined,
      seller.taxNumber ? `${t.taxNumber}: ${seller.taxNumber}` : undefined,
    ]
      .filter(Boolean)
      .join('   '),
  ];
  for (const current of doc.getPages()) {
    footer.forEach((line, i) => {
      if (line)
        current.drawText(encodable(line, regular), { x: 50, y: 60 - i * 11, size: 7.5, font: regular });
    });
  }

  if (options.embed) await embedXml(doc, options.embed, invoice);
  return doc.save({ useObjectStreams: false });
}

type DrawFn = (text: string, x: number, y: number, size?: number, font?: PDFFont) => unknown;

function drawTotal(
  _page: PDFPage,
  label: string,
  value: string,
  y: number,
  font: PDFFont,
  draw: DrawFn,
  drawRight: DrawFn,
): void {
  draw(label, 330, y, 9, font);
  drawRight(value, 545, y, 9, font);
}

/** Attaches the XML as the invoice's alternative representation, with Factur-X/ZUGFeRD XMP. */
async function embedXml(
  doc: PDFDocument,
  embed: NonNullable<WriteInvoicePdfOptions['embed']>,
  invoice: Invoice,
): Promise<void> {
  await doc.attach(new TextEncoder().encode(embed.xml), embed.fileName, {
    mimeType: 'text/xml',
    description: 'Factur-X/ZUGFeRD invoice',
    creationDate: new Date(Date.UTC(2024, 0, 1)),
    modificationDate: new Date(Date.UTC(2024, 0, 1)),
    afRelationship: AFRelationship.Alternative,
  });
  const flavour = embed.flavour ?? 'factur-x';
  const namespace =
    flavour === 'factur-x'
      ? 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#'
      : 'urn:zugferd:pdfa:CrossIndustryDocument:invoice:2p0#';
  const prefix = flavour === 'factur-x' ? 'fx' : 'zf';
  const xmp = `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
  <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
    <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
      <pdfaid:part>3</pdfaid:part>
      <pdfaid:conformance>B</pdfaid:conformance>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(invoice.invoiceNumber)}</rdf:li></rdf:Alt></dc:title>
    </rdf:Description>
    <rdf:Description rdf:about="" xmlns:${prefix}="${namespace}">
      <${prefix}:DocumentType>INVOICE</${prefix}:DocumentType>
      <${prefix}:DocumentFileName>${escapeXml(embed.fileName)}</${prefix}:DocumentFileName>
      <${prefix}:Version>1.0</${prefix}:Version>
      <${prefix}:ConformanceLevel>${escapeXml(embed.profile ?? 'EN 16931')}</${prefix}:ConformanceLevel>
    </rdf:Description>
  </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  const stream = doc.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' }); // UTF-8 bytes
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

// ---- Table ----

/** Column positions: text columns by their left edge, numbers by their right edge. */
function tableColumns(
  columns: TableColumn[] | undefined,
): { column: TableColumn; x: number; left: boolean }[] {
  if (!columns)
    return [
      { column: 'position', x: 50, left: true },
      { column: 'description', x: 80, left: true },
      { column: 'quantity', x: 370, left: false },
      { column: 'unitPrice', x: 450, left: false },
      { column: 'amount', x: 545, left: false },
    ];
  const total = columns.reduce((n, c) => n + COLUMN_WIDTHS[c], 0);
  const scale = 495 / total;
  let x = 50;
  return columns.map((column) => {
    const width = COLUMN_WIDTHS[column] * scale;
    const left = TEXT_COLUMNS.has(column);
    const placed = { column, x: left ? x : x + width - 4, left };
    x += width;
    return placed;
  });
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.slice(0, 4);
}

// ---- Formatting ----

function formatAmount(amount: string, language: 'de' | 'en'): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const decimals = fraction.padEnd(2, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, language === 'de' ? '.' : ',');
  return `${negative ? '-' : ''}${grouped}${language === 'de' ? ',' : '.'}${decimals}`;
}

function formatQuantity(quantity: string, language: 'de' | 'en'): string {
  const trimmed = quantity.includes('.') ? quantity.replace(/\.?0+$/, '') : quantity;
  return language === 'de' ? trimmed.replace('.', ',') : trimmed;
}

function formatDate(iso: string, language: 'de' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, year, month, day] = m;
  return language === 'de'
    ? `${day}.${month}.${year}`
    : `${MONTHS_EN[Number(month) - 1]} ${Number(day)}, ${year}`;
}

const UNIT_NAMES: Record<string, [string, string]> = {
  C62: ['Stk.', 'pcs'],
  H87: ['Stk.', 'pcs'],
  XPK: ['Pck.', 'pack'],
  HUR: ['Std.', 'h'],
  DAY: ['Tage', 'days'],
  MTR: ['m', 'm'],
  KGM: ['kg', 'kg'],
  LS: ['pausch.', 'lump sum'],
};

function unitName(code: string | undefined, language: 'de' | 'en'): string {
  const names = code ? UNIT_NAMES[code] : undefined;
  return names ? names[language === 'de' ? 0 : 1] : '';
}

function groupIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Replaces characters the standard font cannot encode (WinAnsi) with '?'. */
function encodable(text: string, font: PDFFont): string {
  let out = '';
  for (const char of text) {
    try {
      font.encodeText(char);
      out += char;
    } catch {
      out += '?';
    }
  }
  return out;
}
