import type { EntityManager } from 'typeorm';
import { toDate } from '../../common/dates';
import type { InvoiceKind } from './invoice.entity';

/** Series prefixes: `F` for invoices, `A` (avoir) for credit notes, then the year: `F2026`, `A2026`. */
export const SERIES_PREFIX: Readonly<Record<InvoiceKind, string>> = { INVOICE: 'F', CREDIT_NOTE: 'A' };

export const seriesOf = (kind: InvoiceKind, year: string): string => `${SERIES_PREFIX[kind]}${year}`;

/** `F2026-000123`: six digits at least, so numbers sort as text within a year. */
export const formatNumber = (series: string, n: number): string => `${series}-${String(n).padStart(6, '0')}`;

export interface AllocatedNumber {
  series: string;
  sequenceNumber: number;
  number: string;
  /** `now`, or the previous issue's instant when that is later: a series is never dated backwards. */
  issuedAt: Date;
}

/**
 * Gives the next number of a series, inside the issuing transaction. One statement creates the
 * series' row or increments it, taking the row's exclusive lock (MySQL/MariaDB: `INSERT … ON
 * DUPLICATE KEY UPDATE` locks the row, even when two transactions create it at once; SQLite has
 * one writer). Concurrent issues of the series wait here until this transaction ends, so numbers
 * follow commit order; a rollback gives the number back. Never a gap, never a duplicate.
 */
export async function allocateNumber(em: EntityManager, db: string, series: string, now: Date): Promise<AllocatedNumber> {
  const at = db === 'mysql' ? now : now.toISOString().replace('T', ' ').replace('Z', '');
  const upsert =
    db === 'mysql'
      ? 'INSERT INTO invoice_sequences (series, last_number, last_issued_at) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE last_number = last_number + 1'
      : 'INSERT INTO invoice_sequences (series, last_number, last_issued_at) VALUES (?, 1, ?) ON CONFLICT (series) DO UPDATE SET last_number = last_number + 1';
  await em.query(upsert, [series, at]);
  const rows: { last_number: number | string; last_issued_at: unknown }[] = await em.query(
    'SELECT last_number, last_issued_at FROM invoice_sequences WHERE series = ?',
    [series],
  );
  const row = rows[0];
  if (!row) throw new Error(`invoice sequence ${series} vanished`);
  const sequenceNumber = Number(row.last_number);
  const previous = toDate(row.last_issued_at);
  const issuedAt = previous.getTime() > now.getTime() ? previous : now;
  if (issuedAt !== previous) {
    await em.query('UPDATE invoice_sequences SET last_issued_at = ? WHERE series = ?', [
      db === 'mysql' ? issuedAt : issuedAt.toISOString().replace('T', ' ').replace('Z', ''),
      series,
    ]);
  }
  return { series, sequenceNumber, number: formatNumber(series, sequenceNumber), issuedAt };
}
