import { dateRangeError } from '@guichet/shared';
import type { MailFilter, MailStatus, MailType } from '@/lib/graphql/schema-types';

/** In the order the filters offer them. */
export const MAIL_TYPES: readonly MailType[] = ['LETTER', 'REGISTERED', 'ADMINISTRATIVE', 'PARCEL', 'ADVERTISING'];
export const MAIL_STATUSES: readonly MailStatus[] = ['SCANNED', 'FORWARD_REQUESTED', 'FORWARDED', 'ARCHIVED'];

/** Items in these states can be asked to be forwarded (the API refuses the others). */
export const FORWARDABLE_STATUSES: readonly MailStatus[] = ['SCANNED', 'ARCHIVED'];

/** How many items a page (and each "Charger plus") brings. */
export const PAGE_SIZE = 25;

/**
 * The filters of Mes courriers as the URL carries them, so a filtered list can be shared, reloaded
 * and walked through with the back button: `?q=urssaf&type=REGISTERED&status=SCANNED&tag=<id>&from=2025-03-01&to=2025-03-31`.
 * Dates are calendar days in the person's time zone, both ends included.
 */
export interface MailFilters {
  search: string;
  type: MailType | null;
  status: MailStatus | null;
  tagIds: string[];
  from: string | null;
  to: string | null;
}

export const FILTER_PARAMS = ['q', 'type', 'status', 'tag', 'from', 'to'] as const;

export const EMPTY_FILTERS: MailFilters = { search: '', type: null, status: null, tagIds: [], from: null, to: null };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The API's ids are UUIDs; it refuses anything else in a filter, so the URL's are checked first. */
const TAG_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_FILTER_TAGS = 50;

/** A `YYYY-MM-DD` that is a real day (not 2025-02-30), else null. */
export function parseDay(value: string | null | undefined): string | null {
  const match = DAY.exec(value ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? (value as string) : null;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return values.includes(value as T) ? (value as T) : null;
}

/** Reads the filters from the URL; anything malformed is ignored rather than sent to the API. */
export function readFilters(params: URLSearchParams): MailFilters {
  return {
    search: (params.get('q') ?? '').trim().slice(0, 100),
    type: oneOf(MAIL_TYPES, params.get('type')),
    status: oneOf(MAIL_STATUSES, params.get('status')),
    tagIds: [...new Set(params.getAll('tag').map((id) => id.toLowerCase()))].filter((id) => TAG_ID.test(id)).slice(0, MAX_FILTER_TAGS),
    from: parseDay(params.get('from')),
    to: parseDay(params.get('to')),
  };
}

/**
 * `current` with the filters replaced by `filters` (other parameters such as the open tab are kept;
 * the open preview is closed, since it may not belong to the new list).
 */
export function writeFilters(current: URLSearchParams, filters: MailFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of [...FILTER_PARAMS, 'item']) next.delete(name);
  if (filters.search.trim()) next.set('q', filters.search.trim());
  if (filters.type) next.set('type', filters.type);
  if (filters.status) next.set('status', filters.status);
  for (const id of filters.tagIds) next.append('tag', id);
  if (filters.from) next.set('from', filters.from);
  if (filters.to) next.set('to', filters.to);
  return next;
}

export function hasFilters(filters: MailFilters): boolean {
  return Boolean(filters.search || filters.type || filters.status || filters.tagIds.length > 0 || filters.from || filters.to);
}

/** Midnight at the start of `day` in the browser's time zone, as an instant. */
function startOfDay(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

/**
 * The API's filter: days become instants (from the start of `from` to the end of `to`, the API's
 * upper bound being exclusive). A range that ends before it starts (a link typed by hand) is left
 * out, never turned round: the date fields say what is wrong with it, and the API would refuse it.
 */
export function toApiFilter(filters: MailFilters): MailFilter | null {
  const inverted = dateRangeError(filters.from, filters.to) !== null;
  const from = inverted ? null : filters.from;
  const to = inverted ? null : filters.to;
  if (!hasFilters({ ...filters, from, to })) return null;
  const filter: MailFilter = {};
  if (filters.search) filter.search = filters.search;
  if (filters.type) filter.type = filters.type;
  if (filters.status) filter.status = filters.status;
  if (filters.tagIds.length > 0) filter.tagIds = filters.tagIds;
  if (from) filter.receivedFrom = startOfDay(from);
  if (to) filter.receivedTo = startOfDay(to, 1);
  return filter;
}

/** Today as `YYYY-MM-DD` in the browser's time zone (the `max` of the date fields). */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
