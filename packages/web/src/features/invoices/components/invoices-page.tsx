import { useQuery } from '@apollo/client/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Spinner } from '@/components/ui';
import { getCompanyPage } from '@/config/paths';
import { useMediaQuery } from '@/hooks/use-media-query';
import { useCan, useCurrentMembership } from '@/lib/authorization';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
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
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
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

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(InvoicesDocument, {
    variables: { companyId, first: PAGE_SIZE, filter: apiFilter },
    skip: !membership,
    // A new invoice may have been issued since the last visit; later cache updates need no request.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  // While another filter loads, the previous list stays (dimmed, aria-busy) instead of a spinner.
  const fresh = data?.company?.invoices;
  const connection = fresh ?? (loading ? previousData?.company?.invoices : undefined);
  const stale = !fresh && connection !== undefined;
  const invoices = useMemo(() => connection?.edges.map((edge) => edge.node) ?? [], [connection]);
  const total = connection?.totalCount ?? 0;

  const [loadingMore, setLoadingMore] = useState(false);
  const [moreMessage, setMoreMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const rowLinks = useRef(new Map<string, HTMLAnchorElement>());
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    const link = focusId ? rowLinks.current.get(focusId) : undefined;
    if (!link) return;
    link.focus();
    setFocusId(null);
  }, [focusId, invoices]);

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

  const loadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after || loadingMore) return;
    setLoadingMore(true);
    setMoreMessage(null);
    const known = new Set(invoices.map((invoice) => invoice.id));
    try {
      const result = await fetchMore({
        variables: { after },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous.company?.invoices;
          const page = fetchMoreResult.company?.invoices;
          if (!previous.company || !before || !page) return previous;
          return { ...previous, company: { ...previous.company, invoices: { ...page, edges: [...before.edges, ...page.edges] } } };
        },
      });
      const added = (result.data?.company?.invoices?.edges ?? []).map((edge) => edge.node).filter((invoice) => !known.has(invoice.id));
      setMoreMessage({ text: t('list.loaded', { count: added.length }), failed: false });
      // Keyboard and screen-reader users continue from the first new invoice (focused once rendered).
      setFocusId(added[0]?.id ?? null);
    } catch (cause) {
      setMoreMessage({ text: `${t('list.loadMoreFailed')} ${describeError(cause, locale, tApp('errors.network'))}`, failed: true });
    } finally {
      setLoadingMore(false);
    }
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
            <InvoiceList
              invoices={invoices}
              companyName={companyName}
              compact={compact}
              previewHref={previewHref}
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
