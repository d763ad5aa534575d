import { Badge, type BadgeTone } from '@/components/ui';
import type { FormalityState, FormalityTurn } from '@/lib/graphql/schema-types';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';

const STATE_TONES: Record<FormalityState, BadgeTone> = {
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

/** Where the formality stands, in the register's own words. */
export function FormalityStateBadge({ state }: { state: FormalityState }) {
  const { t } = useFormalitiesTranslation();
  return <Badge tone={STATE_TONES[state]}>{t(`states.${state}`)}</Badge>;
}

/** Whose turn it is: "À vous de jouer" stands out; "Clôturée" once the formality is over (no turn). */
export function FormalityTurnLabel({ turn }: { turn: FormalityTurn | null }) {
  const { t } = useFormalitiesTranslation();
  if (turn === 'CLIENT') {
    return (
      <span className="formality-turn formality-turn--client">
        <span className="formality-turn__dot" aria-hidden="true" />
        {t('turns.CLIENT')}
      </span>
    );
  }
  return (
    <span className={`formality-turn formality-turn--${turn === 'OPERATOR' ? 'operator' : 'over'}`}>
      {t(turn ? `turns.${turn}` : 'turns.OVER')}
    </span>
  );
}
