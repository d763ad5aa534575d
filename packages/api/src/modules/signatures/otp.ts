import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** A code lives 10 minutes and works once; 5 wrong codes lock the request. */
export const CODE_TTL_MS = 10 * 60_000;
export const MAX_FAILED_ATTEMPTS = 5;
export const CODE_DIGITS = 6;

/** Six random digits (uniform: crypto.randomInt, no modulo bias). */
export function newCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/**
 * What is stored of a code: an HMAC-SHA256 under the server's secret, bound to the request, so a
 * copy of the database alone cannot test the million possible codes.
 */
export function codeHash(secret: string, requestId: string, code: string): string {
  return createHmac('sha256', secret).update(`signature-code\n${requestId}\n${code}`, 'utf8').digest('hex');
}

/** Constant-time comparison of the stored hash with the hash of the code typed. */
export function codeMatches(secret: string, requestId: string, typed: string, stored: string): boolean {
  const given = Buffer.from(codeHash(secret, requestId, typed), 'hex');
  const expected = Buffer.from(stored, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The code as typed, spaces and dashes removed ("123 456" → "123456"); null when it is not 6 digits. */
export function normaliseCode(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(digits) ? digits : null;
}

/** "david.bernard@demo-sas.fr" → "d***@demo-sas.fr": enough for the signer to recognise, not to read. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The verification reference printed on the certificate page, e.g. GCH-7K3M-Q9TX-2HVD (about 59 bits). */
export function newVerificationReference(): string {
  const group = (): string => Array.from({ length: 4 }, () => REFERENCE_ALPHABET[randomInt(0, REFERENCE_ALPHABET.length)]).join('');
  return `GCH-${group()}-${group()}-${group()}`;
}
