import type { BadgeTone } from '@/components/ui';
import type { FormalityState, FormalityTurn, InformationRequestStatus } from '@/lib/graphql/schema-types';

/** How the formalities pages show states, turns and fingerprints. */

export const STATE_TONES: Readonly<Record<FormalityState, BadgeTone>> = {
  DRAFT: 'neutral',
  INFORMATION_REQUESTED: 'warning',
  UNDER_REVIEW: 'info',
  AWAITING_SIGNATURE: 'warning',
  FILED: 'info',
  AWAITING_VALIDATION: 'info',
  REGULARISATION_REQUESTED: 'warning',
  COMPLETED: 'success',
  REJECTED: 'danger',
  CANCELLED: 'neutral',
};

/** The client's turn is what the operator waits for; ours is what to do next. */
export const TURN_TONES: Readonly<Record<FormalityTurn, BadgeTone>> = { CLIENT: 'neutral', OPERATOR: 'info' };

export const REQUEST_STATUS_TONES: Readonly<Record<InformationRequestStatus, BadgeTone>> = {
  OPEN: 'warning',
  ANSWERED: 'info',
  ACCEPTED: 'success',
};

/** The states in the order of a formality's life, for the filter. */
export const STATE_ORDER: readonly FormalityState[] = [
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

/** A hex SHA-256 shortened for a table: its first 12 characters (the whole value stays in a title). */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}

/** An instant as evidence shows it: `2026-11-20 09:30:12` in UTC, whatever the browser's time zone. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
}

/**
 * A tab opened at once (within the click, so no pop-up blocker refuses it) for a link the API is
 * still making; null when the browser refused it, then the link opens in this tab.
 */
export function openPendingTab(): Window | null {
  try {
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    return tab;
  } catch {
    return null;
  }
}

/** Sends the pending tab (or this one) to the link. */
export function showLink(tab: Window | null, url: string): void {
  if (tab && !tab.closed) tab.location.replace(url);
  else window.location.assign(url);
}
