import type { Locale } from '@guichet/shared';

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** `14:05`: the end of a code's validity, in the person's time zone. */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** `245 ko`, `1,2 Mo`. */
export function formatFileSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes / 1000, 1), 'kilobyte'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/** `application/pdf` → `PDF`, `image/jpeg` → `JPEG`. */
export function fileTypeLabel(type: string | null): string {
  if (!type) return '';
  const sub = type.split('/')[1] ?? type;
  return sub.toUpperCase();
}
