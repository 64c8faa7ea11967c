import { addDays } from '../../functions/core/checks/dates';
import type { ReasonCode } from '../../functions/core/checks/reason-codes';
import type { MailContext } from '../../functions/core/checks/types';
import { type CompanyConfig, parseCompanyConfig } from '../../functions/core/config/company';
import type { DocumentFindings } from '../../functions/core/extraction/extract';
import type { Invoice } from '../../functions/core/invoice/model';
import type { MasterDataFiles } from '../../functions/core/masterdata/parse';
import type { Route } from '../../functions/core/policy/decide';
import type { ValidationReport } from '../../functions/core/validation/types';
import { buildInvoice, type InvoiceSpec, type SellerSpec } from './builder';

/**
 * The labelled scenario suite: master data (CSV, as `masterdata import` reads it), and scenarios of
 * ordered steps (invoice + mail + expected route and reason codes). It covers every reason code and
 * every route at each autonomy level that matters.
 *
 * Mailing into the local stack: import `masterDataCsv`, then send the steps of all scenarios in suite
 * order, switching the policy (`policy`, merged over the defaults) per scenario. Scenarios use
 * distinct invoice numbers, amounts and dates (three weeks apart per scenario), so a shared invoice
 * history does not let one scenario influence another. Every mailable step, written as XRechnung CII
 * (samples/einvoice-writer.ts writeCii), reads back and validates to the same route (see
 * xml-round-trip.test.ts). Scenarios with `mailable: false` need inputs a mail cannot carry (a hand-made
 * validation report, extraction confidence, mail-authentication verdicts, or content EN 16931 forbids).
 */

export interface ScenarioExpectation {
  route: Route;
  /** Exactly the reason codes of the decision (order irrelevant). */
  codes: ReasonCode[];
  /** Approvers in order, when the scenario pins them. */
  approvers?: string[];
  /** Who a clarification goes to. */
  clarifyWith?: string;
}

export interface ScenarioStep {
  label: string;
  invoice?: Invoice;
  /** A document that could not be read: decided via decideUnreadable. */
  unreadable?: { cause: string; message: string };
  mail: MailContext;
  receivedAt: string;
  /** SHA-256 of the file; the runner derives one from the invoice when absent (same invoice, same file). */
  fileHash?: string;
  validation?: ValidationReport;
  /** What reading the PDF found (active content, refused embedded XML). */
  findings?: DocumentFindings;
  expect: ScenarioExpectation;
}

export interface Scenario {
  id: string;
  title: string;
  /** Policy JSON merged over the defaults (autonomyLevel 1, autoApproveMaxGross 1000, fourEyesMinGross 5000, ...). */
  policy: Record<string, unknown>;
  mailable: boolean;
  steps: ScenarioStep[];
}

/** Who the suite's invoices are addressed to (configuration `company`; the local stack's sample company). */
export const suiteCompany: CompanyConfig = parseCompanyConfig({
  name: 'Schreinerei Holzmann GmbH',
  names: ['Holzmann Schreinerei'],
  vatIds: ['DE316985401'],
  addresses: [{ line1: 'Industriestraße 5', postalCode: '50667', city: 'Köln', countryCode: 'DE' }],
});

// ---- Master data ----

const BOM = '\uFEFF';

/** Company: Schreinerei Holzmann GmbH (Köln). Amounts: decimal comma or point, as exported. */
export const masterDataCsv: Required<MasterDataFiles> = {
  vendors: `${BOM}vendorId;name;vatId;taxNumber;iban;emailDomains;glAccount;costCenter;requiresPo;paymentTermsDays;vendorManagerEmail;notes
V100;Muster Bürobedarf GmbH;DE811907980;143/123/45678;DE89370400440532013000;muster-buerobedarf.de;4930;1000;nein;30;;Büromaterial
V200;Schrauben Schmidt KG;DE129273398;;DE02120300000000202051|DE75512108001245126199;schmidt-schrauben.de|mail.schmidt-schrauben.de;3400;2000;ja;14;erik.maier@holzmann-schreinerei.de;"Befestigung; Kleinteile"
V300;"Cloud Hosting AG";DE 267 895 534;;DE02 1001 0010 0006 8201 01;cloudhosting.de;4806;1000;false;14;;
V400;Holland Parts B.V.;NL123456789B01;;NL91ABNA0417164300;hollandparts.nl;3425;2000;true;30;erik.maier@holzmann-schreinerei.de;EU-Lieferant
V500;Elektro Wagner e.K.;;21/815/08150;DE71700500000012345678;elektro-wagner.de;4200;3000;no;;;Bauleistungen
`,
  purchaseOrders: `poNumber;vendorId;line;description;quantity;unitPrice;currency;costCenter;requesterEmail
PO-1001;V200;1;Sechskantschrauben M8x40 verzinkt;1000;0,12;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1001;V200;2;Dübel 8 mm;500;0,08;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1002;V200;1;Holzschrauben 5x60 Senkkopf;10000;0,15;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1003;V200;1;Schraubautomat Typ X2;1;6000,00;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1004;V200;1;Gewindestangen M10 1 m;200;2,10;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1005;V200;1;Unterlegscheiben M8;2000;0,05;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1006;V200;1;Spanplattenschrauben 4x40;5000;0,04;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1007;V200;1;Torx-Bits T25;300;1,50;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1008;V200;1;Schleifpapier K120;10;2,00;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1009;V200;1;Winkelverbinder 90x90;100;1,20;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1010;V200;1;Flachverbinder 40x160;100;0,90;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1011;V200;1;Schlossschrauben M10x80;100;0,60;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1012;V200;1;Senkkopfschrauben 6x80;1000;0,20;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1013;V200;1;Sechskantmuttern M8;1000;0,03;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1014;V200;1;Rampa-Muffen M8;200;0,45;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1015;V400;1;Topfbandscharniere 35 mm;400;1,85;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1016;V400;1;Schubladenführung 500 mm;50;12,40;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1017;V200;1;Bohrer-Set HSS 19-tlg.;5;29,90;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1018;V200;1;CNC-Frässpindel 3 kW;1;10084,03;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1019;V200;1;Zylinderkopfschrauben M6;1000;0,09;EUR;2000;erik.maier@holzmann-schreinerei.de
PO-1020;V200;1;Spax-Schrauben 5x50;1000;0,10;EUR;2000;erik.maier@holzmann-schreinerei.de
`,
  goodsReceipts: `poNumber;line;quantityReceived;receivedAt
PO-1001;1;1000;2021-03-01
PO-1001;2;500;2021-03-01
PO-1002;1;6000;2021-04-01
PO-1002;1;4000;2021-04-10
PO-1003;1;1;2021-04-20
PO-1004;1;200;2021-05-10
PO-1005;1;2000;2021-05-31
PO-1006;1;5000;2021-09-01
PO-1007;1;300;2021-09-20
PO-1008;1;10;2021-10-10
PO-1009;1;60;2021-11-01
PO-1010;1;120;2021-11-20
PO-1011;1;100;2021-12-10
PO-1012;1;1000;2022-01-01
PO-1013;1;1000;2022-01-20
PO-1014;1;200;2022-02-10
PO-1015;1;400;2022-09-01
PO-1016;1;50;2022-09-20
PO-1017;1;5;2023-02-01
PO-1018;1;1;2023-02-20
PO-1019;1;1000;2024-06-01
PO-1020;1;1000;2024-08-01
`,
  approvers: `email;name;role;costCenters;limit;deputyEmail;language
anna.berg@holzmann-schreinerei.de;Anna Berg;Teamleitung Verwaltung;1000;2.500,00;ben.koch@holzmann-schreinerei.de;de
ben.koch@holzmann-schreinerei.de;Ben Koch;Bereichsleitung;1000|2000|3000;15000;clara.wolf@holzmann-schreinerei.de;de
clara.wolf@holzmann-schreinerei.de;Clara Wolf;Geschäftsführung;*;1000000;ben.koch@holzmann-schreinerei.de;en
erik.maier@holzmann-schreinerei.de;Erik Maier;Werkstattleitung;2000;3000;ben.koch@holzmann-schreinerei.de;de
frieda.lang@holzmann-schreinerei.de;Frieda Lang;Buchhaltung;*;0;;de
`,
};

const ANNA = 'anna.berg@holzmann-schreinerei.de';
const BEN = 'ben.koch@holzmann-schreinerei.de';
const CLARA = 'clara.wolf@holzmann-schreinerei.de';
const ERIK = 'erik.maier@holzmann-schreinerei.de';
const FRIEDA = 'frieda.lang@holzmann-schreinerei.de';

// ---- Sellers as they appear on invoices ----

const MUSTER: SellerSpec = {
  name: 'Muster Bürobedarf GmbH',
  vatId: 'DE811907980',
  taxNumber: '143/123/45678',
  iban: 'DE89370400440532013000',
  email: 'buchhaltung@muster-buerobedarf.de',
};
const SCHMIDT: SellerSpec = {
  name: 'Schrauben Schmidt KG',
  vatId: 'DE129273398',
  iban: 'DE02120300000000202051',
  email: 'rechnung@schmidt-schrauben.de',
  city: 'Stuttgart',
};
const CLOUD: SellerSpec = {
  name: 'Cloud Hosting AG',
  vatId: 'DE267895534',
  iban: 'DE02100100100006820101',
  email: 'billing@cloudhosting.de',
  city: 'Nürnberg',
};
const HOLLAND: SellerSpec = {
  name: 'Holland Parts B.V.',
  vatId: 'NL123456789B01',
  iban: 'NL91ABNA0417164300',
  email: 'invoices@hollandparts.nl',
  countryCode: 'NL',
  city: 'Rotterdam',
};
const WAGNER: SellerSpec = {
  name: 'Elektro Wagner e.K.',
  taxNumber: '21/815/08150',
  iban: 'DE71700500000012345678',
  email: 'info@elektro-wagner.de',
  city: 'Köln',
};
const KRAUS: SellerSpec = {
  name: 'Druckerei Kraus GmbH',
  vatId: 'DE296377351',
  iban: 'DE24100100100555444333',
  email: 'rechnung@druckerei-kraus.de',
};

/** A bank account no vendor has on file (the fraudster's). */
const FOREIGN_IBAN = 'DE34760100850987654321';

// ---- Helpers ----

/** Each scenario gets its own three-week slot so that windows (±7 / ±14 days) never overlap. */
function slot(n: number, offsetDays = 0): string {
  return addDays('2021-03-01', 21 * n + offsetDays);
}

function mailFrom(
  address: string,
  authentication: MailContext['authentication'] = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
): MailContext {
  return { from: address, senderDomain: address.split('@')[1]!, authentication };
}

function sellerMail(seller: SellerSpec): MailContext {
  return mailFrom(seller.email!);
}

interface StepOptions {
  label?: string;
  mail?: MailContext;
  receivedAt?: string;
  validation?: ValidationReport;
  fileHash?: string;
  findings?: DocumentFindings;
}

function step(spec: InvoiceSpec, expect: ScenarioExpectation, options: StepOptions = {}): ScenarioStep {
  return {
    label: options.label ?? spec.number,
    invoice: buildInvoice(spec),
    mail: options.mail ?? sellerMail(spec.seller),
    receivedAt: options.receivedAt ?? `${addDays(spec.issueDate, 1)}T09:00:00Z`,
    ...(options.validation && { validation: options.validation }),
    ...(options.fileHash && { fileHash: options.fileHash }),
    ...(options.findings && { findings: options.findings }),
    expect,
  };
}

function scenario(
  id: string,
  title: string,
  policy: Record<string, unknown>,
  steps: ScenarioStep[],
  mailable = true,
): Scenario {
  return { id, title, policy, mailable, steps };
}

const L0 = { autonomyLevel: 0 };
const L1 = { autonomyLevel: 1 };
const L2 = { autonomyLevel: 2 };

/** Office supplies from Muster: net amount via one line, 19 %. */
function officeLine(net: string, name = 'Büromaterial laut Lieferschein'): InvoiceSpec['lines'] {
  return [{ name, quantity: '1', price: net }];
}

const fatal = (rule: string, message: string): ValidationReport => ({
  valid: false,
  ruleSets: ['EN16931-CII', 'XRechnung-CII-3.0'],
  findings: [{ rule, severity: 'fatal', message }],
});

// ---- Scenarios ----

export const scenarios: Scenario[] = [
  // Autonomy level 1 (default): clean PO-matched invoices below the limit pass alone.
  scenario('S01', 'Clean PO-matched invoice below the limit is approved automatically (level 1)', L1, [
    step(
      {
        number: 'SS-7001',
        issueDate: slot(1),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1001',
        lines: [
          {
            name: 'Sechskantschrauben M8x40 verzinkt',
            quantity: '1000',
            price: '0.12',
            orderLineReference: '1',
          },
          { name: 'Dübel 8 mm', quantity: '500', price: '0.08', orderLineReference: '2' },
        ],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario(
    'S02',
    'Clean invoice of a known vendor without PO goes to the cost-centre approver (level 1)',
    L1,
    [
      step(
        { number: 'RE-5002', issueDate: slot(2), seller: MUSTER, lines: officeLine('180.00') },
        { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'], approvers: [ANNA] },
      ),
    ],
  ),
  scenario('S03', 'PO-matched invoice above the auto-approval limit needs one approver', L1, [
    step(
      {
        number: 'SS-7003',
        issueDate: slot(3),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO 1002',
        lines: [{ name: 'Holzschrauben 5x60 Senkkopf', quantity: '10000', price: '0.15' }],
      },
      { route: 'APPROVE', codes: ['AMOUNT_ABOVE_THRESHOLD'], approvers: [ERIK] },
    ),
  ]),
  scenario('S04', 'Invoice at or above the four-eyes limit needs two distinct approvers', L1, [
    step(
      {
        number: 'SS-7004',
        issueDate: slot(4),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1003',
        lines: [{ name: 'Schraubautomat Typ X2', quantity: '1', price: '6000.00' }],
      },
      { route: 'APPROVE_FOUR_EYES', codes: ['AMOUNT_ABOVE_THRESHOLD'], approvers: [BEN, CLARA] },
    ),
  ]),
  scenario('S05', 'Unknown IBAN on a clean PO-matched invoice is a fraud hold for a person', L1, [
    step(
      {
        number: 'SS-7005',
        issueDate: slot(5),
        seller: { ...SCHMIDT, iban: FOREIGN_IBAN },
        purchaseOrderReference: 'PO-1004',
        lines: [{ name: 'Gewindestangen M10 1 m', quantity: '200', price: '2.10' }],
      },
      { route: 'APPROVE', codes: ['IBAN_MISMATCH'] },
    ),
  ]),
  scenario('S06', 'The same invoice sent twice: the second is rejected as an exact duplicate', L1, [
    step(
      {
        number: 'SS-7006',
        issueDate: slot(6),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1005',
        lines: [{ name: 'Unterlegscheiben M8', quantity: '2000', price: '0.05' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
      { label: 'original' },
    ),
    step(
      {
        number: 'SS-7006',
        issueDate: slot(6),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1005',
        lines: [{ name: 'Unterlegscheiben M8', quantity: '2000', price: '0.05' }],
      },
      { route: 'REJECT', codes: ['DUPLICATE_EXACT'] },
      { label: 'sent again', receivedAt: `${slot(6, 3)}T08:00:00Z` },
    ),
  ]),
  scenario(
    'S07',
    'An invoice number written differently (case, spaces, leading zeros) in another file is a suspected duplicate',
    L1,
    [
      step(
        { number: 'RE-2021-0815', issueDate: slot(7), seller: MUSTER, lines: officeLine('210.00') },
        { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'] },
      ),
      step(
        {
          number: 're 2021 815',
          issueDate: slot(7),
          seller: MUSTER,
          lines: officeLine('210.00', 'Büromaterial'),
        },
        { route: 'APPROVE', codes: ['DUPLICATE_SUSPECTED'] },
        { receivedAt: `${slot(7, 5)}T10:00:00Z` },
      ),
    ],
  ),
  scenario('S08', 'An unknown vendor sending the same file twice: clarification, then rejection', L1, [
    step(
      {
        number: 'DK-8008',
        issueDate: slot(8),
        seller: KRAUS,
        lines: [{ name: 'Flyer DIN A5, 5000 Stück', quantity: '1', price: '240.00' }],
      },
      { route: 'CLARIFY', codes: ['VENDOR_UNKNOWN'], clarifyWith: FRIEDA },
    ),
    step(
      {
        number: 'DK-8008',
        issueDate: slot(8),
        seller: KRAUS,
        lines: [{ name: 'Flyer DIN A5, 5000 Stück', quantity: '1', price: '240.00' }],
      },
      { route: 'REJECT', codes: ['DUPLICATE_EXACT', 'VENDOR_UNKNOWN'] },
      { receivedAt: `${slot(8, 2)}T10:00:00Z` },
    ),
  ]),
  scenario('S09', 'A credit note over the same amount is not a duplicate of its invoice', L1, [
    step(
      { number: 'RE-5009', issueDate: slot(9), seller: MUSTER, lines: officeLine('150.00') },
      { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'] },
    ),
    step(
      {
        number: 'GS-5009',
        issueDate: slot(9, 2),
        typeCode: '381',
        seller: MUSTER,
        lines: officeLine('150.00', 'Gutschrift Rücksendung'),
        notes: ['Gutschrift zu Rechnung RE-5009'],
      },
      { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'] },
    ),
  ]),
  scenario('S10', 'Same vendor and amount within seven days is a suspected duplicate, even at level 2', L2, [
    step(
      {
        number: 'CH-6010',
        issueDate: slot(10),
        seller: CLOUD,
        lines: [{ name: 'Managed Server Oktober', quantity: '1', price: '50.00' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
    step(
      {
        number: 'CH-6011',
        issueDate: slot(10, 3),
        seller: CLOUD,
        lines: [{ name: 'Managed Server Oktober', quantity: '1', price: '50.00' }],
      },
      { route: 'APPROVE', codes: ['DUPLICATE_SUSPECTED'] },
    ),
  ]),
  scenario('S11', 'Same amount ten days apart is not a duplicate', L2, [
    step(
      {
        number: 'CH-6012',
        issueDate: slot(11),
        seller: CLOUD,
        lines: [{ name: 'Webhosting Paket M', quantity: '1', price: '60.00' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
    step(
      {
        number: 'CH-6013',
        issueDate: slot(11, 10),
        seller: CLOUD,
        lines: [{ name: 'Webhosting Paket M', quantity: '1', price: '60.00' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S12', 'No PO where the vendor requires one: clarification with the requester', L1, [
    step(
      {
        number: 'SS-7012',
        issueDate: slot(12),
        seller: SCHMIDT,
        lines: [{ name: 'Montagekleber 310 ml', quantity: '24', price: '6.50' }],
      },
      { route: 'CLARIFY', codes: ['PO_MISSING'], clarifyWith: ERIK },
    ),
  ]),
  scenario('S13', 'A PO number that does not exist: clarification', L1, [
    step(
      {
        number: 'SS-7013',
        issueDate: slot(13),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-9999',
        lines: [{ name: 'Holzdübel 8x40', quantity: '1000', price: '0.02' }],
      },
      { route: 'CLARIFY', codes: ['PO_UNKNOWN'], clarifyWith: ERIK },
    ),
  ]),
  scenario('S14', 'Price 10 % above the order (and above 5 EUR) is a price deviation for a person', L1, [
    step(
      {
        number: 'SS-7014',
        issueDate: slot(14),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1006',
        lines: [{ name: 'Spanplattenschrauben 4x40', quantity: '5000', price: '0.044' }],
      },
      { route: 'APPROVE', codes: ['PRICE_DEVIATION'], approvers: [ERIK] },
    ),
  ]),
  scenario('S15', 'Price 1.3 % above the order is within the percentage tolerance', L1, [
    step(
      {
        number: 'SS-7015',
        issueDate: slot(15),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1007',
        lines: [{ name: 'Torx-Bits T25', quantity: '300', price: '1.52' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S16', 'Price 20 % above the order but only 4 EUR in total is within the absolute tolerance', L1, [
    step(
      {
        number: 'SS-7016',
        issueDate: slot(16),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1008',
        lines: [{ name: 'Schleifpapier K120', quantity: '10', price: '2.40' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S17', 'More invoiced than received (3-way match): the requester confirms the receipt', L1, [
    step(
      {
        number: 'SS-7017',
        issueDate: slot(17),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1009',
        lines: [{ name: 'Winkelverbinder 90x90', quantity: '100', price: '1.20' }],
      },
      { route: 'CLARIFY', codes: ['QTY_NOT_RECEIVED'], clarifyWith: ERIK },
    ),
  ]),
  scenario('S18', 'More invoiced than ordered (over-delivery received) needs a person', L1, [
    step(
      {
        number: 'SS-7018',
        issueDate: slot(18),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1010',
        lines: [{ name: 'Flachverbinder 40x160', quantity: '120', price: '0.90' }],
      },
      { route: 'APPROVE', codes: ['QTY_ABOVE_ORDERED'] },
    ),
  ]),
  scenario('S19', "An invoice citing another vendor's PO: clarification with that PO's requester", L1, [
    step(
      {
        number: 'RE-5019',
        issueDate: slot(19),
        seller: MUSTER,
        purchaseOrderReference: 'PO-1011',
        lines: [{ name: 'Schlossschrauben M10x80', quantity: '100', price: '0.60' }],
      },
      { route: 'CLARIFY', codes: ['PO_VENDOR_MISMATCH'], clarifyWith: ERIK },
    ),
  ]),
  scenario('S20', 'Sender domain not among the vendor domains is flagged', L1, [
    step(
      {
        number: 'SS-7020',
        issueDate: slot(20),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1012',
        lines: [{ name: 'Senkkopfschrauben 6x80', quantity: '1000', price: '0.20' }],
      },
      { route: 'APPROVE', codes: ['SENDER_DOMAIN_UNKNOWN'] },
      { mail: mailFrom('schmidt.schrauben@gmail.com') },
    ),
  ]),
  scenario('S21', 'A subdomain of a known vendor domain is accepted', L1, [
    step(
      {
        number: 'SS-7021',
        issueDate: slot(21),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1013',
        lines: [{ name: 'Sechskantmuttern M8', quantity: '1000', price: '0.03' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
      { mail: mailFrom('noreply@billing.mail.schmidt-schrauben.de') },
    ),
  ]),
  scenario('S22', 'Look-alike of a known vendor with unknown VAT id and IBAN: clarification, flagged', L2, [
    step(
      {
        number: 'MB-1022',
        issueDate: slot(22),
        seller: {
          name: 'Musterr Bürobedarf GmbH',
          vatId: 'DE118645675',
          iban: 'DE44500105175407324931',
          email: 'rechnung@muster-buerobedarf.com',
        },
        lines: officeLine('320.00'),
      },
      { route: 'CLARIFY', codes: ['VENDOR_UNKNOWN', 'VENDOR_LOOKALIKE'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario('S23', 'Homoglyph in the vendor name (Cyrillic і) on a known account is a hold', L1, [
    step(
      {
        number: 'SS-7023',
        issueDate: slot(23),
        seller: {
          ...SCHMIDT,
          vatId: undefined,
          taxNumber: '99/123/45678',
          name: 'Schrauben Schm\u0456dt KG',
        },
        purchaseOrderReference: 'PO-1014',
        lines: [{ name: 'Rampa-Muffen M8', quantity: '200', price: '0.45' }],
      },
      { route: 'APPROVE', codes: ['VENDOR_LOOKALIKE'] },
    ),
  ]),
  scenario('S24', 'A line amount that does not match quantity × price: clarification with finance', L1, [
    step(
      {
        number: 'RE-5024',
        issueDate: slot(24),
        seller: MUSTER,
        lines: [
          { name: 'Kopierpapier A4, 500 Blatt', quantity: '20', price: '4.50', net: '95.00' },
          { name: 'Toner schwarz', quantity: '2', price: '89.90' },
        ],
      },
      { route: 'CLARIFY', codes: ['ARITHMETIC'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario('S25', 'Lines of 4-decimal prices summing to 87.40 with a printed net of 87.39 are fine', L2, [
    step(
      {
        number: 'CH-6025',
        issueDate: slot(25),
        seller: CLOUD,
        totals: { net: '87.39' },
        lines: [
          { name: 'Cloud Server CX22', quantity: '1', price: '4.5150' },
          { name: 'Cloud Server CX32', quantity: '1', price: '7.0550' },
          { name: 'Backup CX22', quantity: '1', price: '0.9000' },
          { name: 'Backup CX32', quantity: '1', price: '1.4100' },
          { name: 'Volume 100 GB', quantity: '1', price: '4.4000' },
          { name: 'Floating IP', quantity: '1', price: '3.0000' },
          { name: 'Load Balancer LB11', quantity: '1', price: '5.3900' },
          { name: 'Dedicated Server AX41', quantity: '1', price: '60.7200' },
        ],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S26', 'Above 250 EUR without VAT id or tax number of the seller: mandatory field missing', L2, [
    step(
      {
        number: 'CH-6026',
        issueDate: slot(26),
        seller: { ...CLOUD, vatId: undefined },
        lines: [{ name: 'Managed Kubernetes Q3', quantity: '1', price: '500.00' }],
      },
      { route: 'CLARIFY', codes: ['MANDATORY_FIELD_MISSING'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario(
    'S27',
    'A Kleinbetragsrechnung (<= 250 EUR) needs no buyer, tax id or supply date',
    L2,
    [
      step(
        {
          number: 'CH-6027',
          issueDate: slot(27),
          seller: { ...CLOUD, vatId: undefined },
          buyer: null,
          deliveryDate: null,
          lines: [{ name: 'Domain holzmann-schreinerei.de 1 Jahr', quantity: '1', price: '100.00' }],
        },
        { route: 'AUTO_APPROVE', codes: [] },
      ),
      // Not mailable as an e-invoice: EN 16931 requires buyer and seller tax id; such invoices come as PDF.
    ],
    false,
  ),
  scenario('S28', '16 % VAT on a supply in 2021 is an invalid rate', L1, [
    step(
      {
        number: 'RE-5028',
        issueDate: slot(28),
        seller: MUSTER,
        lines: [{ name: 'Aktenordner', quantity: '50', price: '3.20', vatRate: '16' }],
      },
      { route: 'CLARIFY', codes: ['VAT_RATE_INVALID'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario('S29', '16 % VAT on a supply in September 2020 is valid', L2, [
    step(
      {
        number: 'RE-2020-0929',
        issueDate: '2020-09-20',
        deliveryDate: '2020-09-15',
        seller: MUSTER,
        lines: [{ name: 'Schreibtischleuchten', quantity: '4', price: '45.00', vatRate: '16' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S30', '19 % VAT on a supply of October 2020, invoiced in January 2021, is invalid', L2, [
    step(
      {
        number: 'RE-2021-0030',
        issueDate: '2021-01-05',
        deliveryDate: '2020-10-10',
        seller: MUSTER,
        lines: [{ name: 'Bürostühle', quantity: '2', price: '180.00', vatRate: '19' }],
      },
      { route: 'CLARIFY', codes: ['VAT_RATE_INVALID'] },
    ),
  ]),
  scenario('S31', 'EU reverse-charge invoice with the statement and a PO passes alone', L1, [
    step(
      {
        number: 'HP-2022-031',
        issueDate: slot(31),
        seller: HOLLAND,
        purchaseOrderReference: 'PO-1015',
        lines: [
          {
            name: 'Topfbandscharniere 35 mm',
            quantity: '400',
            price: '1.85',
            vatCategory: 'AE',
            vatRate: '0',
          },
        ],
        notes: ['Reverse charge: VAT to be accounted for by the recipient (Art. 196 VAT Directive)'],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S32', 'EU invoice without VAT and without reverse-charge statement: clarification', L1, [
    step(
      {
        number: 'HP-2022-032',
        issueDate: slot(32),
        seller: HOLLAND,
        purchaseOrderReference: 'PO-1016',
        exemptionReason: null,
        lines: [
          {
            name: 'Schubladenführung 500 mm',
            quantity: '50',
            price: '12.40',
            vatCategory: 'AE',
            vatRate: '0',
          },
        ],
      },
      { route: 'CLARIFY', codes: ['REVERSE_CHARGE_NOTE_MISSING'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario('S33', 'An IBAN with a wrong checksum is invalid and unknown: hold', L1, [
    step(
      {
        number: 'RE-5033',
        issueDate: slot(33),
        seller: { ...MUSTER, iban: 'DE89370400440532013001' },
        lines: officeLine('140.00'),
      },
      { route: 'APPROVE', codes: ['IBAN_MISMATCH', 'IBAN_INVALID'] },
    ),
  ]),
  scenario('S34', 'A malformed VAT id (vendor found by IBAN) is flagged', L2, [
    step(
      {
        number: 'RE-5034',
        issueDate: slot(34),
        seller: { ...MUSTER, vatId: 'DE81190798' },
        lines: officeLine('130.00'),
      },
      { route: 'APPROVE', codes: ['VAT_ID_INVALID', 'VAT_ID_MISMATCH'] },
    ),
  ]),
  scenario('S35', 'A due date before the issue date is flagged', L2, [
    step(
      { number: 'RE-5035', issueDate: slot(35), dueInDays: -5, seller: MUSTER, lines: officeLine('120.00') },
      { route: 'APPROVE', codes: ['DUE_DATE_INVALID'] },
    ),
  ]),
  scenario('S36', 'An unreadable document goes to quarantine', L1, [
    {
      label: 'scan without text',
      unreadable: { cause: 'UNREADABLE', message: 'PDF has no text layer and OCR found no text' },
      mail: mailFrom('scanner@muster-buerobedarf.de'),
      receivedAt: `${slot(36)}T09:00:00Z`,
      expect: { route: 'QUARANTINE', codes: ['UNREADABLE'] },
    },
  ]),
  scenario(
    'S37',
    'An e-invoice violating an XRechnung rule goes to a person',
    L2,
    [
      step(
        {
          number: 'CH-6037',
          issueDate: slot(37),
          seller: CLOUD,
          lines: [{ name: 'Managed Server November', quantity: '1', price: '75.00' }],
        },
        { route: 'APPROVE', codes: ['EINVOICE_INVALID'] },
        {
          validation: fatal('BR-DE-15', 'Buyer reference (BT-10) must be present'),
        },
      ),
    ],
    false,
  ),
  scenario(
    'S38',
    'A strict EN 16931 sum finding within rounding tolerance does not block',
    L2,
    [
      step(
        {
          number: 'CH-6038',
          issueDate: slot(38),
          seller: CLOUD,
          totals: { net: '87.39' },
          lines: [
            { name: 'Cloud Server CX22', quantity: '1', price: '4.5150' },
            { name: 'Cloud Server CX32', quantity: '1', price: '7.0550' },
            { name: 'Dedicated Server AX41', quantity: '1', price: '75.8200' },
          ],
        },
        { route: 'AUTO_APPROVE', codes: [] },
        {
          validation: fatal(
            'BR-CO-10',
            'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131)',
          ),
        },
      ),
    ],
    false,
  ),
  scenario(
    'S39',
    'A sender failing DMARC is a hold',
    L2,
    [
      step(
        {
          number: 'CH-6039',
          issueDate: slot(39),
          seller: CLOUD,
          lines: [{ name: 'Managed Server Dezember', quantity: '1', price: '85.00' }],
        },
        { route: 'APPROVE', codes: ['SENDER_NOT_AUTHENTICATED'] },
        {
          mail: mailFrom('billing@cloudhosting.de', { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' }),
        },
      ),
    ],
    false,
  ),
  scenario('S40', 'An invoice in a foreign currency goes to a person', L2, [
    step(
      {
        number: 'CH-6040',
        issueDate: slot(40),
        currency: 'USD',
        seller: CLOUD,
        lines: [{ name: 'CDN traffic', quantity: '1', price: '90.00' }],
      },
      { route: 'APPROVE', codes: ['CURRENCY_MISMATCH'] },
    ),
  ]),
  scenario(
    'S41',
    'Two invoices each just under the auto-approval limit within days: splitting suspected',
    L2,
    [
      step(
        {
          number: 'RE-5041',
          issueDate: slot(41),
          seller: MUSTER,
          lines: officeLine('820.00', 'Regalsystem Teil 1'),
        },
        { route: 'AUTO_APPROVE', codes: [] },
      ),
      step(
        {
          number: 'RE-5042',
          issueDate: slot(41, 4),
          seller: MUSTER,
          lines: officeLine('835.00', 'Regalsystem Teil 2'),
        },
        { route: 'APPROVE', codes: ['SPLIT_SUSPECTED'] },
      ),
    ],
  ),
  scenario('S42', 'Two invoices each just under the four-eyes limit: the second needs four eyes', L1, [
    step(
      {
        number: 'RE-5043',
        issueDate: slot(42),
        seller: MUSTER,
        lines: officeLine('4100.00', 'Büromöbel Lieferung 1'),
      },
      { route: 'APPROVE', codes: ['AMOUNT_ABOVE_THRESHOLD'], approvers: [BEN] },
    ),
    step(
      {
        number: 'RE-5044',
        issueDate: slot(42, 6),
        seller: MUSTER,
        lines: officeLine('4150.00', 'Büromöbel Lieferung 2'),
      },
      {
        route: 'APPROVE_FOUR_EYES',
        codes: ['SPLIT_SUSPECTED', 'AMOUNT_ABOVE_THRESHOLD'],
        approvers: [BEN, CLARA],
      },
    ),
  ]),
  // Autonomy level 0 (pilot): every invoice goes to a person.
  scenario('S43', 'Level 0: even a clean PO-matched invoice goes to a person', L0, [
    step(
      {
        number: 'SS-7043',
        issueDate: slot(43),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1017',
        lines: [{ name: 'Bohrer-Set HSS 19-tlg.', quantity: '5', price: '29.90' }],
      },
      { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'], approvers: [ERIK] },
    ),
  ]),
  scenario('S44', 'Level 0: a large invoice needs four eyes', L0, [
    step(
      {
        number: 'SS-7044',
        issueDate: slot(44),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1018',
        lines: [{ name: 'CNC-Frässpindel 3 kW', quantity: '1', price: '10084.03' }],
      },
      { route: 'APPROVE_FOUR_EYES', codes: ['AMOUNT_ABOVE_THRESHOLD'], approvers: [BEN, CLARA] },
    ),
  ]),
  scenario('S49', 'Level 0: an exact duplicate is still rejected', L0, [
    step(
      { number: 'RE-5049', issueDate: slot(49), seller: MUSTER, lines: officeLine('99.00') },
      { route: 'APPROVE', codes: ['AUTONOMY_LEVEL'] },
    ),
    step(
      { number: 'RE-5049', issueDate: slot(49), seller: MUSTER, lines: officeLine('99.00') },
      { route: 'REJECT', codes: ['DUPLICATE_EXACT'] },
      { receivedAt: `${slot(49, 2)}T09:00:00Z` },
    ),
  ]),
  // Autonomy level 2: also clean invoices of known vendors without PO.
  scenario('S45', 'Level 2: a clean invoice of a known vendor without PO passes alone', L2, [
    step(
      { number: 'RE-5045', issueDate: slot(45), seller: MUSTER, lines: officeLine('250.00') },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S46', 'Level 2: an unknown vendor still needs clarification', L2, [
    step(
      {
        number: 'DK-8046',
        issueDate: slot(46),
        seller: KRAUS,
        lines: [{ name: 'Visitenkarten 500 Stück', quantity: '1', price: '80.00' }],
      },
      { route: 'CLARIFY', codes: ['VENDOR_UNKNOWN'], clarifyWith: FRIEDA },
    ),
  ]),
  scenario('S47', 'Level 2: an IBAN change on a tiny invoice is still held for a person', L2, [
    step(
      {
        number: 'RE-5047',
        issueDate: slot(47),
        seller: { ...MUSTER, iban: FOREIGN_IBAN },
        lines: officeLine('37.82', 'Kugelschreiber'),
      },
      { route: 'APPROVE', codes: ['IBAN_MISMATCH'] },
    ),
  ]),
  scenario('S48', 'Level 2: an IBAN change on a large invoice needs four eyes', L2, [
    step(
      {
        number: 'RE-5048',
        issueDate: slot(48),
        seller: { ...MUSTER, iban: FOREIGN_IBAN },
        lines: officeLine('6722.69', 'Büroeinrichtung komplett'),
      },
      {
        route: 'APPROVE_FOUR_EYES',
        codes: ['IBAN_MISMATCH', 'AMOUNT_ABOVE_THRESHOLD'],
        approvers: [BEN, CLARA],
      },
    ),
  ]),
  scenario('S50', 'Level 2: a clean credit note of a known vendor passes alone', L2, [
    step(
      {
        number: 'GS-5050',
        issueDate: slot(50),
        typeCode: '381',
        seller: MUSTER,
        lines: officeLine('45.00', 'Gutschrift Preisnachlass'),
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S51', 'Level 2: a reused invoice number with another amount is a suspected duplicate', L2, [
    step(
      {
        number: 'CH-6051',
        issueDate: slot(51),
        seller: CLOUD,
        lines: [{ name: 'SSL-Zertifikat', quantity: '1', price: '30.00' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
    step(
      {
        number: 'CH-6051',
        issueDate: slot(51, 1),
        seller: CLOUD,
        lines: [{ name: 'SSL-Zertifikat Wildcard', quantity: '1', price: '40.00' }],
      },
      { route: 'APPROVE', codes: ['DUPLICATE_SUSPECTED'] },
    ),
  ]),
  scenario('S52', 'Level 2: a vendor that requires a PO still needs one', L2, [
    step(
      {
        number: 'SS-7052',
        issueDate: slot(52),
        seller: SCHMIDT,
        lines: [{ name: 'Schraubzwingen 300 mm', quantity: '6', price: '14.90' }],
      },
      { route: 'CLARIFY', codes: ['PO_MISSING'], clarifyWith: ERIK },
    ),
  ]),
  scenario('S53', 'An issue date after the day of receipt is flagged', L2, [
    step(
      {
        number: 'CH-6053',
        issueDate: '2099-06-01',
        seller: CLOUD,
        lines: [{ name: 'Managed Server Juni', quantity: '1', price: '95.00' }],
      },
      { route: 'APPROVE', codes: ['ISSUE_DATE_INVALID'] },
      {
        receivedAt: `${slot(53)}T09:00:00Z`,
      },
    ),
  ]),
  scenario(
    'S54',
    'Data read with low confidence goes to a person',
    L2,
    [
      step(
        {
          number: 'CH-6054',
          issueDate: slot(54),
          seller: CLOUD,
          lines: [{ name: 'Managed Server Juli', quantity: '1', price: '65.00' }],
          source: { format: 'ocr', confidence: 0.4 },
        },
        { route: 'APPROVE', codes: ['EXTRACTION_UNCERTAIN'] },
      ),
    ],
    false,
  ),
  scenario(
    'S55',
    'Level 2: an invoice forwarded by a colleague (internal domain) is not an unknown sender',
    { autonomyLevel: 2, internalDomains: ['holzmann-schreinerei.de'] },
    [
      step(
        { number: 'RE-5055', issueDate: slot(55), seller: MUSTER, lines: officeLine('160.00') },
        { route: 'AUTO_APPROVE', codes: [] },
        { mail: mailFrom(ANNA) },
      ),
    ],
  ),
  scenario('S56', 'Level 2: a vendor without VAT id is found by its tax number', L2, [
    step(
      {
        number: 'EW-4056',
        issueDate: slot(56),
        seller: { ...WAGNER, iban: undefined },
        lines: [{ name: 'Prüfung ortsveränderlicher Geräte', quantity: '12', price: '8.50' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S57', 'A PO named only in the buyer reference (BT-10) is matched', L1, [
    step(
      {
        number: 'SS-7057',
        issueDate: slot(57),
        seller: SCHMIDT,
        buyerReference: 'PO-1019',
        lines: [{ name: 'Zylinderkopfschrauben M6', quantity: '1000', price: '0.09' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S58', 'Level 2: domestic reverse charge (§13b) with the statement passes', L2, [
    step(
      {
        number: 'EW-4058',
        issueDate: slot(58),
        seller: WAGNER,
        notes: ['Steuerschuldnerschaft des Leistungsempfängers nach § 13b UStG'],
        lines: [
          {
            name: 'Elektroinstallation Werkhalle',
            quantity: '1',
            price: '880.00',
            vatCategory: 'AE',
            vatRate: '0',
          },
        ],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
  ]),
  scenario('S59', 'Reverse charge without the buyer VAT id: mandatory field missing', L2, [
    step(
      {
        number: 'EW-4059',
        issueDate: slot(59),
        seller: WAGNER,
        buyer: { vatId: undefined },
        notes: ['Steuerschuldnerschaft des Leistungsempfängers nach § 13b UStG'],
        lines: [
          {
            name: 'Elektroinstallation Büro',
            quantity: '1',
            price: '640.00',
            vatCategory: 'AE',
            vatRate: '0',
          },
        ],
      },
      { route: 'CLARIFY', codes: ['MANDATORY_FIELD_MISSING'], clarifyWith: FRIEDA },
    ),
  ]),
  // Money safety.
  scenario('S60', 'Partial invoices pass until the PO is used up; the next one is over-invoiced', L1, [
    step(
      {
        number: 'SS-7060',
        issueDate: slot(60),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1020',
        lines: [{ name: 'Spax-Schrauben 5x50', quantity: '600', price: '0.10' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
    step(
      {
        number: 'SS-7061',
        issueDate: slot(60, 2),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1020',
        lines: [{ name: 'Spax-Schrauben 5x50', quantity: '400', price: '0.10' }],
      },
      { route: 'AUTO_APPROVE', codes: [] },
    ),
    step(
      {
        number: 'SS-7062',
        issueDate: slot(60, 4),
        seller: SCHMIDT,
        purchaseOrderReference: 'PO-1020',
        lines: [{ name: 'Spax-Schrauben 5x50', quantity: '100', price: '0.10' }],
      },
      { route: 'APPROVE', codes: ['PO_OVER_INVOICED'] },
    ),
  ]),
  scenario(
    'S61',
    'Level 2: a mail the server classed as spam is held for a person',
    L2,
    [
      step(
        { number: 'RE-5061', issueDate: slot(61), seller: MUSTER, lines: officeLine('120.00') },
        { route: 'APPROVE', codes: ['SPAM_SUSPECTED'] },
        {
          mail: mailFrom(MUSTER.email!, {
            spf: 'PASS',
            dkim: 'PASS',
            dmarc: 'PASS',
            spam: 'FAIL',
            virus: 'PASS',
          }),
        },
      ),
    ],
    false,
  ),
  scenario(
    'S62',
    'Level 2: an invoice dated more than a year before it arrived is implausible',
    L2,
    [
      step(
        { number: 'RE-5062', issueDate: slot(62), seller: MUSTER, lines: officeLine('130.00') },
        { route: 'APPROVE', codes: ['ISSUE_DATE_INVALID'] },
        { receivedAt: `${slot(62, 400)}T09:00:00Z` },
      ),
    ],
    false,
  ),
  scenario('S63', 'Level 2: an invoice addressed to another company goes to a person', L2, [
    step(
      {
        number: 'RE-5063',
        issueDate: slot(63),
        seller: MUSTER,
        lines: officeLine('140.00'),
        buyer: { name: 'Tischlerei Nordlicht GmbH', vatId: 'DE129273398' },
      },
      { route: 'APPROVE', codes: ['BUYER_MISMATCH'] },
    ),
  ]),
  scenario(
    'S64',
    'Level 2: an amount above every approver limit goes to the top approver, who is named',
    { autonomyLevel: 2, topApproverEmail: 'aufsichtsrat@holzmann-schreinerei.de' },
    [
      step(
        { number: 'RE-5064', issueDate: slot(64), seller: MUSTER, lines: officeLine('1100000.00') },
        {
          route: 'APPROVE_FOUR_EYES',
          codes: ['AMOUNT_ABOVE_THRESHOLD', 'APPROVER_LIMIT_EXCEEDED'],
          approvers: [CLARA, 'aufsichtsrat@holzmann-schreinerei.de'],
        },
      ),
    ],
  ),
  scenario(
    'S65',
    'Level 2: a PDF with JavaScript and an embedded program is never approved alone',
    L2,
    [
      step(
        { number: 'RE-5065', issueDate: slot(65), seller: MUSTER, lines: officeLine('150.00') },
        { route: 'APPROVE', codes: ['ACTIVE_CONTENT'] },
        {
          findings: { activeContent: ['javascript', 'embedded file update.exe'], embeddedInvoiceRefused: [] },
        },
      ),
    ],
    false,
  ),
  scenario(
    'S66',
    'Level 2: a ZUGFeRD PDF whose invoice XML was refused is read from its text, for a person only',
    L2,
    [
      step(
        {
          number: 'RE-5066',
          issueDate: slot(66),
          seller: MUSTER,
          lines: officeLine('160.00'),
          source: { format: 'pdf-text', confidence: 0.9 },
        },
        { route: 'APPROVE', codes: ['EINVOICE_INVALID'] },
        {
          findings: {
            activeContent: [],
            embeddedInvoiceRefused: [{ file: 'factur-x.xml', reason: 'UNSAFE_INPUT: DOCTYPE refused' }],
          },
        },
      ),
    ],
    false,
  ),
];
