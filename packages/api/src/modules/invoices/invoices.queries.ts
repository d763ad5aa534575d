import { decodeCursor, encodeCursor } from '../../common/cursor';
import { toDate } from '../../common/dates';
import { DomainError } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { foldText } from '../mail/mail.validation';
import { likeContains } from '../mail/mail.queries';
import { parisYearBounds } from './calendar';
import type { Party, VatBreakdown } from './facturx/types';
import type { InvoiceKind, InvoiceStatus } from './invoice.entity';

/** The filters of an invoice list, an export, a count. All optional; they combine with AND. */
export interface InvoiceFilter {
  status?: InvoiceStatus | null;
  /** true: unpaid (DUE or PARTIALLY_PAID) and past the due date; false: anything else. */
  overdue?: boolean | null;
  kind?: InvoiceKind | null;
  /** Issued in this calendar year (Paris time). */
  year?: number | null;
  /** Text found in the number, the label, or the number of the invoice a credit note corrects. */
  search?: string | null;
}

export const MAX_SEARCH_LENGTH = 100;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** An invoice as lists and services return it. */
export interface InvoiceRow {
  id: string;
  companyId: string;
  kind: InvoiceKind;
  series: string;
  sequenceNumber: number;
  number: string;
  creditedInvoiceId: string | null;
  creditedInvoiceNumber: string | null;
  issuedAt: Date;
  issueDate: string;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  label: string;
  buyer: Party;
  netCents: number;
  vatCents: number;
  grossCents: number;
  vatBreakdown: VatBreakdown[];
  status: InvoiceStatus | null;
  paidCents: number;
  creditedCents: number;
  paidDate: string | null;
  pdfKey: string;
  pdfSize: number;
  pdfSha256: string;
  xmlKey: string;
  xmlSize: number;
  xmlSha256: string;
  billingPeriod: string | null;
  createdAt: Date;
}

export const INVOICE_COLUMNS = [
  'id',
  'company_id',
  'kind',
  'series',
  'sequence_number',
  'number',
  'credited_invoice_id',
  'credited_invoice_number',
  'issued_at',
  'issue_date',
  'due_date',
  'period_start',
  'period_end',
  'label',
  'buyer_json',
  'net_cents',
  'vat_cents',
  'gross_cents',
  'vat_breakdown_json',
  'status',
  'paid_cents',
  'credited_cents',
  'paid_date',
  'pdf_key',
  'pdf_size',
  'pdf_sha256',
  'xml_key',
  'xml_size',
  'xml_sha256',
  'billing_period',
  'created_at',
]
  .map((c) => `i.${c}`)
  .join(', ');

export interface RawInvoice {
  id: string;
  company_id: string;
  kind: string;
  series: string;
  sequence_number: number | string;
  number: string;
  credited_invoice_id: string | null;
  credited_invoice_number: string | null;
  issued_at: unknown;
  issue_date: string;
  due_date: string;
  period_start: string;
  period_end: string;
  label: string;
  buyer_json: string;
  net_cents: number | string;
  vat_cents: number | string;
  gross_cents: number | string;
  vat_breakdown_json: string;
  status: string | null;
  paid_cents: number | string;
  credited_cents: number | string;
  paid_date: string | null;
  pdf_key: string;
  pdf_size: number | string;
  pdf_sha256: string;
  xml_key: string;
  xml_size: number | string;
  xml_sha256: string;
  billing_period: string | null;
  created_at: unknown;
}

export function toInvoiceRow(r: RawInvoice): InvoiceRow {
  return {
    id: r.id,
    companyId: r.company_id,
    kind: r.kind as InvoiceKind,
    series: r.series,
    sequenceNumber: Number(r.sequence_number),
    number: r.number,
    creditedInvoiceId: r.credited_invoice_id,
    creditedInvoiceNumber: r.credited_invoice_number,
    issuedAt: toDate(r.issued_at),
    issueDate: r.issue_date,
    dueDate: r.due_date,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    label: r.label,
    buyer: JSON.parse(r.buyer_json) as Party,
    netCents: Number(r.net_cents),
    vatCents: Number(r.vat_cents),
    grossCents: Number(r.gross_cents),
    vatBreakdown: JSON.parse(r.vat_breakdown_json) as VatBreakdown[],
    status: r.status as InvoiceStatus | null,
    paidCents: Number(r.paid_cents),
    creditedCents: Number(r.credited_cents),
    paidDate: r.paid_date,
    pdfKey: r.pdf_key,
    pdfSize: Number(r.pdf_size),
    pdfSha256: r.pdf_sha256,
    xmlKey: r.xml_key,
    xmlSize: Number(r.xml_size),
    xmlSha256: r.xml_sha256,
    billingPeriod: r.billing_period,
    createdAt: toDate(r.created_at),
  };
}

/** What is still to be paid on an invoice (0 for a credit note). */
export const remainingOf = (r: Pick<InvoiceRow, 'kind' | 'grossCents' | 'paidCents' | 'creditedCents'>): number =>
  r.kind === 'INVOICE' ? Math.max(0, r.grossCents - r.paidCents - r.creditedCents) : 0;

/** Unpaid and past its due date (the day after the due date, Paris time). */
export const isOverdue = (r: Pick<InvoiceRow, 'status' | 'dueDate'>, today: string): boolean =>
  (r.status === 'DUE' || r.status === 'PARTIALLY_PAID') && r.dueDate < today;

/** Folded text for search: number, label and the corrected invoice's number. */
export function invoiceSearchText(number: string, label: string, creditedNumber: string | null): string {
  return foldText([number, creditedNumber ?? '', label].join(' ')).slice(0, 250);
}

/** Checks a filter's values, so that every query built from it is well-formed. */
export function normaliseFilter(filter: InvoiceFilter | null | undefined): InvoiceFilter {
  const f = filter ?? {};
  const search = f.search ? foldText(f.search) : '';
  if (search.length > MAX_SEARCH_LENGTH) throw new DomainError('BAD_USER_INPUT', `filter.search: at most ${MAX_SEARCH_LENGTH} characters.`);
  if (f.year !== null && f.year !== undefined && (!Number.isInteger(f.year) || f.year < MIN_YEAR || f.year > MAX_YEAR)) {
    throw new DomainError('BAD_USER_INPUT', `filter.year: a year between ${MIN_YEAR} and ${MAX_YEAR}.`);
  }
  return {
    status: f.status ?? null,
    overdue: f.overdue ?? null,
    kind: f.kind ?? null,
    year: f.year ?? null,
    search: search || null,
  };
}

export interface InvoiceWhere {
  sql: string;
  params: unknown[];
  /** The index that serves this filter in (issued_at, id) order, for MySQL's FORCE INDEX. */
  index: string;
}

/**
 * The WHERE clause of an invoice list (alias `i`): one company's, or every company's for the
 * operator (`companyId` null). `today` (Paris) decides what is overdue.
 */
export function invoiceWhere(
  kind: string,
  companyId: string | null,
  f: InvoiceFilter,
  today: string,
  extra: { createdUpTo?: Date } = {},
): InvoiceWhere {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (companyId) {
    clauses.push('i.company_id = ?');
    params.push(companyId);
  }
  let index = companyId ? 'ix_invoices_company_issued' : 'ix_invoices_issued';
  if (f.status) {
    clauses.push('i.status = ?');
    params.push(f.status);
    index = companyId ? 'ix_invoices_company_status' : 'ix_invoices_status';
  }
  if (f.overdue === true) {
    clauses.push("i.status IN ('DUE', 'PARTIALLY_PAID') AND i.due_date < ?");
    params.push(today);
  } else if (f.overdue === false) {
    clauses.push("(i.status IS NULL OR i.status NOT IN ('DUE', 'PARTIALLY_PAID') OR i.due_date >= ?)");
    params.push(today);
  }
  if (f.kind) {
    clauses.push('i.kind = ?');
    params.push(f.kind);
  }
  if (f.year) {
    const { from, to } = parisYearBounds(f.year);
    clauses.push('i.issued_at >= ? AND i.issued_at < ?');
    params.push(dbDate(kind, from), dbDate(kind, to));
  }
  if (f.search) {
    clauses.push("i.search_text LIKE ? ESCAPE '!'");
    params.push(likeContains(f.search));
    if (companyId) index = 'ix_invoices_company_issued';
  }
  if (extra.createdUpTo) {
    clauses.push('i.created_at <= ?');
    params.push(dbDate(kind, extra.createdUpTo));
  }
  return { sql: clauses.length > 0 ? clauses.join(' AND ') : '1 = 1', params, index };
}

/** `FROM invoices i`, with the index hint on MySQL/MariaDB (whose planner may otherwise scan). */
export function invoiceFrom(kind: string, index: string): string {
  return kind === 'mysql' ? `invoices i FORCE INDEX (${index})` : 'invoices i';
}

export interface InvoicePosition {
  issuedAt: Date;
  id: string;
}

export const invoiceCursor = (row: { issuedAt: Date; id: string }): string => encodeCursor([row.issuedAt.toISOString(), row.id]);

export function decodeInvoiceCursor(cursor: string): InvoicePosition {
  const [at, id] = decodeCursor(cursor, 2);
  const issuedAt = new Date(String(at));
  if (Number.isNaN(issuedAt.getTime()) || !isId(String(id))) {
    throw new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor returned by a previous page.');
  }
  return { issuedAt, id: String(id) };
}

/**
 * One page, newest first: `limit` rows after `position` (exclusive). With a text search the page's
 * ids are found in the covering index first (a scan of index entries, never of rows), then read.
 */
export function invoicePageQuery(
  kind: string,
  companyId: string | null,
  f: InvoiceFilter,
  today: string,
  position: InvoicePosition | null,
  limit: number,
  extra: { createdUpTo?: Date } = {},
): { sql: string; params: unknown[] } {
  const n = Math.trunc(limit);
  const where = invoiceWhere(kind, companyId, f, today, extra);
  const params = [...where.params];
  let keyset = '';
  if (position) {
    const at = dbDate(kind, position.issuedAt);
    keyset = ' AND (i.issued_at < ? OR (i.issued_at = ? AND i.id < ?))';
    params.push(at, at, position.id);
  }
  const order = 'ORDER BY i.issued_at DESC, i.id DESC';
  if (f.search && companyId) {
    const inner = `SELECT i.id FROM ${invoiceFrom(kind, where.index)} WHERE ${where.sql}${keyset} ${order} LIMIT ${n}`;
    return { sql: `SELECT ${INVOICE_COLUMNS} FROM (${inner}) page JOIN invoices i ON i.id = page.id ${order}`, params };
  }
  return {
    sql: `SELECT ${INVOICE_COLUMNS} FROM ${invoiceFrom(kind, where.index)} WHERE ${where.sql}${keyset} ${order} LIMIT ${n}`,
    params,
  };
}

/** COUNT(*) of a filter, or of at most `cap` rows when a cap is given. */
export function invoiceCountQuery(
  kind: string,
  companyId: string | null,
  f: InvoiceFilter,
  today: string,
  options: { cap?: number; createdUpTo?: Date } = {},
): { sql: string; params: unknown[] } {
  const where = invoiceWhere(kind, companyId, f, today, { createdUpTo: options.createdUpTo });
  if (options.cap !== undefined) {
    return {
      sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${invoiceFrom(kind, where.index)} WHERE ${where.sql} LIMIT ${Math.trunc(options.cap)}) capped`,
      params: where.params,
    };
  }
  return { sql: `SELECT COUNT(*) AS n FROM ${invoiceFrom(kind, where.index)} WHERE ${where.sql}`, params: where.params };
}
