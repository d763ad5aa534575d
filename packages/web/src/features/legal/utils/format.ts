import type { Locale } from '@guichet/shared';

/** When the texts of the legal pages last changed (shown at the top of each; change it with them). */
export const LEGAL_TEXTS_UPDATED = '2026-12-08';

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** A calendar day (`2026-12-08`) in words: `8 décembre 2026`, `8 December 2026`. */
export function formatLongDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** `847123692` → `847 123 692`, as a SIREN is printed; anything else unchanged. */
export function groupSiren(siren: string): string {
  return siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}

/** `84712369200018` → `847 123 692 00018`; anything else unchanged. */
export function groupSiret(siret: string): string {
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
}

/** The `tel:` link of a number as displayed (`+33 1 99 00 12 34` → `tel:+33199001234`). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

/** One line: `24 rue du Faubourg Montmartre, 75009 Paris, France` (the country named in the reader's language). */
export function formatAddress(address: PostalAddress, locale: Locale): string {
  let country = address.country;
  try {
    country = new Intl.DisplayNames([intlLocale(locale)], { type: 'region' }).of(address.country) ?? address.country;
  } catch {
    // an unknown code is shown as it is
  }
  return [address.line1, address.line2, `${address.postalCode} ${address.city}`, country].filter(Boolean).join(', ');
}
