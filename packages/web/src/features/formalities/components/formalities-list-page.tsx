import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Spinner } from '@/components/ui';
import { getCompanyPage } from '@/config/paths';
import { useCompanyList } from '@/hooks/use-company-list';
import { useMediaQuery } from '@/hooks/use-media-query';
import { useCurrentMembership } from '@/lib/authorization';
import { FormalitiesDocument } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { EMPTY_FILTERS, hasFilters, PAGE_SIZE, readFilters, toApiFilter, writeFilters, type FormalityFilters } from '../utils/filters';
import { FormalityFiltersBar } from './formality-filters';
import { FormalityList } from './formality-list';

/**
 * Services: the company's formalities, those waiting for the client first (the API's order), the
 * state filter in the URL, pages over the API's cursor. Each title opens the formality's page.
 */
export function FormalitiesListPage() {
  const { t } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const membership = useCurrentMembership();
  const [params, setParams] = useSearchParams();
  const compact = useMediaQuery('(max-width: 48rem)');
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const listHref = getCompanyPage('services').getHref(companyId);

  const filterKey = useMemo(() => writeFilters(new URLSearchParams(), readFilters(params)).toString(), [params]);
  const filters = useMemo(() => readFilters(new URLSearchParams(filterKey)), [filterKey]);
  const apiFilter = useMemo(() => toApiFilter(filters), [filters]);

  const listQuery = useQuery(FormalitiesDocument, {
    variables: { companyId, first: PAGE_SIZE, filter: apiFilter },
    skip: !membership,
    // A formality may have moved since the last visit; later cache updates need no request.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const { loading, error, refetch } = listQuery;
  const {
    connection,
    stale,
    nodes: formalities,
    total,
    loadMore,
    loadingMore,
    moreMessage,
    rowRef,
  } = useCompanyList(listQuery, 'formalities', {
    loaded: (count) => t('list.loaded', { count }),
    loadMoreFailed: t('list.loadMoreFailed'),
  });
  const yourTurn = formalities.filter((formality) => formality.turn === 'CLIENT').length;

  // A new history entry: the back button returns to the previous filter.
  const changeFilters = (next: FormalityFilters) => setParams((current) => writeFilters(current, next));

  if (!membership) return null;
  const listSearch = filterKey ? `?${filterKey}` : '';

  return (
    <>
      <PageHeader title={tApp('pages.services.title')} description={tApp('pages.services.body')} />
      <div className="formalities-panel">
        <FormalityFiltersBar filters={filters} onChange={changeFilters} />

        <p className="formality-toolbar" role="status">
          {connection ? (
            <>
              <strong>{t('filters.count', { count: total })}</strong>
              {formalities.length < total ? (
                <span className="muted"> · {t('list.shown', { shown: formalities.length, total })}</span>
              ) : null}
              {yourTurn > 0 && !hasFilters(filters) ? (
                <span className="formality-toolbar__turn"> · {t('list.yourTurn', { count: yourTurn })}</span>
              ) : null}
            </>
          ) : null}
        </p>

        <div className={stale ? 'formality-results is-stale' : 'formality-results'} aria-busy={stale || undefined}>
          {!connection ? (
            loading ? (
              <Spinner label={t('page.loading')} />
            ) : (
              <LoadFailed title={t('page.loadFailed')} error={error} onRetry={() => void refetch()} />
            )
          ) : formalities.length === 0 ? (
            <div className="empty-state formality-empty">
              {hasFilters(filters) ? (
                <>
                  <p>{t('list.empty')}</p>
                  <Button variant="secondary" onClick={() => changeFilters(EMPTY_FILTERS)}>
                    {t('filters.clear')}
                  </Button>
                </>
              ) : (
                <>
                  <p className="formality-empty__title">{t('list.emptyAll')}</p>
                  <p className="muted">{t('list.emptyAllHint', { company: companyName })}</p>
                  <p className="muted">{t('list.emptyAllEmail', { company: companyName })}</p>
                </>
              )}
            </div>
          ) : (
            <FormalityList
              formalities={formalities}
              companyName={companyName}
              compact={compact}
              detailHref={(id) => `${listHref}/${encodeURIComponent(id)}`}
              listSearch={listSearch}
              linkRef={rowRef}
            />
          )}

          {connection?.pageInfo.hasNextPage ? (
            <div className="load-more">
              <Button variant="secondary" isLoading={loadingMore} disabled={stale} onClick={() => void loadMore()}>
                {t('list.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
        <div role="status" className="page-notice">
          {moreMessage ? (
            <Alert tone={moreMessage.failed ? 'error' : 'info'} live="off" className={moreMessage.failed ? undefined : 'visually-hidden'}>
              {moreMessage.text}
            </Alert>
          ) : null}
        </div>
      </div>
    </>
  );
}
