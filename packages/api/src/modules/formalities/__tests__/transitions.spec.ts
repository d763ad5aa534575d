import { DomainError } from '../../../common/domain-error';
import {
  assertTransition,
  canTransition,
  FORMALITY_STATES,
  FORMALITY_TRANSITIONS,
  isOver,
  turnOf,
  turnRankOf,
  type FormalityState,
} from '../transitions';

/** The allowed moves, written out once more by hand: the table in code must say exactly this. */
const EXPECTED: Record<FormalityState, FormalityState[]> = {
  DRAFT: ['INFORMATION_REQUESTED', 'UNDER_REVIEW', 'CANCELLED'],
  INFORMATION_REQUESTED: ['UNDER_REVIEW', 'CANCELLED'],
  UNDER_REVIEW: ['INFORMATION_REQUESTED', 'AWAITING_SIGNATURE', 'FILED', 'CANCELLED'],
  AWAITING_SIGNATURE: ['UNDER_REVIEW', 'FILED', 'CANCELLED'],
  FILED: ['AWAITING_VALIDATION'],
  AWAITING_VALIDATION: ['COMPLETED', 'REGULARISATION_REQUESTED', 'REJECTED'],
  REGULARISATION_REQUESTED: ['INFORMATION_REQUESTED', 'UNDER_REVIEW', 'FILED'],
  COMPLETED: [],
  REJECTED: [],
  CANCELLED: [],
};

describe('the formality transitions table', () => {
  const pairs = FORMALITY_STATES.flatMap((from) => FORMALITY_STATES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s is allowed exactly when the table says so', (from, to) => {
    const allowed = EXPECTED[from].includes(to);
    expect(canTransition(from, to)).toBe(allowed);
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      let error: unknown;
      try {
        assertTransition(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('CONFLICT');
      expect((error as DomainError).extra).toMatchObject({ reason: 'INVALID_TRANSITION', from, to });
    }
  });

  it('covers every state', () => {
    expect(Object.keys(FORMALITY_TRANSITIONS).sort()).toEqual([...FORMALITY_STATES].sort());
  });

  it('says whose turn it is, the client first in lists, nobody once over', () => {
    expect(turnOf('INFORMATION_REQUESTED')).toBe('CLIENT');
    expect(turnOf('AWAITING_SIGNATURE')).toBe('CLIENT');
    expect(turnOf('REGULARISATION_REQUESTED')).toBe('CLIENT');
    expect(turnOf('DRAFT')).toBe('OPERATOR');
    expect(turnOf('UNDER_REVIEW')).toBe('OPERATOR');
    expect(turnOf('FILED')).toBe('OPERATOR');
    for (const s of ['COMPLETED', 'REJECTED', 'CANCELLED'] as const) {
      expect(turnOf(s)).toBeNull();
      expect(isOver(s)).toBe(true);
      expect(turnRankOf(s)).toBe(2);
    }
    expect(turnRankOf('INFORMATION_REQUESTED')).toBeLessThan(turnRankOf('UNDER_REVIEW'));
  });

  it('never skips a state: DRAFT cannot be filed or completed directly', () => {
    expect(canTransition('DRAFT', 'FILED')).toBe(false);
    expect(canTransition('DRAFT', 'COMPLETED')).toBe(false);
    expect(canTransition('FILED', 'COMPLETED')).toBe(false);
  });
});
