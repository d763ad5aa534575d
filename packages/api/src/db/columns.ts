import type { ValueTransformer } from 'typeorm';

/** Sets of enum-like strings stored as one comma-separated column, e.g. "COURRIER,FACTURATION". */
export function csvSet<T extends string>(): ValueTransformer {
  return {
    to: (value: readonly T[] | null | undefined): string => (value ?? []).join(','),
    from: (value: string | null | undefined): T[] => (value ? (value.split(',').filter(Boolean) as T[]) : []),
  };
}

/** Datetime with milliseconds on MySQL/MariaDB; SQLite stores the same as text. */
export const DATETIME = { type: 'datetime', precision: 3 } as const;

/**
 * A Date as a query parameter. mysql2 binds Date itself (in UTC, timezone 'Z'); SQLite stores
 * DATETIME as 'YYYY-MM-DD HH:MM:SS.SSS' UTC text, which is what it must be compared with.
 */
export function dbDate(kind: string, d: Date): Date | string {
  return kind === 'mysql' ? d : d.toISOString().replace('T', ' ').replace('Z', '');
}
