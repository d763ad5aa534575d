import type { Locale } from '@guichet/shared';

/**
 * Dates for people, in their language and time zone: `12 nov. 2025`, `12 nov. 2025, 14:05`, and
 * relative forms (`il y a 3 heures`, `hier`) for recent moments.
 */

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * Within a week (before or after `now`): `il y a 3 heures`, `dans 2 jours`, `à l’instant`.
 * Further away: the date.
 */
export function formatRelative(iso: string, locale: Locale, now: number = Date.now()): string {
  const diff = new Date(iso).getTime() - now;
  if (Math.abs(diff) >= 7 * 86_400_000) return formatDate(iso, locale);
  const format = new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.trunc(diff / size), unit);
  }
  return format.format(0, 'second');
}
