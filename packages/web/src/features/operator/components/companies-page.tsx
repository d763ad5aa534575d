import { useMutation, useQuery } from '@apollo/client/react';
import { formatSiret, validationMessage } from '@guichet/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, Link, Spinner, TextField } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import {
  OperatorCompanyListDocument,
  ResendFirstAdminInvitationDocument,
  type FirstAdminStateFragment,
  type OperatorCompanyListQuery,
} from '../api/generated';
import { useOperatorTranslation } from '../hooks/use-operator-translation';
import '../operator.css';
import { ReplaceFirstAdminDialog } from './replace-first-admin-dialog';

const PAGE = 25;
const DEBOUNCE_MS = 250;

type ListedCompany = OperatorCompanyListQuery['companies']['edges'][number]['node'];

/**
 * "Sociétés": the client companies, newest first, with where each stands with its first
 * administrator. While a company has no active administrator, the operator resends the
 * invitation (a new link, the old one stops working) or invites someone else instead; once an
 * administrator is active, the company's own administrators manage its team.
 */
export function CompaniesPage() {
  const { t } = useOperatorTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const captionId = `companies-${useId()}`;
  const [term, setTerm] = useState('');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [replacing, setReplacing] = useState<ListedCompany | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const replaceButtons = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    const timer = window.setTimeout(() => setSearch(term.trim()), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [term]);

  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(OperatorCompanyListDocument, {
    variables: { search: search || null, first: PAGE },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [resend] = useMutation(ResendFirstAdminInvitationDocument);
  const connection = (data ?? previousData)?.companies;
  const companies = connection?.edges.map((edge) => edge.node) ?? [];

  const describe = (cause: unknown) => {
    const field = fieldErrorsOf(cause)[0];
    return field ? validationMessage(field.code, locale) : describeError(cause, locale, tApp('errors.network'));
  };

  const resendOne = async (company: ListedCompany) => {
    setNotice(null);
    setRowError(null);
    setBusy(company.id);
    try {
      const result = await resend({ variables: { companyId: company.id } });
      const invitation = result.data?.resendFirstAdminInvitation?.pendingAdminInvitation;
      if (invitation) {
        setNotice(
          t('companies.resent', { email: invitation.email, date: formatDate(invitation.expiresAt, locale), company: company.name }),
        );
      }
    } catch (cause) {
      setRowError({ id: company.id, message: describe(cause) });
      void refetch();
    } finally {
      setBusy(null);
    }
  };

  const replaced = (company: ListedCompany, state: FirstAdminStateFragment) => {
    const invitation = state.pendingAdminInvitation;
    setReplacing(null);
    setRowError(null);
    if (invitation) {
      setNotice(
        t('companies.replaced', { email: invitation.email, date: formatDate(invitation.expiresAt, locale), company: company.name }),
      );
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
          companies: { ...fetchMoreResult.companies, edges: [...previous.companies.edges, ...fetchMoreResult.companies.edges] },
        }),
      });
    } catch (cause) {
      setMoreError(describeError(cause, locale, tApp('errors.network')));
    } finally {
      setLoadingMore(false);
    }
  };

  const adminState = (company: ListedCompany) => {
    if (company.hasAdministrator) return <Badge tone="success">{t('companies.state.active')}</Badge>;
    const invitation = company.pendingAdminInvitation;
    if (!invitation) return <Badge tone="warning">{t('companies.state.none')}</Badge>;
    const expired = invitation.status === 'EXPIRED';
    const name = `${invitation.firstName} ${invitation.lastName}`.trim();
    return (
      <>
        <Badge tone={expired ? 'warning' : 'info'}>{expired ? t('companies.state.expired') : t('companies.state.pending')}</Badge>
        <span className="table__name">{invitation.email}</span>
        {name ? <span className="table__meta">{name}</span> : null}
        <span className="table__meta">
          <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt, locale)}>
            {t(expired ? 'companies.expiredOn' : 'companies.expiresOn', { date: formatDate(invitation.expiresAt, locale) })}
          </time>
          {' · '}
          {t('companies.sentCount', { count: invitation.sentCount })}
        </span>
      </>
    );
  };

  return (
    <>
      <PageHeader
        title={t('companies.title')}
        description={t('companies.description')}
        actions={
          <Link variant="button" to={paths.operator.newCompany.getHref()}>
            {t('companies.new')}
          </Link>
        }
      />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>
      <div className="queue">
        <div className="company-picker">
          <TextField
            type="search"
            label={t('companies.search')}
            description={t('company.searchHint')}
            value={term}
            autoComplete="off"
            onChange={(event) => setTerm(event.target.value)}
          />
        </div>
        {!connection ? (
          loading ? (
            <Spinner label={t('companies.loading')} />
          ) : (
            <LoadFailed title={t('companies.loadFailed')} error={error} onRetry={() => void refetch()} />
          )
        ) : companies.length === 0 ? (
          <div className="empty-state">
            <p>{search ? t('companies.none', { search }) : t('companies.empty')}</p>
          </div>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="table">
              <caption id={captionId} className="visually-hidden">
                {t('companies.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('companies.columns.company')}</th>
                  <th scope="col">{t('companies.columns.createdAt')}</th>
                  <th scope="col">{t('companies.columns.admin')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('companies.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {companies.map((company) => {
                  const error = rowError?.id === company.id ? rowError.message : null;
                  const errorId = `company-${company.id}-error`;
                  return (
                    <tr key={company.id}>
                      <th scope="row" className="table__person">
                        <span className="table__name">{company.name}</span>
                        <span className="table__meta">{t('company.siret', { siret: formatSiret(company.siret) })}</span>
                      </th>
                      <td>
                        <time dateTime={company.createdAt} title={formatDateTime(company.createdAt, locale)}>
                          {formatDate(company.createdAt, locale)}
                        </time>
                      </td>
                      <td className="table__person">{adminState(company)}</td>
                      <td className="table__actions">
                        <Link
                          className="companies__billing"
                          to={paths.operator.billing.getHref(company.id)}
                          aria-label={t('companies.billingLabel', { company: company.name })}
                        >
                          {t('companies.billing')}
                        </Link>
                        {company.hasAdministrator === false ? (
                          <div className="queue__actions">
                            {company.pendingAdminInvitation ? (
                              <Button
                                variant="secondary"
                                size="sm"
                                isLoading={busy === company.id}
                                aria-label={t('companies.resendLabel', { company: company.name })}
                                aria-describedby={error ? errorId : undefined}
                                onClick={() => void resendOne(company)}
                              >
                                {t('companies.resend')}
                              </Button>
                            ) : null}
                            <Button
                              ref={(element) => {
                                if (element) replaceButtons.current.set(company.id, element);
                                else replaceButtons.current.delete(company.id);
                              }}
                              variant="secondary"
                              size="sm"
                              aria-label={t(company.pendingAdminInvitation ? 'companies.replaceLabel' : 'companies.inviteLabel', {
                                company: company.name,
                              })}
                              onClick={() => {
                                setNotice(null);
                                setReplacing(company);
                              }}
                            >
                              {company.pendingAdminInvitation ? t('companies.replaceAction') : t('companies.invite')}
                            </Button>
                          </div>
                        ) : null}
                        {error ? (
                          <p id={errorId} className="field__error">
                            {error}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {connection?.pageInfo.hasNextPage ? (
          <div className="queue__more">
            {moreError ? <Alert tone="error">{moreError}</Alert> : null}
            <Button variant="secondary" isLoading={loadingMore} onClick={() => void loadMore()}>
              {t('companies.loadMore')}
            </Button>
          </div>
        ) : null}
      </div>
      {replacing ? (
        <ReplaceFirstAdminDialog
          company={replacing}
          onClose={() => setReplacing(null)}
          onDone={(state) => replaced(replacing, state)}
          returnFocusRef={{ current: replaceButtons.current.get(replacing.id) ?? null }}
        />
      ) : null}
    </>
  );
}
