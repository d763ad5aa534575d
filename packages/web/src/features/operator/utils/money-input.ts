import { QUANTITY_SCALE } from './invoice-totals';

/**
 * Amounts and quantities as people type them, in French or English: `1 234,56`, `1234.56`,
 * `49 €`, `2,5`. The forms keep what was typed and send the API what it expects (integer cents,
 * a quantity with a dot).
 */

/** Spaces people put in numbers: ordinary, no-break and narrow no-break (French thousands separators). */
const SPACES = /[\s\u00a0\u202f]/g;

/** The API's amounts are GraphQL Ints. */
export const MAX_CENTS = 2_147_483_647;

/** Euros typed by a person → integer cents, or null when it is not an amount (negative, 3 decimals…). */
export function parseEuros(text: string): number | null {
  const cleaned = text.replace(SPACES, '').replace(/€$/, '').replace(/^€/, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) && cents <= MAX_CENTS ? cents : null;
}

/** A quantity typed by a person → the API's decimal (`2,50` → `2.5`), or null when not > 0 with at most 4 decimals. */
export function parseQuantity(text: string): string | null {
  const cleaned = text.replace(SPACES, '').replace(',', '.');
  const match = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > QUANTITY_SCALE) return null;
  if (/^0*$/.test(whole) && fraction === '') return null;
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Cents as an amount to edit (`4900` → `49,00` in French, `49.00` in English). */
export function centsToInput(cents: number, locale: 'fr' | 'en'): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0');
  return `${whole}${locale === 'fr' ? ',' : '.'}${fraction}`;
}

/** The API's quantity (`2.5`) as a French one to edit (`2,5`). */
export function quantityToInput(quantity: string, locale: 'fr' | 'en'): string {
  return locale === 'fr' ? quantity.replace('.', ',') : quantity;
}
