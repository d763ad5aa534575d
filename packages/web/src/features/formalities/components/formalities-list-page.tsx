import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Spinner } from '@/components/ui';
import { getCompanyPage } from '@/config/paths';
import { useMediaQuery } from '@/hooks/use-media-query';
import { useCurrentMembership } from '@/lib/authorization';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
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
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const membership = useCurrentMembership();
  const [params, setParams] = useSearchParams();
  const compact = useMediaQuery('(max-width: 48rem)');
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const listHref = getCompanyPage('services').getHref(companyId);

  const filterKey = useMemo(() => writeFilters(new URLSearchParams(), readFilters(params)).toString(), [params]);
  const filters = useMemo(() => readFilters(new URLSearchParams(filterKey)), [filterKey]);
  const apiFilter = useMemo(() => toApiFilter(filters), [filters]);

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(FormalitiesDocument, {
    variables: { companyId, first: PAGE_SIZE, filter: apiFilter },
    skip: !membership,
    // A formality may have moved since the last visit; later cache updates need no request.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  // While another filter loads, the previous list stays (dimmed, aria-busy) instead of a spinner.
  const fresh = data?.company?.formalities;
  const connection = fresh ?? (loading ? previousData?.company?.formalities : undefined);
  const stale = !fresh && connection !== undefined;
  const formalities = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const total = connection?.totalCount ?? 0;
  const yourTurn = formalities.filter((formality) => formality.turn === 'CLIENT').length;

  const [loadingMore, setLoadingMore] = useState(false);
  const [moreMessage, setMoreMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const rowLinks = useRef(new Map<string, HTMLAnchorElement>());
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    const link = focusId ? rowLinks.current.get(focusId) : undefined;
    if (!link) return;
    link.focus();
    setFocusId(null);
  }, [focusId, formalities]);

  // A new history entry: the back button returns to the previous filter.
  const changeFilters = (next: FormalityFilters) => setParams((current) => writeFilters(current, next));

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after || loadingMore) return;
    setLoadingMore(true);
    setMoreMessage(null);
    const known = new Set(formalities.map((formality) => formality.id));
    try {
      const result = await fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous.company?.formalities;
          const page = fetchMoreResult.company?.formalities;
          if (!previous.company || !before || !page) return previous;
          return { ...previous, company: { ...previous.company, formalities: { ...page, edges: [...before.edges, ...page.edges] } } };
        },
      });
      const added = (result.data?.company?.formalities?.edges ?? []).map((edge) => edge.node).filter((node) => !known.has(node.id));
      setMoreMessage({ text: t('list.loaded', { count: added.length }), failed: false });
      // Keyboard and screen-reader users continue from the first new formality (focused once rendered).
      setFocusId(added[0]?.id ?? null);
    } catch (cause) {
      setMoreMessage({ text: `${t('list.loadMoreFailed')} ${describeError(cause, locale, tApp('errors.network'))}`, failed: true });
    } finally {
      setLoadingMore(false);
    }
  };

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
              linkRef={(id, element) => {
                if (element) rowLinks.current.set(id, element);
                else rowLinks.current.delete(id);
              }}
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
