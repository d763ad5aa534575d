/**
 * Raw queries return DATETIME columns as Date on MySQL (UTC, timezone 'Z') and as
 * 'YYYY-MM-DD HH:MM:SS.SSS' UTC text on SQLite. Both become a Date here.
 */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === 'string') {
    const iso = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
    return new Date(iso);
  }
  throw new Error(`Not a date: ${String(value)}`);
}

export const addMinutes = (d: Date, minutes: number): Date => new Date(d.getTime() + minutes * 60_000);
export const addHours = (d: Date, hours: number): Date => addMinutes(d, hours * 60);
