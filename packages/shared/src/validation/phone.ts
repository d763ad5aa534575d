import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { PhoneErrorCode } from './codes';

export type { CountryCode } from 'libphonenumber-js/min';

export type PhoneValidation = { ok: true; phone: string | null } | { ok: false; error: PhoneErrorCode };

/**
 * The phone number is optional: empty or blank input is valid and yields null. Anything else must
 * be a valid number (national numbers read in `defaultRegion`) and is returned in E.164.
 */
export function validatePhone(raw: string | null | undefined, defaultRegion: CountryCode = 'FR'): PhoneValidation {
  const text = raw?.trim() ?? '';
  if (text === '') return { ok: true, phone: null };
  try {
    const parsed = parsePhoneNumberFromString(text, { defaultCountry: defaultRegion, extract: false });
    if (parsed?.isValid()) return { ok: true, phone: parsed.number };
  } catch {
    // An unknown region or unparsable text is simply an invalid number.
  }
  return { ok: false, error: 'PHONE_INVALID' };
}

/**
 * Display form of an E.164 number: national format for numbers of `homeRegion`
 * (`06 12 34 56 78`), international otherwise (`+44 20 7946 0958`); with `homeRegion` null,
 * international for every number (a text read from any country). Unparsable input is returned
 * unchanged.
 */
export function formatPhone(e164: string, homeRegion: CountryCode | null = 'FR'): string {
  try {
    const parsed = parsePhoneNumberFromString(e164);
    if (!parsed) return e164;
    return parsed.country === homeRegion ? parsed.formatNational() : parsed.formatInternational();
  } catch {
    return e164;
  }
}
