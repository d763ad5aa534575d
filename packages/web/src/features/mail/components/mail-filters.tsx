import { dateRangeError, validationMessage } from '@guichet/shared';
import { useId, useState } from 'react';
import { Button, SelectField, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import type { MailTagFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { EMPTY_FILTERS, hasFilters, MAIL_STATUSES, MAIL_TYPES, today, type MailFilters } from '../utils/filters';

export interface MailFiltersBarProps {
  filters: MailFilters;
  tags: readonly MailTagFragment[];
  /** Called with the new filters; the page writes them to the URL. */
  onChange: (filters: MailFilters) => void;
  /** Narrow screens: the filters fold under a "Filtres" button, so the list stays in view. */
  compact?: boolean;
}

/**
 * The search box and the filters of Mes courriers. They only reflect and change the URL, so the
 * back button, a reload or a shared link give the same list.
 */
export function MailFiltersBar({ filters, tags, onChange, compact = false }: MailFiltersBarProps) {
  const { t } = useMailTranslation();
  const set = (patch: Partial<MailFilters>) => onChange({ ...filters, ...patch });
  const tagValue = filters.tagIds[0] ?? '';
  const knownTag = tagValue === '' || tags.some((tag) => tag.id === tagValue);
  const [expanded, setExpanded] = useState(false);
  const panelId = `mail-filters-${useId()}`;
  const active = [filters.type, filters.status, filters.tagIds.length > 0, filters.from, filters.to].filter(Boolean).length;

  return (
    <div className="mail-filters">
      {/* Remounted when the URL's search changes (back button), so the box shows what is applied. */}
      <SearchForm key={filters.search} initial={filters.search} onSearch={(search) => set({ search })} />
      {compact ? (
        <Button
          variant="secondary"
          size="sm"
          aria-expanded={expanded}
          aria-controls={panelId}
          onClick={() => setExpanded((value) => !value)}
        >
          {active > 0 ? t('filters.toggleActive', { count: active }) : t('filters.toggle')}
          <span className="chevron" aria-hidden="true" />
        </Button>
      ) : null}
      <div id={panelId} className="filters mail-filters__fields" role="group" aria-label={t('filters.label')} hidden={compact && !expanded}>
        <SelectField
          label={t('filters.type')}
          value={filters.type ?? ''}
          onChange={(event) => set({ type: MAIL_TYPES.find((type) => type === event.target.value) ?? null })}
        >
          <option value="">{t('filters.typeAll')}</option>
          {MAIL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filters.status')}
          value={filters.status ?? ''}
          onChange={(event) => set({ status: MAIL_STATUSES.find((status) => status === event.target.value) ?? null })}
        >
          <option value="">{t('filters.statusAll')}</option>
          {MAIL_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filters.tag')}
          value={tagValue}
          onChange={(event) => set({ tagIds: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{t('filters.tagAll')}</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
          {knownTag ? null : <option value={tagValue}>{tagValue}</option>}
        </SelectField>
        {/* Remounted when the URL's dates change (back button, clear), so the fields show what is applied. */}
        <DateRangeFields key={`${filters.from ?? ''}|${filters.to ?? ''}`} from={filters.from} to={filters.to} onChange={set} />
        {hasFilters(filters) ? (
          <Button variant="ghost" className="mail-filters__clear" onClick={() => onChange(EMPTY_FILTERS)}>
            {t('filters.clear')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

type DateEnd = 'from' | 'to';

/**
 * "Reçu à partir du" and "Reçu jusqu’au". A range that would end before it starts is refused with
 * the shared rule's message on the field just changed (on "jusqu’au" for a link typed by hand):
 * the fields keep what was typed, and the list stays as it is until the range is put right.
 */
function DateRangeFields({
  from,
  to,
  onChange,
}: {
  from: string | null;
  to: string | null;
  onChange: (patch: Partial<MailFilters>) => void;
}) {
  const { t, i18n } = useMailTranslation();
  const locale = localeOf(i18n);
  const [draft, setDraft] = useState<{ from: string | null; to: string | null; changed: DateEnd }>({ from, to, changed: 'to' });
  const issue = dateRangeError(draft.from, draft.to);
  const errorOn = (end: DateEnd) => (issue && draft.changed === end ? validationMessage(issue, locale) : undefined);
  const change = (end: DateEnd, value: string) => {
    const next = { ...draft, [end]: value || null, changed: end };
    setDraft(next);
    if (!dateRangeError(next.from, next.to)) onChange({ from: next.from, to: next.to });
  };
  return (
    <>
      <TextField
        type="date"
        label={t('filters.from')}
        className="mail-filters__date"
        value={draft.from ?? ''}
        max={draft.to ?? today()}
        error={errorOn('from')}
        onChange={(event) => change('from', event.target.value)}
      />
      <TextField
        type="date"
        label={t('filters.to')}
        className="mail-filters__date"
        value={draft.to ?? ''}
        min={draft.from ?? undefined}
        error={errorOn('to')}
        onChange={(event) => change('to', event.target.value)}
      />
    </>
  );
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (search: string) => void }) {
  const { t } = useMailTranslation();
  const [value, setValue] = useState(initial);
  return (
    <form
      role="search"
      className="mail-search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(value.trim());
      }}
    >
      <TextField
        type="search"
        label={t('filters.search')}
        value={value}
        maxLength={100}
        autoComplete="off"
        onChange={(event) => setValue(event.target.value)}
      />
      <Button type="submit" variant="secondary">
        {t('filters.searchSubmit')}
      </Button>
    </form>
  );
}
