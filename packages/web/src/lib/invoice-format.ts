import type { Locale } from '@guichet/shared';

/**
 * Amounts, rates and calendar days of invoices, for the client's Factures and the operator's
 * billing pages. A module of its own, imported only by those lazily loaded pages, so it stays out
 * of the initial JavaScript.
 *
 * Amounts are integer cents (as the API gives them); days are `YYYY-MM-DD` calendar days, formatted
 * in UTC so that no time zone moves them to the day before.
 */

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

const currencyFormats = new Map<Locale, Intl.NumberFormat>();

/** `4900` → `49,00 €` (French), `€49.00` (English). */
export function formatCents(cents: number, locale: Locale): string {
  let format = currencyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'EUR' });
    currencyFormats.set(locale, format);
  }
  return format.format(cents / 100);
}

/** A VAT rate as the API writes it (`5.5`) for people: `5,5 %` (French), `5.5%` (English). */
export function formatVatRate(rate: string, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(Number(rate) / 100);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcDate(day: string): Date | null {
  const match = DAY.exec(day);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** `2026-03-31` → `31 mars 2026` (`short`: `31 mars 2026` with the abbreviated month, `31/03/2026` with `numeric`). */
export function formatCalendarDay(day: string, locale: Locale, style: 'short' | 'long' | 'numeric' = 'short'): string {
  const date = utcDate(day);
  if (!date) return day;
  const options: Intl.DateTimeFormatOptions =
    style === 'numeric'
      ? { day: '2-digit', month: '2-digit', year: 'numeric' }
      : { day: 'numeric', month: style === 'long' ? 'long' : 'short', year: 'numeric' };
  return new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' }).format(date);
}

/** `2026-03` → `mars 2026`. */
export function formatMonth(month: string, locale: Locale): string {
  const date = utcDate(`${month}-01`);
  if (!date) return month;
  return new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function lastDayOfMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/**
 * A service period as people say it: a whole month (`mars 2026`), a whole year (`2026`), or the
 * two days (`1–15 mars 2026`, `15 févr. – 14 mars 2026`).
 */
export function formatServicePeriod(start: string, end: string, locale: Locale): string {
  const from = utcDate(start);
  const to = utcDate(end);
  if (!from || !to) return `${start} – ${end}`;
  const sameYear = from.getUTCFullYear() === to.getUTCFullYear();
  const sameMonth = sameYear && from.getUTCMonth() === to.getUTCMonth();
  if (sameMonth && from.getUTCDate() === 1 && to.getUTCDate() === lastDayOfMonth(to)) return formatMonth(start.slice(0, 7), locale);
  if (sameYear && start.endsWith('-01-01') && end.endsWith('-12-31')) return String(from.getUTCFullYear());
  const format = new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(from, to);
}

/** Today as `YYYY-MM-DD` in the browser's time zone. */
export function todayDay(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `day` plus `days` calendar days, as `YYYY-MM-DD`. */
export function addDaysTo(day: string, days: number): string {
  const date = utcDate(day);
  if (!date) return day;
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
