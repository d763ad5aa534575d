import type { AddressErrorCode, CompanyNameErrorCode, NameErrorCode } from './codes';
import { foldForComparison, TEXT_LIMITS, unsafeTextCode, type UnsafeTextCode } from './text';

export const PERSON_NAME_MAX_LENGTH = TEXT_LIMITS.personName;
export const COMPANY_NAME_MAX_LENGTH = TEXT_LIMITS.companyName;

export type NameValidation = { ok: true; value: string } | { ok: false; error: NameErrorCode | UnsafeTextCode };
export type CompanyNameValidation = { ok: true; value: string } | { ok: false; error: CompanyNameErrorCode | UnsafeTextCode };

/** Trims, collapses runs of whitespace into one space and composes accents (NFC). */
function tidy(raw: string | null | undefined): string {
  return (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

const PERSON_NAME_CHARS = /^[\p{L}\p{M} '’.-]+$/u;

/**
 * A first or last name: letters of any script (accents welcome), spaces, apostrophes (' and ’),
 * hyphens and dots, with at least one letter; at most 80 characters once tidied.
 */
export function validatePersonName(raw: string | null | undefined): NameValidation {
  const unsafe = unsafeTextCode(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const value = tidy(raw);
  if (value === '') return { ok: false, error: 'NAME_REQUIRED' };
  if ([...value].length > PERSON_NAME_MAX_LENGTH) return { ok: false, error: 'NAME_TOO_LONG' };
  if (!PERSON_NAME_CHARS.test(value) || !/\p{L}/u.test(value)) return { ok: false, error: 'NAME_INVALID' };
  return { ok: true, value };
}

/** A company's legal name: required, at most 120 characters once tidied. */
export function validateCompanyName(raw: string | null | undefined): CompanyNameValidation {
  const unsafe = unsafeTextCode(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const value = tidy(raw);
  if (value === '') return { ok: false, error: 'COMPANY_NAME_REQUIRED' };
  if ([...value].length > COMPANY_NAME_MAX_LENGTH) return { ok: false, error: 'COMPANY_NAME_TOO_LONG' };
  return { ok: true, value };
}

/**
 * What two person names are compared on for the "possible duplicate member" warning: NFKC,
 * invisible characters dropped, accents, case and Cyrillic/Greek look-alikes folded, and spaces,
 * apostrophes, hyphens and dots alike ("Jean-Éric" = "jean eric" = "Jеan Eric" with a Cyrillic е).
 */
export function nameComparisonKey(value: string): string {
  return foldForComparison(value)
    .replace(/[\s'’.-]+/g, ' ')
    .trim();
}

/** ISO 3166-1 alpha-2 codes (all 249 officially assigned, plus XK for Kosovo). */
const COUNTRY_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS ' +
  'BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE ' +
  'EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM ' +
  'HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC ' +
  'LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA ' +
  'NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO ' +
  'TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW';

export function isCountryCode(x: unknown): x is string {
  return typeof x === 'string' && /^[A-Z]{2}$/.test(x) && COUNTRY_CODES.includes(x);
}

/**
 * Territories that use French 5-digit postal codes: metropolitan France, the overseas
 * departments and collectivities, and Monaco (980xx).
 */
const FRENCH_POSTAL_CODE_COUNTRIES: readonly string[] = ['FR', 'GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'WF', 'PF', 'NC', 'MC'];

export interface PostalAddressInput {
  line1?: string | null;
  line2?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
}

export interface PostalAddress {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export type PostalAddressField = 'line1' | 'line2' | 'postalCode' | 'city' | 'country';

export type PostalAddressValidation =
  { ok: true; value: PostalAddress } | { ok: false; errors: Partial<Record<PostalAddressField, AddressErrorCode>> };

/**
 * Validates a postal address field by field and returns every error at once. The postal code is
 * 5 digits (spaces ignored) for France and territories using French codes; elsewhere it is
 * optional but, when given, 2 to 10 letters, digits, spaces or hyphens. Address lines hold at most
 * 200 characters and the city 100 (`ADDRESS_TOO_LONG`), the size of their columns.
 */
export function validatePostalAddress(input: PostalAddressInput): PostalAddressValidation {
  const errors: Partial<Record<PostalAddressField, AddressErrorCode>> = {};
  const line1 = tidy(input.line1);
  const line2 = tidy(input.line2);
  const city = tidy(input.city);
  const country = tidy(input.country).toUpperCase();
  let postalCode = tidy(input.postalCode).toUpperCase();

  if (line1 === '') errors.line1 = 'ADDRESS_LINE_REQUIRED';
  else if ([...line1].length > TEXT_LIMITS.addressLine) errors.line1 = 'ADDRESS_TOO_LONG';
  if ([...line2].length > TEXT_LIMITS.addressLine) errors.line2 = 'ADDRESS_TOO_LONG';
  if (city === '') errors.city = 'CITY_REQUIRED';
  else if ([...city].length > TEXT_LIMITS.city) errors.city = 'ADDRESS_TOO_LONG';
  if (!isCountryCode(country)) errors.country = 'COUNTRY_INVALID';

  if (FRENCH_POSTAL_CODE_COUNTRIES.includes(country)) {
    postalCode = postalCode.replace(/ /g, '');
    if (!/^\d{5}$/.test(postalCode)) errors.postalCode = 'POSTAL_CODE_INVALID';
  } else if (postalCode !== '' && !/^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$/.test(postalCode)) {
    errors.postalCode = 'POSTAL_CODE_INVALID';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { line1, line2: line2 === '' ? null : line2, postalCode, city, country } };
}
