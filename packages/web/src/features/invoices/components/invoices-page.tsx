import { useQuery } from '@apollo/client/react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Spinner } from '@/components/ui';
import { getCompanyPage } from '@/config/paths';
import { useCompanyList } from '@/hooks/use-company-list';
import { useMediaQuery } from '@/hooks/use-media-query';
import { useCan, useCurrentMembership } from '@/lib/authorization';
import { InvoicesDocument } from '../api/generated';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import '../invoices.css';
import { EMPTY_FILTERS, hasFilters, PAGE_SIZE, readFilters, toApiFilter, writeFilters, type InvoiceFilters } from '../utils/filters';
import { InvoiceFiltersBar } from './invoice-filters';
import { InvoiceList } from './invoice-list';
import { InvoicePreviewDialog } from './invoice-preview-dialog';
import { InvoiceTotalsSummary } from './invoice-totals';
import { InvoicesExport } from './invoices-export';

/** The query parameter of the preview opened from the list (same page, so focus and scroll stay put). */
const PREVIEW_PARAM = 'invoice';

/**
 * Factures: what the company owes, its invoices and credit notes (filters in the URL, pages over
 * the API's cursor), each one's Factur-X PDF in a preview with its downloads, and the accountant's
 * exports of the current filter. `/c/:companyId/invoices/:invoiceId` (the link of the notification
 * email) opens the page with that invoice's preview.
 */
export function InvoicesPage() {
  const { t } = useInvoicesTranslation();
  const { t: tApp } = useTranslation();
  const membership = useCurrentMembership();
  const allowed = useCan();
  const canDownload = allowed('invoice:download');
  const [params, setParams] = useSearchParams();
  const { invoiceId: linkedId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const compact = useMediaQuery('(max-width: 48rem)');
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  const listHref = getCompanyPage('invoices').getHref(companyId);

  const filterKey = useMemo(() => writeFilters(new URLSearchParams(), readFilters(params)).toString(), [params]);
  const filters = useMemo(() => readFilters(new URLSearchParams(filterKey)), [filterKey]);
  const apiFilter = useMemo(() => toApiFilter(filters), [filters]);

  const listQuery = useQuery(InvoicesDocument, {
    variables: { companyId, first: PAGE_SIZE, filter: apiFilter },
    skip: !membership,
    // A new invoice may have been issued since the last visit; later cache updates need no request.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const { loading, error, refetch } = listQuery;
  const {
    connection,
    stale,
    nodes: invoices,
    total,
    loadMore,
    loadingMore,
    moreMessage,
    rowRef,
  } = useCompanyList(listQuery, 'invoices', {
    loaded: (count) => t('list.loaded', { count }),
    loadMoreFailed: t('list.loadMoreFailed'),
  });

  const changeFilters = (next: InvoiceFilters) => {
    // A new history entry: the back button returns to the previous filter.
    setParams((current) => {
      const written = writeFilters(current, next);
      written.delete(PREVIEW_PARAM);
      return written;
    });
  };

  const previewId = linkedId ?? params.get(PREVIEW_PARAM);
  const previewHref = (id: string) => {
    const next = new URLSearchParams(params);
    next.set(PREVIEW_PARAM, id);
    return `${listHref}?${next.toString()}`;
  };
  const closePreview = () => {
    const state = location.state as { preview?: boolean } | null;
    if (state?.preview) {
      void navigate(-1);
      return;
    }
    const next = new URLSearchParams(params);
    next.delete(PREVIEW_PARAM);
    const query = next.toString();
    void navigate(query ? `${listHref}?${query}` : listHref, { replace: true, preventScrollReset: true });
  };

  if (!membership) return null;
  const listed = previewId ? (invoices.find((invoice) => invoice.id === previewId) ?? null) : null;

  return (
    <>
      <PageHeader title={tApp('pages.invoices.title')} description={tApp('pages.invoices.body')} />
      <div className="invoices-panel">
        <InvoiceTotalsSummary companyId={companyId} status={filters.status} onShow={(status) => changeFilters({ ...filters, status })} />
        <InvoiceFiltersBar filters={filters} onChange={changeFilters} compact={compact} />

        <div className="invoice-toolbar">
          <p className="invoice-toolbar__count" role="status">
            {connection ? (
              <>
                <strong>{t('filters.count', { count: total })}</strong>
                {invoices.length < total ? <span className="muted"> · {t('list.shown', { shown: invoices.length, total })}</span> : null}
              </>
            ) : null}
          </p>
          {canDownload ? <InvoicesExport companyId={companyId} filter={apiFilter} disabled={!connection || stale || total === 0} /> : null}
        </div>

        <div className={stale ? 'invoice-results is-stale' : 'invoice-results'} aria-busy={stale || undefined}>
          {!connection ? (
            loading ? (
              <Spinner label={t('page.loading')} />
            ) : (
              <LoadFailed title={t('page.loadFailed')} error={error} onRetry={() => void refetch()} />
            )
          ) : invoices.length === 0 ? (
            <div className="empty-state invoice-empty">
              {hasFilters(filters) ? (
                <>
                  <p>{t('list.empty')}</p>
                  <Button variant="secondary" onClick={() => changeFilters(EMPTY_FILTERS)}>
                    {t('filters.clear')}
                  </Button>
                </>
              ) : (
                <>
                  <p className="invoice-empty__title">{t('list.emptyAll')}</p>
                  <p className="muted">{t('list.emptyAllHint')}</p>
                  <p className="muted">{t('list.emptyAllEmail', { company: companyName })}</p>
                </>
              )}
            </div>
          ) : (
            <InvoiceList invoices={invoices} companyName={companyName} compact={compact} previewHref={previewHref} linkRef={rowRef} />
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

      {previewId ? (
        <InvoicePreviewDialog
          key={previewId}
          companyId={companyId}
          companyName={companyName}
          invoiceId={previewId}
          listed={listed}
          canDownload={canDownload}
          previewHref={previewHref}
          onClose={closePreview}
        />
      ) : null}
    </>
  );
}
