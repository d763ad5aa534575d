import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import type { OperatorFormalityDetailFragment } from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';

type Event = OperatorFormalityDetailFragment['timeline'][number];

/** Every step of the formality, oldest first, as the client sees it: when, what, who, and its detail. */
export function FormalityTimeline({ events }: { events: readonly Event[] }) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  if (events.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="formality-timeline">
      {events.map((event) => {
        const who = event.actorName
          ? `${event.actorName} (${event.byOperator ? t('timeline.byOperator') : t('timeline.byClient')})`
          : t('timeline.bySystem');
        return (
          <li key={event.id} className="formality-timeline__event">
            <time className="formality-timeline__at muted small" dateTime={event.at}>
              {formatDateTime(event.at, locale)}
            </time>
            <p className="formality-timeline__what">
              <strong>{t(`labels.events.${event.kind}`)}</strong>
              {event.fromState && event.toState ? (
                <>
                  {' · '}
                  {t('timeline.transition', { from: t(`labels.states.${event.fromState}`), to: t(`labels.states.${event.toState}`) })}
                </>
              ) : null}
            </p>
            {event.detail ? <p className="formality-timeline__detail">{event.detail}</p> : null}
            <p className="muted small">{who}</p>
          </li>
        );
      })}
    </ol>
  );
}
