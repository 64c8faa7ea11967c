<?xml version="1.0" encoding="UTF-8"?>
<!--
  Reference work for `npm run bench:xml` (Saxon HE, XSLT 2.0): what a schematron-based validator
  does at the least, on UBL Invoice/CreditNote and CII alike. It builds the whole tree, visits every
  element and attribute, applies the Peppol/XRechnung empty-element rule (PEPPOL-EN16931-R008, as the
  schematron writes it), the EN 16931 binary-object attribute rules (UBL-DT-06/07), sums the line
  net amounts against the document's sum (BR-CO-10), and prints the key fields that the bench
  compares with invoice-agent's reader. It is NOT the CEN EN 16931 XSLT, which does more work.
-->
<xsl:stylesheet version="2.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
  exclude-result-prefixes="#all">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:variable name="doc" select="*"/>
    <xsl:variable name="cii" select="exists(/rsm:CrossIndustryInvoice)"/>
    <xsl:variable name="currency" select="if ($cii) then string(//ram:ApplicableHeaderTradeSettlement/ram:InvoiceCurrencyCode) else string($doc/cbc:DocumentCurrencyCode)"/>
    <xsl:variable name="total" select="if ($cii) then //ram:SpecifiedTradeSettlementHeaderMonetarySummation else $doc/cac:LegalMonetaryTotal"/>
    <xsl:variable name="lineSum" select="if ($cii)
      then sum(//ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount/xs:decimal(.))
      else sum(($doc/cac:InvoiceLine/cbc:LineExtensionAmount, $doc/cac:CreditNoteLine/cbc:LineExtensionAmount)/xs:decimal(.))"/>
    <xsl:variable name="documentLineSum" select="if ($cii) then $total/ram:LineTotalAmount else $total/cbc:LineExtensionAmount"/>
    <xsl:variable name="issue" select="if ($cii) then string(//rsm:ExchangedDocument/ram:IssueDateTime/udt:DateTimeString) else string($doc/cbc:IssueDate)"/>
    <xsl:text>invoiceNumber=</xsl:text><xsl:value-of select="if ($cii) then //rsm:ExchangedDocument/ram:ID else $doc/cbc:ID"/>
    <xsl:text>&#10;issueDate=</xsl:text><xsl:value-of select="if ($cii) then concat(substring($issue, 1, 4), '-', substring($issue, 5, 2), '-', substring($issue, 7, 2)) else $issue"/>
    <xsl:text>&#10;currency=</xsl:text><xsl:value-of select="$currency"/>
    <xsl:text>&#10;sellerVatId=</xsl:text><xsl:value-of select="if ($cii)
      then (//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID[@schemeID = 'VA'])[1]
      else ($doc/cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme[cac:TaxScheme/cbc:ID = 'VAT']/cbc:CompanyID)[1]"/>
    <xsl:text>&#10;net=</xsl:text><xsl:value-of select="if ($cii) then $total/ram:TaxBasisTotalAmount else $total/cbc:TaxExclusiveAmount"/>
    <xsl:text>&#10;vat=</xsl:text><xsl:value-of select="if ($cii) then ($total/ram:TaxTotalAmount[@currencyID = $currency])[1] else ($doc/cac:TaxTotal/cbc:TaxAmount[@currencyID = $currency])[1]"/>
    <xsl:text>&#10;gross=</xsl:text><xsl:value-of select="if ($cii) then $total/ram:GrandTotalAmount else $total/cbc:TaxInclusiveAmount"/>
    <xsl:text>&#10;payable=</xsl:text><xsl:value-of select="if ($cii) then $total/ram:DuePayableAmount else $total/cbc:PayableAmount"/>
    <xsl:text>&#10;BR-CO-10=</xsl:text><xsl:value-of select="if ($lineSum = xs:decimal($documentLineSum)) then 'ok' else 'fatal'"/>
    <xsl:text>&#10;PEPPOL-EN16931-R008=</xsl:text><xsl:value-of select="count(//*[not(*) and not(normalize-space())])"/>
    <xsl:text>&#10;UBL-DT-06/07=</xsl:text><xsl:value-of select="count(//*[ends-with(local-name(), 'BinaryObject')][not(@mimeCode) or not(@filename)])"/>
    <xsl:text>&#10;binaryObjects=</xsl:text><xsl:value-of select="count(//*[ends-with(local-name(), 'BinaryObject')])"/>
    <xsl:text>&#10;elements=</xsl:text><xsl:value-of select="count(//*)"/>
    <xsl:text>&#10;attributes=</xsl:text><xsl:value-of select="count(//@*)"/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
