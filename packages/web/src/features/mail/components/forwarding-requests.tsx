import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { Alert, Button, ConfirmDialog, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { CancelForwardingRequestDocument, ForwardingRequestsDocument, type ForwardingRequestSummaryFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { formatAddress, formatDay, formatShortDate } from '../utils/format';
import { ForwardingStatusBadge } from './status-badges';

export interface ForwardingRequestsProps {
  companyId: string;
  companyName: string;
  /** mail:forward: a request not sent yet can be withdrawn. */
  canCancel: boolean;
  onNotice: (message: string) => void;
}

const PAGE = 20;
const ITEMS_SHOWN = 3;

/** Réexpéditions: the company's forwarding requests with their status, newest first. */
export function ForwardingRequests({ companyId, companyName, canCancel, onNotice }: ForwardingRequestsProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const captionId = `requests-${useId()}`;
  const [cancelling, setCancelling] = useState<ForwardingRequestSummaryFragment | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const cancelButtons = useRef(new Map<string, HTMLButtonElement>());
  const { data, loading, error, refetch, fetchMore } = useQuery(ForwardingRequestsDocument, {
    variables: { companyId, first: PAGE },
    // The operator may have sent some since the last visit.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [cancel, cancellation] = useMutation(CancelForwardingRequestDocument, { refetchQueries: ['MailItems'] });
  const connection = data?.company?.forwardingRequests;
  const requests = connection?.edges.map((edge) => edge.node) ?? [];

  const confirmCancel = async () => {
    if (!cancelling) return;
    setCancelError(null);
    try {
      await cancel({ variables: { companyId, forwardingRequestId: cancelling.id } });
      onNotice(t('requests.cancelled'));
      setCancelling(null);
    } catch (cause) {
      setCancelError(describeError(cause, locale, tApp('errors.network')));
    }
  };

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setMoreError(null);
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous.company?.forwardingRequests;
          const after = fetchMoreResult.company?.forwardingRequests;
          if (!previous.company || !before || !after) return previous;
          return {
            ...previous,
            company: { ...previous.company, forwardingRequests: { ...after, edges: [...before.edges, ...after.edges] } },
          };
        },
      });
    } catch (cause) {
      setMoreError(describeError(cause, locale, tApp('errors.network')));
    } finally {
      setLoadingMore(false);
    }
  };

  if (!connection) {
    if (loading) return <Spinner label={t('requests.loading')} />;
    return <LoadFailed title={t('requests.loadFailed')} error={error} onRetry={() => void refetch()} />;
  }

  if (requests.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('requests.empty')}</p>
        <p className="muted">{t('requests.emptyHint')}</p>
      </div>
    );
  }

  return (
    <div className="mail-panel">
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="table">
          <caption id={captionId} className="visually-hidden">
            {t('requests.caption', { company: companyName })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('requests.columns.createdAt')}</th>
              <th scope="col">{t('requests.columns.items')}</th>
              <th scope="col">{t('requests.columns.address')}</th>
              <th scope="col">{t('requests.columns.requestedBy')}</th>
              <th scope="col">{t('requests.columns.status')}</th>
              {canCancel ? (
                <th scope="col">
                  <span className="visually-hidden">{t('requests.columns.actions')}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {requests.map((request) => (
              <tr key={request.id}>
                <th scope="row">
                  <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, locale)}</time>
                </th>
                <td>
                  <span className="table__name">{t('requests.items', { count: request.itemCount })}</span>
                  <ul className="plain-list">
                    {request.items.slice(0, ITEMS_SHOWN).map((item) => (
                      <li key={item.id} className="table__meta">
                        {item.sender} — {formatShortDate(item.receivedAt, locale)}
                      </li>
                    ))}
                    {request.items.length > ITEMS_SHOWN ? <li className="table__meta">…</li> : null}
                  </ul>
                </td>
                <td>
                  <address className="address">
                    {formatAddress(request.address, locale).map((line) => (
                      <span key={line}>{line}</span>
                    ))}
                  </address>
                </td>
                <td>{request.requestedByName ?? t('requests.unknownRequester')}</td>
                <td>
                  <ForwardingStatusBadge status={request.status} />
                  {request.processedAt ? (
                    <span className="table__meta">
                      <time dateTime={request.processedAt}>
                        {t('requests.processedAt', { date: formatDay(request.processedAt, locale) })}
                      </time>
                    </span>
                  ) : null}
                </td>
                {canCancel ? (
                  <td className="table__actions">
                    {request.status === 'REQUESTED' ? (
                      <Button
                        ref={(element) => {
                          if (element) cancelButtons.current.set(request.id, element);
                          else cancelButtons.current.delete(request.id);
                        }}
                        variant="secondary"
                        size="sm"
                        aria-label={t('requests.cancelLabel', { date: formatDateTime(request.createdAt, locale) })}
                        onClick={() => {
                          setCancelError(null);
                          setCancelling(request);
                        }}
                      >
                        {t('requests.cancel')}
                      </Button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {connection.pageInfo.hasNextPage ? (
        <div className="load-more">
          <Button variant="secondary" isLoading={loadingMore} onClick={() => void loadMore()}>
            {t('requests.loadMore')}
          </Button>
          {moreError ? <Alert tone="error">{moreError}</Alert> : null}
        </div>
      ) : null}
      <ConfirmDialog
        open={cancelling !== null}
        tone="danger"
        title={t('requests.cancelTitle')}
        confirmLabel={t('requests.cancelConfirm')}
        loading={cancellation.loading}
        error={cancelError}
        onConfirm={() => void confirmCancel()}
        onClose={() => setCancelling(null)}
        returnFocusRef={{ current: cancelling ? (cancelButtons.current.get(cancelling.id) ?? null) : null }}
      >
        <p>{t('requests.cancelBody', { count: cancelling?.itemCount ?? 1 })}</p>
      </ConfirmDialog>
    </div>
  );
}
