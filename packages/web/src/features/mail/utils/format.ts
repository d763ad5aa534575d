import type { Locale } from '@guichet/shared';

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * A day as people say it in a sentence: `3 mars`, or `3 mars 2025` when it is not this year
 * ("le courrier de URSSAF du 3 mars").
 */
export function formatDay(iso: string, locale: Locale, now: Date = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(intlLocale(locale), {
    day: 'numeric',
    month: 'long',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** `12 nov. 2025`: the date column (the year always shown, the list spans years). */
export function formatShortDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** `245 ko`, `1,2 Mo`. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes / 1000, 1), 'kilobyte'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** One line of a postal address: `12 rue de la Paix, 75002 Paris`, the country added when not France. */
export function formatAddress(
  address: { line1: string; line2: string | null; postalCode: string; city: string; country: string },
  locale: Locale,
): string[] {
  const lines = [address.line1, address.line2, `${address.postalCode} ${address.city}`.trim()].filter((line): line is string =>
    Boolean(line),
  );
  if (address.country !== 'FR') {
    let country = address.country;
    try {
      country = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(address.country) ?? address.country;
    } catch {
      // an unknown code stays as it is
    }
    lines.push(country);
  }
  return lines;
}
