import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import type { FormalityQuery } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';

type FormalityEventItem = NonNullable<NonNullable<FormalityQuery['company']>['formality']>['timeline'][number];

const KNOWN_KINDS = [
  'OPENED',
  'REQUEST_ADDED',
  'ANSWERED',
  'ANSWER_ACCEPTED',
  'ANSWER_REJECTED',
  'DOCUMENT_DELIVERED',
  'STATE_CHANGED',
  'SIGNATURE_REQUESTED',
  'SIGNED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_LOCKED',
  'SIGNATURE_CANCELLED',
] as const;
type KnownKind = (typeof KNOWN_KINDS)[number];
const isKnown = (kind: string): kind is KnownKind => (KNOWN_KINDS as readonly string[]).includes(kind);

/** Every step of the formality, oldest first: what happened, who did it, when, and what it is about. */
export function FormalityTimeline({ events }: { events: readonly FormalityEventItem[] }) {
  const { t, i18n } = useFormalitiesTranslation();
  const locale = localeOf(i18n);
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;

  const who = (event: FormalityEventItem) => {
    if (event.byOperator) return event.actorName ? t('timeline.operatorNamed', { name: event.actorName }) : t('timeline.operator');
    return event.actorName ?? t('timeline.system');
  };
  const what = (event: FormalityEventItem) => {
    const label = t(`timeline.kinds.${isKnown(event.kind) ? event.kind : 'OTHER'}`);
    if (event.kind === 'STATE_CHANGED' && event.toState) return t('timeline.stateChanged', { state: t(`states.${event.toState}`) });
    return label;
  };

  return (
    <ol className="formality-timeline" aria-label={t('timeline.label')}>
      {events.map((event) => (
        <li key={event.id} className={event.byOperator ? 'formality-event' : 'formality-event formality-event--client'}>
          <p className="formality-event__what">{what(event)}</p>
          {event.detail ? <p className="formality-event__detail">{event.detail}</p> : null}
          <p className="formality-event__meta">
            {who(event)} · <time dateTime={event.at}>{formatDateTime(event.at, locale)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}
