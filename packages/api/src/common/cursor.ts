import { parseIsoInstant } from '@guichet/shared';
import { DomainError } from './domain-error';
import { isId } from './ids';

/** Keyset cursor: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) {
      return parts as (string | number)[];
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

const invalidCursor = (): DomainError =>
  new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor returned by a previous page.');

/** The longest cursor any page hands out (an ISO instant and a UUID, base64url-encoded, are about 90). */
export const MAX_CURSOR_LENGTH = 200;

/**
 * A `(created_at, id)` keyset cursor, checked before it reaches SQL: an instant that exists
 * (`toISOString()` form) and a well-formed id. Anything else — forged JSON, a date like
 * "2026-02-30", a number, an oversized string — is BAD_USER_INPUT, never an error of the database.
 */
export function decodeKeysetCursor(cursor: string): { at: Date; id: string } {
  if (cursor.length > MAX_CURSOR_LENGTH) throw invalidCursor();
  const [at, id] = decodeCursor(cursor, 2);
  if (typeof at !== 'string' || typeof id !== 'string' || !isId(id)) throw invalidCursor();
  const date = parseIsoInstant(at);
  if (!date || date.toISOString() !== at) throw invalidCursor();
  return { at: date, id };
}

export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 50): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new DomainError('BAD_USER_INPUT', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return n;
}
