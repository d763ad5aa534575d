import { parisDay } from '../mail/mail.labels';

/**
 * Calendar arithmetic of invoices. Invoice dates (issue, due, service period, payments) are days
 * in Paris time written `YYYY-MM-DD`, which sort and compare as text on every database.
 */

export { parisDay };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A real calendar day written `YYYY-MM-DD`. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `day` plus `n` days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The instant Paris's clocks show 00:00 on `day` (23:00 or 22:00 UTC the day before). */
export function parisMidnight(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Paris is UTC+1 or UTC+2: of the two candidates, the one whose Paris day is `day` at 00:xx.
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(utcMidnight - offsetHours * 3_600_000);
    if (parisDay(candidate) === day && parisDay(new Date(candidate.getTime() - 1)) !== day) return candidate;
  }
  return new Date(utcMidnight - 3_600_000);
}

/** `[start, end)` instants of a calendar year in Paris. */
export function parisYearBounds(year: number): { from: Date; to: Date } {
  return { from: parisMidnight(`${year}-01-01`), to: parisMidnight(`${year + 1}-01-01`) };
}

/** `2026-03` for a monthly period; the month of `now` in Paris by default. */
export function monthOf(now: Date): string {
  return parisDay(now).slice(0, 7);
}

export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/** Months from `a` to `b` (`2026-01` → `2026-03` is 2). */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}

/** The month `n` months after `period` (`n` may be negative). */
export function addMonths(period: string, n: number): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const date = new Date(Date.UTC(y, m - 1 + n, 1));
  return date.toISOString().slice(0, 7);
}

/** First and last day of a month (`2026-02` → 2026-02-01 … 2026-02-28). */
export function monthDays(period: string): { start: string; end: string } {
  const start = `${period}-01`;
  return { start, end: addDays(`${addMonths(period, 1)}-01`, -1) };
}

const MONTH_FR = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-03` → `mars 2026`. */
export function monthLabelFr(period: string): string {
  return MONTH_FR.format(new Date(`${period}-01T12:00:00Z`));
}

/** `2026-03-31` → `31/03/2026`, the French way (emails, CSV). */
export function frenchDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}
