import { useQuery } from '@apollo/client/react';
import { formatSiret } from '@guichet/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, Link, SelectField, Spinner } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import type { FormalityState } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import { OperatorFormalitiesDocument, OperatorFormalityCompanyDocument } from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import '../../formalities.css';
import '../../operator.css';
import { STATE_ORDER, STATE_TONES, TURN_TONES } from './formality-format';
import { OpenFormalityForm } from './open-formality-form';

const PAGE = 25;

const isState = (value: string | null): value is FormalityState => (STATE_ORDER as readonly string[]).includes(value ?? '');

/**
 * One company's formalities, for the operator: those where it is the client's turn first (as the
 * client sees them), filtered by state (kept in the URL), and a form to open a new one.
 */
export function CompanyFormalitiesPage({ companyId }: { companyId: string }) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const captionId = `formalities-${id}`;
  const [searchParams, setSearchParams] = useSearchParams();
  const stateParam = searchParams.get('state');
  const state = isState(stateParam) ? stateParam : null;
  const companyQuery = useQuery(OperatorFormalityCompanyDocument, { variables: { companyId }, fetchPolicy: 'cache-and-network' });
  const listQuery = useQuery(OperatorFormalitiesDocument, {
    variables: { companyId, first: PAGE, filter: state ? { state } : null },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const company = companyQuery.data?.company ?? null;
  const connection = listQuery.data?.operatorFormalities ?? null;
  const formalities = connection?.edges.map((edge) => edge.node) ?? [];

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      await listQuery.fetchMore({
        variables: { after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous.operatorFormalities;
          const page = fetchMoreResult.operatorFormalities;
          if (!before || !page) return previous;
          return { operatorFormalities: { ...page, edges: [...before.edges, ...page.edges] } };
        },
      });
    } catch (cause) {
      setMoreError(describeError(cause, locale, tApp('errors.network')));
    } finally {
      setLoadingMore(false);
    }
  };

  if (!company) {
    return (
      <>
        <PageHeader title={t('company.titleLoading')} />
        {companyQuery.loading ? (
          <Spinner label={t('company.loading')} />
        ) : companyQuery.error ? (
          <LoadFailed title={t('company.loadFailed')} error={companyQuery.error} onRetry={() => void companyQuery.refetch()} />
        ) : (
          <Alert tone="error">{t('company.notFound')}</Alert>
        )}
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('company.title', { company: company.name })}
        description={t('company.siret', { siret: formatSiret(company.siret) })}
        actions={
          <Link variant="button-secondary" to={paths.operator.formalities.getHref()}>
            {t('company.back')}
          </Link>
        }
      />
      <div className="formalities-page">
        <section className="formalities-list" aria-labelledby={`${id}-list`}>
          <div className="formalities-list__head">
            <h2 id={`${id}-list`} className="formalities-section__title">
              {t('company.listTitle')}
            </h2>
            <SelectField
              className="formalities-list__filter"
              label={t('company.filter')}
              value={state ?? ''}
              onChange={(event) => {
                const next = new URLSearchParams(searchParams);
                if (event.target.value) next.set('state', event.target.value);
                else next.delete('state');
                setSearchParams(next, { replace: true });
              }}
            >
              <option value="">{t('company.filterAll')}</option>
              {STATE_ORDER.map((value) => (
                <option key={value} value={value}>
                  {t(`labels.states.${value}`)}
                </option>
              ))}
            </SelectField>
          </div>
          {!connection ? (
            listQuery.loading ? (
              <Spinner label={t('company.listLoading')} />
            ) : (
              <LoadFailed title={t('company.listFailed')} error={listQuery.error} onRetry={() => void listQuery.refetch()} />
            )
          ) : formalities.length === 0 ? (
            <div className="empty-state">
              <p>{state ? t('company.emptyFiltered', { state: t(`labels.states.${state}`) }) : t('company.empty')}</p>
            </div>
          ) : (
            <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
              <table className="table formalities-table">
                <caption id={captionId} className="visually-hidden">
                  {t('company.caption', { company: company.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('company.columns.title')}</th>
                    <th scope="col">{t('company.columns.state')}</th>
                    <th scope="col">{t('company.columns.turn')}</th>
                    <th scope="col">{t('company.columns.dueDate')}</th>
                    <th scope="col">{t('company.columns.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {formalities.map((formality) => (
                    <tr key={formality.id}>
                      <th scope="row">
                        <Link to={paths.operator.formalities.getHref(companyId, formality.id)} className="table__name">
                          {formality.title}
                        </Link>
                        <span className="table__meta">{t(`labels.types.${formality.type}`)}</span>
                      </th>
                      <td>
                        <Badge tone={STATE_TONES[formality.state]}>{t(`labels.states.${formality.state}`)}</Badge>
                        {formality.trackingNumber ? <span className="table__meta">{formality.trackingNumber}</span> : null}
                      </td>
                      <td>
                        {formality.turn ? (
                          <Badge tone={TURN_TONES[formality.turn]}>{t(`labels.turns.${formality.turn}`)}</Badge>
                        ) : (
                          <span className="muted">{t('labels.turns.none')}</span>
                        )}
                      </td>
                      <td className="formalities-table__date">
                        {formality.dueDate ? <time dateTime={formality.dueDate}>{formatCalendarDay(formality.dueDate, locale)}</time> : '—'}
                      </td>
                      <td className="formalities-table__date">
                        <time dateTime={formality.updatedAt}>{formatDate(formality.updatedAt, locale)}</time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {connection?.pageInfo.hasNextPage ? (
            <div className="queue__more">
              {moreError ? <Alert tone="error">{moreError}</Alert> : null}
              <Button variant="secondary" isLoading={loadingMore} onClick={() => void loadMore()}>
                {t('company.loadMore')}
              </Button>
            </div>
          ) : null}
        </section>

        <OpenFormalityForm companyId={companyId} />
      </div>
    </>
  );
}
