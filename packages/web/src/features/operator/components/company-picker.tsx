import { useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Spinner, TextField } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { OperatorCompaniesDocument, type OperatorCompanyFragment } from '../api/generated';
import { useOperatorTranslation } from '../hooks/use-operator-translation';

export interface CompanyPickerProps {
  selected: OperatorCompanyFragment | null;
  onSelect: (company: OperatorCompanyFragment | null) => void;
  error?: string | null;
  /** The search field, for the page to focus when no company is chosen yet. */
  searchRef?: RefObject<HTMLInputElement | null>;
}

const RESULTS = 8;
const DEBOUNCE_MS = 250;

/** Finds the recipient company by name or SIRET (`companies(search)`), then shows the one chosen. */
export function CompanyPicker({ selected, onSelect, error, searchRef }: CompanyPickerProps) {
  const { t } = useOperatorTranslation();
  const { t: tApp, i18n } = useTranslation();
  const [term, setTerm] = useState('');
  const [search, setSearch] = useState('');
  const resultsId = `companies-${useId()}`;
  const chosenRef = useRef<HTMLDivElement>(null);
  const focusChosen = useRef(false);

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(term.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [term]);

  useEffect(() => {
    if (selected && focusChosen.current) {
      focusChosen.current = false;
      chosenRef.current?.focus();
    }
  }, [selected]);

  const {
    data,
    previousData,
    loading,
    error: searchError,
  } = useQuery(OperatorCompaniesDocument, {
    variables: { search: search || null, first: RESULTS },
    skip: selected !== null,
  });
  // The previous results stay while the next ones load, so the list does not flicker as one types.
  const companies = (data ?? previousData)?.companies.edges.map((edge) => edge.node) ?? [];

  if (selected) {
    return (
      <div className="company-chosen" ref={chosenRef} tabIndex={-1}>
        <p>
          <span className="company-chosen__label">{t('company.selected')}</span>{' '}
          <strong className="company-chosen__name">{selected.name}</strong>{' '}
          <span className="muted">{t('company.siret', { siret: selected.siret })}</span>
        </p>
        <Button variant="secondary" size="sm" onClick={() => onSelect(null)}>
          {t('company.change')}
        </Button>
      </div>
    );
  }

  return (
    <div className="company-picker">
      <TextField
        ref={searchRef}
        type="search"
        label={t('company.search')}
        description={t('company.searchHint')}
        value={term}
        autoComplete="off"
        aria-controls={resultsId}
        error={error ?? undefined}
        onChange={(event) => setTerm(event.target.value)}
      />
      <div id={resultsId}>
        {loading && companies.length === 0 ? (
          <Spinner label={t('company.searching')} />
        ) : searchError ? (
          <Alert tone="error">{`${t('company.failed')} ${describeError(searchError, localeOf(i18n), tApp('errors.network'))}`}</Alert>
        ) : companies.length === 0 ? (
          <p className="muted" role="status">
            {t('company.none', { search })}
          </p>
        ) : (
          <ul className="company-results" aria-label={t('company.results')}>
            {companies.map((company) => (
              <li key={company.id}>
                <button
                  type="button"
                  className="company-results__option"
                  onClick={() => {
                    focusChosen.current = true;
                    onSelect(company);
                  }}
                >
                  <span className="company-results__name">{company.name}</span>
                  <span className="company-results__siret">{t('company.siret', { siret: company.siret })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
