import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { buildCiiXml, checkEn16931, computeTotals, EN16931_GUIDELINE_ID, type InvoiceDocumentInput } from '..';
import { demoCreditNote, demoInvoice, longInvoice, SELLER } from './fixtures';
import { validateAgainstFacturXXsd } from './xsd';

const xmlOf = (input: InvoiceDocumentInput): string => buildCiiXml(input, computeTotals(input));
const rulesOf = (xml: string): string[] => [...new Set(checkEn16931(xml).map((v) => v.rule))].sort();

/** Replaces exactly one occurrence, so that a mutation never silently misses its target. */
function mutate(xml: string, from: string | RegExp, to: string): string {
  const count =
    typeof from === 'string'
      ? xml.split(from).length - 1
      : (xml.match(new RegExp(from.source, `${from.flags.replace('g', '')}g`)) ?? []).length;
  expect({ from: String(from), count }).toEqual({ from: String(from), count: 1 });
  return xml.replace(from, to);
}

const INVOICE_XML = xmlOf(demoInvoice());
const CREDIT_NOTE_XML = xmlOf(demoCreditNote());

describe('buildCiiXml', () => {
  it('writes well-formed CII D16B with the EN 16931 guideline and type code 380', () => {
    expect(XMLValidator.validate(INVOICE_XML)).toBe(true);
    expect(INVOICE_XML.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<rsm:CrossIndustryInvoice ')).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(INVOICE_XML);
    const root = doc['rsm:CrossIndustryInvoice'];
    expect(root['@_xmlns:rsm']).toBe('urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100');
    expect(root['rsm:ExchangedDocumentContext']['ram:GuidelineSpecifiedDocumentContextParameter']['ram:ID']).toBe(EN16931_GUIDELINE_ID);
    expect(root['rsm:ExchangedDocument']['ram:ID']).toBe('F2026-000123');
    expect(root['rsm:ExchangedDocument']['ram:TypeCode']).toBe('380');
    const sum =
      root['rsm:SupplyChainTradeTransaction']['ram:ApplicableHeaderTradeSettlement']['ram:SpecifiedTradeSettlementHeaderMonetarySummation'];
    expect(sum['ram:LineTotalAmount']).toBe('152.78');
    expect(sum['ram:TaxTotalAmount']).toEqual({ '#text': '17.50', '@_currencyID': 'EUR' });
    expect(sum['ram:GrandTotalAmount']).toBe('170.28');
    expect(sum['ram:TotalPrepaidAmount']).toBe('10.00');
    expect(sum['ram:DuePayableAmount']).toBe('160.28');
  });

  it('carries the French mentions as notes with their subject codes, and the parties’ SIREN', () => {
    const notes = [...INVOICE_XML.matchAll(/<ram:Content>([^<]*)<\/ram:Content>\s*<ram:SubjectCode>(\w+)<\/ram:SubjectCode>/g)].map((m) => [
      m[2],
      m[1],
    ]);
    expect(notes.map(([code]) => code)).toEqual(['PMT', 'PMD', 'AAB', 'REG', 'TXD', 'AAI']);
    expect(notes[0]![1]).toContain('40 €');
    expect(notes[1]![1]).toContain('trois fois le taux d’intérêt légal');
    expect(notes[3]![1]).toBe('Catégorie d’opération : prestation de services.');
    expect(notes[4]![1]).toBe('Option pour le paiement de la TVA d’après les débits.');
    expect(INVOICE_XML).toContain('<ram:ID schemeID="0002">443061841</ram:ID>');
    expect(INVOICE_XML).toContain('<ram:ID schemeID="VA">FR64443061841</ram:ID>');
    expect(INVOICE_XML).toContain('<ram:DueDateTypeCode>5</ram:DueDateTypeCode>'); // debits option: VAT due on the invoice date
    expect(INVOICE_XML).toContain('<ram:Name>Atelier Dupont &amp; Fils SARL</ram:Name>');
    expect(INVOICE_XML).toContain('<ram:ShipToTradeParty>');
    // Without the debits option: no TXD note, VAT due on payment.
    const noDebits = xmlOf(demoInvoice({ seller: { ...SELLER, vatOnDebits: false }, deliveryAddress: null }));
    expect(noDebits).not.toContain('TXD');
    expect(noDebits).toContain('<ram:DueDateTypeCode>72</ram:DueDateTypeCode>');
    expect(noDebits).not.toContain('<ram:ShipToTradeParty>');
  });

  it('writes a credit note: type code 381 and the preceding invoice (BG-3)', () => {
    expect(CREDIT_NOTE_XML).toContain('<ram:TypeCode>381</ram:TypeCode>');
    expect(CREDIT_NOTE_XML).toMatch(
      /<ram:InvoiceReferencedDocument>\s*<ram:IssuerAssignedID>F2026-000123<\/ram:IssuerAssignedID>\s*<ram:FormattedIssueDateTime>\s*<qdt:DateTimeString format="102">20260131<\/qdt:DateTimeString>/,
    );
    expect(CREDIT_NOTE_XML).not.toContain('IBANID');
  });

  it('is valid against the Factur-X 1.07.3 EN 16931 XSD', async () => {
    expect(await validateAgainstFacturXXsd(INVOICE_XML)).toEqual([]);
    expect(await validateAgainstFacturXXsd(CREDIT_NOTE_XML)).toEqual([]);
    expect(await validateAgainstFacturXXsd(xmlOf(longInvoice()))).toEqual([]);
    // And the XSD does catch a misplaced element.
    const errors = await validateAgainstFacturXXsd(
      mutate(INVOICE_XML, '<ram:TypeCode>380</ram:TypeCode>', '<ram:TypeCode>380</ram:TypeCode><ram:Bogus/>'),
    );
    expect(errors.join('\n')).toContain('Bogus');
  });
});

describe('checkEn16931', () => {
  it('passes the generated invoice, credit note and long invoice', () => {
    expect(checkEn16931(INVOICE_XML)).toEqual([]);
    expect(checkEn16931(CREDIT_NOTE_XML)).toEqual([]);
    expect(checkEn16931(xmlOf(longInvoice()))).toEqual([]);
  });

  it('reads namespaces, not prefixes', () => {
    const renamed = INVOICE_XML.replace(/\bram:/g, 'a:')
      .replace(/xmlns:ram=/, 'xmlns:a=')
      .replace(/\brsm:/g, 'r:')
      .replace(/xmlns:rsm=/, 'xmlns:r=');
    expect(checkEn16931(renamed)).toEqual([]);
    expect(
      rulesOf(
        INVOICE_XML.replace(
          'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"',
          'xmlns:ram="urn:example"',
        ),
      ),
    ).toContain('FX-CII');
  });

  it.each<[string, (xml: string) => string, string[]]>([
    [
      'a grand total off by a cent',
      (x) => mutate(x, '<ram:GrandTotalAmount>170.28<', '<ram:GrandTotalAmount>170.29<'),
      ['BR-CO-15', 'BR-CO-16'],
    ],
    ['a wrong amount due', (x) => mutate(x, '<ram:DuePayableAmount>160.28<', '<ram:DuePayableAmount>170.28<'), ['BR-CO-16']],
    [
      'a wrong sum of line nets',
      (x) => mutate(x, '<ram:LineTotalAmount>152.78<', '<ram:LineTotalAmount>152.79<'),
      ['BR-CO-10', 'BR-CO-13'],
    ],
    [
      'a wrong total without VAT',
      (x) => mutate(x, '<ram:TaxBasisTotalAmount>152.78<', '<ram:TaxBasisTotalAmount>152.77<'),
      ['BR-CO-13', 'BR-CO-15'],
    ],
    ['a wrong total VAT', (x) => mutate(x, '>17.50</ram:TaxTotalAmount>', '>17.51</ram:TaxTotalAmount>'), ['BR-CO-14', 'BR-CO-15']],
    [
      'a VAT amount off by a cent',
      (x) => mutate(x, '<ram:CalculatedAmount>12.13<', '<ram:CalculatedAmount>12.14<'),
      ['BR-CO-14', 'BR-CO-17', 'BR-S-09'],
    ],
    ['a VAT basis off by a cent', (x) => mutate(x, '<ram:BasisAmount>44.78<', '<ram:BasisAmount>44.79<'), ['BR-S-08']],
    [
      'a line net that does not add up',
      (x) => mutate(x, '<ram:LineTotalAmount>11.66<', '<ram:LineTotalAmount>11.65<'),
      ['BR-CO-10', 'BR-S-08', 'FX-LINE-NET'],
    ],
    ['a missing invoice number (BT-1)', (x) => mutate(x, '<ram:ID>F2026-000123</ram:ID>', ''), ['BR-02']],
    ['a missing issue date (BT-2)', (x) => mutate(x, /<ram:IssueDateTime>[\s\S]*?<\/ram:IssueDateTime>/, ''), ['BR-03']],
    [
      'a malformed issue date',
      (x) =>
        mutate(x, '>20260131</udt:DateTimeString>\n    </ram:IssueDateTime>', '>20260231</udt:DateTimeString>\n    </ram:IssueDateTime>'),
      ['FX-DATE'],
    ],
    ['an unknown type code', (x) => mutate(x, '<ram:TypeCode>380<', '<ram:TypeCode>999<'), ['BR-CL-01']],
    ['a missing currency (BT-5)', (x) => mutate(x, '<ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>', ''), ['BR-05']],
    ['a missing guideline (BT-24)', (x) => mutate(x, `<ram:ID>${EN16931_GUIDELINE_ID}</ram:ID>`, ''), ['BR-01']],
    [
      'another profile',
      (x) => mutate(x, `<ram:ID>${EN16931_GUIDELINE_ID}</ram:ID>`, '<ram:ID>urn:factur-x.eu:1p0:minimum</ram:ID>'),
      ['FX-PROFILE'],
    ],
    ['a missing seller name (BT-27)', (x) => mutate(x, '<ram:Name>Guichet Domiciliation SAS</ram:Name>', ''), ['BR-06']],
    ['a missing buyer name (BT-44)', (x) => mutate(x, /(<ram:BuyerTradeParty>[\s\S]*?)<ram:Name>[^<]*<\/ram:Name>/, '$1'), ['BR-07']],
    [
      'a missing buyer country (BT-55)',
      (x) => mutate(x, /(<ram:BuyerTradeParty>[\s\S]*?)<ram:CountryID>FR<\/ram:CountryID>/, '$1'),
      ['BR-11'],
    ],
    ['a missing buyer SIREN (BT-47)', (x) => mutate(x, '<ram:ID schemeID="0002">443061841</ram:ID>', ''), ['FR-BUYER-SIREN']],
    [
      'a missing seller VAT identifier (BT-31)',
      (x) => mutate(x, '<ram:ID schemeID="VA">FR44732829320</ram:ID>', ''),
      ['BR-E-02', 'BR-S-02'],
    ],
    ['a 3-decimal amount', (x) => mutate(x, '<ram:TaxBasisTotalAmount>152.78<', '<ram:TaxBasisTotalAmount>152.780<'), ['BR-DEC-12']],
    ['a missing amount due (BT-115)', (x) => mutate(x, /<ram:DuePayableAmount>[^<]*<\/ram:DuePayableAmount>/, ''), ['BR-15']],
    [
      'no VAT breakdown for a rate',
      (x) => mutate(x, /<ram:ApplicableTradeTax>\s*<ram:CalculatedAmount>0\.21<[\s\S]*?<\/ram:ApplicableTradeTax>/, ''),
      ['BR-CO-14', 'FX-VAT-BREAKDOWN'],
    ],
    ['an exempt breakdown without reason', (x) => mutate(x, /<ram:ExemptionReason>[^<]*<\/ram:ExemptionReason>/, ''), ['BR-E-10']],
    [
      'VAT on an exempt breakdown',
      (x) => mutate(x, /<ram:CalculatedAmount>0\.00<\/ram:CalculatedAmount>/, '<ram:CalculatedAmount>0.01</ram:CalculatedAmount>'),
      ['BR-CO-14', 'BR-CO-17', 'BR-E-09'],
    ],
    [
      'an exemption reason on a standard rate',
      (x) =>
        mutate(
          x,
          /(<ram:CalculatedAmount>12\.13<\/ram:CalculatedAmount>\s*<ram:TypeCode>VAT<\/ram:TypeCode>)/,
          '$1<ram:ExemptionReason>x</ram:ExemptionReason>',
        ),
      ['BR-S-10'],
    ],
    [
      'a standard rated line at 0 %',
      (x) => mutate(x, /(<ram:LineID>4<\/ram:LineID>[\s\S]*?<ram:RateApplicablePercent>)5\.5</, '$10<'),
      ['BR-S-05', 'BR-S-08', 'FX-VAT-BREAKDOWN'],
    ],
    [
      'no line',
      (x) => x.replace(/<ram:IncludedSupplyChainTradeLineItem>[\s\S]*?<\/ram:IncludedSupplyChainTradeLineItem>\n/g, ''),
      ['BR-16', 'BR-CO-10', 'BR-E-08', 'BR-S-08'],
    ],
    ['a line without item name', (x) => mutate(x, '<ram:Name>Abonnement presse professionnelle</ram:Name>', ''), ['BR-25']],
    ['a line without unit code', (x) => mutate(x, '<ram:BilledQuantity unitCode="C62">2.25<', '<ram:BilledQuantity>2.25<'), ['BR-23']],
    ['a negative net price', (x) => mutate(x, '<ram:ChargeAmount>9.99<', '<ram:ChargeAmount>-9.99<'), ['BR-27', 'FX-LINE-NET']],
    [
      'a credit transfer without IBAN',
      (x) => mutate(x, /<ram:PayeePartyCreditorFinancialAccount>[\s\S]*?<\/ram:PayeePartyCreditorFinancialAccount>/, ''),
      ['BR-61'],
    ],
    [
      'no due date nor payment terms',
      (x) => mutate(x, /<ram:SpecifiedTradePaymentTerms>[\s\S]*?<\/ram:SpecifiedTradePaymentTerms>/, ''),
      ['BR-CO-25'],
    ],
    [
      'a due date before the issue date',
      (x) => mutate(x, '>20260228</udt:DateTimeString>', '>20260130</udt:DateTimeString>'),
      ['FX-DUE-DATE'],
    ],
    [
      'a period that ends before it starts',
      (x) => mutate(x, '>20260101</udt:DateTimeString>', '>20260201</udt:DateTimeString>'),
      ['BR-29'],
    ],
    [
      'no €40 indemnity note',
      (x) => mutate(x, '<ram:SubjectCode>PMT</ram:SubjectCode>', '<ram:SubjectCode>AAI</ram:SubjectCode>'),
      ['FR-NOTE-PMT'],
    ],
    [
      'an unsupported VAT category',
      (x) => mutate(x, /(<ram:LineID>6<\/ram:LineID>[\s\S]*?<ram:CategoryCode>)E</, '$1AE<'),
      ['BR-E-08', 'FX-VAT-BREAKDOWN', 'FX-VAT-CATEGORY'],
    ],
    ['XML that is not well-formed', (x) => x.replace('</rsm:CrossIndustryInvoice>', ''), ['FX-XML']],
    [
      'another root element',
      () => '<?xml version="1.0"?><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
      ['FX-CII'],
    ],
  ])('reports %s', (_what, change, expected) => {
    expect(rulesOf(change(INVOICE_XML))).toEqual(expected);
  });

  it.each<[string, (xml: string) => string, string[]]>([
    [
      'a credit note without preceding invoice',
      (x) => mutate(x, /<ram:InvoiceReferencedDocument>[\s\S]*?<\/ram:InvoiceReferencedDocument>/, ''),
      ['FX-CREDIT-NOTE-REF'],
    ],
    [
      'a preceding invoice without number (BT-25)',
      (x) => mutate(x, '<ram:IssuerAssignedID>F2026-000123</ram:IssuerAssignedID>', ''),
      ['BR-55'],
    ],
  ])('reports %s', (_what, change, expected) => {
    expect(rulesOf(change(CREDIT_NOTE_XML))).toEqual(expected);
  });

  it('says what is wrong, with the amounts', () => {
    const violations = checkEn16931(mutate(INVOICE_XML, '<ram:CalculatedAmount>12.13<', '<ram:CalculatedAmount>12.14<'));
    expect(violations).toContainEqual({
      rule: 'BR-CO-17',
      message: 'VAT breakdown #1 (S 20 %): VAT amount (BT-117) 12.14 ≠ basis (BT-116) 60.66 × rate rounded = 12.13.',
    });
    expect(violations).toContainEqual({ rule: 'BR-CO-14', message: 'Total VAT amount (BT-110) is 17.50, expected 17.51.' });
  });
});
