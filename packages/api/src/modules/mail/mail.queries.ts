import { dateRangeError } from '@guichet/shared';
import { decodeKeysetCursor, encodeCursor } from '../../common/cursor';
import { toDate } from '../../common/dates';
import { DomainError } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import type { MailStatus, MailType } from './mail-item.entity';
import { foldText, MAX_SEARCH_LENGTH } from './mail.validation';

/** The filters of a mail list, an export and a count. All optional; they combine with AND. */
export interface MailFilter {
  /** Items carrying any of these tags. */
  tagIds?: readonly string[] | null;
  type?: MailType | null;
  status?: MailStatus | null;
  /** Inclusive lower bound on receivedAt. */
  receivedFrom?: Date | null;
  /** Exclusive upper bound on receivedAt. */
  receivedTo?: Date | null;
  /** Words found in the sender or the recipient, ignoring case and accents. */
  search?: string | null;
}

/** A mail item as lists return it (no search text). */
export interface MailItemRow {
  id: string;
  companyId: string;
  receivedAt: Date;
  sender: string;
  recipient: string;
  type: MailType;
  pageCount: number;
  status: MailStatus;
  fileKey: string;
  fileSize: number;
  fileSha256: string;
  createdAt: Date;
}

export const MAIL_ITEM_COLUMNS =
  'mi.id, mi.company_id, mi.received_at, mi.sender, mi.recipient, mi.type, mi.page_count, mi.status, mi.file_key, mi.file_size, mi.file_sha256, mi.created_at';

interface RawMailItem {
  id: string;
  company_id: string;
  received_at: unknown;
  sender: string;
  recipient: string;
  type: string;
  page_count: number | string;
  status: string;
  file_key: string;
  file_size: number | string;
  file_sha256: string;
  created_at: unknown;
}

export function toMailItemRow(r: RawMailItem): MailItemRow {
  return {
    id: r.id,
    companyId: r.company_id,
    receivedAt: toDate(r.received_at),
    sender: r.sender,
    recipient: r.recipient,
    type: r.type as MailType,
    pageCount: Number(r.page_count),
    status: r.status as MailStatus,
    fileKey: r.file_key,
    fileSize: Number(r.file_size),
    fileSha256: r.file_sha256,
    createdAt: toDate(r.created_at),
  };
}

export const MAX_FILTER_TAGS = 50;

export type DbKind = string;

/** LIKE pattern with `!` as the escape character (works on MySQL/MariaDB and SQLite). */
export const likeContains = (term: string): string => `%${term.replace(/[!%_]/g, '!$&')}%`;

export interface MailWhere {
  sql: string;
  params: unknown[];
  /** The index that serves this filter in (received_at, id) order, for MySQL's FORCE INDEX. */
  index: string;
}

/** Checks a filter's values, so that every query built from it is well-formed. */
export function normaliseFilter(filter: MailFilter | null | undefined): MailFilter {
  const f = filter ?? {};
  const tagIds = f.tagIds ? [...new Set(f.tagIds)] : null;
  if (tagIds && tagIds.length > MAX_FILTER_TAGS) throw new DomainError('BAD_USER_INPUT', `Filter on at most ${MAX_FILTER_TAGS} tags.`);
  if (tagIds && !tagIds.every(isId)) throw new DomainError('BAD_USER_INPUT', 'filter.tagIds: not a tag id.');
  const search = f.search ? foldText(f.search) : '';
  if (search.length > MAX_SEARCH_LENGTH) throw new DomainError('BAD_USER_INPUT', `filter.search: at most ${MAX_SEARCH_LENGTH} characters.`);
  for (const [name, d] of [
    ['receivedFrom', f.receivedFrom],
    ['receivedTo', f.receivedTo],
  ] as const) {
    if (d && Number.isNaN(d.getTime())) throw new DomainError('BAD_USER_INPUT', `filter.${name}: not a date.`);
  }
  // The shared rule of date ranges: a range typed backwards is refused, never read the other way round.
  if (dateRangeError(f.receivedFrom, f.receivedTo)) {
    throw new DomainError('BAD_USER_INPUT', 'filter.receivedTo: before filter.receivedFrom.');
  }
  return {
    tagIds: tagIds && tagIds.length > 0 ? tagIds : null,
    type: f.type ?? null,
    status: f.status ?? null,
    receivedFrom: f.receivedFrom ?? null,
    receivedTo: f.receivedTo ?? null,
    search: search || null,
  };
}

/**
 * The WHERE clause of a company's mail list (alias `mi`), tags aside. Every filter keeps the
 * (company_id[, status|type], received_at, id) index usable for the keyset order. `dates` names
 * the column the date range applies to (`mt.received_at` when the list is driven by tags).
 */
export function mailWhere(kind: DbKind, companyId: string, f: MailFilter, extra: { createdUpTo?: Date; dates?: string } = {}): MailWhere {
  const clauses = ['mi.company_id = ?'];
  const params: unknown[] = [companyId];
  const dates = extra.dates ?? 'mi.received_at';
  let index = 'ix_mail_items_company_received';
  if (f.status) {
    clauses.push('mi.status = ?');
    params.push(f.status);
    index = 'ix_mail_items_company_status';
  }
  if (f.type) {
    clauses.push('mi.type = ?');
    params.push(f.type);
    if (!f.status) index = 'ix_mail_items_company_type';
  }
  if (f.receivedFrom) {
    clauses.push(`${dates} >= ?`);
    params.push(dbDate(kind, f.receivedFrom));
  }
  if (f.receivedTo) {
    clauses.push(`${dates} < ?`);
    params.push(dbDate(kind, f.receivedTo));
  }
  if (f.search) {
    clauses.push("mi.search_text LIKE ? ESCAPE '!'");
    params.push(likeContains(f.search));
    // The one index that holds search_text (with status and type): scanning it reads no row.
    index = 'ix_mail_items_company_received';
  }
  if (extra.createdUpTo) {
    clauses.push('mi.created_at <= ?');
    params.push(dbDate(kind, extra.createdUpTo));
  }
  return { sql: clauses.join(' AND '), params, index };
}

/** `FROM mail_items mi`, with the index hint on MySQL/MariaDB (whose planner may otherwise scan). */
export function mailFrom(kind: DbKind, index: string): string {
  return kind === 'mysql' ? `mail_items mi FORCE INDEX (${index})` : 'mail_items mi';
}

/**
 * `mail_item_tags mt` joined to `mail_items mi`, read in (received_at, id) order from the tag's
 * index: the join order and the index are forced (STRAIGHT_JOIN and FORCE INDEX on MySQL/MariaDB,
 * CROSS JOIN on SQLite), so a rare tag costs a seek, not a scan of the company's mail.
 */
function tagJoin(kind: DbKind): string {
  return kind === 'mysql'
    ? 'mail_item_tags mt FORCE INDEX (ix_mail_item_tags_tag) STRAIGHT_JOIN mail_items mi ON mi.id = mt.mail_item_id'
    : 'mail_item_tags mt CROSS JOIN mail_items mi ON mi.id = mt.mail_item_id';
}

export interface KeysetPosition {
  receivedAt: Date;
  id: string;
}

export const mailCursor = (row: { receivedAt: Date; id: string }): string => encodeCursor([row.receivedAt.toISOString(), row.id]);

export function decodeMailCursor(cursor: string): KeysetPosition {
  const { at, id } = decodeKeysetCursor(cursor);
  return { receivedAt: at, id };
}

const keyset = (kind: DbKind, at: string, id: string, position: KeysetPosition): { sql: string; params: unknown[] } => {
  const when = dbDate(kind, position.receivedAt);
  return { sql: `(${at} < ? OR (${at} = ? AND ${id} < ?))`, params: [when, when, position.id] };
};

/**
 * One page, newest first: `limit` rows after `position` (exclusive). With a tag filter, each tag
 * gives its own first `limit` matches from its index, and the union's first `limit` are the page.
 */
export function mailPageQuery(
  kind: DbKind,
  companyId: string,
  f: MailFilter,
  position: KeysetPosition | null,
  limit: number,
  extra: { createdUpTo?: Date } = {},
): { sql: string; params: unknown[] } {
  const n = Math.trunc(limit);
  if (f.tagIds && f.tagIds.length > 0) {
    const params: unknown[] = [];
    const branches = f.tagIds.map((tagId, i) => {
      const where = mailWhere(kind, companyId, f, { ...extra, dates: 'mt.received_at' });
      let sql = `SELECT ${MAIL_ITEM_COLUMNS} FROM ${tagJoin(kind)} WHERE mt.tag_id = ? AND mt.company_id = ? AND ${where.sql}`;
      params.push(tagId, companyId, ...where.params);
      if (position) {
        const k = keyset(kind, 'mt.received_at', 'mt.mail_item_id', position);
        sql += ` AND ${k.sql}`;
        params.push(...k.params);
      }
      return `SELECT * FROM (${sql} ORDER BY mt.received_at DESC, mt.mail_item_id DESC LIMIT ${n}) t${i}`;
    });
    // UNION (not UNION ALL): an item carrying two of the tags appears once.
    return { sql: `SELECT * FROM (${branches.join(' UNION ')}) mi ORDER BY mi.received_at DESC, mi.id DESC LIMIT ${n}`, params };
  }
  if (f.search && !extra.createdUpTo) {
    // Text search: the page's ids are found in the (company_id, received_at, id, status, type,
    // search_text) index alone — a scan of index entries, never of rows — then the rows are read.
    const where = mailWhere(kind, companyId, f);
    let inner = `SELECT mi.id FROM ${mailFrom(kind, 'ix_mail_items_company_received')} WHERE ${where.sql}`;
    const params = [...where.params];
    if (position) {
      const k = keyset(kind, 'mi.received_at', 'mi.id', position);
      inner += ` AND ${k.sql}`;
      params.push(...k.params);
    }
    inner += ` ORDER BY mi.received_at DESC, mi.id DESC LIMIT ${n}`;
    return {
      sql: `SELECT ${MAIL_ITEM_COLUMNS} FROM (${inner}) page JOIN mail_items mi ON mi.id = page.id ORDER BY mi.received_at DESC, mi.id DESC`,
      params,
    };
  }
  const where = mailWhere(kind, companyId, f, extra);
  let sql = `SELECT ${MAIL_ITEM_COLUMNS} FROM ${mailFrom(kind, where.index)} WHERE ${where.sql}`;
  const params = [...where.params];
  if (position) {
    const k = keyset(kind, 'mi.received_at', 'mi.id', position);
    sql += ` AND ${k.sql}`;
    params.push(...k.params);
  }
  sql += ` ORDER BY mi.received_at DESC, mi.id DESC LIMIT ${n}`;
  return { sql, params };
}

/** COUNT(*) of a filter, or of at most `cap` rows when a cap is given (cheap "more than N" checks). */
export function mailCountQuery(
  kind: DbKind,
  companyId: string,
  f: MailFilter,
  options: { cap?: number; createdUpTo?: Date } = {},
): { sql: string; params: unknown[] } {
  const cap = options.cap !== undefined ? ` LIMIT ${Math.trunc(options.cap)}` : '';
  if (f.tagIds && f.tagIds.length > 0) {
    const tagList = f.tagIds.map(() => '?').join(', ');
    if (!f.status && !f.type && !f.search && !options.createdUpTo) {
      // Tags and dates only: the tag index answers alone.
      const clauses = [`mt.tag_id IN (${tagList})`, 'mt.company_id = ?'];
      const params: unknown[] = [...f.tagIds, companyId];
      if (f.receivedFrom) {
        clauses.push('mt.received_at >= ?');
        params.push(dbDate(kind, f.receivedFrom));
      }
      if (f.receivedTo) {
        clauses.push('mt.received_at < ?');
        params.push(dbDate(kind, f.receivedTo));
      }
      return {
        sql: `SELECT COUNT(*) AS n FROM (SELECT DISTINCT mt.mail_item_id FROM mail_item_tags mt WHERE ${clauses.join(' AND ')}${cap}) matched`,
        params,
      };
    }
    const where = mailWhere(kind, companyId, f, { createdUpTo: options.createdUpTo, dates: 'mt.received_at' });
    const inner = `SELECT DISTINCT mt.mail_item_id FROM ${tagJoin(kind)}
      WHERE mt.tag_id IN (${tagList}) AND mt.company_id = ? AND ${where.sql}${cap}`;
    return { sql: `SELECT COUNT(*) AS n FROM (${inner}) matched`, params: [...f.tagIds, companyId, ...where.params] };
  }
  const where = mailWhere(kind, companyId, f, { createdUpTo: options.createdUpTo });
  if (cap) {
    return {
      sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${mailFrom(kind, where.index)} WHERE ${where.sql}${cap}) capped`,
      params: where.params,
    };
  }
  return { sql: `SELECT COUNT(*) AS n FROM ${mailFrom(kind, where.index)} WHERE ${where.sql}`, params: where.params };
}
