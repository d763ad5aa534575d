import { useQuery } from '@apollo/client/react';
import { useCallback, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Spinner } from '@/components/ui';
import { getCompanyPage } from '@/config/paths';
import { useCan, useCurrentMembership } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import { FormalityDocument } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { FormalityStateBadge, FormalityTurnLabel } from './formality-badges';
import { FormalityDocuments } from './formality-documents';
import { FormalitySignatures } from './formality-signatures';
import { FormalityTimeline } from './formality-timeline';
import { InformationRequestCard } from './information-request-card';

/**
 * One formality (`/c/:companyId/services/:formalityId`, also the link of the notification emails):
 * where it stands and whose turn it is, what is asked (each answer saved on its own), what is to
 * sign, what was delivered, and every step of its timeline.
 */
export function FormalityDetailPage({ formalityId }: { formalityId: string }) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const membership = useCurrentMembership();
  const allowed = useCan();
  const location = useLocation();
  const companyId = membership?.company.id ?? '';
  const companyName = membership?.company.name ?? '';
  // Back to the list as it was (its filter), when the person came from it.
  const listSearch = (location.state as { listSearch?: unknown } | null)?.listSearch;
  const listHref = `${getCompanyPage('services').getHref(companyId)}${typeof listSearch === 'string' ? listSearch : ''}`;
  const ids = useId();

  const { data, loading, error, refetch } = useQuery(FormalityDocument, {
    variables: { companyId, id: formalityId },
    skip: !membership,
    // The operator may have moved it since the last visit.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const formality = data?.company?.formality ?? null;
  const reload = useCallback(() => void refetch().catch(() => undefined), [refetch]);

  if (!membership) return null;

  const back = (
    <p className="formality-back">
      <Link to={listHref} className="link">
        <span aria-hidden="true">← </span>
        {t('detail.back')}
      </Link>
    </p>
  );

  if (!formality) {
    return (
      <>
        {back}
        <PageHeader title={tApp('pages.services.title')} />
        {loading ? (
          <Spinner label={t('detail.loading')} />
        ) : error ? (
          <LoadFailed title={t('detail.loadFailed')} error={error} onRetry={reload} />
        ) : (
          <Alert tone="error">{t('detail.notFound', { company: companyName })}</Alert>
        )}
      </>
    );
  }

  const over = formality.turn === null;
  const canRespond = allowed('formality:respond') && !over;
  const permissions = { sign: allowed('formality:sign'), download: allowed('formality:download') };
  const openRequests = formality.requests.filter((request) => request.status === 'OPEN').length;
  const toSign = formality.signatureRequests.filter((request) => request.status === 'PENDING' && request.isMine).length;

  let todo: ReactNode;
  if (formality.turn === 'CLIENT') {
    const lines = [
      openRequests > 0 && allowed('formality:respond') ? t('detail.todo.requests', { count: openRequests }) : null,
      toSign > 0 && permissions.sign ? t('detail.todo.signatures', { count: toSign }) : null,
    ].filter((line): line is string => line !== null);
    todo = (
      <div className="formality-todo formality-todo--client">
        <p className="formality-todo__title">{t('detail.todo.title')}</p>
        {lines.length > 0 ? lines.map((line) => <p key={line}>{line}</p>) : <p>{t('detail.todo.waiting')}</p>}
      </div>
    );
  } else {
    todo = <p className="formality-todo">{over ? t('detail.todo.over') : t('detail.todo.operator')}</p>;
  }

  const section = (key: 'requests' | 'signatures' | 'documents' | 'timeline', content: ReactNode) => (
    <section key={key} className="card formality-section" aria-labelledby={`${ids}-${key}`}>
      <h2 id={`${ids}-${key}`} className="card__title">
        {t(`detail.sections.${key}`)}
      </h2>
      {content}
    </section>
  );

  const requests = section(
    'requests',
    formality.requests.length === 0 ? (
      <p className="muted">{t('requests.empty')}</p>
    ) : (
      <div className="formality-requests">
        {formality.requests.map((request) => (
          <InformationRequestCard
            key={request.id}
            companyId={companyId}
            request={request}
            canAnswer={canRespond}
            canViewFiles={allowed('formality:read')}
            onAnswered={reload}
          />
        ))}
      </div>
    ),
  );
  const signatures =
    formality.signatureRequests.length > 0
      ? section(
          'signatures',
          <FormalitySignatures companyId={companyId} requests={formality.signatureRequests} permissions={permissions} onChanged={reload} />,
        )
      : null;

  const documents = section(
    'documents',
    <FormalityDocuments companyId={companyId} documents={formality.documents} canDownload={permissions.download} />,
  );

  return (
    <>
      {back}
      <PageHeader title={formality.title} description={t(`types.${formality.type}`)} />
      <div className="formality-detail">
        <section className="card formality-summary" aria-labelledby={`${ids}-summary`}>
          <h2 id={`${ids}-summary`} className="visually-hidden">
            {t('detail.facts.label')}
          </h2>
          <dl className="formality-summary__badges">
            <div>
              <dt className="visually-hidden">{t('detail.facts.state')}</dt>
              <dd>
                <FormalityStateBadge state={formality.state} />
              </dd>
            </div>
            <div>
              <dt className="visually-hidden">{t('detail.facts.turn')}</dt>
              <dd>
                <FormalityTurnLabel turn={formality.turn} />
              </dd>
            </div>
          </dl>
          <dl className="facts formality-facts">
            <div>
              <dt>{t('detail.facts.type')}</dt>
              <dd>{t(`types.${formality.type}`)}</dd>
            </div>
            {formality.dueDate && !over ? (
              <div>
                <dt>{t('detail.facts.dueDate')}</dt>
                <dd>
                  <time dateTime={formality.dueDate}>{formatCalendarDay(formality.dueDate, locale, 'long')}</time>
                </dd>
              </div>
            ) : null}
            {formality.trackingNumber ? (
              <div>
                <dt>{t('detail.facts.trackingNumber')}</dt>
                <dd className="formality-facts__code">{formality.trackingNumber}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('detail.facts.openedAt')}</dt>
              <dd>
                <time dateTime={formality.createdAt}>{formatDate(formality.createdAt, locale)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('detail.facts.updatedAt')}</dt>
              <dd>
                <time dateTime={formality.updatedAt}>{formatDate(formality.updatedAt, locale)}</time>
              </dd>
            </div>
          </dl>
          {formality.reason && (formality.state === 'REJECTED' || formality.state === 'REGULARISATION_REQUESTED') ? (
            <Alert tone={formality.state === 'REJECTED' ? 'error' : 'warning'} live="off" title={t(`detail.reason.${formality.state}`)}>
              <p className="formality-reason">{formality.reason}</p>
            </Alert>
          ) : null}
          {todo}
        </section>

        {/* A steady order: what may be asked of the person first; once it is over, what was delivered. */}
        {over ? [documents, signatures, requests] : [signatures, requests, documents]}
        {section('timeline', <FormalityTimeline events={formality.timeline} />)}
      </div>
    </>
  );
}
