import { useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { LoadFailed } from '@/components/errors';
import { Button } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { formatCents } from '@/lib/invoice-format';
import { InvoiceTotalsDocument } from '../api/generated';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import type { StatusFilter } from '../utils/filters';

export interface InvoiceTotalsSummaryProps {
  companyId: string;
  /** The status filter of the list, so a figure's button is not offered when its list is shown. */
  status: StatusFilter | null;
  /** Shows the list of the invoices behind a figure (À payer, En retard). */
  onShow: (status: StatusFilter) => void;
}

/**
 * At the top of Factures: what the company still has to pay, and how much of it is past its due
 * date, every year together (the API sums them), each with a button to list those invoices.
 */
export function InvoiceTotalsSummary({ companyId, status, onShow }: InvoiceTotalsSummaryProps) {
  const { t, i18n } = useInvoicesTranslation();
  const locale = localeOf(i18n);
  const headingId = `invoice-totals-${useId()}`;
  const { data, loading, error, refetch } = useQuery(InvoiceTotalsDocument, {
    variables: { companyId },
    fetchPolicy: 'cache-and-network',
  });
  const totals = data?.company?.invoiceTotals;

  if (!totals) {
    if (loading) return <div className="invoice-totals invoice-totals--loading" aria-hidden="true" />;
    return error ? <LoadFailed title={t('totals.loadFailed')} error={error} onRetry={() => void refetch()} /> : null;
  }
  return (
    <section className="invoice-totals" aria-labelledby={headingId}>
      <h2 id={headingId} className="visually-hidden">
        {t('totals.label')}
      </h2>
      <div className={totals.dueCount > 0 ? 'invoice-total' : 'invoice-total invoice-total--settled'}>
        <p className="invoice-total__label">{t('totals.due')}</p>
        <p className="invoice-total__amount">{formatCents(totals.dueCents, locale)}</p>
        {totals.dueCount > 0 ? (
          <>
            <p className="invoice-total__meta">{t('totals.invoices', { count: totals.dueCount })}</p>
            {status !== 'DUE' ? (
              <p className="invoice-total__action">
                <Button variant="link" onClick={() => onShow('DUE')}>
                  {t('totals.showDue')}
                </Button>
              </p>
            ) : null}
          </>
        ) : (
          <p className="invoice-total__meta">{t('totals.nothingDue')}</p>
        )}
      </div>
      <div className={totals.overdueCount > 0 ? 'invoice-total invoice-total--overdue' : 'invoice-total invoice-total--settled'}>
        <p className="invoice-total__label">{t('totals.overdue')}</p>
        <p className="invoice-total__amount">{formatCents(totals.overdueCents, locale)}</p>
        {totals.overdueCount > 0 ? (
          <>
            <p className="invoice-total__meta">{t('totals.invoices', { count: totals.overdueCount })}</p>
            {status !== 'OVERDUE' ? (
              <p className="invoice-total__action">
                <Button variant="link" onClick={() => onShow('OVERDUE')}>
                  {t('totals.showOverdue')}
                </Button>
              </p>
            ) : null}
          </>
        ) : (
          <p className="invoice-total__meta">{t('totals.nothingOverdue')}</p>
        )}
      </div>
    </section>
  );
}
