import type { FormalityFilter, FormalityState } from '@/lib/graphql/schema-types';

/** The states, in the order of a formality's life (the filter offers them so). */
export const FORMALITY_STATES: readonly FormalityState[] = [
  'DRAFT',
  'INFORMATION_REQUESTED',
  'UNDER_REVIEW',
  'AWAITING_SIGNATURE',
  'FILED',
  'AWAITING_VALIDATION',
  'REGULARISATION_REQUESTED',
  'COMPLETED',
  'REJECTED',
  'CANCELLED',
];

/** How many formalities a page (and each "Charger plus") brings. */
export const PAGE_SIZE = 25;

/**
 * The filter of Services as the URL carries it (`?state=AWAITING_SIGNATURE`), so a filtered list
 * can be shared, reloaded and walked through with the back button.
 */
export interface FormalityFilters {
  state: FormalityState | null;
}

export const EMPTY_FILTERS: FormalityFilters = { state: null };

const isState = (value: string | null): value is FormalityState => FORMALITY_STATES.includes(value as FormalityState);

/** Reads the filter from the URL; anything malformed is ignored rather than sent to the API. */
export function readFilters(params: URLSearchParams): FormalityFilters {
  const state = params.get('state');
  return { state: isState(state) ? state : null };
}

/** `current` with the filter replaced by `filters` (other parameters are kept). */
export function writeFilters(current: URLSearchParams, filters: FormalityFilters): URLSearchParams {
  const next = new URLSearchParams(current);
  next.delete('state');
  if (filters.state) next.set('state', filters.state);
  return next;
}

export function hasFilters(filters: FormalityFilters): boolean {
  return filters.state !== null;
}

/** The API's filter (null when there is none, so the unfiltered list is one cache entry). */
export function toApiFilter(filters: FormalityFilters): FormalityFilter | null {
  return filters.state ? { state: filters.state } : null;
}
