/**
 * Small hand-written e-invoice documents for reader tests. Each builder takes the fragments a
 * test cares about and fills the rest with a minimal, plausible document.
 */

export const NS_DECLS = {
  cii: [
    'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"',
    'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"',
    'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"',
    'xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"',
  ].join(' '),
  ubl: [
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"',
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
  ].join(' '),
};

export interface CiiParts {
  guideline?: string;
  number?: string;
  issueDate?: string;
  /** Raw <udt:DateTimeString> element for the issue date, to test date formats. */
  issueDateElement?: string;
  lines?: string;
  seller?: string;
  /** Extra header settlement elements placed before the summation. */
  settlement?: string;
  summation?: string;
  currency?: string;
  taxCurrency?: string;
}

export function ciiLine(id: string, net: string, extra: { parentId?: string; name?: string } = {}): string {
  return `<ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>${id}</ram:LineID>${
        extra.parentId ? `<ram:ParentLineID>${extra.parentId}</ram:ParentLineID>` : ''
      }</ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>${extra.name ?? `Position ${id}`}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>${net}</ram:ChargeAmount></ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode="C62">1</ram:BilledQuantity></ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>19</ram:RateApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation><ram:LineTotalAmount>${net}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>`;
}

export function ciiInvoice(parts: CiiParts = {}): string {
  const currency = parts.currency ?? 'EUR';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice ${NS_DECLS.cii}>
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>${parts.guideline ?? 'urn:cen.eu:en16931:2017'}</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>${parts.number ?? 'R-100'}</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime>${parts.issueDateElement ?? `<udt:DateTimeString format="102">${parts.issueDate ?? '20240315'}</udt:DateTimeString>`}</ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    ${parts.lines ?? ciiLine('1', '100.00')}
    <ram:ApplicableHeaderTradeAgreement>
      ${
        parts.seller ??
        `<ram:SellerTradeParty><ram:Name>Lieferant GmbH</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE811907980</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>`
      }
      <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      ${parts.taxCurrency ? `<ram:TaxCurrencyCode>${parts.taxCurrency}</ram:TaxCurrencyCode>` : ''}
      <ram:InvoiceCurrencyCode>${currency}</ram:InvoiceCurrencyCode>
      ${
        parts.settlement ??
        `<ram:ApplicableTradeTax><ram:CalculatedAmount>19.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount>100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>19</ram:RateApplicablePercent></ram:ApplicableTradeTax>`
      }
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        ${
          parts.summation ??
          `<ram:LineTotalAmount>100.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="${currency}">19.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>119.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>119.00</ram:DuePayableAmount>`
        }
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>`;
}

export interface UblParts {
  customization?: string;
  /** Extra header elements after cbc:DocumentCurrencyCode. */
  header?: string;
  sellerParty?: string;
  taxTotals?: string;
  lines?: string;
  currency?: string;
}

export function ublInvoice(parts: UblParts = {}): string {
  const currency = parts.currency ?? 'EUR';
  return `<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" ${NS_DECLS.ubl}>
  <cbc:CustomizationID>${parts.customization ?? 'urn:cen.eu:en16931:2017'}</cbc:CustomizationID>
  <cbc:ID>U-200</cbc:ID>
  <cbc:IssueDate>2024-03-15</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>${currency}</cbc:DocumentCurrencyCode>
  ${parts.header ?? ''}
  <cac:AccountingSupplierParty><cac:Party>${
    parts.sellerParty ??
    `<cac:PartyTaxScheme><cbc:CompanyID>DE811907980</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
    <cac:PartyLegalEntity><cbc:RegistrationName>Lieferant GmbH</cbc:RegistrationName></cac:PartyLegalEntity>`
  }</cac:Party></cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty><cac:Party><cac:PartyLegalEntity><cbc:RegistrationName>Kunde AG</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></cac:AccountingCustomerParty>
  ${
    parts.taxTotals ??
    `<cac:TaxTotal><cbc:TaxAmount currencyID="${currency}">19.00</cbc:TaxAmount>
    <cac:TaxSubtotal><cbc:TaxableAmount currencyID="${currency}">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="${currency}">19.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
  </cac:TaxTotal>`
  }
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="${currency}">100.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="${currency}">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="${currency}">119.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="${currency}">119.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  ${parts.lines ?? ublLine('1', '100.00')}
</Invoice>`;
}

export function ublLine(id: string, net: string, inner = '', element = 'InvoiceLine'): string {
  return `<cac:${element}>
    <cbc:ID>${id}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="EUR">${net}</cbc:LineExtensionAmount>
    <cac:Item><cbc:Name>Position ${id}</cbc:Name>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>19</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">${net}</cbc:PriceAmount></cac:Price>
    ${inner}
  </cac:${element}>`;
}

/** A ZUGFeRD 1.0 COMFORT invoice (root rsm:CrossIndustryDocument), written for these tests. */
export const ZUGFERD1_COMFORT = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>ZF1-2014-007</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20140305</udt:DateTimeString></ram:IssueDateTime>
    <ram:IncludedNote><ram:Content>
      Rechnung gemäß Bestellung.
    </ram:Content><ram:SubjectCode>AAI</ram:SubjectCode></ram:IncludedNote>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Lieferant GmbH</ram:Name>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="FC">201/113/40209</ram:ID></ram:SpecifiedTaxRegistration>
        <ram:SpecifiedTaxRegistration><ram:ID schemeID="VA">DE811907980</ram:ID></ram:SpecifiedTaxRegistration>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
      <ram:BuyerOrderReferencedDocument><ram:IssueDateTime>2014-03-01T00:00:00</ram:IssueDateTime><ram:ID>B-42</ram:ID></ram:BuyerOrderReferencedDocument>
      <ram:AdditionalReferencedDocument><ram:TypeCode>OI</ram:TypeCode><ram:ID>ZF1-2014-001</ram:ID></ram:AdditionalReferencedDocument>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeDelivery>
      <ram:ActualDeliverySupplyChainEvent><ram:OccurrenceDateTime><udt:DateTimeString format="102">20140303</udt:DateTimeString></ram:OccurrenceDateTime></ram:ActualDeliverySupplyChainEvent>
      <ram:DeliveryNoteReferencedDocument><ram:ID>LS-9</ram:ID></ram:DeliveryNoteReferencedDocument>
    </ram:ApplicableSupplyChainTradeDelivery>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:PaymentReference>ZF1-2014-007</ram:PaymentReference>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementPaymentMeans>
        <ram:TypeCode>42</ram:TypeCode>
        <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>DE89 3704 0044 0532 0130 00</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>
        <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>COBADEFFXXX</ram:BICID></ram:PayeeSpecifiedCreditorFinancialInstitution>
      </ram:SpecifiedTradeSettlementPaymentMeans>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount currencyID="EUR">7.00</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount currencyID="EUR">100.00</ram:BasisAmount><ram:CategoryCode>S</ram:CategoryCode><ram:ApplicablePercent>7.00</ram:ApplicablePercent>
      </ram:ApplicableTradeTax>
      <ram:SpecifiedLogisticsServiceCharge>
        <ram:Description>Versandkosten</ram:Description><ram:AppliedAmount currencyID="EUR">5.00</ram:AppliedAmount>
        <ram:AppliedTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:ApplicablePercent>7.00</ram:ApplicablePercent></ram:AppliedTradeTax>
      </ram:SpecifiedLogisticsServiceCharge>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>Zahlbar innerhalb 30 Tagen</ram:Description>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20140404</udt:DateTimeString></ram:DueDateDateTime>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">95.00</ram:LineTotalAmount>
        <ram:ChargeTotalAmount currencyID="EUR">5.00</ram:ChargeTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="EUR">100.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">7.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">107.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount currencyID="EUR">107.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeAgreement>
        <ram:GrossPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">10.0000</ram:ChargeAmount></ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">9.5000</ram:ChargeAmount><ram:BasisQuantity unitCode="KGM">1.0000</ram:BasisQuantity></ram:NetPriceProductTradePrice>
      </ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery><ram:BilledQuantity unitCode="KGM">10.0000</ram:BilledQuantity></ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>
        <ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode><ram:ApplicablePercent>7.00</ram:ApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementMonetarySummation><ram:LineTotalAmount currencyID="EUR">95.00</ram:LineTotalAmount></ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct><ram:SellerAssignedID>APF-1</ram:SellerAssignedID><ram:Name>Äpfel</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>`;

/** The 2013/2014 ZUGFeRD pre-release: root rsm:Invoice (not UBL), unqualified children, dates as attributes. */
export const ZUGFERD1_PRE_RELEASE = `<?xml version="1.0" encoding="UTF-8"?>
<rsm:Invoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CBFBUY:5">
  <rsm:SpecifiedExchangedDocumentContext>
    <GuidelineSpecifiedDocumentContextParameter><ID>urn:ferd:invoice:rc:comfort</ID></GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ID>RC-2014/001</ID>
    <TypeCode>380</TypeCode>
    <IssueDateTime format="102">20140519</IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ApplicableSupplyChainTradeAgreement>
      <SellerTradeParty><Name>Beispiel GmbH</Name><SpecifiedTaxRegistration><ID schemeID="VA"></ID></SpecifiedTaxRegistration></SellerTradeParty>
      <BuyerTradeParty><Name>Theo Test</Name></BuyerTradeParty>
    </ApplicableSupplyChainTradeAgreement>
    <ApplicableSupplyChainTradeSettlement>
      <InvoiceCurrencyCode>EUR</InvoiceCurrencyCode>
      <SpecifiedTradePaymentTerms><DueDateDateTime format="102">20140609</DueDateDateTime></SpecifiedTradePaymentTerms>
      <SpecifiedTradeSettlementMonetarySummation>
        <LineTotalAmount currencyID="EUR">160.00</LineTotalAmount>
        <TaxBasisTotalAmount currencyID="EUR">160.00</TaxBasisTotalAmount>
        <TaxTotalAmount currencyID="EUR">30.40</TaxTotalAmount>
        <GrandTotalAmount currencyID="EUR">190.40</GrandTotalAmount>
        <DuePayableAmount currencyID="EUR">190.40</DuePayableAmount>
      </SpecifiedTradeSettlementMonetarySummation>
    </ApplicableSupplyChainTradeSettlement>
    <IncludedSupplyChainTradeLineItem>
      <AssociatedDocumentLineDocument><LineID>1</LineID></AssociatedDocumentLineDocument>
      <SpecifiedSupplyChainTradeAgreement><NetPriceProductTradePrice><ChargeAmount currencyID="EUR">160.00</ChargeAmount></NetPriceProductTradePrice></SpecifiedSupplyChainTradeAgreement>
      <SpecifiedSupplyChainTradeDelivery><BilledQuantity unitCode="HUR">1</BilledQuantity></SpecifiedSupplyChainTradeDelivery>
      <SpecifiedSupplyChainTradeSettlement>
        <ApplicableTradeTax><TypeCode>VAT</TypeCode><CategoryCode>S</CategoryCode><ApplicablePercent>19.000000</ApplicablePercent></ApplicableTradeTax>
        <SpecifiedTradeSettlementMonetarySummation><LineTotalAmount currencyID="EUR">160.00</LineTotalAmount></SpecifiedTradeSettlementMonetarySummation>
      </SpecifiedSupplyChainTradeSettlement>
      <SpecifiedTradeProduct><Name>Gestaltung (Stunde)</Name></SpecifiedTradeProduct>
    </IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:Invoice>`;
