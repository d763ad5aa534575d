import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of `message` under `secret`, base64url. */
export function hmacSign(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64url');
}

/** Constant-time check of a signature produced by `hmacSign`. */
export function hmacVerify(secret: string, message: string, signature: string): boolean {
  const expected = Buffer.from(hmacSign(secret, message), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
