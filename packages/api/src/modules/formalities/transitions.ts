import { DomainError } from '../../common/domain-error';

export const FORMALITY_TYPES = [
  'TRANSFERT_SIEGE',
  'MODIFICATION_STATUTS',
  'CHANGEMENT_DIRIGEANT',
  'AUGMENTATION_CAPITAL',
  'DISSOLUTION',
  'OTHER',
] as const;
export type FormalityType = (typeof FORMALITY_TYPES)[number];

export const FORMALITY_STATES = [
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
] as const;
export type FormalityState = (typeof FORMALITY_STATES)[number];
export type FormalityTurn = 'CLIENT' | 'OPERATOR';

/**
 * The one table of the formality's life: for each state, whose turn it is (null once over) and
 * where it may go next. Anything else is refused with INVALID_TRANSITION. Regularisation is a
 * branch, not a step every formality goes through.
 */
export const FORMALITY_TRANSITIONS: Readonly<Record<FormalityState, { turn: FormalityTurn | null; next: readonly FormalityState[] }>> = {
  DRAFT: { turn: 'OPERATOR', next: ['INFORMATION_REQUESTED', 'UNDER_REVIEW', 'CANCELLED'] },
  INFORMATION_REQUESTED: { turn: 'CLIENT', next: ['UNDER_REVIEW', 'CANCELLED'] },
  UNDER_REVIEW: { turn: 'OPERATOR', next: ['INFORMATION_REQUESTED', 'AWAITING_SIGNATURE', 'FILED', 'CANCELLED'] },
  AWAITING_SIGNATURE: { turn: 'CLIENT', next: ['UNDER_REVIEW', 'FILED', 'CANCELLED'] },
  FILED: { turn: 'OPERATOR', next: ['AWAITING_VALIDATION'] },
  AWAITING_VALIDATION: { turn: 'OPERATOR', next: ['COMPLETED', 'REGULARISATION_REQUESTED', 'REJECTED'] },
  REGULARISATION_REQUESTED: { turn: 'CLIENT', next: ['INFORMATION_REQUESTED', 'UNDER_REVIEW', 'FILED'] },
  COMPLETED: { turn: null, next: [] },
  REJECTED: { turn: null, next: [] },
  CANCELLED: { turn: null, next: [] },
};

export const canTransition = (from: FormalityState, to: FormalityState): boolean => FORMALITY_TRANSITIONS[from].next.includes(to);

export const turnOf = (state: FormalityState): FormalityTurn | null => FORMALITY_TRANSITIONS[state].turn;

/** The list order: the client's turn first, then the operator's, then the formalities that are over. */
export const turnRankOf = (state: FormalityState): number => {
  const turn = turnOf(state);
  return turn === 'CLIENT' ? 0 : turn === 'OPERATOR' ? 1 : 2;
};

export const isOver = (state: FormalityState): boolean => FORMALITY_TRANSITIONS[state].next.length === 0;

/** Throws CONFLICT with `extensions.reason: INVALID_TRANSITION` unless the table allows the move. */
export function assertTransition(from: FormalityState, to: FormalityState): void {
  if (!canTransition(from, to)) {
    throw new DomainError('CONFLICT', `A formality cannot go from ${from} to ${to}.`, [], {
      reason: 'INVALID_TRANSITION',
      from,
      to,
      allowed: [...FORMALITY_TRANSITIONS[from].next],
    });
  }
}
