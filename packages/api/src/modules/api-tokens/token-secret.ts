import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { ApiTokenKind } from './api-token.entity';

/**
 * Token secrets look like `gct_` (a company's token) or `gco_` (an operator token), 32 random
 * base62 characters (190 bits), then 6 base62 characters of a CRC32 of the rest: a secret scanner
 * recognises a leaked one offline, and a typo is refused without a database lookup.
 */
const PREFIXES: Record<ApiTokenKind, string> = { COMPANY: 'gct_', OPERATOR: 'gco_' };
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
export const SECRET_PATTERN = /^gc[to]_[0-9A-Za-z]{38}$/;
/** How many characters of the secret lists show (the kind prefix and 8 characters). */
export const DISPLAYED_PREFIX_LENGTH = 12;

function base62(value: number, length: number): string {
  let out = '';
  let n = value;
  for (let i = 0; i < length; i += 1) {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

function checksum(text: string): string {
  return base62(crc32(text) >>> 0, CHECKSUM_LENGTH);
}

export function newTokenSecret(kind: ApiTokenKind): string {
  // Rejection sampling keeps every character uniform (248 = 4 × 62).
  let body = '';
  while (body.length < BODY_LENGTH) {
    for (const byte of randomBytes(BODY_LENGTH)) {
      if (byte < 248 && body.length < BODY_LENGTH) body += ALPHABET[byte % 62];
    }
  }
  const head = `${PREFIXES[kind]}${body}`;
  return `${head}${checksum(head)}`;
}

/** The token's kind if the text is well formed and its checksum holds; null otherwise. */
export function parseTokenSecret(text: string): ApiTokenKind | null {
  if (!SECRET_PATTERN.test(text)) return null;
  const head = text.slice(0, -CHECKSUM_LENGTH);
  if (checksum(head) !== text.slice(-CHECKSUM_LENGTH)) return null;
  return text.startsWith(PREFIXES.OPERATOR) ? 'OPERATOR' : 'COMPANY';
}
