/**
 * Exact decimal arithmetic for invoice amounts: decimal strings are read into scaled BigInts,
 * amounts are integer cents, and the only rounding is `divHalfUp`.
 */

/** U+00A0, used as the French thousands separator and before `€` / `%` so they never wrap. */
export const NBSP = '\u00a0';

/** Scale of quantities: at most 4 decimals. */
export const QUANTITY_SCALE = 4;

/**
 * Reads a decimal string (`123`, `-4.5`, `0.3333`) into an integer scaled by 10^scale, or null
 * when it is malformed or has more than `scale` decimals. Signs are accepted only with `signed`.
 */
export function parseScaled(text: string, scale: number, signed = false): bigint | null {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign = '', whole = '', fraction = ''] = m;
  if (sign !== '' && !signed) return null;
  if (fraction.length > scale) {
    // Extra decimals are fine only when they are zeros (`20.000` is a rate of 20).
    if (!/^0*$/.test(fraction.slice(scale))) return null;
  }
  const digits = whole + fraction.slice(0, scale).padEnd(scale, '0');
  const value = BigInt(digits);
  return sign === '-' ? -value : value;
}

/** Number of decimals written in a decimal string (`12.50` → 2). */
export function decimalsOf(text: string): number {
  const dot = text.trim().indexOf('.');
  return dot === -1 ? 0 : text.trim().length - dot - 1;
}

/**
 * n / d rounded half-up, i.e. to the nearest integer and halves away from zero (commercial
 * rounding: 0.5 → 1, -0.5 → -1). d must be positive.
 */
export function divHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divHalfUp: the divisor must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return negative ? -q : q;
}

/** A VAT rate such as `5.5` in hundredths of a percent (550). */
export function rateHundredths(rate: string): bigint {
  const value = parseScaled(rate, 2);
  if (value === null) throw new RangeError(`Not a VAT rate: ${rate}`);
  return value;
}

/** VAT on a basis: round half-up (basis × rate / 100), all in cents. */
export function vatOnBasis(basisCents: bigint, rate: string): bigint {
  return divHalfUp(basisCents * rateHundredths(rate), 10_000n);
}

/** Line net: round half-up (quantity × unit price) in cents; `quantity4` is the quantity × 10^4. */
export function lineNet(quantity4: bigint, unitPriceCents: bigint): bigint {
  return divHalfUp(quantity4 * unitPriceCents, 10n ** BigInt(QUANTITY_SCALE));
}

/** A scaled integer back to its shortest decimal string (`15000` at scale 4 → `1.5`). */
export function formatScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Cents as an XML amount with exactly two decimals: 123456 → `1234.56`, -5 → `-0.05`. */
export function formatAmountXml(cents: number | bigint): string {
  const value = BigInt(cents);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** Cents in French notation: 123456 → `1 234,56 €` (non-breaking spaces). */
export function formatEuros(cents: number | bigint): string {
  const [whole = '0', fraction = '00'] = formatAmountXml(cents).split('.');
  const negative = whole.startsWith('-');
  return `${negative ? '-' : ''}${groupThousands(negative ? whole.slice(1) : whole)},${fraction}${NBSP}€`;
}

/** A canonical decimal in French notation: `1.5` → `1,5`, `1500` → `1 500`. */
export function formatDecimalFr(text: string): string {
  const [whole = '0', fraction] = text.split('.');
  return `${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** `5.5` → `5,5 %`. */
export function formatRateFr(rate: string): string {
  return `${formatDecimalFr(rate)}${NBSP}%`;
}

/** `2026-01-31` → `31/01/2026`. */
export function formatDateFr(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** `2026-01-31` → `20260131` (CII date format 102). */
export function toDate102(isoDate: string): string {
  return isoDate.replace(/-/g, '');
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A real calendar date written `YYYYMMDD` (format 102), returned as `YYYY-MM-DD`, else null. */
export function fromDate102(text: string): string | null {
  if (!/^\d{8}$/.test(text)) return null;
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
  return isIsoDate(iso) ? iso : null;
}
