/**
 * Readable messages for every rule of the XRechnung schematron 2.5 (UBL and CII) and the
 * Peppol BIS rules XRechnung adopts. Rule ids are the official ones; texts are summaries.
 */
export interface RuleText {
  en: string;
  de: string;
}

export const RULE_TEXTS = {
  'BR-DE-1': {
    en: 'An invoice must contain PAYMENT INSTRUCTIONS (BG-16).',
    de: 'Eine Rechnung muss Angaben zu "PAYMENT INSTRUCTIONS" (BG-16) enthalten.',
  },
  'BR-DE-2': {
    en: 'The group SELLER CONTACT (BG-6) must be provided.',
    de: 'Die Gruppe "SELLER CONTACT" (BG-6) muss übermittelt werden.',
  },
  'BR-DE-3': {
    en: 'Seller city (BT-37) must be provided.',
    de: 'Das Element "Seller city" (BT-37) muss übermittelt werden.',
  },
  'BR-DE-4': {
    en: 'Seller post code (BT-38) must be provided.',
    de: 'Das Element "Seller post code" (BT-38) muss übermittelt werden.',
  },
  'BR-DE-5': {
    en: 'Seller contact point (BT-41) must be provided.',
    de: 'Das Element "Seller contact point" (BT-41) muss übermittelt werden.',
  },
  'BR-DE-6': {
    en: 'Seller contact telephone number (BT-42) must be provided.',
    de: 'Das Element "Seller contact telephone number" (BT-42) muss übermittelt werden.',
  },
  'BR-DE-7': {
    en: 'Seller contact email address (BT-43) must be provided.',
    de: 'Das Element "Seller contact email address" (BT-43) muss übermittelt werden.',
  },
  'BR-DE-8': {
    en: 'Buyer city (BT-52) must be provided.',
    de: 'Das Element "Buyer city" (BT-52) muss übermittelt werden.',
  },
  'BR-DE-9': {
    en: 'Buyer post code (BT-53) must be provided.',
    de: 'Das Element "Buyer post code" (BT-53) muss übermittelt werden.',
  },
  'BR-DE-10': {
    en: 'Deliver to city (BT-77) must be provided when DELIVER TO ADDRESS (BG-15) is given.',
    de: 'Das Element "Deliver to city" (BT-77) muss übermittelt werden, wenn "DELIVER TO ADDRESS" (BG-15) übermittelt wird.',
  },
  'BR-DE-11': {
    en: 'Deliver to post code (BT-78) must be provided when DELIVER TO ADDRESS (BG-15) is given.',
    de: 'Das Element "Deliver to post code" (BT-78) muss übermittelt werden, wenn "DELIVER TO ADDRESS" (BG-15) übermittelt wird.',
  },
  'BR-DE-14': {
    en: 'VAT category rate (BT-119) must be provided.',
    de: 'Das Element "VAT category rate" (BT-119) muss übermittelt werden.',
  },
  'BR-DE-15': {
    en: 'Buyer reference (BT-10, e.g. the Leitweg-ID) must be provided.',
    de: 'Das Element "Buyer reference" (BT-10, z. B. die Leitweg-ID) muss übermittelt werden.',
  },
  'BR-DE-16': {
    en: 'With VAT category S, Z, E, AE, K, G, L or M the seller VAT identifier (BT-31), tax registration identifier (BT-32) or SELLER TAX REPRESENTATIVE PARTY (BG-11) must be provided.',
    de: 'Bei den Steuercodes S, Z, E, AE, K, G, L oder M muss "Seller VAT identifier" (BT-31), "Seller tax registration identifier" (BT-32) oder "SELLER TAX REPRESENTATIVE PARTY" (BG-11) übermittelt werden.',
  },
  'BR-DE-17': {
    en: 'Invoice type code (BT-3) should be one of 326, 380, 384, 389, 381, 875, 876, 877.',
    de: 'Der "Invoice type code" (BT-3) soll einer der Codes 326, 380, 384, 389, 381, 875, 876, 877 sein.',
  },
  'BR-DE-18': {
    en: 'Skonto lines in payment terms (BT-20) must read #SKONTO#TAGE=n#PROZENT=n.nn# (optionally #BASISBETRAG=n.nn#), in capitals, without extra blanks, each followed by a line break.',
    de: 'Skonto-Zeilen in "Payment terms" (BT-20) müssen #SKONTO#TAGE=n#PROZENT=n.nn# (optional #BASISBETRAG=n.nn#) lauten, in Großbuchstaben, ohne zusätzliche Leerzeichen und jeweils mit Zeilenumbruch.',
  },
  'BR-DE-19': {
    en: 'Payment account identifier (BT-84) should be a valid IBAN when payment means code (BT-81) is 58 (SEPA credit transfer).',
    de: '"Payment account identifier" (BT-84) soll eine korrekte IBAN enthalten, wenn "Payment means type code" (BT-81) 58 (SEPA) ist.',
  },
  'BR-DE-20': {
    en: 'Debited account identifier (BT-91) should be a valid IBAN when payment means code (BT-81) is 59 (SEPA direct debit).',
    de: '"Debited account identifier" (BT-91) soll eine korrekte IBAN enthalten, wenn "Payment means type code" (BT-81) 59 (SEPA-Lastschrift) ist.',
  },
  'BR-DE-21': {
    en: 'Specification identifier (BT-24) should name the XRechnung standard.',
    de: 'Das Element "Specification identifier" (BT-24) soll der Kennung des Standards XRechnung entsprechen.',
  },
  'BR-DE-22': {
    en: 'The filename of every attached document must be unique.',
    de: 'Das "filename"-Attribut aller angehängten Dokumente muss eindeutig sein.',
  },
  'BR-DE-23-a': {
    en: 'With a credit transfer payment means code (30, 58), CREDIT TRANSFER (BG-17) must be provided.',
    de: 'Bei einem Schlüssel für Überweisungen (30, 58) in BT-81 muss "CREDIT TRANSFER" (BG-17) übermittelt werden.',
  },
  'BR-DE-23-b': {
    en: 'With a credit transfer payment means code (30, 58), PAYMENT CARD (BG-18) and DIRECT DEBIT (BG-19) must not be provided.',
    de: 'Bei einem Schlüssel für Überweisungen (30, 58) in BT-81 dürfen BG-18 und BG-19 nicht übermittelt werden.',
  },
  'BR-DE-24-a': {
    en: 'With a card payment means code (48, 54, 55), PAYMENT CARD INFORMATION (BG-18) must be provided.',
    de: 'Bei einem Schlüssel für Kartenzahlungen (48, 54, 55) in BT-81 muss "PAYMENT CARD INFORMATION" (BG-18) übermittelt werden.',
  },
  'BR-DE-24-b': {
    en: 'With a card payment means code (48, 54, 55), CREDIT TRANSFER (BG-17) and DIRECT DEBIT (BG-19) must not be provided.',
    de: 'Bei einem Schlüssel für Kartenzahlungen (48, 54, 55) in BT-81 dürfen BG-17 und BG-19 nicht übermittelt werden.',
  },
  'BR-DE-25-a': {
    en: 'With the direct debit payment means code 59, DIRECT DEBIT (BG-19) must be provided.',
    de: 'Bei dem Schlüssel für Lastschriften (59) in BT-81 muss "DIRECT DEBIT" (BG-19) übermittelt werden.',
  },
  'BR-DE-25-b': {
    en: 'With the direct debit payment means code 59, CREDIT TRANSFER (BG-17) and PAYMENT CARD (BG-18) must not be provided.',
    de: 'Bei dem Schlüssel für Lastschriften (59) in BT-81 dürfen BG-17 und BG-18 nicht übermittelt werden.',
  },
  'BR-DE-26': {
    en: 'A corrected invoice (type code 384) should reference the preceding invoice (BG-3).',
    de: 'Bei einer korrigierten Rechnung (Code 384) soll "PRECEDING INVOICE REFERENCE" (BG-3) mindestens einmal vorhanden sein.',
  },
  'BR-DE-27': {
    en: 'Seller contact telephone number (BT-42) should contain at least three digits.',
    de: 'In BT-42 sollen mindestens drei Ziffern enthalten sein.',
  },
  'BR-DE-28': {
    en: 'Seller contact email address (BT-43) should be a plausible address: exactly one @, no blanks, a dotted domain.',
    de: 'BT-43 soll eine plausible E-Mail-Adresse sein: genau ein @, keine Leerzeichen, Domain mit Punkt.',
  },
  'BR-DE-30': {
    en: 'With DIRECT DEBIT (BG-19), the bank assigned creditor identifier (BT-90) must be provided.',
    de: 'Wenn "DIRECT DEBIT" (BG-19) vorhanden ist, muss "Bank assigned creditor identifier" (BT-90) übermittelt werden.',
  },
  'BR-DE-31': {
    en: 'With DIRECT DEBIT (BG-19), the debited account identifier (BT-91) must be provided.',
    de: 'Wenn "DIRECT DEBIT" (BG-19) vorhanden ist, muss "Debited account identifier" (BT-91) übermittelt werden.',
  },
  'BR-DE-TMP-32': {
    en: 'The invoice should state the delivery date (BT-72), an invoicing period (BG-14) or a period on every line (BG-26).',
    de: 'Die Rechnung sollte BT-72 "Actual delivery date", BG-14 "Invoicing period" oder in jeder Position BG-26 "Invoice line period" enthalten.',
  },
  'BR-TMP-2': {
    en: 'External document location (BT-124) must be an absolute URL with a scheme.',
    de: 'BT-124 "External document location" muss eine absolute URL mit gültigem Schema enthalten.',
  },
  'BR-TMP-3': {
    en: 'Item price base quantity (BT-149) given on both gross and net price must be identical, and so must its unit (BT-150) where both carry one.',
    de: 'BT-149 muss bei Brutto- und Nettopreis identisch sein, ebenso BT-150, wenn beide eine Einheit angeben.',
  },
  'BR-DEX-01': {
    en: 'Attached document (BT-125) uses a MIME code that is not allowed (the extension adds application/xml).',
    de: '"Attached Document" (BT-125) benutzt einen nicht zulässigen MIME-Code (die Extension erlaubt zusätzlich application/xml).',
  },
  'BR-DEX-02': {
    en: 'Invoice line net amount (BT-131) of a line or sub line should equal the sum of its direct sub lines.',
    de: '"Invoice line net amount" (BT-131) einer Position oder Subposition soll der Summe der direkt darunterliegenden Subpositionen entsprechen.',
  },
  'BR-DEX-03': {
    en: 'A SUB INVOICE LINE (BG-DEX-01) must contain exactly one SUB INVOICE LINE VAT INFORMATION (BG-DEX-06).',
    de: 'Eine "SUB INVOICE LINE" (BG-DEX-01) muss genau eine "SUB INVOICE LINE VAT INFORMATION" (BG-DEX-06) enthalten.',
  },
  'BR-DEX-04': {
    en: 'A party identifier scheme must be from the ISO 6523 ICD list (extension: also XR01, XR02, XR03; SEPA for seller and payee).',
    de: 'Das Schema einer Partei-Kennung muss aus der ISO 6523 ICD-Liste stammen (Extension: auch XR01, XR02, XR03; SEPA für Verkäufer und Zahlungsempfänger).',
  },
  'BR-DEX-05': {
    en: 'A legal registration identifier scheme must be from the ISO 6523 ICD list (extension: also XR01, XR02, XR03).',
    de: 'Das Schema einer Registerkennung muss aus der ISO 6523 ICD-Liste stammen (Extension: auch XR01, XR02, XR03).',
  },
  'BR-DEX-06': {
    en: 'An item standard identifier scheme must be from the ISO 6523 ICD list (extension: also XR01, XR02, XR03).',
    de: 'Das Schema einer Artikelkennung muss aus der ISO 6523 ICD-Liste stammen (Extension: auch XR01, XR02, XR03).',
  },
  'BR-DEX-07': {
    en: 'An electronic address scheme must be from the CEF EAS list (extension: also XR01, XR02, XR03).',
    de: 'Das Schema einer elektronischen Adresse muss aus der CEF EAS-Liste stammen (Extension: auch XR01, XR02, XR03).',
  },
  'BR-DEX-08': {
    en: 'A delivery location identifier scheme must be from the ISO 6523 ICD list (extension: also XR01, XR02, XR03).',
    de: 'Das Schema einer Lieferort-Kennung muss aus der ISO 6523 ICD-Liste stammen (Extension: auch XR01, XR02, XR03).',
  },
  'BR-DEX-09': {
    en: 'Amount due for payment (BT-115) must equal total with VAT (BT-112) - paid amount (BT-113) + rounding (BT-114) + third party payments (BT-DEX-002).',
    de: '"Amount due for payment" (BT-115) muss BT-112 - BT-113 + BT-114 + Summe der Drittzahlungen (BT-DEX-002) entsprechen.',
  },
  'BR-DEX-10': {
    en: 'Third party payment type (BT-DEX-001) must be provided in THIRD PARTY PAYMENT (BG-DEX-09).',
    de: '"Third party payment type" (BT-DEX-001) muss in "THIRD PARTY PAYMENT" (BG-DEX-09) übermittelt werden.',
  },
  'BR-DEX-11': {
    en: 'Third party payment amount (BT-DEX-002) must be provided in THIRD PARTY PAYMENT (BG-DEX-09).',
    de: '"Third party payment amount" (BT-DEX-002) muss in "THIRD PARTY PAYMENT" (BG-DEX-09) übermittelt werden.',
  },
  'BR-DEX-12': {
    en: 'Third party payment description (BT-DEX-003) must be provided in THIRD PARTY PAYMENT (BG-DEX-09).',
    de: '"Third party payment description" (BT-DEX-003) muss in "THIRD PARTY PAYMENT" (BG-DEX-09) übermittelt werden.',
  },
  'BR-DEX-13': {
    en: 'Third party payment amount (BT-DEX-002) may have at most two decimals.',
    de: '"Third party payment amount" (BT-DEX-002) darf höchstens zwei Nachkommastellen haben.',
  },
  'BR-DEX-14': {
    en: 'The currency of the third party payment amount (BT-DEX-002) must be the invoice currency (BT-5).',
    de: 'Die Währung von "Third party payment amount" (BT-DEX-002) muss BT-5 ("Invoice currency code") entsprechen.',
  },
  'BR-DEX-15': {
    en: 'This CII invoice seems to use sub invoice lines (ParentLineID), which XRechnung does not support.',
    de: 'Diese CII-Rechnung scheint Subpositionen (ParentLineID) zu verwenden; XRechnung unterstützt das nicht.',
  },
  'BR-DE-CVD-01': {
    en: 'Contract reference (BT-12) must be provided (CVD).',
    de: 'Das Element "Contract reference" (BT-12) muss übermittelt werden (CVD).',
  },
  'BR-DE-CVD-02': {
    en: 'Tender or lot reference (BT-17) must be provided (CVD).',
    de: 'Das Element "Tender or lot reference" (BT-17) muss übermittelt werden (CVD).',
  },
  'BR-DE-CVD-03': {
    en: "At least one invoice line must carry item classification scheme 'CVD' (BT-158) and item attribute 'cva' (BT-160).",
    de: "Mindestens eine Rechnungszeile muss das Klassifikationsschema 'CVD' (BT-158) und das Attribut 'cva' (BT-160) enthalten.",
  },
  'BR-DE-CVD-04': {
    en: "An item classification (BT-158) with scheme 'CVD' must be a vehicle category M1, M2, M3, N1, N2 or N3.",
    de: "Eine Klassifikation (BT-158) mit Schema 'CVD' muss eine zulässige Fahrzeugkategorie (M1, M2, M3, N1, N2, N3) enthalten.",
  },
  'BR-DE-CVD-05': {
    en: "Item attribute 'cva' (BT-161) must be clean, zero-emission or other.",
    de: "Der Wert des Attributs 'cva' (BT-161) muss clean, zero-emission oder other sein.",
  },
  'BR-DE-CVD-06-a': {
    en: "A line with classification scheme 'CVD' must have exactly one item attribute 'cva'.",
    de: "Eine Zeile mit Klassifikationsschema 'CVD' muss genau ein Attribut 'cva' enthalten.",
  },
  'BR-DE-CVD-06-b': {
    en: "A line with item attribute 'cva' must have exactly one classification with scheme 'CVD'.",
    de: "Eine Zeile mit Attribut 'cva' muss genau eine Klassifikation mit Schema 'CVD' enthalten.",
  },
  'BR-TMP-CVD-01': {
    en: 'The item classification scheme (BT-158) must be from UNTDID 7143 (or CVD).',
    de: 'Das Schema für "Item classification identifier" (BT-158) ist aus der Codeliste UNTDID 7143 (oder CVD) zu wählen.',
  },
  'PEPPOL-EN16931-R001': {
    en: 'Business process (BT-23) must be provided.',
    de: 'Der Geschäftsprozess (BT-23) muss angegeben werden.',
  },
  'PEPPOL-EN16931-R005': {
    en: 'VAT accounting currency code (BT-6) must differ from the invoice currency code (BT-5) when provided.',
    de: 'Der Steuerwährungscode (BT-6) muss sich, wenn angegeben, vom Rechnungswährungscode (BT-5) unterscheiden.',
  },
  'PEPPOL-EN16931-R008': {
    en: 'The document must not contain empty elements.',
    de: 'Das Dokument darf keine leeren Elemente enthalten.',
  },
  'PEPPOL-EN16931-R010': {
    en: 'Buyer electronic address (BT-49) must be provided.',
    de: 'Die elektronische Adresse des Käufers (BT-49) muss angegeben werden.',
  },
  'PEPPOL-EN16931-R020': {
    en: 'Seller electronic address (BT-34) must be provided.',
    de: 'Die elektronische Adresse des Verkäufers (BT-34) muss angegeben werden.',
  },
  'PEPPOL-EN16931-R040': {
    en: 'Allowance/charge amount must equal base amount * percentage / 100 when both are given.',
    de: 'Der Betrag eines Ab-/Zuschlags muss Basisbetrag * Prozentsatz / 100 entsprechen, wenn beide angegeben sind.',
  },
  'PEPPOL-EN16931-R041': {
    en: 'Allowance/charge base amount must be provided when a percentage is provided.',
    de: 'Der Basisbetrag eines Ab-/Zuschlags muss angegeben werden, wenn ein Prozentsatz angegeben ist.',
  },
  'PEPPOL-EN16931-R042': {
    en: 'Allowance/charge percentage must be provided when a base amount is provided.',
    de: 'Der Prozentsatz eines Ab-/Zuschlags muss angegeben werden, wenn ein Basisbetrag angegeben ist.',
  },
  'PEPPOL-EN16931-R043': {
    en: "Allowance/charge indicator must be 'true' or 'false'.",
    de: "Der Ab-/Zuschlagsindikator muss 'true' oder 'false' sein.",
  },
  'PEPPOL-EN16931-R043-1': {
    en: "Allowance/charge indicator must be 'true' or 'false'.",
    de: "Der Ab-/Zuschlagsindikator muss 'true' oder 'false' sein.",
  },
  'PEPPOL-EN16931-R043-2': {
    en: "Allowance/charge indicator must be 'true' or 'false'.",
    de: "Der Ab-/Zuschlagsindikator muss 'true' oder 'false' sein.",
  },
  'PEPPOL-EN16931-R044': {
    en: "A charge on price level is not allowed: only 'false' may be used.",
    de: "Zuschläge auf Preisebene sind nicht erlaubt: nur 'false' ist zulässig.",
  },
  'PEPPOL-EN16931-R046': {
    en: 'Item net price (BT-146) must equal gross price (BT-148) - price discount (BT-147) when a gross price is given.',
    de: 'Der Nettopreis (BT-146) muss Bruttopreis (BT-148) - Rabatt (BT-147) entsprechen, wenn ein Bruttopreis angegeben ist.',
  },
  'PEPPOL-EN16931-R053': {
    en: 'Only one tax total with tax subtotals (in the invoice currency) may be provided.',
    de: 'Es darf nur eine Steuersumme mit Aufschlüsselung (in Rechnungswährung) angegeben werden.',
  },
  'PEPPOL-EN16931-R054': {
    en: 'Exactly one tax total in the VAT accounting currency must be provided when BT-6 is given, none otherwise.',
    de: 'Genau eine Steuersumme in Steuerwährung muss angegeben werden, wenn BT-6 angegeben ist, sonst keine.',
  },
  'PEPPOL-EN16931-R055': {
    en: 'Invoice total VAT amount and total VAT amount in accounting currency must have the same sign.',
    de: 'Die Steuergesamtbeträge in Rechnungs- und Steuerwährung müssen dasselbe Vorzeichen haben.',
  },
  'PEPPOL-EN16931-R061': {
    en: 'Mandate reference (BT-89) must be provided for direct debit.',
    de: 'Die Mandatsreferenz (BT-89) muss bei Lastschrift angegeben werden.',
  },
  'PEPPOL-EN16931-R101': {
    en: 'A document reference on an invoice line may only be an invoiced object (type code 130).',
    de: 'Eine Dokumentreferenz auf Positionsebene darf nur ein abgerechnetes Objekt (Code 130) sein.',
  },
  'PEPPOL-EN16931-R110': {
    en: 'Start date of an invoice line period must lie within the invoice period.',
    de: 'Das Startdatum eines Positionszeitraums muss im Rechnungszeitraum liegen.',
  },
  'PEPPOL-EN16931-R111': {
    en: 'End date of an invoice line period must lie within the invoice period.',
    de: 'Das Enddatum eines Positionszeitraums muss im Rechnungszeitraum liegen.',
  },
  'PEPPOL-EN16931-R120': {
    en: 'Invoice line net amount must equal quantity * (net price / base quantity) + line charges - line allowances.',
    de: 'Der Positionsnettobetrag muss Menge * (Nettopreis / Basismenge) + Zuschläge - Abschläge entsprechen.',
  },
  'PEPPOL-EN16931-R121': {
    en: 'Item price base quantity (BT-149) must be a positive number.',
    de: 'Die Basismenge (BT-149) muss eine positive Zahl sein.',
  },
  'PEPPOL-EN16931-R130': {
    en: 'Unit code of the price base quantity (BT-150) must equal that of the invoiced quantity (BT-130).',
    de: 'Die Einheit der Basismenge (BT-150) muss der Einheit der Menge (BT-130) entsprechen.',
  },
} as const satisfies Record<string, RuleText>;

export type XRechnungRuleId = keyof typeof RULE_TEXTS;
