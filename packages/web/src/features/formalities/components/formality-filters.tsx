import { Button, SelectField } from '@/components/ui';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { EMPTY_FILTERS, FORMALITY_STATES, hasFilters, type FormalityFilters } from '../utils/filters';

export interface FormalityFiltersBarProps {
  filters: FormalityFilters;
  /** Called with the new filter; the page writes it to the URL. */
  onChange: (filters: FormalityFilters) => void;
}

/** The state filter of Services. It only reflects and changes the URL (back button, reload, shared link). */
export function FormalityFiltersBar({ filters, onChange }: FormalityFiltersBarProps) {
  const { t } = useFormalitiesTranslation();
  return (
    <div className="filters formality-filters" role="group" aria-label={t('filters.label')}>
      <SelectField
        label={t('filters.state')}
        value={filters.state ?? ''}
        onChange={(event) => onChange({ state: FORMALITY_STATES.find((state) => state === event.target.value) ?? null })}
      >
        <option value="">{t('filters.stateAll')}</option>
        {FORMALITY_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`states.${state}`)}
          </option>
        ))}
      </SelectField>
      {hasFilters(filters) ? (
        <Button variant="ghost" onClick={() => onChange(EMPTY_FILTERS)}>
          {t('filters.clear')}
        </Button>
      ) : null}
    </div>
  );
}
