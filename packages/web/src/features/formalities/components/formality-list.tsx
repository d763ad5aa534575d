import { useId, type Ref } from 'react';
import { Link } from 'react-router';
import { localeOf } from '@/lib/i18n';
import { formatDate } from '@/lib/format';
import { formatCalendarDay } from '@/lib/invoice-format';
import type { FormalityListItemFragment } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { FormalityStateBadge, FormalityTurnLabel } from './formality-badges';

export interface FormalityListProps {
  formalities: readonly FormalityListItemFragment[];
  companyName: string;
  /** Cards instead of a table (narrow screens). */
  compact: boolean;
  /** The formality's page. */
  detailHref: (id: string) => string;
  /** Receives the link of each row (focus moves to the first new one after "Charger plus"). */
  linkRef: (id: string, element: HTMLAnchorElement | null) => void;
  /** The list's query string, carried to the formality's page so that its back link returns to the same filter. */
  listSearch: string;
}

/** The formalities of the current page: a table on wide screens, cards on narrow ones (same content). */
export function FormalityList(props: FormalityListProps) {
  return props.compact ? <FormalityCards {...props} /> : <FormalityTable {...props} />;
}

function useFormats() {
  const { t, i18n } = useFormalitiesTranslation();
  const locale = localeOf(i18n);
  return { t, day: (day: string) => formatCalendarDay(day, locale), instant: (iso: string) => formatDate(iso, locale) };
}

function FormalityTable({ formalities, companyName, detailHref, linkRef, listSearch }: FormalityListProps) {
  const { t, day, instant } = useFormats();
  const captionId = `formalities-${useId()}`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table formality-table">
        <caption id={captionId} className="visually-hidden">
          {t('list.caption', { company: companyName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.title')}</th>
            <th scope="col">{t('list.columns.state')}</th>
            <th scope="col">{t('list.columns.turn')}</th>
            <th scope="col">{t('list.columns.dueDate')}</th>
            <th scope="col">{t('list.columns.updatedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {formalities.map((formality) => (
            <tr key={formality.id} className={formality.turn === 'CLIENT' ? 'is-client-turn' : undefined}>
              <th scope="row" className="formality-table__title">
                <DetailLink
                  formality={formality}
                  href={detailHref(formality.id)}
                  listSearch={listSearch}
                  linkRef={(element) => linkRef(formality.id, element)}
                />
                <span className="table__meta">{t(`types.${formality.type}`)}</span>
                {formality.trackingNumber ? (
                  <span className="table__meta">{t('list.trackingNumber', { number: formality.trackingNumber })}</span>
                ) : null}
              </th>
              <td>
                <FormalityStateBadge state={formality.state} />
              </td>
              <td>
                <FormalityTurnLabel turn={formality.turn} />
              </td>
              <td className="formality-table__date">
                {formality.dueDate && formality.turn ? <time dateTime={formality.dueDate}>{day(formality.dueDate)}</time> : t('list.none')}
              </td>
              <td className="formality-table__date">
                <time dateTime={formality.updatedAt}>{instant(formality.updatedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FormalityCards({ formalities, companyName, detailHref, linkRef, listSearch }: FormalityListProps) {
  const { t, day, instant } = useFormats();
  return (
    <ul className="formality-cards" aria-label={t('list.caption', { company: companyName })}>
      {formalities.map((formality) => (
        <li key={formality.id} className={formality.turn === 'CLIENT' ? 'formality-card is-client-turn' : 'formality-card'}>
          <p className="formality-card__head">
            <DetailLink
              formality={formality}
              href={detailHref(formality.id)}
              listSearch={listSearch}
              linkRef={(element) => linkRef(formality.id, element)}
            />
          </p>
          <p className="formality-card__meta">{t(`types.${formality.type}`)}</p>
          <div className="formality-card__footer">
            <FormalityStateBadge state={formality.state} />
            <FormalityTurnLabel turn={formality.turn} />
          </div>
          <p className="formality-card__meta">
            {formality.dueDate && formality.turn ? <span>{t('list.dueOn', { date: day(formality.dueDate) })} · </span> : null}
            <span>{t('list.updatedOn', { date: instant(formality.updatedAt) })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The title, as the link to the formality's page. */
function DetailLink({
  formality,
  href,
  listSearch,
  linkRef,
}: {
  formality: FormalityListItemFragment;
  href: string;
  listSearch: string;
  linkRef: Ref<HTMLAnchorElement>;
}) {
  return (
    <Link ref={linkRef} to={href} state={{ listSearch }} className="link formality-open">
      {formality.title}
    </Link>
  );
}
