import { useMutation, useQuery } from '@apollo/client/react';
import type { Locale } from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, ConfirmDialog, Spinner, Tabs } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import {
  CancelForwardingDocument,
  ForwardingQueueDocument,
  MarkForwardingSentDocument,
  type QueuedForwardingFragment,
} from '../api/generated';
import type { ForwardingStatus } from '@/lib/graphql/schema-types';
import { useMailLabels, useOperatorTranslation } from '../hooks/use-operator-translation';
import '../operator.css';

const STATUSES: readonly ForwardingStatus[] = ['REQUESTED', 'SENT', 'CANCELLED'];
const PAGE = 25;

const parseStatus = (value: string | null): ForwardingStatus => STATUSES.find((status) => status === value) ?? 'REQUESTED';

function addressLines(address: QueuedForwardingFragment['address'], locale: Locale): string[] {
  const lines = [address.line1, address.line2, `${address.postalCode} ${address.city}`.trim()].filter((line): line is string =>
    Boolean(line),
  );
  if (address.country !== 'FR') {
    let country = address.country;
    try {
      country = new Intl.DisplayNames([locale === 'fr' ? 'fr-FR' : 'en-GB'], { type: 'region' }).of(address.country) ?? country;
    } catch {
      // an unknown code stays as it is
    }
    lines.push(country);
  }
  return lines;
}

type Action = { kind: 'send' | 'cancel'; request: QueuedForwardingFragment };

/**
 * "File de réexpédition": the forwarding requests of every company, oldest first, by status
 * (in the URL). The operator marks a posted request as sent, or cancels it, after confirming.
 */
export function ForwardingQueuePage() {
  const { t } = useOperatorTranslation();
  const { t: tMail } = useMailLabels();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get('status'));
  const captionId = `queue-${useId()}`;
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const actionButtons = useRef(new Map<string, HTMLButtonElement>());
  const { data, loading, error, refetch, fetchMore } = useQuery(ForwardingQueueDocument, {
    variables: { status, first: PAGE },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [markSent, marking] = useMutation(MarkForwardingSentDocument, { refetchQueries: ['ForwardingQueue'], awaitRefetchQueries: true });
  const [cancel, cancelling] = useMutation(CancelForwardingDocument, { refetchQueries: ['ForwardingQueue'], awaitRefetchQueries: true });
  const connection = data?.forwardingQueue;
  const requests = connection?.edges.map((edge) => edge.node) ?? [];

  const selectStatus = (next: ForwardingStatus) => {
    setNotice(null);
    setParams(next === 'REQUESTED' ? new URLSearchParams() : new URLSearchParams({ status: next }));
  };

  const confirm = async () => {
    if (!action) return;
    setActionError(null);
    const company = action.request.company.name;
    try {
      if (action.kind === 'send') {
        await markSent({ variables: { id: action.request.id } });
        setNotice(t('queue.marked', { company }));
      } else {
        await cancel({ variables: { id: action.request.id } });
        setNotice(t('queue.cancelled', { company }));
      }
      setAction(null);
    } catch (cause) {
      setActionError(describeError(cause, locale, tApp('errors.network')));
    }
  };

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      await fetchMore({
        variables: { after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          forwardingQueue: {
            ...fetchMoreResult.forwardingQueue,
            edges: [...previous.forwardingQueue.edges, ...fetchMoreResult.forwardingQueue.edges],
          },
        }),
      });
    } catch (cause) {
      setMoreError(describeError(cause, locale, tApp('errors.network')));
    } finally {
      setLoadingMore(false);
    }
  };

  const day = (request: QueuedForwardingFragment) => formatDate(request.createdAt, locale);

  return (
    <>
      <PageHeader title={t('queue.title')} description={t('queue.description')} />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>
      <Tabs
        label={t('queue.tabs')}
        selected={status}
        onSelect={selectStatus}
        items={STATUSES.map((key) => ({ key, label: t(`queue.statuses.${key}`) }))}
      >
        {!connection ? (
          loading ? (
            <Spinner label={t('queue.loading')} />
          ) : (
            <LoadFailed title={t('queue.loadFailed')} error={error} onRetry={() => void refetch()} />
          )
        ) : requests.length === 0 ? (
          <div className="empty-state">
            <p>{t(`queue.empty.${status}`)}</p>
          </div>
        ) : (
          <div className="queue">
            <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="table">
                <caption id={captionId} className="visually-hidden">
                  {t('queue.caption', { status: t(`queue.statuses.${status}`) })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('queue.columns.createdAt')}</th>
                    <th scope="col">{t('queue.columns.company')}</th>
                    <th scope="col">{t('queue.columns.items')}</th>
                    <th scope="col">{t('queue.columns.address')}</th>
                    <th scope="col">{t('queue.columns.requestedBy')}</th>
                    {status === 'REQUESTED' ? (
                      <th scope="col">
                        <span className="visually-hidden">{t('queue.columns.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {requests.map((request) => (
                    <tr key={request.id}>
                      <td>
                        <time dateTime={request.createdAt}>{formatDateTime(request.createdAt, locale)}</time>
                        {request.processedAt ? (
                          <span className="table__meta">{t('queue.processedAt', { date: formatDate(request.processedAt, locale) })}</span>
                        ) : null}
                      </td>
                      <th scope="row">
                        <span className="table__name">{request.company.name}</span>
                        <span className="table__meta">{request.company.siret}</span>
                      </th>
                      <td>
                        <span className="table__name">{t('queue.items', { count: request.itemCount })}</span>
                        <ul className="queue__items">
                          {request.items.map((item) => (
                            <li key={item.id} className="table__meta">
                              {item.sender} — {formatDate(item.receivedAt, locale)} · {tMail(`types.${item.type}`)}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <address className="queue__address">
                          {addressLines(request.address, locale).map((line) => (
                            <span key={line}>{line}</span>
                          ))}
                        </address>
                      </td>
                      <td>{request.requestedByName ?? t('queue.unknownRequester')}</td>
                      {status === 'REQUESTED' ? (
                        <td className="table__actions">
                          <div className="queue__actions">
                            <Button
                              ref={(element) => {
                                if (element) actionButtons.current.set(request.id, element);
                                else actionButtons.current.delete(request.id);
                              }}
                              size="sm"
                              aria-label={t('queue.markSentLabel', { company: request.company.name, date: day(request) })}
                              onClick={() => {
                                setActionError(null);
                                setAction({ kind: 'send', request });
                              }}
                            >
                              {t('queue.markSent')}
                            </Button>
                            <Button
                              variant="ghost"
                              size="sm"
                              aria-label={t('queue.cancelLabel', { company: request.company.name, date: day(request) })}
                              onClick={() => {
                                setActionError(null);
                                setAction({ kind: 'cancel', request });
                              }}
                            >
                              {t('queue.cancel')}
                            </Button>
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {connection.pageInfo.hasNextPage ? (
              <div className="queue__more">
                <Button variant="secondary" isLoading={loadingMore} onClick={() => void loadMore()}>
                  {t('queue.loadMore')}
                </Button>
                {moreError ? <Alert tone="error">{moreError}</Alert> : null}
              </div>
            ) : null}
          </div>
        )}
      </Tabs>
      <ConfirmDialog
        open={action !== null}
        tone={action?.kind === 'cancel' ? 'danger' : 'primary'}
        title={action?.kind === 'cancel' ? t('queue.cancelTitle', { company: action.request.company.name }) : t('queue.markSentTitle')}
        confirmLabel={action?.kind === 'cancel' ? t('queue.cancelConfirm') : t('queue.markSentConfirm')}
        loading={marking.loading || cancelling.loading}
        error={actionError}
        onConfirm={() => void confirm()}
        onClose={() => setAction(null)}
        returnFocusRef={{ current: action ? (actionButtons.current.get(action.request.id) ?? null) : null }}
      >
        <p>
          {action?.kind === 'cancel'
            ? t('queue.cancelBody')
            : t('queue.markSentBody', { count: action?.request.itemCount ?? 1, company: action?.request.company.name ?? '' })}
        </p>
      </ConfirmDialog>
    </>
  );
}
