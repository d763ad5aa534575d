import { invalidInput } from './errors';
import { formatScaled, lineNet, parseScaled, QUANTITY_SCALE, vatOnBasis } from './money';
import { VAT_RATES, type InvoiceDocumentInput, type InvoiceTotals, type LineTotals, type VatBreakdown } from './types';
import { validateInvoiceInput } from './validate';

/**
 * THE one computation of every amount of an invoice; the CII XML and the PDF both print its result
 * and never compute an amount themselves.
 *
 * Rounding rule (integer cents, half-up = halves away from zero):
 *  1. line net (BT-131)      = round(quantity × unit price)                       per line
 *  2. VAT basis (BT-116)     = Σ line nets of that rate                           exact, no rounding
 *  3. VAT amount (BT-117)    = round(basis × rate / 100)                          once per rate
 *  4. BT-106 = BT-109 = Σ line nets;  BT-110 = Σ BT-117;  BT-112 = BT-109 + BT-110;
 *     BT-115 = BT-112 − BT-113 (amount already paid)
 * VAT is never computed per line, so the breakdown is what BR-CO-17 / BR-S-09 recompute, and every
 * sum is a sum of integers (BR-CO-10, -13, -14, -15, -16, BR-S-08, BR-E-08 hold exactly).
 *
 * Throws `FacturXError` (`INVOICE_INPUT_INVALID`) when `validateInvoiceInput` finds a problem, or
 * when the amount paid exceeds the total including VAT.
 */
export function computeTotals(input: InvoiceDocumentInput): InvoiceTotals {
  const errors = validateInvoiceInput(input);
  if (errors.length > 0) throw invalidInput(errors);

  const lines: LineTotals[] = input.lines.map((line, i) => {
    const quantity = parseScaled(line.quantity, QUANTITY_SCALE)!;
    return {
      lineId: String(i + 1),
      label: line.label.trim(),
      quantity: formatScaled(quantity, QUANTITY_SCALE),
      unitPriceCents: line.unitPriceCents,
      vatRate: line.vatRate,
      categoryCode: line.vatRate === '0' ? 'E' : 'S',
      netCents: Number(lineNet(quantity, BigInt(line.unitPriceCents))),
    };
  });

  const vatBreakdown: VatBreakdown[] = [];
  for (const rate of VAT_RATES) {
    const ofRate = lines.filter((l) => l.vatRate === rate);
    if (ofRate.length === 0) continue;
    const basis = ofRate.reduce((sum, l) => sum + BigInt(l.netCents), 0n);
    const entry: VatBreakdown = {
      rate,
      categoryCode: rate === '0' ? 'E' : 'S',
      basisCents: Number(basis),
      vatCents: Number(vatOnBasis(basis, rate)),
    };
    if (rate === '0') entry.exemptionReason = input.lines.find((l) => l.vatRate === '0')!.exemptionReason!.trim();
    vatBreakdown.push(entry);
  }

  const lineTotalCents = lines.reduce((sum, l) => sum + l.netCents, 0);
  const vatTotalCents = vatBreakdown.reduce((sum, v) => sum + v.vatCents, 0);
  const grandTotalCents = lineTotalCents + vatTotalCents;
  const paidCents = input.paidCents ?? 0;
  if (paidCents > grandTotalCents) throw invalidInput([{ field: 'paidCents', code: 'INVOICE_PAID_AMOUNT_INVALID' }]);

  return {
    currency: 'EUR',
    lines,
    vatBreakdown,
    lineTotalCents,
    taxBasisTotalCents: lineTotalCents,
    vatTotalCents,
    grandTotalCents,
    paidCents,
    dueCents: grandTotalCents - paidCents,
  };
}
