import type { DateErrorCode } from './codes';

/**
 * A range of days (`YYYY-MM-DD`, compared as text) or of instants, each end optional: refused when
 * it starts after it ends (`DATE_RANGE_INVERTED`), never put right silently. One day (both ends
 * equal) is a valid range.
 */
export function dateRangeError(from: string | Date | null | undefined, to: string | Date | null | undefined): DateErrorCode | null {
  if (!from || !to) return null;
  const start = from instanceof Date ? from.getTime() : from;
  const end = to instanceof Date ? to.getTime() : to;
  return start > end ? 'DATE_RANGE_INVERTED' : null;
}
