import { deliveryDiffers, frenchMentions, paymentTermsText, sellerLegalText } from './mentions';
import { formatAmountXml, toDate102 } from './money';
import type { InvoiceDocumentInput, InvoiceTotals, Party, PostalAddress } from './types';

export const CII_NS = {
  rsm: 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100',
  ram: 'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100',
  qdt: 'urn:un:unece:uncefact:data:standard:QualifiedDataType:100',
  udt: 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100',
} as const;

/** BT-24 of the Factur-X EN 16931 profile. */
export const EN16931_GUIDELINE_ID = 'urn:cen.eu:en16931:2017';
/** BT-23, the French "cadre de facturation": S1 = invoice for a supply of services. */
export const BUSINESS_PROCESS_ID = 'S1';
/** UNTDID 1001: commercial invoice, credit note. */
export const TYPE_CODES = { INVOICE: '380', CREDIT_NOTE: '381' } as const;
/** UNTDID 4461: SEPA credit transfer. */
export const PAYMENT_MEANS_SEPA_TRANSFER = '58';
/** UN/ECE Rec 20 "one" (unit). */
export const UNIT_CODE = 'C62';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** One element per line, with two spaces of indentation per level. */
class XmlWriter {
  private readonly out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  private depth = 0;

  open(name: string, attrs = ''): this {
    this.out.push(`${'  '.repeat(this.depth)}<${name}${attrs}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.out.push(`${'  '.repeat(this.depth)}</${name}>`);
    return this;
  }

  leaf(name: string, value: string, attrs: Record<string, string> = {}): this {
    const a = Object.entries(attrs)
      .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
      .join('');
    this.out.push(`${'  '.repeat(this.depth)}<${name}${a}>${escapeXml(value)}</${name}>`);
    return this;
  }

  /** `<name><udt:DateTimeString format="102">YYYYMMDD</udt:DateTimeString></name>` */
  date(name: string, isoDate: string, prefix: 'udt' | 'qdt' = 'udt'): this {
    return this.open(name).leaf(`${prefix}:DateTimeString`, toDate102(isoDate), { format: '102' }).close(name);
  }

  toString(): string {
    return `${this.out.join('\n')}\n`;
  }
}

function writeAddress(w: XmlWriter, address: PostalAddress): void {
  w.open('ram:PostalTradeAddress').leaf('ram:PostcodeCode', address.postalCode.trim()).leaf('ram:LineOne', address.line1.trim());
  if (address.line2 != null && address.line2.trim() !== '') w.leaf('ram:LineTwo', address.line2.trim());
  w.leaf('ram:CityName', address.city.trim()).leaf('ram:CountryID', address.country).close('ram:PostalTradeAddress');
}

function writeParty(w: XmlWriter, element: string, party: Party, extra: { description?: string; email?: string } = {}): void {
  w.open(element);
  if (party.siret) w.leaf('ram:GlobalID', party.siret, { schemeID: '0009' }); // BT-29 / BT-46, SIRET
  w.leaf('ram:Name', party.legalName.trim()); // BT-27 / BT-44
  if (extra.description) w.leaf('ram:Description', extra.description); // BT-33
  w.open('ram:SpecifiedLegalOrganization').leaf('ram:ID', party.siren, { schemeID: '0002' }).close('ram:SpecifiedLegalOrganization'); // BT-30 / BT-47, SIREN
  writeAddress(w, party.address); // BG-5 / BG-8
  if (extra.email) {
    w.open('ram:URIUniversalCommunication').leaf('ram:URIID', extra.email, { schemeID: 'EM' }).close('ram:URIUniversalCommunication'); // BT-34
  }
  if (party.vatNumber) {
    w.open('ram:SpecifiedTaxRegistration').leaf('ram:ID', party.vatNumber, { schemeID: 'VA' }).close('ram:SpecifiedTaxRegistration'); // BT-31 / BT-48
  }
  w.close(element);
}

/**
 * The CII D16B XML of the Factur-X EN 16931 profile. Every amount comes from `totals`
 * (`computeTotals`); this function only writes them.
 */
export function buildCiiXml(input: InvoiceDocumentInput, totals: InvoiceTotals): string {
  const w = new XmlWriter();
  const ns = Object.entries(CII_NS)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('');
  w.open('rsm:CrossIndustryInvoice', ns);

  w.open('rsm:ExchangedDocumentContext');
  w.open('ram:BusinessProcessSpecifiedDocumentContextParameter').leaf('ram:ID', BUSINESS_PROCESS_ID);
  w.close('ram:BusinessProcessSpecifiedDocumentContextParameter');
  w.open('ram:GuidelineSpecifiedDocumentContextParameter').leaf('ram:ID', EN16931_GUIDELINE_ID);
  w.close('ram:GuidelineSpecifiedDocumentContextParameter');
  w.close('rsm:ExchangedDocumentContext');

  w.open('rsm:ExchangedDocument');
  w.leaf('ram:ID', input.number); // BT-1
  w.leaf('ram:TypeCode', TYPE_CODES[input.kind]); // BT-3
  w.date('ram:IssueDateTime', input.issueDate); // BT-2
  for (const mention of frenchMentions(input)) {
    w.open('ram:IncludedNote').leaf('ram:Content', mention.text).leaf('ram:SubjectCode', mention.subjectCode).close('ram:IncludedNote'); // BG-1
  }
  w.close('rsm:ExchangedDocument');

  w.open('rsm:SupplyChainTradeTransaction');
  for (const line of totals.lines) {
    w.open('ram:IncludedSupplyChainTradeLineItem'); // BG-25
    w.open('ram:AssociatedDocumentLineDocument').leaf('ram:LineID', line.lineId).close('ram:AssociatedDocumentLineDocument'); // BT-126
    w.open('ram:SpecifiedTradeProduct').leaf('ram:Name', line.label).close('ram:SpecifiedTradeProduct'); // BT-153
    w.open('ram:SpecifiedLineTradeAgreement');
    w.open('ram:NetPriceProductTradePrice')
      .leaf('ram:ChargeAmount', formatAmountXml(line.unitPriceCents))
      .close('ram:NetPriceProductTradePrice'); // BT-146
    w.close('ram:SpecifiedLineTradeAgreement');
    w.open('ram:SpecifiedLineTradeDelivery').leaf('ram:BilledQuantity', line.quantity, { unitCode: UNIT_CODE }); // BT-129, BT-130
    w.close('ram:SpecifiedLineTradeDelivery');
    w.open('ram:SpecifiedLineTradeSettlement');
    w.open('ram:ApplicableTradeTax').leaf('ram:TypeCode', 'VAT').leaf('ram:CategoryCode', line.categoryCode); // BT-151
    w.leaf('ram:RateApplicablePercent', line.vatRate).close('ram:ApplicableTradeTax'); // BT-152
    w.open('ram:SpecifiedTradeSettlementLineMonetarySummation').leaf('ram:LineTotalAmount', formatAmountXml(line.netCents)); // BT-131
    w.close('ram:SpecifiedTradeSettlementLineMonetarySummation');
    w.close('ram:SpecifiedLineTradeSettlement');
    w.close('ram:IncludedSupplyChainTradeLineItem');
  }

  w.open('ram:ApplicableHeaderTradeAgreement');
  writeParty(w, 'ram:SellerTradeParty', input.seller, { description: sellerLegalText(input), email: input.seller.email });
  writeParty(w, 'ram:BuyerTradeParty', input.buyer);
  w.close('ram:ApplicableHeaderTradeAgreement');

  w.open('ram:ApplicableHeaderTradeDelivery');
  if (input.deliveryAddress && deliveryDiffers(input)) {
    w.open('ram:ShipToTradeParty').leaf('ram:Name', input.buyer.legalName.trim()); // BT-70
    writeAddress(w, input.deliveryAddress); // BG-15
    w.close('ram:ShipToTradeParty');
  }
  w.close('ram:ApplicableHeaderTradeDelivery');

  w.open('ram:ApplicableHeaderTradeSettlement');
  w.leaf('ram:PaymentReference', input.number); // BT-83
  w.leaf('ram:InvoiceCurrencyCode', totals.currency); // BT-5
  if (input.kind === 'INVOICE') {
    // BG-16/BG-17: pay by transfer to the seller. A credit note is refunded or deducted: no payee account.
    w.open('ram:SpecifiedTradeSettlementPaymentMeans').leaf('ram:TypeCode', PAYMENT_MEANS_SEPA_TRANSFER); // BT-81
    w.open('ram:PayeePartyCreditorFinancialAccount').leaf('ram:IBANID', input.seller.iban.replace(/\s+/g, '').toUpperCase()); // BT-84
    w.close('ram:PayeePartyCreditorFinancialAccount');
    w.open('ram:PayeeSpecifiedCreditorFinancialInstitution').leaf('ram:BICID', input.seller.bic); // BT-86
    w.close('ram:PayeeSpecifiedCreditorFinancialInstitution');
    w.close('ram:SpecifiedTradeSettlementPaymentMeans');
  }
  for (const vat of totals.vatBreakdown) {
    w.open('ram:ApplicableTradeTax'); // BG-23
    w.leaf('ram:CalculatedAmount', formatAmountXml(vat.vatCents)); // BT-117
    w.leaf('ram:TypeCode', 'VAT');
    if (vat.exemptionReason) w.leaf('ram:ExemptionReason', vat.exemptionReason); // BT-120
    w.leaf('ram:BasisAmount', formatAmountXml(vat.basisCents)); // BT-116
    w.leaf('ram:CategoryCode', vat.categoryCode); // BT-118
    // BT-8: VAT due on the invoice date (5) under the debits option, else when paid (72).
    w.leaf('ram:DueDateTypeCode', input.seller.vatOnDebits ? '5' : '72');
    w.leaf('ram:RateApplicablePercent', vat.rate); // BT-119
    w.close('ram:ApplicableTradeTax');
  }
  if (input.servicePeriod) {
    w.open('ram:BillingSpecifiedPeriod'); // BG-14
    w.date('ram:StartDateTime', input.servicePeriod.start).date('ram:EndDateTime', input.servicePeriod.end); // BT-73, BT-74
    w.close('ram:BillingSpecifiedPeriod');
  }
  w.open('ram:SpecifiedTradePaymentTerms').leaf('ram:Description', paymentTermsText(input)); // BT-20
  w.date('ram:DueDateDateTime', input.dueDate).close('ram:SpecifiedTradePaymentTerms'); // BT-9
  w.open('ram:SpecifiedTradeSettlementHeaderMonetarySummation'); // BG-22
  w.leaf('ram:LineTotalAmount', formatAmountXml(totals.lineTotalCents)); // BT-106
  w.leaf('ram:TaxBasisTotalAmount', formatAmountXml(totals.taxBasisTotalCents)); // BT-109
  w.leaf('ram:TaxTotalAmount', formatAmountXml(totals.vatTotalCents), { currencyID: totals.currency }); // BT-110
  w.leaf('ram:GrandTotalAmount', formatAmountXml(totals.grandTotalCents)); // BT-112
  w.leaf('ram:TotalPrepaidAmount', formatAmountXml(totals.paidCents)); // BT-113
  w.leaf('ram:DuePayableAmount', formatAmountXml(totals.dueCents)); // BT-115
  w.close('ram:SpecifiedTradeSettlementHeaderMonetarySummation');
  if (input.preceding) {
    w.open('ram:InvoiceReferencedDocument').leaf('ram:IssuerAssignedID', input.preceding.number); // BT-25
    w.date('ram:FormattedIssueDateTime', input.preceding.issueDate, 'qdt').close('ram:InvoiceReferencedDocument'); // BT-26
  }
  w.close('ram:ApplicableHeaderTradeSettlement');
  w.close('rsm:SupplyChainTradeTransaction');
  w.close('rsm:CrossIndustryInvoice');
  return w.toString();
}
