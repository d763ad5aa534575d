import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CII_NS, EN16931_GUIDELINE_ID } from './cii';
import { decimalsOf, divHalfUp, formatAmountXml, fromDate102, parseScaled, QUANTITY_SCALE } from './money';
import type { RuleViolation } from './types';

/**
 * Checks a CII D16B invoice against the EN 16931 rules this project implements (see
 * docs/decisions-facturx.md): mandatory business terms, totals (BR-CO-10…16), the VAT breakdown
 * (BR-CO-17, BR-S-*, BR-E-*, BR-Z-*), decimals (BR-DEC-*), credit note references, plus a few
 * project checks (`FX-…`) and French mentions (`FR-…`). Returns every violation; [] = pass.
 *
 * It is not the official Schematron: rules of categories other than S, E and Z, the code lists
 * beyond their shape, and the XSD itself are left to an outside validator.
 */
export function checkEn16931(xml: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const fail = (rule: string, message: string): void => {
    violations.push({ rule, message });
  };

  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    fail('FX-XML', `The XML is not well-formed: ${wellFormed.err.msg} (line ${wellFormed.err.line}).`);
    return violations;
  }
  const root = parseRoot(xml, fail);
  if (!root) return violations;

  const ctx = child(root, 'ExchangedDocumentContext');
  const doc = child(root, 'ExchangedDocument');
  const tx = child(root, 'SupplyChainTradeTransaction');
  const agreement = child(tx, 'ApplicableHeaderTradeAgreement');
  const settlement = child(tx, 'ApplicableHeaderTradeSettlement');
  const seller = child(agreement, 'SellerTradeParty');
  const buyer = child(agreement, 'BuyerTradeParty');
  const summation = child(settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation');
  if (!child(tx, 'ApplicableHeaderTradeDelivery')) fail('FX-CII', 'ApplicableHeaderTradeDelivery is mandatory in CII (it may be empty).');

  // --- Document (BT-1, BT-2, BT-3, BT-5, BT-24) ---------------------------------------------------
  const guideline = text(child(ctx, 'GuidelineSpecifiedDocumentContextParameter', 'ID'));
  if (!guideline) fail('BR-01', 'The specification identifier (BT-24) is missing.');
  else if (guideline !== EN16931_GUIDELINE_ID)
    fail('FX-PROFILE', `BT-24 is "${guideline}", not the EN 16931 profile "${EN16931_GUIDELINE_ID}".`);

  if (!text(child(doc, 'ID'))) fail('BR-02', 'The invoice number (BT-1) is missing.');
  const issueDate = dateOf(child(doc, 'IssueDateTime'), 'BT-2', 'BR-03', fail, true);

  const typeCode = text(child(doc, 'TypeCode'));
  if (!typeCode) fail('BR-04', 'The invoice type code (BT-3) is missing.');
  else if (!INVOICE_TYPE_CODES.has(typeCode))
    fail('BR-CL-01', `The invoice type code (BT-3) "${typeCode}" is not in the UNTDID 1001 subset.`);

  const currency = text(child(settlement, 'InvoiceCurrencyCode'));
  if (!currency) fail('BR-05', 'The invoice currency code (BT-5) is missing.');
  else if (!/^[A-Z]{3}$/.test(currency)) fail('BR-CL-04', `The currency code (BT-5) "${currency}" is not an ISO 4217 code.`);

  // --- Parties (BG-4, BG-7) ------------------------------------------------------------------------
  if (!text(child(seller, 'Name'))) fail('BR-06', 'The seller name (BT-27) is missing.');
  if (!text(child(buyer, 'Name'))) fail('BR-07', 'The buyer name (BT-44) is missing.');
  checkAddress(seller, 'seller', 'BR-08', 'BR-09', 'BT-40', fail);
  checkAddress(buyer, 'buyer', 'BR-10', 'BR-11', 'BT-55', fail);
  const sellerVat = taxRegistration(seller, 'VA');
  const sellerTaxId = sellerVat ?? taxRegistration(seller, 'FC');
  const sellerLegalId = text(child(seller, 'SpecifiedLegalOrganization', 'ID'));
  if (!sellerVat && !sellerLegalId && !text(child(seller, 'ID')) && !text(child(seller, 'GlobalID'))) {
    fail('BR-CO-26', 'The seller identifier (BT-29), legal registration identifier (BT-30) or VAT identifier (BT-31) must be present.');
  }
  checkSiren(seller, 'seller', 'BT-30', 'FR-SELLER-SIREN', fail);
  checkSiren(buyer, 'buyer', 'BT-47', 'FR-BUYER-SIREN', fail);
  for (const [who, party] of [
    ['seller', seller],
    ['buyer', buyer],
  ] as const) {
    const vat = taxRegistration(party, 'VA');
    if (vat !== undefined && !/^[A-Z]{2}[0-9A-Za-z+*.]{2,13}$/.test(vat))
      fail('FX-VAT-ID', `The ${who} VAT identifier "${vat}" has no country prefix.`);
  }

  // --- Lines (BG-25) -------------------------------------------------------------------------------
  const lineNodes = children(tx, 'IncludedSupplyChainTradeLineItem');
  if (lineNodes.length === 0) fail('BR-16', 'The invoice has no line (BG-25).');
  interface Line {
    id: string;
    net: bigint | null;
    category?: string;
    rate: bigint | null;
  }
  const lines: Line[] = [];
  let lineNetSum: bigint | null = 0n;
  lineNodes.forEach((node, i) => {
    const id = text(child(node, 'AssociatedDocumentLineDocument', 'LineID')) ?? '';
    const at = id ? `line ${id}` : `line #${i + 1}`;
    if (!id) fail('BR-21', `The line identifier (BT-126) of ${at} is missing.`);
    const quantityNode = child(node, 'SpecifiedLineTradeDelivery', 'BilledQuantity');
    const quantityText = text(quantityNode);
    if (!quantityText) fail('BR-22', `The invoiced quantity (BT-129) of ${at} is missing.`);
    else if (!attr(quantityNode, 'unitCode')) fail('BR-23', `The unit of measure (BT-130) of ${at} is missing.`);
    const lineSettlement = child(node, 'SpecifiedLineTradeSettlement');
    const net = amount(
      child(lineSettlement, 'SpecifiedTradeSettlementLineMonetarySummation', 'LineTotalAmount'),
      `BT-131 of ${at}`,
      'BR-24',
      'BR-DEC-23',
      fail,
    );
    if (!text(child(node, 'SpecifiedTradeProduct', 'Name'))) fail('BR-25', `The item name (BT-153) of ${at} is missing.`);
    const priceNode = child(node, 'SpecifiedLineTradeAgreement', 'NetPriceProductTradePrice');
    const priceText = text(child(priceNode, 'ChargeAmount'));
    const price = priceText === undefined ? null : parseScaled(priceText, 6, true);
    if (priceText === undefined) fail('BR-26', `The item net price (BT-146) of ${at} is missing.`);
    else if (price === null) fail('FX-NUMBER', `The item net price (BT-146) of ${at} "${priceText}" is not a decimal number.`);
    else if (price < 0n) fail('BR-27', `The item net price (BT-146) of ${at} is negative.`);
    // Our own rounding rule, checked only when the line carries no allowance or charge of its own.
    const quantity = quantityText === undefined ? null : parseScaled(quantityText, QUANTITY_SCALE, true);
    const baseText = text(child(priceNode, 'BasisQuantity'));
    const base = baseText === undefined ? 10n ** BigInt(QUANTITY_SCALE) : parseScaled(baseText, QUANTITY_SCALE);
    if (quantityText !== undefined && quantity === null)
      fail('FX-NUMBER', `The quantity (BT-129) of ${at} "${quantityText}" is not a decimal with at most 4 places.`);
    if (
      quantity !== null &&
      price !== null &&
      net !== null &&
      base !== null &&
      base > 0n &&
      children(lineSettlement, 'SpecifiedTradeAllowanceCharge').length === 0
    ) {
      const expected = divHalfUp(quantity * price, base * 10_000n); // price has 6 decimals → cents
      if (expected !== net) {
        fail(
          'FX-LINE-NET',
          `The line net amount (BT-131) of ${at} is ${formatAmountXml(net)}, quantity × price rounded is ${formatAmountXml(expected)}.`,
        );
      }
    }
    const tax = child(lineSettlement, 'ApplicableTradeTax');
    const category = text(child(tax, 'CategoryCode'));
    const rateText = text(child(tax, 'RateApplicablePercent'));
    const rate = rateText === undefined ? null : parseScaled(rateText, 2);
    if (!category) fail('BR-CO-4', `The VAT category code (BT-151) of ${at} is missing.`);
    else checkCategoryRate(category, rate, rateText, `${at} (BT-152)`, '05', fail);
    lines.push({ id, net, category, rate });
    lineNetSum = lineNetSum === null || net === null ? null : lineNetSum + net;
  });

  // --- Document level allowances and charges (BG-20, BG-21): only summed, for BR-CO-11…13 and BR-x-08 -----
  interface AllowanceCharge {
    charge: boolean;
    amount: bigint | null;
    category?: string;
    rate: bigint | null;
  }
  const allowanceCharges: AllowanceCharge[] = children(settlement, 'SpecifiedTradeAllowanceCharge').map((node) => {
    const charge = text(child(node, 'ChargeIndicator', 'Indicator')) === 'true';
    const tax = child(node, 'CategoryTradeTax');
    const rateText = text(child(tax, 'RateApplicablePercent'));
    return {
      charge,
      amount: amount(
        child(node, 'ActualAmount'),
        charge ? 'BT-99' : 'BT-92',
        charge ? 'BR-36' : 'BR-31',
        charge ? 'BR-DEC-05' : 'BR-DEC-01',
        fail,
      ),
      category: text(child(tax, 'CategoryCode')),
      rate: rateText === undefined ? null : parseScaled(rateText, 2),
    };
  });
  const sumOf = (items: (bigint | null)[]): bigint | null =>
    items.reduce<bigint | null>((s, v) => (s === null || v === null ? null : s + v), 0n);

  // --- VAT breakdown (BG-23) -----------------------------------------------------------------------
  interface Breakdown {
    category?: string;
    rate: bigint | null;
    basis: bigint | null;
    tax: bigint | null;
    hasExemption: boolean;
  }
  const breakdownNodes = children(settlement, 'ApplicableTradeTax');
  if (breakdownNodes.length === 0) fail('BR-CO-18', 'The invoice has no VAT breakdown (BG-23).');
  const breakdowns: Breakdown[] = breakdownNodes.map((node, i) => {
    const category = text(child(node, 'CategoryCode'));
    const rateText = text(child(node, 'RateApplicablePercent'));
    const rate = rateText === undefined ? null : parseScaled(rateText, 2);
    const at = `VAT breakdown #${i + 1}${category ? ` (${category}${rateText !== undefined ? ` ${rateText} %` : ''})` : ''}`;
    const basis = amount(child(node, 'BasisAmount'), `BT-116 of ${at}`, 'BR-45', 'BR-DEC-19', fail);
    const tax = amount(child(node, 'CalculatedAmount'), `BT-117 of ${at}`, 'BR-46', 'BR-DEC-20', fail);
    if (!category) fail('BR-47', `The VAT category code (BT-118) of ${at} is missing.`);
    else if (rateText === undefined && category !== 'O') fail('BR-48', `The VAT category rate (BT-119) of ${at} is missing.`);
    else checkCategoryRate(category, rate, rateText, `${at} (BT-119)`, '', fail);
    if (basis !== null && tax !== null && rate !== null) {
      const expected = divHalfUp(basis * rate, 10_000n);
      if (expected !== tax) {
        const msg = `${at}: VAT amount (BT-117) ${formatAmountXml(tax)} ≠ basis (BT-116) ${formatAmountXml(basis)} × rate rounded = ${formatAmountXml(expected)}.`;
        fail('BR-CO-17', msg);
        if (category === 'S') fail('BR-S-09', msg);
      }
    }
    const hasExemption = text(child(node, 'ExemptionReason')) !== undefined || text(child(node, 'ExemptionReasonCode')) !== undefined;
    return { category, rate, basis, tax, hasExemption };
  });

  // Per category: S (standard), Z (zero rated), E (exempt). Other categories are not produced here.
  const sellerVatRule = (c: string): void => {
    if (lines.some((l) => l.category === c) && !sellerTaxId && !taxRegistrationOfRepresentative(agreement)) {
      fail(`BR-${c}-02`, `A line of VAT category ${c} requires the seller VAT identifier (BT-31, BT-32 or BT-63).`);
    }
  };
  for (const c of ['S', 'Z', 'E']) sellerVatRule(c);

  const linesOf = (category: string, rate?: bigint | null): Line[] =>
    lines.filter((l) => l.category === category && (rate === undefined || (l.rate !== null && l.rate === rate)));
  const acOf = (category: string, rate?: bigint | null): AllowanceCharge[] =>
    allowanceCharges.filter((a) => a.category === category && (rate === undefined || (a.rate !== null && a.rate === rate)));
  const expectedBasis = (category: string, rate?: bigint | null): bigint | null => {
    const nets = sumOf(linesOf(category, rate).map((l) => l.net));
    const acs = acOf(category, rate);
    const charges = sumOf(acs.filter((a) => a.charge).map((a) => a.amount));
    const allowances = sumOf(acs.filter((a) => !a.charge).map((a) => a.amount));
    return nets === null || charges === null || allowances === null ? null : nets + charges - allowances;
  };

  // S: one breakdown per rate, basis = Σ nets of that rate (BR-S-08), no exemption reason (BR-S-10).
  const sBreakdowns = breakdowns.filter((b) => b.category === 'S');
  if ((linesOf('S').length > 0 || acOf('S').length > 0) && sBreakdowns.length === 0) {
    fail('BR-S-01', 'Lines of category S (standard rate) but no VAT breakdown of category S.');
  }
  for (const b of sBreakdowns) {
    const expected = expectedBasis('S', b.rate);
    if (b.basis !== null && expected !== null && b.basis !== expected) {
      fail(
        'BR-S-08',
        `VAT breakdown S ${percent(b.rate)} %: basis (BT-116) ${formatAmountXml(b.basis)} ≠ sum of the line nets of that rate ${formatAmountXml(expected)}.`,
      );
    }
    if (b.hasExemption) fail('BR-S-10', `VAT breakdown S ${percent(b.rate)} % must not have an exemption reason (BT-120, BT-121).`);
  }
  // Z and E: exactly one breakdown (BR-x-01), basis = Σ nets (BR-x-08), VAT = 0 (BR-x-09).
  for (const c of ['Z', 'E'] as const) {
    const own = breakdowns.filter((b) => b.category === c);
    if ((linesOf(c).length > 0 || acOf(c).length > 0) && own.length !== 1) {
      fail(`BR-${c}-01`, `Lines of category ${c} need exactly one VAT breakdown of category ${c}, found ${own.length}.`);
    }
    for (const b of own) {
      const expected = expectedBasis(c);
      if (b.basis !== null && expected !== null && b.basis !== expected) {
        fail(
          `BR-${c}-08`,
          `VAT breakdown ${c}: basis (BT-116) ${formatAmountXml(b.basis)} ≠ sum of the line nets of category ${c} ${formatAmountXml(expected)}.`,
        );
      }
      if (b.tax !== null && b.tax !== 0n)
        fail(`BR-${c}-09`, `VAT breakdown ${c}: the VAT amount (BT-117) must be 0, it is ${formatAmountXml(b.tax)}.`);
      if (c === 'E' && !b.hasExemption) fail('BR-E-10', 'VAT breakdown E must have an exemption reason (BT-120) or code (BT-121).');
      if (c === 'Z' && b.hasExemption) fail('BR-Z-10', 'VAT breakdown Z must not have an exemption reason (BT-120, BT-121).');
    }
  }
  // Every (category, rate) of a line has a breakdown, and no breakdown is repeated.
  const key = (category?: string, rate?: bigint | null): string =>
    `${category ?? '?'} ${rate === null || rate === undefined ? '?' : percent(rate)}`;
  const breakdownKeys = breakdowns.map((b) => key(b.category, b.rate));
  for (const l of lines) {
    if (l.category && l.rate !== null && !breakdownKeys.includes(key(l.category, l.rate))) {
      fail('FX-VAT-BREAKDOWN', `Line ${l.id}: no VAT breakdown for category ${l.category} at ${percent(l.rate)} %.`);
    }
  }
  const duplicated = breakdownKeys.filter((k, i) => breakdownKeys.indexOf(k) !== i);
  for (const k of new Set(duplicated)) fail('FX-VAT-BREAKDOWN', `The VAT breakdown ${k} % appears more than once.`);

  // --- Totals (BG-22) ------------------------------------------------------------------------------
  const bt106 = amount(child(summation, 'LineTotalAmount'), 'BT-106', 'BR-12', 'BR-DEC-09', fail);
  const bt107 = amount(child(summation, 'AllowanceTotalAmount'), 'BT-107', null, 'BR-DEC-10', fail);
  const bt108 = amount(child(summation, 'ChargeTotalAmount'), 'BT-108', null, 'BR-DEC-11', fail);
  const bt109 = amount(child(summation, 'TaxBasisTotalAmount'), 'BT-109', 'BR-13', 'BR-DEC-12', fail);
  const taxTotals = children(summation, 'TaxTotalAmount');
  const taxTotalNode = taxTotals.find((n) => attr(n, 'currencyID') === currency) ?? (taxTotals.length === 1 ? taxTotals[0] : undefined);
  if (taxTotals.length > 0 && taxTotalNode && attr(taxTotalNode, 'currencyID') === undefined) {
    fail('FX-CII', 'The invoice total VAT amount (BT-110) must carry its currencyID.');
  }
  const bt110 = amount(taxTotalNode, 'BT-110', 'FX-BT-110', 'BR-DEC-13', fail);
  const bt112 = amount(child(summation, 'GrandTotalAmount'), 'BT-112', 'BR-14', 'BR-DEC-14', fail);
  const bt113 = amount(child(summation, 'TotalPrepaidAmount'), 'BT-113', null, 'BR-DEC-16', fail);
  const bt114 = amount(child(summation, 'RoundingAmount'), 'BT-114', null, 'BR-DEC-17', fail);
  const bt115 = amount(child(summation, 'DuePayableAmount'), 'BT-115', 'BR-15', 'BR-DEC-18', fail);

  const neq = (rule: string, label: string, actual: bigint | null, expected: bigint | null): void => {
    if (actual !== null && expected !== null && actual !== expected) {
      fail(rule, `${label} is ${formatAmountXml(actual)}, expected ${formatAmountXml(expected)}.`);
    }
  };
  neq('BR-CO-10', 'Sum of line net amounts (BT-106)', bt106, lineNetSum);
  const allowanceSum = sumOf(allowanceCharges.filter((a) => !a.charge).map((a) => a.amount));
  const chargeSum = sumOf(allowanceCharges.filter((a) => a.charge).map((a) => a.amount));
  if (bt107 !== null || allowanceSum !== 0n) neq('BR-CO-11', 'Sum of allowances (BT-107)', bt107 ?? 0n, allowanceSum);
  if (bt108 !== null || chargeSum !== 0n) neq('BR-CO-12', 'Sum of charges (BT-108)', bt108 ?? 0n, chargeSum);
  if (bt106 !== null) neq('BR-CO-13', 'Total without VAT (BT-109)', bt109, bt106 - (bt107 ?? 0n) + (bt108 ?? 0n));
  neq('BR-CO-14', 'Total VAT amount (BT-110)', bt110, sumOf(breakdowns.map((b) => b.tax)));
  if (bt109 !== null && bt110 !== null) neq('BR-CO-15', 'Total with VAT (BT-112)', bt112, bt109 + bt110);
  if (bt112 !== null) neq('BR-CO-16', 'Amount due for payment (BT-115)', bt115, bt112 - (bt113 ?? 0n) + (bt114 ?? 0n));

  // --- Payment (BG-16, BG-17, BT-9, BT-20) ----------------------------------------------------------
  const terms = children(settlement, 'SpecifiedTradePaymentTerms');
  const dueNode = terms.map((t) => child(t, 'DueDateDateTime')).find((n) => n !== undefined);
  const dueDate = dueNode ? dateOf(dueNode, 'BT-9', null, fail, false) : null;
  const hasTermsText = terms.some((t) => text(child(t, 'Description')) !== undefined);
  if (bt115 !== null && bt115 > 0n && !dueNode && !hasTermsText) {
    fail('BR-CO-25', 'The amount due (BT-115) is positive: the payment due date (BT-9) or the payment terms (BT-20) must be present.');
  }
  if (issueDate && dueDate && dueDate < issueDate)
    fail('FX-DUE-DATE', `The payment due date (BT-9) ${dueDate} is before the issue date ${issueDate}.`);
  for (const means of children(settlement, 'SpecifiedTradeSettlementPaymentMeans')) {
    const code = text(child(means, 'TypeCode'));
    if (!code) fail('BR-49', 'A payment instruction (BG-16) has no payment means type code (BT-81).');
    else if (
      (code === '30' || code === '58') &&
      !text(child(means, 'PayeePartyCreditorFinancialAccount', 'IBANID')) &&
      !text(child(means, 'PayeePartyCreditorFinancialAccount', 'ProprietaryID'))
    ) {
      fail('BR-61', `Credit transfer (BT-81 = ${code}) requires the payment account identifier (BT-84).`);
    }
  }

  // --- Invoicing period (BG-14) --------------------------------------------------------------------
  const period = child(settlement, 'BillingSpecifiedPeriod');
  if (period) {
    const start = child(period, 'StartDateTime') ? dateOf(child(period, 'StartDateTime'), 'BT-73', null, fail, false) : null;
    const end = child(period, 'EndDateTime') ? dateOf(child(period, 'EndDateTime'), 'BT-74', null, fail, false) : null;
    if (!child(period, 'StartDateTime') && !child(period, 'EndDateTime'))
      fail('BR-CO-19', 'An invoicing period (BG-14) needs a start (BT-73) or an end date (BT-74).');
    if (start && end && end < start) fail('BR-29', `The invoicing period ends (${end}) before it starts (${start}).`);
  }

  // --- Preceding invoice (BG-3) --------------------------------------------------------------------
  const references = children(settlement, 'InvoiceReferencedDocument');
  for (const ref of references) {
    if (!text(child(ref, 'IssuerAssignedID'))) fail('BR-55', 'A preceding invoice reference (BG-3) has no invoice number (BT-25).');
    const refDate = child(ref, 'FormattedIssueDateTime');
    if (refDate) dateOf(refDate, 'BT-26', null, fail, false);
  }
  if (typeCode === '381' && references.length === 0) {
    fail('FX-CREDIT-NOTE-REF', 'A credit note (BT-3 = 381) must reference the invoice it corrects (BG-3, BT-25).');
  }

  // --- French mentions as notes (BG-1) --------------------------------------------------------------
  const subjects = new Set(children(doc, 'IncludedNote').map((n) => text(child(n, 'SubjectCode'))));
  const required: [string, string][] = [
    ['PMT', 'the €40 recovery indemnity'],
    ['PMD', 'the late payment penalties'],
    ['AAB', 'the early payment discount (or its absence)'],
  ];
  for (const [code, what] of required) {
    if (!subjects.has(code)) fail(`FR-NOTE-${code}`, `A note (BG-1) with subject code ${code} must state ${what}.`);
  }

  return violations;
}

// ------------------------------------------------------------------------------------------------
// Parsing: elements always come as arrays of nodes, text in '#text', attributes prefixed with '@_'.

interface XmlNode {
  [key: string]: XmlNode[] | string | undefined;
}
type Fail = (rule: string, message: string) => void;

const INVOICE_TYPE_CODES = new Set(
  (
    '71 80 81 82 83 84 102 130 202 203 204 211 218 219 261 262 295 296 308 325 326 331 380 381 382 383 384 385 386 387 388 389 ' +
    '390 393 394 395 396 420 456 457 458 527 532 553 575 623 633 751 780 817 870 875 876 877 935'
  ).split(' '),
);

function parseRoot(xml: string, fail: Fail): XmlNode | undefined {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    alwaysCreateTextNode: true,
    processEntities: true,
    isArray: (_name: string, _jpath: unknown, _isLeaf: boolean, isAttribute: boolean) => !isAttribute,
  });
  let parsed: XmlNode;
  try {
    parsed = parser.parse(xml) as XmlNode;
  } catch (error) {
    fail('FX-XML', `The XML cannot be read: ${(error as Error).message}`);
    return undefined;
  }
  const rootKey = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const rootNode = rootKey ? (parsed[rootKey] as XmlNode[] | undefined)?.[0] : undefined;
  if (!rootKey || !rootNode) {
    fail('FX-CII', 'The document has no root element.');
    return undefined;
  }
  // Prefix → namespace URI, from the declarations on the root element.
  const namespaces = new Map<string, string>();
  for (const [k, v] of Object.entries(rootNode)) {
    if (typeof v !== 'string') continue;
    if (k === '@_xmlns') namespaces.set('', v);
    else if (k.startsWith('@_xmlns:')) namespaces.set(k.slice('@_xmlns:'.length), v);
  }
  const [rootPrefix, rootLocal] = rootKey.includes(':') ? (rootKey.split(':', 2) as [string, string]) : ['', rootKey];
  if (rootLocal !== 'CrossIndustryInvoice' || namespaces.get(rootPrefix) !== CII_NS.rsm) {
    fail(
      'FX-CII',
      `The root element is ${rootKey} (${namespaces.get(rootPrefix) ?? 'no namespace'}), not rsm:CrossIndustryInvoice in ${CII_NS.rsm}.`,
    );
    return undefined;
  }
  const known = new Set<string>(Object.values(CII_NS));
  const unknown = new Set<string>();
  const strip = (node: XmlNode): XmlNode => {
    const out: XmlNode = {};
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@_') || k === '#text') {
        out[k] = v;
        continue;
      }
      const colon = k.indexOf(':');
      const prefix = colon === -1 ? '' : k.slice(0, colon);
      if (!known.has(namespaces.get(prefix) ?? '')) unknown.add(prefix || '(none)');
      const local = colon === -1 ? k : k.slice(colon + 1);
      out[local] = [...((out[local] as XmlNode[] | undefined) ?? []), ...((v as XmlNode[]) ?? []).map(strip)];
    }
    return out;
  };
  const root = strip(rootNode);
  for (const prefix of unknown) fail('FX-CII', `Elements with the prefix "${prefix}" are not in a CII D16B namespace.`);
  return root;
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const v = node?.[name];
  return Array.isArray(v) ? v : [];
}

/** The first element along a path of local names. */
function child(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current = node;
  for (const name of path) current = children(current, name)[0];
  return current;
}

/** The trimmed text of an element, or undefined when absent or empty. */
function text(node: XmlNode | undefined): string | undefined {
  const v = node?.['#text'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

function percent(rate: bigint | null | undefined): string {
  return rate === null || rate === undefined ? '?' : formatAmountXml(rate).replace(/\.?0+$/, '');
}

/** An amount in cents; reports absence (when `missingRule`), malformed numbers and more than 2 decimals. */
function amount(node: XmlNode | undefined, label: string, missingRule: string | null, decimalsRule: string, fail: Fail): bigint | null {
  const value = text(node);
  if (value === undefined) {
    if (node === undefined && missingRule) fail(missingRule, `${label} is missing.`);
    else if (node !== undefined) fail(missingRule ?? decimalsRule, `${label} is empty.`);
    return null;
  }
  if (!/^[+-]?\d+(\.\d+)?$/.test(value)) {
    fail('FX-NUMBER', `${label} "${value}" is not a decimal number.`);
    return null;
  }
  if (decimalsOf(value) > 2) {
    fail(decimalsRule, `${label} "${value}" has more than 2 decimals.`);
    return null;
  }
  return parseScaled(value, 2, true);
}

/** A date element holding `udt:DateTimeString format="102"`; returns it as YYYY-MM-DD. */
function dateOf(node: XmlNode | undefined, label: string, missingRule: string | null, fail: Fail, required: boolean): string | null {
  const value = child(node, 'DateTimeString');
  const raw = text(value);
  if (!raw) {
    if (required && missingRule) fail(missingRule, `${label} is missing.`);
    else if (node) fail('FX-DATE', `${label} has no DateTimeString.`);
    return null;
  }
  const iso = attr(value, 'format') === '102' ? fromDate102(raw) : null;
  if (!iso) fail('FX-DATE', `${label} "${raw}" is not a date in format 102 (YYYYMMDD).`);
  return iso;
}

function checkAddress(
  party: XmlNode | undefined,
  who: string,
  addressRule: string,
  countryRule: string,
  countryBt: string,
  fail: Fail,
): void {
  const address = child(party, 'PostalTradeAddress');
  if (!address) {
    fail(addressRule, `The ${who} postal address is missing.`);
    return;
  }
  const country = text(child(address, 'CountryID'));
  if (!country) fail(countryRule, `The ${who} country code (${countryBt}) is missing.`);
  else if (!/^[A-Z]{2}$/.test(country)) fail('BR-CL-14', `The ${who} country code "${country}" is not an ISO 3166-1 alpha-2 code.`);
}

function taxRegistration(party: XmlNode | undefined, scheme: 'VA' | 'FC'): string | undefined {
  const reg = children(party, 'SpecifiedTaxRegistration')
    .map((r) => child(r, 'ID'))
    .find((id) => attr(id, 'schemeID') === scheme);
  return text(reg);
}

function taxRegistrationOfRepresentative(agreement: XmlNode | undefined): string | undefined {
  return taxRegistration(child(agreement, 'SellerTaxRepresentativeTradeParty'), 'VA');
}

function checkSiren(party: XmlNode | undefined, who: string, bt: string, rule: string, fail: Fail): void {
  const id = child(party, 'SpecifiedLegalOrganization', 'ID');
  const value = text(id);
  if (!value) fail(rule, `The ${who} SIREN (${bt}, scheme 0002) is missing: it is a mandatory mention of a French B2B invoice.`);
  else if (attr(id, 'schemeID') !== '0002' || !/^\d{9}$/.test(value))
    fail(rule, `The ${who} legal registration identifier (${bt}) "${value}" is not a SIREN with scheme 0002.`);
}

/** Rate rules of a category: S > 0 (BR-S-05), Z and E = 0 (BR-Z-05, BR-E-05); other categories unsupported. */
function checkCategoryRate(category: string, rate: bigint | null, raw: string | undefined, at: string, suffix: string, fail: Fail): void {
  if (!['S', 'Z', 'E'].includes(category)) {
    fail('FX-VAT-CATEGORY', `${at}: VAT category ${category} is not checked by this project (only S, Z and E).`);
    return;
  }
  if (raw !== undefined && rate === null) {
    fail('FX-NUMBER', `${at}: the VAT rate "${raw}" is not a percentage with at most 2 decimals.`);
    return;
  }
  if (!suffix || rate === null) return;
  if (category === 'S' && rate <= 0n) fail('BR-S-05', `${at}: a standard rated line needs a VAT rate above 0.`);
  if (category !== 'S' && rate !== 0n) fail(`BR-${category}-05`, `${at}: a line of category ${category} must have a VAT rate of 0.`);
}
