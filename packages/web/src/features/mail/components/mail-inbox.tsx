import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Spinner, VisuallyHidden } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { CreateMailExportDocument, MailItemsDocument, type MailTagFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { useCompanyList } from '@/hooks/use-company-list';
import { useMediaQuery } from '@/hooks/use-media-query';
import { EMPTY_FILTERS, hasFilters, PAGE_SIZE, readFilters, toApiFilter, writeFilters, type MailFilters } from '../utils/filters';
import { openFileUrl } from '../utils/open-file-url';
import { ForwardingDialog } from './forwarding-dialog';
import { MailFiltersBar } from './mail-filters';
import { MailList } from './mail-list';
import { MailPreviewDialog } from './mail-preview-dialog';
import { TaggingDialog } from './tagging-dialog';

/** What the member may do with the mail (each from the shared `can()`). */
export interface MailPermissions {
  download: boolean;
  export: boolean;
  tag: boolean;
  forward: boolean;
}

export interface MailInboxProps {
  companyId: string;
  companyName: string;
  tags: readonly MailTagFragment[];
  permissions: MailPermissions;
  /** A sentence (and maybe a link) for the page's live notice. */
  onNotice: (notice: ReactNode) => void;
  /** After a forwarding request: the page offers to show the Réexpéditions tab. */
  onForwarded: (itemCount: number) => void;
}

type BulkDialog = 'tag' | 'forward' | null;

/** The "Courriers" tab: filters, the list with its selection and bulk actions, paging, export, preview. */
export function MailInbox({ companyId, companyName, tags, permissions, onNotice, onForwarded }: MailInboxProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const compact = useMediaQuery('(max-width: 48rem)');
  const filterKey = useMemo(() => writeFilters(new URLSearchParams(), readFilters(params)).toString(), [params]);
  const filters = useMemo(() => readFilters(new URLSearchParams(filterKey)), [filterKey]);
  const apiFilter = useMemo(() => toApiFilter(filters), [filters]);
  const selectable = permissions.tag || permissions.forward;

  const listQuery = useQuery(MailItemsDocument, {
    variables: { companyId, first: PAGE_SIZE, filter: apiFilter },
    // New mail may have arrived since the last visit; later cache updates (tags, statuses) need no request.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const { loading, error, refetch } = listQuery;
  const {
    connection,
    stale,
    nodes: items,
    total,
    loadMore,
    loadingMore,
    moreMessage,
    rowRef,
  } = useCompanyList(listQuery, 'mailItems', {
    loaded: (count) => t('list.loaded', { count }),
    loadMoreFailed: t('list.loadMoreFailed'),
  });

  // The selection belongs to one filter: another filter starts with none.
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: filterKey, ids: new Set() });
  const selectedIds: ReadonlySet<string> = selection.key === filterKey ? selection.ids : new Set();
  const selectedItems = items.filter((item) => selectedIds.has(item.id));
  const select = (ids: ReadonlySet<string>) => setSelection({ key: filterKey, ids });

  const [dialog, setDialog] = useState<BulkDialog>(null);
  const bulkButtons = { tag: useRef<HTMLButtonElement>(null), forward: useRef<HTMLButtonElement>(null) };
  const [createExport, exporting] = useMutation(CreateMailExportDocument);
  const [exportError, setExportError] = useState<string | null>(null);

  const changeFilters = (next: MailFilters) => {
    // A new history entry: the back button returns to the previous filter.
    setParams((current) => writeFilters(current, next));
  };

  const previewId = params.get('item');
  const previewHref = (id: string) => {
    const next = new URLSearchParams(params);
    next.set('item', id);
    return `${location.pathname}?${next.toString()}`;
  };
  const closePreview = () => {
    const state = location.state as { preview?: boolean } | null;
    if (state?.preview) {
      void navigate(-1);
      return;
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('item');
        return next;
      },
      { replace: true },
    );
  };

  const exportAll = async () => {
    setExportError(null);
    try {
      const { data: result } = await createExport({ variables: { companyId, filter: apiFilter } });
      const link = result?.createMailExport;
      if (!link) throw new Error('No export link');
      if (link.itemCount === 0) {
        onNotice(t('page.exportEmpty'));
        return;
      }
      openFileUrl(link.url);
      onNotice(t('page.exportStarted', { count: link.itemCount }));
    } catch (cause) {
      setExportError(`${t('page.exportFailed')} ${describeError(cause, locale, tApp('errors.network'))}`);
    }
  };

  const previewItem = previewId ? (items.find((item) => item.id === previewId) ?? null) : null;

  return (
    <div className="mail-panel">
      <MailFiltersBar filters={filters} tags={tags} onChange={changeFilters} compact={compact} />

      <div className="mail-toolbar">
        <p className="mail-toolbar__count" role="status">
          {connection ? (
            <>
              <strong>{t('filters.count', { count: total })}</strong>
              {items.length < total ? <span className="muted"> · {t('list.shown', { shown: items.length, total })}</span> : null}
            </>
          ) : null}
        </p>
        {permissions.export ? (
          <div className="mail-toolbar__export">
            <Button
              variant="secondary"
              isLoading={exporting.loading}
              disabled={!connection || stale || total === 0}
              aria-describedby="mail-export-hint"
              onClick={() => void exportAll()}
            >
              {t('page.exportAll')}
            </Button>
            <VisuallyHidden id="mail-export-hint">{t('page.exportAllHint')}</VisuallyHidden>
          </div>
        ) : null}
      </div>
      {exportError ? <Alert tone="error">{exportError}</Alert> : null}

      {selectable && selectedItems.length > 0 ? (
        <div className="selection-bar" role="group" aria-label={t('selection.actions')}>
          <p className="selection-bar__count">{t('selection.count', { count: selectedItems.length })}</p>
          <div className="selection-bar__actions">
            {permissions.tag ? (
              <Button ref={bulkButtons.tag} variant="secondary" size="sm" onClick={() => setDialog('tag')}>
                {t('selection.tag')}
              </Button>
            ) : null}
            {permissions.forward ? (
              <Button ref={bulkButtons.forward} variant="secondary" size="sm" onClick={() => setDialog('forward')}>
                {t('selection.forward')}
              </Button>
            ) : null}
            <Button variant="ghost" size="sm" onClick={() => select(new Set())}>
              {t('selection.clear')}
            </Button>
          </div>
        </div>
      ) : null}
      <VisuallyHidden role="status">
        {selectable && selectedItems.length > 0 ? t('selection.count', { count: selectedItems.length }) : ''}
      </VisuallyHidden>

      <div className={stale ? 'mail-results is-stale' : 'mail-results'} aria-busy={stale || undefined}>
        {!connection ? (
          loading ? (
            <Spinner label={t('page.loading')} />
          ) : (
            <LoadFailed title={t('page.loadFailed')} error={error} onRetry={() => void refetch()} />
          )
        ) : items.length === 0 ? (
          <div className="empty-state">
            {hasFilters(filters) ? (
              <>
                <p>{t('list.empty')}</p>
                <Button variant="secondary" onClick={() => changeFilters(EMPTY_FILTERS)}>
                  {t('filters.clear')}
                </Button>
              </>
            ) : (
              <>
                <p>{t('list.emptyAll')}</p>
                <p className="muted">{t('list.emptyAllHint')}</p>
              </>
            )}
          </div>
        ) : (
          <MailList
            items={items}
            companyName={companyName}
            compact={compact}
            selectable={selectable}
            selectedIds={selectedIds}
            onToggle={(id, selected) => {
              const next = new Set(selectedIds);
              if (selected) next.add(id);
              else next.delete(id);
              select(next);
            }}
            onToggleAll={(selected) => select(selected ? new Set(items.map((item) => item.id)) : new Set())}
            previewHref={previewHref}
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

      {previewId ? (
        <MailPreviewDialog
          key={previewId}
          companyId={companyId}
          itemId={previewId}
          item={previewItem}
          canDownload={permissions.download}
          onClose={closePreview}
        />
      ) : null}
      {permissions.tag ? (
        <TaggingDialog
          open={dialog === 'tag'}
          companyId={companyId}
          itemIds={selectedItems.map((item) => item.id)}
          tags={tags}
          onClose={() => setDialog(null)}
          onDone={(message) => {
            setDialog(null);
            onNotice(message);
          }}
          returnFocusRef={bulkButtons.tag}
        />
      ) : null}
      {permissions.forward ? (
        <ForwardingDialog
          open={dialog === 'forward'}
          companyId={companyId}
          items={selectedItems}
          onClose={() => setDialog(null)}
          onDone={(request) => {
            setDialog(null);
            select(new Set());
            onForwarded(request.itemCount);
          }}
          returnFocusRef={bulkButtons.forward}
        />
      ) : null}
    </div>
  );
}
