import type { TextErrorCode } from './codes';

/**
 * Bidirectional controls: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069),
 * the left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C).
 * In a name they can reorder what is displayed ("Facture‮fdp.exe" shows as "Factureexe.pdf").
 */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Zero-width characters: space, non-joiner and joiner (U+200B–U+200D), word joiner (U+2060) and
 * the byte-order mark / zero-width no-break space (U+FEFF). Two names that differ only by one of
 * them look identical.
 */
export const ZERO_WIDTH_CHARACTERS = /[\u200B-\u200D\u2060\uFEFF]/u;

const INVISIBLE_GLOBAL = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

export type UnsafeTextCode = Extract<TextErrorCode, 'TEXT_BIDI_CONTROL' | 'TEXT_INVISIBLE_CHARACTER'>;

/**
 * Why a name, a tag, a sender or a token name cannot hold this text: a bidirectional control or a
 * zero-width character; null when it has neither. Checked on the raw input, before any tidying.
 */
export function unsafeTextCode(raw: string | null | undefined): UnsafeTextCode | null {
  if (!raw) return null;
  if (BIDI_CONTROLS.test(raw)) return 'TEXT_BIDI_CONTROL';
  if (ZERO_WIDTH_CHARACTERS.test(raw)) return 'TEXT_INVISIBLE_CHARACTER';
  return null;
}

/** The number of characters (code points) a database `varchar(n)` column counts. */
export function textLength(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

/**
 * Letters of other scripts that look like a Latin letter, mapped to it: Cyrillic and Greek
 * capitals and small letters, and a few Latin variants that NFKC leaves alone. Upper and lower
 * case are both listed because the look-alikes differ by case (Cyrillic "Н" looks like "H",
 * its small "н" does not look like "h").
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  Е: 'E',
  З: '3',
  І: 'I',
  Ј: 'J',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  Ԁ: 'D',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ү: 'Y',
  Ӏ: 'I',
  // Cyrillic small letters
  а: 'a',
  в: 'b',
  е: 'e',
  і: 'i',
  ј: 'j',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ӏ: 'l',
  ԛ: 'q',
  ԝ: 'w',
  ѵ: 'v',
  ү: 'y',
  ь: 'b',
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Greek small letters
  α: 'a',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  χ: 'x',
  γ: 'y',
  // Latin variants
  ı: 'i',
  ȷ: 'j',
  ɑ: 'a',
  ɡ: 'g',
  ɩ: 'i',
  ʟ: 'l',
};

const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'gu');

const mapConfusables = (value: string): string => value.replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);

/**
 * What two texts are compared on when they must not merely look alike: compatibility forms
 * folded (NFKC: full-width letters, ligatures), invisible and bidirectional characters dropped,
 * accents removed, Cyrillic and Greek look-alikes turned into the Latin letter they imitate,
 * lower case, single spaces. Never shown, never stored as the value itself.
 */
export function foldForComparison(value: string): string {
  const stripped = mapConfusables(
    value
      .normalize('NFKC')
      .replace(INVISIBLE_GLOBAL, '')
      .normalize('NFD')
      .replace(/\p{M}+/gu, ''),
  );
  return mapConfusables(stripped.toLowerCase()).replace(/\s+/g, ' ').trim();
}

/** Whether some letters of a word come from a script other than Latin, mixed with Latin ones or imitating them. */
export function scriptsOf(value: string): Set<string> {
  const scripts = new Set<string>();
  for (const c of value) {
    if (/\p{Script=Latin}/u.test(c)) scripts.add('Latin');
    else if (/\p{Script=Cyrillic}/u.test(c)) scripts.add('Cyrillic');
    else if (/\p{Script=Greek}/u.test(c)) scripts.add('Greek');
    else if (/\p{L}/u.test(c)) scripts.add('Other');
  }
  return scripts;
}

/**
 * A strict ISO 8601 instant: `YYYY-MM-DDTHH:MM[:SS[.mmm]]` with `Z` or an offset. The date must
 * exist on the calendar (no 30 February, no 31 April: JavaScript's `Date` would roll those into
 * the next month) and the time must be a real time of day. Returns null otherwise.
 */
export function parseIsoInstant(raw: string | null | undefined): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))$/.exec((raw ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '0', ms = '0', zone, sign, oh = '0', om = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!isCalendarDate(year, month, day)) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  if (zone !== 'Z' && (Number(oh) > 14 || Number(om) > 59)) return null;
  const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(year, month - 1, day, Number(h), Number(mi), Number(s), Number(ms.padEnd(3, '0')));
  return new Date(utc - offsetMinutes * 60_000);
}

/** Whether year-month-day is a day of the Gregorian calendar (leap years included). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A calendar date `YYYY-MM-DD` that exists, or null. */
export function parseIsoDate(raw: string | null | undefined): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((raw ?? '').trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isCalendarDate(year, month, day) ? { year, month, day } : null;
}

/**
 * The longest value each free-text input may hold, in characters: the size of the column it is
 * stored in, or, for what is never stored, a bound well above any real use. The API refuses a
 * longer value before reaching the database; the web app puts the same `maxLength` on its fields.
 */
export const TEXT_LIMITS = {
  email: 254,
  personName: 80,
  companyName: 120,
  jobTitle: 100,
  /** Raw phone input ("+33 6 12 34 56 78"); the stored E.164 form is at most 16 characters. */
  phone: 32,
  /** Raw SIRET input with spaces ("912 345 678 00011"). */
  siret: 32,
  addressLine: 200,
  postalCode: 16,
  city: 100,
  country: 2,
  accessRequestMessage: 1000,
  password: 128,
  /** Invitation, password-reset and other link tokens (43 characters today). */
  linkToken: 128,
  mailSender: 200,
  mailRecipient: 200,
  mailSearch: 100,
  companySearch: 120,
  tagName: 50,
  tagColor: 7,
  idempotencyKey: 100,
  tokenName: 80,
  /** One IP address or CIDR range ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128" is 49). */
  ipRange: 49,
  /** An opaque page cursor. */
  cursor: 200,
  /** Invoices: an invoice's or a line's label, a 0 % line's exemption statement. */
  invoiceLabel: 300,
  planLabel: 200,
  /** A note printed on an invoice, a credit note's reason. */
  invoiceNote: 500,
  invoiceSearch: 100,
  /** A quantity as a decimal string ("2.5"). */
  quantity: 24,
  /** A VAT rate ("5.5"). */
  vatRate: 5,
  /** A day, "2026-03-31". */
  day: 10,
  /** A month, "2026-03". */
  month: 7,
  paymentReference: 100,
  /** Formalities: a title, an information request's question, a choice. */
  formalityTitle: 200,
  formalityQuestion: 500,
  /** A reason (rejection, regularisation, a refused answer). */
  formalityReason: 1000,
  /** The register's tracking number of a filing. */
  trackingNumber: 100,
  /** A text answer to an information request. */
  formalityAnswer: 2000,
  /** A signature's one-time code as typed ("123 456"). */
  signatureCode: 16,
  /** The version of the consent statement ("2026-12-v1"). */
  consentVersion: 40,
  /** A SHA-256 in hexadecimal. */
  sha256: 64,
} as const;
export type TextLimitName = keyof typeof TEXT_LIMITS;
