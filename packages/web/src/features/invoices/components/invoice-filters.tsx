import { useId, useState } from 'react';
import { Button, SelectField, TextField } from '@/components/ui';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import { EMPTY_FILTERS, hasFilters, STATUS_FILTERS, yearChoices, type InvoiceFilters } from '../utils/filters';

export interface InvoiceFiltersBarProps {
  filters: InvoiceFilters;
  /** Called with the new filters; the page writes them to the URL. */
  onChange: (filters: InvoiceFilters) => void;
  /** Narrow screens: the filters fold under a "Filtres" button, so the list stays in view. */
  compact?: boolean;
}

/**
 * The search box and the filters of Factures. They only reflect and change the URL, so the back
 * button, a reload or a shared link give the same list.
 */
export function InvoiceFiltersBar({ filters, onChange, compact = false }: InvoiceFiltersBarProps) {
  const { t } = useInvoicesTranslation();
  const set = (patch: Partial<InvoiceFilters>) => onChange({ ...filters, ...patch });
  const [expanded, setExpanded] = useState(false);
  const panelId = `invoice-filters-${useId()}`;
  const active = [filters.status, filters.year].filter(Boolean).length;

  return (
    <div className="invoice-filters">
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
      <div
        id={panelId}
        className="filters invoice-filters__fields"
        role="group"
        aria-label={t('filters.label')}
        hidden={compact && !expanded}
      >
        <SelectField
          label={t('filters.status')}
          value={filters.status ?? ''}
          onChange={(event) => set({ status: STATUS_FILTERS.find((status) => status === event.target.value) ?? null })}
        >
          <option value="">{t('filters.statusAll')}</option>
          {STATUS_FILTERS.map((status) => (
            <option key={status} value={status}>
              {t(`statusFilters.${status}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filters.year')}
          value={filters.year ? String(filters.year) : ''}
          onChange={(event) => set({ year: event.target.value ? Number(event.target.value) : null })}
        >
          <option value="">{t('filters.yearAll')}</option>
          {yearChoices(filters.year).map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </SelectField>
        {hasFilters(filters) ? (
          <Button variant="ghost" className="invoice-filters__clear" onClick={() => onChange(EMPTY_FILTERS)}>
            {t('filters.clear')}
          </Button>
        ) : null}
      </div>
    </div>
  );
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (search: string) => void }) {
  const { t } = useInvoicesTranslation();
  const [value, setValue] = useState(initial);
  return (
    <form
      role="search"
      className="invoice-search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(value.trim());
      }}
    >
      <TextField
        type="search"
        label={t('filters.search')}
        description={t('filters.searchHint')}
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
