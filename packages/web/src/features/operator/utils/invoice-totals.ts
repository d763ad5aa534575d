/**
 * The totals of an invoice as the API computes them, so the operator's forms show, while they are
 * filled in, the very amounts the issued invoice will carry. The API's rule (one computation that
 * both the Factur-X XML and the PDF print), in integer cents:
 *
 *  1. line net           = round half-up (quantity × unit price)        per line
 *  2. basis per VAT rate = Σ line nets at that rate                     exact
 *  3. VAT per rate       = round half-up (basis × rate / 100)           once per rate, never per line
 *  4. total HT = Σ line nets; TVA = Σ VAT per rate; TTC = HT + TVA
 *
 * "Half-up" rounds halves away from zero (0.5 → 1). Arithmetic is on BigInts, so no floating-point
 * error creeps in (0.1 × 3 is exactly 0.3 here).
 */

/** The VAT rates of the API, highest first (the order of the breakdown). */
export const VAT_RATES = ['20', '10', '5.5', '2.1', '0'] as const;
export type VatRate = (typeof VAT_RATES)[number];

export function isVatRate(value: string): value is VatRate {
  return (VAT_RATES as readonly string[]).includes(value);
}

/** Quantities have at most 4 decimals (the API's scale). */
export const QUANTITY_SCALE = 4;

/** n / d rounded half-up (halves away from zero); d > 0. */
export function divHalfUp(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return negative ? -q : q;
}

/** A canonical decimal (`1.5`, `0.3333`) as an integer scaled by 10^scale, or null. */
export function parseScaled(text: string, scale: number): bigint | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (fraction.length > scale && !/^0*$/.test(fraction.slice(scale))) return null;
  return BigInt(whole + fraction.slice(0, scale).padEnd(scale, '0'));
}

/** Line net in cents: round half-up (quantity × unit price). `quantity` is a canonical decimal (`2.5`). */
export function lineNetCents(quantity: string, unitPriceCents: number): number | null {
  const scaled = parseScaled(quantity, QUANTITY_SCALE);
  if (scaled === null || !Number.isSafeInteger(unitPriceCents)) return null;
  return Number(divHalfUp(scaled * BigInt(unitPriceCents), 10n ** BigInt(QUANTITY_SCALE)));
}

/** VAT in cents on a basis at a rate such as `5.5`: round half-up (basis × rate / 100). */
export function vatCents(basisCents: number, rate: VatRate): number {
  const hundredths = parseScaled(rate, 2) ?? 0n; // 5.5 % → 550
  return Number(divHalfUp(BigInt(basisCents) * hundredths, 10_000n));
}

export interface TotalsLine {
  /** Canonical decimal with a dot, > 0. */
  quantity: string;
  unitPriceCents: number;
  vatRate: VatRate;
}

export interface VatBreakdownEntry {
  rate: VatRate;
  basisCents: number;
  vatCents: number;
}

export interface InvoiceTotals {
  /** Each line's net, in the order given. */
  lineNets: number[];
  /** One entry per rate used, highest rate first. */
  breakdown: VatBreakdownEntry[];
  netCents: number;
  vatCents: number;
  grossCents: number;
}

/** The amounts of an invoice (or credit note) with these lines, by the API's rule. */
export function computeInvoiceTotals(lines: readonly TotalsLine[]): InvoiceTotals {
  const lineNets = lines.map((line) => lineNetCents(line.quantity, line.unitPriceCents) ?? 0);
  const breakdown: VatBreakdownEntry[] = [];
  for (const rate of VAT_RATES) {
    const at = lines.map((line, index) => (line.vatRate === rate ? (lineNets[index] ?? 0) : null)).filter((net) => net !== null);
    if (at.length === 0) continue;
    const basisCents = at.reduce((sum, net) => sum + net, 0);
    breakdown.push({ rate, basisCents, vatCents: vatCents(basisCents, rate) });
  }
  const netCents = lineNets.reduce((sum, net) => sum + net, 0);
  const vat = breakdown.reduce((sum, entry) => sum + entry.vatCents, 0);
  return { lineNets, breakdown, netCents, vatCents: vat, grossCents: netCents + vat };
}
