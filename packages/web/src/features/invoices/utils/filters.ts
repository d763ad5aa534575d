import type { InvoiceFilter, InvoiceStatus } from '@/lib/graphql/schema-types';

/**
 * The "Statut" filter: a payment status, or the two views people ask for that are not one:
 * the overdue invoices (unpaid past their due date, derived by the API) and the credit notes.
 */
export type StatusFilter = InvoiceStatus | 'OVERDUE' | 'CREDIT_NOTE';

/** In the order the filter offers them. */
export const STATUS_FILTERS: readonly StatusFilter[] = ['DUE', 'OVERDUE', 'PARTIALLY_PAID', 'PAID', 'CREDITED', 'CREDIT_NOTE'];

/** How many invoices a page (and each "Charger plus") brings. */
export const PAGE_SIZE = 25;

/** How many years the "Année" filter offers, this one included. */
export const YEARS_OFFERED = 6;

/**
 * The filters of Factures as the URL carries them, so a filtered list can be shared, reloaded and
 * walked through with the back button: `?q=F2026&status=OVERDUE&year=2026`.
 */
export interface InvoiceFilters {
  search: string;
  status: StatusFilter | null;
  year: number | null;
}

export const FILTER_PARAMS = ['q', 'status', 'year'] as const;

export const EMPTY_FILTERS: InvoiceFilters = { search: '', status: null, year: null };

const MAX_SEARCH = 100;

function parseYear(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** Reads the filters from the URL; anything malformed is ignored rather than sent to the API. */
export function readFilters(params: URLSearchParams): InvoiceFilters {
  const status = params.get('status');
  return {
    search: (params.get('q') ?? '').trim().slice(0, MAX_SEARCH),
    status: STATUS_FILTERS.includes(status as StatusFilter) ? (status as StatusFilter) : null,
    year: parseYear(params.get('year')),
  };
}

/** `current` with the filters replaced by `filters` (other parameters are kept). */
export function writeFilters(current: URLSearchParams, filters: InvoiceFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const name of FILTER_PARAMS) next.delete(name);
  if (filters.search.trim()) next.set('q', filters.search.trim());
  if (filters.status) next.set('status', filters.status);
  if (filters.year) next.set('year', String(filters.year));
  return next;
}

export function hasFilters(filters: InvoiceFilters): boolean {
  return Boolean(filters.search || filters.status || filters.year);
}

/** The API's filter (null when there is none, so the unfiltered list is one cache entry). */
export function toApiFilter(filters: InvoiceFilters): InvoiceFilter | null {
  if (!hasFilters(filters)) return null;
  const filter: InvoiceFilter = {};
  if (filters.search) filter.search = filters.search;
  if (filters.status === 'OVERDUE') filter.overdue = true;
  else if (filters.status === 'CREDIT_NOTE') filter.kind = 'CREDIT_NOTE';
  else if (filters.status) filter.status = filters.status;
  if (filters.year) filter.year = filters.year;
  return filter;
}

/** The years the filter offers: this one and the five before, plus the URL's when older. */
export function yearChoices(selected: number | null, now: Date = new Date()): number[] {
  const current = now.getFullYear();
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => current - index);
  if (selected && !years.includes(selected)) years.push(selected);
  return years.sort((a, b) => b - a);
}
