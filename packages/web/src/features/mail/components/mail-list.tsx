import { useEffect, useId, useRef, type Ref } from 'react';
import { Link } from 'react-router';
import { localeOf } from '@/lib/i18n';
import type { MailListItemFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { formatDay, formatShortDate } from '../utils/format';
import { MailStatusBadge } from './status-badges';
import { TagList } from './tag-chip';

export interface MailListProps {
  items: readonly MailListItemFragment[];
  companyName: string;
  /** Cards instead of a table (narrow screens). */
  compact: boolean;
  /** Checkboxes are shown only when some bulk action is allowed. */
  selectable: boolean;
  selectedIds: ReadonlySet<string>;
  onToggle: (id: string, selected: boolean) => void;
  onToggleAll: (selected: boolean) => void;
  /** Where the sender's link goes: the same list with the item's preview open. */
  previewHref: (id: string) => string;
  /** Receives the link of each row (focus moves to the first new one after "Charger plus"). */
  linkRef: (id: string, element: HTMLAnchorElement | null) => void;
}

/** The mail of the current page: a table on wide screens, cards on narrow ones (same content and names). */
export function MailList(props: MailListProps) {
  return props.compact ? <MailCards {...props} /> : <MailTable {...props} />;
}

function useItemLabels() {
  const { t, i18n } = useMailTranslation();
  const locale = localeOf(i18n);
  return {
    t,
    locale,
    selectLabel: (item: MailListItemFragment) => t('list.selectItem', { sender: item.sender, date: formatDay(item.receivedAt, locale) }),
  };
}

function SelectAll({ items, selectedIds, onToggleAll, withLabel }: MailListProps & { withLabel: boolean }) {
  const { t } = useMailTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const count = items.filter((item) => selectedIds.has(item.id)).length;
  const all = items.length > 0 && count === items.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && !all;
  }, [count, all]);
  const input = (
    <input
      ref={ref}
      type="checkbox"
      className="mail-check"
      checked={all}
      aria-label={withLabel ? undefined : t('list.selectPage')}
      onChange={(event) => onToggleAll(event.target.checked)}
    />
  );
  if (!withLabel) return input;
  return (
    <label className="check mail-cards__all">
      {input}
      <span className="check__label">{t('list.selectPage')}</span>
    </label>
  );
}

function MailTable(props: MailListProps) {
  const { items, companyName, selectable, selectedIds, onToggle, previewHref, linkRef } = props;
  const { t, locale, selectLabel } = useItemLabels();
  const captionId = `mail-${useId()}`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table mail-table">
        <caption id={captionId} className="visually-hidden">
          {t('list.caption', { company: companyName })}
        </caption>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col" className="mail-table__check">
                <SelectAll {...props} withLabel={false} />
              </th>
            ) : null}
            <th scope="col">{t('list.columns.receivedAt')}</th>
            <th scope="col">{t('list.columns.sender')}</th>
            <th scope="col">{t('list.columns.recipient')}</th>
            <th scope="col">{t('list.columns.type')}</th>
            <th scope="col">{t('list.columns.tags')}</th>
            <th scope="col">{t('list.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const selected = selectedIds.has(item.id);
            return (
              <tr key={item.id} className={selected ? 'is-selected' : undefined}>
                {selectable ? (
                  <td className="mail-table__check">
                    <input
                      type="checkbox"
                      className="mail-check"
                      checked={selected}
                      aria-label={selectLabel(item)}
                      onChange={(event) => onToggle(item.id, event.target.checked)}
                    />
                  </td>
                ) : null}
                <td className="mail-table__date">
                  <time dateTime={item.receivedAt}>{formatShortDate(item.receivedAt, locale)}</time>
                </td>
                <th scope="row" className="mail-table__sender">
                  <PreviewLink item={item} href={previewHref(item.id)} linkRef={(element) => linkRef(item.id, element)} />
                </th>
                <td>{item.recipient}</td>
                <td>
                  {t(`types.${item.type}`)}
                  <span className="table__meta">{t('list.pages', { count: item.pageCount })}</span>
                </td>
                <td>
                  <TagList tags={item.tags} emptyLabel={t('list.noTags')} />
                </td>
                <td>
                  <MailStatusBadge status={item.status} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MailCards(props: MailListProps) {
  const { items, companyName, selectable, selectedIds, onToggle, previewHref, linkRef } = props;
  const { t, locale, selectLabel } = useItemLabels();
  return (
    <div className="mail-cards">
      {selectable ? <SelectAll {...props} withLabel /> : null}
      <ul className="mail-cards__list" aria-label={t('list.caption', { company: companyName })}>
        {items.map((item) => {
          const selected = selectedIds.has(item.id);
          return (
            <li key={item.id} className={selected ? 'mail-card is-selected' : 'mail-card'}>
              {selectable ? (
                <input
                  type="checkbox"
                  className="mail-check mail-card__check"
                  checked={selected}
                  aria-label={selectLabel(item)}
                  onChange={(event) => onToggle(item.id, event.target.checked)}
                />
              ) : null}
              <div className="mail-card__body">
                <p className="mail-card__head">
                  <PreviewLink item={item} href={previewHref(item.id)} linkRef={(element) => linkRef(item.id, element)} />
                  <time className="mail-card__date" dateTime={item.receivedAt}>
                    {formatShortDate(item.receivedAt, locale)}
                  </time>
                </p>
                <p className="mail-card__meta">
                  <span className="visually-hidden">{t('list.columns.recipient')} : </span>
                  {item.recipient}
                </p>
                <p className="mail-card__meta">
                  {t(`types.${item.type}`)} · {t('list.pages', { count: item.pageCount })}
                </p>
                <div className="mail-card__footer">
                  <MailStatusBadge status={item.status} />
                  <TagList tags={item.tags} emptyLabel={t('list.noTags')} />
                </div>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The sender, as the link that opens the preview; screen readers also hear the date. */
function PreviewLink({ item, href, linkRef }: { item: MailListItemFragment; href: string; linkRef: Ref<HTMLAnchorElement> }) {
  const { t, locale } = useItemLabels();
  return (
    <Link ref={linkRef} to={href} state={{ preview: true }} className="link mail-open">
      {item.sender}
      <span className="visually-hidden">, {t('list.receivedOn', { date: formatDay(item.receivedAt, locale) })}</span>
    </Link>
  );
}
