import { useQuery } from '@apollo/client/react';
import { formatSiret } from '@guichet/shared';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, Card, Link, Spinner, type BadgeTone } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError } from '@/lib/errors';
import type { InvoiceStatus } from '@/lib/graphql/schema-types';
import { formatDate } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay, formatCents, formatVatRate } from '@/lib/invoice-format';
import { CompanyBillingDocument, CompanyInvoicesDocument, type BilledInvoiceFragment } from '../api/billing/generated';
import { useBillingTranslation, useInvoiceLabels } from '../hooks/use-billing-translation';
import '../billing.css';
import '../operator.css';
import { computeInvoiceTotals, isVatRate } from '../utils/invoice-totals';
import { CreditNoteDialog } from './credit-note-dialog';
import { PaymentDialog } from './payment-dialog';
import { PlanDialog } from './plan-dialog';

const PAGE = 25;

type ShownStatus = InvoiceStatus | 'OVERDUE' | 'CREDIT_NOTE';
const STATUS_TONES: Record<ShownStatus, BadgeTone> = {
  DUE: 'warning',
  OVERDUE: 'danger',
  PARTIALLY_PAID: 'info',
  PAID: 'success',
  CREDITED: 'neutral',
  CREDIT_NOTE: 'neutral',
};

type Action = { kind: 'pay' | 'credit'; invoice: BilledInvoiceFragment } | { kind: 'plan' } | null;

/**
 * One company's billing, for the operator: its plan (set or change it), its invoices and credit
 * notes newest first, and on each invoice the payments received ("Encaisser") and credit notes
 * ("Avoir"); a one-off invoice from "Nouvelle facture".
 */
export function CompanyBillingPage({ companyId }: { companyId: string }) {
  const { t } = useBillingTranslation();
  const { t: tInvoices } = useInvoiceLabels();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const captionId = `billing-${useId()}`;
  const { data, loading, error, refetch } = useQuery(CompanyBillingDocument, {
    variables: { companyId },
    fetchPolicy: 'cache-and-network',
  });
  const invoicesQuery = useQuery(CompanyInvoicesDocument, {
    variables: { companyId, first: PAGE },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const company = data?.company ?? null;
  const plan = company?.plan ?? null;
  const connection = invoicesQuery.data?.operatorInvoices;
  const invoices = connection?.edges.map((edge) => edge.node) ?? [];
  const [action, setAction] = useState<Action>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const planButton = useRef<HTMLButtonElement>(null);
  const rowButtons = useRef(new Map<string, HTMLButtonElement>());
  const money = (cents: number) => formatCents(cents, locale);

  const loadMore = async () => {
    if (!connection?.pageInfo.endCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      await invoicesQuery.fetchMore({
        variables: { after: connection.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const before = previous.operatorInvoices;
          const page = fetchMoreResult.operatorInvoices;
          if (!before || !page) return previous;
          return { operatorInvoices: { ...page, edges: [...before.edges, ...page.edges] } };
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
        {loading ? (
          <Spinner label={t('company.loading')} />
        ) : error ? (
          <LoadFailed title={t('company.loadFailed')} error={error} onRetry={() => void refetch()} />
        ) : (
          <Alert tone="error">{t('company.notFound')}</Alert>
        )}
      </>
    );
  }

  const planGross =
    plan && isVatRate(plan.vatRate)
      ? computeInvoiceTotals([{ quantity: '1', unitPriceCents: plan.priceCents, vatRate: plan.vatRate }]).grossCents
      : null;
  const rowRef = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) rowButtons.current.set(key, element);
    else rowButtons.current.delete(key);
  };

  return (
    <>
      <PageHeader
        title={t('company.title', { company: company.name })}
        description={t('company.siret', { siret: formatSiret(company.siret) })}
        actions={
          <>
            <Link variant="button-secondary" to={paths.operator.companies.getHref()}>
              {t('company.back')}
            </Link>
            <Link variant="button" to={paths.operator.billing.getHref(company.id, 'new')}>
              {t('company.newInvoice')}
            </Link>
          </>
        }
      />
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone="success" live="off">
            {notice}
          </Alert>
        ) : null}
      </div>

      <Card className="billing-plan" aria-labelledby={`${captionId}-plan`}>
        <div className="billing-plan__head">
          <h2 id={`${captionId}-plan`} className="card__title">
            {t('plan.title')}
          </h2>
          <Button
            ref={planButton}
            variant="secondary"
            size="sm"
            onClick={() => {
              setNotice(null);
              setAction({ kind: 'plan' });
            }}
          >
            {plan ? t('plan.edit') : t('plan.set')}
          </Button>
        </div>
        {plan ? (
          <div className="billing-plan__body">
            <p>
              <strong>{plan.label}</strong>{' '}
              <Badge tone={plan.active ? 'success' : 'neutral'}>{plan.active ? t('plan.activeBadge') : t('plan.inactiveBadge')}</Badge>
            </p>
            <p>
              {t(`plan.periods.${plan.period}`)} ·{' '}
              {t('plan.priceLine', {
                net: money(plan.priceCents),
                rate: formatVatRate(plan.vatRate, locale),
                gross: planGross === null ? '—' : money(planGross),
              })}
            </p>
            {plan.exemptionReason ? <p className="muted">{t('plan.exemption', { reason: plan.exemptionReason })}</p> : null}
            <p className="muted small">{t('plan.updatedAt', { date: formatDate(plan.updatedAt, locale) })}</p>
          </div>
        ) : (
          <p className="muted">{t('plan.none')}</p>
        )}
      </Card>

      <section className="billing-invoices" aria-labelledby={`${captionId}-invoices`}>
        <h2 id={`${captionId}-invoices`} className="billing-section-title">
          {t('invoices.title')}
        </h2>
        {!connection ? (
          invoicesQuery.loading ? (
            <Spinner label={t('invoices.loading')} />
          ) : (
            <LoadFailed title={t('invoices.loadFailed')} error={invoicesQuery.error} onRetry={() => void invoicesQuery.refetch()} />
          )
        ) : invoices.length === 0 ? (
          <div className="empty-state">
            <p>{t('invoices.empty')}</p>
          </div>
        ) : (
          <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
            <table className="table billing-table">
              <caption id={captionId} className="visually-hidden">
                {t('invoices.caption', { company: company.name })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('invoices.columns.number')}</th>
                  <th scope="col">{t('invoices.columns.issueDate')}</th>
                  <th scope="col">{t('invoices.columns.label')}</th>
                  <th scope="col" className="billing-table__amount">
                    {t('invoices.columns.gross')}
                  </th>
                  <th scope="col">{t('invoices.columns.status')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('invoices.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((invoice) => {
                  const isInvoice = invoice.kind === 'INVOICE';
                  const payable =
                    isInvoice && invoice.remainingCents > 0 && (invoice.status === 'DUE' || invoice.status === 'PARTIALLY_PAID');
                  const creditable = isInvoice && invoice.status !== 'CREDITED' && invoice.creditedCents < invoice.grossCents;
                  const shown: ShownStatus = !isInvoice || !invoice.status ? 'CREDIT_NOTE' : invoice.overdue ? 'OVERDUE' : invoice.status;
                  return (
                    <tr key={invoice.id}>
                      <th scope="row" className="billing-table__number">
                        <span className="table__name">{invoice.number}</span>
                      </th>
                      <td className="billing-table__date">
                        <time dateTime={invoice.issueDate}>{formatCalendarDay(invoice.issueDate, locale)}</time>
                      </td>
                      <td className="billing-table__label">
                        {isInvoice || !invoice.creditedInvoiceNumber
                          ? invoice.label
                          : t('invoices.creditNoteFor', { number: invoice.creditedInvoiceNumber })}
                      </td>
                      <td className="billing-table__amount">
                        {money(isInvoice ? invoice.grossCents : -invoice.grossCents)}
                        {isInvoice && invoice.creditedCents > 0 ? (
                          <span className="table__meta">{t('invoices.credited', { amount: money(invoice.creditedCents) })}</span>
                        ) : null}
                      </td>
                      <td>
                        <Badge tone={STATUS_TONES[shown]}>{tInvoices(`statuses.${shown}`)}</Badge>
                        {payable ? (
                          <span className="table__meta">{t('invoices.remaining', { amount: money(invoice.remainingCents) })}</span>
                        ) : null}
                      </td>
                      <td className="table__actions">
                        <div className="queue__actions">
                          {payable ? (
                            <Button
                              ref={rowRef(`pay-${invoice.id}`)}
                              variant="secondary"
                              size="sm"
                              aria-label={t('invoices.payLabel', { number: invoice.number })}
                              onClick={() => {
                                setNotice(null);
                                setAction({ kind: 'pay', invoice });
                              }}
                            >
                              {t('invoices.pay')}
                            </Button>
                          ) : null}
                          {creditable ? (
                            <Button
                              ref={rowRef(`credit-${invoice.id}`)}
                              variant="secondary"
                              size="sm"
                              aria-label={t('invoices.creditLabel', { number: invoice.number })}
                              onClick={() => {
                                setNotice(null);
                                setAction({ kind: 'credit', invoice });
                              }}
                            >
                              {t('invoices.credit')}
                            </Button>
                          ) : null}
                        </div>
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
              {t('invoices.loadMore')}
            </Button>
          </div>
        ) : null}
      </section>

      {action?.kind === 'plan' ? (
        <PlanDialog
          companyId={company.id}
          companyName={company.name}
          plan={plan}
          onClose={() => setAction(null)}
          onSaved={() => {
            setAction(null);
            setNotice(t('plan.saved', { company: company.name }));
            void refetch();
          }}
          onConflict={() => {
            setAction(null);
            setNotice(t('plan.conflict'));
            void refetch();
          }}
          returnFocusRef={planButton}
        />
      ) : null}
      {action?.kind === 'pay' ? (
        <PaymentDialog
          companyId={company.id}
          invoice={action.invoice}
          onClose={() => setAction(null)}
          onRecorded={(updated, amountCents) => {
            setAction(null);
            setNotice(
              updated.remainingCents > 0
                ? t('payment.done', { amount: money(amountCents), number: updated.number, remaining: money(updated.remainingCents) })
                : t('payment.donePaid', { amount: money(amountCents), number: updated.number }),
            );
          }}
          returnFocusRef={{ current: rowButtons.current.get(`pay-${action.invoice.id}`) ?? null }}
        />
      ) : null}
      {action?.kind === 'credit' ? (
        <CreditNoteDialog
          companyId={company.id}
          invoice={action.invoice}
          onClose={() => setAction(null)}
          onIssued={(note) => {
            setAction(null);
            setNotice(t('creditNote.done', { number: note.number, invoice: action.invoice.number, amount: money(note.grossCents) }));
          }}
          returnFocusRef={{ current: rowButtons.current.get(`credit-${action.invoice.id}`) ?? null }}
        />
      ) : null}
    </>
  );
}
