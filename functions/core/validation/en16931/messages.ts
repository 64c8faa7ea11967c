import { categoryOfPrefix, type VatCategory } from './vat-categories';

/**
 * English and German texts of the EN 16931 rules, keyed by official rule id. The English follows
 * the CEN artefacts' assertion texts; rule families (decimals, VAT categories, syntax counts) are
 * generated from one template each so every id in the rule tables has both languages.
 */
export interface RuleText {
  en: string;
  de: string;
}

const T = (en: string, de: string): RuleText => ({ en, de });

const CORE: Record<string, RuleText> = {
  'BR-01': T(
    'An Invoice shall have a Specification identifier (BT-24).',
    'Eine Rechnung muss eine Spezifikationskennung (BT-24) enthalten.',
  ),
  'BR-02': T(
    'An Invoice shall have an Invoice number (BT-1).',
    'Eine Rechnung muss eine Rechnungsnummer (BT-1) enthalten.',
  ),
  'BR-03': T(
    'An Invoice shall have an Invoice issue date (BT-2).',
    'Eine Rechnung muss ein Rechnungsdatum (BT-2) enthalten.',
  ),
  'BR-04': T(
    'An Invoice shall have an Invoice type code (BT-3).',
    'Eine Rechnung muss einen Rechnungstypcode (BT-3) enthalten.',
  ),
  'BR-05': T(
    'An Invoice shall have an Invoice currency code (BT-5).',
    'Eine Rechnung muss einen Währungscode (BT-5) enthalten.',
  ),
  'BR-06': T(
    'An Invoice shall contain the Seller name (BT-27).',
    'Eine Rechnung muss den Namen des Verkäufers (BT-27) enthalten.',
  ),
  'BR-07': T(
    'An Invoice shall contain the Buyer name (BT-44).',
    'Eine Rechnung muss den Namen des Käufers (BT-44) enthalten.',
  ),
  'BR-08': T(
    'An Invoice shall contain the Seller postal address (BG-5).',
    'Eine Rechnung muss die Postanschrift des Verkäufers (BG-5) enthalten.',
  ),
  'BR-09': T(
    'The Seller postal address (BG-5) shall contain a Seller country code (BT-40).',
    'Die Postanschrift des Verkäufers (BG-5) muss einen Ländercode (BT-40) enthalten.',
  ),
  'BR-10': T(
    'An Invoice shall contain the Buyer postal address (BG-8).',
    'Eine Rechnung muss die Postanschrift des Käufers (BG-8) enthalten.',
  ),
  'BR-11': T(
    'The Buyer postal address shall contain a Buyer country code (BT-55).',
    'Die Postanschrift des Käufers muss einen Ländercode (BT-55) enthalten.',
  ),
  'BR-12': T(
    'An Invoice shall have the Sum of Invoice line net amount (BT-106).',
    'Eine Rechnung muss die Summe der Nettobeträge der Positionen (BT-106) enthalten.',
  ),
  'BR-13': T(
    'An Invoice shall have the Invoice total amount without VAT (BT-109).',
    'Eine Rechnung muss den Gesamtbetrag ohne Umsatzsteuer (BT-109) enthalten.',
  ),
  'BR-14': T(
    'An Invoice shall have the Invoice total amount with VAT (BT-112).',
    'Eine Rechnung muss den Gesamtbetrag einschließlich Umsatzsteuer (BT-112) enthalten.',
  ),
  'BR-15': T(
    'An Invoice shall have the Amount due for payment (BT-115).',
    'Eine Rechnung muss den fälligen Zahlungsbetrag (BT-115) enthalten.',
  ),
  'BR-16': T(
    'An Invoice shall have at least one Invoice line (BG-25).',
    'Eine Rechnung muss mindestens eine Rechnungsposition (BG-25) enthalten.',
  ),
  'BR-17': T(
    'The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is different from the Seller (BG-4).',
    'Weicht der Zahlungsempfänger (BG-10) vom Verkäufer (BG-4) ab, muss sein Name (BT-59) angegeben werden.',
  ),
  'BR-18': T(
    'The Seller tax representative name (BT-62) shall be provided if the Seller (BG-4) has a tax representative party (BG-11).',
    'Hat der Verkäufer einen Steuervertreter (BG-11), muss dessen Name (BT-62) angegeben werden.',
  ),
  'BR-19': T(
    'The Seller tax representative postal address (BG-12) shall be provided if the Seller has a tax representative party (BG-11).',
    'Hat der Verkäufer einen Steuervertreter (BG-11), muss dessen Postanschrift (BG-12) angegeben werden.',
  ),
  'BR-20': T(
    'The Seller tax representative postal address (BG-12) shall contain a Tax representative country code (BT-69).',
    'Die Postanschrift des Steuervertreters (BG-12) muss einen Ländercode (BT-69) enthalten.',
  ),
  'BR-21': T(
    'Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).',
    'Jede Rechnungsposition (BG-25) muss eine Positionskennung (BT-126) haben.',
  ),
  'BR-22': T(
    'Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).',
    'Jede Rechnungsposition (BG-25) muss eine Menge (BT-129) haben.',
  ),
  'BR-23': T(
    'An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).',
    'Jede Rechnungsposition (BG-25) muss eine Mengeneinheit (BT-130) haben.',
  ),
  'BR-24': T(
    'Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).',
    'Jede Rechnungsposition (BG-25) muss einen Nettobetrag (BT-131) haben.',
  ),
  'BR-25': T(
    'Each Invoice line (BG-25) shall contain the Item name (BT-153).',
    'Jede Rechnungsposition (BG-25) muss eine Artikelbezeichnung (BT-153) enthalten.',
  ),
  'BR-26': T(
    'Each Invoice line (BG-25) shall contain the Item net price (BT-146).',
    'Jede Rechnungsposition (BG-25) muss einen Nettopreis (BT-146) enthalten.',
  ),
  'BR-27': T(
    'The Item net price (BT-146) shall NOT be negative.',
    'Der Nettopreis des Artikels (BT-146) darf nicht negativ sein.',
  ),
  'BR-28': T(
    'The Item gross price (BT-148) shall NOT be negative.',
    'Der Bruttopreis des Artikels (BT-148) darf nicht negativ sein.',
  ),
  'BR-29': T(
    'If both Invoicing period start date (BT-73) and end date (BT-74) are given, the end date shall be later or equal to the start date.',
    'Sind Beginn (BT-73) und Ende (BT-74) des Rechnungszeitraums angegeben, darf das Ende nicht vor dem Beginn liegen.',
  ),
  'BR-30': T(
    'If both Invoice line period start date (BT-134) and end date (BT-135) are given, the end date shall be later or equal to the start date.',
    'Sind Beginn (BT-134) und Ende (BT-135) des Positionszeitraums angegeben, darf das Ende nicht vor dem Beginn liegen.',
  ),
  'BR-31': T(
    'Each Document level allowance (BG-20) shall have a Document level allowance amount (BT-92).',
    'Jeder Nachlass auf Dokumentebene (BG-20) muss einen Betrag (BT-92) haben.',
  ),
  'BR-32': T(
    'Each Document level allowance (BG-20) shall have a Document level allowance VAT category code (BT-95).',
    'Jeder Nachlass auf Dokumentebene (BG-20) muss einen Umsatzsteuerkategoriecode (BT-95) haben.',
  ),
  'BR-33': T(
    'Each Document level allowance (BG-20) shall have a reason (BT-97) or a reason code (BT-98).',
    'Jeder Nachlass auf Dokumentebene (BG-20) muss einen Grund (BT-97) oder Grundcode (BT-98) haben.',
  ),
  'BR-36': T(
    'Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).',
    'Jeder Zuschlag auf Dokumentebene (BG-21) muss einen Betrag (BT-99) haben.',
  ),
  'BR-37': T(
    'Each Document level charge (BG-21) shall have a Document level charge VAT category code (BT-102).',
    'Jeder Zuschlag auf Dokumentebene (BG-21) muss einen Umsatzsteuerkategoriecode (BT-102) haben.',
  ),
  'BR-38': T(
    'Each Document level charge (BG-21) shall have a reason (BT-104) or a reason code (BT-105).',
    'Jeder Zuschlag auf Dokumentebene (BG-21) muss einen Grund (BT-104) oder Grundcode (BT-105) haben.',
  ),
  'BR-41': T(
    'Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount (BT-136).',
    'Jeder Nachlass auf Positionsebene (BG-27) muss einen Betrag (BT-136) haben.',
  ),
  'BR-42': T(
    'Each Invoice line allowance (BG-27) shall have a reason (BT-139) or a reason code (BT-140).',
    'Jeder Nachlass auf Positionsebene (BG-27) muss einen Grund (BT-139) oder Grundcode (BT-140) haben.',
  ),
  'BR-43': T(
    'Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).',
    'Jeder Zuschlag auf Positionsebene (BG-28) muss einen Betrag (BT-141) haben.',
  ),
  'BR-44': T(
    'Each Invoice line charge (BG-28) shall have a reason (BT-144) or a reason code (BT-145).',
    'Jeder Zuschlag auf Positionsebene (BG-28) muss einen Grund (BT-144) oder Grundcode (BT-145) haben.',
  ),
  'BR-45': T(
    'Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).',
    'Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Steuerbemessungsbetrag (BT-116) haben.',
  ),
  'BR-46': T(
    'Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).',
    'Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Steuerbetrag (BT-117) haben.',
  ),
  'BR-47': T(
    'Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).',
    'Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Umsatzsteuerkategoriecode (BT-118) haben.',
  ),
  'BR-48': T(
    'Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the Invoice is not subject to VAT.',
    'Jede Umsatzsteueraufschlüsselung (BG-23) muss einen Steuersatz (BT-119) haben, außer die Rechnung ist nicht steuerbar.',
  ),
  'BR-49': T(
    'A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).',
    'Eine Zahlungsanweisung (BG-16) muss den Code der Zahlungsart (BT-81) angeben.',
  ),
  'BR-50': T(
    'A Payment account identifier (BT-84) shall be present if Credit transfer (BG-17) information is provided.',
    'Bei Überweisungsangaben (BG-17) muss die Kontokennung (BT-84) angegeben sein.',
  ),
  'BR-51': T(
    'A card payment shall not carry the full card number: at most the first 6 and last 4 digits of the Payment card primary account number (BT-87).',
    'Die Kartennummer (BT-87) darf höchstens mit den ersten 6 und letzten 4 Ziffern angegeben werden.',
  ),
  'BR-52': T(
    'Each Additional supporting document (BG-24) shall contain a Supporting document reference (BT-122).',
    'Jedes rechnungsbegründende Dokument (BG-24) muss eine Dokumentkennung (BT-122) enthalten.',
  ),
  'BR-53': T(
    'If the VAT accounting currency code (BT-6) is present, the Invoice total VAT amount in accounting currency (BT-111) shall be provided.',
    'Ist eine Steuerwährung (BT-6) angegeben, muss der Umsatzsteuergesamtbetrag in dieser Währung (BT-111) angegeben werden.',
  ),
  'BR-54': T(
    'Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item attribute value (BT-161).',
    'Jedes Artikelattribut (BG-32) muss einen Namen (BT-160) und einen Wert (BT-161) enthalten.',
  ),
  'BR-55': T(
    'Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).',
    'Jeder Verweis auf eine vorausgegangene Rechnung (BG-3) muss deren Nummer (BT-25) enthalten.',
  ),
  'BR-56': T(
    'Each Seller tax representative party (BG-11) shall have a Seller tax representative VAT identifier (BT-63).',
    'Jeder Steuervertreter (BG-11) muss eine Umsatzsteuer-Identifikationsnummer (BT-63) haben.',
  ),
  'BR-57': T(
    'Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).',
    'Jede Lieferanschrift (BG-15) muss einen Ländercode (BT-80) enthalten.',
  ),
  'BR-61': T(
    'If the Payment means type code (BT-81) means SEPA credit transfer, Local credit transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) shall be present.',
    'Bei Zahlung per Überweisung (BT-81) muss die Kontokennung (BT-84) angegeben sein.',
  ),
  'BR-62': T(
    'The Seller electronic address (BT-34) shall have a Scheme identifier.',
    'Die elektronische Adresse des Verkäufers (BT-34) muss eine Schemakennung haben.',
  ),
  'BR-63': T(
    'The Buyer electronic address (BT-49) shall have a Scheme identifier.',
    'Die elektronische Adresse des Käufers (BT-49) muss eine Schemakennung haben.',
  ),
  'BR-64': T(
    'The Item standard identifier (BT-157) shall have a Scheme identifier.',
    'Die Standardkennung des Artikels (BT-157) muss eine Schemakennung haben.',
  ),
  'BR-65': T(
    'The Item classification identifier (BT-158) shall have a Scheme identifier.',
    'Die Klassifikationskennung des Artikels (BT-158) muss eine Schemakennung haben.',
  ),
  'BR-CO-03': T(
    'Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.',
    'Datum der Steuerfälligkeit (BT-7) und Code für das Datum der Steuerfälligkeit (BT-8) schließen einander aus.',
  ),
  'BR-CO-04': T(
    'Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).',
    'Jede Rechnungsposition (BG-25) muss einen Umsatzsteuerkategoriecode (BT-151) haben.',
  ),
  'BR-CO-05': T(
    'Document level allowance reason code (BT-98) and reason (BT-97) shall indicate the same type of allowance.',
    'Grundcode (BT-98) und Grund (BT-97) eines Nachlasses müssen dieselbe Art bezeichnen.',
  ),
  'BR-CO-06': T(
    'Document level charge reason code (BT-105) and reason (BT-104) shall indicate the same type of charge.',
    'Grundcode (BT-105) und Grund (BT-104) eines Zuschlags müssen dieselbe Art bezeichnen.',
  ),
  'BR-CO-07': T(
    'Invoice line allowance reason code (BT-140) and reason (BT-139) shall indicate the same type of allowance reason.',
    'Grundcode (BT-140) und Grund (BT-139) eines Positionsnachlasses müssen dieselbe Art bezeichnen.',
  ),
  'BR-CO-08': T(
    'Invoice line charge reason code (BT-145) and reason (BT-144) shall indicate the same type of charge reason.',
    'Grundcode (BT-145) und Grund (BT-144) eines Positionszuschlags müssen dieselbe Art bezeichnen.',
  ),
  'BR-CO-09': T(
    'The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have an ISO 3166-1 alpha-2 country prefix (Greece may use EL).',
    'Umsatzsteuer-Identifikationsnummern (BT-31, BT-63, BT-48) müssen mit einem ISO-3166-1-Ländercode beginnen (Griechenland: EL).',
  ),
  'BR-CO-10': T(
    'Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).',
    'Die Summe der Nettobeträge der Positionen (BT-106) muss der Summe der Positionsnettobeträge (BT-131) entsprechen.',
  ),
  'BR-CO-11': T(
    'Sum of allowances on document level (BT-107) = Σ Document level allowance amount (BT-92).',
    'Die Summe der Nachlässe auf Dokumentebene (BT-107) muss der Summe der Nachlassbeträge (BT-92) entsprechen.',
  ),
  'BR-CO-12': T(
    'Sum of charges on document level (BT-108) = Σ Document level charge amount (BT-99).',
    'Die Summe der Zuschläge auf Dokumentebene (BT-108) muss der Summe der Zuschlagsbeträge (BT-99) entsprechen.',
  ),
  'BR-CO-13': T(
    'Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).',
    'Der Gesamtbetrag ohne Umsatzsteuer (BT-109) muss Positionssumme minus Nachlässe plus Zuschläge (BT-106 - BT-107 + BT-108) entsprechen.',
  ),
  'BR-CO-14': T(
    'Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).',
    'Der Umsatzsteuergesamtbetrag (BT-110) muss der Summe der Steuerbeträge je Kategorie (BT-117) entsprechen.',
  ),
  'BR-CO-15': T(
    'Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).',
    'Der Gesamtbetrag einschließlich Umsatzsteuer (BT-112) muss BT-109 plus Umsatzsteuergesamtbetrag (BT-110) entsprechen.',
  ),
  'BR-CO-16': T(
    'Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) - Paid amount (BT-113) + Rounding amount (BT-114).',
    'Der fällige Zahlungsbetrag (BT-115) muss BT-112 minus gezahltem Betrag (BT-113) plus Rundungsbetrag (BT-114) entsprechen.',
  ),
  'BR-CO-17': T(
    'VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.',
    'Der Steuerbetrag (BT-117) muss Bemessungsgrundlage (BT-116) mal Steuersatz (BT-119) / 100 entsprechen, auf zwei Stellen gerundet.',
  ),
  'BR-CO-18': T(
    'An Invoice shall at least have one VAT breakdown group (BG-23).',
    'Eine Rechnung muss mindestens eine Umsatzsteueraufschlüsselung (BG-23) enthalten.',
  ),
  'BR-CO-19': T(
    'If Invoicing period (BG-14) is used, its start date (BT-73) or end date (BT-74) shall be filled, or both.',
    'Ist ein Rechnungszeitraum (BG-14) angegeben, muss Beginn (BT-73) oder Ende (BT-74) gefüllt sein.',
  ),
  'BR-CO-20': T(
    'If Invoice line period (BG-26) is used, its start date (BT-134) or end date (BT-135) shall be filled, or both.',
    'Ist ein Positionszeitraum (BG-26) angegeben, muss Beginn (BT-134) oder Ende (BT-135) gefüllt sein.',
  ),
  'BR-CO-21': T(
    'Each Document level allowance (BG-20) shall contain a reason (BT-97) or a reason code (BT-98), or both.',
    'Jeder Nachlass auf Dokumentebene (BG-20) muss einen Grund (BT-97) und/oder Grundcode (BT-98) enthalten.',
  ),
  'BR-CO-22': T(
    'Each Document level charge (BG-21) shall contain a reason (BT-104) or a reason code (BT-105), or both.',
    'Jeder Zuschlag auf Dokumentebene (BG-21) muss einen Grund (BT-104) und/oder Grundcode (BT-105) enthalten.',
  ),
  'BR-CO-23': T(
    'Each Invoice line allowance (BG-27) shall contain a reason (BT-139) or a reason code (BT-140), or both.',
    'Jeder Positionsnachlass (BG-27) muss einen Grund (BT-139) und/oder Grundcode (BT-140) enthalten.',
  ),
  'BR-CO-24': T(
    'Each Invoice line charge (BG-28) shall contain a reason (BT-144) or a reason code (BT-145), or both.',
    'Jeder Positionszuschlag (BG-28) muss einen Grund (BT-144) und/oder Grundcode (BT-145) enthalten.',
  ),
  'BR-CO-26': T(
    'In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.',
    'Zur Identifikation des Lieferanten muss Verkäuferkennung (BT-29), Registernummer (BT-30) und/oder Umsatzsteuer-Identifikationsnummer (BT-31) angegeben sein.',
  ),
  'BR-B-01': T(
    'An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is "Split payment" shall be a domestic Italian invoice.',
    'Eine Rechnung mit der Kategorie „Split payment" muss eine inländische italienische Rechnung sein.',
  ),
  'BR-B-02': T(
    'An Invoice with the VAT category code "Split payment" shall not contain lines, allowances or charges with the VAT category code "Standard rated".',
    'Eine Rechnung mit der Kategorie „Split payment" darf keine Positionen, Nachlässe oder Zuschläge mit Normalsatz enthalten.',
  ),
  'BR-IC-11': T(
    'In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Actual delivery date (BT-72) or the Invoicing period (BG-14) shall not be blank.',
    'Bei innergemeinschaftlicher Lieferung muss das Lieferdatum (BT-72) oder der Rechnungszeitraum (BG-14) angegeben sein.',
  ),
  'BR-IC-12': T(
    'In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is "Intra-community supply" the Deliver to country code (BT-80) shall not be blank.',
    'Bei innergemeinschaftlicher Lieferung muss der Ländercode der Lieferanschrift (BT-80) angegeben sein.',
  ),
  'BR-O-11': T(
    'An Invoice that contains a VAT breakdown group (BG-23) with VAT category code (BT-118) "Not subject to VAT" shall not contain other VAT breakdown groups.',
    'Eine Rechnung mit der Kategorie „Nicht steuerbar" in der Aufschlüsselung (BG-23) darf keine weiteren Aufschlüsselungen enthalten.',
  ),
  'BR-O-12': T(
    'An Invoice with a VAT breakdown "Not subject to VAT" shall not contain an Invoice line (BG-25) whose VAT category code (BT-151) is not "Not subject to VAT".',
    'Eine Rechnung mit der Kategorie „Nicht steuerbar" darf keine Position (BG-25) mit anderer Kategorie (BT-151) enthalten.',
  ),
  'BR-O-13': T(
    'An Invoice with a VAT breakdown "Not subject to VAT" shall not contain Document level allowances (BG-20) whose VAT category code (BT-95) is not "Not subject to VAT".',
    'Eine Rechnung mit der Kategorie „Nicht steuerbar" darf keine Nachlässe (BG-20) mit anderer Kategorie (BT-95) enthalten.',
  ),
  'BR-O-14': T(
    'An Invoice with a VAT breakdown "Not subject to VAT" shall not contain Document level charges (BG-21) whose VAT category code (BT-102) is not "Not subject to VAT".',
    'Eine Rechnung mit der Kategorie „Nicht steuerbar" darf keine Zuschläge (BG-21) mit anderer Kategorie (BT-102) enthalten.',
  ),
  'BR-CL-01': T(
    'The document type code MUST be coded by the invoice and credit note related code lists of UNTDID 1001.',
    'Der Rechnungstypcode muss aus den Rechnungs- und Gutschriftcodes der UNTDID 1001 stammen.',
  ),
  'BR-CL-03': T(
    'currencyID MUST be coded using ISO code list 4217 alpha-3.',
    'Das Attribut currencyID muss ein Währungscode nach ISO 4217 (alpha-3) sein.',
  ),
  'BR-CL-04': T(
    'Invoice currency code MUST be coded using ISO code list 4217 alpha-3.',
    'Der Rechnungswährungscode muss nach ISO 4217 (alpha-3) codiert sein.',
  ),
  'BR-CL-05': T(
    'Tax currency code MUST be coded using ISO code list 4217 alpha-3.',
    'Der Steuerwährungscode muss nach ISO 4217 (alpha-3) codiert sein.',
  ),
  'BR-CL-06': T(
    'Value added tax point date code MUST be coded using a restriction of UNTDID 2005 (UBL) / UNTDID 2475 (CII).',
    'Der Code für das Datum der Steuerfälligkeit muss aus der zulässigen Teilmenge von UNTDID 2005/2475 stammen.',
  ),
  'BR-CL-07': T(
    'Object identifier identification scheme identifier MUST be coded using a restriction of UNTDID 1153.',
    'Die Schemakennung der Objektkennung muss aus UNTDID 1153 stammen.',
  ),
  'BR-CL-08': T(
    'Invoice note subject code shall be coded using UNTDID 4451.',
    'Der Betreffcode einer Bemerkung muss aus UNTDID 4451 stammen.',
  ),
  'BR-CL-10': T(
    'Any identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    'Die Schemakennung einer Kennung muss aus der ISO-6523-ICD-Liste stammen.',
  ),
  'BR-CL-11': T(
    'Any registration identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.',
    'Die Schemakennung einer Registernummer muss aus der ISO-6523-ICD-Liste stammen.',
  ),
  'BR-CL-13': T(
    'Item classification identifier identification scheme identifier MUST be coded using one of the UNTDID 7143 list.',
    'Die Schemakennung der Artikelklassifikation muss aus UNTDID 7143 stammen.',
  ),
  'BR-CL-14': T(
    'Country codes in an invoice MUST be coded using ISO code list 3166-1.',
    'Ländercodes müssen nach ISO 3166-1 codiert sein.',
  ),
  'BR-CL-15': T(
    'Country codes in an invoice MUST be coded using ISO code list 3166-1.',
    'Ländercodes (Ursprungsland) müssen nach ISO 3166-1 codiert sein.',
  ),
  'BR-CL-16': T(
    'Payment means in an invoice MUST be coded using UNCL 4461 code list.',
    'Die Zahlungsart muss nach UNTDID 4461 codiert sein.',
  ),
  'BR-CL-17': T(
    'Invoice tax categories MUST be coded using UNCL 5305 code list.',
    'Umsatzsteuerkategorien müssen nach UNTDID 5305 codiert sein.',
  ),
  'BR-CL-18': T(
    'Invoice tax categories MUST be coded using UNCL 5305 code list.',
    'Umsatzsteuerkategorien müssen nach UNTDID 5305 codiert sein.',
  ),
  'BR-CL-19': T(
    'Coded allowance reasons MUST belong to the UNCL 5189 code list.',
    'Nachlassgründe müssen nach UNTDID 5189 codiert sein.',
  ),
  'BR-CL-20': T(
    'Coded charge reasons MUST belong to the UNCL 7161 code list.',
    'Zuschlagsgründe müssen nach UNTDID 7161 codiert sein.',
  ),
  'BR-CL-21': T(
    'Item standard identifier scheme identifier MUST belong to the ISO 6523 ICD code list.',
    'Die Schemakennung der Standardartikelkennung muss aus der ISO-6523-ICD-Liste stammen.',
  ),
  'BR-CL-22': T(
    'Tax exemption reason code identifier scheme identifier MUST belong to the CEF VATEX code list.',
    'Der Code des Befreiungsgrunds muss aus der VATEX-Liste stammen.',
  ),
  'BR-CL-23': T(
    'Unit code MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 extension.',
    'Mengeneinheiten müssen nach UN/ECE-Empfehlung 20 (mit Empfehlung 21) codiert sein.',
  ),
  'BR-CL-24': T(
    'For Mime code in attribute use MIMEMediaType.',
    'Der MIME-Typ eines Anhangs muss einer der zulässigen MIME-Typen sein.',
  ),
  'BR-CL-25': T(
    'Endpoint identifier scheme identifier MUST belong to the CEF EAS code list.',
    'Die Schemakennung der elektronischen Adresse muss aus der EAS-Liste stammen.',
  ),
  'BR-CL-26': T(
    'Delivery location identifier scheme identifier MUST belong to the ISO 6523 ICD code list.',
    'Die Schemakennung des Lieferorts muss aus der ISO-6523-ICD-Liste stammen.',
  ),
};

/** Business terms bounded to two decimals by BR-DEC-nn. */
const DECIMAL_TERMS: Record<string, [string, string]> = {
  '01': ['Document level allowance amount (BT-92)', 'Nachlassbetrag auf Dokumentebene (BT-92)'],
  '02': ['Document level allowance base amount (BT-93)', 'Grundbetrag des Nachlasses (BT-93)'],
  '05': ['Document level charge amount (BT-99)', 'Zuschlagsbetrag auf Dokumentebene (BT-99)'],
  '06': ['Document level charge base amount (BT-100)', 'Grundbetrag des Zuschlags (BT-100)'],
  '09': ['Sum of Invoice line net amount (BT-106)', 'Summe der Positionsnettobeträge (BT-106)'],
  '10': ['Sum of allowances on document level (BT-107)', 'Summe der Nachlässe (BT-107)'],
  '11': ['Sum of charges on document level (BT-108)', 'Summe der Zuschläge (BT-108)'],
  '12': ['Invoice total amount without VAT (BT-109)', 'Gesamtbetrag ohne Umsatzsteuer (BT-109)'],
  '13': ['Invoice total VAT amount (BT-110)', 'Umsatzsteuergesamtbetrag (BT-110)'],
  '14': ['Invoice total amount with VAT (BT-112)', 'Gesamtbetrag mit Umsatzsteuer (BT-112)'],
  '15': [
    'Invoice total VAT amount in accounting currency (BT-111)',
    'Umsatzsteuergesamtbetrag in Steuerwährung (BT-111)',
  ],
  '16': ['Paid amount (BT-113)', 'Gezahlter Betrag (BT-113)'],
  '17': ['Rounding amount (BT-114)', 'Rundungsbetrag (BT-114)'],
  '18': ['Amount due for payment (BT-115)', 'Fälliger Zahlungsbetrag (BT-115)'],
  '19': ['VAT category taxable amount (BT-116)', 'Steuerbemessungsbetrag (BT-116)'],
  '20': ['VAT category tax amount (BT-117)', 'Steuerbetrag der Kategorie (BT-117)'],
  '23': ['Invoice line net amount (BT-131)', 'Positionsnettobetrag (BT-131)'],
  '24': ['Invoice line allowance amount (BT-136)', 'Nachlassbetrag der Position (BT-136)'],
  '25': ['Invoice line allowance base amount (BT-137)', 'Grundbetrag des Positionsnachlasses (BT-137)'],
  '27': ['Invoice line charge amount (BT-141)', 'Zuschlagsbetrag der Position (BT-141)'],
  '28': ['Invoice line charge base amount (BT-142)', 'Grundbetrag des Positionszuschlags (BT-142)'],
};

/** Texts of the syntax-binding rules: each is about one element or attribute. */
const SYNTAX: Record<string, RuleText> = {
  'CII-SR-009': T(
    'GuidelineSpecifiedDocumentContextParameter must exist exactly once.',
    'GuidelineSpecifiedDocumentContextParameter muss genau einmal vorhanden sein.',
  ),
  'CII-SR-010': T(
    'The Specification identifier (BT-24, GuidelineSpecifiedDocumentContextParameter/ID) must exist exactly once.',
    'Die Spezifikationskennung (BT-24) muss genau einmal vorhanden sein.',
  ),
  'CII-SR-014': T(
    'The Invoice type code (BT-3, ExchangedDocument/TypeCode) must exist exactly once.',
    'Der Rechnungstypcode (BT-3) muss genau einmal vorhanden sein.',
  ),
  'CII-SR-046': T(
    'schemeID must be present if the Item standard identifier (GlobalID) is present.',
    'Zur Standardartikelkennung (GlobalID) muss eine schemeID angegeben sein.',
  ),
  'CII-SR-069': T(
    'Each Item attribute (BG-32) shall have exactly one Description.',
    'Jedes Artikelattribut (BG-32) muss genau eine Beschreibung haben.',
  ),
  'CII-SR-072': T(
    'Each Item attribute (BG-32) shall have exactly one Value.',
    'Jedes Artikelattribut (BG-32) muss genau einen Wert haben.',
  ),
  'CII-SR-090': T(
    'The Item country of origin (OriginTradeCountry) shall have exactly one ID.',
    'Das Ursprungsland (OriginTradeCountry) muss genau eine ID haben.',
  ),
  'CII-SR-439': T(
    'Each Invoice line shall have exactly one Item net price (NetPriceProductTradePrice/ChargeAmount).',
    'Jede Position muss genau einen Nettopreis (NetPriceProductTradePrice/ChargeAmount) haben.',
  ),
  'CII-SR-440': T(
    'The Item price discount (AppliedTradeAllowanceCharge/ActualAmount) shall exist at most once.',
    'Der Preisnachlass (AppliedTradeAllowanceCharge/ActualAmount) darf höchstens einmal vorkommen.',
  ),
  'CII-SR-441': T(
    'The Item net price (NetPriceProductTradePrice/ChargeAmount) shall exist at most once.',
    'Der Nettopreis (NetPriceProductTradePrice/ChargeAmount) darf höchstens einmal vorkommen.',
  ),
  'CII-SR-455': T(
    'The Seller contact (DefinedTradeContact) shall exist at most once.',
    'Der Kontakt des Verkäufers (DefinedTradeContact) darf höchstens einmal vorkommen.',
  ),
  'CII-SR-456': T(
    'The Buyer contact (DefinedTradeContact) shall exist at most once.',
    'Der Kontakt des Käufers (DefinedTradeContact) darf höchstens einmal vorkommen.',
  ),
  'CII-SR-459': T(
    'The Seller electronic address (URIUniversalCommunication) shall exist at most once.',
    'Die elektronische Adresse des Verkäufers darf höchstens einmal vorkommen.',
  ),
  'CII-SR-460': T(
    'The Buyer electronic address (URIUniversalCommunication) shall exist at most once.',
    'Die elektronische Adresse des Käufers darf höchstens einmal vorkommen.',
  ),
  'CII-SR-461': T(
    'Only one Value added tax point date (TaxPointDate) shall be present.',
    'Es darf nur ein Datum der Steuerfälligkeit (TaxPointDate) angegeben sein.',
  ),
  'CII-SR-462': T(
    'All Value added tax point date codes (DueDateTypeCode) shall have the same value.',
    'Alle Codes für das Datum der Steuerfälligkeit (DueDateTypeCode) müssen gleich sein.',
  ),
  'CII-SR-463': T(
    'Each allowance or charge (SpecifiedTradeAllowanceCharge) shall contain a ChargeIndicator.',
    'Jeder Nachlass oder Zuschlag (SpecifiedTradeAllowanceCharge) muss einen ChargeIndicator enthalten.',
  ),
  'CII-SR-467': T(
    'All Payment means type codes (BT-81) shall have the same value.',
    'Alle Zahlungsartcodes (BT-81) müssen denselben Wert haben.',
  ),
  'CII-SR-468': T(
    'All Payment means texts (BT-82) shall have the same value.',
    'Alle Zahlungsarttexte (BT-82) müssen denselben Wert haben.',
  ),
  'CII-SR-469': T(
    'The Payment reference (BT-83) shall exist at most once.',
    'Der Verwendungszweck (BT-83) darf höchstens einmal vorkommen.',
  ),
  'CII-SR-470': T(
    'A credit transfer (BT-81 = 30 or 58) shall carry a Payment account identifier (BT-84) as IBANID or ProprietaryID.',
    'Eine Überweisung (BT-81 = 30 oder 58) muss eine Kontokennung (BT-84) als IBANID oder ProprietaryID enthalten.',
  ),
  'CII-SR-471': T(
    'An allowance or charge shall carry at most one RateApplicablePercent.',
    'Ein Nachlass oder Zuschlag darf höchstens einen RateApplicablePercent enthalten.',
  ),
  'CII-SR-472': T(
    'An allowance or charge shall carry at most one CategoryTradeTax.',
    'Ein Nachlass oder Zuschlag darf höchstens eine CategoryTradeTax enthalten.',
  ),
  'CII-SR-473': T(
    'An allowance or charge shall carry at most one ActualAmount.',
    'Ein Nachlass oder Zuschlag darf höchstens einen ActualAmount enthalten.',
  ),
  'CII-DT-013': T('languageID should not be present.', 'Das Attribut languageID darf nicht vorhanden sein.'),
  'CII-DT-014': T(
    'languageLocaleID should not be present.',
    'Das Attribut languageLocaleID darf nicht vorhanden sein.',
  ),
  'CII-DT-031': T(
    'currencyID should not be present (only TaxTotalAmount carries a currency).',
    'Das Attribut currencyID darf nur an TaxTotalAmount stehen.',
  ),
  'CII-DT-032': T(
    'currencyCodeListVersionID should not be present.',
    'Das Attribut currencyCodeListVersionID darf nicht vorhanden sein.',
  ),
  'CII-DT-033': T(
    'unitCode should not be present (unless the billed quantity carries one).',
    'Das Attribut unitCode darf hier nicht vorhanden sein.',
  ),
  'CII-DT-037': T(
    "The TradeTax TypeCode shall be 'VAT'.",
    "Der TypeCode einer Steuerangabe muss 'VAT' sein.",
  ),
  'CII-DT-097': T(
    'A date time string with format attribute 102 shall be YYYYMMDD.',
    'Ein Datum mit format="102" muss die Form JJJJMMTT haben.',
  ),
  'UBL-SR-07': T(
    'If there is a preceding invoice reference, the preceding invoice number shall be present.',
    'Bei einem Verweis auf eine vorausgegangene Rechnung muss deren Nummer angegeben sein.',
  ),
  'UBL-SR-19': T(
    'Payee name shall occur maximum once, if the Payee is different from the Seller.',
    'Der Name des Zahlungsempfängers darf höchstens einmal vorkommen und muss vom Verkäufer abweichen.',
  ),
  'UBL-SR-20': T(
    'Payee identifier shall occur maximum once, if the Payee is different from the Seller.',
    'Die Kennung des Zahlungsempfängers darf höchstens einmal vorkommen und der Empfänger muss vom Verkäufer abweichen.',
  ),
  'UBL-SR-21': T(
    'Payee legal registration identifier shall occur maximum once, if the Payee is different from the Seller.',
    'Die Registernummer des Zahlungsempfängers darf höchstens einmal vorkommen und der Empfänger muss vom Verkäufer abweichen.',
  ),
  'UBL-SR-43': T(
    'Scheme identifier shall only be used for invoiced object (document type code with value 130 or 50).',
    'Eine Schemakennung ist nur für die Objektkennung (Dokumenttyp 130 oder 50) zulässig.',
  ),
  'UBL-SR-44': T(
    'An Invoice may only have one unique PaymentID, but the PaymentID may be used for multiple PaymentMeans.',
    'Eine Rechnung darf nur einen eindeutigen Verwendungszweck (PaymentID) haben.',
  ),
  'UBL-SR-47': T(
    'When there are more than one payment means code, they shall be equal.',
    'Mehrere Zahlungsartcodes müssen gleich sein.',
  ),
  'UBL-SR-48': T(
    'Invoice lines shall have one and only one classified tax category.',
    'Jede Rechnungsposition muss genau eine Steuerkategorie (ClassifiedTaxCategory) haben.',
  ),
  'UBL-SR-51': T(
    'An address can only have one third line.',
    'Eine Adresse darf nur eine dritte Adresszeile haben.',
  ),
  'UBL-SR-53': T(
    'CompanyID (VAT identifier) must be stated when providing the PartyTaxScheme/TaxScheme/ID.',
    'Bei PartyTaxScheme müssen CompanyID und TaxScheme/ID angegeben sein.',
  ),
  'UBL-DT-01': T(
    'Amounts shall be decimal up to two fraction digits.',
    'Beträge dürfen höchstens zwei Nachkommastellen haben.',
  ),
  'UBL-DT-06': T(
    'Binary object elements shall contain the mime code attribute.',
    'Binärobjekte müssen das Attribut mimeCode enthalten.',
  ),
  'UBL-DT-07': T(
    'Binary object elements shall contain the file name attribute.',
    'Binärobjekte müssen das Attribut filename enthalten.',
  ),
  'UBL-CR-666': T(
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Attachment.',
    'Eine Objektkennung (AdditionalDocumentReference mit Typ 130) darf keinen Anhang enthalten.',
  ),
  'UBL-CR-673': T(
    'A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and a Document Description.',
    'Eine Objektkennung (AdditionalDocumentReference mit Typ 130) darf keine Dokumentbeschreibung enthalten.',
  ),
};

/** Syntax rules that bound how often an element occurs: "X shall occur maximum once". */
const MAX_ONCE: Record<string, string> = {
  'UBL-SR-01': 'Contract identifier',
  'UBL-SR-02': 'Receive advice identifier',
  'UBL-SR-03': 'Despatch advice identifier',
  'UBL-SR-04': 'Invoice object identifier',
  'UBL-SR-05': 'Payment terms',
  'UBL-SR-06': 'Preceding invoice reference',
  'UBL-SR-08': 'Invoice period',
  'UBL-SR-09': 'Seller name',
  'UBL-SR-10': 'Seller trader name',
  'UBL-SR-11': 'Seller legal registration identifier',
  'UBL-SR-12': 'Seller VAT identifier',
  'UBL-SR-13': 'Seller tax registration',
  'UBL-SR-14': 'Seller additional legal information',
  'UBL-SR-15': 'Buyer name',
  'UBL-SR-16': 'Buyer identifier',
  'UBL-SR-17': 'Buyer legal registration identifier',
  'UBL-SR-18': 'Buyer VAT identifier',
  'UBL-SR-22': 'Seller tax representative name',
  'UBL-SR-23': 'Seller tax representative VAT identifier',
  'UBL-SR-24': 'Deliver to information',
  'UBL-SR-25': 'Deliver to party name',
  'UBL-SR-26': 'Payment reference',
  'UBL-SR-27': 'Payment means text',
  'UBL-SR-28': 'Mandate reference identifier',
  'UBL-SR-29': 'Bank creditor reference',
  'UBL-SR-30': 'Document level allowance reason',
  'UBL-SR-31': 'Document level charge reason',
  'UBL-SR-32': 'VAT exemption reason text',
  'UBL-SR-33': 'Supporting document description',
  'UBL-SR-34': 'Invoice line note',
  'UBL-SR-35': 'Referenced purchase order line identifier',
  'UBL-SR-36': 'Invoice line period',
  'UBL-SR-37': 'Item price discount',
  'UBL-SR-39': 'Project reference',
  'UBL-SR-40': 'Buyer trade name',
  'UBL-SR-42': 'Party tax scheme (maximum twice in accounting supplier party)',
  'UBL-SR-45': 'Due Date',
  'UBL-SR-46': 'Payment means text',
  'UBL-SR-49': 'Value tax point date',
  'UBL-SR-50': 'Item description',
  'UBL-SR-52': 'Document reference',
  'UBL-SR-54': 'Payment card account (BG-18)',
  'UBL-SR-55': 'Payment mandate (BG-19)',
  'UBL-SR-56': 'Tender or lot reference (BT-17)',
  'CII-SR-477': 'LineTotalAmount (BT-106)',
  'CII-SR-478': 'ChargeTotalAmount (BT-108)',
  'CII-SR-479': 'AllowanceTotalAmount (BT-107)',
  'CII-SR-480': 'TaxBasisTotalAmount (BT-109)',
  'CII-SR-481': 'RoundingAmount (BT-114)',
  'CII-SR-482': 'GrandTotalAmount (BT-112)',
  'CII-SR-483': 'InformationAmount',
  'CII-SR-484': 'TotalPrepaidAmount (BT-113)',
  'CII-SR-485': 'TotalDiscountAmount',
  'CII-SR-486': 'TotalAllowanceChargeAmount',
  'CII-SR-487': 'DuePayableAmount (BT-115)',
  'CII-SR-488': 'RetailValueExcludingTaxInformationAmount',
  'CII-SR-489': 'TotalDepositFeeInformationAmount',
  'CII-SR-490': 'ProductValueExcludingTobaccoTaxInformationAmount',
  'CII-SR-491': 'TotalRetailValueInformationAmount',
  'CII-SR-492': 'GrossLineTotalAmount',
  'CII-SR-493': 'NetLineTotalAmount',
  'CII-SR-494': 'NetIncludingTaxesLineTotalAmount',
};

/** CII-DT rules that forbid one attribute or child element ("X should not be present"). */
const CII_DT_FORBIDDEN: Record<string, string> = {
  'CII-DT-001': '@schemeName',
  'CII-DT-002': '@schemeAgencyName',
  'CII-DT-003': '@schemeDataURI',
  'CII-DT-004': '@schemeURI',
  'CII-DT-005': '@schemeID',
  'CII-DT-006': '@schemeAgencyID',
  'CII-DT-007': '@schemeVersionID',
  'CII-DT-101': '@schemeName',
  'CII-DT-102': '@schemeAgencyName',
  'CII-DT-103': '@schemeDataURI',
  'CII-DT-104': '@schemeURI',
  'CII-DT-008': '@name',
  'CII-DT-009': '@listURI',
  'CII-DT-010': '@listID',
  'CII-DT-011': '@listAgencyID',
  'CII-DT-012': '@listVersionID',
  'CII-DT-015': 'URIID',
  'CII-DT-016': 'StatusCode',
  'CII-DT-017': 'CopyIndicator',
  'CII-DT-018': 'TypeCode',
  'CII-DT-019': 'GlobalID',
  'CII-DT-020': 'RevisionID',
  'CII-DT-021': 'Name',
  'CII-DT-022': 'AttachmentBinaryObject',
  'CII-DT-023': 'Information',
  'CII-DT-024': 'ReferenceTypeCode',
  'CII-DT-025': 'SectionName',
  'CII-DT-026': 'PreviousRevisionID',
  'CII-DT-027': 'FormattedIssueDateTime',
  'CII-DT-028': 'EffectiveSpecifiedPeriod',
  'CII-DT-029': 'IssuerTradeParty',
  'CII-DT-030': 'AttachedSpecifiedBinaryFile',
  'CII-DT-034': '@unitCodeListID',
  'CII-DT-035': '@unitCodeListAgencyID',
  'CII-DT-036': '@unitCodeListAgencyName',
  'CII-DT-068': 'StartDateTime/DateTime',
  'CII-DT-069': 'DurationMeasure',
  'CII-DT-070': 'InclusiveIndicator',
  'CII-DT-071': 'Description',
  'CII-DT-072': 'EndDateTime/DateTime',
  'CII-DT-073': 'CompleteDateTime',
  'CII-DT-074': 'OpenIndicator',
  'CII-DT-075': 'SeasonCode',
  'CII-DT-076': 'ID',
  'CII-DT-077': 'Name',
  'CII-DT-078': 'SequenceNumeric',
  'CII-DT-079': 'StartDateFlexibilityCode',
  'CII-DT-080': 'ContinuousIndicator',
  'CII-DT-081': 'PurposeCode',
  'CII-DT-082': 'ID',
  'CII-DT-083': 'PostOfficeBox',
  'CII-DT-084': 'BuildingName',
  'CII-DT-086': 'LineFour',
  'CII-DT-087': 'LineFive',
  'CII-DT-088': 'StreetName',
  'CII-DT-089': 'CitySubDivisionName',
  'CII-DT-090': 'CountryName',
  'CII-DT-091': 'CountrySubDivisionID',
  'CII-DT-092': 'AttentionOf',
  'CII-DT-093': 'CareOf',
  'CII-DT-094': 'BuildingNumber',
  'CII-DT-095': 'DepartmentName',
  'CII-DT-096': 'AdditionalStreetName',
};

/** Texts of the VAT category rule families BR-{prefix}-01 ... -14, from one template per number. */
function categoryText(category: VatCategory, number: string, prefix: string): RuleText | undefined {
  const n = `"${category.name}"`;
  const d = `„${category.nameDe}"`;
  const ruleOf = (term: string, termDe: string): RuleText => {
    if (category.code === 'O')
      return T(
        `An Invoice that contains ${term} where the VAT category code is ${n} shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).`,
        `Eine Rechnung mit ${termDe} der Kategorie ${d} darf keine Umsatzsteuer-Identifikationsnummer von Verkäufer, Steuervertreter oder Käufer (BT-31, BT-63, BT-48) enthalten.`,
      );
    const buyer = category.code === 'AE' || category.code === 'K';
    return T(
      `An Invoice that contains ${term} where the VAT category code is ${n} shall contain the Seller VAT identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63)${buyer ? ' and the Buyer VAT identifier (BT-48)' : ''}.`,
      `Eine Rechnung mit ${termDe} der Kategorie ${d} muss die Umsatzsteuer-Identifikationsnummer (BT-31), Steuernummer (BT-32) des Verkäufers oder die des Steuervertreters (BT-63)${buyer ? ' sowie die Umsatzsteuer-Identifikationsnummer des Käufers (BT-48)' : ''} enthalten.`,
    );
  };
  const rateOf = (where: string, whereDe: string, rate: string, rateDe: string): RuleText => {
    const [en, de] = {
      positive: ['greater than zero', 'größer als null'],
      zero: ['0 (zero)', '0 (null)'],
      nonNegative: ['0 (zero) or greater than zero', '0 (null) oder größer'],
      none: ['absent', 'nicht angegeben'],
    }[category.rate];
    return category.rate === 'none'
      ? T(
          `${where} where the VAT category code is ${n} shall not contain a VAT rate (${rate}).`,
          `${whereDe} der Kategorie ${d} darf keinen Steuersatz (${rateDe}) enthalten.`,
        )
      : T(
          `In ${where.toLowerCase()} where the VAT category code is ${n} the VAT rate (${rate}) shall be ${en}.`,
          `Bei ${whereDe} der Kategorie ${d} muss der Steuersatz (${rateDe}) ${de} sein.`,
        );
  };
  switch (number) {
    case '01':
      return T(
        `An Invoice that contains an Invoice line, a Document level allowance or charge with VAT category code ${n} shall contain in the VAT breakdown (BG-23) ${category.perRate ? 'at least one' : 'exactly one'} VAT category code (BT-118) ${n}.`,
        `Eine Rechnung mit Positionen, Nachlässen oder Zuschlägen der Kategorie ${d} muss in der Umsatzsteueraufschlüsselung (BG-23) ${category.perRate ? 'mindestens eine' : 'genau eine'} Aufschlüsselung der Kategorie ${d} enthalten.`,
      );
    case '02':
      return ruleOf('an Invoice line (BG-25, BT-151)', 'einer Position (BG-25, BT-151)');
    case '03':
      return ruleOf(
        'a Document level allowance (BG-20, BT-95)',
        'einem Nachlass auf Dokumentebene (BG-20, BT-95)',
      );
    case '04':
      return ruleOf(
        'a Document level charge (BG-21, BT-102)',
        'einem Zuschlag auf Dokumentebene (BG-21, BT-102)',
      );
    case '05':
      return rateOf('An Invoice line (BG-25)', 'einer Position (BG-25)', 'BT-152', 'BT-152');
    case '06':
      return rateOf(
        'A Document level allowance (BG-20)',
        'einem Nachlass auf Dokumentebene (BG-20)',
        'BT-96',
        'BT-96',
      );
    case '07':
      return rateOf(
        'A Document level charge (BG-21)',
        'einem Zuschlag auf Dokumentebene (BG-21)',
        'BT-103',
        'BT-103',
      );
    case '08':
      return T(
        `In a VAT breakdown (BG-23) with VAT category code ${n} the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus Document level allowances (BT-92) plus Document level charges (BT-99) of that category${category.perRate ? ' and VAT rate' : ''}.`,
        `In der Aufschlüsselung der Kategorie ${d} muss der Bemessungsbetrag (BT-116) der Summe der Positionsnettobeträge (BT-131) minus Nachlässe (BT-92) plus Zuschläge (BT-99) dieser Kategorie${category.perRate ? ' und dieses Steuersatzes' : ''} entsprechen.`,
      );
    case '09':
      return category.perRate
        ? T(
            `The VAT category tax amount (BT-117) in a VAT breakdown with VAT category code ${n} shall equal the taxable amount (BT-116) multiplied by the VAT rate (BT-119).`,
            `Der Steuerbetrag (BT-117) der Kategorie ${d} muss Bemessungsbetrag (BT-116) mal Steuersatz (BT-119) entsprechen.`,
          )
        : T(
            `The VAT category tax amount (BT-117) in a VAT breakdown with VAT category code ${n} shall be 0 (zero).`,
            `Der Steuerbetrag (BT-117) der Kategorie ${d} muss 0 sein.`,
          );
    case '10':
      return category.exemptionReason
        ? T(
            `A VAT breakdown (BG-23) with VAT category code ${n} shall have a VAT exemption reason code (BT-121) or text (BT-120).`,
            `Eine Aufschlüsselung der Kategorie ${d} muss einen Befreiungsgrund (BT-120) oder dessen Code (BT-121) enthalten.`,
          )
        : T(
            `A VAT breakdown (BG-23) with VAT category code ${n} shall not have a VAT exemption reason code (BT-121) or text (BT-120).`,
            `Eine Aufschlüsselung der Kategorie ${d} darf keinen Befreiungsgrund (BT-120, BT-121) enthalten.`,
          );
    default:
      return CORE[`BR-${prefix}-${number}`];
  }
}

const FALLBACK: RuleText = T(
  'The document violates this EN 16931 rule.',
  'Das Dokument verletzt diese EN-16931-Regel.',
);

/** English and German text of a rule id; every id in the rule tables has one. */
export function messageFor(id: string): RuleText {
  const known = CORE[id] ?? SYNTAX[id];
  if (known) return known;
  const decimals = /^BR-DEC-(\d\d)$/.exec(id);
  if (decimals && DECIMAL_TERMS[decimals[1]!]) {
    const [en, de] = DECIMAL_TERMS[decimals[1]!]!;
    return T(
      `The allowed maximum number of decimals for the ${en} is 2.`,
      `${de}: höchstens 2 Nachkommastellen erlaubt.`,
    );
  }
  const family = /^BR-([A-Z]+)-(\d\d)$/.exec(id);
  const category = family ? categoryOfPrefix(family[1]!) : undefined;
  if (family && category) return categoryText(category, family[2]!, family[1]!) ?? FALLBACK;
  const maxOnce = MAX_ONCE[id];
  if (maxOnce)
    return T(`${maxOnce} shall occur maximum once.`, `${maxOnce}: darf höchstens einmal vorkommen.`);
  const forbidden = CII_DT_FORBIDDEN[id];
  if (forbidden)
    return T(
      `${forbidden} should not be present here.`,
      `${forbidden} darf an dieser Stelle nicht vorkommen.`,
    );
  return FALLBACK;
}

/** Every id with a dedicated text (for the completeness test). */
export function knownRuleIds(): string[] {
  return [
    ...Object.keys(CORE),
    ...Object.keys(SYNTAX),
    ...Object.keys(MAX_ONCE),
    ...Object.keys(CII_DT_FORBIDDEN),
  ];
}
